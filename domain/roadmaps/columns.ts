// Column mapping by header names («№ п/п», «Мероприятия», «Сроки», «Исполнители», …).
import { cleanCell, oneLine } from './text.js';

export type Field = 'number' | 'title' | 'timing' | 'responsible' | 'indicator' | 'infoSupport';

export interface Column {
  /** Header as printed (cleaned: «Дата реализа- ции» → «Дата реализации»). */
  header: string;
  /** Field the column feeds, or null for an unknown column (ignored). */
  field: Field | null;
}

// Order matters: «Сроки реализации» is timing, «Показатель реализации» is indicator.
const RULES: [Field, RegExp][] = [
  ['number', /^(?:№|n\s*п\/п|п\/п|номер)/iu],
  ['infoSupport', /информацион/iu],
  ['responsible', /исполнител|ответствен/iu],
  ['timing', /срок|дата|период/iu],
  ['indicator', /показател|результат|ожидаем|индикатор|отч[её]т/iu],
  ['title', /мероприяти|задач|описание|наименование|содержание|действи|направлени/iu],
];

/** Header cell text as printed, with Word hyphenation («реализа- ции») undone. */
export function headerText(raw: string): string {
  return oneLine(cleanCell(raw)).replace(/(\p{Ll})- (\p{Ll})/gu, '$1$2');
}

export function fieldOf(header: string): Field | null {
  const h = headerText(header);
  if (h.length > 80) return null;
  return RULES.find(([, re]) => re.test(h))?.[0] ?? null;
}

/** True when the cells look like a table header: at least two known columns, one of them title or timing. */
export function looksLikeHeader(cells: string[]): boolean {
  const fields = cells.map(fieldOf);
  const known = fields.filter((f) => f !== null).length;
  return known >= 2 && (fields.includes('title') || fields.includes('timing'));
}

export function mapColumns(headers: string[]): { columns: Column[]; flags: string[] } {
  const flags: string[] = [];
  const seen = new Set<Field>();
  const columns = headers.map((raw): Column => {
    const header = headerText(raw);
    let field = fieldOf(raw);
    if (field !== null && seen.has(field)) {
      flags.push(`колонка «${header}» повторяет уже найденное поле и пропущена`);
      field = null;
    } else if (field === null && header !== '') flags.push(`неизвестная колонка «${header}» пропущена`);
    if (field !== null) seen.add(field);
    return { header, field };
  });
  const missing: [Field, string][] = [['title', 'мероприятий'], ['timing', 'сроков'], ['responsible', 'исполнителей']];
  for (const [field, name] of missing) if (!seen.has(field)) flags.push(`нет колонки ${name}`);
  return { columns, flags };
}
