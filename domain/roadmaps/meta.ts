// Order («приказ») details from the text above the table: authority, number, date, title, year, level.
import { daysInMonth, isoDate, MAX_YEAR, MIN_YEAR, monthOf } from './calendar.js';
import { cleanCell, norm, oneLine } from './text.js';

export type Level = 'regional' | 'municipal' | 'school' | 'federal';

export interface DocumentMeta {
  /** Issuing body as printed (lines above «ПРИКАЗ»), e.g. «МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ КАЛУЖСКОЙ ОБЛАСТИ». */
  authority: string | null;
  number: string | null;
  /** Order date, 'YYYY-MM-DD'. */
  date: string | null;
  title: string | null;
  /** Year of the plan: from the title («в 2022 году»), else the heading above the table, else the order date. */
  year: number | null;
  level: Level | null;
}

const DATE_RE = /«?\s*(\d{1,2})\s*»?\s*(?:\.\s*)?(\d{1,2}|\p{L}+)\s*(?:\.\s*)?(\d{4})/u;
const NUMBER_RE = /№\s*([0-9][0-9A-Za-zА-Яа-я\-/.]*)/u;
const TITLE_RE = /^(?:О|Об|Обо)\s/u;
const PLAN_YEAR_RE = /(?:в|на)\s+(\d{4})(?:\s*[-–/]\s*\d{2,4})?\s*(?:году|год|года|гг?\.?)(?!\p{L})/u;

/** «от «10» 06 2021 г.», «10 марта 2022 г.», «08. 02. 2021». */
export function findDate(line: string): string | null {
  const m = DATE_RE.exec(line);
  if (!m) return null;
  const d = Number(m[1]);
  const mm = /^\d+$/.test(m[2] as string) ? Number(m[2]) : monthOf(norm(m[2] as string));
  const y = Number(m[3]);
  if (mm === null || mm < 1 || mm > 12 || y < MIN_YEAR || y > MAX_YEAR || d < 1 || d > daysInMonth(y, mm)) return null;
  return isoDate(y, mm, d);
}

const isOrderWord = (l: string) => l.replace(/[\s*]/g, '').toUpperCase() === 'ПРИКАЗ';

const LEVELS: [Level, RegExp][] = [
  ['school', /(?<!\p{L})(?:мбоу|мкоу|моу|маоу|гбоу|гоу|сош|оош|школ\p{L}*|гимнази\p{L}*|лице\p{L}*)(?!\p{L})/iu],
  ['municipal', /муниципальн|район|городск\p{L}* округ|администраци|отдел\p{L}* образования/iu],
  ['federal', /российской федерации|минпросвещения|рособрнадзор|федеральн/iu],
  ['regional', /министерств|департамент|комитет|област|кра[йяе](?!\p{L})|республик|автономн/iu],
];

export function levelOf(authority: string): Level | null {
  return LEVELS.find(([, re]) => re.test(authority))?.[0] ?? null;
}

function yearOf(text: string | null): number | null {
  const m = text === null ? null : PLAN_YEAR_RE.exec(text);
  return m ? Number(m[1]) : null;
}

/** Reads the order details from the lines before the table (`tableStart`, 0-based). */
export function readMeta(lines: string[], tableStart: number): { meta: DocumentMeta; flags: string[] } {
  const head = lines.slice(0, tableStart).map((l) => oneLine(cleanCell(l)));
  const orderAt = head.findIndex(isOrderWord);
  const titleAt = head.findIndex((l, k) => k > orderAt && TITLE_RE.test(l));
  const top = head.slice(0, titleAt >= 0 ? titleAt : head.length);

  let date: string | null = null;
  let number: string | null = null;
  let authorityEnd = orderAt >= 0 ? orderAt : top.length;
  top.forEach((l, k) => {
    const d = date === null ? findDate(l) : null;
    const n = number === null ? NUMBER_RE.exec(l)?.[1]?.replace(/\.$/, '') ?? null : null;
    if (d !== null) date = d;
    if (n !== null) number = n;
    if (d !== null || n !== null) authorityEnd = Math.min(authorityEnd, k);
  });
  const authority = oneLine(head.slice(0, authorityEnd).join(' ')) || null;

  let title: string | null = null;
  let afterTitle = head.length;
  if (titleAt >= 0) {
    let end = titleAt;
    while (end < head.length && head[end] !== '') end++;
    title = oneLine(head.slice(titleAt, end).join(' '));
    afterTitle = end;
  }
  // The heading right above the table («План мероприятий … на 2021 год») also names the year.
  const heading = head.slice(afterTitle).join(' ');
  const dateYear = date === null ? null : Number((date as string).slice(0, 4));
  const year = yearOf(title) ?? yearOf(heading) ?? dateYear;
  const level = authority === null ? null : levelOf(authority);

  const flags: string[] = [];
  if (authority === null) flags.push('не найден орган, издавший приказ');
  if (number === null) flags.push('не найден номер приказа');
  if (date === null) flags.push('не найдена дата приказа');
  if (title === null) flags.push('не найдено название приказа');
  if (year === null) flags.push('год документа не определён');
  if (level === null) flags.push('уровень документа не определён');
  return { meta: { authority, number, date, title, year, level }, flags };
}
