// Month and weekday names (Russian) and ISO date helpers.

/** Nominative month names, index 0 = январь. */
export const MONTH_NAMES = [
  'январь', 'февраль', 'март', 'апрель', 'май', 'июнь',
  'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь',
] as const;

/** Genitive month names («10 марта»). */
export const MONTH_GENITIVE = [
  'января', 'февраля', 'марта', 'апреля', 'мая', 'июня',
  'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря',
] as const;

const MONTH_FORMS = new Map<string, number>();
const MONTH_ABBR = new Set<string>();
{
  const prepositional = [
    'январе', 'феврале', 'марте', 'апреле', 'мае', 'июне',
    'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре',
  ];
  const abbr = [
    ['янв'], ['фев', 'февр'], ['мар'], ['апр'], [], ['июн'],
    ['июл'], ['авг'], ['сен', 'сент'], ['окт'], ['ноя', 'нояб'], ['дек'],
  ];
  for (let i = 0; i < 12; i++) {
    for (const f of [MONTH_NAMES[i], MONTH_GENITIVE[i], prepositional[i]]) MONTH_FORMS.set(f as string, i + 1);
    for (const a of abbr[i] ?? []) {
      MONTH_FORMS.set(a, i + 1);
      MONTH_ABBR.add(a);
    }
  }
}

/** Month number 1..12 for a lower-cased word form, or null. */
export function monthOf(word: string): number | null {
  return MONTH_FORMS.get(word) ?? null;
}

export function isMonthAbbr(word: string): boolean {
  return MONTH_ABBR.has(word);
}

/** ISO weekday 1 = понедельник … 7 = воскресенье. Forms: nominative, accusative, dative plural. */
const WEEKDAY_FORMS = new Map<string, number>([
  ['понедельник', 1], ['понедельникам', 1], ['понедельника', 1],
  ['вторник', 2], ['вторникам', 2], ['вторника', 2],
  ['среда', 3], ['среду', 3], ['средам', 3], ['среды', 3],
  ['четверг', 4], ['четвергам', 4], ['четверга', 4],
  ['пятница', 5], ['пятницу', 5], ['пятницам', 5], ['пятницы', 5],
  ['суббота', 6], ['субботу', 6], ['субботам', 6], ['субботы', 6],
  ['воскресенье', 7], ['воскресеньям', 7], ['воскресенья', 7],
]);

export function weekdayOf(word: string): number | null {
  return WEEKDAY_FORMS.get(word) ?? null;
}

/** «каждый четверг» / «каждую среду» / «каждое воскресенье». */
export const WEEKDAY_ACCUSATIVE = ['', 'понедельник', 'вторник', 'среду', 'четверг', 'пятницу', 'субботу', 'воскресенье'];
export const WEEKDAY_DATIVE_PL = ['', 'понедельникам', 'вторникам', 'средам', 'четвергам', 'пятницам', 'субботам', 'воскресеньям'];
export const EVERY_FOR_WEEKDAY = ['', 'каждый', 'каждый', 'каждую', 'каждый', 'каждую', 'каждую', 'каждое'];

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** '2021-05-31' → '31.05.2021'. */
export function ruDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

export function parseIso(iso: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** Two-digit years mean 20xx. */
export function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}
