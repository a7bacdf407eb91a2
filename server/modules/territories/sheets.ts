// Spreadsheet files: read XLSX (exceljs) or CSV (papaparse) into plain rows, write rows back.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { ValidationError } from '../../../domain/errors.js';
import { escapeFormula, IMPORT_COLUMNS, type SheetRow } from '../../../domain/territories/import.js';

export type SheetFormat = 'xlsx' | 'csv';
export type Cell = string | number | null;

export const CONTENT_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const fileError = (message: string) => new ValidationError(message, [{ path: 'file', message }]);

/** Rows of the first worksheet (XLSX) or of a CSV file, numbered as in the spreadsheet. */
export async function readSheet(buffer: Buffer, filename = ''): Promise<SheetRow[]> {
  if (buffer.length === 0) throw fileError('Файл пустой');
  const isZip = buffer[0] === 0x50 && buffer[1] === 0x4b;
  if (buffer[0] === 0xd0 && buffer[1] === 0xcf) {
    throw fileError('Старый формат .xls не поддерживается: сохраните файл как .xlsx или .csv');
  }
  if (isZip || /\.xlsx$/i.test(filename)) return readXlsx(buffer);
  return readCsv(buffer);
}

async function readXlsx(buffer: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw fileError('Не удалось прочитать файл Excel: сохраните его как .xlsx и попробуйте ещё раз');
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible' && ws.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) throw fileError('В файле нет листов');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ row: number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}

/** A cell value as people see it: rich text joined, hyperlinks as their text, formulas as their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (value instanceof Date) return value.toISOString().slice(0, 10).split('-').reverse().join('.');
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return '';
  if ('error' in value) return '';
  return '';
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1251 as a fallback. */
export function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1251').decode(buffer);
  }
}

/** The separator used in the first line: «;» (Russian Excel), «,» or tab. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let max = 0;
  for (const [ch, n] of counts) {
    if (n > max) {
      best = ch;
      max = n;
    }
  }
  return best;
}

function readCsv(buffer: Buffer): SheetRow[] {
  const text = decodeText(buffer);
  if (text.includes('\u0000')) throw fileError('Файл не похож на таблицу: загрузите .xlsx или .csv');
  const result = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), skipEmptyLines: false });
  return result.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => String(c ?? '')) }));
}

const TEXT_COLUMNS = new Set(['regionCode', 'municipalityCode', 'schoolCode', 'phone']);

export async function writeSheet(rows: Cell[][], format: SheetFormat, sheetName = 'Территории'): Promise<Buffer> {
  const headers = IMPORT_COLUMNS.map((c) => c.header);
  if (format === 'csv') {
    const data = rows.map((r) => r.map((v) => (v === null ? '' : escapeFormula(String(v)))));
    return Buffer.from(`\uFEFF${Papa.unparse({ fields: headers, data }, { delimiter: ';', newline: '\r\n' })}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'МЭДК';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    // Codes and phones as text, so «057» keeps its zero.
    style: TEXT_COLUMNS.has(c.key) ? { numFmt: '@' } : {},
  }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', wrapText: true };
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Content-Disposition for a Russian file name (ASCII fallback + RFC 5987 UTF-8 name). */
export function attachment(filename: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
