// Drizzle queries of survey campaigns, their schools, respondent links and responses.
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  campaignSchools,
  curatorAssignments,
  cycles,
  cycleSchools,
  municipalities,
  regions,
  respondentLinks,
  riskMethodologies,
  riskProfiles,
  schools,
  surveyCampaigns,
  surveyInstruments,
  surveyResponses,
} from '../../db/schema.js';
import type { InstrumentCode } from '../../../domain/surveys/index.js';

export type CampaignRow = typeof surveyCampaigns.$inferSelect & { year: number; territory: string | null };
export type LinkRow = typeof respondentLinks.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;

const campaignColumns = {
  id: surveyCampaigns.id,
  cycleId: surveyCampaigns.cycleId,
  regionId: surveyCampaigns.regionId,
  title: surveyCampaigns.title,
  opensOn: surveyCampaigns.opensOn,
  closesOn: surveyCampaigns.closesOn,
  closedAt: surveyCampaigns.closedAt,
  methodologyVersion: surveyCampaigns.methodologyVersion,
  instrumentVersions: surveyCampaigns.instrumentVersions,
  activationRules: surveyCampaigns.activationRules,
  profilesComputedAt: surveyCampaigns.profilesComputedAt,
  version: surveyCampaigns.version,
  createdBy: surveyCampaigns.createdBy,
  createdAt: surveyCampaigns.createdAt,
  year: cycles.year,
  territory: regions.name,
};

function campaignSelect(db: Tx) {
  return db
    .select(campaignColumns)
    .from(surveyCampaigns)
    .innerJoin(cycles, eq(cycles.id, surveyCampaigns.cycleId))
    .leftJoin(regions, eq(regions.id, surveyCampaigns.regionId));
}

export async function campaignById(db: Tx, id: number): Promise<CampaignRow | undefined> {
  const [row] = await campaignSelect(db).where(eq(surveyCampaigns.id, id));
  return row;
}

/** Locks the campaign row for the rest of the transaction. */
export async function lockCampaign(db: Tx, id: number): Promise<void> {
  await db.select({ id: surveyCampaigns.id }).from(surveyCampaigns).where(eq(surveyCampaigns.id, id)).for('update');
}

export async function listCampaigns(db: Tx, cycleId: number | undefined): Promise<CampaignRow[]> {
  return campaignSelect(db)
    .where(cycleId === undefined ? undefined : eq(surveyCampaigns.cycleId, cycleId))
    .orderBy(desc(cycles.year), sql`${surveyCampaigns.regionId} nulls first`, asc(regions.name), asc(surveyCampaigns.id));
}

/**
 * Schools of the campaigns inside the actor's territory. `inScope` is an SQL condition over `schools` (and
 * `survey_campaigns` for curators, whose schools depend on the campaign's cycle). One grouped query.
 */
export async function schoolCounts(db: Tx, campaignIds: number[], inScope: SQL, municipalityId?: number): Promise<Map<number, number>> {
  if (!campaignIds.length) return new Map();
  const rows = await db
    .select({ campaignId: campaignSchools.campaignId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(campaignSchools)
    .innerJoin(schools, eq(schools.id, campaignSchools.schoolId))
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, campaignSchools.campaignId))
    .where(
      and(
        inArray(campaignSchools.campaignId, campaignIds),
        inScope,
        municipalityId === undefined ? undefined : eq(schools.municipalityId, municipalityId),
      ),
    )
    .groupBy(campaignSchools.campaignId);
  return new Map(rows.map((r) => [r.campaignId, r.n]));
}

/** A curator's schools: assigned in the campaign's cycle (an SQL twin of curatorPlaces). */
export function curatorCondition(curatorId: number): SQL {
  return sql`exists (select 1 from ${curatorAssignments} where ${curatorAssignments.curatorId} = ${curatorId} and ${curatorAssignments.schoolId} = ${schools.id} and ${curatorAssignments.cycleId} = ${surveyCampaigns.cycleId})`;
}

export async function curatorPlaces(db: Tx, curatorId: number, cycleId: number) {
  return db
    .select({ regionId: schools.regionId, municipalityId: schools.municipalityId, schoolId: schools.id })
    .from(curatorAssignments)
    .innerJoin(schools, eq(schools.id, curatorAssignments.schoolId))
    .where(and(eq(curatorAssignments.curatorId, curatorId), eq(curatorAssignments.cycleId, cycleId)));
}

/** Every cycle's schools of a curator, for the campaign list. */
export async function curatorPlacesAllCycles(db: Tx, curatorId: number) {
  return db
    .select({ cycleId: curatorAssignments.cycleId, regionId: schools.regionId, municipalityId: schools.municipalityId, schoolId: schools.id })
    .from(curatorAssignments)
    .innerJoin(schools, eq(schools.id, curatorAssignments.schoolId))
    .where(eq(curatorAssignments.curatorId, curatorId));
}

export interface SchoolRowData {
  schoolId: number;
  regionId: number;
  municipalityId: number;
  code: string;
  name: string;
  municipality: string;
  teachers: number | null;
  students6: number | null;
  students9: number | null;
  parents: number | null;
  profileId: number | null;
  verification: 'pending' | 'verified' | 'disputed' | null;
}

const schoolRowColumns = {
  schoolId: schools.id,
  regionId: schools.regionId,
  municipalityId: schools.municipalityId,
  code: schools.code,
  name: schools.shortName,
  municipality: municipalities.name,
  teachers: campaignSchools.teachers,
  students6: campaignSchools.students6,
  students9: campaignSchools.students9,
  parents: campaignSchools.parents,
  profileId: riskProfiles.id,
  verification: riskProfiles.verification,
};

function schoolRowSelect(db: Tx) {
  return db
    .select(schoolRowColumns)
    .from(campaignSchools)
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, campaignSchools.campaignId))
    .innerJoin(schools, eq(schools.id, campaignSchools.schoolId))
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .leftJoin(riskProfiles, and(eq(riskProfiles.campaignId, campaignSchools.campaignId), eq(riskProfiles.schoolId, campaignSchools.schoolId)));
}

export async function schoolRows(db: Tx, campaignId: number, inScope: SQL, municipalityId?: number): Promise<SchoolRowData[]> {
  return schoolRowSelect(db)
    .where(
      and(eq(campaignSchools.campaignId, campaignId), inScope, municipalityId === undefined ? undefined : eq(schools.municipalityId, municipalityId)),
    )
    .orderBy(asc(schools.code));
}

export async function schoolRow(db: Tx, campaignId: number, schoolId: number): Promise<SchoolRowData | undefined> {
  const [row] = await schoolRowSelect(db).where(and(eq(campaignSchools.campaignId, campaignId), eq(campaignSchools.schoolId, schoolId)));
  return row;
}

export interface Counts {
  submitted: number;
  drafts: number;
}

/** Responses per school and instrument (school null = curator candidates), grouped in one query. */
export async function responseCounts(db: Tx, campaignId: number, schoolIds?: number[]): Promise<Map<string, Counts>> {
  const where =
    schoolIds === undefined
      ? eq(surveyResponses.campaignId, campaignId)
      : schoolIds.length
        ? and(eq(surveyResponses.campaignId, campaignId), inArray(surveyResponses.schoolId, schoolIds))
        : sql`false`;
  const rows = await db
    .select({
      schoolId: surveyResponses.schoolId,
      instrument: surveyResponses.instrument,
      submitted: sql<number>`count(*) filter (where ${surveyResponses.status} = 'submitted')`.mapWith(Number),
      drafts: sql<number>`count(*) filter (where ${surveyResponses.status} = 'draft')`.mapWith(Number),
    })
    .from(surveyResponses)
    .where(where)
    .groupBy(surveyResponses.schoolId, surveyResponses.instrument);
  return new Map(rows.map((r) => [countKey(r.schoolId, r.instrument), { submitted: r.submitted, drafts: r.drafts }]));
}

export async function curatorCandidateCounts(db: Tx, campaignId: number): Promise<Counts> {
  const [row] = await db
    .select({
      submitted: sql<number>`count(*) filter (where ${surveyResponses.status} = 'submitted')`.mapWith(Number),
      drafts: sql<number>`count(*) filter (where ${surveyResponses.status} = 'draft')`.mapWith(Number),
    })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.campaignId, campaignId), isNull(surveyResponses.schoolId), eq(surveyResponses.instrument, 'curator_candidate')));
  return row ?? { submitted: 0, drafts: 0 };
}

export const countKey = (schoolId: number | null, instrument: string) => `${schoolId ?? 'null'}:${instrument}`;

// ---- writes of campaigns ----

export async function lockCycle(db: Tx, cycleId: number) {
  const [row] = await db.select().from(cycles).where(eq(cycles.id, cycleId)).for('update');
  return row;
}

export async function regionById(db: Tx, id: number) {
  const [row] = await db.select().from(regions).where(eq(regions.id, id));
  return row;
}

export async function municipalityById(db: Tx, id: number) {
  const [row] = await db.select().from(municipalities).where(eq(municipalities.id, id));
  return row;
}

export async function campaignOf(db: Tx, cycleId: number, regionId: number | null) {
  const [row] = await db
    .select({ id: surveyCampaigns.id })
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.cycleId, cycleId), regionId === null ? isNull(surveyCampaigns.regionId) : eq(surveyCampaigns.regionId, regionId)));
  return row;
}

export async function insertCampaign(db: Tx, values: typeof surveyCampaigns.$inferInsert) {
  const [row] = await db.insert(surveyCampaigns).values(values).returning();
  return row!;
}

/** Copies the cycle's selected schools (of the region, or all) into the campaign; returns their ids. */
export async function addCycleSchools(db: Tx, campaignId: number, cycleId: number, regionId: number | null): Promise<number[]> {
  const res = await db.execute(sql`
    insert into ${campaignSchools} (campaign_id, school_id)
    select ${campaignId}::integer, ${cycleSchools.schoolId}
    from ${cycleSchools} inner join ${schools} on ${schools.id} = ${cycleSchools.schoolId}
    where ${cycleSchools.cycleId} = ${cycleId} ${regionId === null ? sql`` : sql`and ${schools.regionId} = ${regionId}`}
    returning school_id`);
  return (res as unknown as { rows: { school_id: number }[] }).rows.map((r) => Number(r.school_id));
}

export interface NewLink {
  campaignId: number;
  schoolId: number | null;
  instrument: InstrumentCode;
  code: string;
  maxResponses: number;
}

/** Inserts links whose code is still free; returns the codes that were taken (the caller retries them with new codes). */
export async function insertLinks(db: Tx, links: NewLink[]): Promise<{ inserted: LinkRow[]; clashed: NewLink[] }> {
  if (!links.length) return { inserted: [], clashed: [] };
  const inserted = await db.insert(respondentLinks).values(links).onConflictDoNothing({ target: respondentLinks.code }).returning();
  const got = new Set(inserted.map((l) => l.code));
  return { inserted, clashed: links.filter((l) => !got.has(l.code)) };
}

export async function updateCampaignIfVersion(db: Tx, id: number, version: number, set: Partial<typeof surveyCampaigns.$inferInsert>) {
  const [row] = await db
    .update(surveyCampaigns)
    .set({ ...set, version: version + 1 })
    .where(and(eq(surveyCampaigns.id, id), eq(surveyCampaigns.version, version)))
    .returning({ id: surveyCampaigns.id });
  return row;
}

export async function closeCampaign(db: Tx, id: number) {
  await db
    .update(surveyCampaigns)
    .set({ closedAt: sql`now()`, version: sql`${surveyCampaigns.version} + 1` })
    .where(eq(surveyCampaigns.id, id));
}

export async function campaignSchoolForUpdate(db: Tx, campaignId: number, schoolId: number) {
  const [row] = await db
    .select()
    .from(campaignSchools)
    .where(and(eq(campaignSchools.campaignId, campaignId), eq(campaignSchools.schoolId, schoolId)))
    .for('update');
  return row;
}

export async function updateFacts(
  db: Tx,
  campaignId: number,
  schoolId: number,
  facts: { teachers: number; students6: number; students9: number; parents: number | null },
) {
  await db
    .update(campaignSchools)
    .set({ ...facts, factsUpdatedAt: sql`now()` })
    .where(and(eq(campaignSchools.campaignId, campaignId), eq(campaignSchools.schoolId, schoolId)));
}

/** Active (not revoked) links of a school, or the campaign's curator-candidate link (schoolId null). */
export async function activeLinks(db: Tx, campaignId: number, schoolId: number | null): Promise<LinkRow[]> {
  return db
    .select()
    .from(respondentLinks)
    .where(
      and(
        eq(respondentLinks.campaignId, campaignId),
        schoolId === null ? isNull(respondentLinks.schoolId) : eq(respondentLinks.schoolId, schoolId),
        isNull(respondentLinks.revokedAt),
      ),
    )
    .orderBy(asc(respondentLinks.id));
}

export async function setLinkCap(db: Tx, campaignId: number, schoolId: number, instrument: InstrumentCode, maxResponses: number) {
  await db
    .update(respondentLinks)
    .set({ maxResponses })
    .where(
      and(
        eq(respondentLinks.campaignId, campaignId),
        eq(respondentLinks.schoolId, schoolId),
        eq(respondentLinks.instrument, instrument),
        isNull(respondentLinks.revokedAt),
      ),
    );
}

export async function revokeLink(db: Tx, linkId: number) {
  await db.update(respondentLinks).set({ revokedAt: sql`now()` }).where(eq(respondentLinks.id, linkId));
}

// ---- instruments and methodology ----

export async function latestInstruments(db: Tx) {
  return db
    .selectDistinctOn([surveyInstruments.code])
    .from(surveyInstruments)
    .orderBy(asc(surveyInstruments.code), desc(surveyInstruments.version));
}

export async function instrument(db: Tx, code: InstrumentCode, version?: number) {
  const [row] = await db
    .select()
    .from(surveyInstruments)
    .where(and(eq(surveyInstruments.code, code), version === undefined ? undefined : eq(surveyInstruments.version, version)))
    .orderBy(desc(surveyInstruments.version))
    .limit(1);
  return row;
}

/** Titles of the instrument versions a campaign uses. */
export async function instrumentTitles(db: Tx, versions: Record<string, number>): Promise<Map<string, string>> {
  const rows = await db.select({ code: surveyInstruments.code, version: surveyInstruments.version, title: surveyInstruments.title }).from(surveyInstruments);
  return new Map(rows.filter((r) => versions[r.code] === r.version).map((r) => [r.code, r.title]));
}

export async function methodology(db: Tx, version?: number) {
  const [row] = await db
    .select()
    .from(riskMethodologies)
    .where(version === undefined ? undefined : eq(riskMethodologies.version, version))
    .orderBy(desc(riskMethodologies.version))
    .limit(1);
  return row;
}

export async function methodologyVersions(db: Tx): Promise<number[]> {
  const rows = await db.select({ version: riskMethodologies.version }).from(riskMethodologies).orderBy(asc(riskMethodologies.version));
  return rows.map((r) => r.version);
}

// ---- answering ----

export async function linkByCode(db: Tx, code: string) {
  const [row] = await db
    .select({
      link: respondentLinks,
      schoolName: schools.shortName,
      regionId: schools.regionId,
      municipalityId: schools.municipalityId,
    })
    .from(respondentLinks)
    .leftJoin(schools, eq(schools.id, respondentLinks.schoolId))
    .where(eq(respondentLinks.code, code));
  return row;
}

export async function lockLink(db: Tx, linkId: number) {
  const [row] = await db.select().from(respondentLinks).where(eq(respondentLinks.id, linkId)).for('update');
  return row;
}

export async function responseByToken(db: Tx, tokenHash: string, lock = false) {
  const query = db.select().from(surveyResponses).where(eq(surveyResponses.tokenHash, tokenHash));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Finished answers through this code: the cap counts these (drafts do not, and a new code starts at zero). */
export async function submittedCount(db: Tx, linkId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.linkId, linkId), eq(surveyResponses.status, 'submitted')));
  return row?.n ?? 0;
}

/** Empty drafts of a code untouched for `minutes` expire: opened and left, they hold nothing. */
export async function deleteStaleDrafts(db: Tx, linkId: number, minutes: number) {
  await db
    .delete(surveyResponses)
    .where(
      and(
        eq(surveyResponses.linkId, linkId),
        eq(surveyResponses.status, 'draft'),
        sql`${surveyResponses.answers} = '{}'::jsonb`,
        sql`${surveyResponses.updatedAt} < now() - make_interval(mins => ${minutes})`,
      ),
    );
}

/** Drafts of a replaced code: nobody can continue them any more. */
export async function deleteDraftsOfLink(db: Tx, linkId: number) {
  await db.delete(surveyResponses).where(and(eq(surveyResponses.linkId, linkId), eq(surveyResponses.status, 'draft')));
}

/** Responses started through this code since `seconds` ago, and the oldest of them. */
export async function recentStarts(db: Tx, linkId: number, seconds: number): Promise<{ n: number; oldest: Date | null }> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number), oldest: sql<string | null>`min(${surveyResponses.startedAt})` })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.linkId, linkId), sql`${surveyResponses.startedAt} > now() - make_interval(secs => ${seconds})`));
  return { n: row?.n ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

export async function insertResponse(db: Tx, values: typeof surveyResponses.$inferInsert) {
  const [row] = await db.insert(surveyResponses).values(values).returning({ id: surveyResponses.id });
  return row!;
}

export async function saveResponse(db: Tx, id: number, answers: Record<string, unknown>, submit: boolean) {
  await db
    .update(surveyResponses)
    .set({ answers, updatedAt: sql`now()`, ...(submit ? { status: 'submitted' as const, submittedAt: sql`now()` } : {}) })
    .where(eq(surveyResponses.id, id));
}
