import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { curatorProblem } from './curators.js';
import {
  cleanCell,
  escapeFormula,
  IMPORT_COLUMNS,
  mapHeaders,
  normalizeHeader,
  parseCount,
  parseImport,
  parseLocality,
  TEMPLATE_EXAMPLE,
  toSheetRow,
  type SheetRow,
} from './import.js';
import { mergeContext, onlyContactFields } from './school.js';

const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

/** Sheet rows numbered like a spreadsheet: header is row 1. */
function sheet(...rows: string[][]): SheetRow[] {
  return rows.map((cells, i) => ({ row: i + 1, cells }));
}

const good = [
  '57',
  'Орловская область',
  '57-01',
  'Кромской район',
  '57-01-001',
  'Муниципальное бюджетное общеобразовательное учреждение «Кромская СОШ №1»',
  'МБОУ «Кромская СОШ №1»',
  'пгт Кромы, ул. Школьная, 1',
  'село',
  'Иванов Иван Иванович',
  'kromy1@example.ru',
  '8 (48643) 2-11-11',
  '1 234',
  '56',
  '2',
  '1,0',
];

describe('header mapping', () => {
  test('template headers map to their columns in order', () => {
    const map = mapHeaders(HEADERS);
    assert.deepEqual(map.errors, []);
    assert.deepEqual(map.ignored, []);
    IMPORT_COLUMNS.forEach((c, i) => assert.equal(map.columns[c.key]?.index, i, c.key));
  });

  test('case, spaces, «ё», punctuation, brackets and synonyms do not matter', () => {
    assert.equal(normalizeHeader('  КОД   региона* '), normalizeHeader('код региона'));
    assert.equal(normalizeHeader('Сокращённое наименование'), normalizeHeader('сокращенное наименование'));
    const map = mapHeaders([
      'код субъекта РФ',
      'Субъект',
      'КОД МО',
      'Муниципальное образование',
      'Код ОО (обязательно)',
      'Полное наименование ОО',
      'Сокращённое наименование',
      'E-mail',
      'Тип местности',
      'Кол-во обучающихся',
      'Примечание',
    ]);
    assert.deepEqual(map.errors, []);
    assert.equal(map.columns.regionCode?.index, 0);
    assert.equal(map.columns.regionName?.index, 1);
    assert.equal(map.columns.municipalityCode?.index, 2);
    assert.equal(map.columns.municipalityName?.index, 3);
    assert.equal(map.columns.schoolCode?.index, 4);
    assert.equal(map.columns.schoolCode?.header, 'Код ОО (обязательно)');
    assert.equal(map.columns.fullName?.index, 5);
    assert.equal(map.columns.shortName?.index, 6);
    assert.equal(map.columns.email?.index, 7);
    assert.equal(map.columns.locality?.index, 8);
    assert.equal(map.columns.students?.index, 9);
    assert.deepEqual(map.ignored, ['Примечание']);
  });

  test('missing key columns and repeated columns are header errors on row 1', () => {
    const map = mapHeaders(['Регион', 'Код школы', 'Краткое наименование', 'Краткое название']);
    assert.deepEqual(
      map.errors.map((e) => [e.row, e.column]),
      [
        [1, 'Краткое название'],
        [1, 'Код региона'],
        [1, 'Код муниципалитета'],
      ],
    );
    assert.match(map.errors[0]!.message, /повторяется/);
    assert.match(map.errors[1]!.message, /нет колонки «Код региона»/);
  });

  test('a file without key columns reports only the header, not every row', () => {
    const parsed = parseImport(sheet(['Наименование', 'Адрес'], ['Школа', 'Адрес 1'], ['Школа 2', 'Адрес 2']));
    assert.equal(parsed.totalRows, 2);
    assert.deepEqual(parsed.rows, []);
    assert.ok(parsed.errors.every((e) => e.row === 1));
    assert.ok(parsed.errors.some((e) => e.column === 'Код региона'));
  });

  test('an empty file is one error', () => {
    const parsed = parseImport(sheet([], ['', ' ']));
    assert.equal(parsed.totalRows, 0);
    assert.equal(parsed.errors.length, 1);
    assert.match(parsed.errors[0]!.message, /пустой/);
  });
});

describe('row validation', () => {
  test('a good row becomes a school with region and municipality', () => {
    const parsed = parseImport(sheet(HEADERS, good));
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.totalRows, 1);
    assert.deepEqual(parsed.rows, [
      {
        row: 2,
        region: { code: '57', name: 'Орловская область' },
        municipality: { code: '57-01', name: 'Кромской район' },
        school: {
          code: '57-01-001',
          fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Кромская СОШ №1»',
          shortName: 'МБОУ «Кромская СОШ №1»',
          address: 'пгт Кромы, ул. Школьная, 1',
          locality: 'rural',
          directorName: 'Иванов Иван Иванович',
          email: 'kromy1@example.ru',
          phone: '8 (48643) 2-11-11',
          context: { students: 1234, teachers: 56, classes6: 2, classes9: 1 },
        },
      },
    ]);
  });

  test('every kind of bad cell is reported with its row number and the header as written', () => {
    const headers = HEADERS.map((h) => h.toUpperCase());
    const parsed = parseImport(
      sheet(
        headers,
        good,
        ['', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''], // blank: skipped, numbering kept
        [
          '57 01',
          '',
          '',
          'Ливенский район',
          'x'.repeat(51),
          '',
          'МБОУ',
          '',
          'хутор',
          '',
          'not-an-email',
          '12-34',
          '-5',
          '2.5',
          'много',
          '',
        ],
        ['57', 'Орловская область', '57-02', 'Ливенский район', '57-02-001', 'Ш', 'Ш', 'a'.repeat(1001), 'город', '', '', '', '', '', '', ''],
      ),
    );
    assert.equal(parsed.totalRows, 3);
    const at = (row: number) => parsed.errors.filter((e) => e.row === row).map((e) => `${e.column}: ${e.message}`);
    assert.deepEqual(at(2), []);
    assert.deepEqual(at(3), []);
    const row4 = at(4);
    assert.deepEqual(
      parsed.errors.filter((e) => e.row === 4).map((e) => e.column),
      [
        'КОД РЕГИОНА',
        'РЕГИОН',
        'КОД МУНИЦИПАЛИТЕТА',
        'КОД ШКОЛЫ',
        'ПОЛНОЕ НАИМЕНОВАНИЕ ШКОЛЫ',
        'МЕСТНОСТЬ (ГОРОД/СЕЛО)',
        'ЭЛЕКТРОННАЯ ПОЧТА',
        'ТЕЛЕФОН',
        'ЧИСЛО ОБУЧАЮЩИХСЯ',
        'ЧИСЛО ПЕДАГОГОВ',
        'ЧИСЛО 6-Х КЛАССОВ',
      ],
      row4.join('\n'),
    );
    assert.match(row4[0]!, /только буквы, цифры/);
    assert.match(row4[1]!, /Заполните ячейку/);
    assert.match(row4[2]!, /Заполните ячейку/);
    assert.match(row4[3]!, /не длиннее 50/);
    assert.match(row4[5]!, /«город» или «село»/);
    assert.match(row4[6]!, /почты/);
    assert.match(row4[7]!, /5 цифр/);
    assert.match(row4[8]!, /целое неотрицательное/);
    assert.deepEqual(at(5), ['АДРЕС: Слишком длинный текст: не больше 1000 знаков']);
    assert.deepEqual(
      parsed.rows.map((r) => r.row),
      [2],
    );
  });

  test('rows may describe only a region or a municipality', () => {
    const parsed = parseImport(
      sheet(
        HEADERS.slice(0, 5),
        ['58', 'Пензенская область', '', '', ''],
        ['58', 'Пензенская область', '58-01', 'Город Пенза', ''],
        ['58', 'Пензенская область', '', 'Без кода', ''],
      ),
    );
    assert.deepEqual(parsed.rows.map((r) => [r.row, r.municipality?.code ?? null, r.school ?? null]), [
      [2, null, null],
      [3, '58-01', null],
    ]);
    assert.deepEqual(parsed.errors, [{ row: 4, column: 'Код муниципалитета', message: 'Заполните ячейку' }]);
  });

  test('columns missing from the file are left undefined (kept as stored); empty counts are null', () => {
    const parsed = parseImport(
      sheet(
        ['Код региона', 'Код муниципалитета', 'Код школы', 'Телефон', 'Число педагогов'],
        ['57', '57-01', '57-01-001', '+7 900 123-45-67', ''],
      ),
    );
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.rows[0], {
      row: 2,
      region: { code: '57' },
      municipality: { code: '57-01' },
      school: { code: '57-01-001', phone: '+7 900 123-45-67', context: { teachers: null } },
    });
  });

  test('duplicate school codes are errors on every row that repeats them', () => {
    const row = (code: string) => [...good.slice(0, 4), code, ...good.slice(5)];
    const parsed = parseImport(sheet(HEADERS, row('A-1'), row('A-2'), row('A-1')));
    assert.deepEqual(
      parsed.errors.map((e) => [e.row, e.column, e.message]),
      [
        [2, 'Код школы', 'Код школы A-1 повторяется в строках 2, 4'],
        [4, 'Код школы', 'Код школы A-1 повторяется в строках 2, 4'],
      ],
    );
    assert.deepEqual(parsed.rows.map((r) => r.row), [3]);
  });

  test('one name per region code and one region per municipality code', () => {
    const parsed = parseImport(
      sheet(
        HEADERS.slice(0, 4),
        ['57', 'Орловская область', '57-01', 'Кромской район'],
        ['57', 'Орловская обл.', '57-02', 'Ливенский район'],
        ['58', 'Пензенская область', '57-01', 'Кромской район'],
        ['57', 'Орловская область', '57-02', 'Ливны'],
      ),
    );
    assert.deepEqual(
      parsed.errors.map((e) => [e.row, e.column]),
      [
        [3, 'Регион'],
        [4, 'Код муниципалитета'],
        [5, 'Муниципалитет'],
      ],
    );
    assert.match(parsed.errors[0]!.message, /в строке 2 указано другое название: «Орловская область»/);
  });

  test('cell helpers: locality words, counts, formulas, whitespace', () => {
    for (const v of ['город', 'Городская местность', 'г.', 'urban', 'ГОРОДСКОЙ']) assert.equal(parseLocality(v), 'urban', v);
    for (const v of ['село', 'сельская', 'С', 'rural', 'деревня']) assert.equal(parseLocality(v), 'rural', v);
    assert.equal(parseLocality('хутор'), undefined);
    assert.equal(parseCount('1 234'), 1234);
    assert.equal(parseCount('12,0'), 12);
    assert.equal(parseCount(''), null);
    assert.equal(parseCount('1.5'), undefined);
    assert.equal(parseCount('2000000'), undefined);
    assert.equal(cleanCell('  a\u00a0\n b '), 'a b');
    assert.equal(cleanCell(escapeFormula('=HYPERLINK("x")')), '=HYPERLINK("x")');
    assert.equal(escapeFormula('=1+1'), "'=1+1");
    assert.equal(escapeFormula('+7 (900) 000-00-00'), '+7 (900) 000-00-00');
    assert.equal(escapeFormula('-cmd'), "'-cmd");
  });

  test('an exported row parses back to the same values', () => {
    const parsed = parseImport(sheet(HEADERS, toSheetRow(TEMPLATE_EXAMPLE).map((v) => (v === null ? '' : String(v)))));
    assert.deepEqual(parsed.errors, []);
    const school = parsed.rows[0]?.school;
    assert.equal(school?.code, TEMPLATE_EXAMPLE.school?.code);
    assert.equal(school?.shortName, 'МБОУ «СОШ №32» ТГО');
    assert.equal(school?.locality, 'urban');
    assert.deepEqual(school?.context, { students: 480, teachers: 36, classes6: 2, classes9: 2 });
  });
});

describe('school rules', () => {
  test('a school account may change only contacts and context', () => {
    assert.equal(onlyContactFields({ phone: '1', context: {} }), true);
    assert.equal(onlyContactFields({ phone: '1', shortName: 'x' }), false);
  });

  test('context patch sets numbers and removes nulls', () => {
    assert.deepEqual(mergeContext({ students: 1, teachers: 2, extra: 'x' }, { students: 5, teachers: null }), {
      students: 5,
      extra: 'x',
    });
  });

  test('a curator must be an active curator of the school region', () => {
    const school = { regionId: 1 };
    assert.equal(curatorProblem({ id: 1, role: 'curator', active: true, regionId: 1 }, school), null);
    assert.ok(curatorProblem({ id: 1, role: 'curator', active: false, regionId: 1 }, school));
    assert.ok(curatorProblem({ id: 1, role: 'curator', active: true, regionId: 2 }, school));
    assert.ok(curatorProblem({ id: 1, role: 'school', active: true, regionId: 1 }, school));
    assert.ok(curatorProblem(undefined, school));
  });
});
