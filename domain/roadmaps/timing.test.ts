import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FIXTURES, fixtureDocument, type FixtureName } from './test-fixtures.js';
import {
  dueDate,
  formatTiming,
  isDueBy,
  parseTiming,
  TIMING_FLAGS,
  type Interval,
  type Recurrence,
  type TimingKind,
} from './timing.js';

type Row = [text: string, kind: TimingKind, intervals: Interval[], recurrence: Recurrence | null];

const day = (iso: string): Interval => [iso, iso];

/** Every distinct timing cell of the fixtures (as read from the table) with the expected structure. */
const FIXTURE_TIMINGS: Record<FixtureName, Row[]> = {
  'kaluga-2021.txt': [
    ['18.01.2021', 'date', [day('2021-01-18')], null],
    ['20.01.2021', 'date', [day('2021-01-20')], null],
    ['25.01.2021', 'date', [day('2021-01-25')], null],
    ['27.01.2021', 'date', [day('2021-01-27')], null],
    ['29.01.2021', 'date', [day('2021-01-29')], null],
    ['28.01.2021', 'date', [day('2021-01-28')], null],
    ['В течение года', 'period', [['2021-01-01', '2021-12-31']], null],
    ['Февраль 2021', 'months', [['2021-02-01', '2021-02-28']], null],
    ['Ежемесячно', 'recurrence', [], { every: 'month' }],
    ['03.02.2021', 'date', [day('2021-02-03')], null],
    ['08.02.2021', 'date', [day('2021-02-08')], null],
    ['15.02.2021', 'date', [day('2021-02-15')], null],
    ['16.02.2021', 'date', [day('2021-02-16')], null],
    ['20.02.2021', 'date', [day('2021-02-20')], null],
    ['24.02.2021', 'date', [day('2021-02-24')], null],
    ['26.02.2021', 'date', [day('2021-02-26')], null],
    ['Февраль-декабрь 2021', 'months', [['2021-02-01', '2021-12-31']], null],
    ['01.03.2021', 'date', [day('2021-03-01')], null],
    ['10.03.2021', 'date', [day('2021-03-10')], null],
    ['12.03.2021', 'date', [day('2021-03-12')], null],
    ['22.03.2021', 'date', [day('2021-03-22')], null],
    ['26.03.2021', 'date', [day('2021-03-26')], null],
    ['10.03.2021 - 02.04.2021', 'range', [['2021-03-10', '2021-04-02']], null],
    ['Март 2021', 'months', [['2021-03-01', '2021-03-31']], null],
    ['До 22.04.2021', 'deadline', [[null, '2021-04-22']], null],
    ['30.04.2021', 'date', [day('2021-04-30')], null],
    ['30.05.2021', 'date', [day('2021-05-30')], null],
    ['Май 2021', 'months', [['2021-05-01', '2021-05-31']], null],
    ['Апрель 2021', 'months', [['2021-04-01', '2021-04-30']], null],
    ['26.05.2021', 'date', [day('2021-05-26')], null],
    ['08.06.2021', 'date', [day('2021-06-08')], null],
    ['Июнь 2021', 'months', [['2021-06-01', '2021-06-30']], null],
    ['21.06.2021', 'date', [day('2021-06-21')], null],
    ['25.06.2021', 'date', [day('2021-06-25')], null],
    ['29.06.2021', 'date', [day('2021-06-29')], null],
    ['13-24.09.21', 'range', [['2021-09-13', '2021-09-24']], null],
    ['01.09.2021', 'date', [day('2021-09-01')], null],
    ['20.09.2021', 'date', [day('2021-09-20')], null],
    ['Сентябрь 2021', 'months', [['2021-09-01', '2021-09-30']], null],
    // Printed with the end before the start (surely «май 2022»): kept as printed and flagged, not guessed.
    ['Сентябрь 2021-май 2021 (1 раз в месяц)', 'recurrence', [['2021-09-01', '2021-05-31']], { every: 'month', until: '2021-05-31' }],
    ['Октябрь 2021', 'months', [['2021-10-01', '2021-10-31']], null],
    ['Ноябрь 2021', 'months', [['2021-11-01', '2021-11-30']], null],
    ['01.11.2021', 'date', [day('2021-11-01')], null],
    ['15.11.2021', 'date', [day('2021-11-15')], null],
    ['20.12.2021', 'date', [day('2021-12-20')], null],
  ],
  'kromskoy-2022.txt': [
    ['20.12.2021г.', 'date', [day('2021-12-20')], null],
    ['28.02.2022г.', 'date', [day('2022-02-28')], null],
    ['14.02.2022г-30.03.2022г.', 'range', [['2022-02-14', '2022-03-30']], null],
    ['14.02.2022г-01.03.2022г', 'range', [['2022-02-14', '2022-03-01']], null],
    ['30.03.2022г', 'date', [day('2022-03-30')], null],
    ['Март-май, август-ноябрь 2022г', 'months', [['2022-03-01', '2022-05-31'], ['2022-08-01', '2022-11-30']], null],
    ['10.03.2022г.', 'date', [day('2022-03-10')], null],
    ['Июнь 2022г.', 'months', [['2022-06-01', '2022-06-30']], null],
    ['Октябрь 2022 г.', 'months', [['2022-10-01', '2022-10-31']], null],
    ['По графику курсовых мероприятий', 'period', [], null],
    ['В течение учебного года, по графику курсовых мероприятий', 'period', [], null],
    ['Январь-март 2022г.', 'months', [['2022-01-01', '2022-03-31']], null],
    ['Март-апрель 2022г.', 'months', [['2022-03-01', '2022-04-30']], null],
    ['В ходе реализации проекта', 'period', [], null],
    ['Декабрь 2022 г.', 'months', [['2022-12-01', '2022-12-31']], null],
  ],
  'leninsky-eao-2021.txt': [
    ['Не позднее 23.02.2021', 'deadline', [[null, '2021-02-23']], null],
    ['Постоянно\nНе реже 1 раз в месяц', 'mixed', [], { every: 'month', atLeast: 1 }],
    ['Не позднее 25.02.2021', 'deadline', [[null, '2021-02-25']], null],
    ['Формирование не позднее 25.02.2021\nРеализация до 15.12.2021', 'deadline', [[null, '2021-02-25'], [null, '2021-12-15']], null],
    ['Еженедельно\nвторник, четверг', 'recurrence', [], { every: 'weekday', weekdays: [2, 4] }],
    ['Май-июнь 2021\nСентябрь-ноябрь 2021', 'months', [['2021-05-01', '2021-06-30'], ['2021-09-01', '2021-11-30']], null],
    ['Сентябрь', 'months', [['2021-09-01', '2021-09-30']], null],
    ['Не позднее 10.03.2021', 'deadline', [[null, '2021-03-10']], null],
    ['Каждый четверг', 'recurrence', [], { every: 'weekday', weekdays: [4] }],
    ['Не позднее 30.04.2021', 'deadline', [[null, '2021-04-30']], null],
    ['8.02 –\n30.12.2021', 'range', [['2021-02-08', '2021-12-30']], null],
    ['Февраль,\nмай,\nсентябрь, ноябрь', 'months',
      [['2021-02-01', '2021-02-28'], ['2021-05-01', '2021-05-31'], ['2021-09-01', '2021-09-30'], ['2021-11-01', '2021-11-30']], null],
    ['Еженедельно\nдо 30.05.2021', 'recurrence', [[null, '2021-05-30']], { every: 'week', until: '2021-05-30' }],
    ['До 31.05.2021', 'deadline', [[null, '2021-05-31']], null],
    ['Еженедельно\nдо 21.06.2021', 'recurrence', [[null, '2021-06-21']], { every: 'week', until: '2021-06-21' }],
    ['Еженедельно\nНе позднее 20.09.2021', 'recurrence', [[null, '2021-09-20']], { every: 'week', until: '2021-09-20' }],
    ['Не позднее 01.11.2021', 'deadline', [[null, '2021-11-01']], null],
    ['Не позднее 20.12.2021', 'deadline', [[null, '2021-12-20']], null],
  ],
};

describe('timing strings of the fixtures', () => {
  for (const name of FIXTURES) {
    const doc = fixtureDocument(name);
    const year = doc.document.year;

    test(`${name}: the hand list covers exactly the timing cells of the document`, () => {
      const found = [...new Set(doc.items.map((i) => i.timing.text))].sort();
      const listed = FIXTURE_TIMINGS[name].map(([text]) => text).sort();
      assert.deepEqual(found, listed);
    });

    for (const [text, kind, intervals, recurrence] of FIXTURE_TIMINGS[name]) {
      test(`${name}: ${JSON.stringify(text)}`, () => {
        const t = parseTiming(text, { defaultYear: year });
        assert.equal(t.text, text);
        assert.equal(t.kind, kind);
        assert.deepEqual(t.intervals, intervals);
        assert.deepEqual(t.recurrence, recurrence);
        assert.ok(!t.flags.includes(TIMING_FLAGS.unparsed), `unparsed: ${t.flags.join(', ')}`);
        // The canonical text reads back to the same structure.
        const again = parseTiming(formatTiming(t), { defaultYear: year });
        assert.deepEqual(again.intervals, t.intervals);
        assert.deepEqual(again.recurrence, t.recurrence);
      });
    }

    test(`${name}: items carry the timing parsed with the document year`, () => {
      for (const item of doc.items) {
        assert.deepEqual(item.timing, parseTiming(item.timing.text, { defaultYear: year }));
      }
    });
  }
});

describe('parseTiming: tricky expressions', () => {
  const Y = { defaultYear: 2021 };

  test('dates in several spellings', () => {
    assert.deepEqual(parseTiming('10.03.2021г.', Y).intervals, [day('2021-03-10')]);
    assert.deepEqual(parseTiming('10 марта 2022 г.', Y).intervals, [day('2022-03-10')]);
    assert.deepEqual(parseTiming('08. 02. 2021', Y).intervals, [day('2021-02-08')]);
    assert.deepEqual(parseTiming('24.09.21', Y).intervals, [day('2021-09-24')], 'two-digit year means 20xx');
  });

  test('ranges take the missing month and year from the end', () => {
    assert.deepEqual(parseTiming('16.02- 19.02.2021').intervals, [['2021-02-16', '2021-02-19']]);
    assert.deepEqual(parseTiming('с 01.02 по 15.02.2021').intervals, [['2021-02-01', '2021-02-15']]);
    assert.deepEqual(parseTiming('с 10 по 15 марта 2022').intervals, [['2022-03-10', '2022-03-15']]);
    assert.deepEqual(parseTiming('16.12-15.01.2022').intervals, [['2021-12-16', '2022-01-15']]);
    const open = parseTiming('с 01.09.2021');
    assert.equal(open.kind, 'range');
    assert.deepEqual(open.intervals, [['2021-09-01', null]]);
  });

  test('deadlines', () => {
    for (const text of ['До 31.05.2021', 'до 31.05.2021', 'Не позднее 31.05.2021', 'в срок до 31.05.2021', 'не позднее конца мая 2021']) {
      const t = parseTiming(text);
      assert.equal(t.kind, 'deadline', text);
      assert.deepEqual(t.intervals, [[null, '2021-05-31']], text);
    }
    assert.equal(formatTiming(parseTiming('Не позднее 23.02.2021')), 'до 23.02.2021');
  });

  test('months, month ranges and quarters', () => {
    const t = parseTiming('Сентябрь 2021-май 2022');
    assert.deepEqual(t.intervals, [['2021-09-01', '2022-05-31']]);
    assert.equal(formatTiming(t), 'сентябрь 2021–май 2022');
    assert.deepEqual(parseTiming('Май, ноябрь 2021г.').intervals, [['2021-05-01', '2021-05-31'], ['2021-11-01', '2021-11-30']]);
    assert.equal(formatTiming(parseTiming('Май, ноябрь 2021г.')), 'май, ноябрь 2021');
    assert.equal(formatTiming(parseTiming('Март-май, август-ноябрь 2022г')), 'март–май, август–ноябрь 2022');
    assert.deepEqual(parseTiming('I квартал', { defaultYear: 2022 }).intervals, [['2022-01-01', '2022-03-31']]);
    assert.deepEqual(parseTiming('I-II квартал 2022').intervals, [['2022-01-01', '2022-06-30']]);
    assert.deepEqual(parseTiming('в IV квартале 2021 года').intervals, [['2021-10-01', '2021-12-31']]);
    assert.deepEqual(parseTiming('февраль-март', { defaultYear: 2024 }).intervals, [['2024-02-01', '2024-03-31']]);
    // «Сентябрь–май» without a year wraps over New Year from the document year.
    assert.deepEqual(parseTiming('Сентябрь-май', Y).intervals, [['2021-09-01', '2022-05-31']]);
  });

  test('recurrence', () => {
    assert.deepEqual(parseTiming('Еженедельно до 30.05.2021').recurrence, { every: 'week', until: '2021-05-30' });
    assert.equal(formatTiming(parseTiming('Еженедельно до 30.05.2021')), 'еженедельно до 30.05.2021');
    assert.deepEqual(parseTiming('Каждый четверг').recurrence, { every: 'weekday', weekdays: [4] });
    assert.deepEqual(parseTiming('по вторникам и четвергам').recurrence, { every: 'weekday', weekdays: [2, 4] });
    assert.deepEqual(parseTiming('еженедельно (по пятницам)').recurrence, { every: 'weekday', weekdays: [5] });
    assert.deepEqual(parseTiming('Ежемесячно').recurrence, { every: 'month' });
    assert.deepEqual(parseTiming('ежеквартально').recurrence, { every: 'quarter' });
    assert.deepEqual(parseTiming('Не реже 1 раз в месяц').recurrence, { every: 'month', atLeast: 1 });
    assert.deepEqual(parseTiming('не реже двух раз в неделю').recurrence, { every: 'week', atLeast: 2 });
    assert.deepEqual(parseTiming('2 раза в месяц').recurrence, { every: 'month', times: 2 });
    assert.equal(formatTiming(parseTiming('Не реже 1 раз в месяц')), 'не реже 1 раза в месяц');
    const bounded = parseTiming('ежемесячно с 01.02.2021 по 30.05.2021');
    assert.equal(bounded.kind, 'recurrence');
    assert.deepEqual(bounded.intervals, [['2021-02-01', '2021-05-30']]);
  });

  test('whole-period words', () => {
    const year = parseTiming('В течение года', Y);
    assert.equal(year.kind, 'period');
    assert.equal(year.period, 'year');
    assert.deepEqual(year.intervals, [['2021-01-01', '2021-12-31']]);
    assert.ok(year.flags.includes(TIMING_FLAGS.yearFromDocument));
    const explicit = parseTiming('в течение 2021 года', { defaultYear: 2030 });
    assert.deepEqual(explicit.intervals, [['2021-01-01', '2021-12-31']]);
    assert.deepEqual(explicit.flags, []);
    assert.equal(parseTiming('Постоянно').period, 'constant');
    assert.equal(parseTiming('В ходе реализации проекта').period, 'project');
    const schedule = parseTiming('По графику курсовых мероприятий');
    assert.equal(schedule.period, 'schedule');
    assert.deepEqual(schedule.intervals, []);
    assert.ok(schedule.flags.includes(TIMING_FLAGS.noDates));
    assert.deepEqual(parseTiming('в течение 2021/2022 учебного года').intervals, [['2021-09-01', '2022-08-31']]);
    assert.deepEqual(parseTiming('2021-2022 гг.').intervals, [['2021-01-01', '2022-12-31']]);
    assert.equal(parseTiming('По мере необходимости').period, 'schedule');
  });

  test('combined lines keep their parts', () => {
    const t = parseTiming('Постоянно\nНе реже 1 раз в месяц');
    assert.equal(t.kind, 'mixed');
    assert.deepEqual(t.parts.map((p) => [p.kind, p.period]), [['period', 'constant'], ['recurrence', null]]);
    assert.equal(formatTiming(t), 'постоянно; не реже 1 раза в месяц');

    const staged = parseTiming('Формирование не позднее 25.02.2021\nРеализация до 15.12.2021');
    assert.deepEqual(staged.parts.map((p) => [p.label, p.intervals]), [
      ['Формирование', [[null, '2021-02-25']]],
      ['Реализация', [[null, '2021-12-15']]],
    ]);
    assert.equal(formatTiming(staged), 'Формирование до 25.02.2021; Реализация до 15.12.2021');
  });

  test('the year is taken from the document only when missing, and flagged', () => {
    const t = parseTiming('Сентябрь', { defaultYear: 2021 });
    assert.deepEqual(t.intervals, [['2021-09-01', '2021-09-30']]);
    assert.deepEqual(t.flags, [TIMING_FLAGS.yearFromDocument]);
    const noYear = parseTiming('Сентябрь');
    assert.deepEqual(noYear.intervals, []);
    assert.deepEqual(noYear.flags, [TIMING_FLAGS.noYear]);
    assert.deepEqual(parseTiming('Сентябрь 2020', { defaultYear: 2021 }).flags, []);
  });

  test('invalid dates are flagged, never rolled over', () => {
    for (const text of ['31.02.2021', '29.02.2021', '15.13.2021', '00.05.2021']) {
      const t = parseTiming(text);
      assert.equal(t.kind, 'unknown', text);
      assert.deepEqual(t.intervals, [], text);
      assert.ok(t.flags.includes(TIMING_FLAGS.outOfRange), text);
    }
    assert.deepEqual(parseTiming('29.02.2024').intervals, [day('2024-02-29')]);
  });

  test('what is not understood stays as text with a flag', () => {
    for (const text of ['когда получится?', 'до мая 2021', 'после 01.03.2021', 'abc', '13']) {
      const t = parseTiming(text, Y);
      assert.equal(t.text, text);
      assert.equal(t.kind, 'unknown', text);
      assert.deepEqual(t.intervals, [], text);
      assert.ok(t.flags.includes(TIMING_FLAGS.unparsed), text);
      assert.equal(formatTiming(t), text);
    }
    const part = parseTiming('Май 2021, по согласованию с ИРО ???');
    assert.equal(part.kind, 'mixed');
    assert.deepEqual(part.intervals, [['2021-05-01', '2021-05-31']]);
    assert.equal(parseTiming('').kind, 'unknown');
    assert.deepEqual(parseTiming('').flags, [TIMING_FLAGS.empty]);
  });

  test('a reversed range is kept as printed and flagged', () => {
    const t = parseTiming('30.05.2021-01.03.2021');
    assert.deepEqual(t.intervals, [['2021-05-30', '2021-03-01']]);
    assert.ok(t.flags.includes(TIMING_FLAGS.reversed));
  });

  test('HTML fragments in the cell are ignored, the text is kept unchanged', () => {
    const t = parseTiming('<p>14.02.2022г-01.03.2022г</p>');
    assert.equal(t.text, '<p>14.02.2022г-01.03.2022г</p>');
    assert.deepEqual(t.intervals, [['2022-02-14', '2022-03-01']]);
  });
});

describe('dueDate and isDueBy', () => {
  test('the last end date', () => {
    assert.equal(dueDate(parseTiming('Март-май, август-ноябрь 2022г')), '2022-11-30');
    assert.equal(dueDate(parseTiming('До 31.05.2021')), '2021-05-31');
    assert.equal(dueDate(parseTiming('Еженедельно до 30.05.2021')), '2021-05-30');
    assert.equal(dueDate(parseTiming('10.03.2021')), '2021-03-10');
  });

  test('null without dates or when open-ended', () => {
    assert.equal(dueDate(parseTiming('Ежемесячно')), null);
    assert.equal(dueDate(parseTiming('Постоянно')), null);
    assert.equal(dueDate(parseTiming('с 01.09.2021')), null);
    assert.equal(dueDate(parseTiming('абракадабра')), null);
  });

  test('isDueBy compares the due date with a day', () => {
    const t = parseTiming('До 31.05.2021');
    assert.equal(isDueBy(t, '2021-05-30'), false);
    assert.equal(isDueBy(t, '2021-05-31'), true);
    assert.equal(isDueBy(t, '2021-06-01'), true);
    assert.equal(isDueBy(parseTiming('Постоянно'), '2030-01-01'), false);
  });
});
