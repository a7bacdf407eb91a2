// /visits: «N% школ посещены кураторами» and the table of schools with their first visit; a curator records,
// edits and deletes its own visits (date, format, notes).
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Empty, Form, Input, List, Modal, Popconfirm, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { applyApiError, errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import { sharePercent } from '../documents/api';
import { ruDate, useCycleChoice } from '../roadmaps/api';
import { todayIso } from '../roadmaps/Execution';
import { TerritoryHeader } from '../documents/TerritoryHeader';
import {
  checkVisit,
  createVisit,
  deleteVisit,
  refreshVisits,
  updateVisit,
  useSchoolVisits,
  useVisitsOverview,
  VISIT_FORMAT_LABELS,
  VISIT_FORMATS,
  type VisitInput,
  type VisitsOverview,
  type VisitsRow,
  type VisitView,
} from './api';

const AREA_ROLES = ['admin', 'federal_coordinator', 'regional_coordinator', 'observer'];
const WRITERS = ['curator', 'admin'];
const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

export function VisitsPage() {
  const user = useUser();
  const isCurator = user.role === 'curator';
  const mayWrite = WRITERS.includes(user.role);
  const { cycles, cycle, setCycle } = useCycleChoice();
  const areaFilters = AREA_ROLES.includes(user.role);
  const [municipalityId, setMunicipalityId] = useState<number>();
  const overview = useVisitsOverview({ cycleId: cycle?.id, municipalityId });
  const [opened, setOpened] = useState<VisitsRow>();
  const [recording, setRecording] = useState<{ school: VisitsRow; visit?: VisitView }>();

  return (
    <div data-testid="visits-page">
      <TerritoryHeader
        title={isCurator ? 'Посещения моих школ' : 'Посещения школ кураторами'}
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
                <ShareCard data={data} />
                <VisitsTable data={data} mayWrite={mayWrite} onOpen={setOpened} onRecord={(school) => setRecording({ school })} />
                {opened && (
                  <SchoolVisitsDrawer
                    school={opened}
                    cycleId={data.cycle.id}
                    mayWrite={mayWrite}
                    onClose={() => setOpened(undefined)}
                    onRecord={(visit) => setRecording({ school: opened, visit })}
                  />
                )}
                {recording && (
                  <VisitModal school={recording.school} visit={recording.visit} cycleId={data.cycle.id} onClose={() => setRecording(undefined)} />
                )}
              </>
            )}
          </QueryState>
        )}
      </QueryState>
    </div>
  );
}

function ShareCard({ data }: { data: VisitsOverview }) {
  const s = data.share;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="visit-share" data-share={s.share ?? ''}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 24 }}>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {sharePercent(s.share)}
          </Typography.Title>
          <Typography.Text>
            школ посещены кураторами ({s.visited} из {s.schools})
          </Typography.Text>
        </div>
        <Progress
          percent={s.share === null ? 0 : Math.round(s.share * 1000) / 10}
          format={() => sharePercent(s.share)}
          status={s.share === 1 ? 'success' : 'normal'}
          style={{ flex: '1 1 280px', maxWidth: 480, margin: 0 }}
        />
        {s.notVisited.length > 0 && (
          <Typography.Text type="secondary">
            Ещё не посещены: {s.notVisited.length}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}

function VisitsTable({
  data,
  mayWrite,
  onOpen,
  onRecord,
}: {
  data: VisitsOverview;
  mayWrite: boolean;
  onOpen: (row: VisitsRow) => void;
  onRecord: (row: VisitsRow) => void;
}) {
  const [q, setQ] = useState('');
  const [onlyNotVisited, setOnlyNotVisited] = useState(false);
  const rows = data.schools
    .filter((r) => !onlyNotVisited || r.firstVisitOn === null)
    .filter((r) => !q.trim() || norm(`${r.name} ${r.municipality} ${r.curator ?? ''}`).includes(norm(q.trim())));
  const columns: ColumnsType<VisitsRow> = [
    {
      title: 'Школа',
      dataIndex: 'name',
      width: 280,
      sorter: (a, b) => a.name.localeCompare(b.name, 'ru'),
      render: (_, r) => (
        <>
          <Button type="link" style={{ padding: 0, height: 'auto', textAlign: 'left', whiteSpace: 'normal' }} onClick={() => onOpen(r)} data-testid="visits-school">
            {r.name}
          </Button>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.municipality}
            </Typography.Text>
          </div>
        </>
      ),
    },
    { title: 'Куратор', dataIndex: 'curator', width: 200, render: (c: string | null) => c ?? <Typography.Text type="secondary">не назначен</Typography.Text> },
    {
      title: 'Первое посещение',
      dataIndex: 'firstVisitOn',
      width: 160,
      sorter: (a, b) => (a.firstVisitOn ?? '9999').localeCompare(b.firstVisitOn ?? '9999'),
      render: (d: string | null) => (d ? <span data-testid="first-visit">{ruDate(d)}</span> : <Tag color="warning">не посещена</Tag>),
    },
    { title: 'Посещений', dataIndex: 'visits', width: 110, align: 'right', sorter: (a, b) => a.visits - b.visits },
    {
      title: '',
      key: 'actions',
      width: 220,
      render: (_, r) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => onOpen(r)} data-testid="open-visits">
            Посещения
          </Button>
          {mayWrite && (
            <Button size="small" type="primary" ghost icon={<PlusOutlined />} onClick={() => onRecord(r)} data-testid="record-visit">
              Записать
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={`Школы: ${rows.length}`}
      extra={
        <Space wrap>
          <Radio.Group
            size="small"
            value={onlyNotVisited ? 'not' : 'all'}
            onChange={(e) => setOnlyNotVisited(e.target.value === 'not')}
            options={[
              { value: 'all', label: 'Все' },
              { value: 'not', label: 'Не посещённые' },
            ]}
            optionType="button"
          />
          <Input.Search allowClear placeholder="Школа, район, куратор" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 220 }} />
        </Space>
      }
    >
      <Table<VisitsRow>
        rowKey="schoolId"
        size="small"
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: 'Ничего не нашлось' }}
        data-testid="visits-table"
      />
    </Card>
  );
}

function SchoolVisitsDrawer({
  school,
  cycleId,
  mayWrite,
  onClose,
  onRecord,
}: {
  school: VisitsRow;
  cycleId: number;
  mayWrite: boolean;
  onClose: () => void;
  onRecord: (visit?: VisitView) => void;
}) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const visits = useSchoolVisits(school.schoolId, cycleId);
  const remove = async (v: VisitView) => {
    try {
      await deleteVisit(v.id);
      await refreshVisits(client);
      message.success('Посещение удалено');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Drawer open size={560} title={school.name} onClose={onClose} data-testid="visits-drawer">
      {mayWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onRecord()} style={{ marginBottom: 12 }} data-testid="drawer-record-visit">
          Записать посещение
        </Button>
      )}
      <QueryState query={visits} isEmpty={(d) => d.visits.length === 0} empty={<Empty description="Посещений пока нет" />}>
        {(data) => (
          <List
            dataSource={data.visits}
            data-testid="visits-list"
            renderItem={(v) => (
              <List.Item
                data-testid="visit-item"
                actions={
                  v.canEdit
                    ? [
                        <Button key="e" type="text" size="small" icon={<EditOutlined />} aria-label="Изменить" onClick={() => onRecord(v)} data-testid="visit-edit" />,
                        <Popconfirm
                          key="d"
                          title="Удалить запись о посещении?"
                          okText="Удалить"
                          cancelText="Отмена"
                          okButtonProps={{ danger: true }}
                          onConfirm={() => remove(v)}
                        >
                          <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label="Удалить" data-testid="visit-delete" />
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={6}>
                      <span>{ruDate(v.visitedOn)}</span>
                      <Tag>{VISIT_FORMAT_LABELS[v.format]}</Tag>
                      {v.first && <Tag color="green">первое посещение</Tag>}
                    </Space>
                  }
                  description={
                    <>
                      {v.notes && <div style={{ whiteSpace: 'pre-wrap', color: '#262626' }}>{v.notes}</div>}
                      <div style={{ fontSize: 12 }}>{v.curator ? `Записал(а): ${v.curator}` : ''}</div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Drawer>
  );
}

function VisitModal({ school, visit, cycleId, onClose }: { school: VisitsRow; visit?: VisitView; cycleId: number; onClose: () => void }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<VisitInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    const values = { ...form.getFieldsValue(true) } as VisitInput;
    values.notes = values.notes ?? '';
    const issues = checkVisit(values, todayIso());
    form.setFields([
      { name: 'visitedOn', errors: issues.filter((i) => i.path === 'visitedOn').map((i) => i.message) },
      { name: 'format', errors: issues.filter((i) => i.path === 'format').map((i) => i.message) },
      { name: 'notes', errors: issues.filter((i) => i.path === 'notes').map((i) => i.message) },
    ]);
    if (issues.length) return;
    setBusy(true);
    setError(undefined);
    try {
      if (visit) await updateVisit(visit.id, values);
      else await createVisit({ ...values, cycleId, schoolId: school.schoolId });
      await refreshVisits(client);
      message.success(visit ? 'Посещение изменено' : 'Посещение записано');
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
      title={visit ? 'Изменить посещение' : 'Записать посещение'}
      okText={visit ? 'Сохранить' : 'Записать'}
      cancelText="Отмена"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'visit-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph strong>{school.name}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={visit ? { visitedOn: visit.visitedOn, format: visit.format, notes: visit.notes } : { visitedOn: todayIso(), format: 'onsite', notes: '' }}
      >
        <Form.Item name="visitedOn" label="Дата посещения" required>
          <Input type="date" max={todayIso()} style={{ width: 200 }} data-testid="visit-date" />
        </Form.Item>
        <Form.Item name="format" label="Формат" required>
          <Radio.Group options={VISIT_FORMATS.map((f) => ({ value: f, label: VISIT_FORMAT_LABELS[f] }))} data-testid="visit-format" />
        </Form.Item>
        <Form.Item name="notes" label="Заметки (что обсуждали, о чём договорились)">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount data-testid="visit-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
