// /documents/*: the territory overview for coordinators, a curator's schools (what waits for confirmation first),
// a school's checklist and the anti-risk programme editor. A school account lands on its own checklist.
import { useQueries } from '@tanstack/react-query';
import { Alert, Card, Empty, Input, List, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import { plural, ruDate, useCycleChoice } from '../roadmaps/api';
import { queryString } from '../territories/api';
import { TerritoryHeader } from './TerritoryHeader';
import {
  checklistKey,
  DOCUMENT_KIND_LABELS,
  ruDateTime,
  sharePercent,
  useOverview,
  type Checklist,
  type DocumentKind,
  type Overview,
  type OverviewRow,
} from './api';
import { ProgrammePage } from './ProgrammePage';
import { SchoolChecklistPage } from './SchoolChecklistPage';

export function DocumentsPage() {
  return (
    <Routes>
      <Route index element={<DocumentsHome />} />
      <Route path="schools/:schoolId" element={<SchoolChecklistPage />} />
      <Route path="schools/:schoolId/programme/:slotKey" element={<ProgrammePage />} />
      <Route path="*" element={<Navigate to="/documents" replace />} />
    </Routes>
  );
}

function DocumentsHome() {
  const user = useUser();
  if (user.role === 'school') {
    return user.schoolId ? <Navigate to={`/documents/schools/${user.schoolId}`} replace /> : <Empty description="Учётная запись не привязана к школе" />;
  }
  return <OverviewPage />;
}

const AREA_ROLES = ['admin', 'federal_coordinator', 'regional_coordinator', 'expert', 'observer'];
const KIND_ORDER: DocumentKind[] = ['concept', 'midterm_programme', 'school_roadmap', 'antirisk_programme', 'evidence'];
const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

function OverviewPage() {
  const user = useUser();
  const isCurator = user.role === 'curator';
  const { cycles, cycle, setCycle } = useCycleChoice();
  const areaFilters = AREA_ROLES.includes(user.role);
  const [municipalityId, setMunicipalityId] = useState<number>();
  const overview = useOverview({ cycleId: cycle?.id, municipalityId });

  return (
    <div data-testid="documents-overview">
      <TerritoryHeader
        title={isCurator ? 'Документы моих школ' : 'Документы школ'}
        areaFilters={areaFilters}
        regionId={user.regionId}
        municipalityId={municipalityId}
        onMunicipality={setMunicipalityId}
        cycles={cycles.data}
        cycleId={cycle?.id}
        onCycle={setCycle}
      />
      <QueryState query={cycles} isEmpty={(d) => d.length === 0} empty={<Empty description="Годов проекта пока нет" />}>
        {() => (
          <QueryState
            query={overview}
            isEmpty={(d) => d.schools.length === 0}
            empty={
              <Card>
                <Empty description={isCurator ? 'За вами в этом году не закреплено ни одной школы' : 'В этом году на территории нет школ проекта'} />
              </Card>
            }
          >
            {(data) => (
              <>
                {isCurator ? <CuratorQueue data={data} cycleId={cycle?.id} /> : <ShareCard data={data} />}
                <SchoolsTable data={data} cycleId={cycle?.id} curator={isCurator} />
              </>
            )}
          </QueryState>
        )}
      </QueryState>
    </div>
  );
}

function ShareCard({ data }: { data: Overview }) {
  const s = data.share;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="documents-share">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 32 }}>
        <div style={{ minWidth: 240 }}>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="share-complete" data-share={s.share ?? ''}>
            {sharePercent(s.share)}
          </Typography.Title>
          <Typography.Text>
            школ: все документы подтверждены ({s.complete} из {s.schools})
          </Typography.Text>
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary" data-testid="share-on-track" data-share={s.onTrackShare ?? ''}>
              Без просрочек: {sharePercent(s.onTrackShare)} ({s.onTrack} из {s.schools})
            </Typography.Text>
          </div>
        </div>
        <div style={{ flex: '1 1 420px' }}>
          <Typography.Text strong>По видам документов — доля школ, у которых всё подтверждено</Typography.Text>
          {KIND_ORDER.map((kind) => {
            const k = s.byKind[kind];
            return (
              <div key={kind} style={{ display: 'flex', alignItems: 'center', gap: 12 }} data-testid={`kind-share-${kind}`} data-share={k.share ?? ''}>
                <span style={{ width: 280, fontSize: 13 }}>{DOCUMENT_KIND_LABELS[kind]}</span>
                {k.schools === 0 ? (
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    нет школ с такими документами
                  </Typography.Text>
                ) : (
                  <>
                    <Progress
                      percent={k.share === null ? 0 : Math.round(k.share * 1000) / 10}
                      format={() => sharePercent(k.share)}
                      style={{ flex: 1, margin: 0, maxWidth: 320 }}
                      size="small"
                    />
                    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                      {k.complete} из {k.schools}
                    </Typography.Text>
                  </>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </Card>
  );
}

/** A curator's queue: the documents of its schools waiting for a decision (read from each school's checklist). */
function CuratorQueue({ data, cycleId }: { data: Overview; cycleId: number | undefined }) {
  const schools = data.schools.slice(0, 60);
  const checklists = useQueries({
    queries: schools.map((s) => ({
      queryKey: checklistKey(s.schoolId, cycleId),
      queryFn: () => api.get<Checklist>(`/api/documents/schools/${s.schoolId}${queryString({ cycleId })}`),
      enabled: cycleId !== undefined,
    })),
  });
  const loading = checklists.some((q) => q.isPending);
  const waiting = checklists
    .flatMap((q) => (q.data ? q.data.slots.filter((s) => s.document?.status === 'submitted').map((slot) => ({ checklist: q.data, slot })) : []))
    .sort((a, b) => (a.slot.document?.updatedAt ?? '').localeCompare(b.slot.document?.updatedAt ?? ''));
  const link = (schoolId: number) => `/documents/schools/${schoolId}${cycleId ? `?cycle=${cycleId}` : ''}`;
  if (loading) return <Card size="small" loading style={{ marginBottom: 16 }} />;
  if (waiting.length === 0) {
    return <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="curator-waiting" title="Документов, ожидающих вашего решения, нет" />;
  }
  const schoolCount = new Set(waiting.map((w) => w.checklist.school.id)).size;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16, borderColor: '#91caff' }}
      title={
        <span data-testid="curator-waiting">
          Ждут вашего решения: {waiting.length} {plural(waiting.length, 'документ', 'документа', 'документов')} в {schoolCount}{' '}
          {plural(schoolCount, 'школе', 'школах', 'школах')}
        </span>
      }
    >
      <List
        size="small"
        dataSource={waiting}
        data-testid="curator-queue"
        renderItem={({ checklist, slot }) => (
          <List.Item
            data-testid="queue-item"
            actions={[
              <Link key="open" to={link(checklist.school.id)} data-testid="queue-open">
                Проверить
              </Link>,
            ]}
          >
            <List.Item.Meta
              title={<Link to={link(checklist.school.id)}>{slot.title}</Link>}
              description={
                <>
                  {checklist.school.name} · отправлен {ruDateTime(slot.document?.events.find((e) => e.action === 'submit')?.at ?? slot.document?.updatedAt)}
                  {slot.state === 'overdue' && (
                    <Tag color="error" style={{ marginLeft: 8 }}>
                      срок {ruDate(slot.dueDate)} прошёл
                    </Tag>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function SchoolsTable({ data, cycleId, curator }: { data: Overview; cycleId: number | undefined; curator: boolean }) {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const link = (id: number) => `/documents/schools/${id}${cycleId ? `?cycle=${cycleId}` : ''}`;
  const rows = data.schools
    .filter((r) => !q.trim() || norm(`${r.name} ${r.municipality} ${r.curator ?? ''}`).includes(norm(q.trim())))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const columns: ColumnsType<OverviewRow> = [
    {
      title: 'Школа',
      dataIndex: 'name',
      width: 280,
      sorter: (a, b) => a.name.localeCompare(b.name, 'ru'),
      render: (_, r) => (
        <>
          <Link to={link(r.schoolId)} onClick={(e) => e.stopPropagation()} data-testid="school-link">
            {r.name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.municipality}
            </Typography.Text>
          </div>
        </>
      ),
    },
    ...(curator ? [] : [{ title: 'Куратор', dataIndex: 'curator', width: 200, render: (c: string | null) => c ?? <Typography.Text type="secondary">не назначен</Typography.Text> }]),
    {
      title: 'Подтверждено',
      key: 'progress',
      width: 220,
      sorter: (a, b) => (a.progress.share ?? 0) - (b.progress.share ?? 0),
      render: (_, r) => (
        <Tooltip title={`${r.progress.confirmed} из ${r.progress.total}`}>
          <Progress
            percent={r.progress.share === null ? 0 : Math.round(r.progress.share * 1000) / 10}
            format={() => `${r.progress.confirmed}/${r.progress.total}`}
            size="small"
            status={r.progress.complete ? 'success' : 'normal'}
            style={{ margin: 0 }}
            data-testid="school-progress-bar"
          />
        </Tooltip>
      ),
    },
    {
      title: 'Просрочено',
      dataIndex: 'overdue',
      width: 120,
      align: 'right',
      sorter: (a, b) => a.overdue - b.overdue,
      render: (n: number) => (n ? <Tag color="error">{n}</Tag> : <Typography.Text type="secondary">0</Typography.Text>),
    },
  ];
  return (
    <Card
      size="small"
      title={`${curator ? 'Мои школы' : 'Школы'}: ${rows.length}`}
      extra={<Input.Search allowClear placeholder="Школа, район, куратор" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 240 }} />}
    >
      <Table<OverviewRow>
        rowKey="schoolId"
        size="small"
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        onRow={(r) => ({ onClick: () => navigate(link(r.schoolId)), style: { cursor: 'pointer' } })}
        locale={{ emptyText: 'Ничего не нашлось' }}
        data-testid="documents-schools-table"
      />
    </Card>
  );
}
