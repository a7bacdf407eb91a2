// The input rule of every route (server/http/input.ts), case by case: the probe's 500s are 400s
// naming the field, and invisible characters are removed before anything is stored.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Client, type TestContext } from './harness.js';
import { createFixtures, type Fixtures } from './authz/fixtures.js';
import { ROADMAP_CASES } from './authz/cases-roadmaps.js';
import { cleanName } from '../http/input.js';
import { multipart } from './multipart.js';

interface ErrorJson {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

describe('input rule', () => {
  let t: TestContext;
  let f: Fixtures;
  let admin: Client;

  before(async () => {
    t = await createTestApp();
    f = await createFixtures(t.database.db, t.config.dataDir);
    admin = await t.as('admin');
  });
  after(() => t.close());

  test('NUL in the unauthenticated login is a 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'admin\u0000', password: 'x' } });
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json() as ErrorJson;
    assert.equal(body.error.fields?.[0]?.path, 'login');
    assert.match(body.error.message, /Недопустимые символы/);
  });

  test('NUL and control characters in a query string are refused', async () => {
    for (const q of ['%00', 'a%07b', '%E2%80%AE']) {
      const res = await admin.get(`/api/territories/schools?q=${q}`);
      assert.equal(res.statusCode, 400, `${q}: ${res.body}`);
      assert.equal((res.json() as ErrorJson).error.fields?.[0]?.path, 'q');
    }
  });

  test('tab and line breaks stay allowed in text', async () => {
    const res = await admin.get('/api/territories/schools?q=%D0%A8%D0%BA%D0%BE%D0%BB%D0%B0%09');
    assert.equal(res.statusCode, 200, res.body);
  });

  test('ids beyond the database integer are refused in params, queries and bodies', async () => {
    const path = await admin.get('/api/territories/regions/2147483648');
    assert.equal(path.statusCode, 400, path.body);
    assert.equal((path.json() as ErrorJson).error.fields?.[0]?.path, 'id');
    const largest = await admin.get('/api/territories/regions/2147483647');
    assert.equal(largest.statusCode, 404, largest.body);
    const query = await admin.get('/api/territories/schools?regionId=2147483648');
    assert.equal(query.statusCode, 400, query.body);
    const body = await admin.post('/api/territories/municipalities', { regionId: 2147483648, code: 'm-big', name: 'Район' });
    assert.equal(body.statusCode, 400, body.body);
    assert.equal((body.json() as ErrorJson).error.fields?.[0]?.path, 'regionId');
  });

  test('dates outside 1900–2200 are refused, also in the audit filter', async () => {
    const res = await admin.get('/api/audit?from=0001-01-01&to=275760-09-13');
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.body, /1900–2200/);
    const spelled = await admin.get('/api/audit?from=Jan%201%201200');
    assert.equal(spelled.statusCode, 400, spelled.body);
    const fine = await admin.get('/api/audit?from=2026-01-01&to=2026-12-31');
    assert.equal(fine.statusCode, 200, fine.body);
  });

  test('multipart without a boundary, or cut before its closing boundary, is a 400 «Файл передан не полностью»', async () => {
    const evidence = ROADMAP_CASES.find((c) => c.route === 'POST /api/roadmaps/:id/items/:itemId/stages/:stageId/evidence')!;
    const req = await evidence.inScope(f, 'admin');
    const payload = req.body as Buffer;
    const cut = await admin.request('POST', req.url, payload.subarray(0, payload.length - 10), req.headers);
    assert.equal(cut.statusCode, 400, cut.body);
    assert.match(cut.body, /Файл передан не полностью/);
    const noBoundary = await admin.request('POST', '/api/territories/import', payload, { 'content-type': 'multipart/form-data' });
    assert.equal(noBoundary.statusCode, 400, noBoundary.body);
    assert.match(noBoundary.body, /Файл передан не полностью/);
  });

  test('invisible characters are removed from text before it is stored', async () => {
    const res = await admin.post('/api/territories/regions', { code: 'r-zw', name: 'Зеро\u200Bвая область\uFEFF' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((res.json() as { name: string }).name, 'Зеровая область');
  });

  const HEADER = 'Код региона;Регион;Код муниципалитета;Муниципалитет;Код школы;Полное наименование;Краткое наименование;Адрес;Тип местности';
  const importCsv = (client: Client, rows: string[]) => {
    const { payload, headers } = multipart({ name: 'schools.csv', content: Buffer.from(`${HEADER}\n${rows.join('\n')}\n`, 'utf8') }, { mode: 'all' });
    return client.request('POST', '/api/territories/import', payload, headers);
  };

  test('import messages do not confirm codes outside the importer\'s territory', async () => {
    const region57 = await t.as('region57');
    // a school code in use in the closed region, and one used nowhere: no word about another territory
    const taken = await importCsv(region57, ['57;Орловская область;57-01;Кромской район;99-01-001;Школа X;Школа X;адрес;городская']);
    assert.ok(taken.statusCode < 500, taken.body);
    assert.doesNotMatch(taken.body, /вне вашей зоны|уже занят|Закрыт/);
    assert.match(taken.body, /нельзя использовать в вашей зоне ответственности/);
    // a municipality coordinator cannot create municipalities: a closed one reads like an unknown one
    const kromy = await t.as('mo-kromy');
    const closed = await importCsv(kromy, ['57;Орловская область;99-01;Район;kr-1;Школа;Школа;адрес;городская']);
    const unknown = await importCsv(kromy, ['57;Орловская область;99-77;Район;kr-1;Школа;Школа;адрес;городская']);
    const message = (body: string) => body.replace(/99-(01|77)/g, 'CODE');
    assert.equal(message(closed.body), message(unknown.body));
  });

  test('imported and typed names are stored without control and invisible characters', async () => {
    const region57 = await t.as('region57');
    const res = await importCsv(region57, ['57;Орловская область;57-01;Кромской район;clean-1;Школа\u0007 №\u202E1\u200B;Школа\u00AD1;адрес;городская']);
    assert.equal(res.statusCode, 200, res.body);
    const list = await admin.get('/api/territories/schools?q=clean-1');
    assert.match(list.body, /"Школа №1"/);
    for (const bad of ['\\u0007', '\u0007', '\u202E', '\u00AD']) assert.ok(!list.body.includes(bad), JSON.stringify(bad));
    const typed = await admin.post('/api/territories/regions', { code: 'r-rlm', name: 'Область\u200F\u00AD с\u2060именем' });
    assert.equal(typed.statusCode, 201, typed.body);
    assert.equal((typed.json() as { name: string }).name, 'Область сименем');
  });

  test('names lose control, format and invisible characters', () => {
    assert.equal(cleanName('  Школа\u0007 №\u202E 1\u200D  '), 'Школа № 1');
  });
});
