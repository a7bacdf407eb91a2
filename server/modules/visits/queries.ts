// Drizzle queries of curator visits: the cycle's schools with their first visit, a school's visits, one visit.
import { and, asc, count, desc, eq, min, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../../domain/access/policy.js';
import type { Tx } from '../../db/client.js';
import { withinScope } from '../../db/scope.js';
import { curatorAssignments, curatorVisits, cycles, cycleSchools, municipalities, regions, schools, users } from '../../db/schema.js';

export type VisitRow = typeof curatorVisits.$inferSelect;
export type NewVisit = typeof curatorVisits.$inferInsert;

export async function cycleById(db: Tx, id: number) {
  const [row] = await db.select().from(cycles).where(eq(cycles.id, id));
  return row;
}

/** The current cycle: the active one, else a planned one, else the latest (as the documents module does). */
export async function currentCycle(db: Tx) {
  const [row] = await db
    .select()
    .from(cycles)
    .orderBy(sql`case ${cycles.status} when 'active' then 0 when 'planned' then 1 else 2 end`, desc(cycles.year))
    .limit(1);
  return row;
}

export interface SchoolPlace {
  id: number;
  regionId: number;
  municipalityId: number;
  name: string;
}

export async function schoolById(db: Tx, id: number): Promise<SchoolPlace | undefined> {
  const [row] = await db
    .select({ id: schools.id, regionId: schools.regionId, municipalityId: schools.municipalityId, name: schools.shortName })
    .from(schools)
    .where(eq(schools.id, id));
  return row;
}

export async function isSelected(db: Tx, cycleId: number, schoolId: number): Promise<boolean> {
  const [row] = await db
    .select({ schoolId: cycleSchools.schoolId })
    .from(cycleSchools)
    .where(and(eq(cycleSchools.cycleId, cycleId), eq(cycleSchools.schoolId, schoolId)));
  return row !== undefined;
}

/** The curator assigned to the school in the cycle (null when none). */
export async function curatorOf(db: Tx, cycleId: number, schoolId: number): Promise<number | null> {
  const [row] = await db
    .select({ curatorId: curatorAssignments.curatorId })
    .from(curatorAssignments)
    .where(and(eq(curatorAssignments.cycleId, cycleId), eq(curatorAssignments.schoolId, schoolId)));
  return row?.curatorId ?? null;
}

export interface TerritoryFilter {
  regionId?: number;
  municipalityId?: number;
}

export interface OverviewRow {
  schoolId: number;
  name: string;
  municipality: string;
  curator: string | null;
  firstVisitOn: string | null;
  visits: number;
}

/** The cycle's selected schools inside the scope (and the filter), with their curator, first visit and visit count. */
export async function overview(db: Tx, scope: Scope, cycleId: number, filter: TerritoryFilter): Promise<OverviewRow[]> {
  const stats = db
    .select({ schoolId: curatorVisits.schoolId, first: min(curatorVisits.visitedOn).as('first'), visits: count().as('visits') })
    .from(curatorVisits)
    .where(eq(curatorVisits.cycleId, cycleId))
    .groupBy(curatorVisits.schoolId)
    .as('stats');
  const conditions: (SQL | undefined)[] = [
    eq(cycleSchools.cycleId, cycleId),
    withinScope(scope, { regionId: schools.regionId, municipalityId: schools.municipalityId, schoolId: schools.id }),
    filter.regionId !== undefined ? eq(schools.regionId, filter.regionId) : undefined,
    filter.municipalityId !== undefined ? eq(schools.municipalityId, filter.municipalityId) : undefined,
  ];
  const rows = await db
    .select({
      schoolId: schools.id,
      name: schools.shortName,
      municipality: municipalities.name,
      curator: users.fullName,
      firstVisitOn: stats.first,
      visits: stats.visits,
    })
    .from(cycleSchools)
    .innerJoin(schools, eq(schools.id, cycleSchools.schoolId))
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .leftJoin(curatorAssignments, and(eq(curatorAssignments.cycleId, cycleSchools.cycleId), eq(curatorAssignments.schoolId, schools.id)))
    .leftJoin(users, eq(users.id, curatorAssignments.curatorId))
    .leftJoin(stats, eq(stats.schoolId, schools.id))
    .where(and(...conditions))
    .orderBy(asc(municipalities.name), asc(schools.shortName), asc(schools.id));
  return rows.map((r) => ({ ...r, firstVisitOn: r.firstVisitOn ?? null, visits: Number(r.visits ?? 0) }));
}

export interface VisitWithCurator extends VisitRow {
  curatorName: string | null;
}

/** Visits of a school in a cycle, newest first. */
export async function visitsOf(db: Tx, cycleId: number, schoolId: number): Promise<VisitWithCurator[]> {
  return db
    .select({
      id: curatorVisits.id,
      cycleId: curatorVisits.cycleId,
      schoolId: curatorVisits.schoolId,
      curatorId: curatorVisits.curatorId,
      visitedOn: curatorVisits.visitedOn,
      format: curatorVisits.format,
      notes: curatorVisits.notes,
      createdAt: curatorVisits.createdAt,
      curatorName: users.fullName,
    })
    .from(curatorVisits)
    .leftJoin(users, eq(users.id, curatorVisits.curatorId))
    .where(and(eq(curatorVisits.cycleId, cycleId), eq(curatorVisits.schoolId, schoolId)))
    .orderBy(desc(curatorVisits.visitedOn), desc(curatorVisits.id));
}

/** The visit row locked until the end of the transaction. */
export async function visitForUpdate(db: Tx, id: number): Promise<VisitRow | undefined> {
  const [row] = await db.select().from(curatorVisits).where(eq(curatorVisits.id, id)).for('update');
  return row;
}

export async function insertVisit(db: Tx, values: NewVisit): Promise<VisitRow> {
  const [row] = await db.insert(curatorVisits).values(values).returning();
  return row!;
}

export async function updateVisit(db: Tx, id: number, values: Pick<NewVisit, 'visitedOn' | 'format' | 'notes'>): Promise<void> {
  await db.update(curatorVisits).set(values).where(eq(curatorVisits.id, id));
}

export async function deleteVisit(db: Tx, id: number): Promise<void> {
  await db.delete(curatorVisits).where(eq(curatorVisits.id, id));
}

export async function regionById(db: Tx, id: number) {
  const [row] = await db.select({ id: regions.id }).from(regions).where(eq(regions.id, id));
  return row;
}

export async function municipalityById(db: Tx, id: number) {
  const [row] = await db.select({ id: municipalities.id, regionId: municipalities.regionId }).from(municipalities).where(eq(municipalities.id, id));
  return row;
}
