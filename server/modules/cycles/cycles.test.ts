import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, curatorAssignments, cycles, cycleSchools, municipalities, regions, schools, users } from '../../db/schema.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';

interface CycleItem {
  id: number;
  year: number;
  title: string;
  status: string;
  schools: number;
}

interface Selected {
  id: number;
  code: string;
  municipalityName: string;
  curator: { id: number; fullName: string } | null;
}

describe('cycles API', () => {
  let t: TestContext;
  let fed: Client;
  let region57: Client;
  let kromy: Client;
  let school1: Client;
  let cycle2026: number;
  let cycle2025: number;
  const ids = new Map<string, number>();
  let otherSchoolId: number;
  let otherCuratorId: number;

  const userId = async (login: string) => {
    const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.login, login));
    assert.ok(u, login);
    return u.id;
  };
  const selection = async (cycleId: number) =>
    (await t.database.db.select().from(cycleSchools).where(eq(cycleSchools.cycleId, cycleId))).map((r) => r.schoolId).sort();
  const curatorOf = async (cycleId: number, schoolId: number) =>
    (
      await t.database.db
        .select()
        .from(curatorAssignments)
        .where(and(eq(curatorAssignments.cycleId, cycleId), eq(curatorAssignments.schoolId, schoolId)))
    )[0]?.curatorId ?? null;

  before(async () => {
    t = await createTestApp();
    [fed, region57, kromy, school1] = await Promise.all([t.as('fed'), t.as('region57'), t.as('mo-kromy'), t.as('school1')]);
    const db = t.database.db;
    for (const c of await db.select().from(cycles)) {
      if (c.year === 2026) cycle2026 = c.id;
      if (c.year === 2025) cycle2025 = c.id;
    }
    for (const s of await db.select().from(schools)) ids.set(s.code, s.id);
    // Another region with a school and a curator of its own.
    const [r] = await db.insert(regions).values({ code: '58', name: 'Пензенская область' }).returning();
    const [m] = await db.insert(municipalities).values({ regionId: r!.id, code: '58-01', name: 'Пенза' }).returning();
    const [s] = await db
      .insert(schools)
      .values({ regionId: r!.id, municipalityId: m!.id, code: '58-01-001', fullName: 'Школа', shortName: 'Школа 58', locality: 'urban' })
      .returning();
    otherSchoolId = s!.id;
    const [u] = await db
      .insert(users)
      .values({ login: 'curator58', fullName: 'Куратор Пензенский', role: 'curator', regionId: r!.id, passwordHash: 'x' })
      .returning();
    otherCuratorId = u!.id;
  });
  after(() => t.close());

  test('list shows years with the count of selected schools within scope', async () => {
    const counts = async (c: Client) =>
      ((await c.get('/api/cycles')).json() as CycleItem[]).map((x) => [x.year, x.status, x.schools]);
    assert.deepEqual(await counts(fed), [
      [2026, 'active', 12],
      [2025, 'closed', 0],
    ]);
    assert.deepEqual(await counts(kromy), [
      [2026, 'active', 4],
      [2025, 'closed', 0],
    ]);
    assert.deepEqual(await counts(school1), [
      [2026, 'active', 1],
      [2025, 'closed', 0],
    ]);
    assert.equal((await fed.get('/api/cycles/99999')).statusCode, 404);
  });

  test('create and edit a year: only federal roles, duplicate year is a conflict on field year', async () => {
    assert.equal((await region57.post('/api/cycles', { year: 2027, title: 'x' })).statusCode, 403);
    const bad = await fed.post('/api/cycles', { year: 1999, title: '' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { path: string }) => f.path).sort(), ['title', 'year']);
    const dup = await fed.post('/api/cycles', { year: 2026, title: 'Дубль' });
    assert.equal(dup.statusCode, 409);
    assert.deepEqual(dup.json().error.fields.map((f: { path: string }) => f.path), ['year']);

    const created = await fed.post('/api/cycles', { year: 2027, title: 'Проект 500+ — 2027' });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().status, 'planned');
    const id = created.json().id;
    const patched = await fed.patch(`/api/cycles/${id}`, { status: 'active', title: 'Проект 500+ — 2027 (новый)' });
    assert.equal(patched.statusCode, 200);
    assert.deepEqual([patched.json().status, patched.json().title], ['active', 'Проект 500+ — 2027 (новый)']);
    assert.equal((await fed.patch(`/api/cycles/${id}`, { status: 'done' })).statusCode, 400);
    // escalation of overdue activities: one and two levels up after these days (default 3 and 10)
    assert.deepEqual(patched.json().escalationDays, [3, 10]);
    const escalation = await fed.patch(`/api/cycles/${id}`, { escalationDays: [5, 14] });
    assert.equal(escalation.statusCode, 200, escalation.body);
    assert.deepEqual(escalation.json().escalationDays, [5, 14]);
    const wrong = await fed.patch(`/api/cycles/${id}`, { escalationDays: [10, 3] });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().error.fields[0].path, 'escalationDays');
    assert.equal((await region57.patch(`/api/cycles/${id}`, { title: 'x' })).statusCode, 403);
    const trail = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'cycle'), eq(auditLog.entityId, String(id))));
    assert.deepEqual(trail.map((e) => e.action).sort(), ['create', 'update', 'update'], 'the title/status change and the escalation days; the refused ones are not audited');
  });

  test('selected schools are listed within scope with municipality and curator', async () => {
    const list = (await kromy.get(`/api/cycles/${cycle2026}/schools`)).json() as Selected[];
    assert.deepEqual(list.map((s) => s.code).sort(), ['57-01-001', '57-01-002', '57-01-003', '57-01-004']);
    assert.ok(list.every((s) => s.municipalityName === 'Кромской район'));
    const first = list.find((s) => s.code === '57-01-001');
    assert.deepEqual(first?.curator, { id: await userId('curator1'), fullName: 'Иванова Мария Петровна' });
    const curator = (await (await t.as('curator2')).get(`/api/cycles/${cycle2026}/schools`)).json() as Selected[];
    assert.deepEqual(curator.map((s) => s.code), ['57-01-002']);
  });

  test('select schools: all inside scope or a 404 that writes nothing; repeats are ignored', async () => {
    const a = ids.get('57-01-001')!;
    const b = ids.get('57-02-001')!;
    const outside = await region57.post(`/api/cycles/${cycle2025}/schools`, { schoolIds: [a, b, otherSchoolId] });
    assert.equal(outside.statusCode, 404);
    assert.deepEqual(await selection(cycle2025), [], 'nothing written');
    assert.equal((await region57.post(`/api/cycles/${cycle2025}/schools`, { schoolIds: [a, 999999] })).statusCode, 404);
    assert.deepEqual(await selection(cycle2025), []);

    assert.equal((await kromy.post(`/api/cycles/${cycle2025}/schools`, { schoolIds: [a] })).statusCode, 403);
    assert.equal((await region57.post(`/api/cycles/${cycle2025}/schools`, { schoolIds: [] })).statusCode, 400);
    assert.equal((await region57.post(`/api/cycles/99999/schools`, { schoolIds: [a] })).statusCode, 404);

    const ok = await region57.post(`/api/cycles/${cycle2025}/schools`, { schoolIds: [a, b] });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { added: 2, alreadySelected: 0 });
    const again = await region57.post(`/api/cycles/${cycle2025}/schools`, { schoolIds: [a, b, a] });
    assert.deepEqual(again.json(), { added: 0, alreadySelected: 2 });
    assert.deepEqual(await selection(cycle2025), [a, b].sort());
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.entityType, 'cycle_school'));
    assert.equal(entries.length, 2);
    assert.ok(entries.some((e) => e.schoolId === a && /отобрана в год проекта 2025/.test(e.summary)));

    const filtered = (await region57.get('/api/territories/schools?cycleYear=2025')).json();
    assert.equal(filtered.total, 2);
  });

  test('curator assignment: same region, active, role curator; scope and selection are checked', async () => {
    const a = ids.get('57-01-001')!;
    const url = (schoolId: number, cycleId = cycle2026) => `/api/cycles/${cycleId}/schools/${schoolId}/curator`;
    const curator5 = await userId('curator5');

    assert.equal((await school1.put(url(a), { curatorId: curator5 })).statusCode, 403);
    const wrongRegion = await region57.put(url(a), { curatorId: otherCuratorId });
    assert.equal(wrongRegion.statusCode, 400);
    assert.equal(wrongRegion.json().error.fields[0].path, 'curatorId');
    const notCurator = await region57.put(url(a), { curatorId: await userId('school2') });
    assert.equal(notCurator.json().error.fields[0].path, 'curatorId');
    await t.database.db.update(users).set({ active: false }).where(eq(users.login, 'curator7'));
    const inactive = await region57.put(url(a), { curatorId: await userId('curator7') });
    assert.equal(inactive.statusCode, 400);
    assert.equal(await curatorOf(cycle2026, a), await userId('curator1'), 'refusals changed nothing');

    // A municipal coordinator assigns within its municipality only.
    const livny = ids.get('57-02-001')!;
    assert.equal((await kromy.put(url(livny), { curatorId: curator5 })).statusCode, 404);
    assert.equal((await region57.put(url(otherSchoolId), { curatorId: curator5 })).statusCode, 404);
    const before = await curatorOf(cycle2026, livny);

    const ok = await kromy.put(url(a), { curatorId: curator5 });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().curator, { id: curator5, fullName: 'Васильева Елена Викторовна' });
    assert.equal(await curatorOf(cycle2026, a), curator5);
    assert.equal(await curatorOf(cycle2026, livny), before);

    const cleared = await kromy.put(url(a), { curatorId: null });
    assert.equal(cleared.statusCode, 200);
    assert.equal(await curatorOf(cycle2026, a), null);
    const list = (await kromy.get(`/api/cycles/${cycle2026}/schools`)).json() as Selected[];
    assert.equal(list.find((s) => s.id === a)?.curator, null);

    // Not selected into that year: 404.
    const notSelected = await region57.put(url(ids.get('57-03-001')!, cycle2025), { curatorId: curator5 });
    assert.equal(notSelected.statusCode, 404);

    const trail = await t.database.db.select().from(auditLog).where(eq(auditLog.entityType, 'curator_assignment'));
    assert.deepEqual(trail.map((e) => e.action), ['update', 'delete']);
    assert.ok(trail.every((e) => e.schoolId === a && e.municipalityId !== null));
  });

  test('curator picker lists active curators of a visible region only', async () => {
    const regionId = (await t.database.db.select().from(regions).where(eq(regions.code, '57')))[0]!.id;
    const list = (await kromy.get(`/api/cycles/curators?regionId=${regionId}&cycleId=${cycle2026}`)).json();
    assert.equal(list.length, 11, '12 demo curators, one made inactive above');
    assert.ok(list.every((c: { regionId: number }) => c.regionId === regionId));
    const otherRegion = (await t.database.db.select().from(regions).where(eq(regions.code, '58')))[0]!.id;
    assert.equal((await region57.get(`/api/cycles/curators?regionId=${otherRegion}`)).statusCode, 404);
    assert.equal((await school1.get(`/api/cycles/curators?regionId=${regionId}`)).statusCode, 403);
  });

  test('removing a school from a year drops its curator too; out of scope is 404', async () => {
    const a = ids.get('57-01-002')!;
    assert.equal((await kromy.delete(`/api/cycles/${cycle2026}/schools/${a}`)).statusCode, 403);
    assert.equal((await region57.delete(`/api/cycles/${cycle2026}/schools/${otherSchoolId}`)).statusCode, 404);
    const res = await region57.delete(`/api/cycles/${cycle2026}/schools/${a}`);
    assert.equal(res.statusCode, 200);
    assert.ok(!(await selection(cycle2026)).includes(a));
    assert.equal(await curatorOf(cycle2026, a), null);
    assert.equal((await region57.delete(`/api/cycles/${cycle2026}/schools/${a}`)).statusCode, 404);
  });
});
