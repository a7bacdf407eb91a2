import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq, sql } from 'drizzle-orm';
import { auditLog, municipalities, regions, schools, sessions, users } from '../../db/schema.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';

interface UserItem {
  id: number;
  login: string;
  role: string;
  regionId: number | null;
  municipalityId: number | null;
  schoolId: number | null;
  regionName: string | null;
  municipalityName: string | null;
  schoolName: string | null;
  active: boolean;
  lastLoginAt: string | null;
  curatedSchools: { code: string; cycleYear: number }[];
  canManage: boolean;
  mustChangePassword: boolean;
}

describe('users', () => {
  let t: TestContext;
  let admin: Client;
  let region57: Client;
  let kromy: Client;
  let other: { regionId: number; municipalityId: number; schoolId: number; userId: number };
  let ids: Record<string, number>;

  const countRows = async (table: typeof users | typeof auditLog) =>
    Number((await t.database.db.select({ n: count() }).from(table))[0]?.n);

  const listAll = async (c: Client, query = '') => {
    const res = await c.get(`/api/users?pageSize=200${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: UserItem[]; total: number };
  };

  before(async () => {
    t = await createTestApp({ config: { loginRateLimit: 100_000 } });
    const db = t.database.db;
    // A second region with its own school and coordinator — outside everything region 57 may see.
    const [r] = await db.insert(regions).values({ code: '32', name: 'Брянская область' }).returning();
    const [m] = await db
      .insert(municipalities)
      .values({ regionId: r!.id, code: '32-01', name: 'Город Брянск' })
      .returning();
    const [s] = await db
      .insert(schools)
      .values({ regionId: r!.id, municipalityId: m!.id, code: '32-01-001', fullName: 'Школа 1', shortName: 'МБОУ «Брянская СОШ №1»', locality: 'urban' })
      .returning();
    const [u] = await db
      .insert(users)
      .values({ login: 'region32', fullName: 'Брянский координатор', role: 'regional_coordinator', regionId: r!.id, passwordHash: 'x' })
      .returning();
    other = { regionId: r!.id, municipalityId: m!.id, schoolId: s!.id, userId: u!.id };
    ids = Object.fromEntries((await db.select({ id: users.id, login: users.login }).from(users)).map((x) => [x.login, x.id]));
    admin = await t.as('admin');
    region57 = await t.as('region57');
    kromy = await t.as('mo-kromy');
  });
  after(() => t.close());

  test('the list is limited to accounts bound inside the actor’s territory', async () => {
    const all = await listAll(admin);
    assert.equal(all.total, 33, 'admin sees every account (32 demo + region32)');
    assert.ok(all.items.some((u) => u.login === 'region32'));
    assert.ok(all.items.some((u) => u.login === 'fed'));

    const region = await listAll(region57);
    const regionLogins = region.items.map((u) => u.login);
    assert.equal(region.total, 29, 'everyone bound to region 57');
    assert.ok(!regionLogins.includes('region32'));
    assert.ok(!regionLogins.includes('fed') && !regionLogins.includes('admin') && !regionLogins.includes('expert'));
    assert.ok(regionLogins.includes('curator1') && regionLogins.includes('observer57') && regionLogins.includes('school12'));
    const curator1 = region.items.find((u) => u.login === 'curator1');
    assert.deepEqual(
      curator1?.curatedSchools.map((s) => [s.code, s.cycleYear]),
      [['57-01-001', 2026]],
      'a curator comes with the schools assigned',
    );
    assert.equal(curator1?.canManage, true);
    assert.equal(region.items.find((u) => u.login === 'region57')?.canManage, false, 'not oneself');
    assert.equal(region.items.find((u) => u.login === 'school1')?.schoolName, 'МБОУ «Кромская СОШ №1»');
    assert.ok(region.items.find((u) => u.login === 'region57')?.lastLoginAt, 'last login is shown');

    const mo = await listAll(kromy);
    assert.deepEqual(
      mo.items.map((u) => u.login).sort(),
      ['mo-kromy', 'school1', 'school2', 'school3', 'school4'],
    );
    assert.ok(mo.items.every((u) => !('passwordHash' in u)));

    for (const login of ['curator1', 'school1']) {
      const c = await t.as(login);
      assert.equal((await c.get('/api/users')).statusCode, 403, `${login} may not read accounts`);
      assert.equal((await c.get(`/api/users/${ids.school1}`)).statusCode, 403);
    }
  });

  test('filters and pagination', async () => {
    const curators = await listAll(region57, '&role=curator');
    assert.equal(curators.total, 12);
    const page2 = await region57.get('/api/users?role=curator&page=2&pageSize=5');
    assert.equal(page2.json().items.length, 5);
    assert.equal(page2.json().total, 12);
    const search = await listAll(region57, `&q=${encodeURIComponent('Кромская СОШ №1')}`);
    assert.deepEqual(search.items.map((u) => u.login), ['school1']);
    const byMunicipality = await listAll(admin, `&municipalityId=${other.municipalityId}`);
    assert.equal(byMunicipality.total, 0);
    const byRegion = await listAll(admin, `&regionId=${other.regionId}`);
    assert.deepEqual(byRegion.items.map((u) => u.login), ['region32']);
    const bad = await admin.get('/api/users?role=boss&page=0');
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { path: string }) => f.path).sort(), ['page', 'role']);
  });

  test('one account: inside the territory it is shown, outside it is 404', async () => {
    const own = await region57.get(`/api/users/${ids.curator5}`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().user.login, 'curator5');
    assert.equal((await region57.get(`/api/users/${other.userId}`)).statusCode, 404);
    assert.equal((await region57.get(`/api/users/${ids.fed}`)).statusCode, 404);
    assert.equal((await kromy.get(`/api/users/${ids.school5}`)).statusCode, 404, 'another municipality');
    assert.equal((await admin.get(`/api/users/${other.userId}`)).statusCode, 200);
  });

  test('creating an account: generated login, one-time password that must be changed first', async () => {
    const [kromyCoordinator] = await t.database.db.select().from(users).where(eq(users.login, 'mo-kromy'));
    const kromyId = kromyCoordinator?.municipalityId;
    assert.ok(kromyId);
    const auditBefore = await countRows(auditLog);
    const res = await region57.post('/api/users', {
      fullName: 'Сидорова Анна Павловна',
      role: 'municipal_coordinator',
      municipalityId: kromyId,
      email: 'sidorova@example.ru',
    });
    assert.equal(res.statusCode, 200, res.body);
    const { user, password } = res.json() as { user: UserItem; password: string };
    assert.equal(user.login, 'mo-sidorova-ap');
    assert.equal(user.mustChangePassword, true);
    assert.equal(user.municipalityName, 'Кромской район');
    assert.ok(user.regionId, 'region derived from the municipality');
    assert.match(password, /^[A-Za-z0-9]{10}$/);

    const entries = await t.database.db.select().from(auditLog).where(sql`${auditLog.id} > 0 and ${auditLog.entityId} = ${String(user.id)}`);
    assert.equal(await countRows(auditLog), auditBefore + 1);
    assert.equal(entries[0]?.action, 'create');
    assert.equal(entries[0]?.municipalityId, kromyId);
    assert.ok(!JSON.stringify(entries).includes(password), 'no password in the audit log');

    const c = await t.as('MO-SIDOROVA-AP', password);
    const blocked = await c.get('/api/users');
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().error.code, 'password_change_required');
    const changed = await c.post('/api/auth/password', { currentPassword: password, newPassword: 'NewPass2026' });
    assert.equal(changed.statusCode, 200);
    const works = await c.get('/api/users');
    assert.equal(works.statusCode, 200);
    assert.ok((works.json().items as UserItem[]).some((u) => u.login === 'school1'));

    // Same name again: the next free login.
    const again = await region57.post('/api/users', { fullName: 'Сидорова Анна Павловна', role: 'observer', municipalityId: kromyId });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().user.login, 'observer-sidorova-ap');

    // School account: login from the school code, territory derived from the school.
    const school = await kromy.post('/api/users', { fullName: 'Директор', role: 'school', schoolId: (await schoolByCode('57-01-002')).id });
    assert.equal(school.statusCode, 200, school.body);
    assert.equal(school.json().user.login, 'school-57-01-002');
    assert.equal(school.json().user.municipalityId, kromyId);
  });

  async function schoolByCode(code: string) {
    const [row] = await t.database.db.select().from(schools).where(eq(schools.code, code));
    assert.ok(row);
    return row;
  }

  test('role escalation and other territories are refused and change nothing', async () => {
    const usersBefore = await countRows(users);
    const auditBefore = await countRows(auditLog);
    const kromySchool = await schoolByCode('57-01-001');
    const livnySchool = await schoolByCode('57-02-001');

    const fed = await region57.post('/api/users', { fullName: 'Новый федерал', role: 'federal_coordinator' });
    assert.equal(fed.statusCode, 403);
    const peer = await region57.post('/api/users', { fullName: 'Второй РК', role: 'regional_coordinator', regionId: kromySchool.regionId });
    assert.equal(peer.statusCode, 403, 'a regional coordinator cannot create regional coordinators');
    const elsewhere = await region57.post('/api/users', { fullName: 'Чужой', role: 'curator', regionId: other.regionId });
    assert.equal(elsewhere.statusCode, 400);
    assert.equal(elsewhere.json().error.fields[0].path, 'regionId');
    const elsewhereSchool = await region57.post('/api/users', { fullName: 'Чужая школа', role: 'school', schoolId: other.schoolId });
    assert.equal(elsewhereSchool.statusCode, 400);
    assert.equal(elsewhereSchool.json().error.fields[0].path, 'schoolId');
    const missing = await region57.post('/api/users', { fullName: 'Нет школы', role: 'school', schoolId: 999999 });
    assert.equal(missing.json().error.fields[0].message, elsewhereSchool.json().error.fields[0].message, 'nothing leaks');
    const neighbour = await kromy.post('/api/users', { fullName: 'Ливны', role: 'school', schoolId: livnySchool.id });
    assert.equal(neighbour.statusCode, 400);
    const curatorByMo = await kromy.post('/api/users', { fullName: 'Куратор', role: 'curator', regionId: kromySchool.regionId });
    assert.equal(curatorByMo.statusCode, 403);
    const regionObserverByMo = await kromy.post('/api/users', { fullName: 'Наблюдатель', role: 'observer', regionId: kromySchool.regionId });
    assert.equal(regionObserverByMo.statusCode, 400, 'a municipality cannot bind accounts to the whole region');
    const unbound = await region57.post('/api/users', { fullName: 'Наблюдатель без территории', role: 'observer' });
    assert.equal(unbound.statusCode, 400);
    const inconsistent = await region57.post('/api/users', {
      fullName: 'Школа',
      role: 'school',
      schoolId: kromySchool.id,
      municipalityId: livnySchool.municipalityId,
    });
    assert.equal(inconsistent.statusCode, 400);
    assert.equal(inconsistent.json().error.fields[0].path, 'municipalityId');
    const school = await t.as('school1');
    assert.equal((await school.post('/api/users', { fullName: 'X', role: 'school', schoolId: kromySchool.id })).statusCode, 403);

    assert.equal(await countRows(users), usersBefore, 'no account was created');
    assert.equal(await countRows(auditLog), auditBefore + 1, 'only the school1 login was audited');
  });

  test('validation and duplicate logins', async () => {
    const empty = await admin.post('/api/users', {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(empty.json().error.fields.map((f: { path: string }) => f.path).sort(), ['fullName', 'role']);
    const badEmail = await admin.post('/api/users', { fullName: 'Эксперт', role: 'expert', email: 'not-an-email', login: 'ab' });
    assert.deepEqual(badEmail.json().error.fields.map((f: { path: string }) => f.path).sort(), ['email', 'login']);
    const dup = await admin.post('/api/users', { fullName: 'Эксперт', role: 'expert', login: 'Curator1' });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.fields[0].path, 'login');
    const ok = await admin.post('/api/users', { fullName: 'Эксперт Два', role: 'expert', login: 'expert.two' });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().user.regionId, null);
  });

  test('editing and deactivating; nobody deactivates themselves', async () => {
    const school3 = await t.as('school3');
    const edit = await region57.patch(`/api/users/${ids.school3}`, { fullName: 'Школа три', phone: '+7 (486) 000-00-03' });
    assert.equal(edit.statusCode, 200, edit.body);
    assert.equal(edit.json().user.fullName, 'Школа три');
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${String(ids.school3)} and ${auditLog.action} = 'update'`);
    assert.deepEqual(entry?.changes, { fullName: ['МБОУ «Кромская ООШ» (директор)', 'Школа три'], phone: ['', '+7 (486) 000-00-03'] });
    assert.equal(entry?.userLogin, 'region57');

    const off = await kromy.patch(`/api/users/${ids.school3}`, { active: false });
    assert.equal(off.statusCode, 200);
    assert.equal(off.json().user.active, false);
    assert.equal((await school3.get('/api/auth/me')).statusCode, 401, 'sessions of a deactivated account end');
    const sessionsLeft = await t.database.db.select().from(sessions).where(eq(sessions.userId, ids.school3!));
    assert.equal(sessionsLeft.length, 0);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'school3', password: 'medk-demo-2026' } });
    assert.equal(login.statusCode, 401);
    assert.equal((await kromy.patch(`/api/users/${ids.school3}`, { active: true })).json().user.active, true);
    await t.as('school3');

    const self = await region57.patch(`/api/users/${ids.region57}`, { active: false });
    assert.equal(self.statusCode, 403);
    const adminSelf = await admin.patch(`/api/users/${ids.admin}`, { active: false });
    assert.equal(adminSelf.statusCode, 403);
    assert.equal((await admin.get('/api/auth/me')).statusCode, 200);
    assert.equal((await kromy.patch(`/api/users/${ids.school5}`, { active: false })).statusCode, 404, 'another municipality');
    assert.equal((await region57.patch(`/api/users/${other.userId}`, { fullName: 'x' })).statusCode, 404);
    assert.equal((await kromy.patch(`/api/users/${ids['mo-kromy']}`, { fullName: 'x' })).statusCode, 403);
    assert.equal((await region57.patch(`/api/users/${ids.school5}`, { login: 'hacker' })).statusCode, 400);
    const [school5] = await t.database.db.select().from(users).where(eq(users.id, ids.school5!));
    assert.equal(school5?.login, 'school5');
    assert.equal(school5?.active, true);
  });

  test('password reset: one-time password, unlocks, ends sessions', async () => {
    const school2 = await t.as('school2');
    await t.database.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 3600_000), failedLogins: 0 })
      .where(eq(users.id, ids.school2!));
    const res = await region57.post(`/api/users/${ids.school2}/reset-password`);
    assert.equal(res.statusCode, 200, res.body);
    const { password, login } = res.json() as { password: string; login: string };
    assert.equal(login, 'school2');
    assert.equal((await school2.get('/api/auth/me')).statusCode, 401);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'school2', password: 'medk-demo-2026' } });
    assert.equal(old.statusCode, 401);
    const fresh = await t.as('school2', password);
    assert.equal((await fresh.get('/api/auth/me')).json().user.mustChangePassword, true);
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'password_reset'));
    assert.equal(entries.length, 1);
    assert.ok(!JSON.stringify(entries).includes(password));

    assert.equal((await region57.post(`/api/users/${ids.region57}/reset-password`)).statusCode, 403, 'not oneself');
    assert.equal((await region57.post(`/api/users/${other.userId}/reset-password`)).statusCode, 404);
    assert.equal((await kromy.post(`/api/users/${ids.curator1}/reset-password`)).statusCode, 404, 'curators are region-level');
    const curator = await t.as('curator1');
    assert.equal((await curator.post(`/api/users/${ids.school1}/reset-password`)).statusCode, 403);
  });
});
