// .docx → the plain text the roadmap parser reads (domain/roadmaps): paragraphs as lines, table rows as
// tab-separated cells, several paragraphs of one cell as <p>…</p><p>…</p> (the parser's cleanCell turns
// them into line breaks). Merged cells keep the columns aligned: a cell spanning n columns is followed by
// n−1 empty cells, and the rows below a vertically merged cell get an empty cell in its place.
import mammoth from 'mammoth';

export async function docxToText(buffer: Buffer): Promise<string> {
  const { value } = await mammoth.convertToHtml({ buffer });
  return htmlToText(value);
}

interface CellDraft {
  paragraphs: string[];
  current: string;
  colspan: number;
  rowspan: number;
}

interface TableDraft {
  rows: CellDraft[][];
  row: CellDraft[] | null;
  cell: CellDraft | null;
}

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'br', 'ul', 'ol', 'div', 'blockquote']);
const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g;

function spanOf(attrs: string, name: string): number {
  const m = new RegExp(`${name}\\s*=\\s*"?(\\d+)`, 'i').exec(attrs);
  const n = m ? Number(m[1]) : 1;
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 1;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** mammoth's HTML (paragraphs, tables, lists) → text lines. */
export function htmlToText(html: string): string {
  const lines: string[] = [];
  let paragraph = '';
  let depth = 0;
  let table: TableDraft | null = null;

  const endParagraph = () => {
    if (table?.cell) {
      const text = table.cell.current.replace(/[\t\r\n]+/g, ' ').trim();
      if (text) table.cell.paragraphs.push(text);
      table.cell.current = '';
      return;
    }
    const text = decode(paragraph).replace(/[\t\r\n]+/g, ' ').trim();
    if (text) lines.push(text, '');
    paragraph = '';
  };

  for (const m of html.matchAll(TOKEN)) {
    const [, closing, rawName, attrs = '', text] = m;
    if (text !== undefined) {
      if (table?.cell) table.cell.current += text;
      else if (!table) paragraph += text;
      continue;
    }
    const name = (rawName as string).toLowerCase();
    if (name === 'table') {
      if (!closing) {
        depth++;
        if (depth === 1) {
          endParagraph();
          table = { rows: [], row: null, cell: null };
        } else endParagraph();
      } else {
        depth--;
        if (depth === 0 && table) {
          lines.push(...tableLines(table.rows), '');
          table = null;
        } else endParagraph();
      }
      continue;
    }
    if (depth > 1) {
      // A table inside a cell: its cells become paragraphs of the outer cell.
      if (name === 'td' || name === 'th' || name === 'tr' || BLOCK.has(name)) endParagraph();
      continue;
    }
    if (table && name === 'tr') {
      if (!closing) table.row = [];
      else if (table.row) {
        table.rows.push(table.row);
        table.row = null;
      }
      continue;
    }
    if (table && (name === 'td' || name === 'th')) {
      if (!closing) {
        table.row ??= [];
        table.cell = { paragraphs: [], current: '', colspan: spanOf(attrs, 'colspan'), rowspan: spanOf(attrs, 'rowspan') };
      } else if (table.cell) {
        endParagraph();
        table.row?.push(table.cell);
        table.cell = null;
      }
      continue;
    }
    if (BLOCK.has(name)) endParagraph();
  }
  endParagraph();
  return lines.join('\n');
}

function cellText(cell: CellDraft): string {
  if (cell.paragraphs.length <= 1) return cell.paragraphs[0] ?? '';
  return cell.paragraphs.map((p) => `<p>${p}</p>`).join('');
}

function tableLines(rows: CellDraft[][]): string[] {
  const pending: number[] = []; // rows still covered by a vertically merged cell, per column
  const out: string[] = [];
  for (const row of rows) {
    const cells: string[] = [];
    let col = 0;
    const skipCovered = () => {
      while ((pending[col] ?? 0) > 0) {
        pending[col] = (pending[col] ?? 1) - 1;
        cells.push('');
        col++;
      }
    };
    for (const cell of row) {
      skipCovered();
      cells.push(cellText(cell));
      for (let k = 1; k < cell.colspan; k++) cells.push('');
      for (let k = 0; k < cell.colspan; k++) pending[col + k] = cell.rowspan - 1;
      col += cell.colspan;
    }
    skipCovered();
    // Keep at least one tab so that a one-cell row is still read as a table row.
    out.push(cells.length > 1 ? cells.join('\t') : `${cells[0] ?? ''}\t`);
  }
  return out;
}
