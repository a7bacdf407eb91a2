// Request shapes of the documents API (zod), with Russian messages and exact field paths.
import { z } from 'zod';
import { antiriskProgrammeSchema, DOCUMENT_ACTIONS } from '../../../domain/documents/index.js';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());

function validDate(v: string): boolean {
  const [y, m, d] = v.split('-').map(Number);
  const date = new Date(Date.UTC(y as number, (m as number) - 1, d as number));
  return date.getUTCFullYear() === y && date.getUTCMonth() + 1 === m && date.getUTCDate() === d;
}

const isoDate = z
  .string('Дата в формате ГГГГ-ММ-ДД')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата в формате ГГГГ-ММ-ДД')
  .refine(validDate, 'Такой даты нет');

const id = (message: string) => z.number(message).int(message).positive(message);
const pathId = z.coerce.number().int().positive();

export const cycleQuery = z.object({ cycleId: optionalId });

export const schoolParams = z.object({ schoolId: pathId });

/** Slot keys are short ASCII: 'concept', 'antirisk_programme:low_motivation', 'evidence:2:low_motivation'. */
export const slotParams = z.object({
  schoolId: pathId,
  slotKey: z.string().min(1).max(100).regex(/^[a-z_]+(?::[a-z0-9_]+){0,2}$/, 'Неизвестный документ перечня'),
});

export const overviewQuery = z.object({ cycleId: optionalId, regionId: optionalId, municipalityId: optionalId });

const version = z.number('Укажите версию документа').int('Укажите версию документа').min(1, 'Укажите версию документа');

export const programmeBody = z.object({
  cycleId: id('Выберите год проекта').optional(),
  version: version.nullable(),
  programme: antiriskProgrammeSchema,
});
export type ProgrammeBody = z.infer<typeof programmeBody>;

export const transitionBody = z.object({
  action: z.enum(DOCUMENT_ACTIONS, 'Действие: submit, withdraw, confirm, return или reopen'),
  comment: z.string('Комментарий — текст').max(4000, 'Не длиннее 4000 знаков').default(''),
  version,
});
export type TransitionBody = z.infer<typeof transitionBody>;

/** Kinds whose due date is set per cycle; evidence is due on its monitoring stage's date. */
export const DEADLINE_KINDS = ['concept', 'midterm_programme', 'school_roadmap', 'antirisk_programme'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const deadlinesBody = z.object({
  cycleId: id('Выберите год проекта'),
  deadlines: z.strictObject(
    {
      concept: isoDate.optional(),
      midterm_programme: isoDate.optional(),
      school_roadmap: isoDate.optional(),
      antirisk_programme: isoDate.optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? 'Срок подтверждающих документов — дата этапа мониторинга; другие виды неизвестны' : 'Ожидается объект сроков') },
  ),
});
export type DeadlinesBody = z.infer<typeof deadlinesBody>;
