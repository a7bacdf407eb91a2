// Completion tracking: answers received against the counts a school expects, per instrument, school and territory.
import { INSTRUMENT_LABELS } from './instruments.js';
import { SCHOOL_INSTRUMENTS, type SchoolInstrumentCode } from './instruments/types.js';

/** Numbers a school enters before a campaign. */
export interface SchoolFacts {
  teachers?: number;
  students6?: number;
  students9?: number;
  /** Parents to survey; by default one parent per grade 6 and grade 9 student. */
  parents?: number;
}

/** Expected answers per instrument; null = the school has not entered the number yet; 0 = not applicable. */
export type ExpectedCounts = Record<SchoolInstrumentCode, number | null>;

/** Minimum share of expected answers that completes an instrument (0–1). */
export type CompletionTargets = Record<SchoolInstrumentCode, number>;

/** Defaults: the director must answer; teachers and students — at least 70%; parents — at least 50%. */
export const DEFAULT_COMPLETION_TARGETS: Readonly<CompletionTargets> = {
  director: 1,
  teachers: 0.7,
  students6: 0.7,
  students9: 0.7,
  parents: 0.5,
};

const count = (n: number | undefined): number | null => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : null);

/** Expected counts from school facts: director 1, teachers, grade 6 and 9 students as entered, parents = facts.parents or students6 + students9. */
export function expectedCounts(facts: SchoolFacts = {}): ExpectedCounts {
  const students6 = count(facts.students6);
  const students9 = count(facts.students9);
  const parents = count(facts.parents) ?? (students6 !== null && students9 !== null ? students6 + students9 : null);
  return { director: 1, teachers: count(facts.teachers), students6, students9, parents };
}

export interface InstrumentCompletion {
  instrument: SchoolInstrumentCode;
  expected: number | null;
  received: number;
  /** received / expected (may exceed 1); null when expected is unknown or 0. */
  share: number | null;
  target: number;
  /** Answers still needed to reach the target (0 when complete; null when expected is unknown). */
  missing: number | null;
  complete: boolean;
}

export interface SchoolCompletion {
  instruments: InstrumentCompletion[];
  /** Every tracked instrument is complete. */
  complete: boolean;
}

/**
 * Completion of one school. Instruments absent from `expected` are not tracked; expected 0 is complete (nobody to ask);
 * expected null (number not entered) is never complete.
 */
export function schoolCompletion(
  expected: Partial<ExpectedCounts>,
  received: Partial<Record<SchoolInstrumentCode, number>>,
  targets: Partial<CompletionTargets> = DEFAULT_COMPLETION_TARGETS,
): SchoolCompletion {
  const instruments: InstrumentCompletion[] = [];
  for (const instrument of SCHOOL_INSTRUMENTS) {
    if (!Object.hasOwn(expected, instrument)) continue;
    const exp = expected[instrument] ?? null;
    const got = Math.max(0, Math.floor(received[instrument] ?? 0));
    const target = targets[instrument] ?? DEFAULT_COMPLETION_TARGETS[instrument];
    const needed = exp === null ? null : Math.ceil(exp * target - 1e-9);
    instruments.push({
      instrument,
      expected: exp,
      received: got,
      share: exp ? Math.round((got / exp) * 1000) / 1000 : null,
      target,
      missing: needed === null ? null : Math.max(0, needed - got),
      complete: needed !== null && got >= needed,
    });
  }
  return { instruments, complete: instruments.every((i) => i.complete) };
}

export interface SchoolCompletionRow<Id = string | number> {
  schoolId: Id;
  completion: SchoolCompletion;
}

export interface BehindSchool<Id = string | number> {
  schoolId: Id;
  /** Instruments not yet complete. */
  instruments: SchoolInstrumentCode[];
  /** Russian, e.g. «учителя: 12 из 30 (нужно ещё 9); родители: численность не указана». */
  summary: string;
}

export interface TerritoryCompletion<Id = string | number> {
  schools: number;
  completed: number;
  /** completed / schools (0–1); null for no schools. */
  share: number | null;
  /** Schools not complete, those furthest behind first (then by id). */
  behind: BehindSchool<Id>[];
}

function lag(c: SchoolCompletion): number {
  return c.instruments.reduce((sum, i) => sum + (i.complete ? 0 : i.share === null ? 1 : Math.max(0, i.target - i.share)), 0);
}

/** Territory view: the share of schools that finished («100% школ завершили анкетирование») and who is behind. */
export function territoryCompletion<Id extends string | number>(rows: readonly SchoolCompletionRow<Id>[]): TerritoryCompletion<Id> {
  const behindRows = rows.filter((r) => !r.completion.complete);
  const behind = [...behindRows]
    .sort((a, b) => lag(b.completion) - lag(a.completion) || String(a.schoolId).localeCompare(String(b.schoolId), 'ru', { numeric: true }))
    .map((r) => {
      const open = r.completion.instruments.filter((i) => !i.complete);
      return {
        schoolId: r.schoolId,
        instruments: open.map((i) => i.instrument),
        summary: open
          .map((i) =>
            i.expected === null
              ? `${INSTRUMENT_LABELS[i.instrument]}: численность не указана`
              : `${INSTRUMENT_LABELS[i.instrument]}: ${i.received} из ${i.expected} (нужно ещё ${i.missing})`,
          )
          .join('; '),
      };
    });
  const completed = rows.length - behindRows.length;
  return { schools: rows.length, completed, share: rows.length ? Math.round((completed / rows.length) * 1000) / 1000 : null, behind };
}
