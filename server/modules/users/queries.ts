// SQL of the users module. Every read that returns accounts or territories takes the actor's scope.
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../../domain/access/policy.js';
import type { Role } from '../../../domain/access/roles.js';
import type { Tx } from '../../db/client.js';
import {
  curatorAssignments,
  cycles,
  cycleSchools,
  municipalities,
  regions,
  schools,
  users,
} from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** An account with the names of its territory. */
export interface UserWithNames extends UserRow {
  regionName: string | null;
  municipalityName: string | null;
  schoolName: string | null;
  schoolCode: string | null;
}

const userCols = { regionId: users.regionId, municipalityId: users.municipalityId, schoolId: users.schoolId };
const schoolCols = { regionId: schools.regionId, municipalityId: schools.municipalityId, schoolId: schools.id };

export interface UserFilter {
  role?: Role;
  q?: string;
  regionId?: number;
  municipalityId?: number;
  schoolId?: number;
  active?: boolean;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function userConditions(scope: Scope, filter: UserFilter): SQL {
  const conditions: SQL[] = [withinScope(scope, userCols)];
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.regionId) conditions.push(eq(users.regionId, filter.regionId));
  if (filter.municipalityId) conditions.push(eq(users.municipalityId, filter.municipalityId));
  if (filter.schoolId) conditions.push(eq(users.schoolId, filter.schoolId));
  if (filter.active !== undefined) conditions.push(eq(users.active, filter.active));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(
      or(
        ilike(users.login, pattern),
        ilike(users.fullName, pattern),
        ilike(users.email, pattern),
        ilike(schools.shortName, pattern),
        ilike(schools.code, pattern),
      ) as SQL,
    );
  }
  return and(...conditions) as SQL;
}

function selectUsersWithNames(db: Tx) {
  return db
    .select({
      user: users,
      regionName: regions.name,
      municipalityName: municipalities.name,
      schoolName: schools.shortName,
      schoolCode: schools.code,
    })
    .from(users)
    .leftJoin(regions, eq(regions.id, users.regionId))
    .leftJoin(municipalities, eq(municipalities.id, users.municipalityId))
    .leftJoin(schools, eq(schools.id, users.schoolId));
}

type JoinedRow = {
  user: UserRow;
  regionName: string | null;
  municipalityName: string | null;
  schoolName: string | null;
  schoolCode: string | null;
};

function flatten(row: JoinedRow): UserWithNames {
  return {
    ...row.user,
    regionName: row.regionName,
    municipalityName: row.municipalityName,
    schoolName: row.schoolName,
    schoolCode: row.schoolCode,
  };
}

export async function listUsers(
  db: Tx,
  scope: Scope,
  filter: UserFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: UserWithNames[]; total: number }> {
  const where = userConditions(scope, filter);
  const rows = await selectUsersWithNames(db)
    .where(where)
    .orderBy(asc(users.fullName), asc(users.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db
    .select({ n: count() })
    .from(users)
    .leftJoin(schools, eq(schools.id, users.schoolId))
    .where(where);
  return { rows: rows.map(flatten), total: Number(total?.n ?? 0) };
}

/** Accounts with these ids that lie inside the scope. */
export async function usersInScope(db: Tx, scope: Scope, ids: readonly number[]): Promise<UserWithNames[]> {
  if (ids.length === 0) return [];
  const rows = await selectUsersWithNames(db).where(and(withinScope(scope, userCols), inArray(users.id, [...ids])));
  return rows.map(flatten);
}

export async function userInScope(db: Tx, scope: Scope, id: number): Promise<UserWithNames | undefined> {
  return (await usersInScope(db, scope, [id]))[0];
}

export interface CuratedSchool {
  curatorId: number;
  schoolId: number;
  code: string;
  name: string;
  cycleYear: number;
  cycleStatus: 'planned' | 'active' | 'closed';
}

/** Schools the curators are assigned to (every year), limited to schools inside the scope. */
export async function curatedSchoolsOf(db: Tx, scope: Scope, curatorIds: readonly number[]): Promise<CuratedSchool[]> {
  if (curatorIds.length === 0) return [];
  return db
    .select({
      curatorId: curatorAssignments.curatorId,
      schoolId: schools.id,
      code: schools.code,
      name: schools.shortName,
      cycleYear: cycles.year,
      cycleStatus: cycles.status,
    })
    .from(curatorAssignments)
    .innerJoin(schools, eq(schools.id, curatorAssignments.schoolId))
    .innerJoin(cycles, eq(cycles.id, curatorAssignments.cycleId))
    .where(and(inArray(curatorAssignments.curatorId, [...curatorIds]), withinScope(scope, schoolCols)))
    .orderBy(desc(cycles.year), asc(schools.code));
}

// ——— Territories (unscoped lookups: the service checks the place against the scope) ———

export async function findRegion(db: Tx, id: number) {
  return (await db.select({ id: regions.id, name: regions.name }).from(regions).where(eq(regions.id, id)))[0];
}

export async function findMunicipality(db: Tx, id: number) {
  return (
    await db
      .select({ id: municipalities.id, regionId: municipalities.regionId, name: municipalities.name })
      .from(municipalities)
      .where(eq(municipalities.id, id))
  )[0];
}

export async function findSchool(db: Tx, id: number) {
  return (
    await db
      .select({
        id: schools.id,
        regionId: schools.regionId,
        municipalityId: schools.municipalityId,
        code: schools.code,
        name: schools.shortName,
      })
      .from(schools)
      .where(eq(schools.id, id))
  )[0];
}

export async function regionsByCodes(db: Tx, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .select({ id: regions.id, code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(sql`lower(${regions.code})`, codes.map((c) => c.toLowerCase())));
}

export async function municipalitiesByCodes(db: Tx, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .select({
      id: municipalities.id,
      regionId: municipalities.regionId,
      code: municipalities.code,
      name: municipalities.name,
    })
    .from(municipalities)
    .where(inArray(sql`lower(${municipalities.code})`, codes.map((c) => c.toLowerCase())));
}

export async function schoolsByCodes(db: Tx, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .select({
      id: schools.id,
      regionId: schools.regionId,
      municipalityId: schools.municipalityId,
      code: schools.code,
      name: schools.shortName,
    })
    .from(schools)
    .where(inArray(sql`lower(${schools.code})`, codes.map((c) => c.toLowerCase())));
}

export interface SchoolForCredentials {
  id: number;
  code: string;
  name: string;
  regionId: number;
  municipalityId: number;
  regionName: string;
  municipalityName: string;
}

/** Schools inside the scope, optionally of one region or municipality, among given ids, or selected into a cycle. */
export async function schoolsInScope(
  db: Tx,
  scope: Scope,
  filter: { regionId?: number; municipalityId?: number; schoolIds?: readonly number[]; cycleId?: number },
): Promise<SchoolForCredentials[]> {
  const conditions: SQL[] = [withinScope(scope, schoolCols)];
  if (filter.regionId) conditions.push(eq(schools.regionId, filter.regionId));
  if (filter.municipalityId) conditions.push(eq(schools.municipalityId, filter.municipalityId));
  if (filter.schoolIds) conditions.push(inArray(schools.id, [...filter.schoolIds]));
  if (filter.cycleId) {
    conditions.push(
      sql`exists (select 1 from ${cycleSchools} where ${cycleSchools.cycleId} = ${filter.cycleId} and ${cycleSchools.schoolId} = ${schools.id})`,
    );
  }
  return db
    .select({
      id: schools.id,
      code: schools.code,
      name: schools.shortName,
      regionId: schools.regionId,
      municipalityId: schools.municipalityId,
      regionName: regions.name,
      municipalityName: municipalities.name,
    })
    .from(schools)
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .where(and(...conditions))
    .orderBy(asc(municipalities.name), asc(schools.code));
}

/** Active accounts of role «school» bound to these schools. */
export async function activeSchoolAccounts(db: Tx, schoolIds: readonly number[]): Promise<UserWithNames[]> {
  if (schoolIds.length === 0) return [];
  const rows = await selectUsersWithNames(db)
    .where(and(eq(users.role, 'school'), eq(users.active, true), inArray(users.schoolId, [...schoolIds])))
    .orderBy(asc(users.id));
  return rows.map(flatten);
}

export async function cycleByYear(db: Tx, year: number) {
  return (await db.select().from(cycles).where(eq(cycles.year, year)))[0];
}

/** The current project year: the active cycle (the latest, if several). */
export async function activeCycle(db: Tx) {
  return (await db.select().from(cycles).where(eq(cycles.status, 'active')).orderBy(desc(cycles.year)).limit(1))[0];
}

export async function schoolIdsInCycle(db: Tx, cycleId: number, schoolIds: readonly number[]): Promise<Set<number>> {
  if (schoolIds.length === 0) return new Set();
  const rows = await db
    .select({ schoolId: cycleSchools.schoolId })
    .from(cycleSchools)
    .where(and(eq(cycleSchools.cycleId, cycleId), inArray(cycleSchools.schoolId, [...schoolIds])));
  return new Set(rows.map((r) => r.schoolId));
}

// ——— Logins ———

/** Existing logins (lower case) equal to one of the bases or starting with "<base>-". */
export async function loginsLike(db: Tx, bases: readonly string[]): Promise<Set<string>> {
  if (bases.length === 0) return new Set();
  const lowered = [...new Set(bases.map((b) => b.toLowerCase()))];
  const conditions = lowered.map(
    (b) => sql`(lower(${users.login}) = ${b} or lower(${users.login}) like ${`${escapeLike(b)}-%`})`,
  );
  const rows = await db
    .select({ login: sql<string>`lower(${users.login})` })
    .from(users)
    .where(or(...conditions));
  return new Set(rows.map((r) => r.login));
}

export async function takenLogins(db: Tx, logins: readonly string[]): Promise<Set<string>> {
  if (logins.length === 0) return new Set();
  const rows = await db
    .select({ login: sql<string>`lower(${users.login})` })
    .from(users)
    .where(inArray(sql`lower(${users.login})`, logins.map((l) => l.toLowerCase())));
  return new Set(rows.map((r) => r.login));
}

// ——— Writes ———

export async function insertUser(db: Tx, values: NewUser): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('user not inserted');
  return row;
}

export async function updateUser(
  db: Tx,
  id: number,
  patch: Partial<Pick<UserRow, 'fullName' | 'email' | 'phone' | 'active'>>,
): Promise<void> {
  await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id));
}

/** Assign a curator to a school in a cycle, replacing the previous curator. Returns the previous curator's id. */
export async function assignCurator(db: Tx, cycleId: number, schoolId: number, curatorId: number): Promise<number | null> {
  const [previous] = await db
    .select({ curatorId: curatorAssignments.curatorId })
    .from(curatorAssignments)
    .where(and(eq(curatorAssignments.cycleId, cycleId), eq(curatorAssignments.schoolId, schoolId)));
  await db
    .insert(curatorAssignments)
    .values({ cycleId, schoolId, curatorId })
    .onConflictDoUpdate({
      target: [curatorAssignments.cycleId, curatorAssignments.schoolId],
      set: { curatorId, assignedAt: sql`now()` },
    });
  return previous?.curatorId ?? null;
}

// ——— Reference lists for the import template ———

export async function territoriesInScope(db: Tx, scope: Scope) {
  const schoolRows = await db
    .select({
      regionCode: regions.code,
      regionName: regions.name,
      municipalityCode: municipalities.code,
      municipalityName: municipalities.name,
      schoolCode: schools.code,
      schoolName: schools.shortName,
    })
    .from(schools)
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .where(withinScope(scope, schoolCols))
    .orderBy(asc(regions.code), asc(municipalities.code), asc(schools.code))
    .limit(20000);
  const municipalityRows = await db
    .select({
      regionCode: regions.code,
      regionName: regions.name,
      municipalityCode: municipalities.code,
      municipalityName: municipalities.name,
    })
    .from(municipalities)
    .innerJoin(regions, eq(regions.id, municipalities.regionId))
    .where(withinScope(scope, { regionId: municipalities.regionId, municipalityId: municipalities.id }))
    .orderBy(asc(regions.code), asc(municipalities.code));
  const regionRows =
    scope.level === 'all' || scope.level === 'region'
      ? await db
          .select({ regionCode: regions.code, regionName: regions.name })
          .from(regions)
          .where(withinScope(scope, { regionId: regions.id }))
          .orderBy(asc(regions.code))
      : [];
  return { regions: regionRows, municipalities: municipalityRows, schools: schoolRows };
}
