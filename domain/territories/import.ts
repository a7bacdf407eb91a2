// Import of territories from a spreadsheet (регион → муниципалитет → школа): column layout, header mapping
// and row validation. Pure functions over plain strings; the server reads the file and checks the database.
import { stripUnsafeText } from '../text.js';
import {
  CODE_MESSAGE,
  CODE_RE,
  EMAIL_MESSAGE,
  isEmail,
  isPhone,
  LOCALITY_LABELS,
  PHONE_MESSAGE,
  type Locality,
} from './school.js';

export type ColumnKey =
  | 'regionCode'
  | 'regionName'
  | 'municipalityCode'
  | 'municipalityName'
  | 'schoolCode'
  | 'fullName'
  | 'shortName'
  | 'address'
  | 'locality'
  | 'directorName'
  | 'email'
  | 'phone'
  | 'students'
  | 'teachers'
  | 'classes6'
  | 'classes9';

export interface ColumnSpec {
  key: ColumnKey;
  /** Header in templates and exports. */
  header: string;
  /** Other headers people write for the same column (compared after normalizeHeader). */
  synonyms: readonly string[];
  /** Column width in the XLSX template. */
  width: number;
}

/** The one column layout of template, export and import. */
export const IMPORT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'regionCode', header: 'Код региона', synonyms: ['код субъекта', 'код субъекта рф', 'region code'], width: 12 },
  {
    key: 'regionName',
    header: 'Регион',
    synonyms: ['субъект', 'субъект рф', 'наименование региона', 'название региона', 'region'],
    width: 24,
  },
  {
    key: 'municipalityCode',
    header: 'Код муниципалитета',
    synonyms: ['код мо', 'код муниципального образования', 'код моуо', 'код района', 'municipality code'],
    width: 14,
  },
  {
    key: 'municipalityName',
    header: 'Муниципалитет',
    synonyms: ['муниципальное образование', 'мо', 'моуо', 'район', 'наименование муниципалитета', 'municipality'],
    width: 26,
  },
  {
    key: 'schoolCode',
    header: 'Код школы',
    synonyms: ['код оо', 'код организации', 'код образовательной организации', 'код учреждения', 'school code'],
    width: 14,
  },
  {
    key: 'fullName',
    header: 'Полное наименование школы',
    synonyms: [
      'полное наименование',
      'полное наименование оо',
      'полное название',
      'наименование оо',
      'наименование школы',
      'наименование организации',
      'full name',
    ],
    width: 50,
  },
  {
    key: 'shortName',
    header: 'Краткое наименование школы',
    synonyms: [
      'краткое наименование',
      'краткое наименование оо',
      'сокращенное наименование',
      'краткое название',
      'short name',
    ],
    width: 28,
  },
  { key: 'address', header: 'Адрес', synonyms: ['адрес оо', 'адрес школы', 'юридический адрес', 'фактический адрес'], width: 40 },
  {
    key: 'locality',
    header: 'Местность (город/село)',
    synonyms: ['местность', 'тип местности', 'тип населенного пункта', 'город село', 'город или село', 'locality'],
    width: 16,
  },
  {
    key: 'directorName',
    header: 'ФИО директора',
    synonyms: ['директор', 'руководитель', 'фио руководителя', 'директор школы'],
    width: 28,
  },
  {
    key: 'email',
    header: 'Электронная почта',
    synonyms: ['email', 'e mail', 'эл почта', 'электронный адрес', 'адрес электронной почты', 'почта'],
    width: 24,
  },
  { key: 'phone', header: 'Телефон', synonyms: ['контактный телефон', 'тел', 'телефон оо'], width: 18 },
  {
    key: 'students',
    header: 'Число обучающихся',
    synonyms: ['обучающихся', 'количество обучающихся', 'численность обучающихся', 'учащихся', 'количество учащихся', 'кол-во обучающихся', 'кол-во учащихся'],
    width: 12,
  },
  {
    key: 'teachers',
    header: 'Число педагогов',
    synonyms: ['педагогов', 'количество педагогов', 'численность педагогов', 'учителей', 'количество учителей', 'кол-во педагогов'],
    width: 12,
  },
  {
    key: 'classes6',
    header: 'Число 6-х классов',
    synonyms: ['6 классов', 'классов 6', 'количество 6 классов', 'кол-во 6 классов', '6 е классы', '6 классы'],
    width: 12,
  },
  {
    key: 'classes9',
    header: 'Число 9-х классов',
    synonyms: ['9 классов', 'классов 9', 'количество 9 классов', 'кол-во 9 классов', '9 е классы', '9 классы'],
    width: 12,
  },
];

export const COUNT_COLUMNS = ['students', 'teachers', 'classes6', 'classes9'] as const;
type CountKey = (typeof COUNT_COLUMNS)[number];

const SCHOOL_COLUMNS: readonly ColumnKey[] = [
  'schoolCode',
  'fullName',
  'shortName',
  'address',
  'locality',
  'directorName',
  'email',
  'phone',
  ...COUNT_COLUMNS,
];

export const MAX_IMPORT_ROWS = 20_000;
/** The report lists at most this many errors (errorCount has them all). */
export const MAX_REPORTED_ERRORS = 1_000;

export interface SheetRow {
  /** The spreadsheet's row number (header = 1). */
  row: number;
  cells: string[];
}

export interface ImportError {
  row: number;
  /** The header text as written in the file (or the template header when the column is missing). */
  column: string;
  message: string;
}

export interface ImportCounts {
  regions: number;
  municipalities: number;
  schools: number;
}

export interface ImportReport {
  totalRows: number;
  validRows: number;
  errorCount: number;
  errors: ImportError[];
  /** Headers that were not recognised and were skipped. */
  ignoredColumns: string[];
  /** What the valid rows create/update (done when applied, planned otherwise). */
  created: ImportCounts;
  updated: ImportCounts;
  applied: boolean;
}

/** School fields of a row; undefined means the file has no such column (keep what is stored). */
export interface ImportSchool {
  code: string;
  fullName?: string;
  shortName?: string;
  address?: string;
  locality?: Locality;
  directorName?: string;
  email?: string;
  phone?: string;
  /** Context numbers; null = empty cell (remove the value). Keys absent = column absent. */
  context: Partial<Record<CountKey, number | null>>;
}

/** One valid data row: the deepest level filled in is what the row describes. */
export interface ImportRow {
  row: number;
  region: { code: string; name?: string };
  municipality?: { code: string; name?: string };
  school?: ImportSchool;
}

export interface HeaderMap {
  /** Column index and the header as written, per recognised column. */
  columns: Partial<Record<ColumnKey, { index: number; header: string }>>;
  ignored: string[];
  errors: ImportError[];
}

export interface ParsedImport {
  headerRow: number;
  header: HeaderMap;
  /** Non-blank data rows. */
  totalRows: number;
  /** Rows without errors found here (the server may still find more). */
  rows: ImportRow[];
  errors: ImportError[];
}

/** Header text → comparable form: case, «ё», punctuation, brackets, asterisks and spaces do not matter. */
export function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, '');
}

const HEADER_INDEX: ReadonlyMap<string, ColumnKey> = (() => {
  const map = new Map<string, ColumnKey>();
  for (const column of IMPORT_COLUMNS) {
    for (const name of [column.header, ...column.synonyms]) map.set(normalizeHeader(name), column.key);
  }
  return map;
})();

export function headerOf(key: ColumnKey): string {
  return IMPORT_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

/** Recognise the header row. Missing key columns are errors on row `row`. */
export function mapHeaders(cells: string[], row = 1): HeaderMap {
  const columns: HeaderMap['columns'] = {};
  const ignored: string[] = [];
  const errors: ImportError[] = [];
  cells.forEach((raw, index) => {
    const header = cleanCell(raw);
    if (!header) return;
    const key = HEADER_INDEX.get(normalizeHeader(header));
    if (!key) {
      ignored.push(header);
      return;
    }
    const seen = columns[key];
    if (seen) {
      errors.push({ row, column: header, message: `Колонка повторяется: то же, что «${seen.header}»` });
      return;
    }
    columns[key] = { index, header };
  });
  const need = (key: ColumnKey, why: string) => {
    if (!columns[key]) errors.push({ row, column: headerOf(key), message: `В файле нет колонки «${headerOf(key)}»${why}` });
  };
  need('regionCode', '');
  const hasSchoolColumns = SCHOOL_COLUMNS.some((k) => columns[k]);
  if (hasSchoolColumns || columns.municipalityName) need('municipalityCode', '');
  if (hasSchoolColumns) need('schoolCode', '');
  return { columns, ignored, errors };
}

/** Drop control and invisible characters, trim, join whitespace, drop the apostrophe that protects formulas in CSV exports. */
export function cleanCell(value: string | null | undefined): string {
  const text = stripUnsafeText(String(value ?? ''))
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

/** Protect a CSV cell from being run as a formula by spreadsheet programs (undone by cleanCell). */
export function escapeFormula(value: string): string {
  if (/^[=@]/.test(value)) return `'${value}`;
  // Phones like "+7 (900) 000-00-00" stay as they are.
  if (/^[+-]/.test(value) && !/^[+-][\d\s().-]*$/.test(value)) return `'${value}`;
  return value;
}


export function parseLocality(value: string): Locality | undefined {
  const v = value.toLowerCase().replace(/ё/g, 'е').replace(/[.\s]+/g, ' ').trim();
  if (v === 'urban' || v === 'г' || v.startsWith('город') || v.startsWith('гор ')) return 'urban';
  if (v === 'rural' || v === 'с' || v.startsWith('сел') || v.startsWith('дерев')) return 'rural';
  return undefined;
}

/** Whole non-negative number, tolerant of spaces ("1 234") and a zero fraction ("12,0"). */
export function parseCount(value: string): number | null | undefined {
  const v = value.replace(/\s/g, '');
  if (v === '') return null;
  if (!/^\d+([.,]0*)?$/.test(v)) return undefined;
  const n = Number(v.replace(/[.,]0*$/, ''));
  return Number.isSafeInteger(n) && n <= 1_000_000 ? n : undefined;
}

const MAX_LENGTH: Partial<Record<ColumnKey, number>> = {
  regionName: 300,
  municipalityName: 300,
  fullName: 1000,
  shortName: 300,
  address: 1000,
  directorName: 300,
  email: 200,
  phone: 100,
};

const M = {
  required: 'Заполните ячейку',
  code: CODE_MESSAGE,
  locality: 'Укажите «город» или «село»',
  count: 'Нужно целое неотрицательное число (не больше 1 000 000)',
  email: EMAIL_MESSAGE,
  phone: PHONE_MESSAGE,
  tooLong: (n: number) => `Слишком длинный текст: не больше ${n} знаков`,
};

/**
 * Validate the data rows of a sheet. `rows` are all rows of the sheet with their spreadsheet numbers;
 * the first non-blank one is the header.
 */
export function parseImport(rows: SheetRow[]): ParsedImport {
  const headerRow = rows.find((r) => r.cells.some((c) => cleanCell(c) !== ''));
  if (!headerRow) {
    return {
      headerRow: 1,
      header: { columns: {}, ignored: [], errors: [] },
      totalRows: 0,
      rows: [],
      errors: [{ row: 1, column: headerOf('regionCode'), message: 'Файл пустой: нет строки с заголовками колонок' }],
    };
  }
  const header = mapHeaders(headerRow.cells, headerRow.row);
  // Rows with nothing in the recognised columns (blank lines, notes) are skipped.
  const used = Object.values(header.columns).map((c) => c.index);
  const data = rows.filter((r) => r.row > headerRow.row && used.some((i) => cleanCell(r.cells[i]) !== ''));
  if (header.errors.length) {
    return { headerRow: headerRow.row, header, totalRows: data.length, rows: [], errors: header.errors };
  }

  const errors: ImportError[] = [];
  const parsed: ImportRow[] = [];
  for (const sheetRow of data) {
    const result = parseRow(sheetRow, header);
    if (result.errors.length) errors.push(...result.errors);
    else if (result.row) parsed.push(result.row);
  }

  // Checks across rows: one name per code, one region per municipality, no repeated school codes.
  const crossErrors = crossCheck(parsed, header);
  const bad = new Set(crossErrors.map((e) => e.row));
  errors.push(...crossErrors);
  return {
    headerRow: headerRow.row,
    header,
    totalRows: data.length,
    rows: parsed.filter((r) => !bad.has(r.row)),
    errors: sortErrors(errors, header),
  };
}

function parseRow(sheetRow: SheetRow, header: HeaderMap): { row?: ImportRow; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const { row } = sheetRow;
  const cell = (key: ColumnKey): string | undefined => {
    const col = header.columns[key];
    return col ? cleanCell(sheetRow.cells[col.index]) : undefined;
  };
  const fail = (key: ColumnKey, message: string) =>
    errors.push({ row, column: header.columns[key]?.header ?? headerOf(key), message });

  const text = (key: ColumnKey, required: boolean): string | undefined => {
    const value = cell(key);
    if (value === undefined) return undefined;
    if (required && value === '') fail(key, M.required);
    const max = MAX_LENGTH[key];
    if (max && value.length > max) fail(key, M.tooLong(max));
    return value;
  };
  const code = (key: ColumnKey): string => {
    const value = cell(key) ?? '';
    if (value === '') fail(key, M.required);
    else if (!CODE_RE.test(value)) fail(key, M.code);
    return value;
  };

  const schoolFilled = SCHOOL_COLUMNS.some((k) => (cell(k) ?? '') !== '');
  const municipalityFilled = schoolFilled || (cell('municipalityCode') ?? '') !== '' || (cell('municipalityName') ?? '') !== '';

  const region = { code: code('regionCode'), name: text('regionName', true) };
  let municipality: ImportRow['municipality'];
  if (municipalityFilled) {
    municipality = { code: code('municipalityCode'), name: text('municipalityName', true) };
  }
  let school: ImportSchool | undefined;
  if (schoolFilled) {
    const localityText = text('locality', true);
    let locality: Locality | undefined;
    if (localityText) {
      locality = parseLocality(localityText);
      if (!locality) fail('locality', M.locality);
    }
    let email = text('email', false);
    if (email !== undefined) {
      email = email.replace(/^mailto:/i, '');
      if (email && !isEmail(email)) fail('email', M.email);
    }
    const phone = text('phone', false);
    if (phone && !isPhone(phone)) fail('phone', M.phone);
    const context: ImportSchool['context'] = {};
    for (const key of COUNT_COLUMNS) {
      const raw = cell(key);
      if (raw === undefined) continue;
      const n = parseCount(raw);
      if (n === undefined) fail(key, M.count);
      else context[key] = n;
    }
    school = dropUndefined<ImportSchool>({
      code: code('schoolCode'),
      fullName: text('fullName', true),
      shortName: text('shortName', true),
      address: text('address', false),
      locality,
      directorName: text('directorName', false),
      email,
      phone,
      context,
    });
  }
  if (errors.length) return { errors };
  const out: ImportRow = { row, region: dropUndefined(region) };
  if (municipality) out.municipality = dropUndefined(municipality);
  if (school) out.school = school;
  return { row: out, errors };
}

/** Drop keys whose value is undefined (a column the file does not have). */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function crossCheck(rows: ImportRow[], header: HeaderMap): ImportError[] {
  const errors: ImportError[] = [];
  const col = (key: ColumnKey) => header.columns[key]?.header ?? headerOf(key);
  const regionNames = new Map<string, { name: string; row: number }>();
  const municipalities = new Map<string, { regionCode: string; name?: string; row: number }>();
  const schoolRows = new Map<string, number[]>();

  for (const r of rows) {
    const { region, municipality, school } = r;
    if (region.name) {
      const first = regionNames.get(region.code);
      if (!first) regionNames.set(region.code, { name: region.name, row: r.row });
      else if (first.name !== region.name) {
        errors.push({
          row: r.row,
          column: col('regionName'),
          message: `У региона ${region.code} в строке ${first.row} указано другое название: «${first.name}»`,
        });
      }
    }
    if (municipality) {
      const first = municipalities.get(municipality.code);
      if (!first) {
        municipalities.set(municipality.code, { regionCode: region.code, name: municipality.name, row: r.row });
      } else if (first.regionCode !== region.code) {
        errors.push({
          row: r.row,
          column: col('municipalityCode'),
          message: `Муниципалитет ${municipality.code} в строке ${first.row} указан в регионе ${first.regionCode}`,
        });
      } else if (municipality.name && first.name && first.name !== municipality.name) {
        errors.push({
          row: r.row,
          column: col('municipalityName'),
          message: `У муниципалитета ${municipality.code} в строке ${first.row} указано другое название: «${first.name}»`,
        });
      } else if (municipality.name && !first.name) {
        first.name = municipality.name;
      }
    }
    if (school) schoolRows.set(school.code, [...(schoolRows.get(school.code) ?? []), r.row]);
  }
  for (const [code, at] of schoolRows) {
    if (at.length < 2) continue;
    for (const row of at) {
      errors.push({
        row,
        column: col('schoolCode'),
        message: `Код школы ${code} повторяется в строках ${at.join(', ')}`,
      });
    }
  }
  return errors;
}

/** Errors by row, then in the order of the template's columns. */
export function sortErrors(errors: ImportError[], header?: HeaderMap): ImportError[] {
  const order = new Map<string, number>();
  IMPORT_COLUMNS.forEach((c, i) => {
    order.set(c.header, i);
    const seen = header?.columns[c.key];
    if (seen) order.set(seen.header, i);
  });
  return [...errors].sort((a, b) => a.row - b.row || (order.get(a.column) ?? 99) - (order.get(b.column) ?? 99));
}

/** One territory record as a row of the template layout (used by export). */
export interface ExportRecord {
  regionCode: string;
  regionName: string;
  municipalityCode?: string | null;
  municipalityName?: string | null;
  school?: {
    code: string;
    fullName: string;
    shortName: string;
    address: string;
    locality: Locality;
    directorName: string;
    email: string;
    phone: string;
    context: Record<string, unknown>;
  } | null;
}

export function toSheetRow(record: ExportRecord): (string | number | null)[] {
  const s = record.school;
  const count = (key: CountKey) => {
    const v = s?.context[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const values: Record<ColumnKey, string | number | null> = {
    regionCode: record.regionCode,
    regionName: record.regionName,
    municipalityCode: record.municipalityCode ?? null,
    municipalityName: record.municipalityName ?? null,
    schoolCode: s?.code ?? null,
    fullName: s?.fullName ?? null,
    shortName: s?.shortName ?? null,
    address: s?.address ?? null,
    locality: s ? LOCALITY_LABELS[s.locality] : null,
    directorName: s?.directorName ?? null,
    email: s?.email ?? null,
    phone: s?.phone ?? null,
    students: count('students'),
    teachers: count('teachers'),
    classes6: count('classes6'),
    classes9: count('classes9'),
  };
  return IMPORT_COLUMNS.map((c) => values[c.key]);
}

/** The example row of the template. */
export const TEMPLATE_EXAMPLE: ExportRecord = {
  regionCode: '99',
  regionName: 'Тестовая область',
  municipalityCode: '99-01',
  municipalityName: 'Тестовский городской округ',
  school: {
    code: '99-01-032',
    fullName:
      'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа №32» Тестовского городского округа',
    shortName: 'МБОУ «СОШ №32» ТГО',
    address: 'Тестовская область, г. Тестовск, ул. Школьная, д. 32',
    locality: 'urban',
    directorName: 'Иванова Анна Сергеевна',
    email: 'school32@example.ru',
    phone: '+7 (900) 000-00-32',
    context: { students: 480, teachers: 36, classes6: 2, classes9: 2 },
  },
};
