import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fieldOf } from './columns.js';
import { parseRoadmapDocument, toJson } from './document.js';
import { findDate, levelOf } from './meta.js';
import { recogniseParties } from './parties.js';
import { FIXTURES, fixtureText } from './test-fixtures.js';

const ORDER = [
  'УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА N',
  '',
  'ПРИКАЗ',
  '«05» марта 2023 г.  № 12-о',
  '',
  'Об утверждении дорожной карты на 2023 год',
  '',
];

const doc = (rows: string[]) => parseRoadmapDocument([...ORDER, ...rows].join('\n'));

describe('parseRoadmapDocument: synthetic tables', () => {
  test('columns in another order, page-break rows with spaces, HTML entities', () => {
    const d = doc([
      'Сроки\t№\tОтветственные\tМероприятия',
      '1 2 3 4',
      'До 01.04.2023\t1.\tУО, ОО\tПервое&nbsp;мероприятие &laquo;А&raquo;<br>',
      '',
      'Сроки\t№\tОтветственные\tМероприятия',
      'Апрель\t2.\tИМЦ\tВторое',
    ]);
    assert.deepEqual(d.document, {
      authority: 'УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА N',
      number: '12-о',
      date: '2023-03-05',
      title: 'Об утверждении дорожной карты на 2023 год',
      year: 2023,
      level: 'municipal',
    });
    assert.deepEqual(d.items.map((i) => [i.number, i.title, i.timing.intervals, i.responsible.parties]), [
      ['1', 'Первое мероприятие «А»', [[null, '2023-04-01']], ['УО', 'ОО']],
      ['2', 'Второе', [['2023-04-01', '2023-04-30']], ['ИМЦ']],
    ]);
    assert.deepEqual(d.flags, []);
  });

  test('numbering gaps, repeats and sub-items are flagged at document level', () => {
    const d = doc([
      '№\tМероприятия\tСроки\tИсполнители',
      '1\tА\t01.04.2023\tУО',
      '1.1\tА1\t02.04.2023\tУО',
      '1.2.\tА2\t03.04.2023\tУО',
      '2\tБ\t04.04.2023\tУО',
      '4\tВ\t05.04.2023\tУО',
      '4\tГ\t06.04.2023\tУО',
    ]);
    assert.deepEqual(d.items.map((i) => i.number), ['1', '1.1', '1.2', '2', '4', '4']);
    assert.deepEqual(d.flags, [
      'пропуск или нарушение нумерации: после 2 идёт 4',
      'номер 4 повторяется',
      'пропуск или нарушение нумерации: после 4 идёт 4',
    ]);
  });

  test('continuation vs. unnumbered row; extra cells dropped and flagged', () => {
    const d = doc([
      '№\tМероприятия\tСроки\tИсполнители',
      '1\tПодготовка проекта образователь-\tЕженедельно\tМуниципальный',
      '\tных программ\tдо 30.05.2023\tкоординатор',
      '\tОтдельное мероприятие без номера\tМай 2023\tКуратор\tлишнее',
    ]);
    assert.equal(d.items.length, 2);
    const [first, second] = d.items;
    assert.equal(first?.title, 'Подготовка проекта образовательных программ');
    assert.deepEqual(first?.timing.recurrence, { every: 'week', until: '2023-05-30' });
    assert.deepEqual(first?.responsible, { text: 'Муниципальный координатор', parties: ['Муниципальный координатор'] });
    assert.equal(second?.number, null);
    assert.deepEqual(second?.flags, ['лишние ячейки отброшены: «лишнее»', 'строка без номера']);
    assert.deepEqual(d.flags, ['строка 11: пункт без номера']);
  });

  test('unknown columns and a missing table are reported', () => {
    const d = doc(['№\tМероприятия\tСроки\tПримечание', '1\tА\tЯнварь\tзаметка']);
    assert.deepEqual(d.flags, ['неизвестная колонка «Примечание» пропущена', 'нет колонки исполнителей']);
    assert.deepEqual(d.items[0]?.flags, ['сроки: год не указан, взят из документа']);
    const none = parseRoadmapDocument('Просто текст\nбез таблицы');
    assert.deepEqual(none.items, []);
    assert.ok(none.flags.includes('таблица мероприятий не найдена'));
    assert.ok(none.flags.includes('не найден номер приказа'));
  });

  test('toJson matches the CLI contract', () => {
    const d = doc(['№\tМероприятия\tСроки\tИсполнители\tПоказатель', '1\tА\tЕжемесячно до 31.12.2023\tОО\t100%']);
    assert.deepEqual(toJson(d), {
      document: { authority: 'УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА N', number: '12-о', date: '2023-03-05', year: 2023, level: 'municipal' },
      items: [{
        number: '1',
        title: 'А',
        timing: { text: 'Ежемесячно до 31.12.2023', intervals: [[null, '2023-12-31']], recurrence: { every: 'month', until: '2023-12-31' } },
        responsible: { text: 'ОО', parties: ['ОО'] },
        indicator: '100%',
        flags: [],
      }],
    });
  });

  test('fixtures: JSON view round-trips through JSON.stringify', () => {
    for (const name of FIXTURES) {
      const json = toJson(parseRoadmapDocument(fixtureText(name)));
      assert.deepEqual(JSON.parse(JSON.stringify(json)), json, name);
    }
  });

  test('fixtures parse in a few milliseconds', () => {
    const texts = FIXTURES.map(fixtureText);
    for (const t of texts) parseRoadmapDocument(t); // warm-up
    const runs = 20;
    const start = performance.now();
    for (let k = 0; k < runs; k++) for (const t of texts) parseRoadmapDocument(t);
    const perDoc = (performance.now() - start) / (runs * texts.length);
    assert.ok(perDoc < 25, `${perDoc.toFixed(2)} ms per document`);
  });
});

describe('pieces', () => {
  test('order dates in the spellings found', () => {
    assert.equal(findDate('от «10» 06 2021 г.'), '2021-06-10');
    assert.equal(findDate('10 марта 2022 г.'), '2022-03-10');
    assert.equal(findDate('    08. 02. 2021          №  36'), '2021-02-08');
    assert.equal(findDate('31.02.2021'), null);
  });

  test('levels by the issuing body', () => {
    assert.equal(levelOf('МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ КАЛУЖСКОЙ ОБЛАСТИ'), 'regional');
    assert.equal(levelOf('Комитет образования Еврейской автономной области'), 'regional');
    assert.equal(levelOf('ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ КРОМСКОГО РАЙОНА ОРЛОВСКОЙ ОБЛАСТИ'), 'municipal');
    assert.equal(levelOf('МБОУ «СОШ № 3» г. Кромы'), 'school');
    assert.equal(levelOf('Министерство просвещения Российской Федерации'), 'federal');
    assert.equal(levelOf('ООО «Ромашка»'), null);
  });

  test('column names', () => {
    assert.equal(fieldOf('Дата реализа- ции'), 'timing');
    assert.equal(fieldOf('Сроки реализации'), 'timing');
    assert.equal(fieldOf('Показатель реализации'), 'indicator');
    assert.equal(fieldOf('Информационное сопровождение'), 'infoSupport');
    assert.equal(fieldOf('Описание действий'), 'title');
    assert.equal(fieldOf('Ответственные '), 'responsible');
    assert.equal(fieldOf('№ п/п'), 'number');
  });

  test('parties', () => {
    assert.deepEqual(recogniseParties('Муниципальный координатор школьный куратор'), ['Муниципальный координатор', 'Куратор']);
    assert.deepEqual(recogniseParties('МОУО, ИМЦ, ОО'), ['УО', 'ИМЦ', 'ОО']);
    assert.deepEqual(recogniseParties('Региональный координатор; ГАОУ ДПО «КГИРО»'), ['Региональный координатор', 'ИРО']);
    assert.deepEqual(recogniseParties('Отдел образования, ШНОР'), ['Отдел образования', 'ШНОР']);
    assert.deepEqual(recogniseParties('Кооператив'), []);
  });
});
