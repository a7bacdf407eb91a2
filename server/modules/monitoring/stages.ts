// Monitoring stages of a cycle (created with the programme defaults on first read); the figures are in figures.ts.
import { defaultStages } from '../../../domain/monitoring/stages.js';
import type { Tx } from '../../db/client.js';
import * as q from './queries.js';

export interface StageView {
  id: number;
  number: number;
  title: string;
  measuredOn: string;
  thresholdPercent: number;
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

/** The stage people report against today: the first not yet measured, else the last one. */
export function currentStage<T extends { measuredOn: string }>(stages: T[], today: string): T | undefined {
  return stages.find((s) => s.measuredOn >= today) ?? stages[stages.length - 1];
}
