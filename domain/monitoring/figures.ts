// Stage figures of one roadmap: activities due by the stage's measuring date in the revision in force on that date,
// how many were executed and confirmed by then. One-off activities carry one execution fact (dated) to every later
// stage; periodic ones («ежемесячно», «в течение года») are marked per stage.
import { revisionInForce, type RevisionItem } from '../roadmaps/revisions.js';
import type { ExecutionStatus } from './stages.js';

export type PlanItem = Pick<RevisionItem, 'id' | 'dueDate' | 'startDate' | 'periodic'>;

export interface PlanRevision {
  number: number;
  /** The order's date: the revision is in force from this day. */
  orderDate: string;
  items: PlanItem[];
}

export interface MarkFact {
  itemId: number;
  /** null: the one fact of a one-off activity. */
  stageId: number | null;
  status: ExecutionStatus;
  /** Day of execution of a done or confirmed mark. */
  executedOn: string | null;
}

export interface MeasuredStage {
  id: number;
  measuredOn: string;
  thresholdPercent: number;
}

export interface StageFigures {
  stageId: number;
  measuredOn: string;
  thresholdPercent: number;
  /** Revision in force on the measuring date (null: the roadmap is not approved). */
  revision: number | null;
  /** «к сроку»: due by the measuring date. */
  due: number;
  done: number;
  confirmed: number;
  /** confirmed / due, percent with one decimal; null when nothing is due. */
  percent: number | null;
  met: boolean | null;
  /** «от всего плана»: every activity of the revision in force. */
  plan: number;
  planConfirmed: number;
  planPercent: number | null;
  /** The activities behind each figure. */
  ids: { due: number[]; done: number[]; confirmed: number[]; overdue: number[]; plan: number[] };
}

export type MarkLookup = (itemId: number, stageId: number | null) => MarkFact | undefined;

export function markLookup(marks: MarkFact[]): MarkLookup {
  const map = new Map<string, MarkFact>();
  for (const m of marks) map.set(`${m.itemId}:${m.stageId ?? ''}`, m);
  return (itemId, stageId) => map.get(`${itemId}:${stageId ?? ''}`);
}

/** Due at a stage: a one-off activity by its due date; a periodic one at every stage from its start. */
export function dueAt(item: PlanItem, measuredOn: string): boolean {
  if (item.periodic) return item.startDate === null || item.startDate <= measuredOn;
  return item.dueDate !== null && item.dueDate <= measuredOn;
}

/** The mark that applies to an item at a stage: the stage's own for periodic activities, the one fact otherwise. */
export function markAt(item: Pick<PlanItem, 'id' | 'periodic'>, stageId: number, lookup: MarkLookup): MarkFact | undefined {
  return item.periodic ? lookup(item.id, stageId) : lookup(item.id, null);
}

/** Status of the item as it stood at the stage's measuring date: an execution dated later does not count yet. */
export function statusAt(item: Pick<PlanItem, 'id' | 'periodic'>, stage: Pick<MeasuredStage, 'id' | 'measuredOn'>, lookup: MarkLookup): ExecutionStatus {
  const mark = markAt(item, stage.id, lookup);
  if (!mark) return 'planned';
  const executed = mark.status === 'done' || mark.status === 'confirmed';
  if (executed && !item.periodic && mark.executedOn !== null && mark.executedOn > stage.measuredOn) return 'planned';
  return mark.status;
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

export function stageFigures(revisions: PlanRevision[], stage: MeasuredStage, lookup: MarkLookup, today: string): StageFigures {
  const revision = revisionInForce(revisions, stage.measuredOn);
  const plan = revision?.items ?? [];
  const ids = { due: [] as number[], done: [] as number[], confirmed: [] as number[], overdue: [] as number[], plan: [] as number[] };
  let planConfirmed = 0;
  for (const item of plan) {
    ids.plan.push(item.id);
    const status = statusAt(item, stage, lookup);
    if (status === 'confirmed') planConfirmed++;
    if (!dueAt(item, stage.measuredOn)) continue;
    ids.due.push(item.id);
    if (status === 'done' || status === 'confirmed') ids.done.push(item.id);
    if (status === 'confirmed') ids.confirmed.push(item.id);
    else if (status !== 'done') {
      const deadline = item.periodic ? stage.measuredOn : item.dueDate;
      if (deadline !== null && deadline < today) ids.overdue.push(item.id);
    }
  }
  const percent = share(ids.confirmed.length, ids.due.length);
  return {
    stageId: stage.id,
    measuredOn: stage.measuredOn,
    thresholdPercent: stage.thresholdPercent,
    revision: revision?.number ?? null,
    due: ids.due.length,
    done: ids.done.length,
    confirmed: ids.confirmed.length,
    percent,
    met: percent === null ? null : percent >= stage.thresholdPercent,
    plan: plan.length,
    planConfirmed,
    planPercent: share(planConfirmed, plan.length),
    ids,
  };
}

/** Sums of several roadmaps' figures at one stage (a territory's total); the ids are dropped. */
export function totalFigures(list: Pick<StageFigures, 'due' | 'done' | 'confirmed' | 'plan' | 'planConfirmed'>[], thresholdPercent: number) {
  const t = { due: 0, done: 0, confirmed: 0, plan: 0, planConfirmed: 0 };
  for (const f of list) {
    t.due += f.due;
    t.done += f.done;
    t.confirmed += f.confirmed;
    t.plan += f.plan;
    t.planConfirmed += f.planConfirmed;
  }
  const percent = share(t.confirmed, t.due);
  return { ...t, percent, planPercent: share(t.planConfirmed, t.plan), thresholdPercent, met: percent === null ? null : percent >= thresholdPercent };
}

/** The stage whose figures an execution dated `date` first changes: the first measured on or after it. */
export function stageOfDate<T extends { measuredOn: string }>(stages: T[], date: string): T | undefined {
  return [...stages].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn)).find((s) => s.measuredOn >= date);
}

/**
 * Stages whose figures a change of a mark touches: the stage marked for a periodic activity; for a one-off one every
 * stage measured on or after the earlier of its execution dates before and after the change (the fact counts at all
 * later stages). A change before any execution touches none.
 */
export function touchedStages<T extends { id: number; measuredOn: string }>(
  stages: T[],
  item: { periodic: boolean },
  markedStageId: number,
  executedBefore: string | null,
  executedAfter: string | null,
): T[] {
  if (item.periodic) return stages.filter((s) => s.id === markedStageId);
  const dates = [executedBefore, executedAfter].filter((d): d is string => d !== null).sort();
  const from = dates[0];
  return from === undefined ? [] : stages.filter((s) => s.measuredOn >= from);
}
