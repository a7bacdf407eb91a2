import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, municipalities, regions, schools } from '../../db/schema.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';

interface School {
  id: number;
  code: string;
  shortName: string;
  regionId: number;
  municipalityId: number;
  municipalityName: string;
  phone: string;
  context: Record<string, number>;
}

describe('territories API', () => {
  let t: TestContext;
  let admin: Client;
  let region57: Client;
  let kromy: Client;
  let school1: Client;
  // Another region, created in the test, that region57 must not see.
  let other: { regionId: number; municipalityId: number; schoolId: number };
  let kromyId: number;
  let livnyId: number;

  const schoolByCode = async (code: string) => {
    const [row] = await t.database.db.select().from(schools).where(eq(schools.code, code));
    assert.ok(row, code);
    return row;
  };

  before(async () => {
    t = await createTestApp();
    [admin, region57, kromy, school1] = await Promise.all([t.as('admin'), t.as('region57'), t.as('mo-kromy'), t.as('school1')]);
    const region = await admin.post('/api/territories/regions', { code: '58', name: 'Пензенская область' });
    assert.equal(region.statusCode, 201, region.body);
    const mo = await admin.post('/api/territories/municipalities', {
      regionId: region.json().id,
      code: '58-01',
      name: 'Город Пенза',
    });
    assert.equal(mo.statusCode, 201, mo.body);
    const school = await admin.post('/api/territories/schools', {
      municipalityId: mo.json().id,
      code: '58-01-001',
      fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа №1»',
      shortName: 'МБОУ «СОШ №1» г. Пензы',
      locality: 'urban',
      context: { students: 300 },
    });
    assert.equal(school.statusCode, 201, school.body);
    other = { regionId: region.json().id, municipalityId: mo.json().id, schoolId: school.json().id };
    const [k] = await t.database.db.select().from(municipalities).where(eq(municipalities.code, '57-01'));
    const [l] = await t.database.db.select().from(municipalities).where(eq(municipalities.code, '57-02'));
    kromyId = k!.id;
    livnyId = l!.id;
  });
  after(() => t.close());

  test('regions list counts what each actor may see', async () => {
    const all = (await admin.get('/api/territories/regions')).json();
    assert.deepEqual(
      all.map((r: { code: string; municipalities: number; schools: number }) => [r.code, r.municipalities, r.schools]),
      [
        ['57', 3, 12],
        ['58', 1, 1],
      ],
    );
    const mine = (await region57.get('/api/territories/regions')).json();
    assert.deepEqual(mine.map((r: { code: string; municipalities: number; schools: number }) => [r.code, r.municipalities, r.schools]), [
      ['57', 3, 12],
    ]);
    // A municipal coordinator and a school see their region as a parent, with counts of their own part.
    const mo = (await kromy.get('/api/territories/regions')).json();
    assert.deepEqual(mo.map((r: { code: string; municipalities: number; schools: number }) => [r.code, r.municipalities, r.schools]), [
      ['57', 1, 4],
    ]);
    const sc = (await school1.get('/api/territories/regions')).json();
    assert.deepEqual(sc.map((r: { code: string; municipalities: number; schools: number }) => [r.code, r.municipalities, r.schools]), [
      ['57', 1, 1],
    ]);
  });

  test('municipal coordinator sees only its municipality and its 4 schools', async () => {
    const list = (await kromy.get('/api/territories/municipalities')).json();
    assert.deepEqual(list.map((m: { code: string; schools: number }) => [m.code, m.schools]), [['57-01', 4]]);
    const res = await kromy.get('/api/territories/schools?pageSize=100');
    assert.equal(res.statusCode, 200);
    const body = res.json() as { items: School[]; total: number };
    assert.equal(body.total, 4);
    assert.deepEqual(
      body.items.map((s) => s.code).sort(),
      ['57-01-001', '57-01-002', '57-01-003', '57-01-004'],
    );
    assert.ok(body.items.every((s) => s.municipalityName === 'Кромской район'));
    // Asking for another municipality gives nothing, not an error with data.
    const otherMo = (await kromy.get(`/api/territories/schools?municipalityId=${livnyId}`)).json();
    assert.equal(otherMo.total, 0);
    assert.equal((await kromy.get(`/api/territories/municipalities/${livnyId}`)).statusCode, 404);
    const livnySchool = await schoolByCode('57-02-001');
    assert.equal((await kromy.get(`/api/territories/schools/${livnySchool.id}`)).statusCode, 404);
  });

  test('another region is invisible to region57: lists skip it, reads are 404', async () => {
    const list = (await region57.get(`/api/territories/schools?regionId=${other.regionId}`)).json();
    assert.deepEqual(list, { items: [], total: 0 });
    assert.deepEqual((await region57.get(`/api/territories/municipalities?regionId=${other.regionId}`)).json(), []);
    for (const url of [
      `/api/territories/regions/${other.regionId}`,
      `/api/territories/municipalities/${other.municipalityId}`,
      `/api/territories/schools/${other.schoolId}`,
    ]) {
      const res = await region57.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.doesNotMatch(res.body, /Пенз/, 'a 404 leaks nothing');
    }
  });

  test('out-of-scope writes are 404 and change nothing', async () => {
    const before = await schoolByCode('58-01-001');
    const auditBefore = await t.database.db.select().from(auditLog);

    const patch = await region57.patch(`/api/territories/schools/${other.schoolId}`, { phone: '+7 900 000-00-00' });
    assert.equal(patch.statusCode, 404);
    const del = await region57.delete(`/api/territories/schools/${other.schoolId}`);
    assert.equal(del.statusCode, 404);
    const mo = await region57.post('/api/territories/municipalities', { regionId: other.regionId, code: '58-99', name: 'X' });
    assert.equal(mo.statusCode, 404);
    const moPatch = await region57.patch(`/api/territories/municipalities/${other.municipalityId}`, { name: 'X' });
    assert.equal(moPatch.statusCode, 404);
    const sc = await region57.post('/api/territories/schools', {
      municipalityId: other.municipalityId,
      code: '58-01-099',
      fullName: 'X',
      shortName: 'X',
      locality: 'urban',
    });
    assert.equal(sc.statusCode, 404);
    // A municipal coordinator in a neighbouring municipality of the same region.
    const livny = await schoolByCode('57-02-001');
    const kromyPatch = await kromy.patch(`/api/territories/schools/${livny.id}`, { shortName: 'Взлом' });
    assert.equal(kromyPatch.statusCode, 404);

    assert.deepEqual(await schoolByCode('58-01-001'), before);
    assert.deepEqual((await schoolByCode('57-02-001')).shortName, livny.shortName);
    const mos = await t.database.db.select().from(municipalities).where(eq(municipalities.code, '58-99'));
    assert.equal(mos.length, 0);
    assert.equal((await t.database.db.select().from(schools).where(eq(schools.code, '58-01-099'))).length, 0);
    assert.equal((await t.database.db.select().from(auditLog)).length, auditBefore.length, 'no audit entries either');
  });

  test('roles that may never do an action get 403', async () => {
    const r57 = (await t.database.db.select().from(regions).where(eq(regions.code, '57')))[0]!;
    assert.equal((await region57.patch(`/api/territories/regions/${r57.id}`, { name: 'X' })).statusCode, 403);
    assert.equal((await region57.post('/api/territories/regions', { code: '99', name: 'X' })).statusCode, 403);
    assert.equal((await kromy.post('/api/territories/municipalities', { regionId: r57.id, code: 'x', name: 'x' })).statusCode, 403);
    assert.equal((await kromy.delete(`/api/territories/municipalities/${kromyId}`)).statusCode, 403);
    // 403 comes before body validation.
    assert.equal((await school1.post('/api/territories/schools', {})).statusCode, 403);
    assert.equal((await school1.delete(`/api/territories/schools/${other.schoolId}`)).statusCode, 403);
    const [name] = await t.database.db.select({ name: regions.name }).from(regions).where(eq(regions.id, r57.id));
    assert.equal(name?.name, 'Орловская область');
  });

  test('school account edits only contacts and context of its own school', async () => {
    const own = await schoolByCode('57-01-001');
    const ok = await school1.patch(`/api/territories/schools/${own.id}`, {
      directorName: 'Новиков Пётр Ильич',
      phone: '8 (48643) 2-22-22',
      email: 'sosh1@kromy.ru',
      context: { students: 555, classes9: null },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const after = await schoolByCode('57-01-001');
    assert.equal(after.phone, '8 (48643) 2-22-22');
    assert.equal(after.directorName, 'Новиков Пётр Ильич');
    assert.deepEqual(after.context, { students: 555, teachers: (own.context as Record<string, number>).teachers, classes6: (own.context as Record<string, number>).classes6 });

    const forbidden = await school1.patch(`/api/territories/schools/${own.id}`, { phone: '123456', shortName: 'Другое' });
    assert.equal(forbidden.statusCode, 403);
    const unknownKey = await school1.patch(`/api/territories/schools/${own.id}`, { locality: 'rural' });
    assert.equal(unknownKey.statusCode, 403);
    assert.equal((await schoolByCode('57-01-001')).phone, '8 (48643) 2-22-22', 'refused patch wrote nothing');

    const neighbour = await schoolByCode('57-01-002');
    assert.equal((await school1.patch(`/api/territories/schools/${neighbour.id}`, { phone: '1234567' })).statusCode, 404);
    assert.equal((await school1.get(`/api/territories/schools/${neighbour.id}`)).statusCode, 404);

    const bad = await school1.patch(`/api/territories/schools/${own.id}`, { email: 'nope', context: { students: -1 } });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { path: string }) => f.path).sort(), ['context.students', 'email']);

    const card = await school1.get(`/api/territories/schools/${own.id}`);
    assert.equal(card.statusCode, 200);
    const body = card.json();
    assert.equal(body.regionName, 'Орловская область');
    assert.equal(body.municipalityName, 'Кромской район');
    assert.deepEqual(
      body.cycles.map((c: { year: number; curator: { fullName: string } | null }) => [c.year, c.curator?.fullName]),
      [[2026, 'Иванова Мария Петровна']],
    );

    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'school'), eq(auditLog.schoolId, own.id)));
    assert.ok(entry, 'the change is audited with its place');
    assert.equal(entry.userLogin, 'school1');
    assert.equal(entry.municipalityId, own.municipalityId);
    assert.match(entry.summary, /контакты/);
    assert.deepEqual((entry.changes as Record<string, unknown>).phone, ['', '8 (48643) 2-22-22']);
  });

  test('curator sees only the schools assigned to it', async () => {
    const curator = await t.as('curator1');
    const list = (await curator.get('/api/territories/schools')).json();
    assert.deepEqual(list.items.map((s: School) => s.code), ['57-01-001']);
    const neighbour = await schoolByCode('57-01-002');
    assert.equal((await curator.get(`/api/territories/schools/${neighbour.id}`)).statusCode, 404);
    assert.equal((await curator.patch(`/api/territories/schools/${neighbour.id}`, { shortName: 'x' })).statusCode, 403);
  });

  test('school search: case and «ё» do not matter, codes match, cycle year filters, pages', async () => {
    const q = async (query: string) => (await region57.get(`/api/territories/schools?${query}`)).json();
    const byName = await q(`q=${encodeURIComponent('ЛИВЕНСКАЯ')}`);
    assert.equal(byName.total, 4);
    assert.ok(byName.items.every((s: School) => s.shortName.includes('Ливенская')));
    const yo = await q(`q=${encodeURIComponent('орел')}`); // «Город Орёл» is not a school name; schools are «Орловская …»
    assert.equal(yo.total, 0);
    const byCode = await q('q=57-03-00');
    assert.equal(byCode.total, 4);
    const percent = await q(`q=${encodeURIComponent('%')}`);
    assert.equal(percent.total, 0, '% is a literal, not a wildcard');
    assert.equal((await q('cycleYear=2026&pageSize=100')).total, 12);
    assert.equal((await q('cycleYear=2025')).total, 0);
    const page = await q('page=2&pageSize=5');
    assert.equal(page.total, 12);
    assert.equal(page.items.length, 5);
    const first = await q('page=1&pageSize=5');
    assert.equal(new Set([...first.items, ...page.items].map((s: School) => s.id)).size, 10, 'pages do not overlap');
    // «ё» folding: a school named with «ё» is found by «е».
    const own = await schoolByCode('57-01-003');
    await kromy.patch(`/api/territories/schools/${own.id}`, { shortName: 'МБОУ «Кромская ООШ» им. Лёвина' });
    assert.equal((await q(`q=${encodeURIComponent('левина')}`)).total, 1);
    assert.equal((await region57.get('/api/territories/schools?pageSize=9999')).statusCode, 400);
  });

  test('create, validate, rename and delete with the right refusals', async () => {
    const bad = await kromy.post('/api/territories/schools', {
      municipalityId: kromyId,
      code: 'с пробелом',
      fullName: '',
      shortName: 'x',
      locality: 'town',
      email: 'x@',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { path: string }) => f.path).sort(), ['code', 'email', 'fullName', 'locality']);

    const dup = await kromy.post('/api/territories/schools', {
      municipalityId: kromyId,
      code: '57-01-001',
      fullName: 'Дубль',
      shortName: 'Дубль',
      locality: 'rural',
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.fields[0].path, 'code');
    assert.equal((await admin.post('/api/territories/regions', { code: '57', name: 'Дубль' })).statusCode, 409);

    const created = await kromy.post('/api/territories/schools', {
      municipalityId: kromyId,
      code: '57-01-005',
      fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Кромская СОШ №5»',
      shortName: 'МБОУ «Кромская СОШ №5»',
      locality: 'rural',
      context: { students: 80, teachers: 9 },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    assert.equal(created.json().regionId, (await schoolByCode('57-01-001')).regionId, 'region comes from the municipality');
    const renamed = await kromy.patch(`/api/territories/schools/${id}`, { shortName: 'МБОУ «Кромская СОШ №5» (новое)' });
    assert.equal(renamed.statusCode, 200);
    assert.equal(renamed.json().shortName, 'МБОУ «Кромская СОШ №5» (новое)');
    const move = await kromy.patch(`/api/territories/schools/${id}`, { municipalityId: livnyId });
    assert.equal(move.statusCode, 400);
    assert.equal((await schoolByCode('57-01-005')).municipalityId, kromyId);

    // Refusals while something depends on the record.
    const inCycle = await schoolByCode('57-01-002');
    const refused = await kromy.delete(`/api/territories/schools/${inCycle.id}`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().error.message, /отобрана в проект/);
    assert.equal((await admin.delete(`/api/territories/regions/${other.regionId}`)).statusCode, 409);
    assert.equal((await admin.delete(`/api/territories/municipalities/${other.municipalityId}`)).statusCode, 409);

    assert.equal((await kromy.delete(`/api/territories/schools/${id}`)).statusCode, 200);
    assert.equal((await t.database.db.select().from(schools).where(eq(schools.id, id))).length, 0);
    const trail = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'school'), eq(auditLog.entityId, String(id))));
    assert.deepEqual(trail.map((e) => e.action).sort(), ['create', 'delete', 'update']);
    assert.ok(trail.every((e) => e.municipalityId === kromyId && e.schoolId === id));

    // The other region can be cleared bottom-up by the admin.
    assert.equal((await admin.delete(`/api/territories/schools/${other.schoolId}`)).statusCode, 200);
    const renameMo = await admin.patch(`/api/territories/municipalities/${other.municipalityId}`, { name: 'г. Пенза' });
    assert.equal(renameMo.json().name, 'г. Пенза');
    assert.equal((await admin.delete(`/api/territories/municipalities/${other.municipalityId}`)).statusCode, 200);
    assert.equal((await admin.delete(`/api/territories/regions/${other.regionId}`)).statusCode, 200);
    assert.equal((await admin.get(`/api/territories/regions/${other.regionId}`)).statusCode, 404);
  });
});
