// Password rules and one-time password generation (randomness is passed in, so this stays pure).
import type { FieldIssue } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 8;

/** Problems with a new password, in Russian; empty when it is acceptable. */
export function passwordProblems(password: string, login: string): FieldIssue[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`не короче ${MIN_PASSWORD_LENGTH} символов`);
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) problems.push('должен содержать буквы и цифры');
  if (password.toLowerCase() === login.toLowerCase()) problems.push('не должен совпадать с логином');
  return problems.length ? [{ path: 'newPassword', message: `Пароль ${problems.join(', ')}` }] : [];
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
