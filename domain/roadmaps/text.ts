// Text cleaning for Word/pandoc exports: HTML fragments, entities, pandoc artefacts.

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  laquo: '«',
  raquo: '»',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  shy: '',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Cleans one table cell (or any fragment): strips HTML tags, decodes entities, removes
 * pandoc artefacts ([bookmark: …], [image: …]) and markdown bold. Paragraph and line
 * boundaries are kept as '\n'; spaces inside a line are collapsed.
 */
export function cleanCell(raw: string): string {
  let s = raw;
  if (s.includes('<')) {
    s = s
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
      .replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi, ' ');
  }
  if (s.includes('&')) s = decodeEntities(s);
  if (s.includes('[')) s = s.replace(/\[(?:bookmark|image):[^\]]*\]/gi, ' ');
  if (s.includes('**')) s = s.replace(/\*\*/g, '');
  s = s.replace(/[\u00a0\u2007\u202f\t]/g, ' ');
  if (!s.includes('\n') && !s.includes('\r')) return s.replace(/ {2,}/g, ' ').trim();
  return s
    .split(/\r?\n/)
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** One-line form of a cleaned cell: all whitespace collapsed to single spaces. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** True when the text carries no letters or digits (e.g. a lone "." or "-"). */
export function isBlank(s: string): boolean {
  return !/[\p{L}\p{N}]/u.test(s);
}

/**
 * Joins two fragments of a cell split across pages. A word broken with a trailing hyphen
 * («образователь-» + «ных») is glued back, and so is a word broken without one when `glue`
 * says so («общеобразова» + «тельных»); otherwise the fragments are joined by `sep`.
 */
export function joinFragments(a: string, b: string, sep = ' ', glue?: (left: string, right: string) => boolean): string {
  if (a === '') return b;
  if (b === '') return a;
  if (/\p{Ll}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a.slice(0, -1) + b;
  if (glue) {
    const left = a.slice(wordStart(a));
    const right = /^\p{Ll}+/u.exec(b)?.[0];
    if (left !== '' && right && glue(left, right)) return a + b;
  }
  return a + sep + b;
}

const LETTER = /\p{L}/u;

/** Index where the trailing run of letters of `s` starts (s.length when it ends with a non-letter). */
function wordStart(s: string): number {
  let i = s.length;
  while (i > 0 && LETTER.test(s[i - 1] as string)) i--;
  return i;
}

/** How many times `word` occurs in `text` as a whole word (both already normalised with `norm`). */
export function countWord(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1];
    const after = text[at + word.length];
    if ((before === undefined || !LETTER.test(before)) && (after === undefined || !LETTER.test(after))) n++;
  }
  return n;
}

/** Lower-cases and replaces ё so that word matching is simple. */
export function norm(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е');
}
