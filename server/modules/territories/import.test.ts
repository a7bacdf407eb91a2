import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, inArray, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from '../../../domain/territories/import.js';
import { auditLog, municipalities, regions, schools } from '../../db/schema.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';

const HEADERS = IMPORT_COLUMNS.map((c) => c.header);
type Row = (string | number | null)[];

async function xlsx(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

function multipart(file: { name: string; content: Buffer }, fields: Record<string, string> = {}) {
  const boundary = `----medk${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(file.name)}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface Report {
  totalRows: number;
  validRows: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
  ignoredColumns: string[];
  created: { regions: number; municipalities: number; schools: number };
  updated: { regions: number; municipalities: number; schools: number };
  applied: boolean;
}

/** A school row in the template layout. */
function schoolRow(code: string, over: Partial<Record<string, string | number>> = {}): Row {
  const values: Record<string, string | number> = {
    regionCode: '57',
    regionName: 'Орловская область',
    municipalityCode: '57-01',
    municipalityName: 'Кромской район',
    schoolCode: code,
    fullName: `Муниципальное бюджетное общеобразовательное учреждение «Школа ${code}»`,
    shortName: `МБОУ «Школа ${code}»`,
    address: 'пгт Кромы',
    locality: 'село',
    directorName: 'Петрова Ольга Ивановна',
    email: 'school@example.ru',
    phone: '+7 (48643) 2-00-00',
    students: 100,
    teachers: 12,
    classes6: 1,
    classes9: 1,
    ...over,
  };
  return IMPORT_COLUMNS.map((c) => values[c.key] ?? null);
}

describe('territories import and export', () => {
  let t: TestContext;
  let region57: Client;
  let kromy: Client;

  const upload = async (c: Client, content: Buffer, fields: Record<string, string> = {}, name = 'file.xlsx') => {
    const { payload, headers } = multipart({ name, content }, fields);
    const res = await c.request('POST', '/api/territories/import', payload, headers);
    return res;
  };
  const importOk = async (c: Client, content: Buffer, fields: Record<string, string> = {}, name?: string) => {
    const res = await upload(c, content, fields, name);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Report;
  };
  const schoolCodes = async (prefix: string) =>
    (await t.database.db.select({ code: schools.code }).from(schools).where(like(schools.code, `${prefix}%`)))
      .map((r) => r.code)
      .sort();

  before(async () => {
    t = await createTestApp();
    [region57, kromy] = await Promise.all([t.as('region57'), t.as('mo-kromy')]);
  });
  after(() => t.close());

  test('template: XLSX and CSV with Russian headers, an example row and a UTF-8 file name', async () => {
    const res = await region57.get('/api/territories/import/template?format=xlsx');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    const disposition = String(res.headers['content-disposition']);
    assert.match(disposition, /^attachment;/);
    assert.ok(disposition.includes(`filename*=UTF-8''${encodeURIComponent('Шаблон импорта территорий.xlsx')}`));
    const rows = await readXlsx(res.rawPayload);
    assert.deepEqual(rows[0], HEADERS);
    assert.equal(rows.length, 2);
    assert.equal(rows[1]![6], 'МБОУ «СОШ №32» ТГО');

    const csv = await region57.get('/api/territories/import/template?format=csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM for Excel');
    const lines = csv.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    assert.equal(lines[0], HEADERS.join(';'));
    assert.equal(lines.length, 2);
    assert.equal((await region57.get('/api/territories/import/template?format=pdf')).statusCode, 400);
  });

  test('template → fill in → import creates municipalities and schools', async () => {
    const template = await readXlsx((await region57.get('/api/territories/import/template?format=xlsx')).rawPayload);
    const filled = [
      template[0]!,
      schoolRow('57-04-001', { municipalityCode: '57-04', municipalityName: 'Мценский район', locality: 'город' }),
      schoolRow('57-01-010'),
    ];
    const report = await importOk(region57, await xlsx(filled));
    assert.deepEqual(report.errors, []);
    assert.equal(report.applied, true);
    assert.equal(report.totalRows, 2);
    assert.equal(report.validRows, 2);
    assert.deepEqual(report.created, { regions: 0, municipalities: 1, schools: 2 });
    assert.deepEqual(report.updated, { regions: 0, municipalities: 0, schools: 0 });
    const [mo] = await t.database.db.select().from(municipalities).where(eq(municipalities.code, '57-04'));
    assert.equal(mo?.name, 'Мценский район');
    const [s] = await t.database.db.select().from(schools).where(eq(schools.code, '57-04-001'));
    assert.equal(s?.municipalityId, mo?.id);
    assert.equal(s?.locality, 'urban');
    assert.deepEqual(s?.context, { students: 100, teachers: 12, classes6: 1, classes9: 1 });
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, String(s?.id)));
    assert.equal(entries.length, 1);
    assert.match(entries[0]!.summary, /Импорт из файла: создана школа/);
    assert.equal(entries[0]!.schoolId, s?.id);
  });

  test('all or nothing: one bad row stops the whole file; mode=valid writes only the good rows', async () => {
    const file = await xlsx([
      HEADERS,
      schoolRow('57-01-020'),
      schoolRow('57-01-021'),
      schoolRow('57-01-022', { locality: 'хутор', email: 'нет' }),
    ]);
    const all = await importOk(region57, file, { mode: 'all' });
    assert.equal(all.applied, false);
    assert.equal(all.totalRows, 3);
    assert.equal(all.validRows, 2);
    assert.deepEqual(
      all.errors.map((e) => [e.row, e.column]),
      [
        [4, 'Местность (город/село)'],
        [4, 'Электронная почта'],
      ],
    );
    assert.deepEqual(all.created, { regions: 0, municipalities: 0, schools: 2 }, 'what the valid rows would create');
    assert.deepEqual(await schoolCodes('57-01-02'), [], 'nothing written');

    const valid = await importOk(region57, file, { mode: 'valid' });
    assert.equal(valid.applied, true);
    assert.equal(valid.errors.length, 2);
    assert.deepEqual(await schoolCodes('57-01-02'), ['57-01-020', '57-01-021']);
  });

  test('dry run only reports', async () => {
    const auditBefore = (await t.database.db.select().from(auditLog)).length;
    const report = await importOk(region57, await xlsx([HEADERS, schoolRow('57-01-030')]), { dryRun: 'true' });
    assert.equal(report.applied, false);
    assert.deepEqual(report.created.schools, 1);
    assert.deepEqual(await schoolCodes('57-01-03'), []);
    assert.equal((await t.database.db.select().from(auditLog)).length, auditBefore);
  });

  test('CSV with «;», BOM, lower-case synonym headers updates existing schools', async () => {
    const csv =
      '\uFEFFкод субъекта;субъект;код мо;муниципальное образование;код оо;телефон;кол-во обучающихся\r\n' +
      '57;Орловская область;57-01;Кромской район;57-01-002;"8 (48643) 2-33-44";"1 001"\r\n' +
      '\r\n' +
      '57;Орловская область;57-01;Кромской район;57-01-003;8 (48643) 2-55-66;\r\n';
    const report = await importOk(region57, Buffer.from(csv, 'utf8'), {}, 'школы.csv');
    assert.deepEqual(report.errors, []);
    assert.equal(report.totalRows, 2);
    assert.deepEqual(report.updated, { regions: 0, municipalities: 0, schools: 2 });
    assert.deepEqual(report.created, { regions: 0, municipalities: 0, schools: 0 });
    const rows = await t.database.db.select().from(schools).where(inArray(schools.code, ['57-01-002', '57-01-003']));
    const byCode = new Map(rows.map((r) => [r.code, r]));
    assert.equal(byCode.get('57-01-002')?.phone, '8 (48643) 2-33-44');
    assert.equal((byCode.get('57-01-002')?.context as Record<string, number>).students, 1001);
    assert.equal((byCode.get('57-01-003')?.context as Record<string, number>).students, undefined, 'empty cell clears');
    assert.ok((byCode.get('57-01-003')?.context as Record<string, number>).teachers, 'other context values kept');
    assert.ok(byCode.get('57-01-003')?.fullName.startsWith('Муниципальное'), 'columns not in the file are kept');
  });

  test('CSV in Windows-1251 with «,» is read too; row numbers count the header as row 1', async () => {
    const text = 'Код региона,Регион,Код муниципалитета,Муниципалитет,Код школы,ФИО директора,Местность\r\n' + '57,Орловская область,57-01,Кромской район,57-01-004,Сидоров С. С.,село\r\n' + '57,Орловская область,57-01,Кромской район,57-01-004,Сидоров С. С.,село\r\n';
    const bytes = Buffer.from(Array.from(text, (ch) => encode1251(ch)));
    const report = await importOk(region57, bytes, { dryRun: 'true' }, 'win.csv');
    assert.deepEqual(
      report.errors.map((e) => [e.row, e.column, e.message]),
      [
        [2, 'Код школы', 'Код школы 57-01-004 повторяется в строках 2, 3'],
        [3, 'Код школы', 'Код школы 57-01-004 повторяется в строках 2, 3'],
      ],
    );
  });

  test('rows outside the actor’s scope are row errors and are never written', async () => {
    const rc = await importOk(
      region57,
      await xlsx([
        HEADERS,
        schoolRow('58-01-001', { regionCode: '58', regionName: 'Пензенская область', municipalityCode: '58-01', municipalityName: 'Пенза' }),
        schoolRow('57-01-040'),
      ]),
      { mode: 'valid' },
    );
    assert.deepEqual(rc.errors.map((e) => [e.row, e.column]), [[2, 'Код региона']]);
    assert.match(rc.errors[0]!.message, /не найден в вашей зоне/);
    assert.equal((await t.database.db.select().from(regions).where(eq(regions.code, '58'))).length, 0);
    assert.deepEqual(await schoolCodes('57-01-04'), ['57-01-040']);

    const livny = await t.database.db.select().from(schools).where(eq(schools.code, '57-02-001'));
    const mo = await importOk(
      kromy,
      await xlsx([
        HEADERS,
        schoolRow('57-02-001', { municipalityCode: '57-02', municipalityName: 'Ливенский район', shortName: 'Взлом' }),
        schoolRow('57-02-050', { municipalityCode: '57-02', municipalityName: 'Ливенский район' }),
        schoolRow('57-05-001', { municipalityCode: '57-05', municipalityName: 'Новый район' }),
        schoolRow('57-01-050'),
      ]),
      { mode: 'valid' },
    );
    assert.deepEqual(
      mo.errors.map((e) => [e.row, e.column]),
      [
        [2, 'Код муниципалитета'],
        [3, 'Код муниципалитета'],
        [4, 'Код муниципалитета'],
      ],
    );
    assert.equal(mo.validRows, 1);
    assert.deepEqual(await t.database.db.select().from(schools).where(eq(schools.code, '57-02-001')), livny, 'unchanged');
    assert.deepEqual(await schoolCodes('57-02-05'), []);
    assert.equal((await t.database.db.select().from(municipalities).where(eq(municipalities.code, '57-05'))).length, 0);
    assert.deepEqual(await schoolCodes('57-01-05'), ['57-01-050']);
  });

  test('export → import round-trips; a changed cell becomes one update', async () => {
    const res = await region57.get('/api/territories/export?format=xlsx');
    assert.equal(res.statusCode, 200);
    assert.ok(String(res.headers['content-disposition']).includes("filename*=UTF-8''"));
    const rows = await readXlsx(res.rawPayload);
    assert.deepEqual(rows[0], HEADERS);
    const total = (await region57.get('/api/territories/schools?pageSize=1')).json().total;
    assert.equal(rows.length - 1, total);
    const again = await importOk(region57, res.rawPayload);
    assert.deepEqual(again.errors, []);
    assert.equal(again.validRows, total);
    assert.deepEqual(again.created, { regions: 0, municipalities: 0, schools: 0 });
    assert.deepEqual(again.updated, { regions: 0, municipalities: 0, schools: 0 });

    const csv = await region57.get('/api/territories/export?format=csv');
    const text = csv.rawPayload.toString('utf8').replace('8 (48643) 2-33-44', '8 (48643) 9-99-99');
    const changed = await importOk(region57, Buffer.from(text, 'utf8'), {}, 'export.csv');
    assert.deepEqual(changed.errors, []);
    assert.deepEqual(changed.updated, { regions: 0, municipalities: 0, schools: 1 });
    const [s] = await t.database.db.select().from(schools).where(eq(schools.code, '57-01-002'));
    assert.equal(s?.phone, '8 (48643) 9-99-99');

    const mine = await readXlsx((await kromy.get('/api/territories/export')).rawPayload);
    assert.ok(mine.slice(1).every((r) => r[2] === '57-01'), 'a municipal coordinator exports only its municipality');
  });

  test('refusals: school accounts may not import, a file is required, .xls is explained', async () => {
    const school = await t.as('school1');
    assert.equal((await upload(school, await xlsx([HEADERS]))).statusCode, 403);
    const none = await region57.post('/api/territories/import', {});
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().error.fields[0].path, 'file');
    const xls = await upload(region57, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), {}, 'old.xls');
    assert.equal(xls.statusCode, 400);
    assert.match(xls.json().error.message, /\.xls/);
    const headerOnly = await importOk(region57, await xlsx([['Что-то', 'Другое'], ['1', '2']]));
    assert.equal(headerOnly.applied, false);
    assert.ok(headerOnly.errors.some((e) => e.row === 1 && e.column === 'Код региона'));
  });
});

/** Windows-1251 byte of a character (Cyrillic and ASCII only — enough for the test). */
function encode1251(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code;
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
  if (ch === 'Ё') return 0xa8;
  if (ch === 'ё') return 0xb8;
  throw new Error(`no 1251 byte for ${ch}`);
}
