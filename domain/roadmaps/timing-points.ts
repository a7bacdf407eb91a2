// Calendar points and the pieces built from them: dates, ranges, month spans, deadlines.
import type { Token } from './timing-lexer.js';
import type { Period, Recurrence } from './timing-types.js';

/** A calendar point whose year may still be unknown (filled in later from neighbours or the document). */
export type Point =
  | { p: 'day'; d: number; m: number; y: number | null }
  | { p: 'month'; m: number; y: number | null }
  | { p: 'quarter'; q: number; y: number | null }
  | { p: 'half'; h: number; y: number | null }
  | { p: 'year'; y: number | null };

/** a = start, b = end; null is an open end. */
export interface Span {
  a: Point | null;
  b: Point | null;
}

export type PieceKind = 'date' | 'range' | 'deadline' | 'months' | 'recurrence' | 'weekdays' | 'period';

/** What one phrase inside a clause means, before years are resolved. */
export interface Piece {
  kind: PieceKind;
  spans: Span[];
  recurrence: Recurrence | null;
  period: Period | null;
  flags: string[];
  label: string | null;
  pos: number;
  end: number;
}

export interface Parsed {
  piece: Piece;
  next: number;
}

export function piece(kind: PieceKind, toks: Token[], from: number, next: number, extra: Partial<Piece> = {}): Parsed {
  const first = toks[from] as Token;
  const last = toks[next - 1] as Token;
  return {
    piece: { kind, spans: [], recurrence: null, period: null, flags: [], label: null, pos: first.pos, end: last.end, ...extra },
    next,
  };
}

export function wordAt(toks: Token[], i: number): string | null {
  const t = toks[i];
  if (t?.t !== 'word') return null;
  return t.w === 'c' ? 'с' : t.w; // Latin "c" typed for Cyrillic «с»
}

/** Index after the word sequence `ws` starting at i, or -1. */
export function words(toks: Token[], i: number, ws: readonly string[]): number {
  for (let k = 0; k < ws.length; k++) if (wordAt(toks, i + k) !== ws[k]) return -1;
  return i + ws.length;
}

const isMonthish = (p: Point) => p.p !== 'day';

/** Ordinal inside a year (for wrap detection when only one end has a year). */
function startOrdinal(p: Point): number {
  switch (p.p) {
    case 'day': return p.m * 100 + p.d;
    case 'month': return p.m * 100 + 1;
    case 'quarter': return (p.q * 3 - 2) * 100 + 1;
    case 'half': return (p.h * 6 - 5) * 100 + 1;
    case 'year': return 101;
  }
}

function endOrdinal(p: Point): number {
  switch (p.p) {
    case 'day': return p.m * 100 + p.d;
    case 'month': return p.m * 100 + 31;
    case 'quarter': return p.q * 300 + 31;
    case 'half': return p.h * 600 + 31;
    case 'year': return 1231;
  }
}

/** Fills the missing year of one end of a range from the other end («16.02-19.02.2021», «Сентябрь–май 2022»). */
export function linkYears(a: Point, b: Point): void {
  if (a.p === 'year' || b.p === 'year') return;
  const wraps = startOrdinal(a) > endOrdinal(b);
  if (a.y === null && b.y !== null) a.y = wraps ? b.y - 1 : b.y;
  else if (b.y === null && a.y !== null) b.y = wraps ? a.y + 1 : a.y;
}

export function rangeWraps(a: Point, b: Point): boolean {
  return a.p !== 'year' && b.p !== 'year' && startOrdinal(a) > endOrdinal(b);
}

const QUARTER_WORDS = new Set(['квартал', 'квартала', 'квартале', 'кв']);
const HALF_WORDS = new Set(['полугодие', 'полугодия', 'полугодии']);

function smallNumber(t: Token | undefined, max: number): number | null {
  if (t?.t === 'roman' && t.n <= max) return t.n;
  if (t?.t === 'num' && t.n >= 1 && t.n <= max && t.digits.length === 1) return t.n;
  return null;
}

function optionalYear(toks: Token[], i: number): { y: number | null; next: number } {
  const t = toks[i];
  return t?.t === 'year' ? { y: t.y, next: i + 1 } : { y: null, next: i };
}

interface PointAt {
  point: Point;
  next: number;
}

/** A day, month, quarter, half-year (each with an optional year) or a bare year. */
export function parsePoint(toks: Token[], i: number): PointAt | null {
  const t = toks[i];
  if (!t) return null;
  if (t.t === 'date') return { point: { p: 'day', d: t.d, m: t.m, y: t.y }, next: i + 1 };
  if (t.t === 'year') return { point: { p: 'year', y: t.y }, next: i + 1 }; // «2021-2022 гг.»
  if (t.t === 'month') {
    const y = optionalYear(toks, i + 1);
    return { point: { p: 'month', m: t.m, y: y.y }, next: y.next };
  }
  const next = toks[i + 1];
  if (t.t === 'num' && t.n >= 1 && t.n <= 99 && next?.t === 'month') {
    const y = optionalYear(toks, i + 2);
    return { point: { p: 'day', d: t.n, m: next.m, y: y.y }, next: y.next };
  }
  const w = wordAt(toks, i + 1);
  const q = smallNumber(t, 4);
  if (q !== null && w !== null && QUARTER_WORDS.has(w)) {
    const y = optionalYear(toks, i + 2);
    return { point: { p: 'quarter', q, y: y.y }, next: y.next };
  }
  const h = smallNumber(t, 2);
  if (h !== null && w !== null && HALF_WORDS.has(w)) {
    const y = optionalYear(toks, i + 2);
    return { point: { p: 'half', h, y: y.y }, next: y.next };
  }
  return null;
}

/** «I-II квартал 2022», «1-2 полугодие». */
function parseQuarterRange(toks: Token[], i: number): { a: Point; b: Point; next: number } | null {
  if (toks[i + 1]?.t !== 'dash') return null;
  const w = wordAt(toks, i + 3);
  if (w === null) return null;
  for (const [set, max, kind] of [[QUARTER_WORDS, 4, 'quarter'], [HALF_WORDS, 2, 'half']] as const) {
    const x = smallNumber(toks[i], max);
    const z = smallNumber(toks[i + 2], max);
    if (x === null || z === null || !set.has(w)) continue;
    const y = optionalYear(toks, i + 4);
    const mk = (n: number): Point => (kind === 'quarter' ? { p: 'quarter', q: n, y: y.y } : { p: 'half', h: n, y: y.y });
    return { a: mk(x), b: mk(z), next: y.next };
  }
  return null;
}

const RANGE_JOINERS = new Set(['по', 'до']);

/** Dates, ranges and month spans: «10.03.2021», «13-24.09.21», «с 01.02 по 15.02.2021», «Март–май 2022», «в I квартале». */
export function parseDates(toks: Token[], i: number): Parsed | null {
  const start = i;
  const w0 = wordAt(toks, i);
  const from = w0 === 'с' || w0 === 'со' || w0 === 'от';
  let monthOnly = false;
  if (from) i++;
  else if (w0 === 'в' || w0 === 'на') {
    i++;
    monthOnly = true;
  } else if (words(toks, i, ['в', 'течение']) > 0) {
    i += 2;
    monthOnly = true;
  }
  const qr = parseQuarterRange(toks, i);
  if (qr) return piece('months', toks, start, qr.next, { spans: [{ a: qr.a, b: qr.b }] });

  // A bare day number may only start a range: «13-24.09.21», «с 10 по 15 марта».
  const first = parsePoint(toks, i);
  const t = toks[i];
  const bareDay = !first && !monthOnly && t?.t === 'num' && t.n >= 1 && t.n <= 31 ? t.n : null;
  if (!first && bareDay === null) return null;
  if (first && monthOnly && !isMonthish(first.point)) return null;
  const afterFirst = first ? first.next : i + 1;
  const joined = toks[afterFirst]?.t === 'dash' || (from && RANGE_JOINERS.has(wordAt(toks, afterFirst) ?? ''));
  const second = joined ? parsePoint(toks, afterFirst + 1) : null;
  if (second && monthOnly && !isMonthish(second.point)) return null;

  if (second) {
    let a: Point;
    if (first) a = first.point;
    else if (second.point.p === 'day') a = { p: 'day', d: bareDay as number, m: second.point.m, y: second.point.y };
    else return null;
    const b = second.point;
    linkYears(a, b);
    const kind = isMonthish(a) && isMonthish(b) ? 'months' : 'range';
    return piece(kind, toks, start, second.next, { spans: [{ a, b }] });
  }
  if (!first) return null;
  if (from) return piece('range', toks, start, first.next, { spans: [{ a: first.point, b: null }] });
  const kind = isMonthish(first.point) ? 'months' : 'date';
  return piece(kind, toks, start, first.next, { spans: [{ a: first.point, b: first.point }] });
}

/** Prefixes after which only an exact day is accepted («до мая» is ambiguous and left unparsed). */
const DAY_ONLY_PREFIXES = [['в', 'срок', 'до'], ['срок', 'до'], ['до'], ['к'], ['по']];
/** Prefixes meaning "by the end of" the point, so a month or quarter is fine. */
const END_OF_PREFIXES = [
  ['в', 'срок', 'не', 'позднее', 'конца'], ['в', 'срок', 'не', 'позднее'], ['не', 'позднее', 'конца'],
  ['не', 'позднее'], ['не', 'позже'], ['до', 'конца'], ['к', 'концу'],
];

/** «До 31.05.2021», «Не позднее 23.02.2021», «в срок до 01.12.2021», «до конца мая». */
export function parseDeadline(toks: Token[], i: number): Parsed | null {
  for (const [prefixes, dayOnly] of [[END_OF_PREFIXES, false], [DAY_ONLY_PREFIXES, true]] as const) {
    for (const prefix of prefixes) {
      const j = words(toks, i, prefix);
      if (j < 0) continue;
      const yearTok = toks[j];
      if (!dayOnly && yearTok?.t === 'year' && prefix.includes('конца')) {
        return piece('deadline', toks, i, j + 1, { spans: [{ a: null, b: { p: 'year', y: yearTok.y } }] });
      }
      const pt = parsePoint(toks, j);
      if (!pt || (dayOnly && pt.point.p !== 'day')) continue;
      return piece('deadline', toks, i, pt.next, { spans: [{ a: null, b: pt.point }] });
    }
  }
  return null;
}
