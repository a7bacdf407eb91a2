// Notifications of the signed-in user (unread first, mark read), preferences per kind, and for the administrator the
// mail outbox. Routes: /notifications, /notifications/preferences, /notifications/outbox.
import { App, Button, Empty, List, Pagination, Segmented, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useUser } from '../auth/session';
import { QueryState } from '../../shared/states';
import { useMarkRead, useNotifications, useOutbox, usePreferences, useSavePreferences, type OutboxMail, type PreferenceView } from './api';

const dateTime = (iso: string) => new Date(iso).toLocaleString('ru-RU', { dateStyle: 'short', timeStyle: 'short' });

function NotificationList() {
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const query = useNotifications(page, unreadOnly);
  const markRead = useMarkRead();
  return (
    <QueryState query={query}>
      {(data) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Segmented
              value={unreadOnly ? 'unread' : 'all'}
              options={[
                { value: 'all', label: 'Все' },
                { value: 'unread', label: `Непрочитанные (${data.unread})` },
              ]}
              onChange={(v) => {
                setUnreadOnly(v === 'unread');
                setPage(1);
              }}
            />
            <Button disabled={data.unread === 0} loading={markRead.isPending && markRead.variables === 'all'} onClick={() => markRead.mutate('all')}>
              Отметить все прочитанными
            </Button>
          </Space>
          {data.items.length === 0 ? (
            <Empty description={unreadOnly ? 'Непрочитанных уведомлений нет' : 'Уведомлений пока нет'} />
          ) : (
            <List
              dataSource={data.items}
              renderItem={(n) => (
                <List.Item
                  data-testid="notification"
                  data-read={n.readAt ? 'true' : 'false'}
                  style={{ background: n.readAt ? undefined : 'rgba(22, 119, 255, 0.06)', paddingInline: 12 }}
                  actions={n.readAt ? [] : [<Button key="read" size="small" onClick={() => markRead.mutate(n.id)}>Прочитано</Button>]}
                >
                  <List.Item.Meta
                    title={
                      <Space>
                        {!n.readAt && <Tag color="blue">новое</Tag>}
                        {n.link ? (
                          <Link to={n.link} data-testid="notification-link" onClick={() => !n.readAt && markRead.mutate(n.id)}>
                            {n.title}
                          </Link>
                        ) : (
                          n.title
                        )}
                      </Space>
                    }
                    description={
                      <>
                        <div>{n.body}</div>
                        <Typography.Text type="secondary">{dateTime(n.createdAt)}</Typography.Text>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
          {data.total > data.pageSize && <Pagination current={page} pageSize={data.pageSize} total={data.total} onChange={setPage} showSizeChanger={false} />}
        </Space>
      )}
    </QueryState>
  );
}

function Preferences() {
  const { message } = App.useApp();
  const query = usePreferences();
  const save = useSavePreferences();
  const change = (p: PreferenceView, field: 'inApp' | 'email', value: boolean) =>
    save.mutate([{ kind: p.kind, inApp: p.inApp, email: p.email, [field]: value }], {
      onSuccess: () => void message.success('Сохранено'),
      onError: (e) => void message.error(e.message),
    });
  return (
    <QueryState query={query}>
      {(data) => (
        <Table<PreferenceView>
          rowKey="kind"
          pagination={false}
          dataSource={data.preferences}
          columns={[
            { title: 'Уведомление', dataIndex: 'label' },
            { title: 'В системе', render: (_, p) => <Switch checked={p.inApp} aria-label={`${p.label}: в системе`} onChange={(v) => change(p, 'inApp', v)} /> },
            { title: 'По почте', render: (_, p) => <Switch checked={p.email} aria-label={`${p.label}: по почте`} onChange={(v) => change(p, 'email', v)} /> },
          ]}
          footer={() => 'Письма приходят на адрес электронной почты из вашей учётной записи.'}
        />
      )}
    </QueryState>
  );
}

const STATUS: Record<OutboxMail['status'], { label: string; color: string }> = {
  pending: { label: 'в очереди', color: 'processing' },
  sent: { label: 'отправлено', color: 'success' },
  failed: { label: 'ошибка', color: 'error' },
  kept: { label: 'сохранено (SMTP не настроен)', color: 'default' },
};

function Outbox() {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | undefined>();
  const query = useOutbox(page, status);
  return (
    <QueryState query={query}>
      {(data) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type={data.smtpConfigured ? undefined : 'warning'} data-testid="outbox-smtp">
            {data.smtpConfigured
              ? 'Почта отправляется через SMTP-сервер из настроек (SMTP_URL).'
              : 'SMTP не настроен (SMTP_URL): письма не отправляются и сохраняются здесь.'}
          </Typography.Paragraph>
          <Select
            allowClear
            placeholder="Все статусы"
            style={{ width: 260 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))}
          />
          <Table<OutboxMail>
            data-testid="outbox-table"
            rowKey="id"
            dataSource={data.items}
            pagination={{ current: page, pageSize: data.pageSize, total: data.total, onChange: setPage, showSizeChanger: false }}
            expandable={{ expandedRowRender: (m) => <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{m.body}</pre> }}
            columns={[
              { title: 'Создано', render: (_, m) => dateTime(m.createdAt) },
              { title: 'Кому', render: (_, m) => `${m.user} <${m.to}>` },
              { title: 'Тема', dataIndex: 'subject' },
              { title: 'Статус', render: (_, m) => <Tag color={STATUS[m.status].color}>{STATUS[m.status].label}</Tag> },
              { title: 'Попыток', dataIndex: 'attempts' },
              { title: 'Ошибка', render: (_, m) => m.lastError ?? '' },
            ]}
          />
        </Space>
      )}
    </QueryState>
  );
}

function Tabbed() {
  const user = useUser();
  const location = useLocation();
  const navigate = useNavigate();
  const tab = location.pathname.endsWith('/preferences') ? 'preferences' : location.pathname.endsWith('/outbox') ? 'outbox' : 'list';
  const items = [
    { key: 'list', label: 'Уведомления', children: <NotificationList /> },
    { key: 'preferences', label: 'Настройки', children: <Preferences /> },
    ...(user.role === 'admin' ? [{ key: 'outbox', label: 'Исходящие письма', children: <Outbox /> }] : []),
  ];
  return (
    <>
      <Typography.Title level={3}>Уведомления</Typography.Title>
      <Tabs activeKey={tab} items={items} onChange={(key) => navigate(key === 'list' ? '/notifications' : `/notifications/${key}`)} destroyOnHidden />
    </>
  );
}

export function NotificationsPage() {
  return (
    <Routes>
      <Route path="*" element={<Tabbed />} />
    </Routes>
  );
}

