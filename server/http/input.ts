// One input rule for every route, applied before any handler or schema sees the request:
// text without NUL and other control characters, numbers within the database's int4, dates within
// 1900–2200. What PostgreSQL would refuse with an error (and the client would get a 500 for) is
// refused here with a 400 naming the field.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError, type FieldIssue } from '../../domain/errors.js';
import { stripUnsafeText } from '../../domain/text.js';

/** Largest value of PostgreSQL's integer (int4) — every id and count column. */
export const INT4_MAX = 2_147_483_647;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/**
 * Characters refused in any text: NUL and the other C0 controls except tab, line feed and carriage
 * return, DEL, the C1 controls, and the bidirectional embeddings, overrides and isolates (they make
 * a name read differently from what is stored).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
/** Invisible characters removed from any text: zero-width space, word joiner, byte order mark. */
const INVISIBLE = /[\u200B\u2060\uFEFF]/g;
/** A date or date-time: 2026-09-01, 2026-09-01T10:00:00Z, also the six-digit years of JavaScript's Date. */
const DATE_LIKE = /^\s*([+-]?\d{4,6})-\d{1,2}-\d{1,2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/i;
/** Keys whose values are ids or counts even when they arrive as text (params, query strings). */
const NUMERIC_KEY = /(?:^id$|^ids$|Ids?$|^page$|^pageSize$|^year$|Year$|^limit$|^offset$)/;

export const TEXT_MESSAGE = 'Недопустимые символы в тексте (управляющие символы)';
export const NUMBER_MESSAGE = `Число вне допустимого диапазона (не больше ${INT4_MAX})`;
export const DATE_MESSAGE = `Дата вне допустимого диапазона (${MIN_YEAR}–${MAX_YEAR} годы)`;

/** Text of a name (school, person, territory): no control, format or invisible characters, single spaces. */
export function cleanName(value: string): string {
  return stripUnsafeText(value).replace(/\s+/g, ' ').trim();
}

/** True when the text holds a character the input rule refuses. */
export function hasForbiddenChars(value: string): boolean {
  return FORBIDDEN.test(value);
}

/** Removes the invisible characters and strips refused ones (for values that cannot be refused, e.g. file names). */
export function stripUnsafe(value: string): string {
  return value.replace(new RegExp(FORBIDDEN.source, 'g'), '').replace(INVISIBLE, '');
}

function outOfRangeNumber(n: number): boolean {
  return !Number.isNaN(n) && (!Number.isFinite(n) || Math.abs(n) > INT4_MAX);
}

function textIssue(value: string, key: string): string | undefined {
  if (FORBIDDEN.test(value)) return TEXT_MESSAGE;
  const date = DATE_LIKE.exec(value);
  if (date) {
    const year = Number(date[1]);
    if (year < MIN_YEAR || year > MAX_YEAR) return DATE_MESSAGE;
  }
  if (NUMERIC_KEY.test(key) && value.trim() !== '' && outOfRangeNumber(Number(value))) return NUMBER_MESSAGE;
  return undefined;
}

/**
 * Checks one part of a request (params, query or a parsed JSON body) in place: refused values are
 * collected as field issues, invisible characters are removed from strings. Returns the cleaned value.
 */
function walk(value: unknown, path: string[], key: string, issues: FieldIssue[], depth: number): unknown {
  if (issues.length >= 20) return value;
  const here = () => path.join('.') || '(body)';
  if (typeof value === 'string') {
    const message = textIssue(value, key);
    if (message) {
      issues.push({ path: here(), message });
      return value;
    }
    return INVISIBLE.test(value) ? value.replace(INVISIBLE, '') : value;
  }
  if (typeof value === 'number') {
    if (outOfRangeNumber(value) && (Number.isInteger(value) || !Number.isFinite(value))) issues.push({ path: here(), message: NUMBER_MESSAGE });
    return value;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (depth > 50) {
    issues.push({ path: here(), message: 'Слишком глубокая вложенность данных' });
    return value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = walk(value[i], [...path, String(i)], key, issues, depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (FORBIDDEN.test(name)) {
      issues.push({ path: [...path, name.replace(new RegExp(FORBIDDEN.source, 'g'), '?')].join('.'), message: TEXT_MESSAGE });
      continue;
    }
    record[name] = walk(record[name], [...path, name], name, issues, depth + 1);
  }
  return value;
}

/** Applies the rule to params, query and body; throws a ValidationError listing every refused field. */
export function checkRequestInput(request: Pick<FastifyRequest, 'params' | 'query' | 'body'> & { body: unknown }): void {
  const issues: FieldIssue[] = [];
  walk(request.params, [], '', issues, 0);
  walk(request.query, [], '', issues, 0);
  walk(request.body, [], '', issues, 0);
  if (issues.length) throw new ValidationError(issues[0]!.message, issues);
}

interface FilePart {
  filename?: string;
  fields?: Record<string, unknown>;
  type?: string;
  value?: unknown;
  fieldname?: string;
}

function checkPart<T>(part: T): T {
  if (!part || typeof part !== 'object') return part;
  const p = part as FilePart;
  // a file name cannot be sent again by hand in most clients: keep it, without what it must not hold
  if (typeof p.filename === 'string') p.filename = stripUnsafe(p.filename);
  if (p.type === 'field' && typeof p.value === 'string') {
    const message = textIssue(p.value, p.fieldname ?? '');
    if (message) throw new ValidationError(message, [{ path: p.fieldname ?? '(body)', message }]);
  }
  return part;
}

/** Registers the rule as a preHandler of every route, and wraps multipart readers to check their fields. */
export function registerInputRules(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    checkRequestInput(request);
    if (typeof request.isMultipart === 'function' && request.isMultipart()) {
      const file = request.file.bind(request);
      const parts = request.parts.bind(request);
      request.file = (async (...args: Parameters<typeof file>) => {
        const part = await file(...args);
        if (part) {
          for (const field of Object.values(part.fields ?? {})) {
            for (const one of Array.isArray(field) ? field : [field]) checkPart(one);
          }
        }
        return checkPart(part);
      }) as typeof request.file;
      request.parts = ((...args: Parameters<typeof parts>) => {
        const inner = parts(...args);
        return (async function* () {
          for await (const part of inner) yield checkPart(part);
        })();
      }) as typeof request.parts;
    }
  });
}
