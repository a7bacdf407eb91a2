// School (ОО) facts shared by server and web: context fields, locality, what a school account may edit.

export const LOCALITIES = ['urban', 'rural'] as const;
export type Locality = (typeof LOCALITIES)[number];

export const LOCALITY_LABELS: Record<Locality, string> = { urban: 'город', rural: 'село' };

/** Known context numbers (контекстные данные) with their Russian labels; other numeric keys are allowed too. */
export const CONTEXT_FIELDS = [
  { key: 'students', label: 'Число обучающихся' },
  { key: 'teachers', label: 'Число педагогов' },
  { key: 'classes6', label: 'Число 6-х классов' },
  { key: 'classes9', label: 'Число 9-х классов' },
] as const;

export type ContextKey = (typeof CONTEXT_FIELDS)[number]['key'];
export type SchoolContext = Record<string, number | string | null>;

/** Fields a school account may change in its own card (action school.context.write). */
export const SCHOOL_CONTACT_FIELDS = ['directorName', 'email', 'phone', 'context'] as const;

/** Is every key of a patch a contact/context field? */
export function onlyContactFields(patch: Record<string, unknown>): boolean {
  return Object.keys(patch).every((key) => (SCHOOL_CONTACT_FIELDS as readonly string[]).includes(key));
}

/** Merge a context patch: a number sets the key, null removes it. */
export function mergeContext(before: SchoolContext, patch: Record<string, number | null>): SchoolContext {
  const out: SchoolContext = { ...before };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Territory codes (коды региона, МО, ОО): letters, digits and . _ - / — up to 50 characters. */
export const CODE_RE = /^[0-9A-Za-zА-Яа-яЁё._\-/]{1,50}$/;
export const CODE_MESSAGE =
  'Код может содержать только буквы, цифры, точку, дефис, подчёркивание и «/» (не длиннее 50 знаков)';
export const EMAIL_MESSAGE = 'Адрес электронной почты указан неверно';
export const PHONE_MESSAGE = 'Телефон указан неверно: нужно не меньше 5 цифр';

export function isEmail(value: string): boolean {
  return value.length <= 200 && EMAIL_RE.test(value);
}

/** Loose phone check: at least 5 digits, anything else people write is allowed. */
export function isPhone(value: string): boolean {
  return value.length <= 100 && (value.match(/\d/g)?.length ?? 0) >= 5;
}

/** Lower-case and «ё» → «е», for forgiving search (mirrors the SQL fold in territories queries). */
export function foldText(value: string): string {
  return value.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}
