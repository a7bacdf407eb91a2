// The editable list of roadmap items behind the import preview and the edit mode: rows, their
// remarks («замечания») and the live check of what the server will make of them.
//
// Remarks come from two places:
//  - what the server flags on a saved item is checked live: the timing cell is re-parsed on every
//    keystroke (parseTiming from domain/roadmaps), a missing or repeated number is flagged;
//  - the other flags of the parser (row without a number, extra cells dropped, …) are attached to the
//    cell they are about and disappear once the user edits that cell or dismisses them.
import { fieldOf } from '../../../domain/roadmaps/columns';
import { dueDate, formatTiming, parseTiming, type Timing } from '../../../domain/roadmaps';
import type { ItemInput } from './api';

export type EditField = 'number' | 'title' | 'timingText' | 'responsibleText' | 'indicator' | 'infoSupport';

export const EDIT_FIELDS: EditField[] = ['number', 'title', 'timingText', 'responsibleText', 'indicator', 'infoSupport'];

export interface Note {
  text: string;
  /** The cell the remark is about; null = the row as a whole. */
  field: EditField | null;
}

export interface EditRow {
  /** Stable React key (not sent). */
  key: string;
  /** Existing item: keeps its execution marks. */
  id?: number;
  number: string;
  title: string;
  timingText: string;
  responsibleText: string;
  indicator: string;
  infoSupport: string;
  notes: Note[];
  /** Errors the server returned for cells of this row (cleared when the cell is edited). */
  serverErrors: Partial<Record<EditField, string>>;
}

const TIMING_PREFIX = 'сроки: ';
const NO_NUMBER = 'строка без номера';

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `row-${Date.now().toString(36)}-${counter}`;
}

const DOMAIN_FIELD: Record<string, EditField> = {
  number: 'number',
  title: 'title',
  timing: 'timingText',
  responsible: 'responsibleText',
  indicator: 'indicator',
  infoSupport: 'infoSupport',
};

/** Which cell a parser flag is about. Timing flags are dropped here: they are recomputed live. */
export function noteOf(flag: string): Note | null {
  // checked live, the same way the server flags a saved item
  if (flag.startsWith(TIMING_PREFIX) || flag === NO_NUMBER || /^номер .+ повторяется$/.test(flag)) return null;
  if (/^номер не распознан/.test(flag)) return { text: flag, field: 'number' };
  const column = /^продолжение в колонке «([^»]+)»/.exec(flag);
  if (column?.[1]) {
    const field = fieldOf(column[1]);
    return { text: flag, field: field ? (DOMAIN_FIELD[field] ?? null) : null };
  }
  return { text: flag, field: null };
}

export function toEditRow(item: ItemInput & { flags?: string[] }): EditRow {
  return {
    key: item.id !== undefined ? `item-${item.id}` : newKey(),
    id: item.id,
    number: item.number ?? '',
    title: item.title ?? '',
    timingText: item.timingText ?? '',
    responsibleText: item.responsibleText ?? '',
    indicator: item.indicator ?? '',
    infoSupport: item.infoSupport ?? '',
    notes: (item.flags ?? []).map(noteOf).filter((n): n is Note => n !== null),
    serverErrors: {},
  };
}

export function emptyRow(): EditRow {
  return {
    key: newKey(),
    number: '',
    title: '',
    timingText: '',
    responsibleText: '',
    indicator: '',
    infoSupport: '',
    notes: [],
    serverErrors: {},
  };
}

export function toItemInput(row: EditRow): ItemInput {
  const number = row.number.trim().replace(/[.)]$/, '');
  return {
    ...(row.id !== undefined ? { id: row.id } : {}),
    number: number === '' ? null : number,
    title: row.title.trim(),
    timingText: row.timingText.trim(),
    responsibleText: row.responsibleText.trim(),
    indicator: row.indicator.trim(),
    infoSupport: row.infoSupport.trim(),
  };
}

export interface TimingView {
  timing: Timing;
  formatted: string;
  due: string | null;
  flags: string[];
}

export function timingView(text: string, defaultYear: number | null): TimingView {
  const timing = parseTiming(text, { defaultYear });
  return { timing, formatted: formatTiming(timing), due: dueDate(timing), flags: timing.flags };
}

/** As the server accepts it: «1», «3.1», up to five levels. */
const NUMBER_RE = /^\d{1,3}(?:\.\d{1,3}){0,4}[.)]?$/;

export type CellKey = EditField | 'row';
export type PerCell = Record<CellKey, string[]>;

const perCell = (): PerCell => ({ number: [], title: [], timingText: [], responsibleText: [], indicator: [], infoSupport: [], row: [] });

export interface RowRemarks {
  /** What the server will flag on the saved item (or refuse): shown in red and counted as «с замечаниями». */
  errors: PerCell;
  /** The parser's notes the server does not keep (extra cells dropped, …): shown in amber, dismissible. */
  hints: PerCell;
}

/** Remarks per cell of one row, as the user sees them now. */
export function cellRemarks(row: EditRow, defaultYear: number | null, duplicates: Set<string>): RowRemarks {
  const errors = perCell();
  const hints = perCell();
  for (const note of row.notes) hints[note.field ?? 'row'].push(note.text);
  for (const [field, message] of Object.entries(row.serverErrors)) if (message) errors[field as EditField].push(message);
  errors.timingText.push(...timingView(row.timingText, defaultYear).flags.map((f) => `${TIMING_PREFIX}${f}`));
  const number = row.number.trim();
  if (number === '') errors.number.push(NO_NUMBER);
  else if (!NUMBER_RE.test(number)) errors.number.push('номер: нужен вид «1» или «3.1»');
  else if (duplicates.has(number.replace(/[.)]$/, ''))) errors.number.push(`номер ${number} повторяется`);
  if (row.title.trim() === '') errors.title.push('мероприятие не заполнено');
  return { errors, hints };
}

/** Remarks of a row, computed once per row version (the timing is parsed only when the row changed). */
const remarksCache = new WeakMap<EditRow, { dupKey: string; year: number | null; value: ReturnType<typeof cellRemarks> }>();
export function rowRemarks(row: EditRow, defaultYear: number | null, dup: Set<string>) {
  const dupKey = [...dup].join(',');
  const hit = remarksCache.get(row);
  if (hit && hit.dupKey === dupKey && hit.year === defaultYear) return hit.value;
  const value = cellRemarks(row, defaultYear, dup);
  remarksCache.set(row, { dupKey, year: defaultYear, value });
  return value;
}

export function duplicateNumbers(rows: EditRow[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const r of rows) {
    const n = r.number.trim().replace(/[.)]$/, '');
    if (n === '') continue;
    if (seen.has(n)) dup.add(n);
    seen.add(n);
  }
  return dup;
}

/** Gaps and order breaks in the numbering («после 9 идёт 11»); unnumbered rows are skipped. */
export function numberingRemarks(rows: EditRow[]): string[] {
  const out: string[] = [];
  let prev: number[] | null = null;
  for (const r of rows) {
    const n = r.number.trim().replace(/[.)]$/, '');
    if (n === '' || !NUMBER_RE.test(n)) continue;
    const cur = n.split('.').map(Number);
    const expected: string[] = prev === null ? ['1'] : [[...prev, 1].join('.')];
    if (prev !== null) for (let d = 0; d < prev.length; d++) expected.push([...prev.slice(0, d), (prev[d] as number) + 1].join('.'));
    if (!expected.includes(cur.join('.')) && !(prev !== null && prev.join('.') === cur.join('.'))) {
      out.push(prev === null ? `нумерация начинается с ${n}` : `после ${prev.join('.')} идёт ${n}`);
    }
    prev = cur;
  }
  return out;
}

export interface EditorStats {
  items: number;
  /** Rows with remarks the server will keep as flags. */
  flagged: number;
  /** Rows with parser notes still to look at (not kept by the server). */
  hinted: number;
  numbering: string[];
}

export function editorStats(rows: EditRow[], defaultYear: number | null): EditorStats {
  const dup = duplicateNumbers(rows);
  const flagged = rows.filter((r) => Object.values(rowRemarks(r, defaultYear, dup).errors).some((list) => list.length > 0)).length;
  const hinted = rows.filter((r) => r.notes.length > 0).length;
  return { items: rows.length, flagged, hinted, numbering: numberingRemarks(rows) };
}

/** Depth of an item number: «3» → 0, «3.1» → 1. */
export function depthOf(number: string | null): number {
  if (!number) return 0;
  return Math.max(0, number.split('.').filter(Boolean).length - 1);
}

// ---- state changes (used by a reducer) ----

export type EditAction =
  | { type: 'set'; key: string; field: EditField; value: string }
  | { type: 'dismiss'; key: string; text: string }
  | { type: 'insert'; after: string | null }
  | { type: 'remove'; key: string }
  | { type: 'restore'; row: EditRow; index: number }
  | { type: 'move'; key: string; by: -1 | 1 }
  | { type: 'replace'; rows: EditRow[] }
  | { type: 'serverErrors'; errors: { index: number; field: EditField; message: string }[] };

export function editReducer(rows: EditRow[], action: EditAction): EditRow[] {
  switch (action.type) {
    case 'set':
      return rows.map((r) => {
        if (r.key !== action.key) return r;
        const { [action.field]: _fixed, ...serverErrors } = r.serverErrors;
        return {
          ...r,
          [action.field]: action.value,
          // editing a cell settles the parser's remarks about it
          notes: r.notes.filter((n) => n.field !== action.field),
          serverErrors,
        };
      });
    case 'dismiss':
      return rows.map((r) => (r.key === action.key ? { ...r, notes: r.notes.filter((n) => n.text !== action.text) } : r));
    case 'insert': {
      const index = action.after === null ? -1 : rows.findIndex((r) => r.key === action.after);
      const next = [...rows];
      next.splice(index + 1, 0, emptyRow());
      return next;
    }
    case 'remove':
      return rows.filter((r) => r.key !== action.key);
    case 'restore': {
      const next = [...rows];
      next.splice(Math.min(action.index, next.length), 0, action.row);
      return next;
    }
    case 'move': {
      const i = rows.findIndex((r) => r.key === action.key);
      const j = i + action.by;
      if (i < 0 || j < 0 || j >= rows.length) return rows;
      const next = [...rows];
      [next[i], next[j]] = [next[j] as EditRow, next[i] as EditRow];
      return next;
    }
    case 'replace':
      return action.rows;
    case 'serverErrors':
      return rows.map((r, index) => {
        const mine = action.errors.filter((e) => e.index === index);
        if (mine.length === 0) return r.serverErrors && Object.keys(r.serverErrors).length ? { ...r, serverErrors: {} } : r;
        return { ...r, serverErrors: Object.fromEntries(mine.map((e) => [e.field, e.message])) };
      });
  }
}

const SERVER_FIELD: Record<string, EditField> = {
  number: 'number',
  title: 'title',
  timingText: 'timingText',
  responsibleText: 'responsibleText',
  indicator: 'indicator',
  infoSupport: 'infoSupport',
};

/** Server field errors `items.3.title` → row 3, cell title; the rest is returned for the form/alert. */
export function splitItemErrors(fields: { path: string; message: string }[]): {
  items: { index: number; field: EditField; message: string }[];
  rest: { path: string; message: string }[];
} {
  const items: { index: number; field: EditField; message: string }[] = [];
  const rest: { path: string; message: string }[] = [];
  for (const f of fields) {
    const m = /^items\.(\d+)\.(\w+)/.exec(f.path);
    const field = m?.[2] ? SERVER_FIELD[m[2]] : undefined;
    if (m && field) items.push({ index: Number(m[1]), field, message: f.message });
    else if (m) items.push({ index: Number(m[1]), field: 'title', message: f.message });
    else rest.push(f);
  }
  return { items, rest };
}
