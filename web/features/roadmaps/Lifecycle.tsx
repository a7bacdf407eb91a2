// Roadmap lifecycle in the UI: approval by an order, the amendment's order and its diff, the version history.
import { CheckCircleOutlined, HistoryOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Empty, Form, Input, List, Modal, Space, Tag, Typography, Upload } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { REVISION_FIELD_LABELS, type DiffEntry, type RevisionDiff, type RevisionField } from '../../../domain/roadmaps/revisions';
import { api } from '../../shared/api';
import { applyApiError, errorText } from '../../shared/forms';
import { fileSize, refreshRoadmaps, ruDate, type Revision, type RoadmapDetail, type RoadmapSummary } from './api';

export interface OrderValues {
  orderAuthority: string;
  orderNumber: string;
  orderDate: string;
  orderTitle?: string;
}

/** Authority, number and date of an order (приказ), required; an optional title. */
export function OrderFields({ withTitle }: { withTitle?: boolean }) {
  return (
    <>
      <Form.Item name="orderAuthority" label="Кем утверждена (орган)" rules={[{ required: true, whitespace: true, message: 'Укажите, кем издан приказ' }]}>
        <Input maxLength={1000} data-testid="order-authority" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="orderNumber" label="Номер приказа" rules={[{ required: true, whitespace: true, message: 'Укажите номер' }]}>
          <Input maxLength={100} style={{ width: 160 }} data-testid="order-number" />
        </Form.Item>
        <Form.Item name="orderDate" label="Дата приказа" rules={[{ required: true, message: 'Укажите дату' }]}>
          <Input type="date" style={{ width: 180 }} data-testid="order-date" />
        </Form.Item>
      </Space>
      {withTitle && (
        <Form.Item name="orderTitle" label="Название приказа">
          <Input maxLength={1000} data-testid="order-title" />
        </Form.Item>
      )}
    </>
  );
}

/** «Утвердить приказом»: the draft becomes version 1, counted in monitoring and frozen. */
export function ApproveButton({ roadmap }: { roadmap: RoadmapSummary }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<OrderValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const submit = async () => {
    let values: OrderValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/api/roadmaps/${roadmap.id}/approve`, { version: roadmap.version, ...values, orderTitle: values.orderTitle ?? '' });
      await refreshRoadmaps(client);
      message.success('Дорожная карта утверждена: теперь она учитывается в мониторинге');
      setOpen(false);
    } catch (e) {
      setError(applyApiError(form, e) ?? errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setOpen(true)} data-testid="roadmap-approve">
        Утвердить приказом
      </Button>
      <Modal
        open={open}
        title="Утвердить дорожную карту приказом"
        okText="Утвердить"
        cancelText="Отмена"
        confirmLoading={busy}
        onOk={submit}
        onCancel={() => setOpen(false)}
        okButtonProps={{ 'data-testid': 'approve-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          После утверждения мероприятия не редактируются: изменения вносятся только приказом о внесении изменений, и каждая редакция
          сохраняется в истории. Отметки об исполнении ставятся в утверждённой дорожной карте.
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ orderAuthority: roadmap.orderAuthority, orderNumber: roadmap.orderNumber, orderDate: roadmap.orderDate ?? '', orderTitle: roadmap.title }}
        >
          <OrderFields withTitle />
        </Form>
      </Modal>
    </>
  );
}

const entryLabel = (e: { number: string | null; title: string }) => `${e.number ? `${e.number}. ` : ''}${e.title.length > 140 ? `${e.title.slice(0, 140)}…` : e.title}`;

/** Added, removed and changed activities of a version against the previous one. */
export function DiffView({ diff }: { diff: RevisionDiff }) {
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
    return <Typography.Text type="secondary">Мероприятия не менялись.</Typography.Text>;
  }
  return (
    <div data-testid="revision-diff">
      <EntryList title="Добавлено" entries={diff.added} testId="diff-added" mark={<Tag color="green">+</Tag>} />
      <EntryList title="Исключено" entries={diff.removed} testId="diff-removed" mark={<Tag color="red">−</Tag>} struck />
      {diff.changed.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>Изменено: {diff.changed.length}</Typography.Text>}
          dataSource={diff.changed}
          renderItem={(e) => (
            <List.Item data-testid="diff-changed" style={{ display: 'block' }}>
              <div>
                <Tag color="blue">~</Tag> {entryLabel(e)}
              </div>
              {(Object.entries(e.fields) as [RevisionField, [string | null, string | null]][]).map(([field, [before, after]]) => (
                <div key={field} style={{ fontSize: 13, marginLeft: 28 }}>
                  {REVISION_FIELD_LABELS[field]}: <Typography.Text delete type="secondary">{before || '—'}</Typography.Text> → {after || '—'}
                </div>
              ))}
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

/** Added or excluded activities of a diff: a header with the count, one line each. */
function EntryList({ title, entries, testId, mark, struck }: { title: string; entries: DiffEntry[]; testId: string; mark: React.ReactNode; struck?: boolean }) {
  if (entries.length === 0) return null;
  return (
    <List
      size="small"
      header={<Typography.Text strong>{title}: {entries.length}</Typography.Text>}
      dataSource={entries}
      renderItem={(e) => (
        <List.Item data-testid={testId}>
          {mark} {struck ? <Typography.Text delete>{entryLabel(e)}</Typography.Text> : entryLabel(e)}
        </List.Item>
      )}
    />
  );
}

function revisionTitle(r: Revision): string {
  const kind = r.kind === 'approval' ? 'Утверждение' : 'Изменения';
  return `Редакция ${r.number} — ${kind}: приказ № ${r.orderNumber} от ${ruDate(r.orderDate)}`;
}

/** «История редакций»: every version with its order, order file and diff; activities excluded with their marks. */
export function RevisionsButton({ detail }: { detail: RoadmapDetail }) {
  const [open, setOpen] = useState(false);
  const { revisions, removedItems, roadmap } = detail;
  if (roadmap.status !== 'approved') return null;
  return (
    <>
      <Button icon={<HistoryOutlined />} onClick={() => setOpen(true)} data-testid="roadmap-history">
        История редакций ({revisions.length})
      </Button>
      <Drawer open={open} size={720} title="История редакций" onClose={() => setOpen(false)} destroyOnHidden>
        {revisions.length === 0 ? (
          <Empty description="Редакций нет" />
        ) : (
          <List
            dataSource={[...revisions].reverse()}
            renderItem={(r) => (
              <List.Item style={{ display: 'block' }} data-testid="revision" data-number={r.number}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {revisionTitle(r)}
                </Typography.Title>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {r.orderAuthority}
                  {r.orderTitle ? ` · «${r.orderTitle}»` : ''} · мероприятий {r.itemCount}
                  {r.createdBy ? ` · внёс ${r.createdBy}` : ''} · {ruDate(r.createdAt)}
                </Typography.Paragraph>
                <OrderFile roadmap={roadmap} revision={r} />
                {r.kind === 'amendment' && <DiffView diff={r.diff} />}
              </List.Item>
            )}
          />
        )}
        {removedItems.length > 0 && (
          <>
            <Typography.Title level={5}>Исключённые мероприятия</Typography.Title>
            <List
              size="small"
              dataSource={removedItems}
              renderItem={(i) => (
                <List.Item data-testid="removed-item">
                  <Typography.Text delete>{entryLabel(i)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {' '}
                    — исключено редакцией {i.removedInRevision}
                    {Object.values(i.marks).some((m) => m.status === 'confirmed') ? ', было подтверждено' : ''}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </>
        )}
      </Drawer>
    </>
  );
}

/** The order file of a version: a link, or an upload for editors. */
function OrderFile({ roadmap, revision }: { roadmap: RoadmapSummary; revision: Revision }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    const form = new FormData();
    form.append('file', file);
    setBusy(true);
    try {
      await api.post(`/api/roadmaps/${roadmap.id}/revisions/${revision.number}/order-file`, form);
      await refreshRoadmaps(client);
      message.success('Файл приказа загружен');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap style={{ marginBottom: 8 }}>
      {revision.orderFile ? (
        <a href={`/api/files/${revision.orderFile.id}`} target="_blank" rel="noreferrer" data-testid="order-file">
          {revision.orderFile.name} ({fileSize(revision.orderFile.size)})
        </a>
      ) : (
        <Typography.Text type="secondary">Файл приказа не загружен</Typography.Text>
      )}
      {roadmap.can.edit && (
        <Upload
          accept=".pdf,.docx,.odt,.jpg,.jpeg,.png"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button size="small" loading={busy} data-testid="order-file-upload">
            {revision.orderFile ? 'Заменить файл' : 'Загрузить файл приказа'}
          </Button>
        </Upload>
      )}
    </Space>
  );
}
