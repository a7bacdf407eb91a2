// /monitoring/reports — stage reports bottom-up (отчёты за этап): the user's own territory's report to submit and the
// child territories' reports to accept or return with a reason; each report opens its frozen figures and history.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Input, List, Modal, Segmented, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { ShownReportStatus } from '../../../domain/monitoring/reports';
import type { ReportRowView, StageReportsService } from '../../../server/modules/stage-reports/service';
import { STATUS_LABELS, type ExecutionStatus } from '../../../domain/monitoring/stages';
import { api } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { MONITORING_KEY, refreshRoadmaps, ruDate, ruPercent, useCycleChoice, type Stage } from '../roadmaps/api';
import { CycleSelect } from '../roadmaps/RoadmapsPage';

type ReportList = Awaited<ReturnType<StageReportsService['list']>>;
type ReportRow = ReportRowView;
type ReportDetail = Awaited<ReturnType<StageReportsService['get']>>;
type Totals = ReportRowView['live'];

const STATUS_COLOR: Record<ShownReportStatus, string> = { not_submitted: 'default', submitted: 'processing', accepted: 'success', returned: 'error' };
const ACTION_LABEL = { submit: 'Отправлен', accept: 'Принят', return: 'Возвращён на доработку' };
const REPORTS_KEY = [...MONITORING_KEY, 'stage-reports'];

const figures = (t: Totals | null) => (t ? `${t.confirmed} из ${t.due} (${ruPercent(t.percent)})` : '—');

export function StageReportsPage() {
  const { cycles, cycle, setCycle } = useCycleChoice();
  const [params, setParams] = useSearchParams();
  const stageId = Number(params.get('stageId')) || undefined;
  const query = useQuery({
    queryKey: [...REPORTS_KEY, cycle?.id, stageId],
    queryFn: () => api.get<ReportList>(`/api/stage-reports?cycleId=${cycle!.id}${stageId ? `&stageId=${stageId}` : ''}`),
    enabled: cycle !== undefined,
  });
  const [opened, setOpened] = useState<number>();
  return (
    <div data-testid="stage-reports-page">
      <Link to="/monitoring">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          Мониторинг
        </Button>
      </Link>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Отчёты за этап мониторинга
        </Typography.Title>
        {cycles.data && cycles.data.length > 0 && <CycleSelect cycles={cycles.data} value={cycle?.id} onChange={setCycle} />}
      </div>
      <Typography.Paragraph type="secondary">
        Муниципалитет отправляет отчёт за этап региону, регион — федеральному уровню. Отправленный отчёт фиксирует доли и список
        мероприятий; пока он на проверке или принят, отметки этого этапа не меняются. Вернуть отчёт можно только с указанием причины.
      </Typography.Paragraph>
      <QueryState query={query}>
        {(data) => (
          <>
            <Segmented<number>
              style={{ marginBottom: 12 }}
              value={data.stage.id}
              onChange={(id) => setParams((p) => { const n = new URLSearchParams(p); n.set('stageId', String(id)); return n; }, { replace: true })}
              options={data.stages.map((s) => ({ value: s.id, label: `${s.number} · ${ruDate(s.measuredOn)}` }))}
              data-testid="report-stage"
            />
            {data.own.length > 0 && (
              <Card size="small" title="Отчёт вашей территории" style={{ marginBottom: 16 }}>
                <ReportsTable rows={data.own} stage={data.stage} onOpen={setOpened} testId="own-reports" />
              </Card>
            )}
            {data.children.length > 0 && (
              <Card size="small" title={data.own.length ? 'Отчёты муниципалитетов' : 'Отчёты регионов'}>
                <ReportsTable rows={data.children} stage={data.stage} onOpen={setOpened} testId="child-reports" />
              </Card>
            )}
            {data.own.length + data.children.length === 0 && <Empty description="Нет территорий для отчётов" />}
            {opened !== undefined && <ReportDrawer id={opened} onClose={() => setOpened(undefined)} />}
          </>
        )}
      </QueryState>
    </div>
  );
}

function ReportsTable({ rows, stage, onOpen, testId }: { rows: ReportRow[]; stage: Stage; onOpen: (id: number) => void; testId: string }) {
  const columns: ColumnsType<ReportRow> = [
    { title: 'Территория', dataIndex: 'territory', render: (t: string, r) => (r.id ? <a onClick={() => onOpen(r.id!)}>{t}</a> : t) },
    {
      title: 'Статус',
      key: 'status',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLOR[r.status]} data-testid="report-status" data-status={r.status}>
            {r.statusLabel}
          </Tag>
          {r.status === 'returned' && r.reviewComment && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              Причина: {r.reviewComment}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: `Сейчас (порог ${stage.thresholdPercent}%)`, key: 'live', render: (_, r) => figures(r.live) },
    { title: 'В отчёте', key: 'submitted', render: (_, r) => figures(r.submitted) },
    { title: 'Отправлен', key: 'at', render: (_, r) => ruDate(r.submittedAt) || '—' },
    { title: '', key: 'actions', render: (_, r) => <ReportActions row={r} stage={stage} /> },
  ];
  return (
    <Table<ReportRow>
      rowKey={(r) => `${r.level}:${r.regionId}:${r.municipalityId ?? 0}`}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 760 }}
      data-testid={testId}
      onRow={(r) => ({ 'data-testid': 'report-row', 'data-territory': r.territory }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}

function ReportActions({ row, stage }: { row: ReportRow; stage: Stage }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const done = async (text: string) => {
    await Promise.all([client.invalidateQueries({ queryKey: REPORTS_KEY }), refreshRoadmaps(client)]);
    message.success(text);
  };
  const run = async (fn: () => Promise<unknown>, text: string) => {
    setBusy(true);
    try {
      await fn();
      await done(text);
      return true;
    } catch (e) {
      message.error(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const body = row.level === 'municipal' ? { stageId: stage.id, municipalityId: row.municipalityId } : { stageId: stage.id, regionId: row.regionId };
  return (
    <Space wrap size={4}>
      {row.can.submit && (
        <Button size="small" type="primary" loading={busy} onClick={() => run(() => api.post('/api/stage-reports', body), 'Отчёт отправлен')} data-testid="report-submit">
          {row.status === 'returned' ? 'Отправить снова' : 'Отправить отчёт'}
        </Button>
      )}
      {row.can.review && row.id !== null && (
        <>
          <Button size="small" type="primary" ghost loading={busy} onClick={() => run(() => api.post(`/api/stage-reports/${row.id}/accept`, {}), 'Отчёт принят')} data-testid="report-accept">
            Принять
          </Button>
          <Button size="small" danger onClick={() => setReturning(true)} data-testid="report-return">
            Вернуть
          </Button>
        </>
      )}
      {returning && (
        <Modal
          open
          title={`Вернуть отчёт: ${row.territory}`}
          okText="Вернуть на доработку"
          cancelText="Отмена"
          confirmLoading={busy}
          okButtonProps={{ disabled: reason.trim() === '', 'data-testid': 'report-return-ok' } as ButtonProps}
          onCancel={() => setReturning(false)}
          onOk={async () => {
            if (await run(() => api.post(`/api/stage-reports/${row.id}/return`, { comment: reason.trim() }), 'Отчёт возвращён на доработку')) setReturning(false);
          }}
        >
          <Typography.Paragraph>Напишите, что нужно исправить: муниципалитет увидит причину и сможет отправить отчёт снова.</Typography.Paragraph>
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3 }} maxLength={2000} autoFocus data-testid="report-return-reason" />
        </Modal>
      )}
    </Space>
  );
}

function ReportDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const query = useQuery({ queryKey: [...REPORTS_KEY, 'one', id], queryFn: () => api.get<ReportDetail>(`/api/stage-reports/${id}`) });
  return (
    <Drawer open size={720} title="Отчёт за этап" onClose={onClose} data-testid="report-drawer">
      <QueryState query={query}>
        {({ report, history }) => (
          <>
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
              <Descriptions.Item label="Территория">{report.territory}</Descriptions.Item>
              <Descriptions.Item label="Этап">
                {report.snapshot.stage?.title}, замер {ruDate(report.snapshot.stage?.measuredOn)}, порог {report.snapshot.stage?.thresholdPercent}%
              </Descriptions.Item>
              <Descriptions.Item label="Статус">
                <Tag color={STATUS_COLOR[report.status]}>{report.statusLabel}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="Исполнено и подтверждено (в отчёте)">{figures(report.snapshot.total ?? null)}</Descriptions.Item>
            </Descriptions>
            {report.status === 'returned' && report.reviewComment && <Alert type="error" showIcon title={`Причина возврата: ${report.reviewComment}`} style={{ marginBottom: 12 }} />}
            <Typography.Title level={5}>История</Typography.Title>
            <Timeline
              items={history.map((h) => ({
                color: h.action === 'return' ? 'red' : h.action === 'accept' ? 'green' : 'blue',
                content: (
                  <>
                    {ACTION_LABEL[h.action]} — {ruDate(h.at)}
                    {h.user ? `, ${h.user}` : ''}
                    {h.comment ? `: ${h.comment}` : ''}
                  </>
                ),
              }))}
            />
            <Typography.Title level={5}>Дорожные карты в отчёте</Typography.Title>
            <List
              size="small"
              dataSource={report.snapshot.roadmaps ?? []}
              locale={{ emptyText: 'Утверждённых дорожных карт нет' }}
              renderItem={(r) => (
                <List.Item style={{ display: 'block' }}>
                  <Link to={`/roadmaps/${r.roadmapId}`}>{r.territory}</Link> — {r.confirmed} из {r.due} ({ruPercent(r.percent)}){r.revision ? `, редакция ${r.revision}` : ''}
                  <ul style={{ margin: '4px 0 0', paddingLeft: 20, fontSize: 13 }}>
                    {r.activities.map((a) => (
                      <li key={a.itemId}>
                        {a.number ? `${a.number}. ` : ''}
                        {a.title} — {STATUS_LABELS[a.status as ExecutionStatus] ?? a.status}
                      </li>
                    ))}
                  </ul>
                </List.Item>
              )}
            />
          </>
        )}
      </QueryState>
    </Drawer>
  );
}
