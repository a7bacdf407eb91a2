// The results file: columns, the template, and row validation (Russian messages, spreadsheet row numbers).
import ExcelJS from 'exceljs';
import { EXAMS, METRICS, type Exam, type Metric } from '../../../domain/dashboard/dynamics.js';

export const RESULT_COLUMNS = [
  { key: 'year', header: 'Год', width: 8 },
  { key: 'schoolCode', header: 'Код школы', width: 14 },
  { key: 'exam', header: 'Процедура (ВПР/ОГЭ/ЕГЭ)', width: 14 },
  { key: 'subject', header: 'Предмет', width: 24 },
  { key: 'grade', header: 'Класс', width: 8 },
  { key: 'metric', header: 'Показатель (средний балл / доля справившихся / доля «2»)', width: 30 },
  { key: 'value', header: 'Значение', width: 10 },
] as const;

export type ColumnKey = (typeof RESULT_COLUMNS)[number]['key'];

/** Largest file: rows of data. */
export const MAX_RESULT_ROWS = 50_000;
/** Errors reported back (the count is exact). */
export const MAX_REPORTED_ERRORS = 500;

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ParsedResult {
  row: number;
  year: number;
  schoolCode: string;
  exam: Exam;
  subject: string;
  grade: number;
  metric: Metric;
  value: number;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е').replace(/[«»"“”']/g, '').replace(/\s+/g, ' ');

/** Header words: a header matches when it starts with the column's first words («Процедура», «Показатель»). */
const HEADER_KEYS: Record<ColumnKey, string> = {
  year: 'год',
  schoolCode: 'код школы',
  exam: 'процедура',
  subject: 'предмет',
  grade: 'класс',
  metric: 'показатель',
  value: 'значение',
};

const METRIC_WORDS: Record<string, Metric> = {
  'средний балл': 'average',
  average: 'average',
  'доля справившихся': 'pass_share',
  pass_share: 'pass_share',
  'доля 2': 'low_share',
  'доля двоек': 'low_share',
  'доля неудовлетворительных': 'low_share',
  low_share: 'low_share',
};

const GRADES: Record<Exam, (g: number) => boolean> = {
  ВПР: (g) => g >= 4 && g <= 11,
  ОГЭ: (g) => g === 9,
  ЕГЭ: (g) => g === 11,
};
const GRADE_RULE: Record<Exam, string> = { ВПР: 'для ВПР — с 4 по 11', ОГЭ: 'для ОГЭ — 9', ЕГЭ: 'для ЕГЭ — 11' };

const headerOf = (key: ColumnKey) => RESULT_COLUMNS.find((c) => c.key === key)!.header;

function number(text: string): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.').replace(/%$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/**
 * Rows of the sheet (the first is the header) → valid rows and row errors. Empty rows are skipped; a key repeated in
 * the file is an error on its second occurrence.
 */
export function parseResults(sheet: readonly { row: number; cells: string[] }[]): { rows: ParsedResult[]; errors: RowError[]; totalRows: number } {
  const errors: RowError[] = [];
  const [head, ...body] = sheet;
  const position = new Map<ColumnKey, number>();
  if (head) {
    head.cells.forEach((cell, i) => {
      const h = norm(cell);
      for (const [key, word] of Object.entries(HEADER_KEYS) as [ColumnKey, string][]) {
        if (!position.has(key) && h.startsWith(word)) position.set(key, i);
      }
    });
  }
  const missing = RESULT_COLUMNS.filter((c) => !position.has(c.key));
  if (!head || missing.length) {
    for (const c of missing) errors.push({ row: head?.row ?? 1, column: c.header, message: `Нет столбца «${c.header}»` });
    return { rows: [], errors, totalRows: 0 };
  }
  const rows: ParsedResult[] = [];
  const seen = new Map<string, number>();
  let totalRows = 0;
  for (const line of body) {
    const cell = (key: ColumnKey) => (line.cells[position.get(key)!] ?? '').trim();
    if (RESULT_COLUMNS.every((c) => cell(c.key) === '')) continue;
    totalRows++;
    const before = errors.length;
    const err = (key: ColumnKey, message: string) => errors.push({ row: line.row, column: headerOf(key), message });

    const year = number(cell('year'));
    if (cell('year') === '') err('year', 'Укажите год');
    else if (year === null || !Number.isInteger(year) || year < 2000 || year > 2100) err('year', 'Год — четыре цифры, например 2025');

    const schoolCode = cell('schoolCode');
    if (!schoolCode) err('schoolCode', 'Укажите код школы');

    const examText = cell('exam').toUpperCase().replace(/Ё/g, 'Е');
    const exam = EXAMS.find((e) => e === examText);
    if (!cell('exam')) err('exam', 'Укажите процедуру: ВПР, ОГЭ или ЕГЭ');
    else if (!exam) err('exam', `Неизвестная процедура «${cell('exam')}»: ВПР, ОГЭ или ЕГЭ`);

    const subject = cell('subject').replace(/\s+/g, ' ');
    if (!subject) err('subject', 'Укажите предмет');
    else if (subject.length > 200) err('subject', 'Не более 200 символов');

    const grade = number(cell('grade'));
    if (cell('grade') === '') err('grade', 'Укажите класс');
    else if (grade === null || !Number.isInteger(grade)) err('grade', 'Класс — целое число');
    else if (exam && !GRADES[exam](grade)) err('grade', `Класс ${GRADE_RULE[exam]}`);

    const metric = METRIC_WORDS[norm(cell('metric'))];
    if (!cell('metric')) err('metric', 'Укажите показатель: средний балл, доля справившихся или доля «2»');
    else if (!metric || !METRICS.includes(metric)) err('metric', `Неизвестный показатель «${cell('metric')}»: средний балл, доля справившихся или доля «2»`);

    const value = number(cell('value'));
    if (cell('value') === '') err('value', 'Укажите значение');
    else if (value === null) err('value', 'Значение — число, например 3,75');
    else if (value < 0) err('value', 'Значение не может быть отрицательным');
    else if (value > 100) err('value', metric === 'average' ? 'Средний балл не больше 100' : 'Доля — в процентах, от 0 до 100');

    if (errors.length > before) continue;
    const key = [year, schoolCode.toLowerCase(), exam, subject.toLowerCase(), grade, metric].join('\u0000');
    const first = seen.get(key);
    if (first !== undefined) {
      err('value', `Это значение уже указано в строке ${first}`);
      continue;
    }
    seen.set(key, line.row);
    rows.push({ row: line.row, year: year!, schoolCode, exam: exam!, subject, grade: grade!, metric: metric!, value: value! });
  }
  return { rows, errors, totalRows };
}

export const SCHOOL_COLUMN = headerOf('schoolCode');

/** The XLSX template: the header and two example rows. */
export async function templateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'МЭДК';
  const sheet = workbook.addWorksheet('Результаты', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = RESULT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.key === 'schoolCode' ? { numFmt: '@' } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: 'middle', wrapText: true };
  sheet.addRow([2025, '57-01-001', 'ВПР', 'Математика', 5, 'средний балл', 3.45]);
  sheet.addRow([2025, '57-01-001', 'ОГЭ', 'Русский язык', 9, 'доля «2»', 4.2]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
