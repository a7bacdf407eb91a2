// Timing («сроки») of a roadmap item: parse Russian text into a structure, format it back.
//
// Pipeline: clean → lex → split into clauses (by , ; line breaks, parentheses) → parse each clause
// into pieces → merge neighbouring pieces that belong together (month lists, «еженедельно» + «до …»)
// → resolve missing years → intervals. Anything not understood stays as an 'unknown' part with a flag.
import { daysInMonth, isoDate, MAX_YEAR, MIN_YEAR } from './calendar.js';
import { lex, type Token } from './timing-lexer.js';
import { parsePeriod, parseRecurrence, parseWeekdays } from './timing-phrases.js';
import { linkYears, parseDates, parseDeadline, rangeWraps, type Piece, type Point, wordAt } from './timing-points.js';
import { cleanCell } from './text.js';
import {
  TIMING_FLAGS,
  type Interval,
  type ParseTimingOptions,
  type Recurrence,
  type Timing,
  type TimingKind,
  type TimingPart,
} from './timing-types.js';

export * from './timing-types.js';
export { formatTiming } from './timing-format.js';

type Sep = 'start' | 'none' | 'comma' | 'nl' | 'paren' | 'semi';
const SEP_STRENGTH: Record<Sep, number> = { start: 5, semi: 4, paren: 3, nl: 2, comma: 1, none: 0 };

interface Clause {
  toks: Token[];
  sep: Sep;
}

function splitClauses(toks: Token[]): Clause[] {
  const out: Clause[] = [];
  let cur: Token[] = [];
  let sep: Sep = 'start';
  let pending: Sep = 'start';
  const stronger = (a: Sep, b: Sep) => (SEP_STRENGTH[a] >= SEP_STRENGTH[b] ? a : b);
  const flush = (next: Sep) => {
    if (cur.length > 0) {
      out.push({ toks: cur, sep });
      cur = [];
      pending = next;
    } else pending = stronger(pending, next);
  };
  for (const t of toks) {
    if (t.t === 'comma') flush('comma');
    else if (t.t === 'semi') flush('semi');
    else if (t.t === 'nl' || t.t === 'dot') flush('nl');
    else if (t.t === 'lp' || t.t === 'rp') flush('paren');
    else {
      if (cur.length === 0) sep = out.length === 0 ? 'start' : pending;
      cur.push(t);
    }
  }
  flush('none');
  return out;
}

const PARSERS = [parsePeriod, parseRecurrence, parseWeekdays, parseDeadline, parseDates];
const IGNORABLE = new Set(['включительно', 'г', 'гг', 'года']);

function parseSeq(toks: Token[], i: number): Piece[] | null {
  const pieces: Piece[] = [];
  while (i < toks.length) {
    const t = toks[i] as Token;
    if (t.t === 'colon' || (t.t === 'word' && IGNORABLE.has(t.w) && pieces.length > 0)) {
      i++;
      continue;
    }
    let parsed = null;
    for (const p of PARSERS) if ((parsed = p(toks, i))) break;
    if (!parsed) return null;
    pieces.push(parsed.piece);
    i = parsed.next;
  }
  return pieces.length > 0 ? pieces : null;
}

/** Words that change the meaning of what follows, so they are never taken as a stage label. */
const NOT_A_LABEL = new Set([
  'после', 'кроме', 'около', 'примерно', 'не', 'с', 'со', 'от', 'по', 'к', 'до', 'в', 'во', 'на', 'за', 'через',
  'между', 'раньше', 'ранее', 'позднее', 'позже', 'начиная', 'конец', 'конца', 'начало', 'начала', 'середина',
  'середины', 'первая', 'вторая', 'половина', 'декада', 'неделя', 'каждый', 'каждую', 'и', 'или',
]);

/** «Формирование не позднее 25.02.2021»: up to three leading words are a stage label. */
function parseClause(toks: Token[], src: string): Piece[] | null {
  const direct = parseSeq(toks, 0);
  if (direct) return direct;
  for (let k = 1; k <= 3 && k < toks.length; k++) {
    const w = wordAt(toks, k - 1);
    if (w === null || w.length < 3 || NOT_A_LABEL.has(w)) return null;
    const rest = parseSeq(toks, toks[k]?.t === 'colon' ? k + 1 : k);
    if (rest) {
      const first = rest[0] as Piece;
      first.label = src.slice((toks[0] as Token).pos, (toks[k - 1] as Token).end);
      first.pos = (toks[0] as Token).pos;
      return rest;
    }
  }
  return null;
}

interface Draft extends Piece {
  unknown?: boolean;
}

const SPAN_KINDS = new Set(['date', 'range', 'months']);
const BOUND_KINDS = new Set(['deadline', 'range', 'months']);
const isRecurring = (d: Draft) => d.kind === 'recurrence' || d.kind === 'weekdays';

/** Merges `next` into `prev` when they form one expression; returns false otherwise. */
function merge(prev: Draft, next: Piece, sep: Sep): boolean {
  if (prev.unknown || next.label !== null || sep === 'semi' || sep === 'start') return false;
  const soft = sep === 'none' || sep === 'comma' || sep === 'nl';
  const take = () => {
    prev.end = Math.max(prev.end, next.end);
    prev.flags.push(...next.flags);
    return true;
  };
  if (soft && SPAN_KINDS.has(prev.kind) && SPAN_KINDS.has(next.kind) && (prev.kind === 'months') === (next.kind === 'months')) {
    // «10.03.2021, 15.03.2021», «Март–май, август–ноябрь 2022»; a date next to a range makes a range.
    if (next.kind === 'range') prev.kind = 'range';
    prev.spans.push(...next.spans);
    return take();
  }
  const nextDays = next.recurrence?.every === 'weekday' ? (next.recurrence.weekdays ?? []) : null;
  const plain = prev.recurrence?.atLeast === undefined && prev.recurrence?.times === undefined;
  if ((soft || sep === 'paren') && isRecurring(prev) && nextDays && plain) {
    const prevDays = prev.recurrence?.every === 'weekday' ? (prev.recurrence.weekdays ?? []) : [];
    prev.recurrence = { every: 'weekday', weekdays: [...prevDays, ...nextDays.filter((d) => !prevDays.includes(d))] };
    if (next.kind === 'recurrence') prev.kind = 'recurrence';
    return take();
  }
  if ((sep === 'none' || sep === 'nl') && isRecurring(prev) && prev.spans.length === 0 && BOUND_KINDS.has(next.kind)) {
    prev.spans = next.spans;
    prev.kind = 'recurrence';
    return take();
  }
  if ((sep === 'none' || sep === 'paren' || sep === 'comma') && (BOUND_KINDS.has(prev.kind) || prev.kind === 'date') &&
    next.kind === 'recurrence' && next.spans.length === 0) {
    prev.kind = 'recurrence';
    prev.recurrence = next.recurrence;
    return take();
  }
  return false;
}

function unknownDraft(pos: number, end: number): Draft {
  return { kind: 'date', spans: [], recurrence: null, period: null, flags: [TIMING_FLAGS.unparsed], label: null, pos, end, unknown: true };
}

function draftParts(clauses: Clause[], src: string): Draft[] {
  const drafts: Draft[] = [];
  for (const c of clauses) {
    const pieces = parseClause(c.toks, src);
    const last = drafts[drafts.length - 1];
    if (!pieces) {
      const pos = (c.toks[0] as Token).pos;
      const end = (c.toks[c.toks.length - 1] as Token).end;
      if (last?.unknown && c.sep !== 'semi') last.end = end; // neighbouring garbage stays one part
      else drafts.push(unknownDraft(pos, end));
      continue;
    }
    pieces.forEach((p, k) => {
      const prev = drafts[drafts.length - 1];
      if (!prev || !merge(prev, p, k === 0 ? c.sep : 'none')) drafts.push({ ...p, flags: [...p.flags], spans: [...p.spans] });
    });
  }
  return drafts;
}

// ---- year resolution and intervals ----

function startIso(p: Point): string {
  const y = p.y as number;
  switch (p.p) {
    case 'day': return isoDate(y, p.m, p.d);
    case 'month': return isoDate(y, p.m, 1);
    case 'quarter': return isoDate(y, p.q * 3 - 2, 1);
    case 'half': return isoDate(y, p.h * 6 - 5, 1);
    case 'year': return isoDate(y, 1, 1);
  }
}

function endIso(p: Point): string {
  const y = p.y as number;
  switch (p.p) {
    case 'day': return isoDate(y, p.m, p.d);
    case 'month': return isoDate(y, p.m, daysInMonth(y, p.m));
    case 'quarter': return isoDate(y, p.q * 3, daysInMonth(y, p.q * 3));
    case 'half': return isoDate(y, p.h * 6, daysInMonth(y, p.h * 6));
    case 'year': return isoDate(y, 12, 31);
  }
}

function validPoint(p: Point): boolean {
  if (p.y === null || p.y < MIN_YEAR || p.y > MAX_YEAR) return false;
  if (p.p === 'day') return p.m >= 1 && p.m <= 12 && p.d >= 1 && p.d <= daysInMonth(p.y, p.m);
  if (p.p === 'month') return p.m >= 1 && p.m <= 12;
  return true;
}

/** Fills missing years from the nearest following span, else the preceding one, else the document year. */
function resolveYears(d: Draft, defaultYear: number | null): void {
  const spans = d.spans;
  const known = (k: number): number | null => {
    const s = spans[k];
    return s?.a?.y ?? s?.b?.y ?? null;
  };
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k] as (typeof spans)[number];
    const pts = [s.a, s.b].filter((p): p is Point => p !== null);
    if (pts.every((p) => p.y !== null)) continue;
    let y: number | null = null;
    for (let j = k + 1; j < spans.length && y === null; j++) y = known(j);
    for (let j = k - 1; j >= 0 && y === null; j--) y = known(j);
    if (y === null) {
      if (defaultYear === null) {
        d.flags.push(TIMING_FLAGS.noYear);
        continue;
      }
      y = defaultYear;
      d.flags.push(TIMING_FLAGS.yearFromDocument);
    }
    const first = pts[0] as Point;
    if (first.y === null) first.y = y;
    if (s.a && s.b && s.a !== s.b) {
      linkYears(s.a, s.b);
      if (s.b.y === null) s.b.y = rangeWraps(s.a, s.b) ? (s.a.y as number) + 1 : s.a.y;
    }
  }
}

function toPart(d: Draft, src: string, defaultYear: number | null): TimingPart {
  const text = src.slice(d.pos, d.end);
  if (d.unknown) return { text, label: null, kind: 'unknown', intervals: [], recurrence: null, period: null, flags: [...d.flags] };
  resolveYears(d, defaultYear);
  const kind = d.kind === 'weekdays' ? 'recurrence' : d.kind;
  const part: TimingPart = { text, label: d.label, kind, intervals: [], recurrence: d.recurrence, period: d.period, flags: d.flags };
  for (const s of d.spans) {
    const pts = [s.a, s.b].filter((p): p is Point => p !== null);
    if (pts.some((p) => p.y === null)) continue; // flagged «год не указан»
    if (!pts.every(validPoint)) {
      return { ...part, kind: 'unknown', intervals: [], recurrence: null, period: null, flags: [...part.flags, TIMING_FLAGS.outOfRange] };
    }
    const iv: Interval = [s.a ? startIso(s.a) : null, s.b ? endIso(s.b) : null];
    if (iv[0] !== null && iv[1] !== null && iv[0] > iv[1]) part.flags.push(TIMING_FLAGS.reversed);
    part.intervals.push(iv);
  }
  if (part.recurrence) part.recurrence = withUntil(part.recurrence, part.intervals);
  part.flags = [...new Set(part.flags)];
  return part;
}

function withUntil(rec: Recurrence, intervals: Interval[]): Recurrence {
  const { until: _drop, ...base } = rec;
  const end = intervals[intervals.length - 1]?.[1] ?? null;
  return end === null ? base : { ...base, until: end };
}

/** Builds the aggregate Timing from its parts (also used to construct timings programmatically). */
export function timingFromParts(parts: TimingPart[], text: string): Timing {
  const kinds = new Set(parts.map((p) => p.kind));
  const kind: TimingKind = parts.length === 0 ? 'unknown' : kinds.size === 1 ? (parts[0] as TimingPart).kind : 'mixed';
  const flags = [...new Set(parts.flatMap((p) => p.flags))];
  if (parts.length === 0) flags.push(TIMING_FLAGS.empty);
  return {
    text,
    kind,
    intervals: parts.flatMap((p) => p.intervals),
    recurrence: parts.find((p) => p.recurrence)?.recurrence ?? null,
    period: parts.find((p) => p.period)?.period ?? null,
    parts,
    flags,
  };
}

/** Parses a Russian timing expression. Never throws; `text` is kept unchanged. */
export function parseTiming(text: string, options: ParseTimingOptions = {}): Timing {
  const src = cleanCell(typeof text === 'string' ? text : '');
  const defaultYear = options.defaultYear ?? null;
  const drafts = draftParts(splitClauses(lex(src)), src);
  return timingFromParts(drafts.map((d) => toPart(d, src, defaultYear)), text);
}

/** The last end date, or null when there is none or the timing is open-ended. */
export function dueDate(timing: Timing): string | null {
  if (timing.intervals.length === 0) return null;
  let last: string | null = null;
  for (const [, end] of timing.intervals) {
    if (end === null) return null;
    if (last === null || end > last) last = end;
  }
  return last;
}

/** True when the item must be finished by `isoDate` (its due date is on or before it). */
export function isDueBy(timing: Timing, isoDate: string): boolean {
  const due = dueDate(timing);
  return due !== null && due <= isoDate;
}
