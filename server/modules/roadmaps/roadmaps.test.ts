import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { auditLog, roadmapItems, roadmaps } from '../../db/schema.js';
import { snapshot } from '../../test/authz/fixtures.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { demoIds, otherRegion, SAMPLE_ITEMS, tempDataDir, type DemoIds } from './test-support.js';

describe('roadmaps API', () => {
  let t: TestContext;
  let ids: DemoIds;
  let admin: Client;
  let region57: Client;
  let kromy: Client;
  let school1: Client;
  let observer: Client;
  const data = tempDataDir();

  before(async () => {
    t = await createTestApp({ config: { dataDir: data.dir } });
    ids = await demoIds(t.database.db);
    [admin, region57, kromy, school1, observer] = await Promise.all([t.as('admin'), t.as('region57'), t.as('mo-kromy'), t.as('school1'), t.as('observer57')]);
  });
  after(async () => {
    await t.close();
    data.cleanup();
  });
  // one roadmap per territory and cycle: each test starts without the demo ones
  beforeEach(async () => {
    await t.database.db.delete(roadmaps);
  });

  const regional = (extra: Record<string, unknown> = {}) => ({
    cycleId: ids.cycleId,
    level: 'regional',
    regionId: ids.regionId,
    title: 'План-график реализации проекта «500+» в Орловской области',
    orderAuthority: 'Департамент образования Орловской области',
    orderNumber: '226',
    orderDate: '2026-02-28',
    items: SAMPLE_ITEMS,
    ...extra,
  });

  test('a regional coordinator creates a regional roadmap; timing, parties, parents and flags come from the server', async () => {
    const res = await region57.post('/api/roadmaps', regional());
    assert.equal(res.statusCode, 201, res.body);
    const { roadmap } = res.json();
    assert.equal(roadmap.territory, 'Орловская область');
    assert.equal(roadmap.level, 'regional');
    assert.equal(roadmap.year, 2026);
    assert.equal(roadmap.itemCount, 4);
    assert.equal(roadmap.version, 1);
    assert.deepEqual(roadmap.can, { edit: true, mark: true, confirm: false });

    const detail = (await region57.get(`/api/roadmaps/${roadmap.id}`)).json();
    const [one, oneOne, two, unnumbered] = detail.items;
    assert.deepEqual(detail.items.map((i: { number: string | null }) => i.number), ['1', '1.1', '2', null]);
    assert.deepEqual(detail.items.map((i: { position: number }) => i.position), [1, 2, 3, 4]);
    assert.equal(oneOne.parentId, one.id);
    assert.equal(one.parentId, null);
    assert.equal(one.dueDate, '2026-02-15');
    assert.equal(one.startDate, null);
    assert.equal(one.timingFormatted, 'до 15.02.2026');
    assert.deepEqual(one.responsibleParties, ['Региональный координатор', 'УО']);
    assert.deepEqual(one.flags, []);
    assert.equal(oneOne.startDate, '2026-02-01');
    assert.equal(oneOne.dueDate, '2026-02-28');
    assert.equal(two.dueDate, null);
    assert.equal(two.timing.recurrence.every, 'month');
    // «Июнь» has no year: the roadmap's year is used and flagged; the row has no number
    assert.equal(unnumbered.dueDate, '2026-06-30');
    assert.deepEqual(unnumbered.flags, ['сроки: год не указан, взят из документа', 'строка без номера']);
    assert.equal(detail.roadmap.flaggedCount, 1);
    assert.equal(detail.stages.length, 3);
    assert.equal(detail.roadmap.status, 'draft');
    assert.deepEqual(detail.monitoring, [], 'a draft is not counted');
    assert.equal(detail.sourceText, null);

    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'roadmap'), eq(auditLog.entityId, String(roadmap.id))));
    assert.equal(entry!.action, 'create');
    assert.equal(entry!.regionId, ids.regionId);
    assert.match(entry!.summary, /^Создана региональная дорожная карта «План-график.*» \(Орловская область, 2026 год\): мероприятий 4$/);
  });

  test('the level must match the territory; the cycle must exist; fields are checked with exact paths', async () => {
    const bad = async (body: Record<string, unknown>) => {
      const res = await admin.post('/api/roadmaps', body);
      assert.equal(res.statusCode, 400, res.body);
      return res.json().error.fields.map((f: { path: string }) => f.path);
    };
    assert.deepEqual(await bad(regional({ regionId: undefined })), ['regionId']);
    assert.deepEqual(await bad(regional({ municipalityId: ids.kromyId })), ['municipalityId']);
    assert.deepEqual(await bad(regional({ level: 'federal' })), ['regionId']);
    assert.deepEqual(await bad(regional({ level: 'municipal', municipalityId: ids.kromyId, regionId: ids.regionId + 1000 })), ['regionId']);
    assert.deepEqual(await bad(regional({ level: 'school', regionId: undefined, schoolId: ids.school1Id, municipalityId: ids.livnyId })), ['municipalityId']);
    assert.deepEqual(await bad(regional({ cycleId: 99999 })), ['cycleId']);
    assert.deepEqual(
      await bad(regional({ items: [{ number: 'x1', title: '' }, { title: 'Ок', timingText: 5 }], orderDate: '2026-02-30' })),
      ['orderDate', 'items.0.number', 'items.0.title', 'items.1.timingText'],
    );
    // a municipal roadmap takes its region from the municipality; a school one its municipality and region
    const m = await admin.post('/api/roadmaps', regional({ level: 'municipal', regionId: undefined, municipalityId: ids.kromyId }));
    assert.equal(m.statusCode, 201, m.body);
    assert.deepEqual([m.json().roadmap.regionId, m.json().roadmap.territory], [ids.regionId, 'Кромской район']);
    const s = await admin.post('/api/roadmaps', regional({ level: 'school', regionId: undefined, schoolId: ids.school1Id, items: [] }));
    assert.equal(s.statusCode, 201, s.body);
    assert.deepEqual(
      [s.json().roadmap.regionId, s.json().roadmap.municipalityId, s.json().roadmap.territory],
      [ids.regionId, ids.kromyId, 'МБОУ «Кромская СОШ №1»'],
    );
  });

  test('mo-kromy reads the regional roadmap but may not change it (403); nothing changes', async () => {
    const { roadmap } = (await region57.post('/api/roadmaps', regional())).json();
    const detail = (await kromy.get(`/api/roadmaps/${roadmap.id}`)).json();
    assert.deepEqual(detail.roadmap.can, { edit: false, mark: false, confirm: false });
    const before = await snapshot(t.database.db);
    const items = detail.items.map((i: { id: number; title: string }) => ({ ...i, title: `${i.title} (изменено)` }));
    assert.equal((await kromy.put(`/api/roadmaps/${roadmap.id}`, { version: 1, title: 'Другое', items })).statusCode, 403);
    assert.equal((await kromy.delete(`/api/roadmaps/${roadmap.id}`)).statusCode, 403);
    assert.equal((await kromy.post('/api/roadmaps', regional())).statusCode, 403);
    assert.equal((await observer.post('/api/roadmaps', regional())).statusCode, 403);
    assert.equal((await school1.post('/api/roadmaps', regional({ level: 'municipal', regionId: undefined, municipalityId: ids.kromyId }))).statusCode, 403);
    // another municipality's roadmap is not even visible to mo-kromy
    assert.equal((await kromy.post('/api/roadmaps', regional({ level: 'municipal', regionId: undefined, municipalityId: ids.livnyId }))).statusCode, 404);
    assert.equal(await snapshot(t.database.db), before);
    // the regional coordinator may edit the municipal roadmap of its region; mo-kromy its own
    const mun = (await kromy.post('/api/roadmaps', regional({ level: 'municipal', regionId: undefined, municipalityId: ids.kromyId }))).json();
    assert.deepEqual(mun.roadmap.can, { edit: true, mark: true, confirm: false });
    const asRegion = (await region57.get(`/api/roadmaps/${mun.roadmap.id}`)).json();
    assert.deepEqual(asRegion.roadmap.can, { edit: true, mark: false, confirm: true });
  });

  test('a roadmap in another region is 404 for region57, and its refused writes change nothing', async () => {
    const other = await otherRegion(t.database.db);
    const created = await admin.post('/api/roadmaps', regional({ regionId: other.regionId, title: 'Чужая дорожная карта' }));
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().roadmap.id;
    const list = (await region57.get('/api/roadmaps')).json();
    assert.ok(!list.items.some((r: { id: number }) => r.id === id));
    const before = await snapshot(t.database.db);
    for (const [method, url, body] of [
      ['GET', `/api/roadmaps/${id}`],
      ['GET', `/api/roadmaps/${id}/changes`],
      ['GET', `/api/roadmaps/${id}/export?format=xlsx`],
      ['PUT', `/api/roadmaps/${id}`, { version: 1, title: 'Захват', items: [] }],
      ['DELETE', `/api/roadmaps/${id}`],
      ['POST', `/api/roadmaps/${id}/copy`, { municipalityId: other.municipalityId }],
      ['POST', '/api/roadmaps', regional({ regionId: other.regionId })],
      ['GET', `/api/roadmaps?regionId=${other.regionId}`],
    ] as [string, string, unknown?][]) {
      const res = await region57.request(method, url, body);
      assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
      assert.ok(!res.body.includes('Чужая') && !res.body.includes('Другая область'), res.body);
    }
    assert.equal(await snapshot(t.database.db), before);
    assert.equal((await admin.get(`/api/roadmaps/${id}`)).statusCode, 200);
  });

  test('PUT of a draft saves the full list in order: kept ids stay, others are deleted or added; stale version → 409', async () => {
    const { roadmap } = (await kromy.post('/api/roadmaps', regional({ level: 'municipal', regionId: undefined, municipalityId: ids.kromyId }))).json();
    const detail = (await kromy.get(`/api/roadmaps/${roadmap.id}`)).json();
    const [one, oneOne, two, unnumbered] = detail.items;

    const strip = ({ id, number, title, timingText, responsibleText, indicator, infoSupport }: Record<string, unknown>) =>
      ({ id, number, title, timingText, responsibleText, indicator, infoSupport });
    const body = {
      version: 1,
      title: 'План-график Кромского района на 2026 год',
      orderAuthority: 'Отдел образования администрации Кромского района',
      orderNumber: '15',
      orderDate: '2026-03-10',
      items: [
        strip(two), // moved to the top, keeps its id
        { ...strip(one), timingText: 'до 01.03.2026' },
        { number: '1.2', title: 'Новое мероприятие', timingText: 'Апрель 2026', responsibleText: 'Школьный координатор', indicator: '', infoSupport: '' },
        strip(unnumbered),
      ],
    };
    const saved = await kromy.put(`/api/roadmaps/${roadmap.id}`, body);
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().roadmap.version, 2);
    assert.equal(saved.json().roadmap.title, 'План-график Кромского района на 2026 год');

    const after = (await kromy.get(`/api/roadmaps/${roadmap.id}`)).json();
    assert.deepEqual(after.items.map((i: { number: string | null }) => i.number), ['2', '1', '1.2', null]);
    assert.equal(after.items[0].id, two.id);
    assert.equal(after.items[1].id, one.id);
    assert.equal(after.items[1].dueDate, '2026-03-01');
    assert.equal(after.items[2].parentId, one.id);
    assert.ok(!after.items.some((i: { id: number }) => i.id === oneOne.id), 'item 1.1 was not listed and is deleted');
    assert.equal(after.roadmap.orderNumber, '15');

    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'roadmap'), eq(auditLog.entityId, String(roadmap.id)), eq(auditLog.action, 'update')));
    assert.match(entry!.summary, /добавлено мероприятий 1, изменено 1, удалено 1, перемещено 2$/);
    const changes = entry!.changes as Record<string, unknown>;
    assert.deepEqual(changes.orderNumber, ['226', '15']);
    assert.deepEqual(changes.itemsChanged, [{ id: one.id, number: '1', fields: { timingText: ['до 15.02.2026', 'до 01.03.2026'] } }]);
    assert.deepEqual(changes.itemsRemoved, ['1.1 «Сбор сведений о кураторах школ»']);

    // stale version: 409, nothing changes
    const before = await snapshot(t.database.db);
    const stale = await kromy.put(`/api/roadmaps/${roadmap.id}`, { ...body, items: [] });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'conflict');
    // an id of another roadmap: 400 on its field
    const foreign = await kromy.put(`/api/roadmaps/${roadmap.id}`, { ...body, version: 2, items: [...body.items, { ...strip(one), id: detail.items[0].id + 100000 }] });
    assert.equal(foreign.statusCode, 400);
    assert.deepEqual(foreign.json().error.fields.map((f: { path: string }) => f.path), ['items.4.id']);
    const twice = await kromy.put(`/api/roadmaps/${roadmap.id}`, { ...body, version: 2, items: [...body.items, strip(two)] });
    assert.deepEqual(twice.json().error.fields, [{ path: 'items.4.id', message: 'Мероприятие указано дважды' }]);
    assert.equal(await snapshot(t.database.db), before);
  });

  test('DELETE removes the roadmap with its items and marks; copies lose the link', async () => {
    const { roadmap } = (await region57.post('/api/roadmaps', regional())).json();
    const copy = (await region57.post(`/api/roadmaps/${roadmap.id}/copy`, { municipalityId: ids.livnyId })).json();
    const res = await region57.delete(`/api/roadmaps/${roadmap.id}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { ok: true });
    assert.equal((await region57.get(`/api/roadmaps/${roadmap.id}`)).statusCode, 404);
    assert.equal((await t.database.db.select().from(roadmapItems).where(eq(roadmapItems.roadmapId, roadmap.id))).length, 0);
    const left = (await region57.get(`/api/roadmaps/${copy.roadmap.id}`)).json();
    assert.equal(left.roadmap.templateId, null);
    assert.ok(left.items.every((i: { templateItemId: number | null }) => i.templateItemId === null));
    const changes = (await region57.get(`/api/roadmaps/${copy.roadmap.id}/changes`)).json();
    assert.deepEqual(changes, { template: null, added: [], removed: [], changed: [] });
  });

  test('copy down: a municipal roadmap from the regional one, then the changes against it', async () => {
    const { roadmap: template } = (await region57.post('/api/roadmaps', regional())).json();
    // the target must lie inside the template's territory, and the actor must be allowed to edit it
    const other = await otherRegion(t.database.db, '78');
    assert.equal((await admin.post(`/api/roadmaps/${template.id}/copy`, { municipalityId: other.municipalityId })).json().error.fields[0].path, 'municipalityId');
    assert.equal((await admin.post(`/api/roadmaps/${template.id}/copy`, {})).statusCode, 400);
    assert.equal((await school1.post(`/api/roadmaps/${template.id}/copy`, { municipalityId: ids.kromyId })).statusCode, 403);
    assert.equal((await kromy.post(`/api/roadmaps/${template.id}/copy`, { municipalityId: ids.livnyId })).statusCode, 404);

    const res = await kromy.post(`/api/roadmaps/${template.id}/copy`, { municipalityId: ids.kromyId });
    assert.equal(res.statusCode, 201, res.body);
    const copy = res.json().roadmap;
    assert.equal(copy.templateId, template.id);
    assert.equal(copy.level, 'municipal');
    assert.equal(copy.territory, 'Кромской район');
    assert.equal(copy.itemCount, 4);
    const tItems = (await kromy.get(`/api/roadmaps/${template.id}`)).json().items;
    const cItems = (await kromy.get(`/api/roadmaps/${copy.id}`)).json().items;
    assert.deepEqual(cItems.map((i: { templateItemId: number }) => i.templateItemId), tItems.map((i: { id: number }) => i.id));
    assert.equal(cItems[1].parentId, cItems[0].id);
    assert.deepEqual((await kromy.get(`/api/roadmaps/${copy.id}/changes`)).json().added, []);

    // the municipality adapts its copy: edits one item, removes one, adds two
    const keep = cItems.map(({ id, number, title, timingText, responsibleText, indicator, infoSupport }: Record<string, unknown>) =>
      ({ id, number, title, timingText, responsibleText, indicator, infoSupport }));
    const saved = await kromy.put(`/api/roadmaps/${copy.id}`, {
      version: 1,
      title: copy.title,
      items: [
        { ...keep[0], responsibleText: 'Отдел образования администрации Кромского района' },
        keep[1],
        keep[2],
        { number: '3', title: 'Районный семинар для учителей математики', timingText: 'Октябрь 2026', responsibleText: 'ИМЦ', indicator: 'Проведён семинар', infoSupport: '' },
        { number: '4', title: 'Посещение школ кураторами', timingText: 'Ежеквартально', responsibleText: 'Кураторы', indicator: '', infoSupport: '' },
      ],
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const changes = (await school1.get(`/api/roadmaps/${copy.id}/changes`)).json();
    assert.equal(changes.template.id, template.id);
    assert.equal(changes.template.territory, 'Орловская область');
    assert.deepEqual(changes.added.map((i: { number: string }) => i.number), ['3', '4']);
    assert.deepEqual(changes.removed, [{ id: tItems[3].id, number: null, title: tItems[3].title }]);
    assert.deepEqual(changes.changed, [
      {
        itemId: cItems[0].id,
        number: '1',
        fields: { responsibleText: ['Региональный координатор, МОУО', 'Отдел образования администрации Кромского района'] },
      },
    ]);
    // school level: a school roadmap from the municipal one, by the municipality
    const school = await kromy.post(`/api/roadmaps/${copy.id}/copy`, { schoolId: ids.school1Id });
    assert.equal(school.statusCode, 201, school.body);
    assert.equal(school.json().roadmap.territory, 'МБОУ «Кромская СОШ №1»');
    assert.equal((await kromy.post(`/api/roadmaps/${copy.id}/copy`, { schoolId: ids.livnySchoolId })).statusCode, 404);
    assert.equal((await admin.post(`/api/roadmaps/${copy.id}/copy`, { schoolId: ids.livnySchoolId })).json().error.fields[0].path, 'schoolId');
    assert.equal((await admin.post(`/api/roadmaps/${school.json().roadmap.id}/copy`, { schoolId: ids.school1Id })).statusCode, 400);
  });

  test('list filters by cycle, level and territory; only readable roadmaps', async () => {
    assert.equal((await region57.post('/api/roadmaps', regional())).statusCode, 201);
    assert.equal((await kromy.post('/api/roadmaps', regional({ level: 'municipal', regionId: undefined, municipalityId: ids.kromyId }))).statusCode, 201);
    assert.equal((await admin.post('/api/roadmaps', regional({ level: 'municipal', regionId: undefined, municipalityId: ids.livnyId }))).statusCode, 201);
    const all = (await school1.get(`/api/roadmaps?cycleId=${ids.cycleId}`)).json().items as { level: string; territory: string }[];
    assert.ok(all.length > 0);
    assert.ok(all.every((r) => ['Орловская область', 'Кромской район', 'МБОУ «Кромская СОШ №1»'].includes(r.territory)), JSON.stringify(all.map((r) => r.territory)));
    const municipal = (await region57.get(`/api/roadmaps?level=municipal&municipalityId=${ids.kromyId}`)).json().items as { level: string; municipalityId: number }[];
    assert.ok(municipal.length > 0 && municipal.every((r) => r.level === 'municipal' && r.municipalityId === ids.kromyId));
    assert.equal((await school1.get(`/api/roadmaps?municipalityId=${ids.livnyId}`)).statusCode, 404);
    assert.equal((await school1.get(`/api/roadmaps?level=weird`)).statusCode, 400);
  });

  test('export: DOCX with the order table and XLSX with the same columns', async () => {
    const { roadmap } = (await region57.post('/api/roadmaps', regional())).json();
    const docx = await school1.get(`/api/roadmaps/${roadmap.id}/export?format=docx`);
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(String(docx.headers['content-disposition']), /^attachment; filename="roadmap-\d+-2026\.docx"; filename\*=UTF-8''/);
    assert.ok(String(docx.headers['content-disposition']).includes(encodeURIComponent('Дорожная карта Орловская область 2026.docx')));
    const { value: text } = await mammoth.extractRawText({ buffer: docx.rawPayload });
    for (const s of ['Показатель реализации', 'Информационное сопровождение', 'Департамент образования Орловской области', 'Приказ № 226 от 28.02.2026', ...SAMPLE_ITEMS.map((i) => i.title)]) {
      assert.ok(text.includes(s), `DOCX lacks «${s}»`);
    }

    const xlsx = await school1.get(`/api/roadmaps/${roadmap.id}/export?format=xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    const cells = (r: number) => Array.from({ length: 6 }, (_, k) => sheet.getCell(r, k + 1).text);
    let h = 1;
    while (h < 20 && sheet.getCell(h, 1).text !== '№') h++;
    assert.equal(sheet.getCell(1, 1).text, 'План-график реализации проекта «500+» в Орловской области');
    assert.deepEqual(cells(h), ['№', 'Мероприятие', 'Сроки', 'Ответственные', 'Показатель реализации', 'Информационное сопровождение']);
    assert.ok([1, 2, 6].every((c) => sheet.getCell(h, c).font?.bold === true), 'header row is bold');
    assert.deepEqual(cells(h + 1), ['1', SAMPLE_ITEMS[0]!.title, 'до 15.02.2026', 'Региональный координатор, МОУО', 'Приказы о назначении координаторов', 'Сайт министерства образования']);
    assert.deepEqual(cells(h + 4).slice(0, 3), ['', SAMPLE_ITEMS[3]!.title, 'Июнь']);
    assert.equal(sheet.actualRowCount, h - 1 + SAMPLE_ITEMS.length); // the blank row before the header is not counted
    assert.equal(sheet.getColumn(2).width, 60);
    assert.equal(sheet.getCell(h + 1, 2).alignment?.wrapText, true);
    assert.equal((await school1.get(`/api/roadmaps/${roadmap.id}/export?format=pdf`)).statusCode, 400);
  });

  test('the database keeps what the API says', async () => {
    const rows = await t.database.db.select().from(roadmaps).where(eq(roadmaps.regionId, ids.regionId));
    assert.ok(rows.every((r) => r.year === 2026 && r.version >= 1));
  });
});
