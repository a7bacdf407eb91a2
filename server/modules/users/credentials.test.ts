import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq, gt } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { auditLog, curatorAssignments, cycles, municipalities, regions, schools, users } from '../../db/schema.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';

interface SheetRow {
  organisation: string;
  role: string;
  territory: string;
  login: string;
  password: string;
  url: string;
}

/** Reads a credentials XLSX back into rows (header in row 1, data until the first empty row). */
async function readCredentials(res: LightMyRequestResponse): Promise<SheetRow[]> {
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const disposition = String(res.headers['content-disposition']);
  assert.match(disposition, /^attachment;/);
  assert.match(decodeURIComponent(disposition), /filename\*=UTF-8''Реквизиты доступа \d{4}-\d{2}-\d{2}\.xlsx/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  assert.ok(sheet);
  assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [
    '№',
    'Организация / ФИО',
    'Роль',
    'Территория',
    'Логин',
    'Временный пароль',
    'Адрес для входа',
  ]);
  const rows: SheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const v = sheet.getRow(r).values as unknown[];
    if (v[1] === undefined || v[1] === null || v[1] === '') break;
    assert.equal(v[1], r - 1);
    rows.push({
      organisation: String(v[2]),
      role: String(v[3]),
      territory: String(v[4]),
      login: String(v[5]),
      password: String(v[6]),
      url: String(v[7]),
    });
  }
  return rows;
}

async function xlsx(rows: (string | number)[][], headers = ['ФИО', 'Роль', 'Код территории', 'Email', 'Телефон', 'Логин', 'Школы куратора']) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Пользователи');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function form(buffer: Buffer, name = 'users.xlsx') {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(buffer)]), name);
  return data;
}

describe('credentials and import', () => {
  let t: TestContext;
  let region57: Client;
  let kromy: Client;
  let ids: Record<string, number>;
  let newSchoolId: number;
  let otherUserId: number;
  let otherRegionId: number;
  const issued: string[] = [];

  const countRows = async (table: typeof users | typeof auditLog) =>
    Number((await t.database.db.select({ n: count() }).from(table))[0]?.n);
  const maxAuditId = async () =>
    (await t.database.db.select({ id: auditLog.id }).from(auditLog)).reduce((m, r) => Math.max(m, r.id), 0);
  const demoLoginWorks = async (login: string) =>
    (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: 'medk-demo-2026' } })).statusCode ===
    200;

  before(async () => {
    t = await createTestApp({ config: { loginRateLimit: 100_000, publicUrl: 'https://medk.example.ru' } });
    const db = t.database.db;
    ids = Object.fromEntries((await db.select({ id: users.id, login: users.login }).from(users)).map((x) => [x.login, x.id]));
    const [kromyMo] = await db.select().from(municipalities).where(eq(municipalities.code, '57-01'));
    // A Kromy school not selected into the 2026 cycle and without an account.
    const [s] = await db
      .insert(schools)
      .values({
        regionId: kromyMo!.regionId,
        municipalityId: kromyMo!.id,
        code: '57-01-005',
        fullName: 'Кромская школа 5',
        shortName: 'МБОУ «Кромская СОШ №5»',
        locality: 'rural',
      })
      .returning();
    newSchoolId = s!.id;
    const [r] = await db.insert(regions).values({ code: '32', name: 'Брянская область' }).returning();
    const [u] = await db
      .insert(users)
      .values({ login: 'observer32', fullName: 'Брянский наблюдатель', role: 'observer', regionId: r!.id, passwordHash: 'x' })
      .returning();
    otherUserId = u!.id;
    otherRegionId = r!.id;
    region57 = await t.as('region57');
    kromy = await t.as('mo-kromy');
  });
  after(() => t.close());

  test('credentials for selected accounts: the passwords in the file log in', async () => {
    const auditFrom = await maxAuditId();
    const res = await region57.request('POST', '/api/users/credentials', { userIds: [ids.school1, ids.curator1] }, { host: 'evil-host.example' });
    const rows = await readCredentials(res);
    assert.deepEqual(
      rows.map((r) => [r.organisation, r.role, r.login]),
      [
        ['МБОУ «Кромская СОШ №1»', 'Школа (ОО)', 'school1'],
        ['Иванова Мария Петровна', 'Куратор', 'curator1'],
      ],
    );
    assert.equal(rows[0]?.territory, 'Орловская область, Кромской район');
    // the address comes from MEDK_PUBLIC_URL, never from the request's Host header
    assert.equal(rows[0]?.url, 'https://medk.example.ru/');
    for (const row of rows) {
      issued.push(row.password);
      const c = await t.as(row.login, row.password);
      assert.equal((await c.get('/api/auth/me')).json().user.mustChangePassword, true);
    }
    assert.equal(await demoLoginWorks('school1'), false, 'the old password no longer works');

    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, auditFrom), eq(auditLog.action, 'credentials')));
    assert.deepEqual(entries.map((e) => Number(e.entityId)).sort(), [ids.school1, ids.curator1].sort());
    assert.equal(entries.find((e) => Number(e.entityId) === ids.school1)?.schoolId, (await schoolId('57-01-001')));
    for (const p of rows.map((r) => r.password)) assert.ok(!JSON.stringify(entries).includes(p));
  });

  async function schoolId(code: string) {
    return (await t.database.db.select().from(schools).where(eq(schools.code, code)))[0]?.id;
  }

  test('all or nothing: one target outside the scope refuses the whole request', async () => {
    const usersBefore = await countRows(users);
    const auditBefore = await countRows(auditLog);
    const outside = await region57.post('/api/users/credentials', { userIds: [ids.school2, otherUserId] });
    assert.equal(outside.statusCode, 404);
    const federal = await region57.post('/api/users/credentials', { userIds: [ids.school2, ids.fed] });
    assert.equal(federal.statusCode, 404);
    const neighbour = await kromy.post('/api/users/credentials', { userIds: [ids.school2, ids.school5] });
    assert.equal(neighbour.statusCode, 404);
    const curatorByMo = await kromy.post('/api/users/credentials', { userIds: [ids.school2, ids.curator2] });
    assert.equal(curatorByMo.statusCode, 404, 'curators are bound to the region, outside a municipality');
    const self = await region57.post('/api/users/credentials', { userIds: [ids.school2, ids.region57] });
    assert.equal(self.statusCode, 403);
    const otherSchool = await kromy.post('/api/users/credentials', { schools: { schoolIds: [await schoolId('57-01-002'), await schoolId('57-02-001')] } });
    assert.equal(otherSchool.statusCode, 404);
    const otherMunicipality = await kromy.post('/api/users/credentials', {
      schools: { municipalityId: (await t.database.db.select().from(municipalities).where(eq(municipalities.code, '57-02')))[0]?.id },
    });
    assert.equal(otherMunicipality.statusCode, 404);
    const otherRegion = await region57.post('/api/users/credentials', { schools: { regionId: otherRegionId } });
    assert.equal(otherRegion.statusCode, 404);
    assert.equal(await demoLoginWorks('school2'), true, 'school2 keeps its password');
    assert.equal(await countRows(users), usersBefore);
    assert.equal(await countRows(auditLog), auditBefore + 1, 'only the school2 login check was audited');

    for (const login of ['curator3', 'school3']) {
      const c = await t.as(login);
      assert.equal((await c.post('/api/users/credentials', { userIds: [ids.school4] })).statusCode, 403);
    }
    const bad = await region57.post('/api/users/credentials', { userIds: [] });
    assert.equal(bad.statusCode, 400);
  });

  test('credentials for the schools of a municipality: missing school accounts are created', async () => {
    const onlyCycle = await readCredentials(await kromy.post('/api/users/credentials', { schools: { cycleYear: 2026 } }));
    assert.deepEqual(onlyCycle.map((r) => r.login), ['school1', 'school2', 'school3', 'school4']);
    assert.equal(
      (await t.database.db.select().from(users).where(eq(users.schoolId, newSchoolId))).length,
      0,
      'a school outside the cycle gets nothing',
    );
    onlyCycle.forEach((r) => issued.push(r.password));

    const all = await readCredentials(await kromy.post('/api/users/credentials', { schools: {} }));
    assert.equal(all.length, 5);
    const created = all.find((r) => r.login === 'school-57-01-005');
    assert.ok(created, 'new school account with the login from the school code');
    assert.equal(created.organisation, 'МБОУ «Кромская СОШ №5»');
    const [account] = await t.database.db.select().from(users).where(eq(users.schoolId, newSchoolId));
    assert.equal(account?.role, 'school');
    assert.equal(account?.municipalityId, (await t.database.db.select().from(municipalities).where(eq(municipalities.code, '57-01')))[0]?.id);
    const c = await t.as('school-57-01-005', created.password);
    assert.equal((await c.get('/api/users')).json().error.code, 'password_change_required');
    all.forEach((r) => issued.push(r.password));
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'credentials'), eq(auditLog.entityId, String(account?.id))));
    assert.equal(entry?.schoolId, newSchoolId);
    assert.equal((entry?.changes as { created?: boolean }).created, true);

    // Again: the account now exists and is reset, not duplicated.
    const again = await readCredentials(await kromy.post('/api/users/credentials', { schools: { schoolIds: [newSchoolId] } }));
    assert.deepEqual(again.map((r) => r.login), ['school-57-01-005']);
    assert.equal((await t.database.db.select().from(users).where(eq(users.schoolId, newSchoolId))).length, 1);
    issued.push(...again.map((r) => r.password));

    const unknownYear = await region57.post('/api/users/credentials', { schools: { cycleYear: 2030 } });
    assert.equal(unknownYear.statusCode, 400);
    assert.equal(unknownYear.json().error.fields[0].path, 'schools.cycleYear');
  });

  test('import template', async () => {
    const res = await region57.get('/api/users/import/template');
    assert.equal(res.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    assert.deepEqual((workbook.getWorksheet('Пользователи')?.getRow(1).values as unknown[]).slice(1), [
      'ФИО',
      'Роль',
      'Код территории',
      'Email',
      'Телефон',
      'Логин',
      'Школы куратора',
    ]);
    const reference = JSON.stringify(workbook.getWorksheet('Справочник')?.getSheetValues());
    assert.ok(reference.includes('57-03-004'));
    assert.ok(!reference.includes('Федеральный координатор'), 'only roles the actor may create');
    const school = await t.as('school7');
    assert.equal((await school.get('/api/users/import/template')).statusCode, 403);
  });

  test('import with bad rows reports every problem by row and column and writes nothing', async () => {
    const usersBefore = await countRows(users);
    const auditBefore = await countRows(auditLog);
    const file = await xlsx([
      ['Иванов Иван Иванович', 'Куратор', '57', 'ivanov@example.ru', '', '', '57-01-001'], // valid
      ['', 'Куратор', '57', '', '', '', ''], // 3: no name
      ['Петров Пётр', 'Директор', '57', '', '', '', ''], // 4: unknown role
      ['Сидоров Сидор', 'Наблюдатель', '32', 'bad-mail', '', '', ''], // 5: other region, bad email
      ['Школа', 'Школа (ОО)', '99-99-999', '', '', 'curator2', ''], // 6: unknown school, login taken
      ['Федерал', 'federal_coordinator', '', '', '', '', ''], // 7: role not allowed
      ['Куратор Два', 'curator', '57', '', '', '', '57-01-001; 32-01-001'], // 8: duplicate school, unknown school
      ['Муниципал', 'Муниципальный координатор', '57', '', '', '', ''], // 9: needs a municipality code
    ]);
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/users/import?dryRun=true',
      headers: { cookie: region57.cookie, 'x-csrf-token': region57.csrf },
      payload: form(file),
    });
    assert.equal(dry.statusCode, 200, dry.body);
    const report = dry.json() as { valid: boolean; total: number; errors: { row: number; column: string; message: string }[] };
    assert.equal(report.valid, false);
    assert.equal(report.total, 8);
    assert.deepEqual(
      report.errors.map((e) => `${e.row}:${e.column}`),
      [
        '3:fullName',
        '4:role',
        '5:email',
        '6:territoryCode',
        '6:login',
        '7:role',
        '8:curatorSchools',
        '8:curatorSchools',
        '9:territoryCode',
      ],
      'by row, then in column order',
    );
    // Row 5 only reports the e-mail (rows with format errors are not looked up); fix it and the region shows.
    const fixed = await xlsx([['Сидоров Сидор', 'Наблюдатель', '32', '', '', '', '']]);
    const dry2 = await t.app.inject({
      method: 'POST',
      url: '/api/users/import?dryRun=1',
      headers: { cookie: region57.cookie, 'x-csrf-token': region57.csrf },
      payload: form(fixed),
    });
    assert.deepEqual(
      dry2.json().errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`),
      ['2:territoryCode'],
    );

    const real = await t.app.inject({
      method: 'POST',
      url: '/api/users/import',
      headers: { cookie: region57.cookie, 'x-csrf-token': region57.csrf },
      payload: form(file),
    });
    assert.equal(real.statusCode, 400);
    const fields = real.json().error.fields as { path: string; message: string }[];
    assert.ok(fields.some((f) => f.path === 'rows.4.role' && f.message.startsWith('Строка 4, «Роль»:')));
    assert.equal(await countRows(users), usersBefore, 'nothing was written');
    assert.equal(await countRows(auditLog), auditBefore);

    const missingColumn = await t.app.inject({
      method: 'POST',
      url: '/api/users/import?dryRun=true',
      headers: { cookie: region57.cookie, 'x-csrf-token': region57.csrf },
      payload: form(await xlsx([['Иванов', '57']], ['ФИО', 'Код территории'])),
    });
    assert.deepEqual(missingColumn.json().errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`), ['1:role']);

    const notExcel = await t.app.inject({
      method: 'POST',
      url: '/api/users/import',
      headers: { cookie: region57.cookie, 'x-csrf-token': region57.csrf },
      payload: form(Buffer.from('just text'), 'x.xlsx'),
    });
    assert.equal(notExcel.statusCode, 400);
    assert.equal(notExcel.json().error.fields[0].path, 'file');
  });

  test('a valid import creates the accounts, assigns curators and returns their credentials', async () => {
    const db = t.database.db;
    const [cycle] = await db.select().from(cycles).where(eq(cycles.status, 'active'));
    const file = await xlsx([
      ['Зайцева Ольга Игоревна', 'Куратор', '57', 'zaytseva@example.ru', '+7 900 111-22-33', '', '57-01-003, 57-02-003'],
      ['МБОУ «Кромская СОШ №5»', 'school', '57-01-005', '', '', 'kromy-5-extra', ''],
      ['Наблюдатель по Ливнам', 'Наблюдатель', '57-02', '', '', '', ''],
    ]);
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/users/import?dryRun=true',
      headers: { cookie: region57.cookie, 'x-csrf-token': region57.csrf },
      payload: form(file),
    });
    const report = dry.json();
    assert.equal(report.valid, true, JSON.stringify(report.errors));
    assert.deepEqual(
      report.preview.map((p: { login: string }) => p.login),
      ['curator-zaytseva-oi', 'kromy-5-extra', 'observer-nablyudatel-po-livnam'],
    );
    const usersBefore = await countRows(users);
    const auditFrom = await maxAuditId();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users/import',
      headers: { cookie: region57.cookie, 'x-csrf-token': region57.csrf, host: 'medk.local:3102' },
      payload: form(file),
    });
    const rows = await readCredentials(res);
    assert.deepEqual(rows.map((r) => [r.login, r.role]), [
      ['curator-zaytseva-oi', 'Куратор'],
      ['kromy-5-extra', 'Школа (ОО)'],
      ['observer-nablyudatel-po-livnam', 'Наблюдатель'],
    ]);
    assert.equal(rows[0]?.url, 'https://medk.example.ru/');
    assert.equal(await countRows(users), usersBefore + 3);
    const [curator] = await db.select().from(users).where(eq(users.login, 'curator-zaytseva-oi'));
    assert.equal(curator?.phone, '+7 900 111-22-33');
    assert.equal(curator?.mustChangePassword, true);
    const assigned = await db
      .select({ code: schools.code })
      .from(curatorAssignments)
      .innerJoin(schools, eq(schools.id, curatorAssignments.schoolId))
      .where(and(eq(curatorAssignments.curatorId, curator!.id), eq(curatorAssignments.cycleId, cycle!.id)));
    assert.deepEqual(assigned.map((a) => a.code).sort(), ['57-01-003', '57-02-003']);
    for (const row of rows) {
      issued.push(row.password);
      const c = await t.as(row.login, row.password);
      assert.equal((await c.get('/api/auth/me')).json().user.mustChangePassword, true);
    }
    const entries = await db.select().from(auditLog).where(gt(auditLog.id, auditFrom));
    assert.equal(entries.filter((e) => e.action === 'import').length, 3);
    assert.equal(entries.filter((e) => e.entityType === 'curator_assignment').length, 2);
    const text = JSON.stringify(entries);
    for (const row of rows) assert.ok(!text.includes(row.password));

    // The curator now sees exactly the assigned schools.
    const curatorScope = await db.select().from(curatorAssignments).where(eq(curatorAssignments.curatorId, ids.curator3!));
    assert.equal(curatorScope.length, 0, 'the previous curator of 57-01-003 was replaced');
  });

  test('no one-time password ever reaches the audit log', async () => {
    assert.ok(issued.length >= 10);
    const text = JSON.stringify(await t.database.db.select().from(auditLog));
    for (const password of issued) assert.ok(!text.includes(password), 'password leaked into the audit log');
    assert.ok(!/passwordHash|\$argon2/.test(text));
  });
});
