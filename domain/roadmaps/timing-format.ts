// Canonical Russian text for a Timing: «14.02.2022–30.03.2022», «до 31.05.2021»,
// «март–май, август–ноябрь 2022», «еженедельно до 30.05.2021». parseTiming reads it back.
import {
  daysInMonth,
  EVERY_FOR_WEEKDAY,
  MONTH_NAMES,
  parseIso,
  ruDate,
  WEEKDAY_ACCUSATIVE,
  WEEKDAY_DATIVE_PL,
} from './calendar.js';
import { oneLine } from './text.js';
import type { Interval, Recurrence, Timing, TimingPart } from './timing-types.js';

const UNIT_ACC: Record<Exclude<Recurrence['every'], 'weekday'>, string> = {
  day: 'день', week: 'неделю', month: 'месяц', quarter: 'квартал', year: 'год',
};
const EVERY_ADVERB: Record<Exclude<Recurrence['every'], 'weekday'>, string> = {
  day: 'ежедневно', week: 'еженедельно', month: 'ежемесячно', quarter: 'ежеквартально', year: 'ежегодно',
};

/** «не реже 1 раза», «не реже 2 раз». */
const razGenitive = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? 'раза' : 'раз');
/** «2 раза», «5 раз». */
const razCount = (n: number) => (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 'раза' : 'раз');

function listRu(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} и ${items[items.length - 1]}`;
}

export function formatRecurrence(r: Recurrence): string {
  if (r.every === 'weekday') {
    const days = r.weekdays ?? [];
    if (days.length === 1) {
      const d = days[0] as number;
      return `${EVERY_FOR_WEEKDAY[d]} ${WEEKDAY_ACCUSATIVE[d]}`;
    }
    return `по ${listRu(days.map((d) => WEEKDAY_DATIVE_PL[d] ?? ''))}`;
  }
  if (r.atLeast !== undefined) return `не реже ${r.atLeast} ${razGenitive(r.atLeast)} в ${UNIT_ACC[r.every]}`;
  if (r.times !== undefined && r.times > 1) return `${r.times} ${razCount(r.times)} в ${UNIT_ACC[r.every]}`;
  return EVERY_ADVERB[r.every];
}

interface MonthSpan {
  sy: number;
  sm: number;
  ey: number;
  em: number;
}

/** The interval as whole months, or null when it does not start on the 1st / end on a month's last day. */
function asMonths([a, b]: Interval): MonthSpan | null {
  const s = a === null ? null : parseIso(a);
  const e = b === null ? null : parseIso(b);
  if (!s || !e || s.d !== 1 || e.d !== daysInMonth(e.y, e.m)) return null;
  return { sy: s.y, sm: s.m, ey: e.y, em: e.m };
}

const monthName = (m: number) => MONTH_NAMES[m - 1] ?? '';

/** «март–май, август–ноябрь 2022», «сентябрь 2021–май 2022»: a year follows each run of same-year spans. */
function formatMonthSpans(spans: MonthSpan[]): string {
  const out: string[] = [];
  let run: string[] = [];
  let runYear: number | null = null;
  const flush = () => {
    if (run.length > 0) out.push(`${run.join(', ')} ${runYear}`);
    run = [];
    runYear = null;
  };
  for (const s of spans) {
    if (s.sy !== s.ey || s.sm > s.em) {
      // Spans across a year (or printed reversed) keep both years explicit.
      flush();
      out.push(`${monthName(s.sm)} ${s.sy}–${monthName(s.em)} ${s.ey}`);
      continue;
    }
    if (runYear !== null && runYear !== s.sy) flush();
    runYear = s.sy;
    run.push(s.sm === s.em ? monthName(s.sm) : `${monthName(s.sm)}–${monthName(s.em)}`);
  }
  flush();
  return out.join(', ');
}

function formatInterval([a, b]: Interval): string {
  if (a !== null && b !== null) return a === b ? ruDate(a) : `${ruDate(a)}–${ruDate(b)}`;
  if (a !== null) return `с ${ruDate(a)}`;
  if (b !== null) return `до ${ruDate(b)}`;
  return '';
}

/** Intervals as text: runs of whole months in month words, others as dates. */
function formatIntervals(intervals: Interval[]): string {
  const out: string[] = [];
  let months: MonthSpan[] = [];
  for (const iv of intervals) {
    const m = asMonths(iv);
    if (m) {
      months.push(m);
      continue;
    }
    if (months.length > 0) out.push(formatMonthSpans(months));
    months = [];
    out.push(formatInterval(iv));
  }
  if (months.length > 0) out.push(formatMonthSpans(months));
  return out.join(', ');
}

function formatBody(p: TimingPart): string {
  switch (p.kind) {
    case 'date':
    case 'range':
    case 'deadline':
      return p.intervals.map(formatInterval).join(', ');
    case 'months':
      return formatIntervals(p.intervals);
    case 'recurrence': {
      const words = p.recurrence ? formatRecurrence(p.recurrence) : '';
      const [only] = p.intervals;
      if (p.intervals.length === 0) return words;
      if (p.intervals.length === 1 && only && only[0] === null && only[1] !== null) return `${words} до ${ruDate(only[1])}`;
      return `${formatIntervals(p.intervals)} (${words})`;
    }
    case 'period':
      return formatPeriod(p);
    case 'unknown':
      return p.text.trim(); // verbatim: joining its lines could change the meaning
  }
}

function formatPeriod(p: TimingPart): string {
  const [iv] = p.intervals;
  const y1 = iv?.[0]?.slice(0, 4);
  const y2 = iv?.[1]?.slice(0, 4);
  switch (p.period) {
    case 'year':
      return y1 ? `в течение ${y1} года` : 'в течение года';
    case 'academicYear':
      return y1 && y2 ? `в течение ${y1}/${y2} учебного года` : 'в течение учебного года';
    case 'constant':
      return 'постоянно';
    case 'project':
      return 'в ходе реализации проекта';
    default: {
      const t = oneLine(p.label ? p.text.slice(p.label.length) : p.text);
      return t.charAt(0).toLowerCase() + t.slice(1);
    }
  }
}

function formatPart(p: TimingPart): string {
  const body = formatBody(p);
  return p.label && p.kind !== 'unknown' ? `${p.label} ${body}` : body;
}

/** Canonical Russian text of a timing; parts are joined with «; ». */
export function formatTiming(timing: Timing): string {
  return timing.parts.map(formatPart).join('; ');
}
