// Report files: a report is a title, a few lines and sections of tables; the same model is written as XLSX (exceljs,
// one sheet, numbers as numbers), DOCX (docx, A4 landscape, like the roadmap export) and — for a school — PDF (pdfkit
// with the DejaVu fonts, which carry Cyrillic).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  AlignmentType,
  Document,
  HeightRule,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';

export type Cell = string | number | null;

export interface Section {
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Shown instead of an empty table. */
  empty?: string;
}

export interface Report {
  title: string;
  lines: string[];
  sections: Section[];
}

export const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export const ruDate = (iso: string | null | undefined): string => (iso ? iso.split('-').reverse().join('.') : '—');

/** A cell as text: numbers with a decimal comma, null as a dash. */
export function text(cell: Cell): string {
  if (cell === null) return '—';
  if (typeof cell === 'number') return String(cell).replace('.', ',');
  return cell;
}

// ---- XLSX ----

export async function toXlsx(r: Report): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'MEDK';
  const sheet = book.addWorksheet('Отчёт', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const width = Math.max(1, ...r.sections.map((s) => s.columns.length));
  const title = sheet.addRow([r.title]);
  title.font = { bold: true, size: 13 };
  sheet.mergeCells(title.number, 1, title.number, width);
  for (const line of r.lines) {
    const row = sheet.addRow([line]);
    sheet.mergeCells(row.number, 1, row.number, width);
  }
  const border = { style: 'thin' as const };
  const borders = { top: border, left: border, bottom: border, right: border };
  for (const section of r.sections) {
    sheet.addRow([]);
    const head = sheet.addRow([section.title]);
    head.font = { bold: true, size: 12 };
    if (section.rows.length === 0) {
      sheet.addRow([section.empty ?? 'Нет данных']);
      continue;
    }
    const header = sheet.addRow(section.columns);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    header.eachCell((c) => {
      c.border = borders;
    });
    for (const cells of section.rows) {
      const row = sheet.addRow(cells.map((c) => (c === null ? '—' : c)));
      row.alignment = { wrapText: true, vertical: 'top' };
      row.eachCell({ includeEmpty: true }, (c) => {
        c.border = borders;
      });
    }
  }
  sheet.getColumn(1).width = 60;
  for (let k = 2; k <= width; k++) sheet.getColumn(k).width = 16;
  return Buffer.from(await book.xlsx.writeBuffer());
}

// ---- DOCX ----

function cell(value: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: value, bold, size: 18 })] })] });
}

export async function toDocx(r: Report): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: r.title, bold: true, size: 26 })] }),
    ...r.lines.map((line) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: line, size: 22 })] })),
  ];
  for (const section of r.sections) {
    children.push(new Paragraph({ spacing: { before: 240, after: 120 }, children: [new TextRun({ text: section.title, bold: true, size: 24 })] }));
    if (section.rows.length === 0) {
      children.push(new Paragraph({ children: [new TextRun({ text: section.empty ?? 'Нет данных', size: 20 })] }));
      continue;
    }
    const header = new TableRow({
      tableHeader: true,
      cantSplit: true,
      height: { value: 400, rule: HeightRule.ATLEAST },
      children: section.columns.map((c) => cell(c, true)),
    });
    const rows = section.rows.map((cells) => new TableRow({ children: cells.map((c) => cell(text(c))) }));
    children.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }));
  }
  const doc = new Document({
    creator: 'MEDK',
    title: r.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: 16838, height: 11906, orientation: PageOrientation.LANDSCAPE },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ---- PDF ----

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');

/** A printable A4 document: title, lines, then each section as a simple ruled table. */
export function toPdf(r: Report): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: r.title, Creator: 'MEDK' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('regular', FONT);
    doc.registerFont('bold', FONT_BOLD);
    const left = doc.page.margins.left;
    const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;

    doc.font('bold').fontSize(15).text(r.title, { align: 'center' });
    doc.moveDown(0.3);
    doc.font('regular').fontSize(10);
    for (const line of r.lines) doc.text(line, { align: 'center' });

    for (const section of r.sections) {
      doc.moveDown(0.8);
      doc.font('bold').fontSize(12).text(section.title, left, doc.y, { width: usable });
      doc.moveDown(0.2);
      if (section.rows.length === 0) {
        doc.font('regular').fontSize(9).text(section.empty ?? 'Нет данных', left, doc.y, { width: usable });
        continue;
      }
      // the first column takes what the others leave
      const n = section.columns.length;
      const other = n > 1 ? Math.min(90, (usable * 0.5) / (n - 1)) : 0;
      const widths = [usable - other * (n - 1), ...Array.from({ length: n - 1 }, () => other)];
      const drawRow = (cells: string[], bold: boolean) => {
        doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
        const height = Math.max(...cells.map((c, k) => doc.heightOfString(c, { width: widths[k]! - 6 }))) + 6;
        if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
        const y = doc.y;
        let x = left;
        cells.forEach((c, k) => {
          doc.rect(x, y, widths[k]!, height).lineWidth(0.5).stroke('#888888');
          doc.fillColor('#000000').text(c, x + 3, y + 3, { width: widths[k]! - 6 });
          x += widths[k]!;
        });
        doc.x = left;
        doc.y = y + height;
      };
      drawRow(section.columns, true);
      for (const row of section.rows) drawRow(row.map(text), false);
    }
    doc.end();
  });
}
