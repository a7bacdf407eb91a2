// Queries of the positive-change monitoring: stored assessment results, schools of a territory, anti-risk programmes.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../../domain/access/policy.js';
import type { Tx } from '../../db/client.js';
import { withinScope } from '../../db/scope.js';
import { cycleSchools, municipalities, schoolDocuments, schoolResults, schools } from '../../db/schema.js';

export interface SchoolRef {
  id: number;
  code: string;
  regionId: number;
  municipalityId: number;
}

/** Schools by code (codes as written in the file). */
export async function schoolsByCodes(db: Tx, codes: string[]): Promise<SchoolRef[]> {
  if (!codes.length) return [];
  return db
    .select({ id: schools.id, code: schools.code, regionId: schools.regionId, municipalityId: schools.municipalityId })
    .from(schools)
    .where(inArray(schools.code, codes));
}

export interface ResultValues {
  year: number;
  schoolId: number;
  exam: string;
  subject: string;
  grade: number;
  metric: string;
  value: number;
}

/** Insert or replace results on (year, school, exam, subject, grade, metric); returns how many rows were new. */
export async function upsertResults(db: Tx, rows: ResultValues[], importedBy: number | null): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => ({ ...r, importedBy }));
    const res = await db
      .insert(schoolResults)
      .values(chunk)
      .onConflictDoUpdate({
        target: [schoolResults.year, schoolResults.schoolId, schoolResults.exam, schoolResults.subject, schoolResults.grade, schoolResults.metric],
        set: { value: sql`excluded.value`, importedBy: sql`excluded.imported_by`, importedAt: sql`now()` },
      })
      // xmax = 0 only for a freshly inserted row
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    for (const r of res) {
      if (r.inserted) created++;
      else updated++;
    }
  }
  return { created, updated };
}

export interface TerritorySchool {
  id: number;
  code: string;
  name: string;
  municipality: string;
  regionId: number;
  municipalityId: number;
}

/** Schools of the cycle in the territory and the actor's scope, by municipality and name. */
export async function cycleSchoolsOf(
  db: Tx,
  scope: Scope,
  cycleId: number,
  t: { regionId?: number; municipalityId?: number; schoolId?: number },
): Promise<TerritorySchool[]> {
  const where: SQL[] = [eq(cycleSchools.cycleId, cycleId), withinScope(scope, { regionId: schools.regionId, municipalityId: schools.municipalityId, schoolId: schools.id })];
  if (t.regionId !== undefined) where.push(eq(schools.regionId, t.regionId));
  if (t.municipalityId !== undefined) where.push(eq(schools.municipalityId, t.municipalityId));
  if (t.schoolId !== undefined) where.push(eq(schools.id, t.schoolId));
  return db
    .select({
      id: schools.id,
      code: schools.code,
      name: schools.shortName,
      municipality: municipalities.name,
      regionId: schools.regionId,
      municipalityId: schools.municipalityId,
    })
    .from(cycleSchools)
    .innerJoin(schools, eq(schools.id, cycleSchools.schoolId))
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .where(and(...where))
    .orderBy(asc(municipalities.name), asc(schools.shortName), asc(schools.id));
}

export async function resultsOf(db: Tx, schoolIds: number[]) {
  if (!schoolIds.length) return [];
  return db
    .select({
      schoolId: schoolResults.schoolId,
      year: schoolResults.year,
      exam: schoolResults.exam,
      subject: schoolResults.subject,
      grade: schoolResults.grade,
      metric: schoolResults.metric,
      value: schoolResults.value,
    })
    .from(schoolResults)
    .where(inArray(schoolResults.schoolId, schoolIds));
}

/** The schools' anti-risk programmes of the cycle (structured data only). */
export async function programmesOf(db: Tx, cycleId: number, schoolIds: number[]) {
  if (!schoolIds.length) return [];
  return db
    .select({ schoolId: schoolDocuments.schoolId, programme: schoolDocuments.programme })
    .from(schoolDocuments)
    .where(and(eq(schoolDocuments.cycleId, cycleId), eq(schoolDocuments.kind, 'antirisk_programme'), inArray(schoolDocuments.schoolId, schoolIds)));
}
