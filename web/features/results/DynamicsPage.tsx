// «Положительная динамика»: the territory share of schools with positive change and, per school, the change of each
// result between the latest two years (arrows) and of the anti-risk programme indicators. URL: ?regionId&municipalityId&schoolId.
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Empty, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import type { ResultChange } from '../../../domain/dashboard/dynamics';
import { QueryState } from '../../shared/states';
import { fetchDynamics, METRIC_LABELS, type Dynamics, type SchoolDynamicsRow } from './api';

const num = (v: number) => String(v).replace('.', ',');
const pct = (v: number | null) => (v === null ? '—' : `${num(v)}%`);

function url(q: { regionId?: number; municipalityId?: number; schoolId?: number }): string {
  const p = new URLSearchParams();
  if (q.regionId) p.set('regionId', String(q.regionId));
  if (q.municipalityId) p.set('municipalityId', String(q.municipalityId));
  if (q.schoolId) p.set('schoolId', String(q.schoolId));
  const s = p.toString();
  return s ? `/results?${s}` : '/results';
}

function Trend({ c }: { c: ResultChange }) {
  const color = c.trend === 'better' ? '#389e0d' : c.trend === 'worse' ? '#cf1322' : '#8c8c8c';
  const icon = c.change > 0 ? <ArrowUpOutlined /> : c.change < 0 ? <ArrowDownOutlined /> : <MinusOutlined />;
  return (
    <span style={{ color }} data-trend={c.trend}>
      {icon} {c.change > 0 ? '+' : ''}
      {num(c.change)}
    </span>
  );
}

function ResultsTable({ s }: { s: SchoolDynamicsRow }) {
  if (!s.results.length) return <Typography.Text type="secondary">Нет результатов хотя бы за два года</Typography.Text>;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(c) => `${c.exam}:${c.subject}:${c.grade}:${c.metric}`}
      dataSource={s.results}
      columns={[
        { title: 'Процедура', dataIndex: 'exam', width: 100 },
        { title: 'Предмет', dataIndex: 'subject' },
        { title: 'Класс', dataIndex: 'grade', width: 70 },
        { title: 'Показатель', dataIndex: 'metric', render: (m: ResultChange['metric']) => METRIC_LABELS[m] },
        { title: 'Было', render: (_: unknown, c: ResultChange) => `${num(c.from)} (${c.fromYear})` },
        { title: 'Стало', render: (_: unknown, c: ResultChange) => `${num(c.to)} (${c.toYear})` },
        { title: 'Изменение', render: (_: unknown, c: ResultChange) => <Trend c={c} /> },
      ]}
    />
  );
}

function DynamicsView({ d }: { d: Dynamics }) {
  const share = d.share;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="results-dynamics">
      <Breadcrumb
        items={d.breadcrumbs.map((c) => ({ title: c.link ? <Link to={url(c.query)}>{c.name}</Link> : c.name }))}
      />
      <Card>
        <Space size="large" wrap>
          <Statistic title={share.title} value={pct(share.value)} data-testid="positive-share" />
          <Progress type="circle" size={72} percent={share.value ?? 0} format={() => `${share.numerator} из ${share.denominator}`} />
          <Typography.Text type="secondary">
            Школ в проекте: {share.schools}; с данными о динамике: {share.denominator}. Сравниваются два последних года результатов
            (средний балл и доля справившихся — рост, доля «2» — снижение) и показатели антирисковых программ.
          </Typography.Text>
        </Space>
      </Card>
      <Table
        rowKey="schoolId"
        dataSource={d.schools}
        locale={{ emptyText: <Empty description="Нет школ" /> }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (s) => <ResultsTable s={s} />, rowExpandable: () => true }}
        columns={[
          { title: 'Школа', render: (_: unknown, s: SchoolDynamicsRow) => <Link to={url({ schoolId: s.schoolId })}>{s.name}</Link> },
          { title: 'Муниципалитет', dataIndex: 'municipality' },
          {
            title: 'Результаты',
            render: (_: unknown, s: SchoolDynamicsRow) => {
              const better = s.results.filter((c) => c.trend === 'better').length;
              const worse = s.results.filter((c) => c.trend === 'worse').length;
              return (
                <Space>
                  <span style={{ color: '#389e0d' }}>
                    <ArrowUpOutlined /> {better}
                  </span>
                  <span style={{ color: '#cf1322' }}>
                    <ArrowDownOutlined /> {worse}
                  </span>
                  <span style={{ color: '#8c8c8c' }}>
                    <MinusOutlined /> {s.same}
                  </span>
                </Space>
              );
            },
          },
          {
            title: 'Показатели антирисковых программ',
            render: (_: unknown, s: SchoolDynamicsRow) =>
              s.programme.measured ? `${s.programme.positive} из ${s.programme.measured} в нужную сторону` : '—',
          },
          {
            title: 'Динамика',
            render: (_: unknown, s: SchoolDynamicsRow) =>
              s.positive === null ? (
                <Tag>нет данных</Tag>
              ) : s.positive ? (
                <Tag color="green" icon={<ArrowUpOutlined />}>
                  положительная
                </Tag>
              ) : (
                <Tag color="red" icon={<ArrowDownOutlined />}>
                  нет положительной
                </Tag>
              ),
          },
        ]}
      />
    </Space>
  );
}

export function DynamicsPage() {
  const [params] = useSearchParams();
  const query = new URLSearchParams();
  for (const key of ['cycleId', 'regionId', 'municipalityId', 'schoolId']) {
    const v = params.get(key);
    if (v) query.set(key, v);
  }
  const qs = query.toString();
  const result = useQuery({ queryKey: ['results-dynamics', qs], queryFn: () => fetchDynamics(qs) });
  return <QueryState query={result}>{(d) => <DynamicsView d={d} />}</QueryState>;
}
