// The order appendix table as DOCX (docx) or XLSX (exceljs): №, Мероприятие, Сроки, Ответственные,
// Показатель реализации, Информационное сопровождение — the columns of the orders the regions issue.
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
import { ruDate } from '../../../domain/dates.js';

export const EXPORT_COLUMNS = ['№', 'Мероприятие', 'Сроки', 'Ответственные', 'Показатель реализации', 'Информационное сопровождение'] as const;

/** Relative widths (percent of the table, DOCX) and characters (XLSX). */
const DOCX_WIDTHS = [6, 30, 14, 16, 20, 14];
const XLSX_WIDTHS = [8, 60, 24, 30, 45, 30];

export interface ExportRoadmap {
  title: string;
  territory: string;
  orderAuthority: string;
  orderNumber: string;
  orderDate: string | null;
  year: number;
  items: { number: string | null; title: string; timingText: string; responsibleText: string; indicator: string; infoSupport: string }[];
}

export const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;


/** «Приказ № 101 от 10.03.2022» (or what of it is known). */
export function orderLine(r: Pick<ExportRoadmap, 'orderNumber' | 'orderDate'>): string {
  const parts = [r.orderNumber ? `№ ${r.orderNumber}` : '', r.orderDate ? `от ${ruDate(r.orderDate)}` : ''].filter(Boolean);
  return parts.length ? `Приказ ${parts.join(' ')}` : '';
}

function cells(item: ExportRoadmap['items'][number]): string[] {
  return [item.number ?? '', item.title, item.timingText, item.responsibleText, item.indicator, item.infoSupport];
}

/** Text with its line breaks as separate runs. */
function runs(text: string, bold = false): TextRun[] {
  return text.split(/\r?\n/).map((line, k) => new TextRun({ text: line, bold, break: k > 0 ? 1 : undefined, size: 20 }));
}

function cell(text: string, width: number, bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ children: runs(text, bold) })],
  });
}

export async function toDocx(r: ExportRoadmap): Promise<Buffer> {
  const heading = [r.orderAuthority, orderLine(r)].filter(Boolean);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    height: { value: 400, rule: HeightRule.ATLEAST },
    children: EXPORT_COLUMNS.map((c, k) => cell(c, DOCX_WIDTHS[k] as number, true)),
  });
  const rows = r.items.map((item) => new TableRow({ children: cells(item).map((c, k) => cell(c, DOCX_WIDTHS[k] as number)) }));
  const doc = new Document({
    creator: 'MEDK',
    title: r.title,
    sections: [
      {
        properties: {
          page: {
            // A4 landscape (twips); margins 2 cm
            size: { width: 16838, height: 11906, orientation: PageOrientation.LANDSCAPE },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        children: [
          ...heading.map((line) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: line, size: 22 })] })),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: r.title, bold: true, size: 26 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: `${r.territory}, ${r.year} год`, size: 22 })] }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// exceljs writes strings as shared strings, never as formulas, so «=…» in a cell stays text.
export async function toXlsx(r: ExportRoadmap): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'MEDK';
  const sheet = book.addWorksheet('Дорожная карта', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const info = [r.title, `${r.territory}, ${r.year} год`, [r.orderAuthority, orderLine(r)].filter(Boolean).join(', ')].filter(Boolean);
  for (const line of info) {
    const row = sheet.addRow([line]);
    sheet.mergeCells(row.number, 1, row.number, EXPORT_COLUMNS.length);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.font = { bold: row.number === 1 };
  }
  sheet.addRow([]);
  const header = sheet.addRow([...EXPORT_COLUMNS]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const border = { style: 'thin' as const };
  const borders = { top: border, left: border, bottom: border, right: border };
  header.eachCell((c) => {
    c.border = borders;
  });
  for (const item of r.items) {
    const row = sheet.addRow(cells(item));
    row.alignment = { wrapText: true, vertical: 'top' };
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = borders;
    });
  }
  XLSX_WIDTHS.forEach((w, k) => {
    sheet.getColumn(k + 1).width = w;
  });
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
