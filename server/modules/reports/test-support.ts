// Hand-made data of the dashboard and report tests, in a cycle of its own (2030) so the demo roadmaps do not count.
// Region 57: Кромской район K1–K4 and Ливенский район L1–L2 are selected; Город Орёл has no selected schools.
//
//            surveys  profile   directions  visited  documents (due by stage 2, 30.09)
//   K1       done     verified  yes         yes      all confirmed but evidence 2 (submitted) → uploaded
//   K2       no       pending   yes         no       concept confirmed, programme submitted, the rest missing
//   K3       no       —         no          yes      nothing
//   K4       no       —         no          no       nothing
//   L1       done     disputed  no          yes      all confirmed → uploaded and confirmed
//   L2       no       —         no          no       nothing
//
// Roadmaps: the region's own (4 activities) and Кромской район's (2 activities), both approved; one dated fact per
// one-off activity (carried to later stages), marks per stage for the periodic one — see below.
import { eq } from 'drizzle-orm';
import { EMPTY_DIFF } from '../../../domain/roadmaps/revisions.js';
import type { Db } from '../../db/client.js';
import {
  campaignSchools,
  curatorAssignments,
  curatorVisits,
  cycles,
  cycleSchools,
  itemExecutions,
  regions,
  respondentLinks,
  riskDirections,
  riskProfiles,
  roadmapItems,
  roadmaps,
  schoolDocuments,
  schools,
  surveyCampaigns,
  surveyResponses,
  users,
} from '../../db/schema.js';
import { ensureStages } from '../monitoring/stages.js';
import { snapshotOf } from '../roadmaps/lifecycle.js';
import { insertRevision, itemsOf } from '../roadmaps/queries.js';

export const YEAR = 2030;
/** «Today» of the tests: after stage 1 (30.06), before stage 2 (30.09). */
export const TODAY = '2030-07-15';

export interface Made {
  cycleId: number;
  regionId: number;
  kromyId: number;
  livnyId: number;
  orelId: number;
  school: Record<'K1' | 'K2' | 'K3' | 'K4' | 'L1' | 'L2', number>;
  stages: { id: number; number: number }[];
}

let tokens = 0;

export async function makeData(db: Db): Promise<Made> {
  const [cycle] = await db.insert(cycles).values({ year: YEAR, title: `Проект 500+ — ${YEAR}`, status: 'planned' }).returning();
  const cycleId = cycle!.id;
  const [region] = await db.select().from(regions).where(eq(regions.code, '57'));
  const regionId = region!.id;
  const byCode = async (code: string) => (await db.select().from(schools).where(eq(schools.code, code)))[0]!;
  const codes = { K1: '57-01-001', K2: '57-01-002', K3: '57-01-003', K4: '57-01-004', L1: '57-02-001', L2: '57-02-002' } as const;
  const school = {} as Made['school'];
  let kromyId = 0;
  let livnyId = 0;
  for (const [key, code] of Object.entries(codes) as [keyof typeof codes, string][]) {
    const row = await byCode(code);
    school[key] = row.id;
    if (key === 'K1') kromyId = row.municipalityId;
    if (key === 'L1') livnyId = row.municipalityId;
    await db.insert(cycleSchools).values({ cycleId, schoolId: row.id });
  }
  const orelId = (await byCode('57-03-001')).municipalityId;
  const curator = async (login: string) => (await db.select().from(users).where(eq(users.login, login)))[0]!.id;
  await db.insert(curatorAssignments).values([
    { cycleId, schoolId: school.K1, curatorId: await curator('curator1') },
    { cycleId, schoolId: school.K2, curatorId: await curator('curator2') },
  ]);
  const stages = await ensureStages(db, { id: cycleId, year: YEAR });
  const stage = (n: number) => stages.find((s) => s.number === n)!.id;

  // questionnaires: one director and two teachers are all K1 and L1 need (no students, no parents)
  const [campaign] = await db
    .insert(surveyCampaigns)
    .values({
      cycleId,
      regionId,
      title: 'Анкетирование 2030',
      opensOn: '2030-02-01',
      closesOn: '2030-03-01',
      methodologyVersion: 1,
      instrumentVersions: { director: 1, teachers: 1, students6: 1, students9: 1, parents: 1 },
    })
    .returning();
  const campaignId = campaign!.id;
  for (const key of Object.keys(codes) as (keyof typeof codes)[]) {
    const facts = key === 'K1' || key === 'K2' || key === 'L1' ? { teachers: 2, students6: 0, students9: 0, parents: 0 } : {};
    await db.insert(campaignSchools).values({ campaignId, schoolId: school[key], ...facts });
  }
  const answer = async (schoolId: number, instrument: 'director' | 'teachers', n: number, status: 'submitted' | 'draft' = 'submitted') => {
    const [link] = await db
      .insert(respondentLinks)
      .values({ campaignId, schoolId, instrument, code: `T${schoolId}${instrument}${tokens++}`, maxResponses: 50 })
      .returning();
    for (let k = 0; k < n; k++) {
      await db.insert(surveyResponses).values({
        linkId: link!.id,
        campaignId,
        schoolId,
        instrument,
        instrumentVersion: 1,
        status,
        tokenHash: `token-${tokens++}`,
        submittedAt: status === 'submitted' ? new Date('2030-02-10T10:00:00Z') : null,
      });
    }
  };
  await answer(school.K1, 'director', 1);
  await answer(school.K1, 'teachers', 2);
  await answer(school.K2, 'director', 1);
  await answer(school.K2, 'teachers', 1);
  await answer(school.K2, 'teachers', 3, 'draft');
  await answer(school.L1, 'director', 1);
  await answer(school.L1, 'teachers', 2);

  const profile = (schoolId: number, verification: 'pending' | 'verified' | 'disputed') => ({
    campaignId,
    schoolId,
    methodologyVersion: 1,
    verification,
    result: {
      methodologyVersion: 1,
      factors: [{ code: 'low_motivation', name: 'Низкая учебная мотивация обучающихся', level: 'high', score: 0.72, preliminary: false, indicators: [], explanation: '' }],
      summary: {},
    },
  });
  await db.insert(riskProfiles).values([profile(school.K1, 'verified'), profile(school.K2, 'pending'), profile(school.L1, 'disputed')]);
  await db.insert(riskDirections).values([
    { cycleId, schoolId: school.K1, factorCode: 'low_motivation' },
    { cycleId, schoolId: school.K2, factorCode: 'low_motivation' },
  ]);

  await db.insert(curatorVisits).values([
    { cycleId, schoolId: school.K1, visitedOn: '2030-03-01', format: 'onsite' },
    { cycleId, schoolId: school.K1, visitedOn: '2030-05-01', format: 'online' },
    { cycleId, schoolId: school.K3, visitedOn: '2030-04-10', format: 'onsite' },
    { cycleId, schoolId: school.L1, visitedOn: '2030-04-01', format: 'online' },
  ]);

  type Kind = 'concept' | 'midterm_programme' | 'school_roadmap' | 'antirisk_programme' | 'evidence';
  const doc = (schoolId: number, slotKey: string, kind: Kind, status: 'confirmed' | 'submitted' | 'draft', stageNumber?: number) => ({
    cycleId,
    schoolId,
    slotKey,
    kind,
    status,
    factorCode: kind === 'antirisk_programme' || kind === 'evidence' ? 'low_motivation' : null,
    stageId: stageNumber ? stage(stageNumber) : null,
  });
  await db.insert(schoolDocuments).values([
    doc(school.K1, 'concept', 'concept', 'confirmed'),
    doc(school.K1, 'midterm_programme', 'midterm_programme', 'confirmed'),
    doc(school.K1, 'school_roadmap', 'school_roadmap', 'confirmed'),
    doc(school.K1, 'antirisk_programme:low_motivation', 'antirisk_programme', 'confirmed'),
    doc(school.K1, 'evidence:1:low_motivation', 'evidence', 'confirmed', 1),
    doc(school.K1, 'evidence:2:low_motivation', 'evidence', 'submitted', 2),
    doc(school.K2, 'concept', 'concept', 'confirmed'),
    doc(school.K2, 'midterm_programme', 'midterm_programme', 'submitted'),
    doc(school.L1, 'concept', 'concept', 'confirmed'),
    doc(school.L1, 'midterm_programme', 'midterm_programme', 'confirmed'),
    doc(school.L1, 'school_roadmap', 'school_roadmap', 'confirmed'),
  ]);

  // roadmaps: the region's (r1–r4) and Кромской район's (m1–m2)
  const [regional] = await db.insert(roadmaps).values({ cycleId, level: 'regional', regionId, title: 'Региональная дорожная карта 2030', year: YEAR }).returning();
  const [municipal] = await db
    .insert(roadmaps)
    .values({ cycleId, level: 'municipal', regionId, municipalityId: kromyId, title: 'Дорожная карта Кромского района 2030', year: YEAR })
    .returning();
  const item = async (roadmapId: number, position: number, number: string, title: string, dueDate: string | null, timing: Record<string, unknown> = {}) =>
    (await db.insert(roadmapItems).values({ roadmapId, position, number, title, dueDate, timing }).returning())[0]!.id;
  const r1 = await item(regional!.id, 1, '1', 'Совещание с муниципалитетами', '2030-05-01');
  const r2 = await item(regional!.id, 2, '2', 'Семинар для директоров', '2030-06-15');
  const r3 = await item(regional!.id, 3, '3', 'Августовская конференция', '2030-09-01');
  const r4 = await item(regional!.id, 4, '4', 'Методическое сопровождение', null, { period: { from: '2030-01-01', to: '2030-12-31' } });
  const m1 = await item(municipal!.id, 1, '1', 'Назначить ответственных за проект', '2030-06-01');
  const m2 = await item(municipal!.id, 2, '2', 'Провести муниципальный семинар', '2030-06-20');
  // both approved by an order (revision 1): drafts are not counted
  for (const rm of [regional!, municipal!]) {
    await insertRevision(db, { roadmapId: rm.id, number: 1, kind: 'approval', orderNumber: '1', orderDate: `${YEAR}-01-15`, items: snapshotOf(await itemsOf(db, rm.id)), diff: EMPTY_DIFF });
    await db.update(roadmaps).set({ status: 'approved', revision: 1 }).where(eq(roadmaps.id, rm.id));
  }
  // one-off activities: one dated fact; the periodic r4: a mark per stage
  type Status = 'planned' | 'in_progress' | 'done' | 'confirmed';
  const fact = (itemId: number, status: Status, executedOn: string | null = null) => ({ itemId, stageId: null, status, executedOn });
  const mark = (itemId: number, n: number, status: Status) => ({ itemId, stageId: stage(n), status });
  await db.insert(itemExecutions).values([
    fact(r1, 'confirmed', `${YEAR}-04-28`),
    fact(r2, 'done', `${YEAR}-06-10`),
    fact(r3, 'in_progress'),
    mark(r4, 1, 'planned'),
    mark(r4, 2, 'confirmed'),
    fact(m1, 'in_progress'),
    fact(m2, 'confirmed', `${YEAR}-06-18`),
  ]);
  return { cycleId, regionId, kromyId, livnyId, orelId, school, stages: stages.map((s) => ({ id: s.id, number: s.number })) };
}
