import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog, riskDirections, riskMethodologies, riskProfiles, surveyCampaigns } from '../../db/schema.js';
import { snapshot } from '../../test/authz/fixtures.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { demoIds, otherRegion, type DemoIds } from '../roadmaps/test-support.js';
import { addResponses, addSchools, CALM_DIRECTOR, insertCampaign } from './test-support.js';

/**
 * School A (school1's school, Кромской район) — expected levels worked out by hand from DEFAULT_METHODOLOGY:
 *  low_equipment: director 4×«worst» = 1 (weight 2), teachers t_equipment «1» = 1, t_internet «never» = 1 (weight 2) → 1 → high;
 *  staff_shortage: director 0, 0, 0 → 0 → none;
 *  teacher_competence: teachers (0.5 + 0.67 + 0.33) / 3 = 0.5 → medium;
 *  process_adaptability: director «partly» 0.5, 0.5 → 0.5 → medium;
 *  no_pd_system: director yes ×3 → 0 → none;
 *  academic_failure: director «10_20» = 0.67 → high;
 *  language_barriers: director 0, 0 → none;
 *  environment: director «no» 0, psychologist «one» 0.5 → 0.25 → low;
 *  parent_involvement: director «lt25» = 1 → high;
 *  low_motivation: nobody answered its questions → unknown.
 * School B (school2's school): no answers → every factor unknown.
 * School C (Ливенский район): a director with the calmest answers → director factors none, the two others unknown.
 */
const A_DIRECTOR = {
  ...CALM_DIRECTOR,
  d_internet: 'no',
  d_computers: 'none',
  d_labs: 'no',
  d_textbooks: 'no',
  d_individual_plans: 'partly',
  d_extra_classes: 'partly',
  d_failure_share: '10_20',
  d_psychologist: 'one',
  d_parent_meetings: 'lt25',
};
const A_TEACHER = { t_equipment: '1', t_internet: 'never', t_confidence: '3', t_difficulty_tasks: 'sometimes', t_assessment: 'often' };

const A_LEVELS = {
  low_equipment: 'high',
  staff_shortage: 'none',
  teacher_competence: 'medium',
  process_adaptability: 'medium',
  no_pd_system: 'none',
  academic_failure: 'high',
  language_barriers: 'none',
  environment: 'low',
  parent_involvement: 'high',
  low_motivation: 'unknown',
};
const C_LEVELS = { ...Object.fromEntries(Object.keys(A_LEVELS).map((k) => [k, 'none'])), teacher_competence: 'unknown', low_motivation: 'unknown' };
const B_LEVELS = Object.fromEntries(Object.keys(A_LEVELS).map((k) => [k, 'unknown']));
const HIGH = ['academic_failure', 'low_equipment', 'parent_involvement'];

interface Row {
  id: number;
  schoolId: number;
  school: string;
  levels: Record<string, string>;
  verification: string;
  directions: string[];
}

describe('risk profiles API', () => {
  let t: TestContext;
  let ids: DemoIds;
  let campaignId: number;
  let admin: Client;
  let region57: Client;
  let kromy: Client;
  let livny: Client;
  let school1: Client;
  let curator1: Client;
  let curator2: Client;
  let profileA: number;
  let profileC: number;

  before(async () => {
    t = await createTestApp();
    ids = await demoIds(t.database.db);
    const db = t.database.db;
    campaignId = await insertCampaign(db, { cycleId: ids.cycleId, regionId: ids.regionId });
    await addSchools(db, campaignId, [{ schoolId: ids.school1Id, teachers: 2 }, { schoolId: ids.school2Id }, { schoolId: ids.livnySchoolId }]);
    await addResponses(db, { campaignId, schoolId: ids.school1Id, instrument: 'director' }, [A_DIRECTOR]);
    await addResponses(db, { campaignId, schoolId: ids.school1Id, instrument: 'teachers' }, [A_TEACHER, A_TEACHER]);
    // a draft does not count, even with the calmest answers
    await addResponses(db, { campaignId, schoolId: ids.school1Id, instrument: 'director' }, [CALM_DIRECTOR], 'draft');
    await addResponses(db, { campaignId, schoolId: ids.livnySchoolId, instrument: 'director' }, [CALM_DIRECTOR]);
    [admin, region57, kromy, livny, school1, curator1, curator2] = await Promise.all([
      t.as('admin'),
      t.as('region57'),
      t.as('mo-kromy'),
      t.as('mo-livny'),
      t.as('school1'),
      t.as('curator1'),
      t.as('curator2'),
    ]);
  });
  after(() => t.close());

  const list = async (client: Client, query = `campaignId=${campaignId}`): Promise<Row[]> => {
    const res = await client.get(`/api/risk-profiles?${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items;
  };

  test('only the campaign owners compute; the default methodology is stored on first use', async () => {
    for (const client of [school1, curator1, kromy]) {
      const before = await snapshot(t.database.db);
      const res = await client.post('/api/risk-profiles/compute', { campaignId });
      assert.equal(res.statusCode, 403, `${client.login}: ${res.body}`);
      assert.equal(await snapshot(t.database.db), before);
    }
    const bad = await region57.post('/api/risk-profiles/compute', {});
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].path, 'campaignId');

    const res = await region57.post('/api/risk-profiles/compute', { campaignId });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { computed: 3 });
    const [campaign] = await t.database.db.select().from(surveyCampaigns).where(eq(surveyCampaigns.id, campaignId));
    assert.ok(campaign!.profilesComputedAt);
    const methodologies = await t.database.db.select().from(riskMethodologies);
    assert.deepEqual(methodologies.map((m) => m.version), [1]);
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'survey_campaign'), eq(auditLog.action, 'compute')));
    assert.match(entry!.summary, /Рассчитаны рисковые профили.*3/);
  });

  test('levels follow the answers; everyone sees only their territory', async () => {
    const rows = await list(region57);
    assert.equal(rows.length, 3);
    const bySchool = new Map(rows.map((r) => [r.schoolId, r]));
    assert.deepEqual(bySchool.get(ids.school1Id)!.levels, A_LEVELS);
    assert.deepEqual(bySchool.get(ids.school2Id)!.levels, B_LEVELS);
    assert.deepEqual(bySchool.get(ids.livnySchoolId)!.levels, C_LEVELS);
    assert.ok(rows.every((r) => r.verification === 'pending' && r.directions.length === 0));
    profileA = bySchool.get(ids.school1Id)!.id;
    profileC = bySchool.get(ids.livnySchoolId)!.id;

    assert.deepEqual((await list(school1)).map((r) => r.schoolId), [ids.school1Id]);
    assert.deepEqual((await list(curator1)).map((r) => r.schoolId), [ids.school1Id]);
    assert.deepEqual((await list(curator2)).map((r) => r.schoolId), [ids.school2Id]);
    assert.deepEqual((await list(livny)).map((r) => r.schoolId), [ids.livnySchoolId]);
    assert.deepEqual(
      (await list(kromy)).map((r) => r.schoolId).sort((a, b) => a - b),
      [ids.school1Id, ids.school2Id].sort((a, b) => a - b),
    );
    assert.deepEqual((await list(region57, `campaignId=${campaignId}&municipalityId=${ids.livnyId}`)).map((r) => r.schoolId), [ids.livnySchoolId]);
    assert.deepEqual((await list(admin, `schoolId=${ids.school2Id}`)).map((r) => r.schoolId), [ids.school2Id]);
    // a filter outside the actor's territory is not found
    assert.equal((await kromy.get(`/api/risk-profiles?municipalityId=${ids.livnyId}`)).statusCode, 404);
  });

  test('the detail explains the profile; a curator of another school gets 404', async () => {
    const res = await curator1.get(`/api/risk-profiles/${profileA}`);
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.deepEqual(d.answerCounts, { director: 1, teachers: 2, students6: 0, students9: 0, parents: 0 });
    assert.equal(d.methodologyVersion, 1);
    assert.equal(d.profile.factors.length, 10);
    const equipment = d.profile.factors.find((f: { code: string }) => f.code === 'low_equipment');
    assert.equal(equipment.score, 1);
    assert.match(equipment.explanation, /^Высокий риск/);
    const environment = d.profile.factors.find((f: { code: string }) => f.code === 'environment');
    assert.equal(environment.score, 0.25);
    assert.deepEqual([...d.suggested].sort(), HIGH);
    assert.equal(d.rules.maxDirections, 3);
    assert.deepEqual(d.can, { verify: true, activate: false });
    assert.equal(d.verifiedBy, null);
    assert.deepEqual((await school1.get(`/api/risk-profiles/${profileA}`)).json().can, { verify: false, activate: false });
    assert.deepEqual((await region57.get(`/api/risk-profiles/${profileA}`)).json().can, { verify: false, activate: false });

    assert.equal((await curator2.get(`/api/risk-profiles/${profileA}`)).statusCode, 404);
    assert.equal((await school1.get(`/api/risk-profiles/${profileC}`)).statusCode, 404);
    assert.equal((await curator1.get('/api/risk-profiles/999999')).statusCode, 404);
  });

  test('only the curator (or admin) verifies; a disputed profile cannot be activated', async () => {
    const before = await snapshot(t.database.db);
    assert.equal((await curator2.post(`/api/risk-profiles/${profileA}/verify`, { decision: 'verified', comment: '' })).statusCode, 404);
    assert.equal((await school1.post(`/api/risk-profiles/${profileA}/verify`, { decision: 'verified', comment: '' })).statusCode, 403);
    assert.equal((await region57.post(`/api/risk-profiles/${profileA}/verify`, { decision: 'verified', comment: '' })).statusCode, 403);
    // not verified yet: no activation
    const early = await school1.put(`/api/risk-profiles/${profileA}/directions`, { factors: HIGH });
    assert.equal(early.statusCode, 400);
    assert.match(early.json().error.message, /подтверждения профиля/);
    const noComment = await curator1.post(`/api/risk-profiles/${profileA}/verify`, { decision: 'disputed', comment: '  ' });
    assert.equal(noComment.statusCode, 400);
    assert.equal(noComment.json().error.fields[0].path, 'comment');
    assert.equal(await snapshot(t.database.db), before);

    const disputed = await curator1.post(`/api/risk-profiles/${profileA}/verify`, { decision: 'disputed', comment: 'Оснащение обновлено в марте' });
    assert.equal(disputed.statusCode, 200, disputed.body);
    assert.equal(disputed.json().verification, 'disputed');
    assert.equal(disputed.json().verificationComment, 'Оснащение обновлено в марте');
    const afterDispute = await snapshot(t.database.db);
    const refused = await school1.put(`/api/risk-profiles/${profileA}/directions`, { factors: HIGH });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().error.message, /оспорен/);
    assert.equal(await snapshot(t.database.db), afterDispute);

    const verified = await curator1.post(`/api/risk-profiles/${profileA}/verify`, { decision: 'verified', comment: 'Согласен' });
    assert.equal(verified.statusCode, 200, verified.body);
    const d = verified.json();
    assert.equal(d.verification, 'verified');
    assert.equal(typeof d.verifiedBy, 'string');
    assert.ok(d.verifiedAt);
    assert.deepEqual(d.can, { verify: true, activate: true });
    assert.deepEqual((await school1.get(`/api/risk-profiles/${profileA}`)).json().can, { verify: false, activate: true });
    const logged = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'risk_profile'), eq(auditLog.entityId, String(profileA))));
    assert.deepEqual(logged.map((e) => e.action).sort(), ['dispute', 'verify']);
  });

  test('activation follows the rules; violations change nothing', async () => {
    const before = await snapshot(t.database.db);
    const refuse = async (factors: string[], paths: string[]) => {
      const res = await school1.put(`/api/risk-profiles/${profileA}/directions`, { factors });
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(res.json().error.fields.map((f: { path: string }) => f.path).sort(), paths.sort(), res.body);
    };
    // a factor without risk is not selectable; the third high-risk factor is missing
    await refuse(['low_equipment', 'academic_failure', 'staff_shortage'], ['factors.2', 'factors']);
    await refuse(['low_equipment', 'low_equipment', 'academic_failure', 'parent_involvement'], ['factors.1']);
    await refuse([...HIGH, 'process_adaptability'], ['factors']);
    await refuse(['bogus', ...HIGH], ['factors.0']);
    await refuse([], ['factors', 'factors', 'factors', 'factors']);
    assert.equal(await snapshot(t.database.db), before);
    // someone else's school: not found; a reader without the right: 403
    assert.equal((await curator2.put(`/api/risk-profiles/${profileA}/directions`, { factors: HIGH })).statusCode, 404);
    assert.equal((await kromy.put(`/api/risk-profiles/${profileA}/directions`, { factors: HIGH })).statusCode, 403);

    const res = await school1.put(`/api/risk-profiles/${profileA}/directions`, { factors: HIGH });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([...res.json().directions].sort(), HIGH);
    const stored = await t.database.db.select().from(riskDirections).where(eq(riskDirections.schoolId, ids.school1Id));
    assert.deepEqual(stored.map((r) => r.factorCode).sort(), HIGH);
    assert.ok(stored.every((r) => r.profileId === profileA && r.cycleId === ids.cycleId));

    // with a wider limit the curator adds a medium-risk direction, then the school narrows the set again
    await t.database.db.update(surveyCampaigns).set({ activationRules: { maxDirections: 4 } }).where(eq(surveyCampaigns.id, campaignId));
    const wider = await curator1.put(`/api/risk-profiles/${profileA}/directions`, { factors: [...HIGH, 'process_adaptability'] });
    assert.equal(wider.statusCode, 200, wider.body);
    assert.equal(wider.json().rules.maxDirections, 4);
    assert.equal((await t.database.db.select().from(riskDirections).where(eq(riskDirections.schoolId, ids.school1Id))).length, 4);
    const narrower = await school1.put(`/api/risk-profiles/${profileA}/directions`, { factors: HIGH });
    assert.equal(narrower.statusCode, 200, narrower.body);
    const left = await t.database.db.select().from(riskDirections).where(eq(riskDirections.schoolId, ids.school1Id));
    assert.deepEqual(left.map((r) => r.factorCode).sort(), HIGH);
    assert.deepEqual(
      left.map((r) => r.id).sort((a, b) => a - b),
      stored.map((r) => r.id).sort((a, b) => a - b),
      'kept directions keep their rows',
    );
    const logged = await t.database.db.select().from(auditLog).where(eq(auditLog.entityType, 'risk_directions'));
    assert.equal(logged.length, 3);
    assert.match(logged[0]!.summary, /Низкий уровень оснащения школы/);
    await t.database.db.update(surveyCampaigns).set({ activationRules: {} }).where(eq(surveyCampaigns.id, campaignId));
  });

  test('the aggregate counts levels per factor within the territory', async () => {
    const res = await region57.get(`/api/risk-profiles/aggregate?campaignId=${campaignId}`);
    assert.equal(res.statusCode, 200, res.body);
    const agg = res.json();
    assert.equal(agg.schools, 3);
    assert.equal(agg.factors.length, 10);
    const f = (code: string) => agg.factors.find((x: { code: string }) => x.code === code);
    assert.deepEqual(f('low_equipment'), { code: 'low_equipment', name: 'Низкий уровень оснащения школы', high: 1, medium: 0, low: 0, none: 1, unknown: 1 });
    assert.deepEqual({ ...f('teacher_competence'), name: '' }, { code: 'teacher_competence', name: '', high: 0, medium: 1, low: 0, none: 0, unknown: 2 });
    assert.deepEqual({ ...f('environment'), name: '' }, { code: 'environment', name: '', high: 0, medium: 0, low: 1, none: 1, unknown: 1 });
    assert.deepEqual({ ...f('low_motivation'), name: '' }, { code: 'low_motivation', name: '', high: 0, medium: 0, low: 0, none: 0, unknown: 3 });

    const kromyAgg = (await kromy.get(`/api/risk-profiles/aggregate?campaignId=${campaignId}`)).json();
    assert.equal(kromyAgg.schools, 2);
    assert.deepEqual({ ...kromyAgg.factors[0], name: '' }, { code: 'low_equipment', name: '', high: 1, medium: 0, low: 0, none: 0, unknown: 1 });
    const livnyOnly = (await admin.get(`/api/risk-profiles/aggregate?campaignId=${campaignId}&municipalityId=${ids.livnyId}`)).json();
    assert.equal(livnyOnly.schools, 1);
    assert.equal(livnyOnly.factors[0].none, 1);
    const missing = await region57.get('/api/risk-profiles/aggregate');
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.fields[0].path, 'campaignId');
  });

  test('the XLSX export reads back: a row per school, levels in Russian, and the summary sheet', async () => {
    const res = await region57.get(`/api/risk-profiles/export?campaignId=${campaignId}`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 200));
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    assert.equal(sheet.rowCount, 4);
    const headerRow = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.equal(headerRow[2], 'Школа');
    assert.equal(headerRow[3], 'Низкий уровень оснащения школы');
    assert.equal(headerRow[13], 'Верификация');
    assert.equal(headerRow[14], 'Рисковые направления');
    const rowA = [2, 3, 4].map((n) => (sheet.getRow(n).values as unknown[]).slice(1)).find((r) => r[1] === '57-01-001')!;
    assert.equal(rowA[3], 'высокий риск');
    assert.equal(rowA[4], 'риск не выявлен');
    assert.equal(rowA[5], 'средний риск');
    assert.equal(rowA[10], 'низкий риск');
    assert.equal(rowA[12], 'нет данных');
    assert.equal(rowA[13], 'подтверждён куратором');
    assert.match(String(rowA[14]), /Низкий уровень оснащения школы/);
    assert.match(String(rowA[14]), /Низкий уровень вовлечённости родителей/);
    const summary = book.getWorksheet('Сводка')!;
    assert.ok(summary);
    assert.equal(summary.getRow(2).getCell(1).value, 'Школ с профилем: 3');
    const equipment = (summary.getRow(5).values as unknown[]).slice(1);
    assert.deepEqual(equipment, ['Низкий уровень оснащения школы', 1, 0, 0, 1, 1]);

    const mine = await school1.get(`/api/risk-profiles/export?campaignId=${campaignId}`);
    const own = new ExcelJS.Workbook();
    await own.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
    assert.equal(own.worksheets[0]!.rowCount, 2);
  });

  test('recomputing returns the profile to pending verification; other schools keep theirs', async () => {
    assert.equal((await admin.post(`/api/risk-profiles/${profileC}/verify`, { decision: 'verified', comment: '' })).statusCode, 200);
    const res = await region57.post('/api/risk-profiles/compute', { campaignId, schoolId: ids.school1Id });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { computed: 1 });
    const rows = await t.database.db.select().from(riskProfiles).where(inArray(riskProfiles.id, [profileA, profileC]));
    const a = rows.find((r) => r.id === profileA)!;
    const c = rows.find((r) => r.id === profileC)!;
    assert.equal(a.verification, 'pending');
    assert.equal(a.verificationComment, '');
    assert.equal(a.verifiedBy, null);
    assert.equal(c.verification, 'verified');
    const d = (await school1.get(`/api/risk-profiles/${profileA}`)).json();
    assert.deepEqual(d.can, { verify: false, activate: false });
    assert.deepEqual(d.levels, A_LEVELS);
    assert.deepEqual([...d.directions].sort(), HIGH, 'activated directions stay until chosen again');
    // a school outside the campaign
    assert.equal((await region57.post('/api/risk-profiles/compute', { campaignId, schoolId: 999999 })).statusCode, 404);
  });

  test('a campaign of another region is not found for the regional coordinator', async () => {
    const other = await otherRegion(t.database.db);
    const otherCampaign = await insertCampaign(t.database.db, { cycleId: ids.cycleId, regionId: other.regionId, title: 'Чужая кампания' });
    await addSchools(t.database.db, otherCampaign, [{ schoolId: other.schoolId }]);
    assert.equal((await region57.post('/api/risk-profiles/compute', { campaignId: otherCampaign })).statusCode, 404);
    assert.equal((await region57.get(`/api/risk-profiles?campaignId=${otherCampaign}`)).statusCode, 404);
    assert.equal((await school1.get(`/api/risk-profiles/aggregate?campaignId=${otherCampaign}`)).statusCode, 404);
    const fed = await t.as('fed');
    assert.deepEqual((await fed.post('/api/risk-profiles/compute', { campaignId: otherCampaign })).json(), { computed: 1 });
    const [profile] = await t.database.db.select().from(riskProfiles).where(eq(riskProfiles.campaignId, otherCampaign));
    assert.equal((await region57.get(`/api/risk-profiles/${profile!.id}`)).statusCode, 404);
    // a federal campaign is computed by federal roles only
    const federal = await insertCampaign(t.database.db, { cycleId: ids.cycleId, regionId: null, title: 'Федеральная кампания' });
    assert.equal((await region57.post('/api/risk-profiles/compute', { campaignId: federal })).statusCode, 403);
    assert.deepEqual((await admin.post('/api/risk-profiles/compute', { campaignId: federal })).json(), { computed: 0 });
  });

  test('an unknown methodology version is reported, nothing is computed', async () => {
    const odd = await insertCampaign(t.database.db, { cycleId: ids.cycleId, regionId: ids.regionId, title: 'Кампания с методикой 7', methodologyVersion: 7 });
    await addSchools(t.database.db, odd, [{ schoolId: ids.school1Id }]);
    const res = await admin.post('/api/risk-profiles/compute', { campaignId: odd });
    assert.equal(res.statusCode, 404);
    assert.match(res.json().error.message, /Методика расчёта версии 7/);
    assert.equal((await t.database.db.select().from(riskProfiles).where(eq(riskProfiles.campaignId, odd))).length, 0);
  });
});
