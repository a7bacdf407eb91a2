// /cycles/*: project years (годы проекта) and, per year, the selected schools with their curators.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, Route, Routes } from 'react-router-dom';
import { api } from '../../shared/api';
import { applyApiError } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useMay } from '../territories/hooks';
import { CYCLES_KEY, STATUS_COLORS, STATUS_LABELS, useCycles, type CycleItem, type CycleStatus } from './api';
import { CyclePage } from './CyclePage';

export function CyclesPage() {
  return (
    <Routes>
      <Route index element={<CyclesList />} />
      <Route path=":cycleId" element={<CyclePage />} />
      <Route path="*" element={<Navigate to="/cycles" replace />} />
    </Routes>
  );
}

export function StatusTag({ status }: { status: CycleStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Tag>;
}

function CyclesList() {
  const cycles = useCycles();
  const may = useMay('cycle.write');
  const [editing, setEditing] = useState<CycleItem | 'new'>();
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 12, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Годы проекта
        </Typography.Title>
        {may && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-cycle">
            Новый год проекта
          </Button>
        )}
      </div>
      <QueryState
        query={cycles}
        isEmpty={(d) => d.length === 0}
        empty={<Typography.Text>Годов проекта пока нет.</Typography.Text>}
      >
        {(data) => (
          <Table<CycleItem>
            rowKey="id"
            dataSource={data}
            data-testid="cycles-table"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: 'Год', dataIndex: 'year', width: 90, render: (_, c) => <Link to={`/cycles/${c.id}`}>{c.year}</Link> },
              { title: 'Название', dataIndex: 'title', render: (_, c) => <Link to={`/cycles/${c.id}`}>{c.title}</Link> },
              { title: 'Статус', dataIndex: 'status', width: 140, render: (s: CycleStatus) => <StatusTag status={s} /> },
              { title: 'Школ отобрано', dataIndex: 'schools', width: 150 },
              ...(may
                ? [
                    {
                      key: 'edit',
                      width: 60,
                      render: (_: unknown, c: CycleItem) => (
                        <Button type="text" icon={<EditOutlined />} aria-label="Изменить" onClick={() => setEditing(c)} />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
      {editing && <CycleModal cycle={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}

interface CycleValues {
  year: number;
  title: string;
  status: CycleStatus;
  escalation1: number;
  escalation2: number;
}

/** Create a year, or edit title and status of an existing one. */
export function CycleModal({ cycle, onClose }: { cycle?: CycleItem; onClose: () => void }) {
  const [form] = Form.useForm<CycleValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const nextYear = new Date().getFullYear() + 1;

  const submit = async (values: CycleValues) => {
    setBusy(true);
    setError(undefined);
    try {
      if (cycle) {
        await api.patch(`/api/cycles/${cycle.id}`, { title: values.title, status: values.status, escalationDays: [values.escalation1, values.escalation2] });
      } else await api.post('/api/cycles', { year: values.year, title: values.title, status: values.status });
      message.success('Сохранено');
      await client.invalidateQueries({ queryKey: CYCLES_KEY });
      onClose();
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={cycle ? `Год проекта ${cycle.year}` : 'Новый год проекта'}
      okText="Сохранить"
      cancelText="Отмена"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={
          cycle
            ? { ...cycle, escalation1: cycle.escalationDays[0] ?? 3, escalation2: cycle.escalationDays[1] ?? 10 }
            : { year: nextYear, title: `Проект 500+ — ${nextYear}`, status: 'planned' }
        }
        data-testid="cycle-form"
      >
        <Form.Item name="year" label="Год" rules={[{ required: true, message: 'Укажите год' }]}>
          <InputNumber min={2000} max={2100} precision={0} disabled={!!cycle} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="title" label="Название" rules={[{ required: true, whitespace: true, message: 'Введите название' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="status" label="Статус">
          <Select<CycleStatus>
            style={{ width: 200 }}
            options={(Object.keys(STATUS_LABELS) as CycleStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
        </Form.Item>
        {cycle && (
          <Form.Item label="Эскалация просроченных мероприятий" extra="Через сколько дней после срока сообщать вышестоящему уровню, затем — через уровень" required={false}>
            <Space wrap>
              <Form.Item name="escalation1" noStyle rules={[{ required: true, message: 'Укажите дни' }]}>
                <InputNumber min={1} max={365} precision={0} suffix="дн." style={{ width: 120 }} data-testid="escalation-1" />
              </Form.Item>
              <Form.Item name="escalation2" noStyle rules={[{ required: true, message: 'Укажите дни' }]}>
                <InputNumber min={1} max={365} precision={0} suffix="дн." style={{ width: 120 }} data-testid="escalation-2" />
              </Form.Item>
            </Space>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
