import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { municipalities, regions, schools, users } from '../../db/schema.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { audit } from './service.js';

interface Item {
  id: number;
  at: string;
  userLogin: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  changes: Record<string, unknown> | null;
  regionId: number | null;
  municipalityId: number | null;
  schoolId: number | null;
  regionName: string | null;
  municipalityName: string | null;
  schoolName: string | null;
}

describe('audit log', () => {
  let t: TestContext;
  let admin: Client;
  let region57: Client;
  let kromy: Client;
  let place: { region: number; kromy: number; livny: number; school1: number; otherRegion: number };

  const read = async (c: Client, query = '') => {
    const res = await c.get(`/api/audit?pageSize=200${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: Item[]; total: number };
  };

  before(async () => {
    t = await createTestApp({ config: { loginRateLimit: 100_000 } });
    const db = t.database.db;
    const [r57] = await db.select().from(regions).where(eq(regions.code, '57'));
    const [kromyMo] = await db.select().from(municipalities).where(eq(municipalities.code, '57-01'));
    const [livnyMo] = await db.select().from(municipalities).where(eq(municipalities.code, '57-02'));
    const [school1] = await db.select().from(schools).where(eq(schools.code, '57-01-001'));
    const [r32] = await db.insert(regions).values({ code: '32', name: 'Брянская область' }).returning();
    place = { region: r57!.id, kromy: kromyMo!.id, livny: livnyMo!.id, school1: school1!.id, otherRegion: r32!.id };
    const who = { userId: 1, login: 'admin' };
    await db.transaction(async (tx) => {
      await audit(tx, who, { action: 'create', entityType: 'region', entityId: r32!.id, place: { regionId: r32!.id }, summary: 'Создан регион Брянская область' });
      await audit(tx, who, { action: 'update', entityType: 'cycle', entityId: 1, summary: 'Федеральная настройка', changes: { title: ['a', 'b'] } });
      await audit(tx, who, {
        action: 'update',
        entityType: 'school',
        entityId: school1!.id,
        place: { regionId: r57!.id, municipalityId: kromyMo!.id, schoolId: school1!.id },
        summary: 'Изменена школа Кромская СОШ №1',
        changes: { phone: ['', '123'], password: 'secret-should-not-be-stored' },
      });
      await audit(tx, who, {
        action: 'update',
        entityType: 'school',
        entityId: 99,
        place: { regionId: r57!.id, municipalityId: livnyMo!.id, schoolId: null },
        summary: 'Изменена школа в Ливнах',
      });
    });
    admin = await t.as('admin');
    region57 = await t.as('region57');
    kromy = await t.as('mo-kromy');
  });
  after(() => t.close());

  test('each role sees only the entries of its territory', async () => {
    const all = await read(admin);
    assert.ok(all.items.some((i) => i.summary === 'Федеральная настройка'), 'admin sees entries without territory');
    assert.ok(all.items.some((i) => i.regionId === place.otherRegion));
    const fed = await read(await t.as('fed'));
    assert.equal(fed.total, all.total + 1, 'federal sees everything too (plus its own login)');

    const region = await read(region57);
    assert.ok(region.items.length > 0);
    assert.ok(region.items.every((i) => i.regionId === place.region));
    assert.ok(region.items.some((i) => i.summary === 'Изменена школа в Ливнах'));
    assert.ok(!region.items.some((i) => i.summary === 'Федеральная настройка'));
    assert.ok(region.items.some((i) => i.userLogin === 'mo-kromy' && i.action === 'login'), 'logins of people in the region');

    const mo = await read(kromy);
    assert.ok(mo.items.every((i) => i.municipalityId === place.kromy));
    assert.deepEqual(
      mo.items.map((i) => i.summary).filter((s) => s.startsWith('Изменена школа')),
      ['Изменена школа Кромская СОШ №1'],
    );
    const entry = mo.items.find((i) => i.entityType === 'school');
    assert.equal(entry?.schoolName, 'МБОУ «Кромская СОШ №1»');
    assert.equal(entry?.municipalityName, 'Кромской район');
    assert.equal(entry?.regionName, 'Орловская область');
    assert.deepEqual(entry?.changes, { phone: ['', '123'] }, 'secrets are never stored');

    for (const login of ['curator1', 'school1', 'expert', 'observer57']) {
      const c = await t.as(login);
      assert.equal((await c.get('/api/audit')).statusCode, 403, login);
      assert.equal((await c.get('/api/audit/facets')).statusCode, 403, login);
    }
  });

  test('newest first, filters and pagination', async () => {
    const all = await read(admin);
    const times = all.items.map((i) => Date.parse(i.at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.ok(all.items[0]!.id > all.items[all.items.length - 1]!.id);

    const logins = await read(admin, '&action=login');
    assert.ok(logins.total >= 3 && logins.items.every((i) => i.action === 'login'));
    const schoolsOnly = await read(admin, '&entityType=school');
    assert.equal(schoolsOnly.total, 2);
    const text = await read(admin, `&q=${encodeURIComponent('ливнах')}`);
    assert.deepEqual(text.items.map((i) => i.summary), ['Изменена школа в Ливнах']);
    const [kromyUser] = await t.database.db.select().from(users).where(eq(users.login, 'mo-kromy'));
    const byUser = await read(admin, `&userId=${kromyUser!.id}`);
    assert.ok(byUser.total >= 1 && byUser.items.every((i) => i.userLogin === 'mo-kromy'));

    const page = await admin.get('/api/audit?pageSize=2&page=2');
    assert.equal(page.json().items.length, 2);
    assert.equal(page.json().items[0].id, all.items[2]!.id);

    const future = await read(admin, '&from=2199-01-01'); // dates beyond 2200 are refused
    assert.equal(future.total, 0);
    const yesterday = new Date(Date.now() - 86400_000 * 2).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86400_000 * 2).toISOString().slice(0, 10);
    assert.equal((await read(admin, `&from=${yesterday}&to=${tomorrow}`)).total, all.total);
    assert.equal((await read(admin, `&to=${yesterday}`)).total, 0);
    const bad = await admin.get('/api/audit?from=вчера&page=0');
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { path: string }) => f.path).sort(), ['from', 'page']);
  });

  test('facets list the actions and entity types in view', async () => {
    const res = await kromy.get('/api/audit/facets');
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().actions.includes('login'));
    assert.ok(res.json().entityTypes.includes('school'));
    assert.ok(!res.json().entityTypes.includes('cycle'), 'the federal entry is outside the municipality');
  });

  test('changes to accounts show up in the log of their territory', async () => {
    const [school2] = await t.database.db.select().from(users).where(eq(users.login, 'school2'));
    const res = await kromy.patch(`/api/users/${school2!.id}`, { phone: '8 800' });
    assert.equal(res.statusCode, 200);
    const log = await read(kromy, '&entityType=user&action=update');
    assert.equal(log.items[0]?.entityId, String(school2!.id));
    assert.equal(log.items[0]?.userLogin, 'mo-kromy');
    assert.deepEqual(log.items[0]?.changes, { phone: ['', '8 800'] });
    assert.equal(log.items[0]?.schoolName, 'МБОУ «Кромская СОШ №2»');
  });
});
