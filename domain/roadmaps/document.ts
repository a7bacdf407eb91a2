// Parses a whole order («приказ») with its roadmap table into items.
//
// Decisions on messy exports (see the fixture tests):
//  - a row with an empty number cell whose first filled cell starts with a lower-case letter (or a
//    non-letter) continues the previous item: its cells are appended cell by cell, and a word broken
//    with a hyphen («образователь-» + «ных») is glued back;
//  - a row with an empty number cell starting with a capital letter is a separate, unnumbered item;
//  - cells beyond the header width are dropped and flagged on the item (they repeat other cells);
//  - continuation text that repeats another cell of the same item is kept as printed but flagged;
//  - timing flags are copied to the item's flags with the prefix «сроки: ».
import { type Column, type Field, headerText, mapColumns } from './columns.js';
import { type DocumentMeta, readMeta } from './meta.js';
import { recogniseParties } from './parties.js';
import { isColumnNumbering, isItemNumber, type RawRow, readTable } from './table.js';
import { countWord, isBlank, joinFragments, norm, oneLine } from './text.js';
import { parseTiming } from './timing.js';
import type { Interval, Recurrence, Timing } from './timing-types.js';

export type { Column, Field } from './columns.js';
export type { DocumentMeta, Level } from './meta.js';

export interface Responsible {
  text: string;
  parties: string[];
}

export interface RoadmapItem {
  /** As printed, normalised ('1', '3.1'); null for an unnumbered row. */
  number: string | null;
  /** Running index, 1-based, in document order. */
  order: number;
  title: string;
  timing: Timing;
  responsible: Responsible;
  indicator: string;
  infoSupport: string;
  flags: string[];
}

export interface RoadmapDocument {
  document: DocumentMeta;
  columns: Column[];
  items: RoadmapItem[];
  /** Text after the table that belongs to no row, e.g. footnotes («*-для участников проекта …»). */
  notes: string[];
  flags: string[];
}

type TextField = Exclude<Field, 'number'>;

interface Draft {
  number: string | null;
  cells: Record<TextField, string>;
  /** Text appended from continuation rows, per field (for the duplicate check). */
  continued: [TextField, string][];
  flags: string[];
}

const TEXT_FIELDS: TextField[] = ['title', 'timing', 'responsible', 'indicator', 'infoSupport'];

/** '1.' → '1', '3.1.' → '3.1'. */
const normaliseNumber = (cell: string) => oneLine(cell).replace(/[.)]$/, '');

type Glue = (left: string, right: string) => boolean;

/**
 * A word split across pages without a hyphen («общеобразова» + «тельных») is glued back when the
 * joined word occurs elsewhere in the document and the tail occurs nowhere else.
 */
function glueBy(text: () => string): Glue {
  let hay: string | null = null; // built on first use: continuations are rare
  return (left, right) => {
    hay ??= norm(text());
    return countWord(hay, norm(left + right)) > 0 && countWord(hay, norm(right)) <= 1;
  };
}

function join(field: TextField, a: string, b: string, glue: Glue): string {
  // Line breaks matter in timings («Постоянно\nНе реже 1 раз в месяц»), elsewhere text is one line.
  return field === 'timing' ? joinFragments(a, b, '\n') : joinFragments(a, oneLine(b), ' ', glue);
}

function isContinuation(cells: Record<TextField, string>): boolean {
  const first = TEXT_FIELDS.map((f) => cells[f]).find((c) => c !== '');
  return first !== undefined && !/^\p{Lu}/u.test(first);
}

function isHeaderRepeat(cells: string[], header: string[]): boolean {
  return headerText(cells[0] ?? '') === header[0] && header.every((h, k) => headerText(cells[k] ?? '') === h);
}

function buildDrafts(rows: RawRow[], columns: Column[], header: string[], glue: Glue): { drafts: Draft[]; flags: string[] } {
  const drafts: Draft[] = [];
  const flags: string[] = [];
  const width = columns.length;
  for (const row of rows) {
    const cells = row.cells.map((c) => (isBlank(c) ? '' : c));
    if (cells.every((c) => c === '') || isColumnNumbering(cells)) continue;
    if (isHeaderRepeat(row.cells, header)) continue;
    const byField = { title: '', timing: '', responsible: '', indicator: '', infoSupport: '' };
    let numberCell = '';
    columns.forEach((col, k) => {
      const v = cells[k] ?? '';
      if (col.field === 'number') numberCell = v;
      else if (col.field !== null) byField[col.field] = col.field === 'timing' ? v : oneLine(v);
    });
    const extra = cells.slice(width).filter((c) => c !== '');
    const rowFlags = extra.length > 0 ? [`лишние ячейки отброшены: ${extra.map((c) => `«${oneLine(c)}»`).join(', ')}`] : [];
    const prev = drafts[drafts.length - 1];

    if (numberCell === '' && prev && isContinuation(byField)) {
      for (const f of TEXT_FIELDS) {
        if (byField[f] === '') continue;
        prev.cells[f] = join(f, prev.cells[f], byField[f], glue);
        prev.continued.push([f, byField[f]]);
      }
      prev.flags.push(...rowFlags);
      continue;
    }
    const draft: Draft = { number: null, cells: byField, continued: [], flags: rowFlags };
    if (isItemNumber(numberCell)) draft.number = normaliseNumber(numberCell);
    else if (numberCell !== '') {
      draft.flags.push(`номер не распознан: «${oneLine(numberCell)}»`);
      draft.cells.title = joinFragments(oneLine(numberCell), draft.cells.title);
    } else draft.flags.push('строка без номера');
    if (draft.number === null) flags.push(`строка ${row.line}: пункт без номера`);
    drafts.push(draft);
  }
  return { drafts, flags };
}

/** Flags numbering gaps, repeats and order breaks; unnumbered rows are skipped. */
function checkNumbering(numbers: (string | null)[]): string[] {
  const flags: string[] = [];
  let prev: number[] | null = null;
  const seen = new Set<string>();
  for (const n of numbers) {
    if (n === null) continue;
    if (seen.has(n)) flags.push(`номер ${n} повторяется`);
    seen.add(n);
    const cur = n.split('.').map(Number);
    const expected: string[] = prev === null ? ['1'] : [[...prev, 1].join('.')];
    if (prev !== null) for (let d = 0; d < prev.length; d++) expected.push([...prev.slice(0, d), (prev[d] as number) + 1].join('.'));
    if (!expected.includes(cur.join('.'))) {
      flags.push(prev === null ? `нумерация начинается с ${n}` : `пропуск или нарушение нумерации: после ${prev.join('.')} идёт ${n}`);
    }
    prev = cur;
  }
  return flags;
}

const WINDOW = 60;

/** True when a WINDOW-long stretch of `fragment` also occurs in `other`. */
function repeats(fragment: string, other: string): boolean {
  const f = norm(fragment).replace(/\s+/g, ' ');
  const o = norm(other).replace(/\s+/g, ' ');
  for (let i = 0; i + WINDOW <= f.length; i += 10) if (o.includes(f.slice(i, i + WINDOW))) return true;
  return false;
}

function toItem(d: Draft, order: number, year: number | null, headerOf: (f: TextField) => string): RoadmapItem {
  const timing = parseTiming(d.cells.timing, { defaultYear: year });
  const flags = [...d.flags];
  for (const [field, fragment] of d.continued) {
    const others = TEXT_FIELDS.filter((f) => f !== field).map((f) => d.cells[f]);
    if (others.some((o) => repeats(fragment, o))) {
      flags.push(`продолжение в колонке «${headerOf(field)}» повторяет текст другой ячейки`);
    }
  }
  flags.push(...timing.flags.map((f) => `сроки: ${f}`));
  // Text cells are one-line already (see buildDrafts); the timing keeps its line breaks.
  return {
    number: d.number,
    order,
    title: d.cells.title,
    timing,
    responsible: { text: d.cells.responsible, parties: recogniseParties(d.cells.responsible) },
    indicator: d.cells.indicator,
    infoSupport: d.cells.infoSupport,
    flags: [...new Set(flags)],
  };
}

/** Parses an order text with a roadmap table (plain-text export of a Word document). */
export function parseRoadmapDocument(text: string): RoadmapDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const table = readTable(lines);
  const { meta, flags } = readMeta(lines, table?.headerLine ?? lines.length);
  if (!table) return { document: meta, columns: [], items: [], notes: [], flags: [...flags, 'таблица мероприятий не найдена'] };

  const { columns, flags: columnFlags } = mapColumns(table.header);
  const glue = glueBy(() => table.rows.map((r) => r.cells.join(' ')).join(' '));
  const { drafts, flags: rowFlags } = buildDrafts(table.rows, columns, columns.map((c) => c.header), glue);
  const headerOf = (f: TextField) => columns.find((c) => c.field === f)?.header ?? f;
  const items = drafts.map((d, k) => toItem(d, k + 1, meta.year, headerOf));
  return {
    document: meta,
    columns,
    items,
    notes: table.notes,
    flags: [...flags, ...columnFlags, ...table.flags, ...rowFlags, ...checkNumbering(items.map((i) => i.number))],
  };
}

/** JSON view for the CLI: dates as 'YYYY-MM-DD', timing reduced to text, intervals and recurrence. */
export interface RoadmapJson {
  document: Pick<DocumentMeta, 'authority' | 'number' | 'date' | 'year' | 'level'>;
  items: {
    number: string | null;
    title: string;
    timing: { text: string; intervals: Interval[]; recurrence: Recurrence | null };
    responsible: Responsible;
    indicator: string;
    flags: string[];
  }[];
}

export function toJson(doc: RoadmapDocument): RoadmapJson {
  const { authority, number, date, year, level } = doc.document;
  return {
    document: { authority, number, date, year, level },
    items: doc.items.map((i) => ({
      number: i.number,
      title: i.title,
      timing: { text: i.timing.text, intervals: i.timing.intervals, recurrence: i.timing.recurrence },
      responsible: i.responsible,
      indicator: i.indicator,
      flags: i.flags,
    })),
  };
}
