// Notifications of roadmap work: a mark to confirm (→ the confirmer), a returned mark (→ the marker), stage reports
// (submitted → the level above; accepted or returned → the submitter's level), the daily escalation of overdue
// activities one level up after N days and two levels up after M days (cycles.escalation_days), and the weekly digest
// of a coordinator's territory. Dedupe keys make every notification once per user and event.
import { daysBetween, ruDate } from '../../../domain/dates.js';
import { markAt } from '../../../domain/monitoring/figures.js';
import { revisionInForce } from '../../../domain/roadmaps/revisions.js';
import type { Db, Tx } from '../../db/client.js';
import { computeFigures, waitingMarks, type Figures } from '../monitoring/figures.js';
import * as mq from '../monitoring/queries.js';
import { listSummaries, roadmapById, type SummaryRow } from '../roadmaps/queries.js';
import { territoryName } from '../roadmaps/views.js';
import * as rq from '../stage-reports/queries.js';
import { deliver, type DeliverOptions, type NotificationEvent } from './handlers.js';
import * as q from './queries.js';

const short = (t: string) => (t.length > 120 ? `${t.slice(0, 120)}…` : t);
const itemName = (i: { number: string | null; title: string }) => `${i.number ? `${i.number}. ` : ''}«${short(i.title)}»`;

export async function roadmapEvent(db: Db, payload: Record<string, unknown>, options: DeliverOptions): Promise<void> {
  if (payload.event === 'mark') await markEvent(db, payload, options);
  else if (payload.event === 'report') await reportEvent(db, payload, options);
}

async function markEvent(db: Db, payload: Record<string, unknown>, options: DeliverOptions): Promise<void> {
  const rm = await roadmapById(db, Number(payload.roadmapId));
  if (!rm) return;
  const [item] = await mq.itemsByIds(db, [Number(payload.itemId)]);
  if (!item) return;
  const names = (await listSummaries(db, { level: 'all' }, { cycleId: rm.cycleId, level: rm.level, ...placeFilter(rm) })).find((r) => r.id === rm.id);
  const territory = names ? territoryName(names) : '';
  const comment = typeof payload.comment === 'string' ? payload.comment.trim() : '';
  const link = `/roadmaps/${rm.id}`;
  const dedupeKey = `mark:${item.id}:${Number(payload.stageId)}:${String(payload.action)}:${Number(payload.at)}`;
  await db.transaction(async (tx) => {
    if (payload.action === 'complete') {
      await deliver(
        tx,
        await q.roadmapReviewers(tx, rm.cycleId, rm),
        {
          kind: 'mark_to_confirm',
          dedupeKey,
          title: `Подтвердите исполнение: ${territory}`,
          body: `${territory}: отмечено выполнение мероприятия ${itemName(item)}. Проверьте подтверждающие документы и подтвердите исполнение или верните на доработку.`,
          link,
        },
        options,
      );
    } else if (payload.action === 'return') {
      await deliver(
        tx,
        await q.roadmapOwners(tx, rm),
        {
          kind: 'mark_returned',
          dedupeKey,
          title: `Возвращено на доработку: ${short(item.title)}`,
          body: `Отметка о выполнении мероприятия ${itemName(item)} (${territory}) возвращена на доработку.${comment ? ` Комментарий: ${comment}` : ''}`,
          link,
        },
        options,
      );
    }
  });
}

const placeFilter = (rm: { regionId: number | null; municipalityId: number | null; schoolId: number | null }) => ({
  ...(rm.regionId !== null ? { regionId: rm.regionId } : {}),
  ...(rm.municipalityId !== null ? { municipalityId: rm.municipalityId } : {}),
  ...(rm.schoolId !== null ? { schoolId: rm.schoolId } : {}),
});

async function reportEvent(db: Db, payload: Record<string, unknown>, options: DeliverOptions): Promise<void> {
  const report = await rq.reportById(db, Number(payload.reportId));
  if (!report) return;
  const snap = report.snapshot as { stage?: { title?: string }; territory?: string; total?: { confirmed: number; due: number; percent: number | null } };
  const stage = (snap.stage?.title ?? 'этап').toLowerCase();
  const territory = snap.territory ?? '';
  const comment = typeof payload.comment === 'string' ? payload.comment.trim() : '';
  const action = String(payload.action);
  const link = `/monitoring/reports?stageId=${report.stageId}`;
  const dedupeKey = `report:${report.id}:${action}:${Number(payload.at)}`;
  const above =
    report.level === 'municipal' ? () => q.coordinatorsOf(db, 'regional_coordinator', report) : () => q.coordinatorsOf(db, 'federal_coordinator');
  const own =
    report.level === 'municipal' ? () => q.coordinatorsOf(db, 'municipal_coordinator', report) : () => q.coordinatorsOf(db, 'regional_coordinator', report);
  let event: NotificationEvent;
  let recipients: q.Recipient[];
  if (action === 'submit') {
    const t = snap.total;
    recipients = await above();
    event = {
      kind: 'stage_report',
      dedupeKey,
      title: `Отчёт на проверку: ${territory}, ${stage}`,
      body: `${territory} отправил(а) отчёт за ${stage}${t ? `: подтверждено ${t.confirmed} из ${t.due} мероприятий к сроку${t.percent === null ? '' : ` (${t.percent}%)`}` : ''}. Примите его или верните с указанием причины.`,
      link,
    };
  } else {
    recipients = await own();
    event = {
      kind: 'stage_report',
      dedupeKey,
      title: action === 'accept' ? `Отчёт принят: ${stage}` : `Отчёт возвращён на доработку: ${stage}`,
      body: action === 'accept' ? `Отчёт за ${stage} (${territory}) принят.` : `Отчёт за ${stage} (${territory}) возвращён на доработку.${comment ? ` Причина: ${comment}` : ''}`,
      link,
    };
  }
  await db.transaction(async (tx) => {
    await deliver(tx, recipients, event, options);
  });
}

// ---- escalation of overdue activities ----

export interface OverdueActivity {
  roadmap: SummaryRow;
  itemId: number;
  number: string | null;
  title: string;
  /** The due date missed (a periodic activity: the stage's measuring date). */
  deadline: string;
  stageId: number | null;
  days: number;
}

/** Approved roadmaps of the cycle (optionally of a territory) with their figures on `on`: computed once per scan. */
export interface ApprovedFigures {
  cycle: { id: number; year: number; escalationDays: number[] };
  rows: SummaryRow[];
  figures: Figures;
}

export async function approvedFigures(
  db: Tx,
  cycle: ApprovedFigures['cycle'],
  on: string,
  filter: { regionId?: number; municipalityId?: number } = {},
): Promise<ApprovedFigures> {
  const rows = (await listSummaries(db, { level: 'all' }, { cycleId: cycle.id, ...filter })).filter((r) => r.status === 'approved');
  return { cycle, rows, figures: await computeFigures(db, cycle, rows, on) };
}

/** Activities of the given approved roadmaps overdue on `on`: not executed although their deadline has passed. */
export async function overdueActivities(db: Tx, { rows, figures }: Pick<ApprovedFigures, 'rows' | 'figures'>, on: string): Promise<OverdueActivity[]> {
  const found: Omit<OverdueActivity, 'number' | 'title'>[] = [];
  for (const rm of rows) {
    const rev = revisionInForce(figures.revisions.get(rm.id) ?? [], on);
    if (!rev) continue;
    const stages = figures.stagesOf(rm.regionId);
    for (const item of rev.items) {
      if (item.periodic) {
        // each measured stage not marked done
        for (const s of stages) {
          if (s.measuredOn >= on || (item.startDate !== null && item.startDate > s.measuredOn)) continue;
          const m = markAt(item, s.id, figures.lookup);
          if (m && (m.status === 'done' || m.status === 'confirmed')) continue;
          found.push({ roadmap: rm, itemId: item.id, deadline: s.measuredOn, stageId: s.id, days: daysBetween(s.measuredOn, on) });
        }
      } else if (item.dueDate !== null && item.dueDate < on) {
        const m = markAt(item, 0, figures.lookup);
        if (m && (m.status === 'done' || m.status === 'confirmed')) continue;
        found.push({ roadmap: rm, itemId: item.id, deadline: item.dueDate, stageId: null, days: daysBetween(item.dueDate, on) });
      }
    }
  }
  const names = new Map((await mq.itemsByIds(db, [...new Set(found.map((f) => f.itemId))])).map((i) => [i.id, i]));
  return found.map((f) => ({ ...f, number: names.get(f.itemId)?.number ?? null, title: names.get(f.itemId)?.title ?? '' }));
}

/** The current cycle's approved roadmaps with their figures; none when there is no open cycle. */
async function currentFigures(db: Db, on: string): Promise<ApprovedFigures | undefined> {
  const cycle = await mq.currentCycle(db);
  if (!cycle || cycle.status === 'closed') return undefined;
  return approvedFigures(db, cycle, on);
}

/** The daily roadmap part of the scan: escalation and the weekly digest over one computation of the figures. */
export async function scanRoadmaps(db: Db, on: string, options: DeliverOptions = {}): Promise<void> {
  const loaded = await currentFigures(db, on);
  if (!loaded) return;
  await scanOverdue(db, on, options, loaded);
  await weeklyDigest(db, on, options, loaded);
}

/** Who is told at escalation step 0 (N days) and step 1 (M days) for a roadmap of a level. */
async function escalationRecipients(db: Tx, cycleId: number, rm: SummaryRow, step: number): Promise<q.Recipient[]> {
  switch (rm.level) {
    case 'school':
      if (step === 0) {
        return [...(rm.schoolId === null ? [] : await q.curatorsOf(db, cycleId, rm.schoolId)), ...(await q.coordinatorsOf(db, 'municipal_coordinator', rm))];
      }
      return q.coordinatorsOf(db, 'regional_coordinator', rm);
    case 'municipal':
      return step === 0 ? q.coordinatorsOf(db, 'regional_coordinator', rm) : q.coordinatorsOf(db, 'federal_coordinator');
    case 'regional':
      return step === 0 ? q.coordinatorsOf(db, 'federal_coordinator') : [];
    case 'federal':
      return [];
  }
}

/**
 * Daily: every overdue activity past a threshold of the cycle's escalation days is told to the level(s) above, once
 * per activity, missed deadline, step and user. Returns how many notifications were new.
 */
export async function scanOverdue(db: Db, on: string, options: DeliverOptions = {}, given?: ApprovedFigures): Promise<number> {
  const loaded = given ?? (await currentFigures(db, on));
  if (!loaded) return 0;
  const { cycle } = loaded;
  const steps = [...cycle.escalationDays].sort((a, b) => a - b).slice(0, 2);
  if (!steps.length) return 0;
  const list = await overdueActivities(db, loaded, on);
  let created = 0;
  for (const a of list) {
    for (const [step, days] of steps.entries()) {
      if (a.days < days) continue;
      await db.transaction(async (tx) => {
        const territory = territoryName(a.roadmap);
        created += await deliver(
          tx,
          await escalationRecipients(tx, cycle.id, a.roadmap, step),
          {
            kind: 'overdue_escalation',
            dedupeKey: `overdue:${a.itemId}:${a.stageId ?? 0}:${a.deadline}:${step}`,
            title: `Просрочено ${a.days} дн.: ${territory}`,
            body: `${territory}: мероприятие ${itemName(a)} должно было быть выполнено до ${ruDate(a.deadline)}, отметки о выполнении нет (просрочка ${a.days} дн.).`,
            link: `/roadmaps/${a.roadmap.id}`,
          },
          options,
        );
      });
    }
  }
  return created;
}

/** Monday of the ISO week of a day ('YYYY-MM-DD'). */
function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * Weekly (on Mondays, or the first scan of the week): each regional and municipal coordinator gets the count of their
 * territory's overdue activities and marks waiting for confirmation; the federal ones the country's.
 */
export async function weeklyDigest(db: Db, on: string, options: DeliverOptions = {}, given?: ApprovedFigures): Promise<number> {
  const loaded = given ?? (await currentFigures(db, on));
  if (!loaded) return 0;
  const { rows, figures } = loaded;
  const week = weekOf(on);
  const list = await overdueActivities(db, loaded, on);
  const waiting = new Map(rows.map((rm) => [rm.id, waitingMarks(figures, rm)]));
  const groups: { recipients: q.Recipient[]; territory: string; match: (r: SummaryRow) => boolean }[] = [];
  groups.push({ recipients: await q.coordinatorsOf(db, 'federal_coordinator'), territory: 'Российская Федерация', match: () => true });
  const regions = new Map(rows.filter((r) => r.regionId !== null).map((r) => [r.regionId as number, r.regionName ?? '']));
  for (const [regionId, name] of regions) {
    groups.push({ recipients: await q.coordinatorsOf(db, 'regional_coordinator', { regionId }), territory: name, match: (r) => r.regionId === regionId });
  }
  const munis = new Map(rows.filter((r) => r.municipalityId !== null).map((r) => [r.municipalityId as number, r.municipalityName ?? '']));
  for (const [municipalityId, name] of munis) {
    groups.push({ recipients: await q.coordinatorsOf(db, 'municipal_coordinator', { municipalityId }), territory: name, match: (r) => r.municipalityId === municipalityId });
  }
  let created = 0;
  for (const g of groups) {
    if (!g.recipients.length) continue;
    const overdue = list.filter((a) => g.match(a.roadmap)).length;
    const toConfirm = rows.filter(g.match).reduce((n, r) => n + (waiting.get(r.id) ?? 0), 0);
    if (overdue === 0 && toConfirm === 0) continue;
    await db.transaction(async (tx) => {
      for (const r of g.recipients) {
        created += await deliver(
          tx,
          [r],
          {
            kind: 'weekly_digest',
            dedupeKey: `digest:${week}`,
            title: `Сводка за неделю: ${g.territory}`,
            body: `${g.territory} на ${ruDate(on)}: просроченных мероприятий — ${overdue}, отметок о выполнении ждут подтверждения — ${toConfirm}.`,
            link: '/monitoring',
          },
          options,
        );
      }
    });
  }
  return created;
}
