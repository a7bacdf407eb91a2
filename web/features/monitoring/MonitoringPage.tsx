// /monitoring — execution of roadmaps in the user's territory: the stages of the project year with
// thresholds, each roadmap's percentage per stage against the threshold, and overdue activities.
// Admin and federal coordinators edit the stages (dates and thresholds).
import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Progress, Row, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import {
  LEVEL_LABELS,
  LEVELS,
  MONITORING_KEY,
  plural,
  refreshRoadmaps,
  ruDate,
  ruPercent,
  useCycleChoice,
  useMonitoringSummary,
  type Level,
  type MonitoringSummary,
  type OverdueEntry,
  type Stage,
  type StageResult,
} from '../roadmaps/api';
import { CycleSelect } from '../roadmaps/RoadmapsPage';
import { TargetsModal } from './TargetsModal';

type Row = MonitoringSummary['roadmaps'][number];

const MET_COLOR = '#389e0d';
const NOT_MET_COLOR = '#cf1322';

function PercentCell({ result, roadmapId, stage }: { result: StageResult | undefined; roadmapId: number; stage: Stage }) {
  const testId = `stage-percent-${roadmapId}-${stage.number}`;
  if (!result || result.percent === null) {
    return (
      <Tooltip title="К дате замера мероприятий со сроком нет">
        <Typography.Text type="secondary" data-testid={testId} data-percent="">
          —
        </Typography.Text>
      </Tooltip>
    );
  }
  const color = result.met ? MET_COLOR : NOT_MET_COLOR;
  return (
    <Tooltip title={`Исполнено и подтверждено: ${result.confirmed} из ${result.due}; порог ${result.thresholdPercent}%`}>
      <div style={{ minWidth: 120 }}>
        <Typography.Text strong style={{ color }} data-testid={testId} data-percent={String(result.percent)} data-met={String(result.met)}>
          {ruPercent(result.percent)}
        </Typography.Text>{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          ({result.confirmed} из {result.due})
        </Typography.Text>
        <Progress percent={result.percent} showInfo={false} size="small" strokeColor={color} style={{ margin: 0 }} />
        {result.overdue.length > 0 && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            просрочено: {result.overdue.length}
          </Typography.Text>
        )}
      </div>
    </Tooltip>
  );
}

export function MonitoringPage() {
  const user = useUser();
  const { cycles, cycle, setCycle } = useCycleChoice();
  const [level, setLevel] = useState<Level | 'all'>('all');
  const summary = useMonitoringSummary({ cycleId: cycle?.id, level: level === 'all' ? undefined : level });
  const mayEditStages = user.role === 'admin' || user.role === 'federal_coordinator';
  const [editing, setEditing] = useState(false);
  const [targets, setTargets] = useState(false);

  return (
    <div data-testid="monitoring-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Мониторинг исполнения дорожных карт
        </Typography.Title>
        {cycles.data && cycles.data.length > 0 && <CycleSelect cycles={cycles.data} value={cycle?.id} onChange={setCycle} />}
      </div>
      <QueryState query={cycles} isEmpty={(d) => d.length === 0} empty={<Empty description="Годов проекта пока нет" />}>
        {() => (
          <>
            <Segmented<Level | 'all'>
              style={{ marginBottom: 12 }}
              value={level}
              onChange={setLevel}
              options={[{ value: 'all', label: 'Все уровни' }, ...LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))]}
              data-testid="monitoring-level"
            />
            <QueryState query={summary}>
              {(data) => (
                <>
                  {data.drafts > 0 && (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 12 }}
                      data-testid="drafts-notice"
                      title={`Не утверждены приказом: ${data.drafts} ${plural(data.drafts, 'дорожная карта', 'дорожные карты', 'дорожных карт')} — они не учитываются в долях этапов`}
                    />
                  )}
                  <StagesCard
                    data={data}
                    mayEdit={mayEditStages}
                    onEdit={() => setEditing(true)}
                    extra={
                      <Space wrap>
                        {user.role === 'regional_coordinator' && cycle && <Button size="small" onClick={() => setTargets(true)} data-testid="targets-edit">Цели региона</Button>}
                        {['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator', 'observer'].includes(user.role) && (
                          <Link to={`/monitoring/reports${cycle ? `?cycle=${cycle.id}` : ''}`}>
                            <Button size="small" type="primary" ghost data-testid="stage-reports-link">
                              Отчёты за этап
                            </Button>
                          </Link>
                        )}
                      </Space>
                    }
                  />
                  <RoadmapsCard data={data} />
                  <OverdueCard overdue={data.overdue} />
                  {editing && cycle && <StagesModal cycleId={cycle.id} stages={data.stages} onClose={() => setEditing(false)} />}
                  {targets && cycle && <TargetsModal cycleId={cycle.id} onClose={() => setTargets(false)} />}
                </>
              )}
            </QueryState>
          </>
        )}
      </QueryState>
    </div>
  );
}

function StagesCard({ data, mayEdit, onEdit, extra }: { data: MonitoringSummary; mayEdit: boolean; onEdit: () => void; extra?: React.ReactNode }) {
  const stages = [...data.stages].sort((a, b) => a.number - b.number);
  return (
    <Card
      size="small"
      title="Этапы мониторинга"
      style={{ marginBottom: 16 }}
      extra={
        <Space wrap>
          {mayEdit && (
            <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="stages-edit">
              Изменить этапы
            </Button>
          )}
          {extra}
        </Space>
      }
      data-testid="stages-card"
    >
      {stages.length === 0 ? (
        <Typography.Text type="secondary">Этапы не заданы.</Typography.Text>
      ) : (
        <Row gutter={[16, 16]}>
          {stages.map((s) => {
            const results = data.roadmaps.map((r) => r.results.find((x) => x.stageId === s.id)).filter((x): x is StageResult => !!x);
            const measured = results.filter((x) => x.met !== null);
            const met = measured.filter((x) => x.met).length;
            const total = data.totals.find((t) => t.stageId === s.id);
            return (
              <Col key={s.id} xs={24} md={8}>
                <div data-testid="stage-summary">
                  <Typography.Text strong>
                    {s.number}. {s.title}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary">
                      Замер {ruDate(s.measuredOn)} · порог <b>{s.thresholdPercent}%</b>
                    </Typography.Text>
                    {s.source === 'region' && (
                      <Tooltip title={`Федеральное значение: ${ruDate(s.federal?.measuredOn)}, ${s.federal?.thresholdPercent}%`}>
                        <Tag color="purple" style={{ marginLeft: 6 }} data-testid="region-target">
                          цель региона
                        </Tag>
                      </Tooltip>
                    )}
                  </div>
                  {total && total.percent !== null && (
                    <div data-testid="stage-total" data-percent={String(total.percent)}>
                      Всего: подтверждено <b>{total.confirmed}</b> из {total.due} к сроку (
                      <b style={{ color: total.met ? MET_COLOR : NOT_MET_COLOR }}>{ruPercent(total.percent)}</b>); от всего плана {ruPercent(total.planPercent)}
                    </div>
                  )}
                  {measured.length > 0 ? (
                    <div>
                      Достигли порога: <b style={{ color: met === measured.length ? MET_COLOR : NOT_MET_COLOR }}>{met}</b> из {measured.length}{' '}
                      {plural(measured.length, 'дорожной карты', 'дорожных карт', 'дорожных карт')}
                    </div>
                  ) : (
                    <Typography.Text type="secondary">Пока нечего измерять</Typography.Text>
                  )}
                </div>
              </Col>
            );
          })}
        </Row>
      )}
    </Card>
  );
}

function RoadmapsCard({ data }: { data: MonitoringSummary }) {
  const stages = [...data.stages].sort((a, b) => a.number - b.number);
  const columns: ColumnsType<Row> = [
    {
      title: 'Дорожная карта',
      key: 'territory',
      width: 240,
      fixed: 'left',
      render: (_, { roadmap }) => (
        <>
          <Link to={`/roadmaps/${roadmap.id}`} data-testid="monitoring-roadmap-link">
            {roadmap.territory}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {LEVEL_LABELS[roadmap.level]} · {roadmap.itemCount} {plural(roadmap.itemCount, 'мероприятие', 'мероприятия', 'мероприятий')}
            </Typography.Text>
          </div>
        </>
      ),
      sorter: (a, b) => a.roadmap.territory.localeCompare(b.roadmap.territory, 'ru'),
    },
    ...stages.map((s) => ({
      title: (
        <Tooltip title={`${s.title}; замер ${ruDate(s.measuredOn)}`}>
          Этап {s.number} (порог {s.thresholdPercent}%)
        </Tooltip>
      ),
      key: `stage-${s.id}`,
      width: 170,
      render: (_: unknown, { roadmap, results }: Row) => (
        <PercentCell result={results.find((r) => r.stageId === s.id)} roadmapId={roadmap.id} stage={s} />
      ),
      sorter: (a: Row, b: Row) =>
        (a.results.find((r) => r.stageId === s.id)?.percent ?? -1) - (b.results.find((r) => r.stageId === s.id)?.percent ?? -1),
    })),
  ];
  return (
    <Card size="small" title="Дорожные карты" style={{ marginBottom: 16 }}>
      <Table<Row>
        rowKey={(r: Row) => r.roadmap.id}
        size="small"
        columns={columns}
        dataSource={data.roadmaps}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 240 + stages.length * 170 }}
        data-testid="monitoring-table"
        onRow={(r: Row) => ({ 'data-roadmap-id': r.roadmap.id }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: 'Дорожных карт за этот год пока нет' }}
      />
    </Card>
  );
}

function OverdueCard({ overdue }: { overdue: OverdueEntry[] }) {
  return (
    <Card
      size="small"
      title={
        <Space>
          Просроченные мероприятия
          {overdue.length > 0 && <Tag color="error">{overdue.length}</Tag>}
        </Space>
      }
      data-testid="monitoring-overdue"
    >
      {overdue.length === 0 ? (
        <Typography.Text type="success">Просроченных мероприятий нет</Typography.Text>
      ) : (
        <Table<OverdueEntry>
          rowKey={(o) => `${o.roadmapId}-${o.itemId}`}
          size="small"
          dataSource={overdue}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `Всего: ${n}` }}
          scroll={{ x: 700 }}
          columns={[
            { title: 'Территория', dataIndex: 'territory', width: 200, render: (t: string, o) => <Link to={`/roadmaps/${o.roadmapId}`}>{t}</Link> },
            { title: '№', dataIndex: 'number', width: 60 },
            { title: 'Мероприятие', dataIndex: 'title', render: (t: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: t }} style={{ margin: 0 }}>{t}</Typography.Paragraph> },
            { title: 'Срок', dataIndex: 'dueDate', width: 110, render: (d: string | null) => ruDate(d) },
          ]}
        />
      )}
    </Card>
  );
}

interface StageForm {
  stages: { title: string; measuredOn: string; thresholdPercent: number }[];
}

function StagesModal({ cycleId, stages, onClose }: { cycleId: number; stages: Stage[]; onClose: () => void }) {
  const [form] = Form.useForm<StageForm>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const initial: StageForm = {
    stages: [...stages]
      .sort((a, b) => a.number - b.number)
      .map((s) => ({ title: s.title, measuredOn: s.measuredOn, thresholdPercent: s.thresholdPercent })),
  };

  const submit = async (values: StageForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.put('/api/monitoring/stages', {
        cycleId,
        stages: values.stages.map((s, k) => ({
          number: k + 1,
          title: s.title.trim(),
          measuredOn: s.measuredOn,
          thresholdPercent: s.thresholdPercent,
        })),
      });
      await Promise.all([refreshRoadmaps(client), client.invalidateQueries({ queryKey: MONITORING_KEY })]);
      message.success('Этапы мониторинга сохранены');
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        // «stages.1.measuredOn» → the field of the second stage
        const known = e.fields.filter((f) => /^stages\.\d+\.\w+$/.test(f.path));
        form.setFields(
          known.map((f) => {
            const [, index, field] = f.path.split('.');
            return { name: ['stages', Number(index), field as string] as never, errors: [f.message] };
          }),
        );
        setError(known.length === e.fields.length ? undefined : e.message);
      } else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={760}
      title="Этапы мониторинга"
      okText="Сохранить"
      cancelText="Отмена"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        На каждом этапе учитываются мероприятия со сроком до даты замера; порог — доля исполненных и подтверждённых из них.
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark={false} data-testid="stages-form">
        <Form.List name="stages">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8} align="top">
                  <Col xs={24} md={2} style={{ paddingTop: 34 }}>
                    <b>{index + 1}.</b>
                  </Col>
                  <Col xs={24} md={11}>
                    <Form.Item name={[field.name, 'title']} label="Название" rules={[{ required: true, whitespace: true, message: 'Введите название' }]}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[field.name, 'measuredOn']} label="Дата замера" rules={[{ required: true, message: 'Укажите дату' }]}>
                      <Input type="date" />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={4}>
                    <Form.Item name={[field.name, 'thresholdPercent']} label="Порог, %" rules={[{ required: true, message: 'Укажите порог' }]}>
                      <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={2} md={2} style={{ paddingTop: 30 }}>
                    <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="Удалить этап" disabled={fields.length <= 1} />
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ title: '', measuredOn: '', thresholdPercent: 100 })}>
                Добавить этап
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

