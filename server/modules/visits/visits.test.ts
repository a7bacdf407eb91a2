import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, cycles, schools } from '../../db/schema.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';

describe('curator visits API', () => {
  let t: TestContext;
  let cycleId: number;
  let school1: number;
  let school2: number;
  let admin: Client;
  let curator1: Client;
  let curator2: Client;
  let kromy: Client;
  let region57: Client;
  let school1Client: Client;
  let school2Client: Client;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    cycleId = (await db.select().from(cycles).where(eq(cycles.year, 2026)))[0]!.id;
    school1 = (await db.select().from(schools).where(eq(schools.code, '57-01-001')))[0]!.id;
    school2 = (await db.select().from(schools).where(eq(schools.code, '57-01-002')))[0]!.id;
    [admin, curator1, curator2, kromy, region57, school1Client, school2Client] = await Promise.all([t.as('admin'), t.as('curator1'), t.as('curator2'), t.as('mo-kromy'), t.as('region57'), t.as('school1'), t.as('school2')]);
  });
  after(() => t.close());

  const visit = (extra: Record<string, unknown> = {}) => ({ cycleId, schoolId: school1, visitedOn: '2026-03-02', format: 'onsite', notes: 'Знакомство с администрацией', ...extra });

  test('the first visit of school1 by its curator changes the municipality share', async () => {
    const before = (await kromy.get(`/api/visits?cycleId=${cycleId}`)).json();
    assert.deepEqual(
      { schools: before.share.schools, visited: before.share.visited, share: before.share.share },
      { schools: 4, visited: 0, share: 0 },
    );
    assert.equal(before.share.notVisited.length, 4);
    const row1 = before.schools.find((s: { schoolId: number }) => s.schoolId === school1);
    assert.deepEqual({ firstVisitOn: row1.firstVisitOn, visits: row1.visits, municipality: row1.municipality }, { firstVisitOn: null, visits: 0, municipality: 'Кромской район' });
    assert.ok(row1.curator);

    const res = await curator1.post('/api/visits', visit());
    assert.equal(res.statusCode, 201, res.body);
    const { visit: created } = res.json();
    assert.equal(created.visitedOn, '2026-03-02');
    assert.equal(created.format, 'onsite');
    assert.equal(created.first, true);
    assert.equal(created.canEdit, true);
    assert.equal(created.curator, row1.curator);

    const afterRes = (await kromy.get(`/api/visits?cycleId=${cycleId}`)).json();
    assert.deepEqual({ visited: afterRes.share.visited, share: afterRes.share.share }, { visited: 1, share: 0.25 });
    assert.ok(!afterRes.share.notVisited.includes(school1));
    const after1 = afterRes.schools.find((s: { schoolId: number }) => s.schoolId === school1);
    assert.deepEqual({ firstVisitOn: after1.firstVisitOn, visits: after1.visits }, { firstVisitOn: '2026-03-02', visits: 1 });

    // the regional view counts all 12 schools; the active cycle is the default
    const regional = (await region57.get('/api/visits')).json();
    assert.deepEqual({ schools: regional.share.schools, visited: regional.share.visited, share: regional.share.share }, { schools: 12, visited: 1, share: 0.083 });

    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'curator_visit'), eq(auditLog.entityId, String(created.id))));
    assert.equal(entry?.action, 'create');
    assert.equal(entry?.userLogin, 'curator1');
    assert.equal(entry?.schoolId, school1);
    assert.match(entry!.summary, /первое посещение/);
  });

  test('a later visit is not the first; the school sees its visits, another school does not', async () => {
    const res = await curator1.post('/api/visits', visit({ visitedOn: '2026-04-10', format: 'online', notes: '' }));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().visit.first, false);
    // an earlier date recorded later becomes the first
    const early = await curator1.post('/api/visits', visit({ visitedOn: '2026-02-20' }));
    assert.equal(early.json().visit.first, true);

    const list = (await school1Client.get(`/api/visits/schools/${school1}?cycleId=${cycleId}`)).json();
    assert.deepEqual(list.visits.map((v: { visitedOn: string }) => v.visitedOn), ['2026-04-10', '2026-03-02', '2026-02-20']);
    assert.deepEqual(list.visits.map((v: { first: boolean }) => v.first), [false, false, true]);
    assert.ok(list.visits.every((v: { canEdit: boolean }) => !v.canEdit), 'a school reads but does not edit');
    const share = (await kromy.get(`/api/visits?cycleId=${cycleId}`)).json();
    assert.equal(share.schools.find((s: { schoolId: number }) => s.schoolId === school1).firstVisitOn, '2026-02-20');
    assert.equal(share.schools.find((s: { schoolId: number }) => s.schoolId === school1).visits, 3);

    assert.equal((await school2Client.get(`/api/visits/schools/${school1}`)).statusCode, 404);
    assert.equal((await curator2.get(`/api/visits/schools/${school1}`)).statusCode, 404);
    await curator1.delete(`/api/visits/${early.json().visit.id}`);
  });

  test('only the school’s curator (and the administrator) records a visit', async () => {
    const other = await curator2.post('/api/visits', visit());
    assert.equal(other.statusCode, 404, other.body);
    const coordinator = await region57.post('/api/visits', visit());
    assert.equal(coordinator.statusCode, 403, coordinator.body);
    const school = await school1Client.post('/api/visits', visit());
    assert.equal(school.statusCode, 403, school.body);
    const own = await curator2.post('/api/visits', visit({ schoolId: school2 }));
    assert.equal(own.statusCode, 201, own.body);
  });

  test('a bad date or format is refused on its field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ visitedOn: '2026-02-30' }, 'visitedOn'],
      [{ visitedOn: '02.03.2026' }, 'visitedOn'],
      [{ visitedOn: '2999-01-01' }, 'visitedOn'],
      [{ format: 'phone' }, 'format'],
      [{ notes: 'x'.repeat(5001) }, 'notes'],
    ];
    for (const [extra, path] of cases) {
      const res = await curator1.post('/api/visits', visit(extra));
      assert.equal(res.statusCode, 400, `${JSON.stringify(extra).slice(0, 60)}: ${res.body.slice(0, 200)}`);
      const fields = res.json().error.fields as { path: string; message: string }[];
      assert.deepEqual(fields.map((f) => f.path), [path]);
      assert.match(fields[0]!.message, /[а-я]/);
    }
    const missing = await curator1.post('/api/visits', { cycleId, schoolId: school1 });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json().error.fields.map((f: { path: string }) => f.path).sort(), ['format', 'visitedOn']);
  });

  test('a curator edits and deletes only their own visits; the administrator any', async () => {
    const byAdmin = await admin.post('/api/visits', visit({ visitedOn: '2026-05-05', notes: 'Записано администратором' }));
    assert.equal(byAdmin.statusCode, 201, byAdmin.body);
    const adminVisit = byAdmin.json().visit;
    const seen = (await curator1.get(`/api/visits/schools/${school1}`)).json().visits.find((v: { id: number }) => v.id === adminVisit.id);
    assert.equal(seen.canEdit, false);

    const edit = await curator1.put(`/api/visits/${adminVisit.id}`, { visitedOn: '2026-05-06', format: 'online', notes: '' });
    assert.equal(edit.statusCode, 403, edit.body);
    assert.equal((await curator1.delete(`/api/visits/${adminVisit.id}`)).statusCode, 403);
    assert.equal((await curator2.put(`/api/visits/${adminVisit.id}`, { visitedOn: '2026-05-06', format: 'online', notes: '' })).statusCode, 404);

    const own = (await curator1.post('/api/visits', visit({ visitedOn: '2026-06-01' }))).json().visit;
    const put = await curator1.put(`/api/visits/${own.id}`, { visitedOn: '2026-06-02', format: 'online', notes: 'Дистанционная консультация' });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(
      { visitedOn: put.json().visit.visitedOn, format: put.json().visit.format, notes: put.json().visit.notes },
      { visitedOn: '2026-06-02', format: 'online', notes: 'Дистанционная консультация' },
    );
    const bad = await curator1.put(`/api/visits/${own.id}`, { visitedOn: '2026-06-31', format: 'online', notes: '' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].path, 'visitedOn');

    assert.equal((await admin.put(`/api/visits/${own.id}`, { visitedOn: '2026-06-03', format: 'onsite', notes: '' })).statusCode, 200);
    assert.equal((await curator1.delete(`/api/visits/${own.id}`)).statusCode, 200);
    assert.equal((await admin.delete(`/api/visits/${adminVisit.id}`)).statusCode, 200);
    assert.equal((await admin.delete(`/api/visits/${adminVisit.id}`)).statusCode, 404);

    const entries = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'curator_visit'), eq(auditLog.entityId, String(own.id))));
    assert.deepEqual(entries.map((e) => e.action).sort(), ['create', 'delete', 'update', 'update']);
    const update = entries.find((e) => e.action === 'update' && e.userLogin === 'curator1');
    assert.deepEqual(update?.changes, { visitedOn: ['2026-06-01', '2026-06-02'], format: ['onsite', 'online'], notes: ['Знакомство с администрацией', 'Дистанционная консультация'] });
  });

  test('territory filters must be visible to the reader', async () => {
    const regionId = (await t.database.db.select().from(schools).where(eq(schools.id, school1)))[0]!.regionId;
    assert.equal((await kromy.get(`/api/visits?regionId=${regionId}`)).statusCode, 200);
    assert.equal((await kromy.get('/api/visits?regionId=999999')).statusCode, 404);
    const mine = (await curator1.get('/api/visits')).json();
    assert.deepEqual(mine.schools.map((s: { schoolId: number }) => s.schoolId), [school1]);
  });
});
