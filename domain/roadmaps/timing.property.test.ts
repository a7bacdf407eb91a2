import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { daysInMonth, isoDate } from './calendar.js';
import {
  formatTiming,
  parseTiming,
  timingFromParts,
  type Interval,
  type Recurrence,
  type TimingPart,
} from './timing.js';

const RUNS = { numRuns: 400 };

const isoDay = fc
  .record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => isoDate(y, m, Math.min(d, daysInMonth(y, m))));

const orderedPair = fc.tuple(isoDay, isoDay).map(([a, b]): [string, string] => (a <= b ? [a, b] : [b, a]));

/** A whole-month span: start month plus 0..23 months. */
const monthSpan = fc
  .record({ y: fc.integer({ min: 2000, max: 2097 }), m: fc.integer({ min: 1, max: 12 }), len: fc.integer({ min: 0, max: 23 }) })
  .map(({ y, m, len }): Interval => {
    const ey = y + Math.floor((m - 1 + len) / 12);
    const em = ((m - 1 + len) % 12) + 1;
    return [isoDate(y, m, 1), isoDate(ey, em, daysInMonth(ey, em))];
  });

const label = fc.option(fc.constantFrom('Формирование', 'Реализация', 'Подготовка'), { nil: null });

function part(kind: TimingPart['kind'], intervals: Interval[], extra: Partial<TimingPart> = {}): TimingPart {
  return { text: '', label: null, kind, intervals, recurrence: null, period: null, flags: [], ...extra };
}

const datePart = fc.tuple(fc.array(isoDay, { minLength: 1, maxLength: 3 }), label)
  .map(([ds, l]) => part('date', ds.map((d): Interval => [d, d]), { label: l }));
const rangePart = fc.tuple(fc.array(fc.oneof(orderedPair, isoDay.map((d): Interval => [d, null])), { minLength: 1, maxLength: 2 }), label)
  .map(([ivs, l]) => part('range', ivs, { label: l }));
const deadlinePart = fc.tuple(isoDay, label).map(([d, l]) => part('deadline', [[null, d]], { label: l }));
const monthsPart = fc.tuple(fc.array(monthSpan, { minLength: 1, maxLength: 3 }), label)
  .map(([ivs, l]) => part('months', ivs, { label: l }));

const recurrence: fc.Arbitrary<Recurrence> = fc.oneof(
  fc.constantFrom<Recurrence['every']>('day', 'week', 'month', 'quarter', 'year').map((every) => ({ every })),
  fc.record({ every: fc.constantFrom('week' as const, 'month' as const, 'quarter' as const), atLeast: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ every: fc.constantFrom('week' as const, 'month' as const), times: fc.integer({ min: 2, max: 30 }) }),
  fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }).map((weekdays): Recurrence => ({ every: 'weekday', weekdays })),
).map((r): Recurrence => ({ ...r })); // fc.record builds null-prototype objects
const bounds: fc.Arbitrary<Interval[]> = fc.oneof(
  fc.constant<Interval[]>([]),
  isoDay.map((d): Interval[] => [[null, d]]),
  orderedPair.map((p): Interval[] => [p]),
  isoDay.map((d): Interval[] => [[d, null]]),
  monthSpan.map((iv) => [iv]),
);
const recurrencePart = fc.tuple(recurrence, bounds).map(([rec, ivs]) => {
  const end = ivs[ivs.length - 1]?.[1] ?? null;
  return part('recurrence', ivs, { recurrence: end === null ? rec : { ...rec, until: end } });
});

const periodPart = fc.oneof(
  fc.integer({ min: 2000, max: 2099 }).map((y) => part('period', [[isoDate(y, 1, 1), isoDate(y, 12, 31)]], { period: 'year' })),
  fc.integer({ min: 2000, max: 2098 }).map((y) =>
    part('period', [[isoDate(y, 9, 1), isoDate(y + 1, 8, 31)]], { period: 'academicYear' })),
  fc.constant(part('period', [], { period: 'constant' })),
  fc.constant(part('period', [], { period: 'project' })),
);

const structuredTiming = fc
  .array(fc.oneof(datePart, rangePart, deadlinePart, monthsPart, recurrencePart, periodPart), { minLength: 1, maxLength: 4 })
  .map((parts) => timingFromParts(parts, ''));

describe('formatTiming → parseTiming round trip', () => {
  test('generated structured timings keep their intervals and recurrence', () => {
    fc.assert(
      fc.property(structuredTiming, fc.integer({ min: 2000, max: 2099 }), (t, defaultYear) => {
        const text = formatTiming(t);
        const back = parseTiming(text, { defaultYear });
        assert.deepEqual(back.intervals, t.intervals, text);
        assert.deepEqual(back.recurrence, t.recurrence, text);
        assert.deepEqual(back.flags.filter((f) => f !== 'конец раньше начала'), [], text);
        assert.equal(formatTiming(back), text);
      }),
      RUNS,
    );
  });
});

const CHARS = [
  ...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ',
  ...'0123456789', ...'.,;:-–—/()«»"\'<>&#*%+!?', ' ', '\n', '\t', '\u00a0', 'I', 'V', 'c', 'г',
];
const cyrillicNoise = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 60 });
const TOKENS = [
  'до', 'с', 'по', 'не', 'позднее', 'в', 'течение', 'года', 'срок', 'конца', 'каждый', 'еженедельно', 'ежемесячно',
  'раз', 'в', 'месяц', 'неделю', 'реже', 'I', 'IV', 'квартал', 'полугодие', 'май', 'Сентябрь', 'марта', 'четверг',
  'по', 'вторникам', 'и', '2021', '21', '13', '31.02.2021', '10.03.2021', '16.02', '8.02', '2021г.', 'г.', '-', '–',
  ',', ';', '\n', '(', ')', '.', ':', '/', 'Постоянно', 'учебного', 'проекта', 'графику', '99.99.9999', '0', '1',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((ws) => ws.join(' '));
const anyText = fc.oneof(cyrillicNoise, tokenSoup, fc.string({ unit: 'binary', maxLength: 40 }));

const ISO = /^\d{4}-\d{2}-\d{2}$/;

describe('parseTiming on arbitrary text', () => {
  test('never throws, keeps the text, returns well-formed structure', () => {
    fc.assert(
      fc.property(anyText, fc.option(fc.integer({ min: 1990, max: 2090 }), { nil: undefined }), (text, defaultYear) => {
        const t = parseTiming(text, { defaultYear });
        assert.equal(t.text, text);
        assert.ok(Array.isArray(t.flags));
        for (const [a, b] of t.intervals) {
          assert.ok(a === null || ISO.test(a), String(a));
          assert.ok(b === null || ISO.test(b), String(b));
        }
        if (t.kind === 'unknown') assert.deepEqual(t.intervals, []);
        assert.equal(typeof formatTiming(t), 'string');
      }),
      { numRuns: 1500 },
    );
  });

  test('parsing the canonical text again changes nothing', () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        const t = parseTiming(text, { defaultYear: 2021 });
        const back = parseTiming(formatTiming(t), { defaultYear: 2021 });
        assert.deepEqual(back.intervals, t.intervals, text);
        assert.deepEqual(back.recurrence, t.recurrence, text);
      }),
      { numRuns: 1500 },
    );
  });
});
