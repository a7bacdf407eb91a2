// Demo questionnaires: the 2026 campaign of «Орловская область», still open so that the answering page
// can be tried; eleven of twelve schools have answered, profiles are computed, school 57-01-001's is
// verified by its curator and its directions are activated. Answers are synthetic and seeded.
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/access/policy.js';
import { seededRandom } from '../../domain/documents/sampling.js';
import { DEFAULT_INSTRUMENTS, SCHOOL_INSTRUMENTS, suggestedDirections, type RiskProfile } from '../../domain/surveys/index.js';
import type { Db } from '../db/client.js';
import { campaignSchools, cycles, regions, respondentLinks, riskDirections, riskProfiles, schools, surveyResponses, users } from '../db/schema.js';
import { computeCampaignProfiles } from '../modules/risk-profiles/compute.js';
import { SurveysService } from '../modules/surveys/service.js';
import { capOf, expectedOf } from '../modules/surveys/views.js';
import { syntheticAnswers } from './answers.js';

/** The school that has not answered yet (it shows up in «кто отстаёт»). */
const NOT_STARTED = '57-03-004';
/** Answers per instrument for a demo school. */
const ANSWERS = { director: 1, teachers: 6, students6: 8, students9: 8, parents: 6 } as const;

export async function seedDemoSurveys(db: Db): Promise<void> {
  const [region] = await db.select().from(regions).where(eq(regions.code, '57'));
  const [cycle] = await db.select().from(cycles).where(eq(cycles.year, 2026));
  const [admin] = await db.select().from(users).where(eq(users.login, 'region57'));
  const [curator] = await db.select().from(users).where(eq(users.login, 'curator1'));
  const [school] = await db.select().from(schools).where(eq(schools.code, '57-01-001'));
  if (!region || !cycle || !admin || !curator || !school) return;

  const actor: Actor = { userId: admin.id, role: admin.role, regionId: region.id, municipalityId: null, schoolId: null, curatedSchools: [] };
  const { campaign } = await new SurveysService(db).create(actor, { userId: admin.id, login: admin.login }, {
    cycleId: cycle.id,
    regionId: region.id,
    title: 'Анкетирование участников образовательных отношений — 2026',
    opensOn: '2026-01-28',
    closesOn: '2026-12-31',
  });

  const random = seededRandom('medk-demo-surveys');
  const links = await db
    .select({ id: respondentLinks.id, schoolId: respondentLinks.schoolId, instrument: respondentLinks.instrument, schoolCode: schools.code })
    .from(respondentLinks)
    .innerJoin(schools, eq(schools.id, respondentLinks.schoolId))
    .where(eq(respondentLinks.campaignId, campaign.id));
  const rows: (typeof surveyResponses.$inferInsert)[] = [];
  const tendency = new Map<number, number>();
  for (const link of links) {
    if (link.schoolId === null || link.schoolCode === NOT_STARTED) continue;
    if (!tendency.has(link.schoolId)) tendency.set(link.schoolId, 0.15 + random() * 0.7);
    const instrument = link.instrument as (typeof SCHOOL_INSTRUMENTS)[number];
    if (!SCHOOL_INSTRUMENTS.includes(instrument)) continue;
    for (let k = 0; k < ANSWERS[instrument]; k++) {
      rows.push({
        linkId: link.id,
        campaignId: campaign.id,
        schoolId: link.schoolId,
        instrument,
        instrumentVersion: DEFAULT_INSTRUMENTS[instrument].version,
        answers: syntheticAnswers(DEFAULT_INSTRUMENTS[instrument], tendency.get(link.schoolId)!, random),
        status: 'submitted',
        tokenHash: `demo-${link.id}-${k}`,
        submittedAt: new Date('2026-02-10T09:00:00+03:00'),
      });
    }
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 200) await tx.insert(surveyResponses).values(rows.slice(i, i + 200));
    // numbers the schools entered: a little more than was answered, so completion is not 100% everywhere
    const facts = { teachers: 8, students6: 10, students9: 9, parents: 12 };
    await tx.update(campaignSchools).set({ ...facts, factsUpdatedAt: new Date() }).where(eq(campaignSchools.campaignId, campaign.id));
    // the codes' caps follow the numbers, as when a school enters them
    const expected = expectedOf(facts);
    for (const instrument of SCHOOL_INSTRUMENTS) {
      await tx
        .update(respondentLinks)
        .set({ maxResponses: capOf(instrument, expected) })
        .where(and(eq(respondentLinks.campaignId, campaign.id), eq(respondentLinks.instrument, instrument)));
    }
    await computeCampaignProfiles(tx, campaign.id);

    // school 57-01-001: verified by its curator, directions activated as suggested
    const [profile] = await tx
      .select()
      .from(riskProfiles)
      .where(and(eq(riskProfiles.campaignId, campaign.id), eq(riskProfiles.schoolId, school.id)));
    if (!profile) return;
    await tx
      .update(riskProfiles)
      .set({ verification: 'verified', verificationComment: 'Профиль подтверждён по итогам первого посещения', verifiedBy: curator.id, verifiedAt: new Date('2026-03-05T12:00:00+03:00') })
      .where(eq(riskProfiles.id, profile.id));
    const directions = suggestedDirections(profile.result as unknown as RiskProfile);
    if (directions.length) {
      await tx
        .insert(riskDirections)
        .values(directions.map((factorCode) => ({ cycleId: cycle.id, schoolId: school.id, factorCode, profileId: profile.id, activatedBy: curator.id })));
    }
  });
}
