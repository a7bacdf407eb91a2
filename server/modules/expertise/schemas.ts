// Request shapes of the expertise API (zod), with Russian messages and exact field paths. The form itself (every
// criterion marked, a conclusion, a comment) is checked on «завершить» by the domain's checkExpertiseForm.
import { z } from 'zod';
import { CRITERION_MARKS, DOCUMENT_KINDS, EXPERTISE_ACTIONS, EXPERTISE_CONCLUSIONS } from '../../../domain/documents/index.js';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());
const id = (message: string) => z.number(message).int(message).positive(message);

export const cycleQuery = z.object({ cycleId: optionalId });
export const schoolParams = z.object({ schoolId: z.coerce.number().int().positive() });

export const createSampleBody = z.object({
  cycleId: id('Выберите год проекта'),
  title: z.string('Укажите название выборки').trim().min(1, 'Укажите название выборки').max(500, 'Не длиннее 500 знаков'),
  /** Percent of the cycle's selected schools. */
  share: z.preprocess(blankToUndefined, z.number('Доля — число процентов от 1 до 100').int('Доля — целое число процентов').min(1, 'Доля — от 1 до 100%').max(100, 'Доля — от 1 до 100%').optional()),
  count: z.preprocess(blankToUndefined, z.number('Количество — целое число').int('Количество — целое число').min(1, 'Количество — не меньше 1').optional()),
  /** Any text or number; a random seed is drawn when absent. */
  seed: z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' && v.trim() === '' ? undefined : v ?? undefined),
    z.string('Зерно — строка или число').trim().max(200, 'Не длиннее 200 знаков').optional(),
  ),
  stratifyByRegion: z.boolean('Да или нет').default(true),
  kinds: z
    .array(z.enum(DOCUMENT_KINDS, 'Неизвестный вид документа'), 'Выберите виды документов')
    .min(1, 'Выберите хотя бы один вид документов')
    .transform((kinds) => [...new Set(kinds)]),
});
export type CreateSampleInput = z.infer<typeof createSampleBody>;

export const assignBody = z.object({
  reviewIds: z.array(id('Неверный номер экспертизы'), 'Выберите школы выборки').min(1, 'Выберите хотя бы одну школу').max(10000),
  expertId: id('Выберите эксперта'),
});
export type AssignInput = z.infer<typeof assignBody>;

export const reviewBody = z.object({
  version: z.number('Обновите страницу: не указана версия').int().positive(),
  marks: z.record(z.string(), z.enum(CRITERION_MARKS, 'Оценка: да, частично или нет'), 'Нужны оценки критериев').default({}),
  conclusion: z.enum(EXPERTISE_CONCLUSIONS, 'Заключение: соответствует, частично соответствует или не соответствует').nullable().optional(),
  comment: z.string('Нужен текст').max(10000, 'Не длиннее 10000 знаков').default(''),
  action: z.enum(EXPERTISE_ACTIONS, 'Действие: start, complete или reopen').optional(),
});
export type ReviewInput = z.infer<typeof reviewBody>;
