// /documents/schools/:schoolId — a school's checklist of documents for the year: groups of slots, progress,
// federal expertise results.
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Progress, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import { ExpertiseResults } from '../expertise/ExpertiseResults';
import { useCycleChoice } from '../roadmaps/api';
import { CycleSelect } from '../roadmaps/RoadmapsPage';
import { sharePercent, useChecklist, type Checklist, type SlotView } from './api';
import { SlotCard, useDocumentAction } from './SlotCard';

interface Group {
  key: string;
  title: string;
  hint?: string;
  slots: SlotView[];
}

/** «Подтверждающие документы (Этап 2 — …): фактор» → «Этап 2 — …». */
function stageTitle(slot: SlotView): string {
  const m = /\(([^)]+)\)/.exec(slot.title);
  return m?.[1] ?? `Этап ${slot.stageNumber ?? ''}`;
}

function groupsOf(slots: SlotView[]): Group[] {
  const groups: Group[] = [
    { key: 'concept', title: 'Концептуальные документы', slots: slots.filter((s) => ['concept', 'midterm_programme', 'school_roadmap'].includes(s.kind)) },
    {
      key: 'antirisk',
      title: 'Антирисковые программы',
      hint: 'По одной на каждое выбранное направление риска.',
      slots: slots.filter((s) => s.kind === 'antirisk_programme'),
    },
  ];
  const stages = new Map<number, SlotView[]>();
  for (const s of slots.filter((x) => x.kind === 'evidence')) {
    const n = s.stageNumber ?? 0;
    stages.set(n, [...(stages.get(n) ?? []), s]);
  }
  for (const [n, list] of [...stages.entries()].sort((a, b) => a[0] - b[0])) {
    groups.push({ key: `evidence-${n}`, title: `Подтверждающие документы: ${list[0] ? stageTitle(list[0]) : `этап ${n}`}`, slots: list });
  }
  return groups;
}

export function SchoolChecklistPage() {
  const user = useUser();
  const schoolId = Number(useParams().schoolId);
  const { cycles, cycle, setCycle } = useCycleChoice();
  const checklist = useChecklist(schoolId, cycle?.id);
  const [conflict, setConflict] = useState<string>();
  const { run, busy, dialog } = useDocumentAction(setConflict);

  return (
    <div data-testid="checklist-page" data-school-id={schoolId}>
      {user.role !== 'school' && (
        <Link to={`/documents${cycle ? `?cycle=${cycle.id}` : ''}`}>
          <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0, marginBottom: 4 }}>
            {user.role === 'curator' ? 'Мои школы' : 'Документы школ'}
          </Button>
        </Link>
      )}
      <QueryState query={checklist}>
        {(data) => (
          <>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 16 }}>
              <div>
                <Typography.Title level={3} style={{ margin: 0 }} data-testid="checklist-school">
                  {data.school.name}
                </Typography.Title>
                <Typography.Text type="secondary">
                  {data.school.municipality} · документы за {data.cycle.year} год
                </Typography.Text>
              </div>
              {cycles.data && cycles.data.length > 1 && <CycleSelect cycles={cycles.data} value={cycle?.id} onChange={setCycle} />}
            </div>
            {conflict && (
              <Alert
                type="warning"
                showIcon
                title={conflict}
                description="Пока вы смотрели страницу, документ изменил другой пользователь. Обновите данные и повторите действие."
                action={
                  <Button
                    icon={<ReloadOutlined />}
                    onClick={() => {
                      setConflict(undefined);
                      void checklist.refetch();
                    }}
                  >
                    Обновить
                  </Button>
                }
                style={{ marginBottom: 16 }}
                data-testid="conflict"
              />
            )}
            <ProgressCard data={data} />
            <ExpertiseResults schoolId={data.school.id} cycleId={data.cycle.id} />
            {data.slots.length === 0 ? (
              <Card>
                <Empty description="Перечень документов пуст" />
              </Card>
            ) : (
              groupsOf(data.slots).map((g) => (
                <section key={g.key} style={{ marginBottom: 20 }} data-testid={`group-${g.key}`}>
                  <Typography.Title level={4} style={{ marginBottom: 4 }}>
                    {g.title}
                  </Typography.Title>
                  {g.hint && (
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                      {g.hint}
                    </Typography.Paragraph>
                  )}
                  {g.slots.length === 0 ? (
                    <Typography.Paragraph type="secondary" data-testid="no-directions">
                      Направления риска для школы ещё не выбраны — антирисковые программы появятся после их выбора.
                    </Typography.Paragraph>
                  ) : (
                    g.slots.map((slot) => <SlotCard key={slot.key} checklist={data} slot={slot} run={run} busy={busy} />)
                  )}
                </section>
              ))
            )}
            {dialog}
          </>
        )}
      </QueryState>
    </div>
  );
}

function ProgressCard({ data }: { data: Checklist }) {
  const p = data.progress;
  const percent = p.share === null ? 0 : Math.round(p.share * 1000) / 10;
  // by the document's status: a document on check after its due date is shown as overdue, but still waits
  const waiting = data.slots.filter((s) => s.document?.status === 'submitted').length;
  const returned = data.slots.filter((s) => s.document?.status === 'returned').length;
  const missing = data.slots.filter((s) => !s.document).length;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="school-progress" data-share={p.share ?? ''}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'center' }}>
        <div style={{ flex: '1 1 320px', minWidth: 260 }}>
          <Typography.Text strong>
            Подтверждено куратором: {p.confirmed} из {p.total} ({sharePercent(p.share)})
          </Typography.Text>
          <Progress percent={percent} format={() => sharePercent(p.share)} status={p.complete ? 'success' : 'normal'} style={{ marginBottom: 0 }} />
        </div>
        <Space size={24} wrap>
          <Statistic title="На проверке" value={waiting} />
          <Statistic title="На доработке" value={returned} styles={{ content: returned ? { color: '#d48806' } : undefined }} />
          <Statistic title="Просрочено" value={p.states.overdue} styles={{ content: p.states.overdue ? { color: '#cf1322' } : undefined }} />
          <Statistic title="Не загружено" value={missing} />
        </Space>
      </div>
    </Card>
  );
}
