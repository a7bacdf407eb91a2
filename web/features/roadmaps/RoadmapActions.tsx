// Roadmap page actions: copy for a municipality/school, changes against the template, export, delete.
import { CopyOutlined, DeleteOutlined, DiffOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Dropdown, Empty, Form, Modal, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ButtonProps } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api, download } from '../../shared/api';
import { applyApiError, errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useMunicipalities, useSchools } from '../users/api';
import { FIELD_LABELS, orderLabel, refreshRoadmaps, useRoadmapChanges, type RoadmapSummary } from './api';

export function ExportMenu({ roadmap }: { roadmap: RoadmapSummary }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (format: 'docx' | 'xlsx') => {
    setBusy(true);
    try {
      await download(`/api/roadmaps/${roadmap.id}/export?format=${format}`, undefined, `roadmap-${roadmap.id}.${format}`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'docx', label: 'Word (.docx) — приложение к приказу' },
          { key: 'xlsx', label: 'Excel (.xlsx)' },
        ],
        onClick: ({ key }) => run(key as 'docx' | 'xlsx'),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="roadmap-export">
        Выгрузить
      </Button>
    </Dropdown>
  );
}

/** Who may copy: a regional roadmap into a municipality, a municipal one into a school. */
export function copyTarget(roadmap: RoadmapSummary, role: string): 'municipality' | 'school' | null {
  if (roadmap.level === 'regional' && ['admin', 'federal_coordinator', 'regional_coordinator'].includes(role)) return 'municipality';
  if (roadmap.level === 'municipal' && ['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator'].includes(role)) {
    return 'school';
  }
  return null;
}

export function CopyButton({ roadmap, target }: { roadmap: RoadmapSummary; target: 'municipality' | 'school' }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<CopyOutlined />} onClick={() => setOpen(true)} data-testid="roadmap-copy">
        {target === 'municipality' ? 'Скопировать для муниципалитета' : 'Скопировать для школы'}
      </Button>
      {open && <CopyModal roadmap={roadmap} target={target} onClose={() => setOpen(false)} />}
    </>
  );
}

function CopyModal({ roadmap, target, onClose }: { roadmap: RoadmapSummary; target: 'municipality' | 'school'; onClose: () => void }) {
  const [form] = Form.useForm<{ placeId: number }>();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const municipalities = useMunicipalities(roadmap.regionId ?? undefined, target === 'municipality');
  const schools = useSchools(roadmap.municipalityId ?? undefined, target === 'school');
  const options = (target === 'municipality' ? municipalities : schools).data ?? [];
  const loading = (target === 'municipality' ? municipalities : schools).isFetching;

  const submit = async ({ placeId }: { placeId: number }) => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await api.post<{ roadmap: RoadmapSummary }>(
        `/api/roadmaps/${roadmap.id}/copy`,
        target === 'municipality' ? { municipalityId: placeId } : { schoolId: placeId },
      );
      await refreshRoadmaps(client);
      message.success(`Копия создана: ${res.roadmap.territory}`);
      onClose();
      navigate(`/roadmaps/${res.roadmap.id}`);
    } catch (e) {
      const rest = applyApiError(form, e);
      setError(rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={target === 'municipality' ? 'Копия дорожной карты для муниципалитета' : 'Копия дорожной карты для школы'}
      okText="Создать копию"
      cancelText="Отмена"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        Все мероприятия будут скопированы; копию можно будет изменить, а изменения относительно этой дорожной карты — посмотреть
        кнопкой «Изменения относительно шаблона».
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="placeId"
          label={target === 'municipality' ? 'Муниципалитет' : 'Школа'}
          rules={[{ required: true, message: target === 'municipality' ? 'Выберите муниципалитет' : 'Выберите школу' }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={loading}
            options={options.map((o) => ({ value: o.id, label: o.label }))}
            placeholder={target === 'municipality' ? 'Выберите муниципалитет' : 'Выберите школу'}
            notFoundContent={loading ? 'Загрузка…' : 'Нет вариантов'}
            data-testid="copy-place"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ChangesButton({ roadmap }: { roadmap: RoadmapSummary }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<DiffOutlined />} onClick={() => setOpen(true)} data-testid="roadmap-changes">
        Изменения относительно шаблона
      </Button>
      {open && <ChangesDrawer roadmap={roadmap} onClose={() => setOpen(false)} />}
    </>
  );
}

const numTitle = (n: string | null, t: string) => `${n ? `${n}. ` : ''}${t}`;

function ChangesDrawer({ roadmap, onClose }: { roadmap: RoadmapSummary; onClose: () => void }) {
  const changes = useRoadmapChanges(roadmap.id, true);
  return (
    <Drawer open size={720} title="Изменения относительно шаблона" onClose={onClose} data-testid="changes-drawer">
      <QueryState query={changes}>
        {(c) => {
          const nothing = c.added.length === 0 && c.removed.length === 0 && c.changed.length === 0;
          return (
            <>
              {c.template ? (
                <Typography.Paragraph>
                  Шаблон:{' '}
                  <Link to={`/roadmaps/${c.template.id}`} onClick={onClose}>
                    {c.template.territory}
                    {orderLabel(c.template) ? `, приказ ${orderLabel(c.template)}` : ''}
                  </Link>
                </Typography.Paragraph>
              ) : (
                <Alert type="warning" showIcon title="Шаблон недоступен (удалён или нет доступа)" style={{ marginBottom: 12 }} />
              )}
              {nothing && <Empty description="Отличий от шаблона нет" />}
              {c.added.length > 0 && (
                <>
                  <Typography.Title level={5} style={{ color: '#389e0d' }}>
                    Добавлено ({c.added.length})
                  </Typography.Title>
                  <ul data-testid="changes-added">
                    {c.added.map((i) => (
                      <li key={i.id}>{numTitle(i.number, i.title)}</li>
                    ))}
                  </ul>
                </>
              )}
              {c.removed.length > 0 && (
                <>
                  <Typography.Title level={5} style={{ color: '#cf1322' }}>
                    Удалено ({c.removed.length})
                  </Typography.Title>
                  <ul data-testid="changes-removed">
                    {c.removed.map((i) => (
                      <li key={i.id}>
                        <Typography.Text delete>{numTitle(i.number, i.title)}</Typography.Text>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {c.changed.length > 0 && (
                <>
                  <Typography.Title level={5}>Изменено ({c.changed.length})</Typography.Title>
                  <Table
                    size="small"
                    pagination={false}
                    bordered
                    scroll={{ x: 600 }}
                    data-testid="changes-changed"
                    rowKey={(r) => `${r.itemId}-${r.field}`}
                    dataSource={c.changed.flatMap((ch) =>
                      Object.entries(ch.fields).map(([field, [before, after]]) => ({ itemId: ch.itemId, number: ch.number, field, before, after })),
                    )}
                    columns={[
                      { title: '№', dataIndex: 'number', width: 60 },
                      { title: 'Что', dataIndex: 'field', width: 140, render: (f: string) => FIELD_LABELS[f] ?? f },
                      { title: 'В шаблоне', dataIndex: 'before', render: (v: unknown) => <Typography.Text type="secondary">{String(v ?? '')}</Typography.Text> },
                      { title: 'Сейчас', dataIndex: 'after', render: (v: unknown) => String(v ?? '') },
                    ]}
                  />
                </>
              )}
            </>
          );
        }}
      </QueryState>
    </Drawer>
  );
}

export function DeleteButton({ roadmap }: { roadmap: RoadmapSummary }) {
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const ask = () =>
    modal.confirm({
      title: 'Удалить дорожную карту?',
      content: `${roadmap.territory}${orderLabel(roadmap) ? `, приказ ${orderLabel(roadmap)}` : ''}: ${roadmap.itemCount} мероприятий вместе с отметками об исполнении и файлами. Это действие нельзя отменить.`,
      okText: 'Удалить',
      okButtonProps: { danger: true, 'data-testid': 'confirm-delete' } as ButtonProps,
      cancelText: 'Отмена',
      onOk: async () => {
        try {
          await api.delete(`/api/roadmaps/${roadmap.id}`);
          message.success('Дорожная карта удалена');
          navigate(`/roadmaps?cycle=${roadmap.cycleId}`);
          await refreshRoadmaps(client);
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  return (
    <Button danger icon={<DeleteOutlined />} onClick={ask} data-testid="roadmap-delete">
      Удалить
    </Button>
  );
}
