// Computes (or recomputes) the risk profiles of a campaign's schools from the submitted answers.
// Used by POST /api/risk-profiles/compute and by closing a campaign (server/modules/surveys).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { NotFoundError, ValidationError } from '../../../domain/errors.js';
import {
  computeRiskProfile,
  DEFAULT_METHODOLOGY,
  methodologySchema,
  SCHOOL_INSTRUMENTS,
  type InstrumentCode,
  type Methodology,
  type SchoolFacts,
} from '../../../domain/surveys/index.js';
import type { Tx } from '../../db/client.js';
import { campaignSchools, riskMethodologies, riskProfiles, surveyCampaigns, surveyResponses } from '../../db/schema.js';

/** Schools whose answers are loaded by one query (bounded memory for large campaigns). */
const SCHOOL_BATCH = 100;

/** The methodology of a version; the default one is stored on first use (idempotent). */
export async function loadMethodology(tx: Tx, version: number): Promise<Methodology> {
  let [row] = await tx.select().from(riskMethodologies).where(eq(riskMethodologies.version, version));
  if (!row && version === DEFAULT_METHODOLOGY.version) {
    await tx
      .insert(riskMethodologies)
      .values({ version, title: DEFAULT_METHODOLOGY.title, definition: DEFAULT_METHODOLOGY as unknown as Record<string, unknown> })
      .onConflictDoNothing();
    [row] = await tx.select().from(riskMethodologies).where(eq(riskMethodologies.version, version));
  }
  if (!row) throw new NotFoundError(`Методика расчёта версии ${version} не найдена`);
  const parsed = methodologySchema.safeParse({ ...row.definition, version: row.version });
  if (!parsed.success) throw new ValidationError(`Методика расчёта версии ${version} повреждена и не может быть применена`);
  return parsed.data as Methodology;
}

function factsOf(row: { teachers: number | null; students6: number | null; students9: number | null; parents: number | null }): SchoolFacts {
  const facts: SchoolFacts = {};
  if (row.teachers !== null) facts.teachers = row.teachers;
  if (row.students6 !== null) facts.students6 = row.students6;
  if (row.students9 !== null) facts.students9 = row.students9;
  if (row.parents !== null) facts.parents = row.parents;
  return facts;
}

/**
 * (Re)computes the profiles of the campaign's schools (all, or the given ones that are in the campaign) and upserts
 * them; a recomputed profile returns to 'pending' verification with an empty comment. Sets profiles_computed_at.
 */
export async function computeCampaignProfiles(tx: Tx, campaignId: number, schoolIds?: number[]): Promise<{ computed: number }> {
  const [campaign] = await tx
    .select({ id: surveyCampaigns.id, methodologyVersion: surveyCampaigns.methodologyVersion })
    .from(surveyCampaigns)
    .where(eq(surveyCampaigns.id, campaignId));
  if (!campaign) throw new NotFoundError('Кампания анкетирования не найдена');
  const methodology = await loadMethodology(tx, campaign.methodologyVersion);

  const filter = schoolIds ? (schoolIds.length ? inArray(campaignSchools.schoolId, [...new Set(schoolIds)]) : sql`false`) : undefined;
  const schools = await tx
    .select({
      schoolId: campaignSchools.schoolId,
      teachers: campaignSchools.teachers,
      students6: campaignSchools.students6,
      students9: campaignSchools.students9,
      parents: campaignSchools.parents,
    })
    .from(campaignSchools)
    .where(and(eq(campaignSchools.campaignId, campaignId), filter))
    .orderBy(asc(campaignSchools.schoolId));

  const schoolInstruments = new Set<string>(SCHOOL_INSTRUMENTS);
  let computed = 0;
  for (let start = 0; start < schools.length; start += SCHOOL_BATCH) {
    const batch = schools.slice(start, start + SCHOOL_BATCH);
    const ids = batch.map((s) => s.schoolId);
    const responses = await tx
      .select({ schoolId: surveyResponses.schoolId, instrument: surveyResponses.instrument, answers: surveyResponses.answers })
      .from(surveyResponses)
      .where(
        and(eq(surveyResponses.campaignId, campaignId), inArray(surveyResponses.schoolId, ids), eq(surveyResponses.status, 'submitted')),
      );
    const bySchool = new Map<number, Partial<Record<InstrumentCode, Record<string, unknown>[]>>>();
    for (const r of responses) {
      if (r.schoolId === null || !schoolInstruments.has(r.instrument)) continue;
      let answers = bySchool.get(r.schoolId);
      if (!answers) bySchool.set(r.schoolId, (answers = {}));
      (answers[r.instrument] ??= []).push(r.answers);
    }
    const now = new Date();
    const values = batch.map((school) => {
      const answers = bySchool.get(school.schoolId) ?? {};
      const answerCounts: Record<string, number> = {};
      for (const instrument of SCHOOL_INSTRUMENTS) answerCounts[instrument] = answers[instrument]?.length ?? 0;
      const profile = computeRiskProfile(methodology, { answers, facts: factsOf(school) });
      return {
        campaignId,
        schoolId: school.schoolId,
        methodologyVersion: methodology.version,
        result: profile as unknown as Record<string, unknown>,
        answerCounts,
        computedAt: now,
        verification: 'pending' as const,
        verificationComment: '',
        verifiedBy: null,
        verifiedAt: null,
      };
    });
    if (!values.length) continue;
    await tx
      .insert(riskProfiles)
      .values(values)
      .onConflictDoUpdate({
        target: [riskProfiles.campaignId, riskProfiles.schoolId],
        set: {
          methodologyVersion: sql`excluded.methodology_version`,
          result: sql`excluded.result`,
          answerCounts: sql`excluded.answer_counts`,
          computedAt: sql`excluded.computed_at`,
          verification: 'pending',
          verificationComment: '',
          verifiedBy: null,
          verifiedAt: null,
        },
      });
    computed += values.length;
  }
  await tx.update(surveyCampaigns).set({ profilesComputedAt: new Date() }).where(eq(surveyCampaigns.id, campaignId));
  return { computed };
}
