// Zod pieces every module's contract uses: ids, dates, blanks in query strings, file answers, errors.
import { z } from 'zod';
import { INT4_MAX } from './input.js';

/** '' and null (an emptied form field, `?regionId=`) count as not given. */
export const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** A record id: a positive whole number that fits the database's integer. */
export const id = (message = 'Неверный идентификатор') => z.number(message).int(message).positive(message).max(INT4_MAX, message);

/** An optional id in a query string: text of a number, blank = not given. */
export const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(INT4_MAX).optional());

/** A record id in the path. */
export const idParam = z.object({ id: z.coerce.number().int().positive().max(INT4_MAX) });

function validDate(v: string): boolean {
  const [y, m, d] = v.split('-').map(Number);
  const date = new Date(Date.UTC(y as number, (m as number) - 1, d as number));
  return date.getUTCFullYear() === y && date.getUTCMonth() + 1 === m && date.getUTCDate() === d;
}

/** A calendar date «2026-09-01» that exists. */
export const isoDate = z
  .string('Дата в формате ГГГГ-ММ-ДД')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата в формате ГГГГ-ММ-ДД')
  .refine(validDate, 'Такой даты нет');

// ── answers ──

/** A calendar date in an answer (YYYY-MM-DD). */
export const dateOut = z.string().meta({ format: 'date', description: 'ГГГГ-ММ-ДД' });

/** A moment in an answer: a Date from the database, sent as an ISO date-time. */
export const timestamp = z.union([z.date(), z.string()]).meta({ description: 'ISO 8601 date-time' });

export const okResponse = z.object({ ok: z.literal(true) });

/** An answer that is a file (XLSX, DOCX, PDF, ZIP…) sent as bytes with Content-Disposition. */
export function fileResponse(description: string) {
  return z.any().meta({ description, format: 'binary' });
}

export const fieldIssue = z.object({ path: z.string(), message: z.string() });

/** Every 4xx/5xx answer (server/http/errors.ts). */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string().meta({ description: 'По-русски, для человека' }),
      fields: z.array(fieldIssue).optional().meta({ description: 'Поле (путь) и что с ним не так' }),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });
