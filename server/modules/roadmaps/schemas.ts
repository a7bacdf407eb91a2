// Request shapes of the roadmaps API (zod), with Russian messages and exact field paths.
import { z } from 'zod';
import { INDICATOR_TITLES } from '../../../domain/dashboard/indicators.js';
import { DOCUMENT_KINDS } from '../../../domain/documents/checklist.js';
import { ROADMAP_LEVELS } from '../../db/schema.js';
import { MAX_TEXT } from './import.js';

const REQUIRED = 'Заполните поле';
const tooLong = (n: number) => `Не длиннее ${n} знаков`;
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());
const id = (message: string) => z.number(message).int(message).positive(message);
const optionalBodyId = (message: string) => id(message).nullable().optional();

const text = (max: number) => z.string('Нужен текст').max(max, tooLong(max));

function validDate(v: string): boolean {
  const [y, m, d] = v.split('-').map(Number);
  const date = new Date(Date.UTC(y as number, (m as number) - 1, d as number));
  return date.getUTCFullYear() === y && date.getUTCMonth() + 1 === m && date.getUTCDate() === d;
}

export const isoDate = z
  .string('Дата в формате ГГГГ-ММ-ДД')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата в формате ГГГГ-ММ-ДД')
  .refine(validDate, 'Такой даты нет');

export const level = z.enum(ROADMAP_LEVELS, 'Уровень: federal, regional, municipal или school');

/** «1», «3.1»; a trailing dot is dropped; '' or null is an unnumbered row. */
const itemNumber = z
  .string('Номер — строка или null')
  .max(20, tooLong(20))
  .nullable()
  .transform((v) => {
    if (v === null) return null;
    const s = v.trim().replace(/[.)]$/, '');
    return s === '' ? null : s;
  })
  .refine((v) => v === null || /^\d{1,3}(?:\.\d{1,3}){0,4}$/.test(v), 'Номер вида «1» или «3.1»');

export const itemInput = z.object({
  id: id('Неверный номер мероприятия').optional(),
  number: itemNumber.default(null),
  title: z.string(REQUIRED).trim().min(1, 'Укажите мероприятие').max(4000, tooLong(4000)),
  timingText: text(1000).default(''),
  responsibleText: text(2000).default(''),
  indicator: text(8000).default(''),
  infoSupport: text(8000).default(''),
});

const items = z.array(itemInput, 'Нужен список мероприятий').max(2000, 'Не больше 2000 мероприятий');
const title = z.string(REQUIRED).trim().min(1, REQUIRED).max(1000, tooLong(1000));

export const createBody = z.object({
  cycleId: id('Выберите год проекта'),
  level,
  regionId: optionalBodyId('Выберите регион'),
  municipalityId: optionalBodyId('Выберите муниципалитет'),
  schoolId: optionalBodyId('Выберите школу'),
  title,
  orderAuthority: text(1000).trim().default(''),
  orderNumber: text(100).trim().default(''),
  orderDate: isoDate.nullable().default(null),
  sourceText: text(MAX_TEXT).nullable().default(null),
  items: items.default([]),
  /** The order's year differs from the cycle's: saved into the chosen cycle anyway («в другой год проекта»). */
  otherCycle: z.boolean('Да или нет').default(false),
});
export type CreateInput = z.infer<typeof createBody>;

export const updateBody = z.object({
  version: z.number('Обновите страницу: не указана версия').int().positive(),
  title,
  orderAuthority: text(1000).trim().default(''),
  orderNumber: text(100).trim().default(''),
  orderDate: isoDate.nullable().default(null),
  items,
});
export type UpdateInput = z.infer<typeof updateBody>;

export const listQuery = z.object({
  cycleId: optionalId,
  level: z.preprocess(blankToUndefined, level.optional()),
  regionId: optionalId,
  municipalityId: optionalId,
  schoolId: optionalId,
});

export const parseBody = z.object({ text: z.string('Вставьте текст приказа').max(MAX_TEXT, 'Текст слишком длинный') });

export const copyBody = z.object({
  municipalityId: optionalBodyId('Выберите муниципалитет'),
  schoolId: optionalBodyId('Выберите школу'),
});

export const exportQuery = z.object({
  format: z.preprocess(blankToUndefined, z.enum(['docx', 'xlsx'], 'Формат файла: docx или xlsx').default('docx')),
});

export const ACTIONS = ['start', 'complete', 'reopen', 'confirm', 'return', 'unconfirm'] as const;
export const markBody = z.object({
  action: z.enum(ACTIONS, 'Действие: start, complete, reopen, confirm, return или unconfirm'),
  comment: text(2000).trim().default(''),
  /** «Выполнено»: the day it was executed (default today). */
  executedOn: isoDate.nullable().default(null),
});

/** The order approving a roadmap or amending it (приказ). */
export const orderBody = z.object({
  version: z.number('Обновите страницу: не указана версия').int().positive(),
  orderAuthority: z.string(REQUIRED).trim().min(1, 'Укажите, кем утверждена').max(1000, tooLong(1000)),
  orderNumber: z.string(REQUIRED).trim().min(1, 'Укажите номер приказа').max(100, tooLong(100)),
  orderDate: isoDate,
  orderTitle: text(1000).trim().default(''),
});

export const amendmentBody = orderBody.extend({
  title: z.string(REQUIRED).trim().min(1, REQUIRED).max(1000, tooLong(1000)).optional(),
  items,
  /** Rows without an id are matched to present activities by number and title (an imported amendment). */
  matchByNumber: z.boolean('Да или нет').default(false),
});

export const revisionParams = z.object({ id: z.coerce.number().int().positive(), number: z.coerce.number().int().positive().max(10000) });

const positive = z.coerce.number().int().positive();
export const itemStageParams = z.object({ id: positive, itemId: positive, stageId: positive });
export const evidenceParams = z.object({ id: positive, evidenceId: positive });
export const fileParams = z.object({ fileId: positive });

/** Live measures an item's indicator may be bound to: the dashboard's school-share indicator codes. */
export const MEASURE_CODES: readonly string[] = [
  ...Object.keys(INDICATOR_TITLES).filter((code) => code !== 'schools'),
  ...DOCUMENT_KINDS.map((kind) => `document_${kind}`),
];
export const itemParams = z.object({ id: positive, itemId: positive });
export const measureBody = z.object({
  measure: z.string('Выберите показатель').refine((code) => MEASURE_CODES.includes(code), 'Неизвестный показатель мониторинга').nullable(),
});
