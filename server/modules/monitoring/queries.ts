// Queries of monitoring stages and of what the results are computed from.
import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { PlanItem } from '../../../domain/monitoring/figures.js';
import type { StageDef } from '../../../domain/monitoring/stages.js';
import type { Tx } from '../../db/client.js';
import { cycles, itemExecutions, monitoringStages, roadmapItems, roadmapRevisions, stageTargets, users } from '../../db/schema.js';

/** int[] literal as one parameter. */
const intArray = (ids: number[]) => sql`${`{${ids.map((n) => Math.trunc(n)).join(',')}}`}::int[]`;

export type StageRow = typeof monitoringStages.$inferSelect;
export type CycleRow = typeof cycles.$inferSelect;

export async function cycleById(db: Tx, id: number): Promise<CycleRow | undefined> {
  const [row] = await db.select().from(cycles).where(eq(cycles.id, id));
  return row;
}

/** The active cycle, else a planned one, else the latest. */
export async function currentCycle(db: Tx): Promise<CycleRow | undefined> {
  const [row] = await db
    .select()
    .from(cycles)
    .orderBy(sql`case ${cycles.status} when 'active' then 0 when 'planned' then 1 else 2 end`, sql`${cycles.year} desc`)
    .limit(1);
  return row;
}

export async function stagesOf(db: Tx, cycleId: number): Promise<StageRow[]> {
  return db.select().from(monitoringStages).where(eq(monitoringStages.cycleId, cycleId)).orderBy(asc(monitoringStages.number));
}

/** Inserts the given stages; existing numbers are left alone (idempotent under concurrent first reads). */
export async function insertStagesIfMissing(db: Tx, cycleId: number, stages: StageDef[]): Promise<void> {
  if (stages.length === 0) return;
  await db
    .insert(monitoringStages)
    .values(stages.map((s) => ({ cycleId, ...s })))
    .onConflictDoNothing({ target: [monitoringStages.cycleId, monitoringStages.number] });
}

export async function upsertStages(db: Tx, cycleId: number, stages: StageDef[]): Promise<void> {
  await db
    .insert(monitoringStages)
    .values(stages.map((s) => ({ cycleId, ...s })))
    .onConflictDoUpdate({
      target: [monitoringStages.cycleId, monitoringStages.number],
      set: {
        title: sql`excluded.title`,
        measuredOn: sql`excluded.measured_on`,
        thresholdPercent: sql`excluded.threshold_percent`,
      },
    });
}

/** Stages of the cycle whose numbers are not in the list, with whether they carry marks or evidence. */
export async function stagesOutside(db: Tx, cycleId: number, numbers: number[]) {
  return db
    .select({
      id: monitoringStages.id,
      number: monitoringStages.number,
      // qualified by hand: inside a subquery drizzle would print bare column names («id» of the inner table)
      used: sql<boolean>`(exists (select 1 from item_executions e where e.stage_id = monitoring_stages.id)
        or exists (select 1 from item_evidence v where v.stage_id = monitoring_stages.id)
        or exists (select 1 from stage_reports r where r.stage_id = monitoring_stages.id))`,
    })
    .from(monitoringStages)
    .where(and(eq(monitoringStages.cycleId, cycleId), numbers.length ? notInArray(monitoringStages.number, numbers) : undefined));
}

export async function deleteStages(db: Tx, ids: number[]): Promise<void> {
  if (ids.length) await db.delete(monitoringStages).where(inArray(monitoringStages.id, ids));
}

/** Items by id (the activities behind a figure), with their roadmap. */
export async function itemsByIds(db: Tx, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: roadmapItems.id, roadmapId: roadmapItems.roadmapId, number: roadmapItems.number, title: roadmapItems.title, dueDate: roadmapItems.dueDate, position: roadmapItems.position })
    .from(roadmapItems)
    .where(sql`${roadmapItems.id} = any(${intArray(ids)})`)
    .orderBy(asc(roadmapItems.roadmapId), asc(roadmapItems.position));
}

export async function stageById(db: Tx, id: number): Promise<StageRow | undefined> {
  const [row] = await db.select().from(monitoringStages).where(eq(monitoringStages.id, id));
  return row;
}


/** Revisions of the roadmaps with their frozen plans, in order. */
export async function revisionPlans(db: Tx, roadmapIds: number[]): Promise<{ roadmapId: number; number: number; orderDate: string; items: PlanItem[] }[]> {
  if (roadmapIds.length === 0) return [];
  return db
    .select({ roadmapId: roadmapRevisions.roadmapId, number: roadmapRevisions.number, orderDate: roadmapRevisions.orderDate, items: roadmapRevisions.items })
    .from(roadmapRevisions)
    .where(sql`${roadmapRevisions.roadmapId} = any(${intArray(roadmapIds)})`)
    .orderBy(asc(roadmapRevisions.roadmapId), asc(roadmapRevisions.number));
}

/** Execution facts of the roadmaps' items (one-off: stage null; periodic: per stage). */
export async function executionFacts(db: Tx, roadmapIds: number[]) {
  if (roadmapIds.length === 0) return [];
  return db
    .select({ itemId: itemExecutions.itemId, stageId: itemExecutions.stageId, status: itemExecutions.status, executedOn: itemExecutions.executedOn })
    .from(itemExecutions)
    .innerJoin(roadmapItems, eq(roadmapItems.id, itemExecutions.itemId))
    .where(sql`${roadmapItems.roadmapId} = any(${intArray(roadmapIds)})`);
}

export type TargetRow = typeof stageTargets.$inferSelect;

/** Regional targets of the cycle's stages (all regions, or one). */
export async function targetsOf(db: Tx, cycleId: number, regionId?: number) {
  return db
    .select({
      id: stageTargets.id,
      stageId: stageTargets.stageId,
      regionId: stageTargets.regionId,
      measuredOn: stageTargets.measuredOn,
      thresholdPercent: stageTargets.thresholdPercent,
      setAt: stageTargets.setAt,
      setBy: users.fullName,
    })
    .from(stageTargets)
    .innerJoin(monitoringStages, eq(monitoringStages.id, stageTargets.stageId))
    .leftJoin(users, eq(users.id, stageTargets.setBy))
    .where(and(eq(monitoringStages.cycleId, cycleId), regionId !== undefined ? eq(stageTargets.regionId, regionId) : undefined));
}

export async function replaceTargets(
  db: Tx,
  regionId: number,
  stageIds: number[],
  targets: { stageId: number; measuredOn: string; thresholdPercent: number }[],
  userId: number,
): Promise<void> {
  if (stageIds.length) await db.delete(stageTargets).where(and(eq(stageTargets.regionId, regionId), inArray(stageTargets.stageId, stageIds)));
  if (targets.length) await db.insert(stageTargets).values(targets.map((t) => ({ ...t, regionId, setBy: userId })));
}
