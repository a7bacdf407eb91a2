// Spreadsheets of the users module: the credentials sheet, the import template and reading an import file.
import ExcelJS from 'exceljs';
import { stripUnsafeText } from '../../../domain/text.js';
import { ROLE_BINDING, ROLE_LABELS, type Role } from '../../../domain/access/roles.js';
import { mapHeaders, USER_IMPORT_COLUMNS } from '../../../domain/users/import.js';
import { ValidationError } from '../../../domain/errors.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One account's access credentials, as handed to the coordinator once. */
export interface IssuedCredential {
  userId: number;
  login: string;
  /** School name for school accounts, the person's name otherwise. */
  organisation: string;
  role: Role;
  territory: string;
  password: string;
  created: boolean;
}

export const CREDENTIAL_HEADERS = [
  '№',
  'Организация / ФИО',
  'Роль',
  'Территория',
  'Логин',
  'Временный пароль',
  'Адрес для входа',
] as const;

export async function credentialsWorkbook(items: readonly IssuedCredential[], loginUrl: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'МЭДК';
  const sheet = workbook.addWorksheet('Реквизиты доступа', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { width: 6 },
    { width: 44 },
    { width: 26 },
    { width: 40 },
    { width: 22 },
    { width: 18 },
    { width: 32 },
  ];
  const header = sheet.addRow([...CREDENTIAL_HEADERS]);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  items.forEach((item, index) => {
    const row = sheet.addRow([
      index + 1,
      item.organisation,
      ROLE_LABELS[item.role],
      item.territory,
      item.login,
      item.password,
      loginUrl,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(6).font = { name: 'Consolas' };
  });
  sheet.addRow([]);
  sheet.addRow([
    '',
    'Пароль временный: при первом входе система попросит придумать свой. Передайте реквизиты лично, не пересылайте файл по открытым каналам и удалите его после раздачи.',
  ]).font = { italic: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Content-Disposition with a Russian file name (RFC 5987) and an ASCII fallback. */
export function attachment(russianName: string, asciiName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(russianName)}`;
}

export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export interface TerritoryReference {
  regions: { regionCode: string; regionName: string }[];
  municipalities: { regionCode: string; regionName: string; municipalityCode: string; municipalityName: string }[];
  schools: {
    regionCode: string;
    regionName: string;
    municipalityCode: string;
    municipalityName: string;
    schoolCode: string;
    schoolName: string;
  }[];
}

const BINDING_HINT = {
  none: 'не указывается',
  region: 'код региона',
  municipality: 'код муниципалитета',
  school: 'код школы',
  any: 'код региона, муниципалитета или школы (или пусто)',
} as const;

export async function importTemplate(roles: readonly Role[], territories: TerritoryReference): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'МЭДК';
  const sheet = workbook.addWorksheet('Пользователи', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = USER_IMPORT_COLUMNS.map((c) => ({ width: c.width }));
  const header = sheet.addRow(USER_IMPORT_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  USER_IMPORT_COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).note = c.note;
  });

  const reference = workbook.addWorksheet('Справочник');
  reference.columns = [{ width: 30 }, { width: 26 }, { width: 46 }];
  reference.addRow(['Роль', 'Код роли', 'Код территории']).font = { bold: true };
  for (const role of roles) reference.addRow([ROLE_LABELS[role], role, BINDING_HINT[ROLE_BINDING[role]]]);
  reference.addRow([]);
  reference.addRow(['Территория', 'Код', 'Входит в']).font = { bold: true };
  for (const r of territories.regions) reference.addRow([r.regionName, r.regionCode, '']);
  for (const m of territories.municipalities) reference.addRow([m.municipalityName, m.municipalityCode, m.regionName]);
  for (const s of territories.schools) {
    reference.addRow([s.schoolName, s.schoolCode, `${s.municipalityName}, ${s.regionName}`]);
  }

  const example = workbook.addWorksheet('Пример');
  example.columns = USER_IMPORT_COLUMNS.map((c) => ({ width: c.width }));
  example.addRow(USER_IMPORT_COLUMNS.map((c) => c.header)).font = { bold: true };
  const firstSchool = territories.schools[0];
  const secondSchool = territories.schools[1];
  const regionCode = firstSchool?.regionCode ?? territories.regions[0]?.regionCode ?? '57';
  const schoolCodes = [firstSchool?.schoolCode, secondSchool?.schoolCode].filter(Boolean).join('; ') || '57-01-001';
  example.addRow(['Иванова Мария Петровна', ROLE_LABELS.curator, regionCode, 'ivanova@example.ru', '+7 900 000-00-00', '', schoolCodes]);
  example.addRow([firstSchool?.schoolName ?? 'МБОУ «СОШ №1»', ROLE_LABELS.school, firstSchool?.schoolCode ?? '57-01-001', '', '', '', '']);
  example.addRow(['Петров Пётр Петрович', ROLE_LABELS.observer, regionCode, '', '', 'petrov-observer', '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The text a person sees in a cell, whatever exceljs made of it. */
export function cellText(value: ExcelJS.CellValue): string {
  return stripUnsafeText(rawCellText(value));
}

function rawCellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return rawCellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

export interface SheetRows {
  headers: string[];
  /** Header row number; data rows follow it. */
  headerRow: number;
  rows: { row: number; cells: string[] }[];
}

/** Reads the «Пользователи» sheet (or the first one). The header is the first of the top rows naming ФИО and Роль. */
export async function readImportSheet(buffer: Buffer): Promise<SheetRows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new ValidationError('Не удалось прочитать файл: нужен файл Excel (.xlsx)', [
      { path: 'file', message: 'Не удалось прочитать файл: нужен файл Excel (.xlsx)' },
    ]);
  }
  const sheet = workbook.getWorksheet('Пользователи') ?? workbook.worksheets[0];
  if (!sheet) {
    throw new ValidationError('В файле нет листов', [{ path: 'file', message: 'В файле нет листов' }]);
  }
  const width = Math.max(sheet.columnCount, USER_IMPORT_COLUMNS.length);
  const texts = (rowNumber: number) => {
    const row = sheet.getRow(rowNumber);
    const out: string[] = [];
    for (let c = 1; c <= width; c++) out.push(cellText(row.getCell(c).value).trim());
    return out;
  };
  let headerRow = 1;
  for (let r = 1; r <= Math.min(10, sheet.rowCount); r++) {
    if (mapHeaders(texts(r)).issues.length === 0) {
      headerRow = r;
      break;
    }
  }
  const rows: SheetRows['rows'] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) rows.push({ row: r, cells: texts(r) });
  return { headers: texts(headerRow), headerRow, rows };
}
