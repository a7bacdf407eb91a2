// Request shapes of the risk-profiles API (zod), with Russian messages and exact field paths.
import { z } from 'zod';
import { VERIFICATION_STATUSES } from '../../db/schema.js';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const positiveId = (message: string) => z.coerce.number(message).int(message).positive(message);
const optionalId = z.preprocess(blankToUndefined, positiveId('Неверный идентификатор').optional());
const bodyId = (message: string) => z.number(message).int(message).positive(message);

export const MAX_COMMENT = 2000;

export const computeBody = z.object({
  campaignId: bodyId('Укажите кампанию анкетирования'),
  schoolId: bodyId('Неверный идентификатор школы').nullable().optional(),
});

export const listQuery = z.object({
  campaignId: optionalId,
  municipalityId: optionalId,
  schoolId: optionalId,
});

/** The aggregate and the export are per campaign: a school has one profile in it. */
export const aggregateQuery = z.object({
  campaignId: z.preprocess(blankToUndefined, positiveId('Укажите кампанию анкетирования')),
  regionId: optionalId,
  municipalityId: optionalId,
});

export const verifyBody = z
  .object({
    decision: z.enum(
      VERIFICATION_STATUSES.filter((s) => s !== 'pending') as ['verified', 'disputed'],
      'Решение: verified (подтвердить) или disputed (оспорить)',
    ),
    comment: z.string('Комментарий — текст').max(MAX_COMMENT, `Не длиннее ${MAX_COMMENT} знаков`).default(''),
  })
  .transform((b) => ({ ...b, comment: b.comment.trim() }))
  .superRefine((b, ctx) => {
    if (b.decision === 'disputed' && !b.comment) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Объясните, с чем в профиле вы не согласны' });
    }
  });

export const directionsBody = z.object({
  factors: z.array(z.string('Код направления — строка').max(100, 'Неизвестное направление риска'), 'Список направлений').max(20, 'Слишком много направлений'),
});

export type VerifyInput = z.infer<typeof verifyBody>;
