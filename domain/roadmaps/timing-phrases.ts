// Word phrases of a timing: whole-period words, recurrence («еженедельно», «не реже 1 раз в месяц»), weekdays.
import type { Token } from './timing-lexer.js';
import { piece, wordAt, type Parsed, type Point } from './timing-points.js';
import type { Recurrence, RecurrenceEvery } from './timing-types.js';
import { TIMING_FLAGS } from './timing-types.js';

/** Normalised token forms so that phrases can be matched with regular expressions. */
function tokenForm(t: Token): string {
  switch (t.t) {
    case 'word': return t.w === 'c' ? 'с' : t.w;
    case 'num': return t.digits;
    case 'year': return String(t.y);
    case 'dash': return '-';
    case 'slash': return '/';
    default: return `<${t.t}>`;
  }
}

/** Matches `re` (anchored, over space-joined token forms) at token i; returns the match and the next index. */
const formCache = new WeakMap<Token[], Map<number, string>>();

function formsFrom(toks: Token[], i: number): string {
  let byStart = formCache.get(toks);
  if (!byStart) formCache.set(toks, (byStart = new Map()));
  let s = byStart.get(i);
  if (s === undefined) byStart.set(i, (s = toks.slice(i, i + 12).map(tokenForm).join(' ')));
  return s;
}

function phrase(toks: Token[], i: number, re: RegExp): { m: RegExpExecArray; next: number } | null {
  const m = re.exec(formsFrom(toks, i));
  if (!m || m.index !== 0) return null;
  const used = m[0].trim() === '' ? 0 : m[0].trim().split(' ').length;
  return used > 0 ? { m, next: i + used } : null;
}

const END = '(?= |$)';
const PROJECT_RE = new RegExp(
  `^(?:в ходе|в течение|в период|на период|весь период|весь срок|в рамках|на протяжении) (?:срока )?(?:реализации )?(?:всего )?(?:проекта|программы|дорожной карты|плана)${END}`,
);
const CONSTANT_RE = new RegExp(
  `^(?:постоянно|систематически|регулярно|весь период|(?:в течение|на протяжении) всего периода)${END}`,
);
const ACADEMIC_YEARS_RE = new RegExp(`^(?:(?:в течение|на|в) )?(\\d{4}) [-/] (\\d{2}|\\d{4}) учебн\\S* (?:года|год|году)${END}`);
const ACADEMIC_RE = new RegExp(`^(?:(?:в течение|на|в) )?(?:всего )?учебн\\S* (?:года|год|году)${END}`);
const YEAR_WORD_RE = new RegExp(`^в течение (?:всего )?(?:календарного )?года${END}`);
const YEAR_RE = new RegExp(`^(?:(?:в течение|на|в) )?(\\d{4})${END}(?! [-/])`); // «2021-2022» is a range
const SCHEDULE_RE = new RegExp(
  `^(?:по|согласно|в соответствии с) (?:графику|графиком|плану|планом|отдельному|расписанию|расписанием|мере|согласованию|запросу)${END}`,
);

/** «В течение года», «в течение 2021 года», «Постоянно», «В ходе реализации проекта», «По графику курсовых мероприятий». */
export function parsePeriod(toks: Token[], i: number): Parsed | null {
  let r = phrase(toks, i, PROJECT_RE);
  if (r) return piece('period', toks, i, r.next, { period: 'project' });
  r = phrase(toks, i, CONSTANT_RE);
  if (r) return piece('period', toks, i, r.next, { period: 'constant' });
  r = phrase(toks, i, ACADEMIC_YEARS_RE);
  if (r) {
    const y1 = Number(r.m[1]);
    const y2raw = r.m[2] as string;
    const y2 = y2raw.length === 2 ? Math.floor(y1 / 100) * 100 + Number(y2raw) : Number(y2raw);
    const a: Point = { p: 'month', m: 9, y: y1 };
    const b: Point = { p: 'month', m: 8, y: y2 };
    return piece('period', toks, i, r.next, { period: 'academicYear', spans: [{ a, b }] });
  }
  r = phrase(toks, i, ACADEMIC_RE);
  if (r) return piece('period', toks, i, r.next, { period: 'academicYear', flags: [TIMING_FLAGS.noDates] });
  r = phrase(toks, i, YEAR_WORD_RE);
  if (r) {
    const year: Point = { p: 'year', y: null };
    return piece('period', toks, i, r.next, { period: 'year', spans: [{ a: year, b: year }] });
  }
  r = phrase(toks, i, YEAR_RE);
  if (r) {
    const year: Point = { p: 'year', y: Number(r.m[1]) };
    return piece('period', toks, i, r.next, { period: 'year', spans: [{ a: year, b: year }] });
  }
  r = phrase(toks, i, SCHEDULE_RE);
  if (r) {
    // The rest of the clause names the schedule («по графику курсовых мероприятий»).
    return piece('period', toks, i, toks.length, { period: 'schedule', flags: [TIMING_FLAGS.noDates] });
  }
  return null;
}

const UNIT: Record<string, Exclude<RecurrenceEvery, 'weekday'>> = {
  день: 'day', неделю: 'week', месяц: 'month', квартал: 'quarter', год: 'year',
};
const EVERY_WORD: Record<string, Exclude<RecurrenceEvery, 'weekday'>> = {
  ежедневн: 'day', еженедельн: 'week', ежемесячн: 'month', ежеквартальн: 'quarter', ежегодн: 'year',
};
const NUM_WORDS: Record<string, number> = { одного: 1, двух: 2, трех: 3, четырех: 4, пяти: 5 };

const EVERY_RE = new RegExp(`^(ежедневн|еженедельн|ежемесячн|ежеквартальн|ежегодн)[а-я]*${END}`);
const EACH_RE = new RegExp(`^(?:каждый|каждую|каждое|каждого) (день|неделю|месяц|квартал|год)${END}`);
const AT_LEAST_RE = new RegExp(`^не (?:реже|менее) (\\d+|одного|двух|трех|четырех|пяти) раза? в (день|неделю|месяц|квартал|год)${END}`);
const TIMES_RE = new RegExp(`^(?:(\\d+) )?раза? в (день|неделю|месяц|квартал|год)${END}`);

/** «Еженедельно», «Ежемесячно», «Не реже 1 раз в месяц», «2 раза в месяц», «каждый месяц». */
export function parseRecurrence(toks: Token[], i: number): Parsed | null {
  const make = (rec: Recurrence, next: number) => piece('recurrence', toks, i, next, { recurrence: rec });
  let r = phrase(toks, i, EVERY_RE);
  if (r) return make({ every: EVERY_WORD[r.m[1] as string] ?? 'month' }, r.next);
  r = phrase(toks, i, EACH_RE);
  if (r) return make({ every: UNIT[r.m[1] as string] ?? 'month' }, r.next);
  r = phrase(toks, i, AT_LEAST_RE);
  if (r) {
    const raw = r.m[1] as string;
    const n = NUM_WORDS[raw] ?? Number(raw);
    if (!Number.isSafeInteger(n) || n < 1) return null;
    return make({ every: UNIT[r.m[2] as string] ?? 'month', atLeast: n }, r.next);
  }
  r = phrase(toks, i, TIMES_RE);
  if (r) {
    const n = r.m[1] === undefined ? 1 : Number(r.m[1]);
    if (!Number.isSafeInteger(n) || n < 1) return null;
    const every = UNIT[r.m[2] as string] ?? 'month';
    return make(n > 1 ? { every, times: n } : { every }, r.next);
  }
  return null;
}

const WEEKDAY_PREFIX = new Set(['каждый', 'каждую', 'каждое', 'по']);

/** «Каждый четверг», «по вторникам и четвергам»; a bare «вторник» gives a 'weekdays' piece. */
export function parseWeekdays(toks: Token[], i: number): Parsed | null {
  const prefixed = WEEKDAY_PREFIX.has(wordAt(toks, i) ?? '');
  let j = prefixed ? i + 1 : i;
  const days: number[] = [];
  for (;;) {
    const t = toks[j];
    if (t?.t !== 'weekday') break;
    if (!days.includes(t.wd)) days.push(t.wd);
    j++;
    if (wordAt(toks, j) === 'и' && toks[j + 1]?.t === 'weekday') j++;
    else break;
  }
  if (days.length === 0) return null;
  return piece(prefixed ? 'recurrence' : 'weekdays', toks, i, j, { recurrence: { every: 'weekday', weekdays: days } });
}
