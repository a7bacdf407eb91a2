// /risk-profiles/*: profiles of a campaign's schools with filters, the territory's picture per factor, Excel export,
// and one school's profile. A school account goes straight to its own profile.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, Navigate, Route, Routes, useNavigate, useSearchParams } from 'react-router-dom';
import { download } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import { useCycleChoice } from '../roadmaps/api';
import { CycleSelect } from '../roadmaps/RoadmapsPage';
import { currentCampaign, useCampaigns, VERIFICATION_COLORS, VERIFICATION_LABELS, type Campaign } from '../surveys/api';
import { queryString } from '../territories/api';
import { formatDateTime, useMunicipalities } from '../users/api';
import {
  FACTOR_CODES,
  FACTOR_NAMES,
  LEVEL_COLORS,
  LEVEL_LABELS,
  useAggregate,
  useProfiles,
  type Aggregate,
  type FactorCode,
  type FactorLevel,
  type ProfileRow,
  type Verification,
} from './api';
import { ProfilePage } from './ProfilePage';

export function RiskProfilesPage() {
  return (
    <Routes>
      <Route index element={<ProfilesList />} />
      <Route path=":profileId" element={<ProfilePage />} />
      <Route path="*" element={<Navigate to="/risk-profiles" replace />} />
    </Routes>
  );
}

const AREA_ROLES = ['admin', 'federal_coordinator', 'regional_coordinator', 'expert', 'observer'];

function ProfilesList() {
  const user = useUser();
  const { cycles, cycle, setCycle } = useCycleChoice();
  const campaigns = useCampaigns(cycle?.id);
  const [params, setParams] = useSearchParams();
  const items = campaigns.data?.items ?? [];
  const campaign = items.find((c) => c.id === Number(params.get('campaign'))) ?? currentCampaign(items);
  const setCampaign = (id: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('campaign', String(id));
        return next;
      },
      { replace: true },
    );

  return (
    <div data-testid="risk-profiles-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Рисковые профили
        </Typography.Title>
        <Space wrap>
          {cycles.data && cycles.data.length > 0 && <CycleSelect cycles={cycles.data} value={cycle?.id} onChange={setCycle} />}
          {items.length > 1 && (
            <Select
              style={{ minWidth: 260 }}
              value={campaign?.id}
              onChange={setCampaign}
              options={items.map((c) => ({ value: c.id, label: `${c.title} · ${c.territory}` }))}
              aria-label="Анкетирование"
              data-testid="campaign-select"
            />
          )}
        </Space>
      </div>
      <QueryState query={cycles} isEmpty={(d) => d.length === 0} empty={<Empty description="Годов проекта пока нет" />}>
        {() => (
          <QueryState
            query={campaigns}
            isEmpty={(d) => d.items.length === 0}
            empty={
              <Card>
                <Empty description="Анкетирований за этот год пока нет — рисковые профили рассчитываются по его результатам." />
              </Card>
            }
          >
            {() => (campaign ? <CampaignProfiles key={campaign.id} campaign={campaign} areaFilters={AREA_ROLES.includes(user.role)} /> : null)}
          </QueryState>
        )}
      </QueryState>
    </div>
  );
}

const LEVEL_ORDER: FactorLevel[] = ['high', 'medium', 'low', 'none', 'unknown'];

function CampaignProfiles({ campaign, areaFilters }: { campaign: Campaign; areaFilters: boolean }) {
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [municipalityId, setMunicipalityId] = useState<number>();
  const [verification, setVerification] = useState<Verification | 'all'>('all');
  const [factor, setFactor] = useState<FactorCode>();
  const [q, setQ] = useState('');
  const [exporting, setExporting] = useState(false);
  const filter = { campaignId: campaign.id, municipalityId };
  const profiles = useProfiles(filter);
  const aggregate = useAggregate(filter);
  const municipalities = useMunicipalities(campaign.regionId ?? user.regionId ?? undefined, areaFilters);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await download(`/api/risk-profiles/export${queryString(filter)}`, undefined, `risk-profiles-${campaign.id}.xlsx`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <QueryState
      query={profiles}
      isEmpty={(d) => d.items.length === 0 && municipalityId === undefined}
      empty={
        <Card data-testid="profiles-empty">
          <Empty
            description={
              <>
                Профили по анкетированию «{campaign.title}» ещё не рассчитаны.
                <br />
                Они появятся, когда координатор завершит анкетирование и рассчитает профили.
              </>
            }
          >
            <Link to={`/surveys/${campaign.id}`}>
              <Button>К анкетированию</Button>
            </Link>
          </Empty>
        </Card>
      }
    >
      {({ items }) => {
        if (user.role === 'school' && items.length === 1 && items[0]) return <Navigate to={`/risk-profiles/${items[0].id}`} replace />;
        const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е');
        const shown = items.filter(
          (p) =>
            (verification === 'all' || p.verification === verification) &&
            (!factor || p.levels[factor] === 'high') &&
            (!q.trim() || norm(`${p.school} ${p.municipality}`).includes(norm(q.trim()))),
        );
        const columns: ColumnsType<ProfileRow> = [
          {
            title: 'Школа',
            dataIndex: 'school',
            width: 260,
            fixed: 'left',
            render: (_, p) => (
              <>
                <Link to={`/risk-profiles/${p.id}`} data-testid="profile-link" onClick={(e) => e.stopPropagation()}>
                  {p.school}
                </Link>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.municipality}
                  </Typography.Text>
                </div>
              </>
            ),
          },
          {
            title: 'Факторы риска (1–10)',
            key: 'levels',
            width: 300,
            render: (_, p) => <LevelStrip levels={p.levels} />,
          },
          {
            title: 'Проверка куратором',
            dataIndex: 'verification',
            width: 190,
            render: (v: Verification) => <Tag color={VERIFICATION_COLORS[v]}>{VERIFICATION_LABELS[v]}</Tag>,
          },
          {
            title: 'Направления',
            dataIndex: 'directions',
            width: 120,
            align: 'right',
            render: (d: FactorCode[]) =>
              d.length ? (
                <Tooltip title={d.map((c) => FACTOR_NAMES[c]).join('; ')}>
                  <span>{d.length}</span>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">не выбраны</Typography.Text>
              ),
          },
          { title: 'Рассчитан', dataIndex: 'computedAt', width: 140, render: (d: string) => formatDateTime(d) },
        ];
        return (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              {areaFilters && (
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="Все муниципалитеты"
                  style={{ minWidth: 240 }}
                  value={municipalityId}
                  onChange={(v) => setMunicipalityId(v ?? undefined)}
                  options={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.label }))}
                  data-testid="municipality-filter"
                />
              )}
              <Select<Verification | 'all'>
                style={{ minWidth: 220 }}
                value={verification}
                onChange={setVerification}
                options={[
                  { value: 'all', label: 'Любая проверка' },
                  ...(['pending', 'verified', 'disputed'] as const).map((v) => ({ value: v, label: VERIFICATION_LABELS[v] })),
                ]}
                data-testid="verification-filter"
              />
              <Select<FactorCode>
                allowClear
                style={{ minWidth: 280, maxWidth: '100%' }}
                placeholder="Высокий риск по фактору…"
                value={factor}
                onChange={(v) => setFactor(v ?? undefined)}
                options={FACTOR_CODES.map((c) => ({ value: c, label: FACTOR_NAMES[c] }))}
                popupMatchSelectWidth={false}
                data-testid="factor-filter"
              />
              <Input.Search allowClear placeholder="Школа" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 220 }} />
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx} data-testid="profiles-export">
                Выгрузить в Excel
              </Button>
            </Space>
            {user.role !== 'school' && (
              <Card size="small" title="Картина по территории" style={{ marginBottom: 16 }} data-testid="aggregate-card">
                <QueryState query={aggregate}>{(data) => <AggregateChart data={data} />}</QueryState>
              </Card>
            )}
            <Card size="small" title={`Школы: ${shown.length}`}>
              <Table<ProfileRow>
                rowKey="id"
                size="small"
                dataSource={shown}
                columns={columns}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                scroll={{ x: 1000 }}
                onRow={(p) => ({ onClick: () => navigate(`/risk-profiles/${p.id}`), style: { cursor: 'pointer' } })}
                locale={{ emptyText: 'Ничего не нашлось' }}
                data-testid="profiles-table"
              />
            </Card>
          </>
        );
      }}
    </QueryState>
  );
}

/** Ten colored squares, one per factor in the programme's order. */
function LevelStrip({ levels }: { levels: Record<FactorCode, FactorLevel> }) {
  return (
    <div style={{ display: 'flex', gap: 3 }}>
      {FACTOR_CODES.map((code, i) => {
        const level = levels[code] ?? 'unknown';
        return (
          <Tooltip key={code} title={`${i + 1}. ${FACTOR_NAMES[code]}: ${LEVEL_LABELS[level]}`}>
            <span
              style={{
                width: 22,
                height: 22,
                borderRadius: 4,
                background: LEVEL_COLORS[level],
                color: level === 'low' || level === 'unknown' ? '#333' : '#fff',
                fontSize: 11,
                display: 'grid',
                placeItems: 'center',
              }}
              data-level={level}
            >
              {i + 1}
            </span>
          </Tooltip>
        );
      })}
    </div>
  );
}

export function LevelLegend() {
  return (
    <Space wrap size={12} style={{ fontSize: 12 }}>
      {LEVEL_ORDER.map((l) => (
        <span key={l}>
          <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 2, background: LEVEL_COLORS[l], marginRight: 4, verticalAlign: -1 }} />
          {LEVEL_LABELS[l]}
        </span>
      ))}
    </Space>
  );
}

/** Per factor: a stacked horizontal bar of schools by level. */
function AggregateChart({ data }: { data: Aggregate }) {
  if (data.schools === 0) return <Empty description="Профилей нет" />;
  return (
    <div data-testid="aggregate-chart">
      <div style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">Школ с рассчитанным профилем: {data.schools}. </Typography.Text>
        <LevelLegend />
      </div>
      {data.factors.map((f, i) => {
        const total = LEVEL_ORDER.reduce((sum, l) => sum + f[l], 0) || 1;
        return (
          <div key={f.code} style={{ marginBottom: 10 }} data-testid={`aggregate-${f.code}`}>
            <div style={{ fontSize: 13, marginBottom: 2 }}>
              {i + 1}. {f.name || FACTOR_NAMES[f.code]}
            </div>
            <div style={{ display: 'flex', height: 18, borderRadius: 4, overflow: 'hidden', background: '#f0f0f0' }}>
              {LEVEL_ORDER.filter((l) => f[l] > 0).map((l) => (
                <Tooltip key={l} title={`${LEVEL_LABELS[l]}: ${f[l]}`}>
                  <div
                    style={{
                      width: `${(f[l] / total) * 100}%`,
                      background: LEVEL_COLORS[l],
                      color: l === 'low' || l === 'unknown' ? '#333' : '#fff',
                      fontSize: 11,
                      textAlign: 'center',
                      lineHeight: '18px',
                      overflow: 'hidden',
                    }}
                    data-level={l}
                    data-count={f[l]}
                  >
                    {f[l]}
                  </div>
                </Tooltip>
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}
