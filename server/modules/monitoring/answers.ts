// Answer shapes of monitoring that other modules' answers embed: stages, a stage in force, figures of a stage.
import { z } from 'zod';
import type { StageFigures } from '../../../domain/monitoring/figures.js';

export const stageAnswer = z
  .object({ id: z.number(), number: z.number(), title: z.string(), measuredOn: z.string(), thresholdPercent: z.number() })
  .meta({ id: 'MonitoringStage' });
export type StageView = z.infer<typeof stageAnswer>;

/** A stage as measured for a territory: the region's own target where set, else the federal one. */
export const effectiveStageAnswer = stageAnswer
  .extend({
    source: z.enum(['federal', 'region']),
    federal: z.object({ measuredOn: z.string(), thresholdPercent: z.number() }),
  })
  .meta({ id: 'EffectiveStage' });

const ids = z.array(z.number());

/** Figures of one roadmap at one stage, with the activities behind each number. */
export const stageFiguresAnswer = z
  .object({
    stageId: z.number(),
    measuredOn: z.string(),
    thresholdPercent: z.number(),
    revision: z.number().nullable().meta({ description: 'Редакция, действующая на дату замера (null — не утверждена)' }),
    due: z.number().meta({ description: 'Мероприятий к сроку' }),
    done: z.number(),
    confirmed: z.number(),
    percent: z.number().nullable().meta({ description: 'Подтверждено от «к сроку», %; null — ничего не наступило' }),
    met: z.boolean().nullable(),
    plan: z.number(),
    planConfirmed: z.number(),
    planPercent: z.number().nullable(),
    ids: z.object({ due: ids, done: ids, confirmed: ids, overdue: ids, plan: ids }),
    overdue: ids,
  })
  .meta({ id: 'StageFigures' }) satisfies z.ZodType<StageFigures & { overdue: number[] }>;

/** Several roadmaps together at one stage. */
export const totalFiguresAnswer = z
  .object({
    due: z.number(),
    done: z.number(),
    confirmed: z.number(),
    plan: z.number(),
    planConfirmed: z.number(),
    percent: z.number().nullable(),
    planPercent: z.number().nullable(),
    thresholdPercent: z.number(),
    met: z.boolean().nullable(),
  })
  .meta({ id: 'TotalFigures' });
