// Password rules and one-time password generation (randomness is passed in, so this stays pure).
import type { FieldIssue } from '../errors.js';
import { COMMON_PASSWORDS, COMMON_WORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 10;

const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));
const WORDS = new Set(COMMON_WORDS);

/** True for a password from the shipped list, or a common word padded only with digits and symbols. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return core === '' || WORDS.has(core);
}

/**
 * Problems with a new password, in Russian; empty when it is acceptable. The rules follow current
 * guidance (NIST SP 800-63B): length rather than character classes, no known passwords, nothing
 * invisible; the login and the previous password are checked by the caller that knows them.
 */
export function passwordProblems(password: string, login: string): FieldIssue[] {
  const problems: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push(`Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов`);
  if (password.trim() === '') problems.push('Пароль не может состоять из одних пробелов');
  else if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(password)) problems.push('Пароль не должен содержать управляющие или невидимые символы');
  if (login && password.trim().toLowerCase() === login.trim().toLowerCase()) problems.push('Пароль не должен совпадать с логином');
  else if (login && login.trim().length >= 4 && password.toLowerCase().includes(login.trim().toLowerCase()) && [...password].length - login.trim().length < 4) {
    problems.push('Пароль не должен быть логином с парой добавленных символов');
  }
  if (new Set(password.toLowerCase()).size < 4 || isCommonPassword(password)) {
    problems.push('Пароль слишком простой: он есть в списках часто используемых паролей — придумайте фразу из нескольких слов');
  }
  return problems.length ? [{ path: 'newPassword', message: problems.join('. ') }] : [];
}

// No look-alike characters (0/O, 1/l/I), so a password printed on paper is typed right.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A readable one-time password; `randomBytes` supplies entropy (crypto.randomBytes on the server). */
export function generatePassword(randomBytes: (n: number) => Uint8Array, length = 10): string {
  for (;;) {
    const bytes = randomBytes(length * 2);
    let out = '';
    for (const byte of bytes) {
      // rejection sampling keeps the distribution uniform
      if (byte < 256 - (256 % ALPHABET.length)) out += ALPHABET[byte % ALPHABET.length];
      if (out.length === length) break;
    }
    if (out.length === length && passwordProblems(out, '').length === 0) return out;
  }
}

/** Transliterate a Russian name into a login fragment: «СОШ №32» → "sosh-32". */
export function loginSlug(text: string): string {
  const map: Record<string, string> = {
    а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
    н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch',
    ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  };
  return text
    .toLowerCase()
    .split('')
    .map((c) => map[c] ?? c)
    .join('')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}
