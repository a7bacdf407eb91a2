// Tokenizer for timing expressions («сроки»). Never throws: every character ends up in a token.
import { fullYear, isMonthAbbr, monthOf, weekdayOf } from './calendar.js';
import { norm } from './text.js';

interface Pos {
  /** Offset of the token in the lexed string. */
  pos: number;
  end: number;
}

export type Token = Pos &
  (
    | { t: 'date'; d: number; m: number; y: number | null }
    | { t: 'num'; n: number; digits: string }
    | { t: 'year'; y: number }
    | { t: 'month'; m: number }
    | { t: 'weekday'; wd: number }
    | { t: 'roman'; n: number }
    | { t: 'word'; w: string }
    | { t: 'dash' | 'comma' | 'semi' | 'nl' | 'lp' | 'rp' | 'colon' | 'slash' | 'dot' | 'other' }
  );

const DATE_RE = /^(\d{1,2})\s?\.\s?(\d{1,2})(?:\s?\.\s?(\d{4}|\d{2})(?!\d))?(?![\d.]\d)/;
const YEAR_SUFFIX_RE = /^\s*(?:гг?\.?|года|году|год)(?![\p{L}\p{N}])/iu;
/** Abbreviations whose trailing dot is not a sentence end. */
const ABBREVIATIONS = new Set(['кв', 'г', 'гг', 'мес', 'нед', 'т', 'ч']);
const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };
const PUNCT: Record<string, Token['t']> = {
  '-': 'dash', '–': 'dash', '—': 'dash', '‐': 'dash', '‑': 'dash', '−': 'dash',
  ',': 'comma', ';': 'semi', '\n': 'nl', '(': 'lp', ')': 'rp', ':': 'colon', '/': 'slash', '.': 'dot',
};

export function lex(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const yearSuffix = (at: number): number => {
    const m = YEAR_SUFFIX_RE.exec(s.slice(at, at + 12));
    return m ? at + m[0].length : at;
  };
  while (i < s.length) {
    const ch = s[i] as string;
    if (ch !== '\n' && /\s/.test(ch)) {
      i++;
      continue;
    }
    if (/\d/.test(ch)) {
      const dm = DATE_RE.exec(s.slice(i, i + 16));
      if (dm) {
        const y = dm[3] === undefined ? null : fullYear(Number(dm[3]));
        const end = y === null ? i + dm[0].length : yearSuffix(i + dm[0].length);
        out.push({ t: 'date', d: Number(dm[1]), m: Number(dm[2]), y, pos: i, end });
        i = end;
        continue;
      }
      const digits = /^\d+/.exec(s.slice(i))?.[0] ?? ch;
      const end = i + digits.length;
      if (digits.length === 4) {
        const after = yearSuffix(end);
        out.push({ t: 'year', y: Number(digits), pos: i, end: after });
        i = after;
      } else {
        out.push({ t: 'num', n: Number(digits.slice(0, 9)), digits, pos: i, end });
        i = end;
      }
      continue;
    }
    const wm = /^[\p{L}]+/u.exec(s.slice(i, i + 64));
    if (wm) {
      const raw = wm[0];
      const w = norm(raw);
      let end = i + raw.length;
      const month = monthOf(w);
      if (ROMAN[raw] !== undefined) out.push({ t: 'roman', n: ROMAN[raw] as number, pos: i, end });
      else if (month !== null) {
        if (isMonthAbbr(w) && s[end] === '.') end++;
        out.push({ t: 'month', m: month, pos: i, end });
      } else {
        const wd = weekdayOf(w);
        if (wd !== null) out.push({ t: 'weekday', wd, pos: i, end });
        else {
          if (ABBREVIATIONS.has(w) && s[end] === '.') end++;
          out.push({ t: 'word', w, pos: i, end });
        }
      }
      i = end;
      continue;
    }
    const cp = s.codePointAt(i) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    out.push({ t: PUNCT[ch] ?? 'other', pos: i, end: i + len } as Token);
    i += len;
  }
  return dropNewlinesAroundDashes(out);
}

/** «8.02 –\n30.12.2021»: a line break next to a dash does not split the expression. */
function dropNewlinesAroundDashes(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const tok of tokens) {
    const prev = out[out.length - 1];
    if (tok.t === 'nl' && (prev?.t === 'dash' || prev?.t === 'nl')) continue;
    if (tok.t === 'dash' && prev?.t === 'nl') out.pop();
    out.push(tok);
  }
  return out;
}
