// Risk profiles of a campaign as XLSX: a row per school with the level of every factor, the verification and
// the chosen directions; a second sheet «Сводка» with the number of schools at each level per factor.
import ExcelJS from 'exceljs';
import { FACTOR_CODES, FACTOR_NAMES, isFactorCode, LEVEL_LABELS, type FactorCode, type FactorLevel } from '../../../domain/surveys/index.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const VERIFICATION_LABELS: Record<'pending' | 'verified' | 'disputed', string> = {
  pending: 'ожидает проверки куратором',
  verified: 'подтверждён куратором',
  disputed: 'оспорен куратором',
};

export interface ExportRow {
  municipality: string;
  schoolCode: string;
  school: string;
  levels: Record<FactorCode, FactorLevel>;
  verification: 'pending' | 'verified' | 'disputed';
  directions: string[];
  computedAt: string;
}

export interface ExportAggregate {
  schools: number;
  factors: { code: FactorCode; name: string; high: number; medium: number; low: number; none: number; unknown: number }[];
}

const LEVEL_COLUMNS: FactorLevel[] = ['high', 'medium', 'low', 'none', 'unknown'];
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function header(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'top', wrapText: true };
}

export async function toXlsx(title: string, rows: ExportRow[], summary: ExportAggregate): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'MEDK';
  book.title = title;
  const sheet = book.addWorksheet('Профили');
  sheet.columns = [
    { width: 28 },
    { width: 14 },
    { width: 40 },
    ...FACTOR_CODES.map(() => ({ width: 22 })),
    { width: 26 },
    { width: 60 },
    { width: 20 },
  ];
  header(
    sheet.addRow([
      'Муниципалитет',
      'Код школы',
      'Школа',
      ...FACTOR_CODES.map((c) => FACTOR_NAMES[c]),
      'Верификация',
      'Рисковые направления',
      'Рассчитан',
    ]),
  );
  for (const r of rows) {
    sheet.addRow([
      r.municipality,
      r.schoolCode,
      r.school,
      ...FACTOR_CODES.map((c) => LEVEL_LABELS[r.levels[c]]),
      VERIFICATION_LABELS[r.verification],
      r.directions.map((d) => (isFactorCode(d) ? FACTOR_NAMES[d] : d)).join('; '),
      r.computedAt.slice(0, 10).split('-').reverse().join('.'),
    ]);
  }
  sheet.views = [{ state: 'frozen', xSplit: 3, ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 3 + FACTOR_CODES.length + 3 } };

  const totals = book.addWorksheet('Сводка');
  totals.columns = [{ width: 70 }, ...LEVEL_COLUMNS.map(() => ({ width: 18 }))];
  totals.addRow([title]).font = { bold: true };
  totals.addRow([`Школ с профилем: ${summary.schools}`]);
  totals.addRow([]);
  header(totals.addRow(['Фактор риска', ...LEVEL_COLUMNS.map((l) => capitalize(LEVEL_LABELS[l]))]));
  for (const f of summary.factors) totals.addRow([f.name, ...LEVEL_COLUMNS.map((l) => f[l])]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
