// Positive-change monitoring: results import (good and bad files, read back), template, dynamics numbers and scope.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { cycles, cycleSchools, municipalities, regions, schoolDocuments, schoolResults, schools } from '../../db/schema.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { multipart } from '../../test/multipart.js';

const HEADER = ['Год', 'Код школы', 'Процедура (ВПР/ОГЭ/ЕГЭ)', 'Предмет', 'Класс', 'Показатель', 'Значение'];

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Результаты');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function upload(client: Client, content: Buffer, fields: Record<string, string> = {}) {
  const { payload, headers } = multipart({ name: 'результаты.xlsx', content }, fields);
  return client.request('POST', '/api/results/import', payload, headers);
}

interface Report {
  totalRows: number;
  validRows: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
  created: number;
  updated: number;
  applied: boolean;
}

describe('results', () => {
  let t: TestContext;
  let region57: Client;
  let admin: Client;
  let cycleId: number;
  const id: Record<'A' | 'B' | 'C' | 'X', number> = { A: 0, B: 0, C: 0, X: 0 };

  const stored = () =>
    t.database.db
      .select({ schoolId: schoolResults.schoolId, year: schoolResults.year, exam: schoolResults.exam, metric: schoolResults.metric, value: schoolResults.value })
      .from(schoolResults)
      .orderBy(asc(schoolResults.schoolId), asc(schoolResults.exam), asc(schoolResults.metric), asc(schoolResults.year));

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const [cycle] = await db.insert(cycles).values({ year: 2031, title: 'Проект 500+ — 2031', status: 'planned' }).returning();
    cycleId = cycle!.id;
    const [region] = await db.insert(regions).values({ code: '98', name: 'Чужая область' }).returning();
    const [mo] = await db.insert(municipalities).values({ regionId: region!.id, code: '98-01', name: 'Чужой район' }).returning();
    const [x] = await db
      .insert(schools)
      .values({ regionId: region!.id, municipalityId: mo!.id, code: '98-01-001', fullName: 'Чужая школа', shortName: 'Чужая школа', locality: 'rural' })
      .returning();
    id.X = x!.id;
    const byCode = async (code: string) => (await db.select().from(schools).where(eq(schools.code, code)))[0]!.id;
    id.A = await byCode('57-01-001');
    id.B = await byCode('57-01-002');
    id.C = await byCode('57-02-001');
    for (const s of Object.values(id)) await db.insert(cycleSchools).values({ cycleId, schoolId: s });
    // C: an anti-risk programme with two indicators that moved the intended way and one that did not
    const ind = (baseline: number, latest: number, direction: 'increase' | 'decrease') => ({
      name: 'Показатель',
      unit: '%',
      baseline,
      target: null,
      direction,
      actual: [{ stageNumber: 1, value: latest }],
    });
    await db.insert(schoolDocuments).values({
      cycleId,
      schoolId: id.C,
      slotKey: 'antirisk_programme:test',
      kind: 'antirisk_programme',
      programme: { goal: '', tasks: [], measures: [], indicators: [ind(10, 20, 'increase'), ind(5, 3, 'decrease'), ind(10, 8, 'increase')] },
    });
    region57 = await t.as('region57');
    admin = await t.as('admin');
  });
  after(() => t.close());

  test('template: an XLSX with the columns; school accounts may not download it', async () => {
    const res = await region57.get('/api/results/template');
    assert.equal(res.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const head = (book.worksheets[0]!.getRow(1).values as string[]).slice(1);
    assert.deepEqual(head.map((h) => h.split(' ')[0]), ['Год', 'Код', 'Процедура', 'Предмет', 'Класс', 'Показатель', 'Значение']);
    assert.equal((await (await t.as('school1')).get('/api/results/template')).statusCode, 403);
  });

  test('a file with wrong rows saves nothing and names every row', async () => {
    const file = await xlsx([
      [2025, '57-01-001', 'ВПР', 'Математика', 5, 'средний балл', 3.6], // row 2: fine
      [2025, '57-01-001', 'ГИА', 'Математика', 5, 'средний балл', 3.6], // row 3: exam
      [2025, '57-01-002', 'ОГЭ', 'Русский язык', 7, 'доля справившихся', 85], // row 4: grade
      [2025, '57-01-002', 'ОГЭ', 'Русский язык', 9, 'доля справившихся', 150], // row 5: value
      [2025, '98-01-001', 'ВПР', 'Математика', 5, 'средний балл', 3], // row 6: outside the region
      [2025, '57-01-001', 'ВПР', 'Математика', 5, 'средний балл', '3,7'], // row 7: repeats row 2
      [2025, '57-01-001', 'ВПР', 'Математика', 5, 'медиана', 3], // row 8: metric
    ]);
    const res = await upload(region57, file);
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json() as Report;
    assert.equal(report.applied, false);
    assert.equal(report.totalRows, 7);
    assert.equal(report.validRows, 1);
    assert.deepEqual(
      report.errors.map((e) => [e.row, e.column.split(' ')[0]]),
      [
        [3, 'Процедура'],
        [4, 'Класс'],
        [5, 'Значение'],
        [6, 'Код'],
        [7, 'Значение'],
        [8, 'Показатель'],
      ],
    );
    assert.match(report.errors[0]!.message, /Неизвестная процедура «ГИА»/);
    assert.match(report.errors[1]!.message, /для ОГЭ — 9/);
    assert.match(report.errors[3]!.message, /Школа с кодом «98-01-001» не найдена/);
    assert.match(report.errors[4]!.message, /уже указано в строке 2/);
    assert.deepEqual(await stored(), []);

    // valid-only saves the one good row
    const partial = (await upload(region57, file, { mode: 'valid-only' })).json() as Report;
    assert.deepEqual([partial.applied, partial.created, partial.updated, partial.errorCount], [true, 1, 0, 6]);
    assert.deepEqual(await stored(), [{ schoolId: id.A, year: 2025, exam: 'ВПР', metric: 'average', value: 3.6 }]);
  });

  test('a good file is saved; the same key is updated, not duplicated', async () => {
    const res = await upload(
      region57,
      await xlsx([
        [2024, '57-01-001', 'ВПР', 'Математика', 5, 'средний балл', 3.2],
        [2025, '57-01-001', 'впр', 'Математика', 5, 'Средний балл', '3,6'],
        [2024, '57-01-001', 'ВПР', 'Математика', 5, 'доля «2»', 20],
        [2025, '57-01-001', 'ВПР', 'Математика', 5, 'доля «2»', 10],
        [2024, '57-01-002', 'ОГЭ', 'Русский язык', 9, 'доля справившихся', 90],
        [2025, '57-01-002', 'ОГЭ', 'Русский язык', 9, 'доля справившихся', 85],
      ]),
    );
    const report = res.json() as Report;
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([report.applied, report.created, report.updated, report.errorCount], [true, 5, 1, 0]);
    assert.deepEqual(await stored(), [
      { schoolId: id.A, year: 2024, exam: 'ВПР', metric: 'average', value: 3.2 },
      { schoolId: id.A, year: 2025, exam: 'ВПР', metric: 'average', value: 3.6 },
      { schoolId: id.A, year: 2024, exam: 'ВПР', metric: 'low_share', value: 20 },
      { schoolId: id.A, year: 2025, exam: 'ВПР', metric: 'low_share', value: 10 },
      { schoolId: id.B, year: 2024, exam: 'ОГЭ', metric: 'pass_share', value: 90 },
      { schoolId: id.B, year: 2025, exam: 'ОГЭ', metric: 'pass_share', value: 85 },
    ]);
    // the school outside the region: the admin may load it
    const out = (await upload(admin, await xlsx([[2024, '98-01-001', 'ЕГЭ', 'Физика', 11, 'средний балл', 60], [2025, '98-01-001', 'ЕГЭ', 'Физика', 11, 'средний балл', 52.5]]))).json() as Report;
    assert.deepEqual([out.applied, out.created], [true, 2]);
  });

  test('who may import: municipal coordinators, curators and schools may not', async () => {
    const file = await xlsx([[2025, '57-01-001', 'ВПР', 'Математика', 5, 'средний балл', 1]]);
    for (const login of ['mo-kromy', 'curator1', 'school1', 'observer57']) {
      assert.equal((await upload(await t.as(login), file)).statusCode, 403, login);
    }
    assert.equal((await region57.request('POST', '/api/results/import', {})).statusCode, 400);
  });

  test('dynamics: exact changes per school and the positive share of the territory', async () => {
    const res = await region57.get(`/api/results/dynamics?cycleId=${cycleId}`);
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.equal(d.territory.level, 'region');
    const bySchool = new Map<number, { results: { metric: string; from: number; to: number; change: number; trend: string }[]; better: number; worse: number; positive: boolean | null; programme: object }>(
      d.schools.map((s: { schoolId: number }) => [s.schoolId, s]),
    );
    assert.deepEqual([...bySchool.keys()].sort(), [id.A, id.B, id.C].sort());
    const a = bySchool.get(id.A)!;
    assert.deepEqual(
      a.results.map((r) => [r.metric, r.from, r.to, r.change, r.trend]),
      [
        ['average', 3.2, 3.6, 0.4, 'better'],
        ['low_share', 20, 10, -10, 'better'],
      ],
    );
    assert.equal(a.positive, true);
    const b = bySchool.get(id.B)!;
    assert.deepEqual(b.results.map((r) => [r.metric, r.change, r.trend]), [['pass_share', -5, 'worse']]);
    assert.equal(b.positive, false);
    const c = bySchool.get(id.C)!;
    assert.deepEqual(c.results, []);
    assert.deepEqual(c.programme, { indicators: 3, measured: 3, positive: 2, share: 0.667 });
    assert.deepEqual([c.better, c.worse, c.positive], [2, 1, true]);
    assert.deepEqual(d.share, { code: 'positive_dynamics', title: 'Доля школ с положительной динамикой', value: 66.7, numerator: 2, denominator: 3, schools: 3 });

    // the country: the fourth school got worse
    const all = (await admin.get(`/api/results/dynamics?cycleId=${cycleId}`)).json();
    assert.deepEqual([all.share.numerator, all.share.denominator, all.share.value], [2, 4, 50]);

    // a municipality: its schools only
    const kromy = (await (await t.as('mo-kromy')).get(`/api/results/dynamics?cycleId=${cycleId}`)).json();
    assert.deepEqual(kromy.schools.map((s: { schoolId: number }) => s.schoolId).sort(), [id.A, id.B].sort());
    assert.deepEqual([kromy.share.numerator, kromy.share.denominator], [1, 2]);
  });

  test('dynamics: a territory outside the actor’s is 404 and leaks nothing', async () => {
    const res = await region57.get(`/api/results/dynamics?cycleId=${cycleId}&schoolId=${id.X}`);
    assert.equal(res.statusCode, 404);
    assert.doesNotMatch(res.body, /Чужая/);
    const school = await t.as('school1');
    assert.equal((await school.get(`/api/results/dynamics?cycleId=${cycleId}&schoolId=${id.B}`)).statusCode, 404);
    const own = (await school.get(`/api/results/dynamics?cycleId=${cycleId}`)).json();
    assert.deepEqual(own.schools.map((s: { schoolId: number }) => s.schoolId), [id.A]);
  });
});
