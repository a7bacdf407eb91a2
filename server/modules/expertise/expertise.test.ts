import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog, cycles, documentVersions, schoolDocuments, schools, storedFiles, users } from '../../db/schema.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { createFixtures, type Fixtures } from '../../test/authz/fixtures.js';
import { createTestApp, testHasher, type Client, type TestContext } from '../../test/harness.js';

const ALL_YES = {
  goals_match_risks: 'yes',
  tasks_lead_to_goal: 'yes',
  measures_specific: 'yes',
  timing_and_responsible: 'yes',
  indicators_baseline_target: 'yes',
  indicators_by_stage: 'yes',
  resources_realistic: 'yes',
  participants_involved: 'yes',
  consistent_documents: 'yes',
};

interface ReviewRow {
  id: number;
  schoolId: number;
  status: string;
  expert: string | null;
}

describe('federal selective expertise API', () => {
  let t: TestContext;
  let f: Fixtures;
  let cycleId: number;
  let school1: number;
  let school57: Set<number>;
  let expertId: number;
  let fed: Client;
  let expert: Client;
  let expert2: Client;
  let region57: Client;
  let kromy: Client;
  let curator1: Client;
  let schoolClient: Client;
  let school2Client: Client;
  let closedSchool: Client;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    // a second region (99) with one selected school and its school account
    f = await createFixtures(db, t.config.dataDir);
    await db.update(users).set({ mustChangePassword: false }).where(eq(users.login, 'closed-school'));
    await db.insert(users).values({ login: 'expert2', role: 'expert', fullName: 'Второй эксперт', passwordHash: await testHasher.hash(DEMO_PASSWORD), mustChangePassword: false });
    cycleId = (await db.select().from(cycles).where(eq(cycles.year, 2026)))[0]!.id;
    school1 = f.in.schoolId;
    school57 = new Set((await db.select().from(schools).where(eq(schools.regionId, f.in.regionId))).map((s) => s.id));
    expertId = (await db.select().from(users).where(eq(users.login, 'expert')))[0]!.id;
    [fed, expert, expert2, region57, kromy, curator1, schoolClient, school2Client] = await Promise.all([t.as('fed'), t.as('expert'), t.as('expert2'), t.as('region57'), t.as('mo-kromy'), t.as('curator1'), t.as('school1'), t.as('school2')]);
    closedSchool = await t.as('closed-school', 'closed-region-1');
  });
  after(() => t.close());

  const draw = (extra: Record<string, unknown> = {}) =>
    fed.post('/api/expertise/samples', { cycleId, title: 'Выборка 2026', share: 50, seed: 'medk-2026', stratifyByRegion: true, kinds: ['concept', 'antirisk_programme'], ...extra });

  test('a stratified 50% sample has the exact size and is reproducible by its seed', async () => {
    const res = await draw();
    assert.equal(res.statusCode, 201, res.body);
    const { sample } = res.json();
    // 13 selected schools (12 in region 57, 1 in region 99): round(6.5) = 7; largest remainder gives 6 + 1
    assert.equal(sample.schools, 7);
    assert.equal(sample.schoolIds.length, 7);
    assert.equal(sample.schoolIds.filter((id: number) => school57.has(id)).length, 6);
    assert.ok(sample.schoolIds.includes(f.out.schoolId));
    assert.deepEqual(
      { seed: sample.seed, share: sample.share, count: sample.count, stratifyByRegion: sample.stratifyByRegion, kinds: sample.kinds, completed: sample.completed },
      { seed: 'medk-2026', share: 50, count: null, stratifyByRegion: true, kinds: ['concept', 'antirisk_programme'], completed: 0 },
    );

    const again = (await draw({ title: 'Повтор' })).json().sample;
    assert.deepEqual(again.schoolIds, sample.schoolIds);
    const other = (await draw({ title: 'Другое зерно', seed: 'другое зерно' })).json().sample;
    assert.equal(other.schoolIds.length, 7);
    assert.notDeepEqual(other.schoolIds, sample.schoolIds);

    const detail = (await fed.get(`/api/expertise/samples/${sample.id}`)).json();
    assert.deepEqual(detail.reviews.map((r: ReviewRow) => r.schoolId).sort((a: number, b: number) => a - b), sample.schoolIds);
    assert.ok(detail.reviews.every((r: ReviewRow) => r.status === 'assigned' && r.expert === null));

    // no seed: a random one is drawn and stored
    const random = (await draw({ seed: undefined, count: 3, share: undefined, stratifyByRegion: false })).json().sample;
    assert.match(random.seed, /^[0-9a-f]{16}$/);
    assert.equal(random.schools, 3);
    assert.equal(random.count, 3);

    const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, String(sample.id)));
    assert.equal(entry?.entityType, 'expertise_sample');
    assert.match(entry!.summary, /зерно «medk-2026»/);
    const list = (await fed.get(`/api/expertise/samples?cycleId=${cycleId}`)).json();
    assert.equal(list.items.length, 4);
  });

  test('sample options and rights are checked', async () => {
    const both = await draw({ count: 3 });
    assert.equal(both.statusCode, 400);
    assert.deepEqual(both.json().error.fields.map((x: { path: string }) => x.path), ['share']);
    const zero = await draw({ share: 0 });
    assert.equal(zero.json().error.fields[0].path, 'share');
    const kinds = await draw({ kinds: [] });
    assert.equal(kinds.json().error.fields[0].path, 'kinds');
    const unknownKind = await draw({ kinds: ['diary'] });
    assert.equal(unknownKind.json().error.fields[0].path, 'kinds.0');
    assert.equal((await region57.post('/api/expertise/samples', { cycleId })).statusCode, 403);
    assert.equal((await expert.post('/api/expertise/samples', { cycleId })).statusCode, 403);
    assert.equal((await region57.get('/api/expertise/samples')).statusCode, 403);
    assert.deepEqual((await expert.get('/api/expertise/samples')).json().items, []);
  });

  test('the expert fills the review; results appear to the school’s readers only after completion', async () => {
    const db = t.database.db;
    // a concept with one file version, and a document of a kind the sample does not check
    const [file] = await db.insert(storedFiles).values({ sha256: 'a'.repeat(64), size: 1234, mime: 'application/pdf', name: 'Концепция.pdf' }).returning();
    const [concept] = await db.insert(schoolDocuments).values({ cycleId, schoolId: school1, slotKey: 'concept', kind: 'concept', status: 'submitted' }).returning();
    await db.insert(documentVersions).values({ documentId: concept!.id, number: 1, fileId: file!.id });
    await db.insert(schoolDocuments).values({ cycleId, schoolId: school1, slotKey: 'midterm_programme', kind: 'midterm_programme' });

    const sample = (await draw({ title: 'Все школы', share: 100 })).json().sample;
    assert.equal(sample.schools, 13);
    const reviews = (await fed.get(`/api/expertise/samples/${sample.id}`)).json().reviews as ReviewRow[];
    const review1 = reviews.find((r) => r.schoolId === school1)!;
    const reviewOut = reviews.find((r) => r.schoolId === f.out.schoolId)!;

    const curatorId = (await db.select().from(users).where(eq(users.login, 'curator1')))[0]!.id;
    const notExpert = await fed.post(`/api/expertise/samples/${sample.id}/assign`, { reviewIds: [review1.id], expertId: curatorId });
    assert.equal(notExpert.statusCode, 400);
    assert.deepEqual(notExpert.json().error.fields.map((x: { path: string }) => x.path), ['expertId']);
    const foreign = await fed.post(`/api/expertise/samples/${sample.id}/assign`, { reviewIds: [999999], expertId });
    assert.deepEqual(foreign.json().error.fields.map((x: { path: string }) => x.path), ['reviewIds.0']);
    assert.equal((await region57.post(`/api/expertise/samples/${sample.id}/assign`, { reviewIds: [review1.id], expertId })).statusCode, 403);

    const assigned = await fed.post(`/api/expertise/samples/${sample.id}/assign`, { reviewIds: [review1.id, reviewOut.id], expertId });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.deepEqual(assigned.json().reviews.map((r: ReviewRow) => r.expert), ['Эксперт федеральной экспертизы', 'Эксперт федеральной экспертизы']);

    // the expert sees their sample (only their reviews) and their reviews; another expert sees nothing
    const mine = (await expert.get(`/api/expertise/samples/${sample.id}`)).json();
    assert.equal(mine.reviews.length, 2);
    assert.equal((await expert.get('/api/expertise/samples')).json().items.length, 1);
    assert.equal((await expert.get('/api/expertise/reviews')).json().items.length, 2);
    assert.equal((await expert2.get(`/api/expertise/samples/${sample.id}`)).statusCode, 404);
    assert.equal((await expert2.get(`/api/expertise/reviews/${review1.id}`)).statusCode, 404);
    assert.equal((await expert2.put(`/api/expertise/reviews/${review1.id}`, { version: 2, marks: {}, comment: '', action: 'start' })).statusCode, 404);

    const detail = (await expert.get(`/api/expertise/reviews/${review1.id}`)).json();
    assert.equal(detail.criteria.length, 9);
    assert.deepEqual(detail.can, { edit: true, actions: ['start'] });
    assert.deepEqual(detail.documents.map((d: { slotKey: string }) => d.slotKey), ['concept']);
    assert.deepEqual(detail.documents[0].files.map((v: { name: string; size: number }) => [v.name, v.size]), [['Концепция.pdf', 1234]]);
    let version = detail.review.version as number;

    // before completion: invisible to the school, its curator and coordinators
    const hidden = async () => {
      assert.deepEqual((await schoolClient.get(`/api/expertise/schools/${school1}`)).json().results, []);
      assert.deepEqual((await curator1.get(`/api/expertise/schools/${school1}`)).json().results, []);
      for (const c of [schoolClient, curator1, region57, kromy]) {
        assert.equal((await c.get(`/api/expertise/reviews/${review1.id}`)).statusCode, 404, c.login);
        assert.deepEqual((await c.get('/api/expertise/reviews')).json().items, [], c.login);
      }
    };
    await hidden();

    const put = (body: Record<string, unknown>, client = expert) => client.put(`/api/expertise/reviews/${review1.id}`, { version, marks: {}, comment: '', ...body });

    const early = await put({ action: 'complete' });
    assert.equal(early.statusCode, 400);
    assert.deepEqual(early.json().error.fields.map((x: { path: string }) => x.path), ['action']);
    assert.match(early.json().error.message, /назначена/);

    const started = await put({ action: 'start' });
    assert.equal(started.statusCode, 200, started.body);
    assert.equal(started.json().review.status, 'in_progress');
    version = started.json().review.version;

    const empty = await put({ action: 'complete' });
    assert.equal(empty.statusCode, 400);
    const paths = empty.json().error.fields.map((x: { path: string }) => x.path);
    assert.equal(paths.filter((p: string) => p.startsWith('marks.')).length, 9);
    assert.ok(paths.includes('marks.goals_match_risks'));
    assert.ok(paths.includes('conclusion'));

    const noComment = await put({ action: 'complete', marks: { ...ALL_YES, measures_specific: 'partially' }, conclusion: 'partially' });
    assert.equal(noComment.statusCode, 400);
    assert.deepEqual(noComment.json().error.fields.map((x: { path: string }) => x.path), ['comment']);

    const unknown = await put({ marks: { no_such: 'yes' } });
    assert.deepEqual(unknown.json().error.fields.map((x: { path: string }) => x.path), ['marks.no_such']);
    const badMark = await put({ marks: { goals_match_risks: 'maybe' } });
    assert.deepEqual(badMark.json().error.fields.map((x: { path: string }) => x.path), ['marks.goals_match_risks']);

    const draft = await put({ marks: { goals_match_risks: 'yes' }, comment: 'Черновик' });
    assert.equal(draft.statusCode, 200, draft.body);
    const stale = await put({ marks: ALL_YES, conclusion: 'meets', action: 'complete' });
    assert.equal(stale.statusCode, 409);
    version = draft.json().review.version;

    assert.equal((await put({ marks: ALL_YES }, fed)).statusCode, 403, 'a coordinator does not fill the form');

    const done = await put({ marks: ALL_YES, conclusion: 'meets', comment: 'Документы соответствуют требованиям', action: 'complete' });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().review.status, 'completed');
    assert.equal(done.json().review.conclusion, 'meets');
    assert.ok(done.json().review.completedAt);
    version = done.json().review.version;
    assert.equal((await put({ marks: ALL_YES, conclusion: 'meets' })).statusCode, 400, 'a completed review is not edited');

    // after completion: the school, its curator and coordinators of its territory read the result
    for (const c of [schoolClient, curator1, region57, kromy]) {
      const results = (await c.get(`/api/expertise/schools/${school1}?cycleId=${cycleId}`)).json().results;
      assert.equal(results.length, 1, c.login);
      assert.deepEqual([results[0].conclusion, results[0].sample.title, results[0].comment], ['meets', 'Все школы', 'Документы соответствуют требованиям']);
      assert.equal((await c.get(`/api/expertise/reviews/${review1.id}`)).statusCode, 200, c.login);
      assert.deepEqual((await c.get('/api/expertise/reviews')).json().items.map((r: ReviewRow) => r.id), [review1.id], c.login);
    }
    const view = (await region57.get(`/api/expertise/reviews/${review1.id}`)).json();
    assert.deepEqual(view.can, { edit: false, actions: [] });
    // nothing across regions or schools
    assert.equal((await school2Client.get(`/api/expertise/schools/${school1}`)).statusCode, 404);
    assert.equal((await closedSchool.get(`/api/expertise/schools/${school1}`)).statusCode, 404);
    assert.equal((await closedSchool.get(`/api/expertise/reviews/${review1.id}`)).statusCode, 404);
    assert.deepEqual((await closedSchool.get('/api/expertise/reviews')).json().items, []);
    assert.equal((await region57.get(`/api/expertise/schools/${f.out.schoolId}`)).statusCode, 404);
    assert.equal((await region57.get(`/api/expertise/reviews/${reviewOut.id}`)).statusCode, 404);

    // the federal coordinator sends it back (with a reason); it disappears from the results again
    assert.equal((await put({ action: 'reopen' })).statusCode, 400, 'an expert does not reopen');
    const noReason = await put({ action: 'reopen' }, fed);
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().error.message, /комментарии/);
    const reopened = await put({ action: 'reopen', comment: 'Уточните оценку показателей' }, fed);
    assert.equal(reopened.statusCode, 200, reopened.body);
    assert.equal(reopened.json().review.status, 'in_progress');
    assert.equal(reopened.json().review.completedAt, null);
    assert.equal(reopened.json().review.comment, 'Документы соответствуют требованиям');
    await hidden();

    const actions = (await db.select().from(auditLog).where(eq(auditLog.entityType, 'expertise_review'))).map((e) => e.action);
    assert.deepEqual(actions, ['start', 'update', 'complete', 'reopen']);
    const [reopenEntry] = await db.select().from(auditLog).where(eq(auditLog.action, 'reopen'));
    assert.equal(reopenEntry?.userLogin, 'fed');
    assert.equal((reopenEntry?.changes as { reason: string }).reason, 'Уточните оценку показателей');
    assert.equal(reopenEntry?.regionId, null);
  });
});
