// /roadmaps/*: the list of roadmaps of a project year by level, import from an order, creation and one roadmap.
import { FileAddOutlined, ImportOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import {
  LEVEL_LABELS,
  LEVEL_TITLES,
  LEVELS,
  orderLabel,
  ruDate,
  useCycleChoice,
  useRoadmaps,
  type CycleOption,
  type Level,
  type RoadmapSummary,
} from './api';
import { ImportPage } from './ImportPage';
import { creatableLevels } from './RoadmapForm';
import { RoadmapPage } from './RoadmapPage';

export function RoadmapsPage() {
  return (
    <Routes>
      <Route index element={<RoadmapsList />} />
      <Route path="import" element={<ImportPage />} />
      <Route path="new" element={<ImportPage blank />} />
      <Route path=":roadmapId" element={<RoadmapPage />} />
      <Route path="*" element={<Navigate to="/roadmaps" replace />} />
    </Routes>
  );
}

/** Project year selector used on the roadmaps and monitoring pages. */
export function CycleSelect({
  cycles,
  value,
  onChange,
}: {
  cycles: CycleOption[];
  value: number | undefined;
  onChange: (id: number) => void;
}) {
  return (
    <Select
      style={{ minWidth: 220 }}
      value={value}
      onChange={onChange}
      options={[...cycles]
        .sort((a, b) => b.year - a.year)
        .map((c) => ({ value: c.id, label: `${c.title}${c.status === 'active' ? ' (идёт)' : ''}` }))}
      aria-label="Год проекта"
      data-testid="cycle-select"
    />
  );
}

const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

function RoadmapsList() {
  const user = useUser();
  const navigate = useNavigate();
  const { cycles, cycle, setCycle } = useCycleChoice();
  const roadmaps = useRoadmaps({ cycleId: cycle?.id });
  const [level, setLevel] = useState<Level | 'all'>('all');
  const [q, setQ] = useState('');
  const mayCreate = creatableLevels(user).length > 0;
  const suffix = cycle ? `?cycle=${cycle.id}` : '';

  return (
    <div data-testid="roadmaps-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Дорожные карты
        </Typography.Title>
        <Space wrap>
          {cycles.data && cycles.data.length > 0 && <CycleSelect cycles={cycles.data} value={cycle?.id} onChange={setCycle} />}
          {mayCreate && (
            <>
              <Link to={`/roadmaps/new${suffix}`}>
                <Button icon={<FileAddOutlined />} data-testid="roadmap-create-button">
                  Создать
                </Button>
              </Link>
              <Link to={`/roadmaps/import${suffix}`}>
                <Button type="primary" icon={<ImportOutlined />} data-testid="roadmap-import-button">
                  Импорт из приказа
                </Button>
              </Link>
            </>
          )}
        </Space>
      </div>
      <QueryState query={cycles} isEmpty={(d) => d.length === 0} empty={<Empty description="Годов проекта пока нет" />}>
        {() => (
          <QueryState query={roadmaps}>
            {({ items }) => {
              const counts = Object.fromEntries(LEVELS.map((l) => [l, items.filter((r) => r.level === l).length])) as Record<Level, number>;
              const shown = items.filter(
                (r) =>
                  (level === 'all' || r.level === level) &&
                  (!q.trim() || norm(`${r.territory} ${r.title} ${r.orderNumber}`).includes(norm(q.trim()))),
              );
              if (items.length === 0) {
                return (
                  <Card>
                    <Empty
                      description={
                        mayCreate
                          ? 'Дорожных карт за этот год пока нет. Загрузите приказ с планом-графиком — мы разберём его таблицу.'
                          : 'Дорожных карт за этот год пока нет.'
                      }
                    >
                      {mayCreate && (
                        <Link to={`/roadmaps/import${suffix}`}>
                          <Button type="primary" icon={<ImportOutlined />}>
                            Импорт из приказа
                          </Button>
                        </Link>
                      )}
                    </Empty>
                  </Card>
                );
              }
              return (
                <>
                  <Space wrap style={{ marginBottom: 12 }}>
                    <Segmented<Level | 'all'>
                      value={level}
                      onChange={setLevel}
                      options={[
                        { value: 'all', label: `Все (${items.length})` },
                        ...LEVELS.filter((l) => counts[l] > 0).map((l) => ({ value: l, label: `${LEVEL_LABELS[l]} (${counts[l]})` })),
                      ]}
                      data-testid="level-filter"
                    />
                    <Input.Search
                      allowClear
                      placeholder="Территория или название"
                      value={q}
                      onChange={(e) => setQ(e.target.value)}
                      style={{ width: 280 }}
                    />
                  </Space>
                  {shown.length === 0 && <Empty description="Ничего не нашлось" />}
                  {LEVELS.filter((l) => shown.some((r) => r.level === l)).map((l) => (
                    <Card key={l} size="small" title={LEVEL_TITLES[l]} style={{ marginBottom: 16 }}>
                      <Table<RoadmapSummary>
                        rowKey="id"
                        size="small"
                        dataSource={shown.filter((r) => r.level === l)}
                        pagination={{ pageSize: 50, hideOnSinglePage: true }}
                        scroll={{ x: 800 }}
                        data-testid={`roadmaps-table-${l}`}
                        onRow={(r) => ({ onClick: () => navigate(`/roadmaps/${r.id}`), style: { cursor: 'pointer' } })}
                        columns={[
                          {
                            title: 'Территория',
                            dataIndex: 'territory',
                            width: 220,
                            render: (_, r) => (
                              <Link to={`/roadmaps/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="roadmap-link">
                                {r.territory}
                              </Link>
                            ),
                          },
                          {
                            title: 'Приказ',
                            dataIndex: 'title',
                            render: (_, r) => (
                              <>
                                <div>{orderLabel(r) ? `Приказ ${orderLabel(r)}` : <Typography.Text type="secondary">без реквизитов приказа</Typography.Text>}</div>
                                <Typography.Text type="secondary" ellipsis={{ tooltip: r.title }} style={{ fontSize: 12, maxWidth: 520 }}>
                                  {r.title}
                                </Typography.Text>
                                {r.templateId !== null && (
                                  <Tag style={{ marginLeft: 4 }} color="purple">
                                    копия шаблона
                                  </Tag>
                                )}
                              </>
                            ),
                          },
                          { title: 'Мероприятий', dataIndex: 'itemCount', width: 120, align: 'right' },
                          {
                            title: 'Замечаний',
                            dataIndex: 'flaggedCount',
                            width: 120,
                            align: 'right',
                            render: (n: number) =>
                              n > 0 ? (
                                <Tooltip title="Мероприятия, где сроки или другие данные требуют проверки">
                                  <Tag color="orange" icon={<WarningOutlined />} data-testid="roadmap-flagged">
                                    {n}
                                  </Tag>
                                </Tooltip>
                              ) : (
                                <Typography.Text type="secondary">нет</Typography.Text>
                              ),
                          },
                          { title: 'Изменена', dataIndex: 'updatedAt', width: 120, render: (d: string) => ruDate(d) },
                        ]}
                      />
                    </Card>
                  ))}
                </>
              );
            }}
          </QueryState>
        )}
      </QueryState>
    </div>
  );
}
