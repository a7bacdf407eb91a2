// Request shapes of the roadmaps API (zod), with Russian messages and exact field paths.
import { z } from 'zod';
import { INDICATOR_TITLES } from '../../../domain/dashboard/indicators.js';
import { DOCUMENT_KINDS } from '../../../domain/documents/checklist.js';
import type { RevisionDiff, RevisionItem } from '../../../domain/roadmaps/revisions.js';
import type { Timing } from '../../../domain/roadmaps/timing-types.js';
import { ROADMAP_LEVELS } from '../../db/schema.js';
import { blankToUndefined, isoDate, optionalId } from '../../http/schemas.js';
import { effectiveStageAnswer, stageFiguresAnswer } from '../monitoring/answers.js';

import { MAX_TEXT, type ParseResult } from './import.js';

/** @deprecated import from server/http/schemas.ts (kept while other modules move). */
export { isoDate, optionalId };

const REQUIRED = 'Заполните поле';
const tooLong = (n: number) => `Не длиннее ${n} знаков`;
const id = (message: string) => z.number(message).int(message).positive(message);
const optionalBodyId = (message: string) => id(message).nullable().optional();

const text = (max: number) => z.string('Нужен текст').max(max, tooLong(max));

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

// ── answers ──

const interval = z.tuple([z.string().nullable(), z.string().nullable()]);
const recurrence = z.object({
  every: z.enum(['day', 'week', 'month', 'quarter', 'year', 'weekday']),
  weekdays: z.array(z.number()).optional(),
  atLeast: z.number().optional(),
  times: z.number().optional(),
  until: z.string().optional(),
});
const period = z.enum(['year', 'academicYear', 'constant', 'project', 'schedule']);
const timingPart = z.object({
  text: z.string(),
  label: z.string().nullable(),
  kind: z.enum(['date', 'range', 'deadline', 'months', 'recurrence', 'period', 'unknown']),
  intervals: z.array(interval),
  recurrence: recurrence.nullable(),
  period: period.nullable(),
  flags: z.array(z.string()),
});
/** The structured «сроки» of an activity. */
export const timingAnswer = z
  .object({
    text: z.string(),
    kind: z.enum(['date', 'range', 'deadline', 'months', 'recurrence', 'period', 'mixed', 'unknown']),
    intervals: z.array(interval),
    recurrence: recurrence.nullable(),
    period: period.nullable(),
    parts: z.array(timingPart),
    flags: z.array(z.string()),
  })
  .meta({ id: 'Timing' }) satisfies z.ZodType<Timing>;

export const roadmapSummary = z
  .object({
    id: z.number(),
    cycleId: z.number(),
    year: z.number(),
    level,
    title: z.string(),
    regionId: z.number().nullable(),
    municipalityId: z.number().nullable(),
    schoolId: z.number().nullable(),
    territory: z.string(),
    orderAuthority: z.string(),
    orderNumber: z.string(),
    orderDate: z.string().nullable(),
    templateId: z.number().nullable(),
    itemCount: z.number(),
    flaggedCount: z.number(),
    version: z.number(),
    status: z.enum(['draft', 'approved']).meta({ description: 'draft — черновик, не считается; approved — утверждена приказом' }),
    revision: z.number().meta({ description: 'Номер последней редакции, 0 у черновика' }),
    updatedAt: z.string(),
    can: z.object({ edit: z.boolean(), mark: z.boolean(), confirm: z.boolean() }),
  })
  .meta({ id: 'RoadmapSummary' });
export type RoadmapSummary = z.infer<typeof roadmapSummary>;

export const evidenceAnswer = z
  .object({ id: z.number(), fileId: z.number(), name: z.string(), size: z.number(), uploadedAt: z.string() })
  .meta({ id: 'Evidence' });
export type EvidenceView = z.infer<typeof evidenceAnswer>;

export const markAnswer = z
  .object({
    status: z.enum(['planned', 'in_progress', 'done', 'confirmed']),
    shown: z.enum(['planned', 'in_progress', 'done', 'confirmed', 'overdue']),
    executedOn: z.string().nullable().meta({ description: 'День исполнения (выполнено / подтверждено)' }),
    carried: z.boolean().meta({ description: 'Факт разового мероприятия, показанный на каждом этапе' }),
    comment: z.string(),
    reviewComment: z.string(),
    updatedAt: z.string().nullable(),
    confirmedAt: z.string().nullable(),
    evidence: z.array(evidenceAnswer),
  })
  .meta({ id: 'Mark' });
export type Mark = z.infer<typeof markAnswer>;

export const measureValueAnswer = z.object({ value: z.number().nullable(), numerator: z.number(), denominator: z.number() });
export type MeasureValue = z.infer<typeof measureValueAnswer>;

export const itemAnswer = z
  .object({
    id: z.number(),
    number: z.string().nullable(),
    title: z.string(),
    timingText: z.string(),
    responsibleText: z.string(),
    indicator: z.string(),
    infoSupport: z.string(),
    position: z.number(),
    parentId: z.number().nullable(),
    timing: timingAnswer,
    timingFormatted: z.string(),
    startDate: z.string().nullable(),
    dueDate: z.string().nullable(),
    responsibleParties: z.array(z.string()),
    flags: z.array(z.string()),
    templateItemId: z.number().nullable(),
    marks: z.record(z.string(), markAnswer).meta({ description: 'Отметки по id этапа (разовое мероприятие — одна, перенесённая на все этапы)' }),
    measure: z.string().nullable().meta({ description: 'Код показателя мониторинга, к которому привязан показатель мероприятия' }),
    measureValue: measureValueAnswer.nullable().optional(),
  })
  .meta({ id: 'RoadmapItem' });
export type Item = Omit<z.infer<typeof itemAnswer>, 'marks'> & { marks: Record<number, Mark> };

const diffEntry = z.object({ id: z.number(), number: z.string().nullable(), title: z.string() });
const fieldChange = z.tuple([z.string().nullable(), z.string().nullable()]);
export const revisionDiffAnswer = z
  .object({
    added: z.array(diffEntry),
    removed: z.array(diffEntry),
    changed: z.array(diffEntry.extend({ fields: z.partialRecord(z.enum(['number', 'title', 'timingText', 'responsibleText', 'indicator', 'infoSupport']), fieldChange) })),
  })
  .meta({ id: 'RevisionDiff' }) satisfies z.ZodType<RevisionDiff>;

export const revisionAnswer = z
  .object({
    number: z.number(),
    kind: z.enum(['approval', 'amendment']),
    orderAuthority: z.string(),
    orderNumber: z.string(),
    orderDate: z.string(),
    orderTitle: z.string(),
    orderFile: z.object({ id: z.number(), name: z.string(), size: z.number() }).nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    itemCount: z.number(),
    diff: revisionDiffAnswer,
  })
  .meta({ id: 'Revision' });
export type RevisionView = z.infer<typeof revisionAnswer>;

export const revisionItemAnswer = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  position: z.number(),
  number: z.string().nullable(),
  title: z.string(),
  timingText: z.string(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  periodic: z.boolean(),
  responsibleText: z.string(),
  indicator: z.string(),
  infoSupport: z.string(),
}) satisfies z.ZodType<RevisionItem>;

export const roadmapAnswer = z.object({ roadmap: roadmapSummary });
export const roadmapWithRevision = z.object({ roadmap: roadmapSummary, revision: revisionAnswer });

export const roadmapDetail = z
  .object({
    roadmap: roadmapSummary,
    items: z.array(itemAnswer),
    removedItems: z.array(itemAnswer.extend({ removedInRevision: z.number().nullable() })).meta({ description: 'Исключённые изменениями мероприятия с их отметками' }),
    stages: z.array(effectiveStageAnswer),
    monitoring: z.array(stageFiguresAnswer).meta({ description: 'Показатели по этапам (у черновика пусто)' }),
    revisions: z.array(revisionAnswer),
    sourceText: z.string().nullable(),
  })
  .meta({ id: 'RoadmapDetail' });

export const roadmapChanges = z.object({
  template: roadmapSummary.nullable(),
  added: z.array(itemAnswer),
  removed: z.array(diffEntry),
  changed: z.array(z.object({ itemId: z.number(), number: z.string().nullable(), fields: z.record(z.string(), fieldChange) })),
});

/** An activity as the import reads it from an order (not yet saved: no id, position or marks). */
export const parsedItemAnswer = itemAnswer.pick({
  number: true,
  title: true,
  timingText: true,
  responsibleText: true,
  indicator: true,
  infoSupport: true,
  timing: true,
  timingFormatted: true,
  flags: true,
  responsibleParties: true,
});

/** What the import found in an order: its requisites, the activities with their parsed timing, and problems. */
export const parseAnswer = z
  .object({
    document: z.object({
      authority: z.string().nullable(),
      number: z.string().nullable(),
      date: z.string().nullable(),
      title: z.string().nullable(),
      year: z.number().nullable(),
      level: z.string().nullable(),
    }),
    items: z.array(parsedItemAnswer),
    flags: z.array(z.string()),
    sourceText: z.string(),
  })
  .meta({ id: 'RoadmapParse' }) satisfies z.ZodType<ParseResult>;

export const measureAnswer = z.object({ item: z.object({ id: z.number(), measure: z.string().nullable() }) });
