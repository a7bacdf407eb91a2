// leninsky-eao-2021.txt: municipal order (Ленинский район, ЕАО) where every cell stands on its own line
// starting with a tab; lines without a leading tab continue the cell above; blank lines occur inside rows.
// Five columns (№ п/п | Мероприятия | Сроки | Результат | Ответственные) — note «Результат» before
// «Ответственные». Counted by hand: 22 items numbered 1–22; item 17's number carries a pandoc
// «[bookmark: _GoBack]» marker. The «*-для участников проекта …» footnote after the table is a note.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RoadmapItem } from './document.js';
import { fixtureDocument } from './test-fixtures.js';

const doc = fixtureDocument('leninsky-eao-2021.txt');
const item = (n: string): RoadmapItem => {
  const found = doc.items.find((i) => i.number === n);
  assert.ok(found, `item ${n}`);
  return found;
};

describe('leninsky-eao-2021.txt', () => {
  test('order details', () => {
    const d = doc.document;
    assert.equal(d.authority, 'Администрация муниципального образования «Ленинский муниципальный район» ОТДЕЛ ОБРАЗОВАНИЯ');
    assert.equal(d.number, '36');
    assert.equal(d.date, '2021-02-08');
    assert.equal(d.year, 2021);
    assert.equal(d.level, 'municipal');
    assert.equal(d.title, 'Об утверждении Плана мероприятий по работе со школами с низкими образовательными результатами на 2021 год');
  });

  test('one-cell-per-line header mapped by name', () => {
    assert.deepEqual(doc.columns.map((c) => [c.header, c.field]), [
      ['№ п/п', 'number'],
      ['Мероприятия', 'title'],
      ['Сроки', 'timing'],
      ['Результат', 'indicator'],
      ['Ответственные', 'responsible'],
    ]);
    assert.deepEqual(doc.flags, []);
  });

  test('22 items numbered 1–22, footnote kept as a note', () => {
    assert.equal(doc.items.length, 22);
    assert.deepEqual(doc.items.map((i) => i.number), Array.from({ length: 22 }, (_, k) => String(k + 1)));
    assert.equal(doc.notes.length, 1);
    assert.ok(doc.notes[0]?.startsWith('*-для участников проекта Адресной методической помощи «500+»'));
  });

  test('item 4: multi-line title with links, «Постоянно / Не реже 1 раз в месяц»', () => {
    const i = item('4');
    assert.equal(i.title, 'Информационное сопровождение проекта https://edu-eao.ru/o-proekte-500/ https://edu-eao.ru/category/effektivnost-upravleniya-kachestvom-obrazovatelnyh-rezultatatov/sistema-raboty-so-shkolami-s-nizkimi-obrazovatelnymi-rezultatami/ http://отдел-образования-ленинского-сп.рф/');
    assert.equal(i.timing.kind, 'mixed');
    assert.deepEqual(i.timing.intervals, []);
    assert.deepEqual(i.timing.recurrence, { every: 'month', atLeast: 1 });
    assert.equal(i.timing.period, 'constant');
    assert.deepEqual(i.responsible, { text: 'Отдел образования, ШНОР', parties: ['Отдел образования', 'ШНОР'] });
    assert.equal(i.indicator, 'Размещение информации на сайте отдела образования');
    assert.deepEqual(i.flags, []);
  });

  test('item 5: multi-line result and responsible cells', () => {
    const i = item('5');
    assert.equal(i.title, 'Проведение анкетирования ШНОР*');
    assert.deepEqual(i.timing.intervals, [[null, '2021-02-25']]);
    assert.deepEqual(i.responsible, { text: 'Муниципальный координатор ШНОР', parties: ['Муниципальный координатор', 'ШНОР'] });
    assert.equal(i.indicator, '100% педагогов приняли участие в анкетировании');
  });

  test('item 7: two staged deadlines', () => {
    const i = item('7');
    assert.ok(i.title.startsWith('Формирование и реализация индивидуального образовательного маршрута (ИОМ) для педагогов ШНОР'));
    assert.deepEqual(i.timing.intervals, [[null, '2021-02-25'], [null, '2021-12-15']]);
    assert.deepEqual(i.timing.parts.map((p) => p.label), ['Формирование', 'Реализация']);
    assert.deepEqual(i.responsible.parties, ['Отдел образования', 'ШНОР']);
    assert.equal(i.indicator, 'Дорожная карта реализации ИОМ педагогов, работающих в ШНОР');
  });

  test('item 8: weekly on Tuesday and Thursday', () => {
    const i = item('8');
    assert.equal(i.title, 'Просмотр вебинаров Учительской Академии Министерства просвещения РФ https://apkpro.ru/events/event/51');
    assert.deepEqual(i.timing.recurrence, { every: 'weekday', weekdays: [2, 4] });
    assert.equal(i.indicator, '100% педагогов ШНОР приняли участие в просмотре вебинаров');
  });

  test('item 10: a month without a year takes the document year (flagged)', () => {
    const i = item('10');
    assert.equal(i.title, 'Анализ динамики результатов ОГЭ и ЕГЭ в ШНОР');
    assert.deepEqual(i.timing.intervals, [['2021-09-01', '2021-09-30']]);
    assert.deepEqual(i.responsible, { text: 'Отдел образования, ШНОР', parties: ['Отдел образования', 'ШНОР'] });
    assert.equal(i.indicator, 'Справка о динамике результатов ОГЭ и ЕГЭ в ШНОР');
    assert.deepEqual(i.flags, ['сроки: год не указан, взят из документа']);
  });

  test('item 14: range written over two lines', () => {
    const i = item('14');
    assert.equal(i.title, 'Повышение квалификации педагогических кадров ШНОР, участие в предметных курсах ПК (в том числе ОГАОУ ДПО «ИПКПР»)');
    assert.deepEqual(i.timing.intervals, [['2021-02-08', '2021-12-30']]);
    assert.deepEqual(i.responsible, { text: 'Отдел образования', parties: ['Отдел образования'] });
    assert.equal(i.indicator, '100% учителей из ШНОР, прошедших ПК');
  });

  test('item 16: weekly until a date', () => {
    const i = item('16');
    assert.deepEqual(i.timing.intervals, [[null, '2021-05-30']]);
    assert.deepEqual(i.timing.recurrence, { every: 'week', until: '2021-05-30' });
    assert.equal(i.indicator, '100% документов размещено в ИС МЭДК');
    assert.deepEqual(i.responsible.parties, ['Муниципальный координатор', 'Куратор']);
  });

  test('items 17 and 22', () => {
    assert.equal(item('17').title, 'Разработка муниципальных дорожных карт методической помощи ШНОР');
    assert.deepEqual(item('17').timing.intervals, [[null, '2021-05-31']]);
    const last = item('22');
    assert.equal(last.title, 'Подведение итогов проекта* и плана мероприятий Дорожной карты в целом по ШНОР');
    assert.deepEqual(last.timing.intervals, [[null, '2021-12-20']]);
    assert.equal(last.indicator, 'Совещание с руководителями ОО, Приказ.');
    assert.deepEqual(last.responsible.parties, ['Отдел образования', 'Муниципальный координатор']);
  });
});
