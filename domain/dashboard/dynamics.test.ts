import assert from 'node:assert/strict';
import { test } from 'node:test';
import { programmeChange } from '../documents/programme.js';
import { positiveShare, resultChanges, schoolDynamics, sumProgrammeChanges, type ResultRow } from './dynamics.js';

type Row = Omit<ResultRow, 'schoolId'>;
const r = (year: number, exam: Row['exam'], subject: string, grade: number, metric: Row['metric'], value: number): Row => ({ year, exam, subject, grade, metric, value });

test('resultChanges: latest two years per series, direction by metric', () => {
  const rows: Row[] = [
    r(2023, 'ВПР', 'Математика', 5, 'average', 3.1),
    r(2024, 'ВПР', 'Математика', 5, 'average', 3.4),
    r(2025, 'ВПР', 'Математика', 5, 'average', 3.3),
    r(2024, 'ВПР', 'Математика', 5, 'low_share', 20),
    r(2025, 'ВПР', 'Математика', 5, 'low_share', 12.5),
    r(2024, 'ОГЭ', 'Русский язык', 9, 'pass_share', 80),
    r(2025, 'ОГЭ', 'Русский язык', 9, 'pass_share', 80),
    r(2025, 'ЕГЭ', 'Физика', 11, 'average', 55), // one year only: no change
  ];
  const changes = resultChanges(rows);
  assert.deepEqual(
    changes.map((c) => [c.exam, c.subject, c.metric, c.fromYear, c.toYear, c.from, c.to, c.change, c.trend]),
    [
      ['ВПР', 'Математика', 'average', 2024, 2025, 3.4, 3.3, -0.1, 'worse'],
      ['ВПР', 'Математика', 'low_share', 2024, 2025, 20, 12.5, -7.5, 'better'],
      ['ОГЭ', 'Русский язык', 'pass_share', 2024, 2025, 80, 80, 0, 'same'],
    ],
  );
});

test('resultChanges: a gap year compares the two latest measured years', () => {
  const [c] = resultChanges([r(2021, 'ЕГЭ', 'Химия', 11, 'average', 50), r(2024, 'ЕГЭ', 'Химия', 11, 'average', 61.25)]);
  assert.deepEqual([c?.fromYear, c?.toYear, c?.change, c?.trend], [2021, 2024, 11.25, 'better']);
});

const programme = (baseline: number, latest: number, direction: 'increase' | 'decrease') =>
  programmeChange({ indicators: [{ name: 'п', unit: '%', baseline, target: null, direction, actual: [{ stageNumber: 1, value: latest }] }] });

test('sumProgrammeChanges adds programmes up', () => {
  const sum = sumProgrammeChanges([programme(10, 20, 'increase'), programme(10, 12, 'decrease'), programmeChange({ indicators: [] })]);
  assert.deepEqual(sum, { indicators: 2, measured: 2, positive: 1, share: 0.5 });
});

test('schoolDynamics: positive when changes for the better outnumber those for the worse', () => {
  const results = [
    r(2024, 'ВПР', 'Математика', 5, 'average', 3),
    r(2025, 'ВПР', 'Математика', 5, 'average', 3.5), // better
    r(2024, 'ВПР', 'Математика', 5, 'low_share', 10),
    r(2025, 'ВПР', 'Математика', 5, 'low_share', 15), // worse
  ];
  const tie = schoolDynamics(1, results, []);
  assert.deepEqual([tie.better, tie.worse, tie.same, tie.positive], [1, 1, 0, false]);
  const withProgramme = schoolDynamics(1, results, [programme(40, 50, 'increase')]);
  assert.deepEqual([withProgramme.better, withProgramme.worse, withProgramme.positive], [2, 1, true]);
  const nothing = schoolDynamics(2, [r(2025, 'ОГЭ', 'Математика', 9, 'average', 3.9)], [programmeChange({ indicators: [] })]);
  assert.equal(nothing.positive, null);
});

test('positiveShare counts only measured schools', () => {
  assert.deepEqual(positiveShare([{ positive: true }, { positive: false }, { positive: true }, { positive: null }]), {
    code: 'positive_dynamics',
    title: 'Доля школ с положительной динамикой',
    value: 66.7,
    numerator: 2,
    denominator: 3,
    schools: 4,
  });
  assert.equal(positiveShare([{ positive: null }]).value, null);
});
