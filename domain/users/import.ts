// Bulk account import from a spreadsheet: column layout, header mapping and the checks that need no database.
// The server reads the file, then checks codes, scope and logins against the database.
import { ROLE_LABELS, ROLES, type Role } from '../access/roles.js';
import { LOGIN_PATTERN, LOGIN_RULE } from './accounts.js';

export type UserColumnKey = 'fullName' | 'role' | 'territoryCode' | 'email' | 'phone' | 'login' | 'curatorSchools';

export interface UserColumnSpec {
  key: UserColumnKey;
  header: string;
  synonyms: readonly string[];
  required: boolean;
  width: number;
  /** Hint for the template. */
  note: string;
}

export const USER_IMPORT_COLUMNS: readonly UserColumnSpec[] = [
  {
    key: 'fullName',
    header: 'ФИО',
    synonyms: ['фио', 'ф.и.о.', 'фамилия имя отчество', 'пользователь', 'организация', 'организация / фио', 'имя'],
    required: true,
    width: 36,
    note: 'Фамилия, имя, отчество (для учётной записи школы — название школы)',
  },
  {
    key: 'role',
    header: 'Роль',
    synonyms: ['роль', 'роль пользователя', 'role'],
    required: true,
    width: 26,
    note: 'Название роли или её код, см. лист «Справочник»',
  },
  {
    key: 'territoryCode',
    header: 'Код территории',
    synonyms: ['код территории', 'территория', 'код', 'код региона', 'код муниципалитета', 'код школы', 'код оо'],
    required: false,
    width: 18,
    note: 'Код региона, муниципалитета или школы — по роли (см. лист «Справочник»)',
  },
  { key: 'email', header: 'Email', synonyms: ['email', 'e-mail', 'эл. почта', 'электронная почта', 'почта'], required: false, width: 28, note: 'Необязательно' },
  { key: 'phone', header: 'Телефон', synonyms: ['телефон', 'тел.', 'тел', 'phone'], required: false, width: 18, note: 'Необязательно' },
  {
    key: 'login',
    header: 'Логин',
    synonyms: ['логин', 'login', 'имя пользователя'],
    required: false,
    width: 20,
    note: 'Необязательно: если пусто, логин будет создан автоматически',
  },
  {
    key: 'curatorSchools',
    header: 'Школы куратора',
    synonyms: ['школы куратора', 'коды школ', 'школы', 'закреплённые школы', 'закрепленные школы'],
    required: false,
    width: 30,
    note: 'Только для кураторов: коды школ через запятую или точку с запятой',
  },
];

export const MAX_IMPORT_ROWS = 2000;

export function columnHeader(key: UserColumnKey): string {
  return USER_IMPORT_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

/** Header or label as compared: lower case, ё → е, single spaces, no surrounding punctuation. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s*:.]+|[\s*:]+$/g, '')
    .trim();
}

export interface ImportIssue {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  column: UserColumnKey | null;
  /** Column header for people ("" when the issue is about the row or the file). */
  header: string;
  message: string;
}

export function issue(row: number, column: UserColumnKey | null, message: string): ImportIssue {
  return { row, column, header: column ? columnHeader(column) : '', message };
}

/** Field path for API clients: rows.<row>.<column>. */
export function issuePath(i: ImportIssue): string {
  return i.column ? `rows.${i.row}.${i.column}` : `rows.${i.row}`;
}

/** Which column (by index) holds which field. Unknown headers are ignored; missing required ones are issues. */
export function mapHeaders(headers: readonly string[]): { columns: Map<UserColumnKey, number>; issues: ImportIssue[] } {
  const columns = new Map<UserColumnKey, number>();
  headers.forEach((raw, index) => {
    const text = normalizeText(raw);
    if (!text) return;
    const spec = USER_IMPORT_COLUMNS.find(
      (c) => normalizeText(c.header) === text || c.synonyms.some((s) => normalizeText(s) === text),
    );
    if (spec && !columns.has(spec.key)) columns.set(spec.key, index);
  });
  const issues = USER_IMPORT_COLUMNS.filter((c) => c.required && !columns.has(c.key)).map((c) =>
    issue(1, c.key, `Нет столбца «${c.header}»`),
  );
  return { columns, issues };
}

const ROLE_SYNONYMS: Record<string, Role> = {
  школа: 'school',
  оо: 'school',
  'образовательная организация': 'school',
  'школа оо': 'school',
  'куратор оо': 'curator',
  'региональный координатор проекта': 'regional_coordinator',
  'муниципальный координатор проекта': 'municipal_coordinator',
  'федеральный координатор проекта': 'federal_coordinator',
};

/** A role from its Russian label («Куратор», «Школа (ОО)») or code («curator»). */
export function parseRole(text: string): Role | null {
  const value = normalizeText(text);
  if (!value) return null;
  for (const role of ROLES) {
    if (role === value || normalizeText(ROLE_LABELS[role]) === value) return role;
  }
  const plain = value.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  return ROLE_SYNONYMS[plain] ?? ROLE_SYNONYMS[value] ?? null;
}

/** School codes from «57-01-001, 57-01-002; 57-02-001». */
export function splitCodes(text: string): string[] {
  return [...new Set(text.split(/[,;\n]+/).map((s) => s.trim()).filter(Boolean))];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface ImportRow {
  row: number;
  fullName: string;
  role: Role;
  territoryCode: string;
  email: string;
  phone: string;
  /** Empty: generate. */
  login: string;
  curatorSchools: string[];
}

/**
 * Checks each data row on its own and across the file (duplicate logins). Rows with an issue are not returned.
 * `rows` are cell texts by column index, with their spreadsheet row numbers.
 */
export function parseImportRows(
  columns: Map<UserColumnKey, number>,
  rows: readonly { row: number; cells: readonly string[] }[],
): { rows: ImportRow[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const out: ImportRow[] = [];
  const seenLogins = new Map<string, number>();
  const cell = (cells: readonly string[], key: UserColumnKey) => {
    const index = columns.get(key);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const data = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (data.length === 0) issues.push(issue(2, null, 'В файле нет строк с пользователями'));
  if (data.length > MAX_IMPORT_ROWS) {
    issues.push(issue(2, null, `Слишком много строк: не больше ${MAX_IMPORT_ROWS} за один раз`));
    return { rows: [], issues };
  }
  for (const { row, cells } of data) {
    const rowIssues: ImportIssue[] = [];
    const fullName = cell(cells, 'fullName').replace(/\s+/g, ' ');
    if (!fullName) rowIssues.push(issue(row, 'fullName', 'Укажите ФИО'));
    else if (fullName.length > 300) rowIssues.push(issue(row, 'fullName', 'Не длиннее 300 символов'));
    const roleText = cell(cells, 'role');
    const role = parseRole(roleText);
    if (!roleText) rowIssues.push(issue(row, 'role', 'Укажите роль'));
    else if (!role) rowIssues.push(issue(row, 'role', `Неизвестная роль «${roleText}»`));
    const email = cell(cells, 'email');
    if (email && (!EMAIL.test(email) || email.length > 200)) rowIssues.push(issue(row, 'email', 'Некорректный адрес почты'));
    const phone = cell(cells, 'phone');
    if (phone.length > 50) rowIssues.push(issue(row, 'phone', 'Не длиннее 50 символов'));
    const login = cell(cells, 'login');
    if (login && !LOGIN_PATTERN.test(login)) rowIssues.push(issue(row, 'login', LOGIN_RULE));
    if (login) {
      const first = seenLogins.get(login.toLowerCase());
      if (first !== undefined) rowIssues.push(issue(row, 'login', `Логин повторяется (уже есть в строке ${first})`));
      else seenLogins.set(login.toLowerCase(), row);
    }
    const curatorSchools = splitCodes(cell(cells, 'curatorSchools'));
    if (curatorSchools.length && role && role !== 'curator') {
      rowIssues.push(issue(row, 'curatorSchools', 'Школы указываются только для кураторов'));
    }
    const territoryCode = cell(cells, 'territoryCode');
    issues.push(...rowIssues);
    if (rowIssues.length === 0 && role) {
      out.push({ row, fullName, role, territoryCode, email, phone, login, curatorSchools });
    }
  }
  return { rows: out, issues };
}
