// Structured date expression («сроки») of a roadmap item.

export type TimingKind = 'date' | 'range' | 'deadline' | 'months' | 'recurrence' | 'period' | 'mixed' | 'unknown';

/** [start, end] as 'YYYY-MM-DD'; null is an open end («до 31.05.2021» → [null, '2021-05-31']). */
export type Interval = [string | null, string | null];

export type RecurrenceEvery = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'weekday';

export interface Recurrence {
  every: RecurrenceEvery;
  /** ISO weekdays 1 = понедельник … 7 = воскресенье; only with every = 'weekday'. */
  weekdays?: number[];
  /** «не реже 2 раз в месяц» → 2. */
  atLeast?: number;
  /** «2 раза в месяц» → 2 (exact count, > 1). */
  times?: number;
  /** End of the bounded period ('YYYY-MM-DD'), e.g. «еженедельно до 30.05.2021». */
  until?: string;
}

/**
 * Whole-period words: year = «в течение (2021) года»; academicYear = «в течение учебного года»;
 * constant = «постоянно»; project = «в ходе реализации проекта»; schedule = «по графику …».
 */
export type Period = 'year' | 'academicYear' | 'constant' | 'project' | 'schedule';

/** One clause of a timing («Формирование не позднее 25.02.2021» is one part with a label). */
export interface TimingPart {
  /** Source fragment of this part (after HTML cleaning). */
  text: string;
  /** Leading words naming a stage, e.g. «Формирование». */
  label: string | null;
  kind: Exclude<TimingKind, 'mixed'>;
  intervals: Interval[];
  recurrence: Recurrence | null;
  period: Period | null;
  flags: string[];
}

export interface Timing {
  /** The original text, unchanged. */
  text: string;
  kind: TimingKind;
  intervals: Interval[];
  recurrence: Recurrence | null;
  period: Period | null;
  parts: TimingPart[];
  flags: string[];
}

export interface ParseTimingOptions {
  /** The document's year; used when an expression has no year (flagged). */
  defaultYear?: number | null;
}

/** Problems reported in `flags` (exact strings, so callers can filter on them). */
export const TIMING_FLAGS = {
  unparsed: 'не удалось разобрать',
  yearFromDocument: 'год не указан, взят из документа',
  noYear: 'год не указан',
  outOfRange: 'дата вне диапазона',
  reversed: 'конец раньше начала',
  noDates: 'конкретные даты не указаны',
  empty: 'срок не указан',
} as const;
