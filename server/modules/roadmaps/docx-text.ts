// A Word document (.docx) as the plain-text export the domain parser reads: paragraphs as lines,
// table rows as tab-separated lines. Paragraphs inside a cell are kept as <br> (the parser's cell
// cleaning turns them into line breaks), merged cells become empty cells so columns stay aligned.
import mammoth from 'mammoth';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Text of an HTML fragment; block boundaries become `sep`. */
function textOf(html: string, sep: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, sep)
    .replace(/<\/(p|h[1-6]|li|tr|table)>/gi, sep)
    .replace(/<[^>]*>/g, '');
  return decode(withBreaks)
    .split(sep)
    .map((line) => line.replace(/[\t\r\n\u00a0]+/g, ' ').replace(/ {2,}/g, ' ').trim())
    .filter((line) => line !== '')
    .join(sep);
}

interface Cell {
  html: string;
  colspan: number;
  rowspan: number;
}

const TAG_RE = /<(\/?)(table|tr|td|th)\b([^>]*)>/gi;

function attr(attrs: string, name: string): number {
  const m = new RegExp(`${name}\\s*=\\s*"?(\\d+)`, 'i').exec(attrs);
  return m ? Math.max(1, Math.min(50, Number(m[1]))) : 1;
}

/** Rows of cells of the top-level table that starts at `start` (index of «<table»); returns the end index. */
function readTable(html: string, start: number): { rows: Cell[][]; end: number } {
  const rows: Cell[][] = [];
  let depth = 0;
  let row: Cell[] | null = null;
  let cell: { start: number; colspan: number; rowspan: number } | null = null;
  TAG_RE.lastIndex = start;
  for (let m = TAG_RE.exec(html); m; m = TAG_RE.exec(html)) {
    const closing = m[1] === '/';
    const tag = (m[2] as string).toLowerCase();
    if (tag === 'table') {
      depth += closing ? -1 : 1;
      if (depth === 0) return { rows, end: TAG_RE.lastIndex };
      continue;
    }
    if (depth !== 1) continue; // nested tables stay inside their cell's text
    if (tag === 'tr') {
      if (!closing) row = [];
      else if (row) {
        rows.push(row);
        row = null;
      }
    } else if (!closing) {
      cell = { start: TAG_RE.lastIndex, colspan: attr(m[3] ?? '', 'colspan'), rowspan: attr(m[3] ?? '', 'rowspan') };
    } else if (cell && row) {
      row.push({ html: html.slice(cell.start, m.index), colspan: cell.colspan, rowspan: cell.rowspan });
      cell = null;
    }
  }
  return { rows, end: html.length };
}

/** Lays rows out on a grid: a cell spanning rows leaves empty cells below it, a cell spanning columns empty cells beside it. */
function tableLines(rows: Cell[][]): string[] {
  const pending: number[] = []; // rows still covered by a rowspan, per column
  return rows.map((row) => {
    const out: string[] = [];
    let col = 0;
    const skipCovered = () => {
      while ((pending[col] ?? 0) > 0) {
        pending[col] = (pending[col] as number) - 1;
        out.push('');
        col++;
      }
    };
    for (const cell of row) {
      skipCovered();
      const text = textOf(cell.html, '\n').split('\n').join('<br>');
      out.push(text);
      for (let k = 0; k < cell.colspan; k++) {
        if (k > 0) out.push('');
        if (cell.rowspan > 1) pending[col + k] = cell.rowspan - 1;
      }
      col += cell.colspan;
    }
    skipCovered();
    return out.join('\t');
  });
}

/** Text outside tables: a paragraph per line with a blank line after it (as in the plain-text exports), <br> as a line break. */
function blocks(html: string): string[] {
  const out: string[] = [];
  for (const block of html.split(/<\/(?:p|h[1-6]|li)>/i)) {
    const text = textOf(block, '\n');
    if (text) out.push(...text.split('\n'), '');
  }
  return out;
}

/** mammoth's HTML → lines: text blocks as paragraphs, each table row as a tab-separated line. */
export function htmlToRoadmapText(html: string): string {
  const lines: string[] = [];
  let at = 0;
  const tableRe = /<table\b/gi;
  for (let m = tableRe.exec(html); m; m = tableRe.exec(html)) {
    lines.push(...blocks(html.slice(at, m.index)));
    const { rows, end } = readTable(html, m.index);
    lines.push(...tableLines(rows), '');
    at = end;
    tableRe.lastIndex = end;
  }
  lines.push(...blocks(html.slice(at)));
  return lines.join('\n');
}

export async function docxToRoadmapText(buffer: Buffer): Promise<string> {
  const { value } = await mammoth.convertToHtml({ buffer }, { ignoreEmptyParagraphs: false });
  return htmlToRoadmapText(value);
}
