// Territory dashboard: indicators from live data as cards with progress vs thresholds, a bar chart of the
// territories below, a drill-down table (регион → муниципалитет → школа, shareable URL /dashboard?…), overdue lists,
// the stage report and year-end summary downloads (built as background runs, with a progress bar), and the printable
// PDF of a school.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Col, Empty, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Indicator } from '../../../domain/dashboard/indicators';
import type { RunView as ReportRun } from '../../../server/modules/reports/runs';
import type { ChildRow, Dashboard as DashboardData, TerritoryQuery } from '../../../server/modules/reports/service';
import { api, download } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';

const SLOT_STATES: Record<string, { label: string; color: string }> = {
  missing: { label: 'не загружен', color: 'default' },
  draft: { label: 'черновик', color: 'default' },
  submitted: { label: 'на проверке', color: 'blue' },
  confirmed: { label: 'подтверждён', color: 'green' },
  returned: { label: 'возвращён на доработку', color: 'orange' },
  overdue: { label: 'просрочен', color: 'red' },
};

/** The school-share indicators shown as cards and as table columns. */
const MAIN = ['surveys_complete', 'profile_verified', 'directions_activated', 'visited', 'documents_uploaded', 'documents_confirmed'];
const SHORT: Record<string, string> = {
  surveys_complete: 'Анкетирование',
  profile_verified: 'Профиль подтверждён',
  directions_activated: 'Направления',
  visited: 'Посещены',
  documents_uploaded: 'Документы загружены',
  documents_confirmed: 'Документы подтверждены',
};

const SCHOOL_TITLES: Record<string, string> = {
  surveys_complete: 'Анкетирование завершено',
  profile_verified: 'Рисковый профиль подтверждён куратором',
  directions_activated: 'Рисковые направления активированы',
  visited: 'Школу посетил куратор',
  documents_uploaded: 'Все документы загружены',
  documents_confirmed: 'Все документы подтверждены',
};

const ruDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : '—');
const fmt = (v: number | null) => (v === null ? '—' : `${String(v).replace('.', ',')}%`);

export function dashboardUrl(q: TerritoryQuery): string {
  const params = new URLSearchParams();
  if (q.regionId) params.set('regionId', String(q.regionId));
  if (q.municipalityId) params.set('municipalityId', String(q.municipalityId));
  if (q.schoolId) params.set('schoolId', String(q.schoolId));
  const s = params.toString();
  return s ? `/dashboard?${s}` : '/dashboard';
}

function useDashboard() {
  const [params] = useSearchParams();
  const query = new URLSearchParams();
  for (const key of ['cycleId', 'regionId', 'municipalityId', 'schoolId']) {
    const v = params.get(key);
    if (v) query.set(key, v);
  }
  const qs = query.toString();
  return useQuery({ queryKey: ['dashboard', qs], queryFn: () => api.get<DashboardData>(`/api/dashboard${qs ? `?${qs}` : ''}`) });
}

export function Dashboard() {
  const query = useDashboard();
  return <QueryState query={query}>{(d) => <DashboardView d={d} />}</QueryState>;
}

const status = (i: Indicator): 'success' | 'normal' => (i.met ? 'success' : 'normal');

function IndicatorCard({ i, single = false }: { i: Indicator; single?: boolean }) {
  if (single) {
    // one school: yes / no instead of a share
    return (
      <Card size="small" data-testid={`indicator-${i.code}`} data-value={i.value ?? ''} style={{ height: '100%' }}>
        <Typography.Text type="secondary" style={{ display: 'block', minHeight: 44 }}>
          {SCHOOL_TITLES[i.code] ?? i.title}
        </Typography.Text>
        {i.denominator === 0 ? <Tag>нет данных</Tag> : i.numerator ? <Tag color="green">да</Tag> : <Tag color="red">нет</Tag>}
      </Card>
    );
  }
  return (
    <Card size="small" data-testid={`indicator-${i.code}`} data-value={i.value ?? ''} style={{ height: '100%' }}>
      <Typography.Text type="secondary" style={{ display: 'block', minHeight: 44 }}>
        {i.title}
      </Typography.Text>
      <Space align="center" size="middle">
        <Progress type="dashboard" size={72} percent={i.value ?? 0} status={status(i)} format={() => fmt(i.value)} />
        <div>
          <div>
            <Typography.Text strong>{i.numerator}</Typography.Text> из {i.denominator}
            {i.done !== undefined && <Typography.Text type="secondary"> (выполнено {i.done})</Typography.Text>}
          </div>
          {i.threshold !== undefined && (
            <div>
              порог {i.threshold}%{' '}
              {i.met === true ? <Tag color="green">достигнут</Tag> : i.met === false ? <Tag color="red">не достигнут</Tag> : <Tag>нет данных</Tag>}
            </div>
          )}
        </div>
      </Space>
    </Card>
  );
}

/** Horizontal bars of one indicator per child territory, with the threshold line. */
function ChildrenChart({ rows, code, threshold }: { rows: ChildRow[]; code: string; threshold: number | undefined }) {
  const shown = rows.slice(0, 40);
  const bar = 22;
  const labelWidth = 260;
  const width = 720;
  const plot = width - labelWidth - 60;
  const height = shown.length * (bar + 6) + 24;
  return (
    <svg
      role="img"
      aria-label="Диаграмма по территориям"
      data-testid="children-chart"
      viewBox={`0 0 ${width} ${height}`}
      style={{ width: '100%', maxWidth: width, height: 'auto', display: 'block' }}
    >
      {shown.map((c, k) => {
        const i = c.indicators.find((x) => x.code === code);
        const v = i?.value ?? null;
        const y = k * (bar + 6);
        const met = i?.met;
        return (
          <g key={c.id}>
            <text x={labelWidth - 8} y={y + bar * 0.7} textAnchor="end" fontSize={12} fill="#333">
              {c.name.length > 38 ? `${c.name.slice(0, 37)}…` : c.name}
            </text>
            <rect x={labelWidth} y={y} width={plot} height={bar} fill="#f0f0f0" />
            {v !== null && <rect x={labelWidth} y={y} width={(plot * Math.min(100, v)) / 100} height={bar} fill={met ? '#52c41a' : '#1f5fa8'} />}
            <text x={labelWidth + plot + 6} y={y + bar * 0.7} fontSize={12} fill="#333">
              {fmt(v)}
            </text>
          </g>
        );
      })}
      {threshold !== undefined && (
        <line
          x1={labelWidth + (plot * threshold) / 100}
          x2={labelWidth + (plot * threshold) / 100}
          y1={0}
          y2={height - 20}
          stroke="#cf1322"
          strokeDasharray="4 3"
        />
      )}
      <text x={labelWidth} y={height - 4} fontSize={11} fill="#888">
        0%
      </text>
      <text x={labelWidth + plot} y={height - 4} fontSize={11} fill="#888" textAnchor="end">
        100%
      </text>
    </svg>
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function Downloads({ d }: { d: DashboardData }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ percent: number; text: string; failed: boolean } | null>(null);
  const [stageId, setStageId] = useState<number | undefined>(d.currentStageId ?? undefined);
  const t = d.territory;
  const territory = t.level === 'municipality' ? { municipalityId: t.municipalityId } : { regionId: t.regionId };
  // polling stops when the dashboard is left
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const run = async (key: string, url: string, fallback: string) => {
    setBusy(key);
    try {
      await download(url, undefined, fallback);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  // large reports are built in the background: start a run, poll it every second, then download its file
  const runInBackground = async (key: string, body: Record<string, unknown>, fallback: string) => {
    setBusy(key);
    setProgress({ percent: 0, text: 'Отчёт поставлен в очередь', failed: false });
    try {
      let { run: r } = await api.post<{ run: ReportRun }>('/api/reports/runs', { cycleId: d.cycle.id, ...territory, ...body });
      while (r.status === 'queued' || r.status === 'running') {
        setProgress({ percent: r.progress, text: r.message, failed: false });
        await sleep(1000);
        if (!alive.current) return;
        ({ run: r } = await api.get<{ run: ReportRun }>(`/api/reports/runs/${r.id}`));
      }
      if (r.status === 'failed' || !r.fileId) {
        setProgress({ percent: r.progress, text: r.message || 'Не удалось сформировать отчёт', failed: true });
        message.error(r.message || 'Не удалось сформировать отчёт');
        return;
      }
      setProgress({ percent: 100, text: 'Отчёт готов, загрузка…', failed: false });
      await download(`/api/files/${r.fileId}`, undefined, fallback);
      setProgress(null);
    } catch (e) {
      setProgress(null);
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap data-testid="report-downloads">
      {d.can.stageReport && (
        <>
          <Select
            style={{ minWidth: 260 }}
            value={stageId}
            onChange={setStageId}
            options={d.stages.map((s) => ({ value: s.id, label: s.title }))}
            aria-label="Этап мониторинга"
          />
          {(['xlsx', 'docx'] as const).map((f) => (
            <Button
              key={f}
              icon={<DownloadOutlined />}
              loading={busy === `stage-${f}`}
              data-testid={`stage-report-${f}`}
              disabled={busy !== null && busy !== `stage-${f}`}
              onClick={() => runInBackground(`stage-${f}`, { kind: 'stage', format: f, ...(stageId ? { stageId } : {}) }, `stage-report.${f}`)}
            >
              Скачать отчёт этапа ({f.toUpperCase()})
            </Button>
          ))}
          <Button
            icon={<DownloadOutlined />}
            loading={busy === 'year'}
            data-testid="year-report-xlsx"
            disabled={busy !== null && busy !== 'year'}
            onClick={() => runInBackground('year', { kind: 'year', format: 'xlsx' }, 'year-report.xlsx')}
          >
            Итоговый отчёт за год (XLSX)
          </Button>
          {progress && (
            <div style={{ minWidth: 280 }} data-testid="report-progress" role="status">
              <Progress percent={progress.percent} size="small" status={progress.failed ? 'exception' : progress.percent >= 100 ? 'success' : 'active'} />
              <Typography.Text type={progress.failed ? 'danger' : 'secondary'} data-testid="report-progress-text">
                {progress.text}
              </Typography.Text>
            </div>
          )}
        </>
      )}
      {d.can.schoolPdf && t.schoolId && (
        <Button
          icon={<PrinterOutlined />}
          loading={busy === 'pdf'}
          data-testid="school-pdf"
          onClick={() => run('pdf', `/api/reports/school/${t.schoolId}/pdf?cycleId=${d.cycle.id}`, 'school.pdf')}
        >
          PDF для печати
        </Button>
      )}
    </Space>
  );
}

export function DashboardView({ d }: { d: DashboardData }) {
  const main = d.indicators.filter((i) => MAIN.includes(i.code));
  const stages = d.indicators.filter((i) => i.code.startsWith('roadmap_stage_'));
  const kinds = d.indicators.filter((i) => i.code.startsWith('document_'));
  const current = stages.find((i) => i.stageId === d.currentStageId);
  const [chartCode, setChartCode] = useState<string>(current?.code ?? 'surveys_complete');
  const chartThreshold = d.indicators.find((i) => i.code === chartCode)?.threshold;
  const childLabel = d.childLevel === 'region' ? 'Регион' : d.childLevel === 'municipality' ? 'Муниципалитет' : 'Школа';

  const crumbs = d.breadcrumbs.map((b, k) => ({
    key: `${b.level}-${k}`,
    title:
      k < d.breadcrumbs.length - 1 && b.link ? (
        <Link to={dashboardUrl(b.query)} data-testid={`crumb-${b.level}`}>
          {b.name}
        </Link>
      ) : (
        <span data-testid={`crumb-${b.level}`}>{b.name}</span>
      ),
  }));

  const columns = [
    {
      title: childLabel,
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row: ChildRow) => (
        <Link to={dashboardUrl(row.query)} data-testid="child-link">
          {name}
        </Link>
      ),
    },
    ...(d.childLevel !== 'school' ? [{ title: 'Школ', dataIndex: 'schools', key: 'schools', width: 70 }] : []),
    ...[...MAIN, ...(current ? [current.code] : [])].map((code) => ({
      title: code.startsWith('roadmap_stage_') ? `Дорожные карты (этап ${code.slice('roadmap_stage_'.length)})` : SHORT[code],
      key: code,
      width: 120,
      render: (_: unknown, row: ChildRow) => {
        const i = row.indicators.find((x) => x.code === code);
        if (!i) return '—';
        if (d.childLevel === 'school' && !code.startsWith('roadmap_stage_')) {
          return i.denominator === 0 ? '—' : i.numerator ? <Tag color="green">да</Tag> : <Tag>нет</Tag>;
        }
        return (
          <span data-testid={`cell-${code}`} style={{ color: i.met ? '#389e0d' : undefined }}>
            {fmt(i.value)}
          </span>
        );
      },
    })),
  ];

  return (
    <div data-testid="dashboard" data-level={d.territory.level}>
      <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} data-testid="dashboard-breadcrumbs" />
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-title">
          {d.territory.name} · {d.cycle.title}
        </Typography.Title>
        <Downloads d={d} />
      </Space>
      <Typography.Paragraph type="secondary">
        Школ в проекте: <span data-testid="dashboard-schools">{d.schools}</span>. Показатели рассчитаны по данным системы на сегодня.
      </Typography.Paragraph>

      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {main.map((i) => (
          <Col key={i.code} xs={24} sm={12} lg={8}>
            <IndicatorCard i={i} single={d.territory.level === 'school'} />
          </Col>
        ))}
      </Row>

      <Card title="Исполнение дорожных карт по этапам мониторинга" size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]}>
          {stages.map((i) => (
            <Col key={i.code} xs={24} md={8}>
              <IndicatorCard i={i} />
            </Col>
          ))}
        </Row>
      </Card>

      {d.children.length > 0 && (
        <Card
          title={d.childLevel === 'region' ? 'Регионы' : d.childLevel === 'municipality' ? 'Муниципалитеты' : 'Школы'}
          size="small"
          style={{ marginBottom: 16 }}
          extra={
            <Select
              size="small"
              style={{ minWidth: 240 }}
              value={chartCode}
              onChange={setChartCode}
              options={[...main, ...stages].map((i) => ({ value: i.code, label: SHORT[i.code] ?? i.title.replace('Мероприятия дорожных карт исполнены и подтверждены: ', 'ДК: ') }))}
              aria-label="Показатель на диаграмме"
            />
          }
        >
          <ChildrenChart rows={d.children} code={chartCode} threshold={chartThreshold} />
          <Table<ChildRow>
            style={{ marginTop: 12 }}
            data-testid="children-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={d.children}
            pagination={d.children.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: true }}
          />
        </Card>
      )}

      {d.documents && (
        <Card title="Документы школы" size="small" style={{ marginBottom: 16 }} data-testid="school-documents">
          <Table
            rowKey="title"
            size="small"
            pagination={false}
            dataSource={d.documents}
            columns={[
              { title: 'Документ', dataIndex: 'title', key: 'title' },
              { title: 'Срок', dataIndex: 'dueDate', key: 'dueDate', width: 110, render: (v: string) => ruDate(v) },
              {
                title: 'Состояние',
                dataIndex: 'state',
                key: 'state',
                width: 190,
                render: (s: string) => <Tag color={SLOT_STATES[s]?.color}>{SLOT_STATES[s]?.label ?? s}</Tag>,
              },
            ]}
          />
        </Card>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={`Просроченные мероприятия (${d.overdue.itemsTotal})`} size="small" data-testid="overdue-items">
            {d.overdue.items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Просроченных мероприятий нет" />
            ) : (
              <Table
                rowKey="itemId"
                size="small"
                pagination={d.overdue.items.length > 10 ? { pageSize: 10 } : false}
                dataSource={d.overdue.items}
                columns={[
                  { title: 'Дорожная карта', dataIndex: 'territory', key: 'territory' },
                  {
                    title: 'Мероприятие',
                    key: 'title',
                    render: (_: unknown, r: DashboardData['overdue']['items'][number]) => (
                      <Link to={`/roadmaps/${r.roadmapId}`}>{[r.number, r.title].filter(Boolean).join('. ')}</Link>
                    ),
                  },
                  { title: 'Срок', dataIndex: 'dueDate', key: 'dueDate', width: 100, render: (v: string | null) => ruDate(v) },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={`Просроченные документы (${d.overdue.documentsTotal})`} size="small" data-testid="overdue-documents">
            {d.overdue.documents.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Просроченных документов нет" />
            ) : (
              <Table
                rowKey={(r) => `${r.schoolId}-${r.title}`}
                size="small"
                pagination={d.overdue.documents.length > 10 ? { pageSize: 10 } : false}
                dataSource={d.overdue.documents}
                columns={[
                  {
                    title: 'Школа',
                    dataIndex: 'school',
                    key: 'school',
                    render: (name: string, r: DashboardData['overdue']['documents'][number]) => (
                      <Link to={`/documents/schools/${r.schoolId}`}>{name}</Link>
                    ),
                  },
                  { title: 'Документ', dataIndex: 'title', key: 'title' },
                  { title: 'Срок', dataIndex: 'dueDate', key: 'dueDate', width: 100, render: (v: string) => ruDate(v) },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      {kinds.length > 0 && (
        <Card title="Документы по видам" size="small" style={{ marginTop: 16 }}>
          <Row gutter={[12, 12]}>
            {kinds.map((i) => (
              <Col key={i.code} xs={24} sm={12} lg={8}>
                <Typography.Text>{i.title.replace('Подтверждено: ', '')}</Typography.Text>
                <Progress percent={i.value ?? 0} format={() => `${fmt(i.value)} (${i.numerator} из ${i.denominator})`} status={i.met ? 'success' : 'normal'} />
              </Col>
            ))}
          </Row>
        </Card>
      )}
    </div>
  );
}
