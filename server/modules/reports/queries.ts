// Queries of the dashboards and reports that no other module already has: territory names, and the questionnaire
// facts of a territory's schools in grouped form (one query for the campaign rows, one for the response counts).
// Schools, directions, documents, visits and roadmap marks come from the documents, visits and monitoring queries.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  campaignSchools,
  curatorAssignments,
  curatorVisits,
  municipalities,
  regions,
  reportRuns,
  riskProfiles,
  roadmaps,
  schools,
  surveyCampaigns,
  surveyResponses,
  users,
} from '../../db/schema.js';

export async function regionById(db: Tx, id: number) {
  const [row] = await db.select({ id: regions.id, name: regions.name, code: regions.code }).from(regions).where(eq(regions.id, id));
  return row;
}

export async function municipalityById(db: Tx, id: number) {
  const [row] = await db
    .select({ id: municipalities.id, name: municipalities.name, regionId: municipalities.regionId })
    .from(municipalities)
    .where(eq(municipalities.id, id));
  return row;
}

export async function schoolById(db: Tx, id: number) {
  const [row] = await db
    .select({
      id: schools.id,
      code: schools.code,
      name: schools.shortName,
      fullName: schools.fullName,
      address: schools.address,
      directorName: schools.directorName,
      locality: schools.locality,
      regionId: schools.regionId,
      municipalityId: schools.municipalityId,
    })
    .from(schools)
    .where(eq(schools.id, id));
  return row;
}

export async function regionNames(db: Tx, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: regions.id, name: regions.name }).from(regions).where(inArray(regions.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Territory condition over `schools` (the view's region / municipality / school). */
export function territoryCondition(t: { regionId?: number; municipalityId?: number; schoolId?: number }): SQL {
  const parts: SQL[] = [sql`true`];
  if (t.regionId !== undefined) parts.push(eq(schools.regionId, t.regionId));
  if (t.municipalityId !== undefined) parts.push(eq(schools.municipalityId, t.municipalityId));
  if (t.schoolId !== undefined) parts.push(eq(schools.id, t.schoolId));
  return and(...parts) as SQL;
}

export interface SurveyFactsRow {
  schoolId: number;
  campaignId: number;
  teachers: number | null;
  students6: number | null;
  students9: number | null;
  parents: number | null;
  verification: 'pending' | 'verified' | 'disputed' | null;
}

/** Campaign rows of the cycle's schools in the territory, the latest campaign of a school last; with its profile. */
export async function surveyFacts(db: Tx, cycleId: number, where: SQL): Promise<SurveyFactsRow[]> {
  return db
    .select({
      schoolId: campaignSchools.schoolId,
      campaignId: campaignSchools.campaignId,
      teachers: campaignSchools.teachers,
      students6: campaignSchools.students6,
      students9: campaignSchools.students9,
      parents: campaignSchools.parents,
      verification: riskProfiles.verification,
    })
    .from(campaignSchools)
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, campaignSchools.campaignId))
    .innerJoin(schools, eq(schools.id, campaignSchools.schoolId))
    .leftJoin(riskProfiles, and(eq(riskProfiles.campaignId, campaignSchools.campaignId), eq(riskProfiles.schoolId, campaignSchools.schoolId)))
    .where(and(eq(surveyCampaigns.cycleId, cycleId), where))
    .orderBy(asc(campaignSchools.campaignId));
}

/** Submitted answers per campaign, school and instrument in the territory, one grouped query. */
export async function submittedCounts(db: Tx, cycleId: number, where: SQL) {
  const rows = await db
    .select({
      campaignId: surveyResponses.campaignId,
      schoolId: surveyResponses.schoolId,
      instrument: surveyResponses.instrument,
      n: sql<number>`count(*)`.mapWith(Number),
    })
    .from(surveyResponses)
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyResponses.campaignId))
    .innerJoin(schools, eq(schools.id, surveyResponses.schoolId))
    .where(and(eq(surveyCampaigns.cycleId, cycleId), eq(surveyResponses.status, 'submitted'), where))
    .groupBy(surveyResponses.campaignId, surveyResponses.schoolId, surveyResponses.instrument);
  return rows;
}

/** The school's curator in the cycle, and its visits (newest first) — for the printable profile. */
export async function schoolCurator(db: Tx, cycleId: number, schoolId: number): Promise<string | null> {
  const [row] = await db
    .select({ name: users.fullName })
    .from(curatorAssignments)
    .innerJoin(users, eq(users.id, curatorAssignments.curatorId))
    .where(and(eq(curatorAssignments.cycleId, cycleId), eq(curatorAssignments.schoolId, schoolId)));
  return row?.name ?? null;
}

export async function schoolVisits(db: Tx, cycleId: number, schoolId: number) {
  return db
    .select({ visitedOn: curatorVisits.visitedOn, format: curatorVisits.format })
    .from(curatorVisits)
    .where(and(eq(curatorVisits.cycleId, cycleId), eq(curatorVisits.schoolId, schoolId)))
    .orderBy(desc(curatorVisits.visitedOn));
}

/** The latest risk profile of the school in the cycle (its stored result). */
export async function schoolProfile(db: Tx, cycleId: number, schoolId: number) {
  const [row] = await db
    .select({ result: riskProfiles.result, verification: riskProfiles.verification, computedAt: riskProfiles.computedAt })
    .from(riskProfiles)
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, riskProfiles.campaignId))
    .where(and(eq(surveyCampaigns.cycleId, cycleId), eq(riskProfiles.schoolId, schoolId)))
    .orderBy(desc(riskProfiles.computedAt))
    .limit(1);
  return row;
}

/** First visit per school of the cycle in the territory (one grouped query; «visited» needs nothing else). */
export async function firstVisits(db: Tx, cycleId: number, where: SQL) {
  return db
    .select({ schoolId: curatorVisits.schoolId, first: sql<string>`min(${curatorVisits.visitedOn})` })
    .from(curatorVisits)
    .innerJoin(schools, eq(schools.id, curatorVisits.schoolId))
    .where(and(eq(curatorVisits.cycleId, cycleId), where))
    .groupBy(curatorVisits.schoolId);
}

/** The cycle's roadmaps of the territory readable by the scope (roadmaps' readableBy), with owner names. */
export async function territoryRoadmaps(db: Tx, cycleId: number, readable: SQL, t: { regionId?: number; municipalityId?: number; schoolId?: number }) {
  return db
    .select({
      id: roadmaps.id,
      level: roadmaps.level,
      status: roadmaps.status,
      regionId: roadmaps.regionId,
      municipalityId: roadmaps.municipalityId,
      schoolId: roadmaps.schoolId,
      regionName: regions.name,
      municipalityName: municipalities.name,
      schoolName: schools.shortName,
    })
    .from(roadmaps)
    .leftJoin(regions, eq(regions.id, roadmaps.regionId))
    .leftJoin(municipalities, eq(municipalities.id, roadmaps.municipalityId))
    .leftJoin(schools, eq(schools.id, roadmaps.schoolId))
    .where(
      and(
        eq(roadmaps.cycleId, cycleId),
        readable,
        t.regionId !== undefined ? eq(roadmaps.regionId, t.regionId) : undefined,
        t.municipalityId !== undefined ? eq(roadmaps.municipalityId, t.municipalityId) : undefined,
        t.schoolId !== undefined ? eq(roadmaps.schoolId, t.schoolId) : undefined,
      ),
    )
    .orderBy(asc(roadmaps.id));
}


// ---- background report runs (report_runs) ----

export type ReportRunRow = typeof reportRuns.$inferSelect;

export async function insertRun(db: Tx, values: typeof reportRuns.$inferInsert): Promise<ReportRunRow> {
  const [row] = await db.insert(reportRuns).values(values).returning();
  if (!row) throw new Error('report run not saved');
  return row;
}

export async function runById(db: Tx, id: number): Promise<ReportRunRow | undefined> {
  const [row] = await db.select().from(reportRuns).where(eq(reportRuns.id, id));
  return row;
}

/** The run, locked until the end of the transaction (the job's completion is decided under this lock). */
export async function runForUpdate(db: Tx, id: number): Promise<ReportRunRow | undefined> {
  const [row] = await db.select().from(reportRuns).where(eq(reportRuns.id, id)).for('update');
  return row;
}

export async function runsOf(db: Tx, userId: number, limit = 50): Promise<ReportRunRow[]> {
  return db.select().from(reportRuns).where(eq(reportRuns.requestedBy, userId)).orderBy(desc(reportRuns.createdAt), desc(reportRuns.id)).limit(limit);
}

/** Progress of an unfinished run (a finished one is never touched again). */
export async function setRunProgress(db: Tx, id: number, values: { status?: 'running'; progress: number; message: string }): Promise<void> {
  await db
    .update(reportRuns)
    .set(values)
    .where(and(eq(reportRuns.id, id), inArray(reportRuns.status, ['queued', 'running'])));
}

export async function finishRun(db: Tx, id: number, values: { status: 'done' | 'failed'; message: string; fileId?: number | null }): Promise<void> {
  await db
    .update(reportRuns)
    .set({ ...values, ...(values.status === 'done' ? { progress: 100 } : {}), finishedAt: sql`now()` })
    .where(and(eq(reportRuns.id, id), inArray(reportRuns.status, ['queued', 'running'])));
}

/** The user requested the run that produced the file (they may download it). */
export async function isRunFileOf(db: Tx, userId: number, fileId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: reportRuns.id })
    .from(reportRuns)
    .where(and(eq(reportRuns.fileId, fileId), eq(reportRuns.requestedBy, userId)))
    .limit(1);
  return row !== undefined;
}
