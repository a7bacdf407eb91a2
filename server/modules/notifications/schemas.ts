// Request shapes of the notifications API (zod).
import { z } from 'zod';
import { EMAIL_STATUSES, NOTIFICATION_KINDS } from '../../db/schema.js';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());
const page = z.preprocess(blankToUndefined, z.coerce.number().int().min(1).default(1));
const pageSize = z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(20));

export const listQuery = z.object({
  page,
  pageSize,
  unread: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
});
export type ListQuery = z.infer<typeof listQuery>;

export const preferencesBody = z.object({
  preferences: z
    .array(
      z.object({
        kind: z.enum(NOTIFICATION_KINDS, 'Нет такого вида уведомлений'),
        inApp: z.boolean('Укажите да или нет'),
        email: z.boolean('Укажите да или нет'),
      }),
    )
    .max(NOTIFICATION_KINDS.length * 2),
});
export type PreferencesBody = z.infer<typeof preferencesBody>;

export const outboxQuery = z.object({ page, pageSize, status: z.preprocess(blankToUndefined, z.enum(EMAIL_STATUSES, 'Нет такого статуса').optional()) });
export type OutboxQuery = z.infer<typeof outboxQuery>;

export const calendarQuery = z.object({ cycleId: optionalId });
