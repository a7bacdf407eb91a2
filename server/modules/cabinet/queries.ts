import { and, count, countDistinct, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Scope } from '../../../domain/access/policy.js';
import type { Tx } from '../../db/client.js';
import { withinScope } from '../../db/scope.js';
import { curatorAssignments, cycles, cycleSchools, municipalities, regions, schools, users } from '../../db/schema.js';

const schoolCols = { regionId: schools.regionId, municipalityId: schools.municipalityId, schoolId: schools.id };

export async function currentCycle(db: Tx) {
  const rows = await db
    .select()
    .from(cycles)
    .orderBy(sql`case ${cycles.status} when 'active' then 0 when 'planned' then 1 else 2 end`, desc(cycles.year))
    .limit(1);
  return rows[0];
}

export async function territoryNames(db: Tx, ids: { regionId: number | null; municipalityId: number | null; schoolId: number | null }) {
  const [region] = ids.regionId ? await db.select({ name: regions.name }).from(regions).where(eq(regions.id, ids.regionId)) : [];
  const [municipality] = ids.municipalityId
    ? await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, ids.municipalityId))
    : [];
  const [school] = ids.schoolId
    ? await db.select({ name: schools.shortName, context: schools.context }).from(schools).where(eq(schools.id, ids.schoolId))
    : [];
  return { region: region?.name ?? null, municipality: municipality?.name ?? null, school: school?.name ?? null, schoolContext: school?.context ?? null };
}

export async function territoryCounts(db: Tx, scope: Scope, cycleId: number | null) {
  const [all] = await db
    .select({ schools: count(), municipalities: countDistinct(schools.municipalityId), regions: countDistinct(schools.regionId) })
    .from(schools)
    .where(withinScope(scope, schoolCols));
  if (cycleId === null) return { ...all, cycleSchools: 0, withoutCurator: 0 };
  const [inCycle] = await db
    .select({
      cycleSchools: count(),
      withoutCurator: sql<number>`count(*) filter (where ${curatorAssignments.curatorId} is null)`.mapWith(Number),
    })
    .from(cycleSchools)
    .innerJoin(schools, eq(schools.id, cycleSchools.schoolId))
    .leftJoin(
      curatorAssignments,
      and(eq(curatorAssignments.cycleId, cycleSchools.cycleId), eq(curatorAssignments.schoolId, cycleSchools.schoolId)),
    )
    .where(and(eq(cycleSchools.cycleId, cycleId), withinScope(scope, schoolCols)));
  return { ...all, cycleSchools: inCycle?.cycleSchools ?? 0, withoutCurator: inCycle?.withoutCurator ?? 0 };
}

/** Accounts inside the scope that never signed in (credentials not handed out or not used). */
export async function neverLoggedIn(db: Tx, scope: Scope) {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        isNull(users.lastLoginAt),
        withinScope(scope, { regionId: users.regionId, municipalityId: users.municipalityId, schoolId: users.schoolId }),
      ),
    );
  return row?.n ?? 0;
}

/** Schools inside the scope that have no school account yet. */
export async function schoolsWithoutAccount(db: Tx, scope: Scope) {
  const [row] = await db
    .select({ n: count() })
    .from(schools)
    .where(
      and(
        withinScope(scope, schoolCols),
        sql`not exists (select 1 from ${users} where ${users.schoolId} = ${schools.id} and ${users.role} = 'school')`,
      ),
    );
  return row?.n ?? 0;
}

export async function curatorSchools(db: Tx, curatorId: number, cycleId: number) {
  return db
    .select({ id: schools.id, shortName: schools.shortName, address: schools.address, municipality: municipalities.name })
    .from(curatorAssignments)
    .innerJoin(schools, eq(schools.id, curatorAssignments.schoolId))
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .where(and(eq(curatorAssignments.curatorId, curatorId), eq(curatorAssignments.cycleId, cycleId)))
    .orderBy(schools.shortName);
}

export async function schoolCurator(db: Tx, schoolId: number, cycleId: number) {
  const [row] = await db
    .select({ id: users.id, fullName: users.fullName, email: users.email, phone: users.phone })
    .from(curatorAssignments)
    .innerJoin(users, eq(users.id, curatorAssignments.curatorId))
    .where(and(eq(curatorAssignments.schoolId, schoolId), eq(curatorAssignments.cycleId, cycleId)));
  return row ?? null;
}

export async function isSelected(db: Tx, schoolId: number, cycleId: number) {
  const [row] = await db
    .select({ n: count() })
    .from(cycleSchools)
    .where(and(eq(cycleSchools.schoolId, schoolId), eq(cycleSchools.cycleId, cycleId)));
  return (row?.n ?? 0) > 0;
}
