// Positive-change monitoring («положительная динамика»): per school, the change of each assessment result
// (ВПР, ОГЭ, ЕГЭ: exam × subject × grade × metric) between the latest two years it was measured, plus the change of
// the anti-risk programmes' indicators (domain/documents/programme.ts programmeChange), and the territory share of
// schools whose changes are mostly for the better. Pure: plain rows in, plain data out.
import type { ProgrammeChange } from '../documents/programme.js';
import { percent } from './indicators.js';

export const EXAMS = ['ВПР', 'ОГЭ', 'ЕГЭ'] as const;
export type Exam = (typeof EXAMS)[number];

export const METRICS = ['average', 'pass_share', 'low_share'] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABELS: Record<Metric, string> = {
  average: 'средний балл',
  pass_share: 'доля справившихся',
  low_share: 'доля «2»',
};

/** +1: higher is better (average, pass share); −1: lower is better (share of «2»). */
export const METRIC_SIGN: Record<Metric, 1 | -1> = { average: 1, pass_share: 1, low_share: -1 };

export const POSITIVE_DYNAMICS_TITLE = 'Доля школ с положительной динамикой';

export interface ResultRow {
  schoolId: number;
  year: number;
  exam: Exam;
  subject: string;
  grade: number;
  metric: Metric;
  value: number;
}

export type Trend = 'better' | 'worse' | 'same';

export interface ResultChange {
  exam: Exam;
  subject: string;
  grade: number;
  metric: Metric;
  fromYear: number;
  toYear: number;
  from: number;
  to: number;
  /** to − from, rounded to 3 decimals. */
  change: number;
  trend: Trend;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;
const EXAM_ORDER = new Map<string, number>(EXAMS.map((e, i) => [e, i]));
const METRIC_ORDER = new Map<string, number>(METRICS.map((m, i) => [m, i]));
const collator = new Intl.Collator('ru');

/**
 * The change of each series (exam, subject, grade, metric) of one school between the latest two years that series
 * has a value for. A series measured in one year only has no change and is left out.
 */
export function resultChanges(rows: readonly Omit<ResultRow, 'schoolId'>[]): ResultChange[] {
  const series = new Map<string, Omit<ResultRow, 'schoolId'>[]>();
  for (const r of rows) {
    const key = `${r.exam}\u0000${r.subject}\u0000${r.grade}\u0000${r.metric}`;
    const list = series.get(key);
    if (list) list.push(r);
    else series.set(key, [r]);
  }
  const out: ResultChange[] = [];
  for (const list of series.values()) {
    const sorted = [...list].sort((a, b) => b.year - a.year);
    const [last, prev] = sorted;
    if (!last || !prev || last.year === prev.year) continue;
    const change = round3(last.value - prev.value);
    const signed = change * METRIC_SIGN[last.metric];
    out.push({
      exam: last.exam,
      subject: last.subject,
      grade: last.grade,
      metric: last.metric,
      fromYear: prev.year,
      toYear: last.year,
      from: prev.value,
      to: last.value,
      change,
      trend: signed > 0 ? 'better' : signed < 0 ? 'worse' : 'same',
    });
  }
  return out.sort(
    (a, b) =>
      (EXAM_ORDER.get(a.exam) ?? 9) - (EXAM_ORDER.get(b.exam) ?? 9) ||
      collator.compare(a.subject, b.subject) ||
      a.grade - b.grade ||
      (METRIC_ORDER.get(a.metric) ?? 9) - (METRIC_ORDER.get(b.metric) ?? 9),
  );
}

/** Sum of the programme changes of a school's anti-risk programmes (one per activated risk direction). */
export function sumProgrammeChanges(list: readonly ProgrammeChange[]): ProgrammeChange {
  const indicators = list.reduce((n, c) => n + c.indicators, 0);
  const measured = list.reduce((n, c) => n + c.measured, 0);
  const positive = list.reduce((n, c) => n + c.positive, 0);
  return { indicators, measured, positive, share: measured ? Math.round((positive / measured) * 1000) / 1000 : null };
}

export interface SchoolDynamics {
  schoolId: number;
  results: ResultChange[];
  programme: ProgrammeChange;
  /** Changes for the better: results that improved plus programme indicators that moved the intended way. */
  better: number;
  /** Changes for the worse: results that worsened plus measured programme indicators that did not. */
  worse: number;
  /** Results that did not change. */
  same: number;
  /** better > worse; null when nothing is measured (no result changes, no measured programme indicator). */
  positive: boolean | null;
}

export function schoolDynamics(schoolId: number, results: readonly Omit<ResultRow, 'schoolId'>[], programme: readonly ProgrammeChange[]): SchoolDynamics {
  const changes = resultChanges(results);
  const p = sumProgrammeChanges(programme);
  const better = changes.filter((c) => c.trend === 'better').length + p.positive;
  const worse = changes.filter((c) => c.trend === 'worse').length + (p.measured - p.positive);
  const same = changes.filter((c) => c.trend === 'same').length;
  const measured = changes.length + p.measured;
  return { schoolId, results: changes, programme: p, better, worse, same, positive: measured === 0 ? null : better > worse };
}

export interface PositiveShare {
  code: 'positive_dynamics';
  title: string;
  /** Percent, one decimal; null when no school has anything measured. */
  value: number | null;
  /** Schools with positive change. */
  numerator: number;
  /** Schools with something measured. */
  denominator: number;
  /** All schools of the territory, measured or not. */
  schools: number;
}

/** «Доля школ с положительной динамикой» among the schools with something measured. */
export function positiveShare(list: readonly Pick<SchoolDynamics, 'positive'>[]): PositiveShare {
  const measured = list.filter((s) => s.positive !== null);
  const numerator = measured.filter((s) => s.positive === true).length;
  return {
    code: 'positive_dynamics',
    title: POSITIVE_DYNAMICS_TITLE,
    value: percent(numerator, measured.length),
    numerator,
    denominator: measured.length,
    schools: list.length,
  };
}
