// Monitoring stages of a cycle (created with the programme defaults on first read) and the results of roadmaps.
import { defaultStages, stageResult, type ExecutionStatus, type StageResult } from '../../../domain/monitoring/stages.js';
import type { Tx } from '../../db/client.js';
import * as q from './queries.js';

export interface StageView {
  id: number;
  number: number;
  title: string;
  measuredOn: string;
  thresholdPercent: number;
}

export interface StageResultView extends StageResult {
  stageId: number;
}

export function stageView(row: q.StageRow): StageView {
  return { id: row.id, number: row.number, title: row.title, measuredOn: row.measuredOn, thresholdPercent: row.thresholdPercent };
}

/** The stages of the cycle; the defaults are inserted (in one transaction, idempotently) when it has none. */
export async function ensureStages(db: Tx, cycle: { id: number; year: number }): Promise<q.StageRow[]> {
  const rows = await q.stagesOf(db, cycle.id);
  if (rows.length > 0) return rows;
  return db.transaction(async (tx) => {
    await q.insertStagesIfMissing(tx, cycle.id, defaultStages(cycle.year));
    return q.stagesOf(tx, cycle.id);
  });
}

export interface MonitoredRow {
  id: number;
  dueDate: string | null;
  /** The timing has a period («в течение года», «постоянно») or a recurrence («ежемесячно»). */
  periodic: boolean;
}

/** An activity without a due date that repeats or lasts a period is due at every stage. */
export const isOngoing = (item: MonitoredRow) => item.periodic && item.dueDate === null;

/** Results of one roadmap's items at every stage; a missing mark is «planned». */
export function resultsFor(
  items: MonitoredRow[],
  stages: Pick<q.StageRow, 'id' | 'measuredOn' | 'thresholdPercent'>[],
  statusOf: (itemId: number, stageId: number) => ExecutionStatus,
  today: string,
): StageResultView[] {
  return stages.map((stage) => ({
    stageId: stage.id,
    ...stageResult(
      items.map((i) => ({ id: i.id, dueDate: i.dueDate, ongoing: isOngoing(i), status: statusOf(i.id, stage.id) })),
      stage,
      today,
    ),
  }));
}

/** The stage people report against today: the first not yet measured, else the last one. */
export function currentStage<T extends { measuredOn: string }>(stages: T[], today: string): T | undefined {
  return stages.find((s) => s.measuredOn >= today) ?? stages[stages.length - 1];
}

/** Lookup of statuses by item and stage. */
export function statusLookup(rows: { itemId: number; stageId: number | null; status: ExecutionStatus }[]) {
  const map = new Map<string, ExecutionStatus>();
  for (const r of rows) map.set(`${r.itemId}:${r.stageId}`, r.status);
  return (itemId: number, stageId: number): ExecutionStatus => map.get(`${itemId}:${stageId}`) ?? 'planned';
}
