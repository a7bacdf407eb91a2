// Request shapes of the surveys API (zod), with Russian messages and exact field paths.
import { z } from 'zod';
import { FACTOR_CODES, INSTRUMENT_CODES, isIsoDate, RISK_LEVELS, SCHOOL_INSTRUMENTS } from '../../../domain/surveys/index.js';

const REQUIRED = 'Заполните поле';
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());
const isoDate = z.string('Дата в формате ГГГГ-ММ-ДД').regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата в формате ГГГГ-ММ-ДД').refine(isIsoDate, 'Такой даты нет');
const id = (message: string) => z.number(message).int(message).positive(message);
const title = z.string(REQUIRED).trim().min(1, REQUIRED).max(500, 'Не длиннее 500 знаков');

const levels = z.array(z.enum([...RISK_LEVELS, 'unknown'], 'Неизвестный уровень риска'), 'Нужен список уровней');
const factors = z.array(z.enum(FACTOR_CODES, 'Неизвестное направление риска'), 'Нужен список направлений');

/** Partial activation rules of a campaign (domain ActivationRules); missing keys take the domain defaults. */
export const activationRules = z
  .strictObject(
    {
      maxDirections: z.number('Нужно целое число').int('Нужно целое число').min(0, 'Не меньше 0').max(10, 'Не больше 10'),
      minDirections: z.number('Нужно целое число').int('Нужно целое число').min(0, 'Не меньше 0').max(10, 'Не больше 10'),
      mandatoryLevels: levels,
      mandatoryCodes: factors,
      selectableLevels: levels,
      excludedCodes: factors,
    },
    'Неизвестное правило',
  )
  .partial();
export type ActivationRulesInput = z.infer<typeof activationRules>;

export const instrumentParam = z.object({ code: z.enum(INSTRUMENT_CODES, 'Неизвестная анкета') });
export const versionQuery = z.object({ version: optionalId });

export const methodologyBody = z.object({
  title,
  definition: z.record(z.string(), z.unknown(), 'Нужно описание методики (объект JSON)'),
});

export const listQuery = z.object({ cycleId: optionalId });

export const createBody = z.object({
  cycleId: id('Выберите год проекта'),
  regionId: id('Выберите регион').nullable(),
  title,
  opensOn: isoDate,
  closesOn: isoDate,
  activationRules: activationRules.optional(),
});
export type CreateInput = z.infer<typeof createBody>;

export const updateBody = z.object({
  version: z.number('Обновите страницу: не указана версия').int().positive(),
  title: title.optional(),
  opensOn: isoDate.optional(),
  closesOn: isoDate.optional(),
  activationRules: activationRules.optional(),
});
export type UpdateInput = z.infer<typeof updateBody>;

export const detailQuery = z.object({ municipalityId: optionalId });

export const schoolParams = z.object({
  id: z.coerce.number().int().positive(),
  schoolId: z.coerce.number().int().positive(),
});

export const linkParams = schoolParams.extend({ instrument: z.enum(SCHOOL_INSTRUMENTS, 'Неизвестная анкета') });

const headcount = z.number('Нужно целое число').int('Нужно целое число').min(0, 'Не меньше 0').max(5000, 'Не больше 5000');
export const factsBody = z.object({
  teachers: headcount,
  students6: headcount,
  students9: headcount,
  parents: headcount.nullable().default(null),
});
export type FactsInput = z.infer<typeof factsBody>;

// ---- answering ----

export const codeParam = z.object({ code: z.string().max(40) });

export const answerBody = z.object({
  answers: z.record(z.string(), z.unknown(), 'Ответы — объект «вопрос: ответ»'),
  complete: z.boolean('Укажите, отправляется ли анкета (complete: true или false)'),
});
export type AnswerInput = z.infer<typeof answerBody>;
