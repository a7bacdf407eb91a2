// Dashboards and reports against hand-made data (test-support.ts): the numbers are checked exactly in the API and
// in the files read back — XLSX with exceljs, DOCX with mammoth, PDF with unpdf.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { extractText } from 'unpdf';
import { setToday } from '../monitoring/clock.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { makeData, TODAY, type Made } from './test-support.js';

interface Indicator {
  code: string;
  title: string;
  value: number | null;
  numerator: number;
  denominator: number;
  threshold?: number;
  met?: boolean | null;
  done?: number;
}
interface Dashboard {
  territory: { level: string; name: string };
  breadcrumbs: { level: string; name: string; link: boolean }[];
  schools: number;
  indicators: Indicator[];
  childLevel: string | null;
  children: { id: number; name: string; schools: number; indicators: Indicator[]; query: Record<string, number> }[];
  overdue: { items: { title: string }[]; itemsTotal: number; documents: { school: string; title: string }[]; documentsTotal: number };
  documents?: { title: string; state: string }[];
  currentStageId: number | null;
  can: { stageReport: boolean; schoolPdf: boolean };
}

const values = (list: Indicator[]) => Object.fromEntries(list.map((i) => [i.code, [i.numerator, i.denominator, i.value]]));

describe('dashboards and reports', () => {
  let t: TestContext;
  let d: Made;
  let region57: Client;
  let kromy: Client;
  let school1: Client;
  let curator1: Client;

  before(async () => {
    t = await createTestApp();
    d = await makeData(t.database.db);
    setToday(TODAY);
    [region57, kromy, school1, curator1] = await Promise.all([t.as('region57'), t.as('mo-kromy'), t.as('school1'), t.as('curator1')]);
  });
  after(async () => {
    setToday(null);
    await t.close();
  });

  const dashboard = async (client: Client, query = '') => {
    const res = await client.get(`/api/dashboard?cycleId=${d.cycleId}${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Dashboard;
  };

  test('the regional coordinator opens on the region: every indicator computed from the data', async () => {
    const dash = await dashboard(region57);
    assert.equal(dash.territory.level, 'region');
    assert.equal(dash.territory.name, 'Орловская область');
    assert.equal(dash.schools, 6);
    assert.deepEqual(values(dash.indicators), {
      surveys_complete: [2, 6, 33.3],
      profile_verified: [1, 6, 16.7],
      directions_activated: [2, 6, 33.3],
      visited: [3, 6, 50],
      documents_uploaded: [2, 6, 33.3],
      documents_confirmed: [1, 6, 16.7],
      document_concept: [3, 6, 50],
      document_midterm_programme: [2, 6, 33.3],
      document_school_roadmap: [2, 6, 33.3],
      document_antirisk_programme: [1, 2, 50],
      document_evidence: [0, 2, 0],
      roadmap_stage_1: [2, 5, 40],
      roadmap_stage_2: [3, 6, 50],
      // r1 and m2, confirmed before stage 1, still count at stage 3
      roadmap_stage_3: [2, 6, 33.3],
    });
    const byCode = new Map(dash.indicators.map((i) => [i.code, i]));
    assert.equal(byCode.get('surveys_complete')!.title, 'Доля школ, завершивших анкетирование');
    assert.deepEqual([byCode.get('roadmap_stage_1')!.threshold, byCode.get('roadmap_stage_1')!.met, byCode.get('roadmap_stage_1')!.done], [45, false, 3]);
    assert.deepEqual([byCode.get('roadmap_stage_2')!.threshold, byCode.get('roadmap_stage_2')!.met], [75, false]);
    assert.equal(dash.currentStageId, d.stages.find((s) => s.number === 2)!.id);
    assert.deepEqual(dash.breadcrumbs.map((b) => [b.name, b.link]), [['Российская Федерация', false], ['Орловская область', true]]);
    assert.equal(dash.can.stageReport, true);
  });

  test('children: the municipalities with selected schools, each with its own indicators', async () => {
    const dash = await dashboard(region57);
    assert.equal(dash.childLevel, 'municipality');
    assert.deepEqual(dash.children.map((c) => [c.name, c.schools]), [['Кромской район', 4], ['Ливенский район', 2]]);
    const kromyRow = values(dash.children[0]!.indicators);
    assert.deepEqual(
      [kromyRow.surveys_complete, kromyRow.visited, kromyRow.documents_uploaded, kromyRow.documents_confirmed, kromyRow.roadmap_stage_1, kromyRow.roadmap_stage_2],
      [[1, 4, 25], [2, 4, 50], [1, 4, 25], [0, 4, 0], [1, 2, 50], [1, 2, 50]],
    );
    const livny = values(dash.children[1]!.indicators);
    assert.deepEqual([livny.surveys_complete, livny.documents_confirmed, livny.roadmap_stage_2], [[1, 2, 50], [1, 2, 50], [0, 0, null]]);
    assert.deepEqual(dash.children[0]!.query, { regionId: d.regionId, municipalityId: d.kromyId });
  });

  test('overdue lists: the municipal activity in progress past its date, and documents not confirmed in time', async () => {
    const dash = await dashboard(region57);
    assert.equal(dash.overdue.itemsTotal, 1);
    assert.equal(dash.overdue.items[0]!.title, 'Назначить ответственных за проект');
    // K2: programme, roadmap, anti-risk programme, stage 1 evidence; K3, K4, L2: three each
    assert.equal(dash.overdue.documentsTotal, 13);
    assert.equal(dash.overdue.documents.filter((o) => o.school === 'МБОУ «Кромская СОШ №2»').length, 4);
  });

  test('drill-down: municipality → school, with breadcrumbs', async () => {
    const mo = await dashboard(region57, `&municipalityId=${d.kromyId}`);
    assert.equal(mo.territory.name, 'Кромской район');
    assert.equal(mo.childLevel, 'school');
    assert.deepEqual(mo.children.map((c) => c.name), ['МБОУ «Кромская ООШ»', 'МБОУ «Кромская СОШ №1»', 'МБОУ «Кромская СОШ №2»', 'МБОУ «Кромская СОШ №32»']);
    assert.deepEqual(values(mo.indicators).roadmap_stage_2, [1, 2, 50]);

    const school = await dashboard(region57, `&schoolId=${d.school.K1}`);
    assert.equal(school.territory.level, 'school');
    assert.deepEqual(school.breadcrumbs.map((b) => b.name), ['Российская Федерация', 'Орловская область', 'Кромской район', 'МБОУ «Кромская СОШ №1»']);
    assert.equal(school.childLevel, null);
    const v = values(school.indicators);
    assert.deepEqual([v.surveys_complete, v.profile_verified, v.visited, v.documents_uploaded, v.documents_confirmed], [[1, 1, 100], [1, 1, 100], [1, 1, 100], [1, 1, 100], [0, 1, 0]]);
    assert.deepEqual(
      school.documents!.map((s) => s.state),
      ['confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed', 'submitted', 'missing'],
    );
    assert.equal(school.can.schoolPdf, true);
    assert.equal(school.can.stageReport, false);
  });

  test('scope: a municipal coordinator opens on the municipality and never sees another', async () => {
    const own = await dashboard(kromy);
    assert.equal(own.territory.name, 'Кромской район');
    assert.equal(own.schools, 4);
    assert.equal((await kromy.get(`/api/dashboard?cycleId=${d.cycleId}&municipalityId=${d.livnyId}`)).statusCode, 404);
    assert.equal((await kromy.get(`/api/dashboard?cycleId=${d.cycleId}&schoolId=${d.school.L1}`)).statusCode, 404);
    // the region is a visible parent: only the coordinator's own municipality is counted in it
    const region = await dashboard(kromy, `&regionId=${d.regionId}`);
    assert.deepEqual(region.children.map((c) => c.name), ['Кромской район']);
    assert.equal(region.schools, 4);
    assert.equal(region.can.stageReport, false);
  });

  test('a school and a curator open on the school', async () => {
    const own = await dashboard(school1);
    assert.equal(own.territory.level, 'school');
    assert.equal(own.schools, 1);
    assert.equal((await school1.get(`/api/dashboard?cycleId=${d.cycleId}&schoolId=${d.school.K2}`)).statusCode, 404);
    const cur = await dashboard(curator1);
    assert.equal(cur.territory.name, 'МБОУ «Кромская СОШ №1»');
  });

  test('the stage report (XLSX) carries the same numbers', async () => {
    const stage1 = d.stages.find((s) => s.number === 1)!.id;
    const res = await region57.get(`/api/reports/stage?cycleId=${d.cycleId}&regionId=${d.regionId}&stageId=${stage1}&format=xlsx`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.match(String(res.headers['content-disposition']), /stage-1-region-/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const find = (first: string) => rows.find((r) => r[0] === first);
    assert.equal(rows[0]![0], 'Отчёт о результатах мониторинга: Первый этап мониторинга (июнь)');
    assert.deepEqual(find('Доля школ, завершивших анкетирование'), ['Доля школ, завершивших анкетирование', 33.3, 2, 6, 100, 'нет']);
    assert.deepEqual(find('Доля школ, посещённых куратором'), ['Доля школ, посещённых куратором', 50, 3, 6, 100, 'нет']);
    // execution per stage up to the reported one: stage 1 only
    assert.deepEqual(find('Первый этап мониторинга (июнь)'), ['Первый этап мониторинга (июнь)', '30.06.2030', 45, 5, 3, 2, 40, 'нет']);
    assert.equal(find('Второй этап мониторинга (сентябрь)'), undefined);
    assert.deepEqual(find('Кромской район'), ['Кромской район', 4, 25, 25, 50, 50, 25, 0, 50]);
    assert.deepEqual(find('Ливенский район'), ['Ливенский район', 2, 50, 0, 0, 50, 50, 50, '—']);
    assert.ok(rows.some((r) => r[0] === 'Просроченные мероприятия дорожных карт (1)'));
    assert.ok(rows.some((r) => r[0] === 'Просроченные документы школ (13)'));
    assert.deepEqual(rows.find((r) => r[2] === 'Назначить ответственных за проект'), ['Кромской район', '1', 'Назначить ответственных за проект', '01.06.2030']);
  });

  test('the stage report (DOCX) of the municipality, by default at the current stage', async () => {
    const res = await kromy.get(`/api/reports/stage?cycleId=${d.cycleId}&municipalityId=${d.kromyId}&format=docx`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.rawPayload.subarray(0, 2).toString(), 'PK');
    const { value } = await mammoth.extractRawText({ buffer: res.rawPayload });
    assert.match(value, /Отчёт о результатах мониторинга: Второй этап мониторинга \(сентябрь\)/);
    assert.match(value, /Муниципалитет: Кромской район/);
    assert.match(value, /Школ в проекте: 4/);
    const lines = value.split('\n').map((l) => l.trim()).filter(Boolean);
    // the row of stage 2: title, date, threshold, due, done, confirmed, percent, met
    const at = lines.indexOf('Второй этап мониторинга (сентябрь)', lines.indexOf('Исполнение дорожных карт по этапам мониторинга'));
    assert.deepEqual(lines.slice(at, at + 8), ['Второй этап мониторинга (сентябрь)', '30.09.2030', '75', '2', '1', '1', '50', 'нет']);
    const school = lines.indexOf('МБОУ «Кромская СОШ №1»');
    assert.deepEqual(lines.slice(school, school + 8), ['МБОУ «Кромская СОШ №1»', '1', '100', '100', '100', '100', '100', '0']);
  });

  test('the year-end summary has every stage', async () => {
    const res = await region57.get(`/api/reports/year?cycleId=${d.cycleId}&regionId=${d.regionId}&format=xlsx`);
    assert.equal(res.statusCode, 200, res.body);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    assert.equal(rows[0]![0], 'Итоговый отчёт о реализации проекта за 2030 год');
    const find = (first: string) => rows.find((r) => r[0] === first);
    assert.deepEqual(find('Второй этап мониторинга (сентябрь)'), ['Второй этап мониторинга (сентябрь)', '30.09.2030', 75, 6, 4, 3, 50, 'нет']);
    // executed before stage 1 and confirmed: still counted at stage 3
    assert.deepEqual(find('Третий этап мониторинга (октябрь–ноябрь)')!.slice(3), [6, 3, 2, 33.3, 'нет']);
    assert.deepEqual(find('Кромской район')!.slice(-3), [50, 50, 50]);
    const docx = await region57.get(`/api/reports/year?cycleId=${d.cycleId}&regionId=${d.regionId}&format=docx`);
    assert.equal(docx.statusCode, 200);
    assert.match((await mammoth.extractRawText({ buffer: docx.rawPayload })).value, /Итоговый отчёт о реализации проекта за 2030 год/);
  });

  test('the printable PDF of a school: profile and progress', async () => {
    const res = await region57.get(`/api/reports/school/${d.school.K1}/pdf?cycleId=${d.cycleId}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const { text } = await extractText(new Uint8Array(res.rawPayload), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    assert.match(flat, /Профиль школы и ход реализации проекта/);
    assert.match(flat, /МБОУ «Кромская СОШ №1»/);
    assert.match(flat, /Иванова Мария Петровна/, 'the curator of the cycle');
    assert.match(flat, /Низкая учебная мотивация обучающихся высокий риск 0,72/);
    assert.match(flat, /01\.05\.2030 дистанционно/);
    assert.match(flat, /подтверждён куратором/);
    // the school has no roadmap of its own: nothing due
    assert.match(flat, /Второй этап мониторинга \(сентябрь\) 0 0 — 75/);
    assert.equal((await school1.get(`/api/reports/school/${d.school.K1}/pdf?cycleId=${d.cycleId}`)).statusCode, 200);
    assert.equal((await school1.get(`/api/reports/school/${d.school.K2}/pdf?cycleId=${d.cycleId}`)).statusCode, 404);
  });

  test('reports: schools and curators may not; a report outside the territory is not found', async () => {
    assert.equal((await school1.get(`/api/reports/stage?cycleId=${d.cycleId}&regionId=${d.regionId}&format=xlsx`)).statusCode, 403);
    assert.equal((await curator1.get(`/api/reports/year?cycleId=${d.cycleId}&regionId=${d.regionId}&format=xlsx`)).statusCode, 403);
    assert.equal((await kromy.get(`/api/reports/stage?cycleId=${d.cycleId}&regionId=${d.regionId}&format=xlsx`)).statusCode, 404);
    assert.equal((await kromy.get(`/api/reports/stage?cycleId=${d.cycleId}&municipalityId=${d.livnyId}&format=xlsx`)).statusCode, 404);
    assert.equal((await region57.get(`/api/reports/stage?cycleId=${d.cycleId}&format=xlsx`)).statusCode, 404);
    assert.equal((await region57.get(`/api/reports/stage?cycleId=${d.cycleId}&regionId=${d.regionId}&format=pdf`)).statusCode, 400);
    assert.equal((await region57.get(`/api/reports/stage?cycleId=${d.cycleId}&regionId=${d.regionId}&stageId=999999&format=xlsx`)).statusCode, 404);
  });
});
