// /expertise/*: the federal coordinator draws samples and assigns experts; an expert fills its reviews
// (criteria «да / частично / нет», conclusion, comment) and completes them.
import { ArrowLeftOutlined, ExperimentOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Form, Input, InputNumber, Modal, Segmented, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, Navigate, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { applyApiError, errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import { ruDateTime } from '../documents/api';
import { useCycleChoice } from '../roadmaps/api';
import { CycleSelect } from '../roadmaps/RoadmapsPage';
import { ReviewPage } from './ReviewPage';
import {
  CONCLUSION_COLORS,
  CONCLUSION_LABELS,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS,
  EXPERTISE_STATUS_LABELS,
  refreshExpertise,
  STATUS_COLORS,
  useExperts,
  useReviews,
  useSample,
  useSamples,
  type DocumentKind,
  type ReviewRow,
  type SampleView,
} from './api';

export function ExpertisePage() {
  return (
    <Routes>
      <Route index element={<ExpertiseHome />} />
      <Route path="samples/:sampleId" element={<SamplePage />} />
      <Route path="reviews/:reviewId" element={<ReviewPage />} />
      <Route path="*" element={<Navigate to="/expertise" replace />} />
    </Routes>
  );
}

const MANAGERS = ['admin', 'federal_coordinator'];

function ExpertiseHome() {
  const user = useUser();
  const manager = MANAGERS.includes(user.role);
  const { cycles, cycle, setCycle } = useCycleChoice();
  return (
    <div data-testid="expertise-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {manager ? 'Федеральная выборочная экспертиза' : 'Мои экспертизы'}
        </Typography.Title>
        {cycles.data && cycles.data.length > 0 && <CycleSelect cycles={cycles.data} value={cycle?.id} onChange={setCycle} />}
      </div>
      {cycle && (manager ? <Samples cycleId={cycle.id} /> : <ReviewsList cycleId={cycle.id} />)}
    </div>
  );
}

function Samples({ cycleId }: { cycleId: number }) {
  const samples = useSamples(cycleId);
  const navigate = useNavigate();
  const [drawing, setDrawing] = useState(false);
  const [drawn, setDrawn] = useState<SampleView & { schoolIds: number[] }>();
  const columns: ColumnsType<SampleView> = [
    { title: 'Выборка', dataIndex: 'title', render: (t: string, s) => <Link to={`/expertise/samples/${s.id}`}>{t}</Link> },
    { title: 'Размер', key: 'size', width: 140, render: (_, s) => (s.share !== null ? `${s.share}% школ` : `${s.count} школ`) },
    { title: 'Виды документов', dataIndex: 'kinds', render: (k: DocumentKind[]) => k.map((x) => DOCUMENT_KIND_LABELS[x]).join(', ') },
    { title: 'Школ', dataIndex: 'schools', width: 80, align: 'right' },
    { title: 'Завершено', key: 'completed', width: 110, align: 'right', render: (_, s) => `${s.completed} из ${s.schools}` },
    { title: 'Зерно', dataIndex: 'seed', width: 170, render: (seed: string) => <Typography.Text code copyable>{seed}</Typography.Text> },
    { title: 'Составлена', dataIndex: 'createdAt', width: 150, render: (d: string) => ruDateTime(d) },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<ExperimentOutlined />} onClick={() => setDrawing(true)} data-testid="draw-sample">
          Составить выборку
        </Button>
      </Space>
      <QueryState
        query={samples}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <Card>
            <Empty description="Выборок за этот год пока нет" />
          </Card>
        }
      >
        {(data) => (
          <Card size="small" title={`Выборки: ${data.items.length}`}>
            <Table<SampleView>
              rowKey="id"
              size="small"
              dataSource={data.items}
              columns={columns}
              pagination={false}
              scroll={{ x: 900 }}
              onRow={(s) => ({ onClick: () => navigate(`/expertise/samples/${s.id}`), style: { cursor: 'pointer' } })}
              data-testid="samples-table"
            />
          </Card>
        )}
      </QueryState>
      {drawing && (
        <DrawModal
          cycleId={cycleId}
          onClose={() => setDrawing(false)}
          onDrawn={(s) => {
            setDrawing(false);
            setDrawn(s);
          }}
        />
      )}
      {drawn && (
        <Modal
          open
          title="Выборка составлена"
          okText="Открыть выборку"
          cancelText="Закрыть"
          onOk={() => navigate(`/expertise/samples/${drawn.id}`)}
          onCancel={() => setDrawn(undefined)}
        >
          <Typography.Paragraph>
            В выборку «{drawn.title}» попали {drawn.schools} школ. Назначьте экспертов на странице выборки.
          </Typography.Paragraph>
          <Typography.Paragraph>
            Зерно выборки:{' '}
            <Typography.Text code copyable data-testid="drawn-seed">
              {drawn.seed}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">С тем же зерном и теми же параметрами по тем же школам получится та же выборка — его можно сообщить для проверки.</Typography.Text>
          </Typography.Paragraph>
        </Modal>
      )}
    </>
  );
}

interface DrawValues {
  title: string;
  mode: 'share' | 'count';
  share?: number;
  count?: number;
  seed?: string;
  stratifyByRegion: boolean;
  kinds: DocumentKind[];
}

function DrawModal({ cycleId, onClose, onDrawn }: { cycleId: number; onClose: () => void; onDrawn: (s: SampleView & { schoolIds: number[] }) => void }) {
  const client = useQueryClient();
  const [form] = Form.useForm<DrawValues>();
  const mode = Form.useWatch('mode', form) ?? 'share';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    let v: DrawValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const res = await api.post<{ sample: SampleView & { schoolIds: number[] } }>('/api/expertise/samples', {
        cycleId,
        title: v.title,
        ...(v.mode === 'share' ? { share: v.share } : { count: v.count }),
        ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}),
        stratifyByRegion: v.stratifyByRegion,
        kinds: v.kinds,
      });
      await refreshExpertise(client);
      onDrawn(res.sample);
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="Составить выборку для экспертизы" okText="Составить" cancelText="Отмена" confirmLoading={busy} onOk={submit} onCancel={onClose} width={560} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: 'Выборочная экспертиза антирисковых программ', mode: 'share', share: 10, stratifyByRegion: true, kinds: ['antirisk_programme'] }}
      >
        <Form.Item name="title" label="Название" rules={[{ required: true, whitespace: true, message: 'Укажите название выборки' }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="mode" label="Размер выборки">
          <Segmented
            options={[
              { value: 'share', label: 'Доля школ, %' },
              { value: 'count', label: 'Количество школ' },
            ]}
          />
        </Form.Item>
        {mode === 'share' ? (
          <Form.Item name="share" label="Доля, %" rules={[{ required: true, message: 'Укажите долю от 1 до 100%' }]}>
            <InputNumber min={1} max={100} precision={0} style={{ width: 160 }} addonAfter="%" />
          </Form.Item>
        ) : (
          <Form.Item name="count" label="Количество школ" rules={[{ required: true, message: 'Укажите количество школ' }]}>
            <InputNumber min={1} precision={0} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item name="seed" label="Зерно (необязательно)" extra="Если не указать, будет выбрано случайно и показано после составления.">
          <Input maxLength={200} placeholder="например, 2026-04-01" style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="stratifyByRegion" label="Пропорционально по регионам" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="kinds" label="Какие документы оценивать" rules={[{ required: true, type: 'array', min: 1, message: 'Выберите хотя бы один вид документов' }]}>
          <Checkbox.Group options={DOCUMENT_KINDS.map((k) => ({ value: k, label: DOCUMENT_KIND_LABELS[k] }))} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReviewTable({ rows, selection }: { rows: ReviewRow[]; selection?: { keys: number[]; onChange: (keys: number[]) => void } }) {
  const navigate = useNavigate();
  const columns: ColumnsType<ReviewRow> = [
    {
      title: 'Школа',
      dataIndex: 'school',
      width: 280,
      sorter: (a, b) => a.school.localeCompare(b.school, 'ru'),
      render: (_, r) => (
        <>
          <Link to={`/expertise/reviews/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="review-link">
            {r.school}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.region}, {r.municipality}
            </Typography.Text>
          </div>
        </>
      ),
    },
    { title: 'Эксперт', dataIndex: 'expert', width: 220, render: (e: string | null) => e ?? <Typography.Text type="secondary">не назначен</Typography.Text> },
    {
      title: 'Статус',
      dataIndex: 'status',
      width: 140,
      filters: (['assigned', 'in_progress', 'completed'] as const).map((s) => ({ value: s, text: EXPERTISE_STATUS_LABELS[s] })),
      onFilter: (v, r) => r.status === v,
      render: (s: ReviewRow['status']) => <Tag color={STATUS_COLORS[s]}>{EXPERTISE_STATUS_LABELS[s]}</Tag>,
    },
    {
      title: 'Заключение',
      dataIndex: 'conclusion',
      width: 200,
      render: (c: ReviewRow['conclusion']) => (c ? <Tag color={CONCLUSION_COLORS[c]}>{CONCLUSION_LABELS[c]}</Tag> : '—'),
    },
  ];
  return (
    <Table<ReviewRow>
      rowKey="id"
      size="small"
      dataSource={rows}
      columns={columns}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 800 }}
      rowSelection={
        selection
          ? {
              selectedRowKeys: selection.keys,
              onChange: (keys) => selection.onChange(keys.map(Number)),
              getCheckboxProps: (r) => ({ disabled: r.status === 'completed' }),
            }
          : undefined
      }
      onRow={(r) => ({ onClick: () => navigate(`/expertise/reviews/${r.id}`), style: { cursor: 'pointer' } })}
      locale={{ emptyText: 'Экспертиз нет' }}
      data-testid="reviews-table"
    />
  );
}

function ReviewsList({ cycleId }: { cycleId: number }) {
  const reviews = useReviews(cycleId);
  return (
    <QueryState
      query={reviews}
      isEmpty={(d) => d.items.length === 0}
      empty={
        <Card>
          <Empty description="Вам пока не назначено ни одной экспертизы" />
        </Card>
      }
    >
      {(data) => (
        <Card size="small" title={`Экспертизы: ${data.items.length}`}>
          <ReviewTable rows={data.items} />
        </Card>
      )}
    </QueryState>
  );
}

function SamplePage() {
  const id = Number(useParams().sampleId);
  const user = useUser();
  const manager = MANAGERS.includes(user.role);
  const sample = useSample(id);
  const experts = useExperts(manager);
  const client = useQueryClient();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<number[]>([]);
  const [expertId, setExpertId] = useState<number>();
  const [busy, setBusy] = useState(false);

  const assign = async () => {
    if (!expertId || selected.length === 0) return;
    setBusy(true);
    try {
      await api.post(`/api/expertise/samples/${id}/assign`, { reviewIds: selected, expertId });
      await refreshExpertise(client);
      message.success(`Эксперт назначен: ${selected.length} шк.`);
      setSelected([]);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="sample-page">
      <Link to="/expertise">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0, marginBottom: 4 }}>
          Все выборки
        </Button>
      </Link>
      <QueryState query={sample}>
        {({ sample: s, reviews }) => (
          <>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {s.title}
            </Typography.Title>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
              <Descriptions.Item label="Год">{s.year}</Descriptions.Item>
              <Descriptions.Item label="Размер">{s.share !== null ? `${s.share}% школ` : `${s.count} школ`} → {s.schools} шк.</Descriptions.Item>
              <Descriptions.Item label="Виды документов">{s.kinds.map((k) => DOCUMENT_KIND_LABELS[k]).join(', ')}</Descriptions.Item>
              <Descriptions.Item label="По регионам">{s.stratifyByRegion ? 'пропорционально' : 'нет'}</Descriptions.Item>
              <Descriptions.Item label="Зерно">
                <Typography.Text code copyable>
                  {s.seed}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="Завершено">
                {s.completed} из {s.schools}
              </Descriptions.Item>
            </Descriptions>
            {manager && (
              <Card size="small" style={{ marginBottom: 12 }}>
                <Space wrap>
                  <Typography.Text>Выбрано школ: {selected.length}</Typography.Text>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder="Эксперт"
                    style={{ minWidth: 300 }}
                    value={expertId}
                    onChange={setExpertId}
                    loading={experts.isPending}
                    options={(experts.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.login})` }))}
                    notFoundContent={experts.isError ? errorText(experts.error) : 'Учётных записей экспертов нет'}
                    data-testid="expert-select"
                  />
                  <Button type="primary" disabled={!expertId || selected.length === 0} loading={busy} onClick={assign} data-testid="assign-expert">
                    Назначить эксперта
                  </Button>
                </Space>
              </Card>
            )}
            <Card size="small" title={`Школы выборки: ${reviews.length}`}>
              <ReviewTable rows={reviews} selection={manager ? { keys: selected, onChange: setSelected } : undefined} />
            </Card>
          </>
        )}
      </QueryState>
    </div>
  );
}

