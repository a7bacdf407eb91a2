// Helpers of the risk-profiles tests: a campaign with schools and answers written straight into the database.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { campaignSchools, respondentLinks, surveyCampaigns, surveyResponses } from '../../db/schema.js';

const VERSIONS = { director: 1, teachers: 1, students6: 1, students9: 1, parents: 1, curator_candidate: 1 };

export async function insertCampaign(
  db: Db,
  values: { cycleId: number; regionId: number | null; title?: string; methodologyVersion?: number; activationRules?: Record<string, unknown> },
): Promise<number> {
  const [row] = await db
    .insert(surveyCampaigns)
    .values({
      cycleId: values.cycleId,
      regionId: values.regionId,
      title: values.title ?? 'Анкетирование школ 2026',
      opensOn: '2026-03-01',
      closesOn: '2026-03-31',
      methodologyVersion: values.methodologyVersion ?? 1,
      instrumentVersions: VERSIONS,
      activationRules: values.activationRules ?? {},
    })
    .returning({ id: surveyCampaigns.id });
  return row!.id;
}

export async function addSchools(
  db: Db,
  campaignId: number,
  schools: { schoolId: number; teachers?: number | null; students6?: number | null; students9?: number | null; parents?: number | null }[],
): Promise<void> {
  if (!schools.length) return;
  await db.insert(campaignSchools).values(
    schools.map((s) => ({ campaignId, schoolId: s.schoolId, teachers: s.teachers ?? null, students6: s.students6 ?? null, students9: s.students9 ?? null, parents: s.parents ?? null })),
  );
}

type Instrument = 'director' | 'teachers' | 'students6' | 'students9' | 'parents';

/** Responses of one school and instrument (one link for them), submitted unless told otherwise. */
export async function addResponses(
  db: Db,
  target: { campaignId: number; schoolId: number; instrument: Instrument },
  answers: Record<string, unknown>[],
  status: 'submitted' | 'draft' = 'submitted',
): Promise<void> {
  const [link] = await db
    .insert(respondentLinks)
    .values({ ...target, code: randomBytes(8).toString('hex'), maxResponses: 500 })
    .returning({ id: respondentLinks.id });
  await db.insert(surveyResponses).values(
    answers.map((a) => ({
      linkId: link!.id,
      ...target,
      instrumentVersion: 1,
      answers: a,
      status,
      tokenHash: randomBytes(16).toString('hex'),
      submittedAt: status === 'submitted' ? new Date() : null,
    })),
  );
}

/** Director answers with the lowest risk on every scored question. */
export const CALM_DIRECTOR = {
  d_internet: 'yes',
  d_computers: 'all',
  d_labs: 'yes',
  d_textbooks: 'yes',
  d_vacancies: '0',
  d_uncovered: 'no',
  d_overload: 'lt10',
  d_individual_plans: 'yes',
  d_extra_classes: 'yes',
  d_pd_plan: 'yes',
  d_methodical: 'yes',
  d_mentoring: 'yes',
  d_failure_share: 'lt5',
  d_nonnative_share: 'none',
  d_language_support: 'yes',
  d_bullying: 'no',
  d_psychologist: 'both',
  d_parent_meetings: 'gt75',
};
