// Reads the roadmap table out of a plain-text export. Two layouts occur:
//  - 'tabs': one row per line, cells separated by tabs;
//  - 'cellPerLine': every cell on its own line starting with a tab; lines without a leading
//    tab continue the previous cell (leninsky-eao-2021.txt).
import { fieldOf, looksLikeHeader } from './columns.js';
import { cleanCell, isBlank, oneLine } from './text.js';

export interface RawRow {
  /** Cleaned cells; line breaks inside a cell are kept as '\n'. */
  cells: string[];
  /** 1-based line number where the row starts. */
  line: number;
}

export interface RawTable {
  layout: 'tabs' | 'cellPerLine';
  header: string[];
  /** 0-based index of the first header line. */
  headerLine: number;
  rows: RawRow[];
  /** Text found after the header that is not part of any row (e.g. footnotes). */
  notes: string[];
  flags: string[];
}

const NUMBER_RE = /^\d{1,3}(?:\.\d{1,3})*[.)]?$/;

/** «1.», «3.1», «12» — a printed item number. */
export function isItemNumber(cell: string): boolean {
  return NUMBER_RE.test(oneLine(cell));
}

/** The «1 2 3 4» row that Word repeats under the header after each page break. */
export function isColumnNumbering(cells: string[]): boolean {
  const first = cells.find((c) => c.trim() !== '')?.trim();
  if (first === undefined || first[0] !== '1' || (first.length > 1 && !/^1\s/.test(first))) return false;
  const parts = cells.flatMap((c) => oneLine(c).split(' ')).filter((c) => c !== '');
  return parts.length >= 3 && parts.every((c, k) => c === String(k + 1));
}

export function readTable(lines: string[]): RawTable | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const cells = line.split('\t');
    if (cells.filter((c) => !isBlank(cleanCell(c))).length >= 3 && looksLikeHeader(cells)) {
      return readTabRows(lines, i, cells.map((c) => oneLine(cleanCell(c))));
    }
    if (line.startsWith('\t')) {
      const t = readCellPerLine(lines, i);
      if (t) return t;
    }
  }
  return null;
}

function readTabRows(lines: string[], headerLine: number, header: string[]): RawTable {
  const table: RawTable = { layout: 'tabs', header, headerLine, rows: [], notes: [], flags: [] };
  for (let i = headerLine + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.includes('\t')) table.rows.push({ cells: line.split('\t').map(cleanCell), line: i + 1 });
    else if (!isBlank(cleanCell(line)) && !isColumnNumbering([line])) table.notes.push(oneLine(cleanCell(line)));
  }
  return table;
}

interface Cell {
  text: string;
  line: number;
}

/** Header of the cell-per-line layout: consecutive tab-led lines naming known columns. */
function readCellPerLine(lines: string[], start: number): RawTable | null {
  if (!looksLikeHeaderCell({ text: cleanCell((lines[start] as string).slice(1)), line: start + 1 })) return null;
  const cells = collectCells(lines, start);
  let n = 0;
  while (n < cells.cells.length && looksLikeHeaderCell(cells.cells[n] as Cell)) n++;
  const header = cells.cells.slice(0, n).map((c) => oneLine(c.text));
  if (n < 3 || !looksLikeHeader(header)) return null;
  const table: RawTable = { layout: 'cellPerLine', header, headerLine: start, rows: [], notes: cells.notes, flags: [] };
  groupRows(cells.cells.slice(n), n, table);
  return table;
}

function looksLikeHeaderCell(c: Cell): boolean {
  return fieldOf(c.text) !== null && !isItemNumber(c.text);
}

function collectCells(lines: string[], start: number): { cells: Cell[]; notes: string[] } {
  const cells: Cell[] = [];
  const notes: string[] = [];
  let gap = false;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as string;
    const last = cells[cells.length - 1];
    if (line.startsWith('\t')) {
      cells.push({ text: line.slice(1).replace(/\t/g, ' '), line: i + 1 });
      gap = false;
    } else if (line.trim() === '') gap = true;
    else if (!gap && last) last.text += '\n' + line;
    else notes.push(oneLine(cleanCell(line)));
  }
  return { cells: cells.map((c) => ({ ...c, text: cleanCell(c.text) })), notes: notes.filter((n) => n !== '') };
}

/** Cells → rows of `width` cells; an item number also starts a new row when a row came out short. */
function groupRows(cells: Cell[], width: number, table: RawTable): void {
  let row: Cell[] = [];
  const flush = () => {
    if (row.length === 0) return;
    const texts = row.map((c) => c.text);
    if (row.length < width && !isColumnNumbering(texts)) {
      table.flags.push(`строка ${row[0]?.line}: ${row.length} ячеек вместо ${width}`);
    }
    table.rows.push({ cells: texts, line: (row[0] as Cell).line });
    row = [];
  };
  for (const c of cells) {
    const numberingSoFar = isColumnNumbering([...row.map((r) => r.text), c.text]);
    if (row.length >= width || (row.length >= 2 && isItemNumber(c.text) && !numberingSoFar)) flush();
    row.push(c);
  }
  flush();
}
