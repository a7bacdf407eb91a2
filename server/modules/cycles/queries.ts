// SQL of project years (циклы проекта): selected schools and curator assignments, filtered by scope.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Scope } from '../../../domain/access/policy.js';
import type { Tx } from '../../db/client.js';
import { curatorAssignments, cycles, cycleSchools, municipalities, regions, schools, users } from '../../db/schema.js';
import { col, schoolWithin } from '../territories/queries.js';

export type CycleRow = typeof cycles.$inferSelect;

const selectedCount = (scope: Scope) =>
  sql<number>`(select count(*) from ${cycleSchools} inner join ${schools} on ${col(schools.id)} = ${col(cycleSchools.schoolId)} where ${col(cycleSchools.cycleId)} = ${col(cycles.id)} and ${schoolWithin(scope)})`.mapWith(
    Number,
  );

const cycleColumns = (scope: Scope) => ({
  id: cycles.id,
  year: cycles.year,
  title: cycles.title,
  status: cycles.status,
  escalationDays: cycles.escalationDays,
  schools: selectedCount(scope),
});

export async function listCycles(db: Tx, scope: Scope) {
  return db.select(cycleColumns(scope)).from(cycles).orderBy(desc(cycles.year));
}

export async function cycleSummary(db: Tx, scope: Scope, id: number) {
  const [row] = await db.select(cycleColumns(scope)).from(cycles).where(eq(cycles.id, id));
  return row;
}

export async function cycleById(db: Tx, id: number): Promise<CycleRow | undefined> {
  const [row] = await db.select().from(cycles).where(eq(cycles.id, id));
  return row;
}

export async function cycleByYear(db: Tx, year: number): Promise<CycleRow | undefined> {
  const [row] = await db.select().from(cycles).where(eq(cycles.year, year));
  return row;
}

export async function insertCycle(db: Tx, values: { year: number; title: string; status?: CycleRow['status'] }) {
  const [row] = await db.insert(cycles).values(values).returning();
  if (!row) throw new Error('cycle not inserted');
  return row;
}

export async function updateCycle(db: Tx, id: number, values: Partial<Pick<CycleRow, 'title' | 'status' | 'escalationDays'>>) {
  const [row] = await db.update(cycles).set(values).where(eq(cycles.id, id)).returning();
  return row;
}

/** Selected schools of a cycle within the scope, with municipality and curator. */
export async function selectedSchools(db: Tx, scope: Scope, cycleId: number) {
  const rows = await db
    .select({
      id: schools.id,
      code: schools.code,
      shortName: schools.shortName,
      fullName: schools.fullName,
      locality: schools.locality,
      regionId: schools.regionId,
      regionName: regions.name,
      municipalityId: schools.municipalityId,
      municipalityName: municipalities.name,
      selectedAt: cycleSchools.selectedAt,
      curatorId: users.id,
      curatorName: users.fullName,
    })
    .from(cycleSchools)
    .innerJoin(schools, eq(schools.id, cycleSchools.schoolId))
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .leftJoin(
      curatorAssignments,
      and(eq(curatorAssignments.cycleId, cycleSchools.cycleId), eq(curatorAssignments.schoolId, cycleSchools.schoolId)),
    )
    .leftJoin(users, eq(users.id, curatorAssignments.curatorId))
    .where(and(eq(cycleSchools.cycleId, cycleId), schoolWithin(scope)))
    .orderBy(asc(municipalities.name), asc(schools.shortName), asc(schools.id));
  return rows.map(({ curatorId, curatorName, ...school }) => ({
    ...school,
    curator: curatorId === null || curatorName === null ? null : { id: curatorId, fullName: curatorName },
  }));
}

/** Schools among `ids` that lie inside the scope. */
export async function schoolsInScope(db: Tx, scope: Scope, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: schools.id, regionId: schools.regionId, municipalityId: schools.municipalityId, shortName: schools.shortName })
    .from(schools)
    .where(and(inArray(schools.id, ids), schoolWithin(scope)));
}

export async function selectedIds(db: Tx, cycleId: number, schoolIds: number[]): Promise<Set<number>> {
  if (!schoolIds.length) return new Set();
  const rows = await db
    .select({ id: cycleSchools.schoolId })
    .from(cycleSchools)
    .where(and(eq(cycleSchools.cycleId, cycleId), inArray(cycleSchools.schoolId, schoolIds)));
  return new Set(rows.map((r) => r.id));
}

export async function insertSelection(db: Tx, cycleId: number, schoolIds: number[]) {
  if (!schoolIds.length) return [];
  return db
    .insert(cycleSchools)
    .values(schoolIds.map((schoolId) => ({ cycleId, schoolId })))
    .onConflictDoNothing()
    .returning({ schoolId: cycleSchools.schoolId });
}

export async function deleteSelection(db: Tx, cycleId: number, schoolId: number) {
  await db
    .delete(curatorAssignments)
    .where(and(eq(curatorAssignments.cycleId, cycleId), eq(curatorAssignments.schoolId, schoolId)));
  const rows = await db
    .delete(cycleSchools)
    .where(and(eq(cycleSchools.cycleId, cycleId), eq(cycleSchools.schoolId, schoolId)))
    .returning({ schoolId: cycleSchools.schoolId });
  return rows.length > 0;
}

export async function assignment(db: Tx, cycleId: number, schoolId: number) {
  const [row] = await db
    .select({ curatorId: curatorAssignments.curatorId, curatorName: users.fullName })
    .from(curatorAssignments)
    .innerJoin(users, eq(users.id, curatorAssignments.curatorId))
    .where(and(eq(curatorAssignments.cycleId, cycleId), eq(curatorAssignments.schoolId, schoolId)));
  return row;
}

export async function setAssignment(db: Tx, cycleId: number, schoolId: number, curatorId: number | null) {
  if (curatorId === null) {
    await db
      .delete(curatorAssignments)
      .where(and(eq(curatorAssignments.cycleId, cycleId), eq(curatorAssignments.schoolId, schoolId)));
    return;
  }
  await db
    .insert(curatorAssignments)
    .values({ cycleId, schoolId, curatorId })
    .onConflictDoUpdate({
      target: [curatorAssignments.cycleId, curatorAssignments.schoolId],
      set: { curatorId, assignedAt: sql`now()` },
    });
}

export async function userById(db: Tx, id: number) {
  const [row] = await db
    .select({ id: users.id, fullName: users.fullName, role: users.role, active: users.active, regionId: users.regionId })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

/** Active curators of a region, with how many schools each curates in the cycle (if given). */
export async function curatorsOfRegion(db: Tx, regionId: number, cycleId?: number) {
  return db
    .select({
      id: users.id,
      fullName: users.fullName,
      login: users.login,
      regionId: users.regionId,
      schools:
        cycleId === undefined
          ? sql<number>`0`.mapWith(Number)
          : sql<number>`(select count(*) from ${curatorAssignments} where ${col(curatorAssignments.curatorId)} = ${col(users.id)} and ${col(curatorAssignments.cycleId)} = ${cycleId})`.mapWith(
              Number,
            ),
    })
    .from(users)
    .where(and(eq(users.role, 'curator'), eq(users.active, true), eq(users.regionId, regionId)))
    .orderBy(asc(users.fullName), asc(users.id));
}

export async function countSelected(db: Tx, cycleId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(cycleSchools).where(eq(cycleSchools.cycleId, cycleId));
  return Number(row?.n ?? 0);
}
