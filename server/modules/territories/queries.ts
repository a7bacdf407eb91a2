// SQL of the territories module: regions, municipalities, schools, always filtered by the actor's scope.
import { and, asc, count, eq, getTableName, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Scope } from '../../../domain/access/policy.js';
import { foldText } from '../../../domain/territories/school.js';
import type { Tx } from '../../db/client.js';
import { withinScope } from '../../db/scope.js';
import { curatorAssignments, cycles, cycleSchools, municipalities, regions, schools, users } from '../../db/schema.js';

export type RegionRow = typeof regions.$inferSelect;
export type MunicipalityRow = typeof municipalities.$inferSelect;
export type SchoolRow = typeof schools.$inferSelect;

/**
 * A column always written as "table"."column". Drizzle leaves columns unqualified in single-table queries,
 * which inside a correlated sub-select would bind to the inner table.
 */
export function col(column: PgColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

// ---- scope conditions (mirror `visible` / `contains` of domain/access/policy.ts) ----

/** Regions inside the scope or parents of it. */
export function regionVisible(scope: Scope): SQL {
  switch (scope.level) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'region':
    case 'municipality':
      return eq(regions.id, scope.regionId);
    case 'schools': {
      const ids = [...new Set(scope.schools.map((s) => s.regionId))];
      return ids.length ? inArray(regions.id, ids) : sql`false`;
    }
  }
}

/** Municipalities inside the scope or parents of it. */
export function municipalityVisible(scope: Scope): SQL {
  switch (scope.level) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'region':
      return eq(municipalities.regionId, scope.regionId);
    case 'municipality':
      return eq(municipalities.id, scope.municipalityId);
    case 'schools': {
      const ids = [...new Set(scope.schools.map((s) => s.municipalityId).filter((id): id is number => id != null))];
      return ids.length ? inArray(municipalities.id, ids) : sql`false`;
    }
  }
}

export function schoolWithin(scope: Scope): SQL {
  return withinScope(scope, { regionId: schools.regionId, municipalityId: schools.municipalityId, schoolId: schools.id });
}

// Locale-independent case folding for search (also «ё» → «е»), same as foldText() in JS.
const UPPER = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯё';
const LOWER = foldText(UPPER);
function folded(column: PgColumn): SQL {
  return sql`translate(lower(${column}), ${UPPER}, ${LOWER})`;
}

export function likeTerm(q: string): string {
  return `%${foldText(q).replace(/[\\%_]/g, '\\$&')}%`;
}

/** Postgres error code of a failed query (drizzle wraps driver errors in `cause`). */
export function pgError(error: unknown): { code?: string; constraint?: string } {
  let e: unknown = error;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, constraint: typeof constraint === 'string' ? constraint : undefined };
    }
    e = (e as { cause?: unknown }).cause;
  }
  return {};
}

// ---- regions ----

export async function listRegions(db: Tx, scope: Scope) {
  return db
    .select({
      id: regions.id,
      code: regions.code,
      name: regions.name,
      municipalities: sql<number>`(select count(*) from ${municipalities} where ${col(municipalities.regionId)} = ${col(regions.id)} and ${municipalityVisible(scope)})`.mapWith(Number),
      schools: sql<number>`(select count(*) from ${schools} where ${col(schools.regionId)} = ${col(regions.id)} and ${schoolWithin(scope)})`.mapWith(Number),
    })
    .from(regions)
    .where(regionVisible(scope))
    .orderBy(asc(regions.code));
}

export async function regionById(db: Tx, id: number): Promise<RegionRow | undefined> {
  const [row] = await db.select().from(regions).where(eq(regions.id, id));
  return row;
}

export async function regionsByCodes(db: Tx, codes: string[]): Promise<RegionRow[]> {
  return inChunks(codes, (part) => db.select().from(regions).where(inArray(regions.code, part)));
}

export async function insertRegion(db: Tx, values: { code: string; name: string }): Promise<RegionRow> {
  const [row] = await db.insert(regions).values(values).returning();
  if (!row) throw new Error('region not inserted');
  return row;
}

export async function updateRegion(db: Tx, id: number, values: Partial<{ code: string; name: string }>) {
  const [row] = await db
    .update(regions)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(regions.id, id))
    .returning();
  return row;
}

export async function deleteRegion(db: Tx, id: number) {
  await db.delete(regions).where(eq(regions.id, id));
}

// ---- municipalities ----

export async function listMunicipalities(db: Tx, scope: Scope, regionId?: number) {
  return db
    .select({
      id: municipalities.id,
      regionId: municipalities.regionId,
      regionName: regions.name,
      code: municipalities.code,
      name: municipalities.name,
      schools: sql<number>`(select count(*) from ${schools} where ${col(schools.municipalityId)} = ${col(municipalities.id)} and ${schoolWithin(scope)})`.mapWith(Number),
    })
    .from(municipalities)
    .innerJoin(regions, eq(regions.id, municipalities.regionId))
    .where(and(municipalityVisible(scope), regionId === undefined ? undefined : eq(municipalities.regionId, regionId)))
    .orderBy(asc(municipalities.name), asc(municipalities.id));
}

export async function municipalityById(db: Tx, id: number) {
  const [row] = await db
    .select({ municipality: municipalities, regionName: regions.name, regionCode: regions.code })
    .from(municipalities)
    .innerJoin(regions, eq(regions.id, municipalities.regionId))
    .where(eq(municipalities.id, id));
  return row;
}

export async function municipalitiesByCodes(db: Tx, codes: string[]): Promise<MunicipalityRow[]> {
  return inChunks(codes, (part) => db.select().from(municipalities).where(inArray(municipalities.code, part)));
}

export async function insertMunicipality(db: Tx, values: { regionId: number; code: string; name: string }) {
  const [row] = await db.insert(municipalities).values(values).returning();
  if (!row) throw new Error('municipality not inserted');
  return row;
}

export async function updateMunicipality(db: Tx, id: number, values: Partial<{ code: string; name: string }>) {
  const [row] = await db
    .update(municipalities)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(municipalities.id, id))
    .returning();
  return row;
}

export async function deleteMunicipality(db: Tx, id: number) {
  await db.delete(municipalities).where(eq(municipalities.id, id));
}

export async function countMunicipalitiesOf(db: Tx, regionId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(municipalities).where(eq(municipalities.regionId, regionId));
  return Number(row?.n ?? 0);
}

export async function countSchoolsOf(db: Tx, municipalityId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(schools).where(eq(schools.municipalityId, municipalityId));
  return Number(row?.n ?? 0);
}

/** Accounts bound to a territory (they keep it from being deleted). */
export async function countUsersBound(
  db: Tx,
  where: { regionId?: number; municipalityId?: number; schoolId?: number },
): Promise<number> {
  const cond =
    where.schoolId !== undefined
      ? eq(users.schoolId, where.schoolId)
      : where.municipalityId !== undefined
        ? eq(users.municipalityId, where.municipalityId)
        : eq(users.regionId, where.regionId ?? -1);
  const [row] = await db.select({ n: count() }).from(users).where(cond);
  return Number(row?.n ?? 0);
}

// ---- schools ----

export interface SchoolFilter {
  regionId?: number;
  municipalityId?: number;
  q?: string;
  cycleYear?: number;
}

const schoolListColumns = {
  id: schools.id,
  code: schools.code,
  shortName: schools.shortName,
  fullName: schools.fullName,
  address: schools.address,
  locality: schools.locality,
  directorName: schools.directorName,
  email: schools.email,
  phone: schools.phone,
  context: schools.context,
  regionId: schools.regionId,
  regionName: regions.name,
  municipalityId: schools.municipalityId,
  municipalityName: municipalities.name,
};

function schoolFilterCondition(scope: Scope, filter: SchoolFilter): SQL | undefined {
  const term = filter.q?.trim() ? likeTerm(filter.q) : undefined;
  return and(
    schoolWithin(scope),
    filter.regionId === undefined ? undefined : eq(schools.regionId, filter.regionId),
    filter.municipalityId === undefined ? undefined : eq(schools.municipalityId, filter.municipalityId),
    term
      ? or(
          sql`${folded(schools.shortName)} like ${term}`,
          sql`${folded(schools.fullName)} like ${term}`,
          sql`${folded(schools.code)} like ${term}`,
        )
      : undefined,
    filter.cycleYear === undefined ? undefined : selectedInYear(filter.cycleYear),
  );
}

/** The school is selected into the project year (отобрана в цикл). */
function selectedInYear(year: number): SQL {
  return sql`exists (select 1 from ${cycleSchools} inner join ${cycles} on ${col(cycles.id)} = ${col(cycleSchools.cycleId)} where ${col(cycleSchools.schoolId)} = ${col(schools.id)} and ${col(cycles.year)} = ${year})`;
}

export async function listSchools(db: Tx, scope: Scope, filter: SchoolFilter, page: { offset: number; limit: number }) {
  const where = schoolFilterCondition(scope, filter);
  const [items, [total]] = await Promise.all([
    db
      .select(schoolListColumns)
      .from(schools)
      .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
      .innerJoin(regions, eq(regions.id, schools.regionId))
      .where(where)
      .orderBy(asc(municipalities.name), asc(schools.shortName), asc(schools.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(schools).where(where),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

export async function schoolById(db: Tx, id: number) {
  const [row] = await db
    .select({
      ...schoolListColumns,
      regionCode: regions.code,
      municipalityCode: municipalities.code,
      createdAt: schools.createdAt,
      updatedAt: schools.updatedAt,
    })
    .from(schools)
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .where(eq(schools.id, id));
  return row;
}

export async function schoolRowById(db: Tx, id: number): Promise<SchoolRow | undefined> {
  const [row] = await db.select().from(schools).where(eq(schools.id, id));
  return row;
}

export async function schoolsByCodes(db: Tx, codes: string[]): Promise<SchoolRow[]> {
  return inChunks(codes, (part) => db.select().from(schools).where(inArray(schools.code, part)));
}

/** Project years the school is selected into, with its curator in each. */
export async function cyclesOfSchool(db: Tx, schoolId: number) {
  const rows = await db
    .select({
      id: cycles.id,
      year: cycles.year,
      title: cycles.title,
      status: cycles.status,
      curatorId: users.id,
      curatorName: users.fullName,
    })
    .from(cycleSchools)
    .innerJoin(cycles, eq(cycles.id, cycleSchools.cycleId))
    .leftJoin(
      curatorAssignments,
      and(eq(curatorAssignments.cycleId, cycleSchools.cycleId), eq(curatorAssignments.schoolId, cycleSchools.schoolId)),
    )
    .leftJoin(users, eq(users.id, curatorAssignments.curatorId))
    .where(eq(cycleSchools.schoolId, schoolId))
    .orderBy(sql`${cycles.year} desc`);
  return rows.map(({ curatorId, curatorName, ...cycle }) => ({
    ...cycle,
    curator: curatorId === null || curatorName === null ? null : { id: curatorId, fullName: curatorName },
  }));
}

export async function countCyclesOfSchool(db: Tx, schoolId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(cycleSchools).where(eq(cycleSchools.schoolId, schoolId));
  return Number(row?.n ?? 0);
}

export type SchoolInsert = typeof schools.$inferInsert;

export async function insertSchools(db: Tx, values: SchoolInsert[]): Promise<SchoolRow[]> {
  const out: SchoolRow[] = [];
  for (let i = 0; i < values.length; i += 500) {
    out.push(...(await db.insert(schools).values(values.slice(i, i + 500)).returning()));
  }
  return out;
}

export async function updateSchool(db: Tx, id: number, values: Partial<SchoolInsert>) {
  const [row] = await db
    .update(schools)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(schools.id, id))
    .returning();
  return row;
}

export async function deleteSchool(db: Tx, id: number) {
  await db.delete(schools).where(eq(schools.id, id));
}

/** Territories for export: schools in scope, plus municipalities in scope that have none. */
export async function exportRows(db: Tx, scope: Scope) {
  const withSchools = await db
    .select({ school: schools, regionCode: regions.code, regionName: regions.name, municipalityCode: municipalities.code, municipalityName: municipalities.name })
    .from(schools)
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .where(schoolWithin(scope))
    .orderBy(asc(regions.code), asc(municipalities.code), asc(schools.code));
  // Empty municipalities and regions only for scopes that contain whole territories.
  const emptyMunicipalities =
    scope.level === 'all' || scope.level === 'region' || scope.level === 'municipality'
      ? await db
          .select({ regionCode: regions.code, regionName: regions.name, municipalityCode: municipalities.code, municipalityName: municipalities.name })
          .from(municipalities)
          .innerJoin(regions, eq(regions.id, municipalities.regionId))
          .where(
            and(
              withinScope(scope, { regionId: municipalities.regionId, municipalityId: municipalities.id }),
              sql`not exists (select 1 from ${schools} where ${col(schools.municipalityId)} = ${col(municipalities.id)})`,
            ),
          )
      : [];
  const emptyRegions =
    scope.level === 'all' || scope.level === 'region'
      ? await db
          .select({ regionCode: regions.code, regionName: regions.name })
          .from(regions)
          .where(
            and(
              withinScope(scope, { regionId: regions.id }),
              sql`not exists (select 1 from ${municipalities} where ${col(municipalities.regionId)} = ${col(regions.id)})`,
            ),
          )
      : [];
  return { withSchools, emptyMunicipalities, emptyRegions };
}

async function inChunks<T>(codes: string[], run: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(codes)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += 1000) out.push(...(await run(unique.slice(i, i + 1000))));
  return out;
}
