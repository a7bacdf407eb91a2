// Russian number formatting and plurals for explanations (internal to domain/surveys).

/** 0.7234 → «0,72» (fixed digits, decimal comma). */
export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits).replace('.', ',');
}

/** 0.6 → «0,6», 0.35 → «0,35», 1 → «1» (no trailing zeros, decimal comma). */
export function num(value: number): string {
  return String(Math.round(value * 1000) / 1000).replace('.', ',');
}

/** 0.704 → «70%». */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Russian plural: plural(5, ['ответ', 'ответа', 'ответов']) → «ответов». */
export function plural(n: number, forms: readonly [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

/** Rounds to `digits` decimals (for stored values: stable, comparable). */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
