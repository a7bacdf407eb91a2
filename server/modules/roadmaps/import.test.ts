import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import ExcelJS from 'exceljs';
import { snapshot } from '../../test/authz/fixtures.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { multipart } from '../../test/multipart.js';
import { demoIds, tempDataDir, type DemoIds } from './test-support.js';

const FIXTURES = new URL('../../../../shared/fixtures/roadmaps/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));

/** Windows-1251 bytes of a text (the table is built from the decoder, so it is exact). */
function cp1251(text: string): Buffer {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

interface Expected {
  k: number;
  number: string | null;
  title: string;
  dueDate: string | null;
  responsible?: string;
  indicator?: string;
  startDate?: string | null;
  flags?: string[];
}

describe('roadmap import', () => {
  let t: TestContext;
  let ids: DemoIds;
  let admin: Client;
  let kromy: Client;
  const data = tempDataDir();
  const cycle: Record<number, number> = {};
  let kaluga: number;
  let eaoMunicipality: number;

  before(async () => {
    t = await createTestApp({ config: { dataDir: data.dir } });
    ids = await demoIds(t.database.db);
    [admin, kromy] = await Promise.all([t.as('admin'), t.as('mo-kromy')]);
    for (const year of [2021, 2022]) {
      const res = await admin.post('/api/cycles', { year, title: `Проект 500+ — ${year}` });
      assert.equal(res.statusCode, 201, res.body);
      cycle[year] = res.json().id;
    }
    kaluga = (await admin.post('/api/territories/regions', { code: '40', name: 'Калужская область' })).json().id;
    const eao = (await admin.post('/api/territories/regions', { code: '79', name: 'Еврейская автономная область' })).json().id;
    eaoMunicipality = (await admin.post('/api/territories/municipalities', { regionId: eao, code: '79-02', name: 'Ленинский муниципальный район' })).json().id;
  });
  after(async () => {
    await t.close();
    data.cleanup();
  });

  async function parseFile(client: Client, name: string, content: Buffer) {
    const { payload, headers } = multipart({ name, content });
    return client.request('POST', '/api/roadmaps/parse', payload, headers);
  }

  /** Upload → preview → save as the editor would → the saved items, checked against the preview and the expectations. */
  async function importFixture(
    client: Client,
    name: string,
    target: Record<string, unknown>,
    expected: { count: number; numbers?: (string | null)[]; document: Record<string, unknown>; items: Expected[] },
  ) {
    const res = await parseFile(client, name, fixture(name));
    assert.equal(res.statusCode, 200, res.body);
    const preview = res.json();
    for (const [key, value] of Object.entries(expected.document)) assert.deepEqual(preview.document[key], value, `document.${key}`);
    assert.equal(preview.items.length, expected.count);
    const saved = await client.post('/api/roadmaps', {
      ...target,
      cycleId: cycle[preview.document.year],
      title: preview.document.title,
      orderAuthority: preview.document.authority,
      orderNumber: preview.document.number,
      orderDate: preview.document.date,
      sourceText: preview.sourceText,
      items: preview.items.map(({ number, title, timingText, responsibleText, indicator, infoSupport }: Record<string, unknown>) => ({
        number, title, timingText, responsibleText, indicator, infoSupport,
      })),
    });
    assert.equal(saved.statusCode, 201, saved.body);
    assert.equal(saved.json().roadmap.itemCount, expected.count);
    const detail = (await client.get(`/api/roadmaps/${saved.json().roadmap.id}`)).json();
    const items = detail.items;
    assert.equal(items.length, expected.count);
    assert.equal(detail.sourceText, fixture(name).toString('utf8'));
    assert.deepEqual(items.map((i: { number: string | null }) => i.number), preview.items.map((i: { number: string | null }) => i.number));
    if (expected.numbers) assert.deepEqual(items.map((i: { number: string | null }) => i.number), expected.numbers);
    items.forEach((item: Record<string, unknown>, k: number) => {
      const p = preview.items[k];
      for (const f of ['title', 'timingText', 'responsibleText', 'indicator', 'infoSupport']) assert.equal(item[f], p[f], `item ${k} ${f}`);
      assert.equal(item.timingFormatted, p.timingFormatted, `item ${k} timing`);
      assert.deepEqual(item.responsibleParties, p.responsibleParties, `item ${k} parties`);
      assert.equal(item.position, k + 1);
    });
    for (const e of expected.items) {
      const item = items[e.k];
      assert.ok(item, `item #${e.k}`);
      assert.equal(item.number, e.number, `#${e.k} number`);
      assert.ok(item.title.startsWith(e.title), `#${e.k} title: ${item.title}`);
      assert.equal(item.dueDate, e.dueDate, `#${e.k} dueDate`);
      if (e.responsible !== undefined) assert.equal(item.responsibleText, e.responsible, `#${e.k} responsible`);
      if (e.indicator !== undefined) assert.ok(item.indicator.startsWith(e.indicator), `#${e.k} indicator: ${item.indicator}`);
      if (e.startDate !== undefined) assert.equal(item.startDate, e.startDate, `#${e.k} startDate`);
      if (e.flags) for (const f of e.flags) assert.ok(item.flags.includes(f), `#${e.k} flags ${JSON.stringify(item.flags)}`);
    }
    return { preview, detail };
  }

  test('kromskoy-2022.txt: a municipal order, 15 items with the gap and the unnumbered row', async () => {
    const { preview, detail } = await importFixture(
      kromy,
      'kromskoy-2022.txt',
      { level: 'municipal', municipalityId: ids.kromyId },
      {
        count: 15,
        numbers: ['1', '2', '3', '4', '5', '6', '7', '8', null, '9', '11', '12', '13', '14', '15'],
        document: { number: '101', date: '2022-03-10', year: 2022, level: 'municipal' },
        items: [
          { k: 0, number: '1', title: 'Отбор кандидатов в кураторы общеобразовательных организаций', dueDate: '2021-12-20', responsible: 'Муниципальный координатор', indicator: 'Отобраны кандидаты в кураторы общеобразовательных организаций' },
          { k: 2, number: '3', title: 'Организация работы с концептуальными документами общеобразовательных организаций', dueDate: '2022-03-30', startDate: '2022-02-14', responsible: 'Общеобразовательная организация и куратор разрабатывают концептуальные документы', indicator: '100% общеобразовательных организаций разработали концептуальные документы' },
          { k: 5, number: '6', title: 'Размещение общеобразовательной организацией подтве', dueDate: '2022-11-30', startDate: '2022-03-01', responsible: 'Образовательные организации' },
          { k: 8, number: null, title: 'Анализ результатов второго и третьего мониторинга', dueDate: '2022-10-31', indicator: 'Не менее 75%', flags: ['строка без номера'] },
          { k: 9, number: '9', title: 'Проведение курсов повышения квалификации для дирек', dueDate: null, responsible: 'Директора образовательных организаций', indicator: '100% руководителей общеобразовательных организаций' },
          { k: 14, number: '15', title: 'Участие в региональном семинаре/вебинаре', dueDate: '2022-12-31', responsible: 'Отдел образования администрации Кромского района' },
        ],
      },
    );
    assert.deepEqual(preview.flags, ['строка 47: пункт без номера', 'пропуск или нарушение нумерации: после 9 идёт 11']);
    assert.ok(preview.items[4].flags.some((f: string) => f.startsWith('лишние ячейки отброшены')));
    assert.equal(preview.items[2].timing.kind, 'range');
    assert.equal(detail.items[9].timing.period, 'schedule');
    assert.deepEqual(detail.items[2].responsibleParties, ['ОО', 'Куратор']);
    assert.equal(detail.roadmap.orderNumber, '101');
    assert.equal(detail.roadmap.year, 2022);
  });

  test('kaluga-2021.txt: a regional order, 53 items', async () => {
    const { detail } = await importFixture(
      admin,
      'kaluga-2021.txt',
      { level: 'regional', regionId: kaluga },
      {
        count: 53,
        numbers: Array.from({ length: 53 }, (_, k) => String(k + 1)),
        document: { authority: 'МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ КАЛУЖСКОЙ ОБЛАСТИ', number: '779', date: '2021-06-10', year: 2021, level: 'regional' },
        items: [
          { k: 0, number: '1', title: 'Получение письма ФИОКО о начале реализации проекта', dueDate: '2021-01-18', responsible: '', indicator: 'Изучение приложения к письму: задачи координатора;' },
          { k: 10, number: '11', title: 'Информационное сопровождение проекта «500+» через', dueDate: '2021-12-31', flags: ['сроки: год не указан, взят из документа'] },
          { k: 12, number: '13', title: 'Ежемесячные адресные консультации', dueDate: null, indicator: 'Проведение адресных консультаций.' },
          { k: 23, number: '24', title: 'Курсы повышения квалификации для педагогических ра', dueDate: '2021-12-31', startDate: '2021-02-01' },
          { k: 42, number: '43', title: 'Участие учителей из ШНОР в процедуре оценки предме', dueDate: '2021-09-24', startDate: '2021-09-13' },
          { k: 52, number: '53', title: 'Подведение итогов проекта', dueDate: '2021-12-20', indicator: 'Подведение итогов проекта, обсуждение планов на 20' },
        ],
      },
    );
    assert.equal(detail.items[12].timing.recurrence.every, 'month');
    assert.equal(detail.roadmap.territory, 'Калужская область');
  });

  test('leninsky-eao-2021.txt: cells one per line, 22 items', async () => {
    const { detail } = await importFixture(
      admin,
      'leninsky-eao-2021.txt',
      { level: 'municipal', municipalityId: eaoMunicipality },
      {
        count: 22,
        numbers: Array.from({ length: 22 }, (_, k) => String(k + 1)),
        document: { number: '36', date: '2021-02-08', year: 2021, level: 'municipal' },
        items: [
          { k: 0, number: '1', title: 'Разработка Дорожной карты', dueDate: '2021-02-23', responsible: 'Отдел образования', indicator: 'Приказ отдела образования' },
          { k: 3, number: '4', title: 'Информационное сопровождение проекта', dueDate: null, responsible: 'Отдел образования, ШНОР' },
          { k: 6, number: '7', title: 'Формирование и реализация индивидуального образова', dueDate: '2021-12-15', responsible: 'Отдел образования, ШНОР', indicator: 'Дорожная карта реализации ИОМ педагогов' },
          { k: 13, number: '14', title: 'Повышение квалификации педагогических кадров ШНОР', dueDate: '2021-12-30', startDate: '2021-02-08', indicator: '100% учителей из ШНОР, прошедших ПК' },
          { k: 21, number: '22', title: 'Подведение итогов проекта* и плана мероприятий', dueDate: '2021-12-20', responsible: 'Отдел образования, муниципальный координатор', indicator: 'Совещание с руководителями ОО, Приказ.' },
        ],
      },
    );
    assert.equal(detail.items[3].timing.period, 'constant');
    assert.equal(detail.items[3].timingText, 'Постоянно\nНе реже 1 раз в месяц');
    assert.deepEqual(detail.items[3].responsibleParties, ['Отдел образования', 'ШНОР']);
  });

  test('a Windows-1251 text and pasted text give the same preview; nothing is written', async () => {
    const text = fixture('kromskoy-2022.txt').toString('utf8');
    const before = await snapshot(t.database.db);
    const fromCp = (await parseFile(kromy, 'приказ.txt', cp1251(text))).json();
    const fromJson = (await kromy.post('/api/roadmaps/parse', { text })).json();
    assert.equal(fromCp.items.length, 15);
    assert.equal(fromCp.items[0].title, fromJson.items[0].title);
    assert.deepEqual(fromCp.document, fromJson.document);
    assert.equal(await snapshot(t.database.db), before);
  });

  test('a .docx with a table is read by its content: paragraphs, line breaks in cells, merged cells', async () => {
    const p = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold })] });
    const cell = (...lines: string[]) => new TableCell({ children: lines.map((l) => p(l)) });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ КРОМСКОГО РАЙОНА', bold: true })] }),
            p('ПРИКАЗ', true),
            p('10 марта 2026 г.'),
            p('№ 15'),
            p('Об утверждении муниципального плана-графика реализации проекта «500+» в 2026 году'),
            p('Приложение 1'),
            new Table({
              rows: [
                new TableRow({ children: ['№', 'Мероприятие', 'Сроки', 'Ответственные', 'Показатель реализации', 'Информационное сопровождение'].map((h) => cell(h)) }),
                new TableRow({ children: ['1', '2', '3', '4', '5', '6'].map((h) => cell(h)) }),
                new TableRow({
                  children: [
                    cell('1.'),
                    cell('Совещание с руководителями школ'),
                    cell('Март-апрель 2026 г.'),
                    new TableCell({ children: [p('Муниципальный координатор')], verticalMerge: VerticalMergeType.RESTART }),
                    cell('Протокол совещания'),
                    cell('Сайт отдела образования'),
                  ],
                }),
                new TableRow({
                  children: [
                    cell('2.'),
                    cell('Мониторинг размещения документов в ИС МЭДК'),
                    cell('Еженедельно', 'до 30.05.2026'),
                    new TableCell({ children: [p('')], verticalMerge: VerticalMergeType.CONTINUE }),
                    cell('100% документов размещено'),
                    cell(''),
                  ],
                }),
                new TableRow({
                  children: [cell('2.1'), cell('Проверка документов кураторами < 3 дней & отчёт'), cell('Постоянно'), cell('Кураторы, ШНОР'), cell('Справка'), cell('')],
                }),
              ],
            }),
          ],
        },
      ],
    });
    const buffer = await Packer.toBuffer(doc);
    const res = await parseFile(kromy, 'plan.bin', buffer); // the name says nothing; the content decides
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(body.document, {
      authority: 'ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ КРОМСКОГО РАЙОНА',
      number: '15',
      date: '2026-03-10',
      title: 'Об утверждении муниципального плана-графика реализации проекта «500+» в 2026 году',
      year: 2026,
      level: 'municipal',
    });
    assert.deepEqual(body.items.map((i: { number: string }) => i.number), ['1', '2', '2.1']);
    const [one, two, twoOne] = body.items;
    assert.equal(one.title, 'Совещание с руководителями школ');
    assert.equal(one.timingFormatted, 'март–апрель 2026');
    assert.equal(one.responsibleText, 'Муниципальный координатор');
    assert.equal(one.infoSupport, 'Сайт отдела образования');
    assert.equal(two.timingText, 'Еженедельно\nдо 30.05.2026');
    assert.equal(two.timingFormatted, 'еженедельно до 30.05.2026');
    assert.equal(two.responsibleText, '', 'the merged cell continues above and is empty here');
    assert.equal(two.indicator, '100% документов размещено');
    assert.equal(twoOne.title, 'Проверка документов кураторами < 3 дней & отчёт');
    assert.deepEqual(twoOne.responsibleParties, ['Куратор', 'ШНОР']);

    const rows = body.items.map(({ number, title, timingText, responsibleText, indicator, infoSupport }: Record<string, unknown>) => ({
      number, title, timingText, responsibleText, indicator, infoSupport,
    }));
    // Kromy already has an approved roadmap this year: the import is not saved as a second one
    const second = await kromy.post('/api/roadmaps', { cycleId: ids.cycleId, level: 'municipal', municipalityId: ids.kromyId, title: body.document.title, items: rows });
    assert.equal(second.statusCode, 409, second.body);
    assert.equal(second.json().error.code, 'roadmap_exists');
    const existingId = second.json().error.details.roadmapId as number;
    assert.equal(second.json().error.details.status, 'approved');
    // … it is offered as an amendment of the existing one
    const current = (await kromy.get(`/api/roadmaps/${existingId}`)).json();
    const saved = await kromy.post(`/api/roadmaps/${existingId}/amendments`, {
      version: current.roadmap.version,
      orderAuthority: 'Отдел образования',
      orderNumber: '44',
      orderDate: '2026-04-01',
      items: rows,
      matchByNumber: true,
    });
    assert.equal(saved.statusCode, 201, saved.body);
    assert.equal(saved.json().revision.number, 2);
    const list = (await kromy.get(`/api/roadmaps?cycleId=${ids.cycleId}&level=municipal&municipalityId=${ids.kromyId}`)).json().items;
    assert.equal(list.length, 1, 'still one roadmap of Kromy');
    const detail = (await kromy.get(`/api/roadmaps/${existingId}`)).json();
    assert.equal(detail.items[2].parentId, detail.items[1].id);
    assert.equal(detail.items[1].dueDate, '2026-05-30');
  });

  test('other files are refused with a Russian message on the file field; only editors may parse', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Лист').addRow(['№', 'Мероприятие', 'Сроки']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const cases: [string, Buffer, RegExp][] = [
      ['plan.docx', xlsx, /не документ Word/],
      ['plan.txt', png, /не похож на текст/],
      ['plan.txt', Buffer.from('%PDF-1.7\n%âãÏÓ\n'), /PDF не поддерживается/],
      ['plan.doc', Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'), /\.doc\) не поддерживается/],
      ['plan.txt', Buffer.alloc(0), /Файл пустой/],
      ['plan.docx', Buffer.from('PK\u0003\u0004[Content_Types].xml word/document.xml broken'), /Не удалось прочитать документ Word/],
    ];
    for (const [name, content, message] of cases) {
      const res = await parseFile(kromy, name, content);
      assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
      const { error } = res.json();
      assert.match(error.message, message);
      assert.equal(error.fields[0].path, 'file');
    }
    assert.equal((await kromy.post('/api/roadmaps/parse', { text: '   ' })).json().error.fields[0].path, 'text');
    assert.equal((await kromy.post('/api/roadmaps/parse', {})).json().error.fields[0].path, 'text');
    const observer = await t.as('observer57');
    assert.equal((await observer.post('/api/roadmaps/parse', { text: 'x' })).statusCode, 403);
  });
});
