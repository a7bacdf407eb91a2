// HTTP routes of monitoring: stages of a cycle, regional targets and the summary of roadmaps' execution.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, auditorOf } from '../../http/session.js';
import { parse } from '../../http/validate.js';
import type { ModuleDeps } from '../deps.js';
import { isoDate, level, optionalId } from '../roadmaps/schemas.js';
import { MonitoringService, requireStageEditor } from './service.js';

const REQUIRED = 'Заполните поле';

const stagesQuery = z.object({ cycleId: optionalId });
const stagesBody = z.object({
  cycleId: z.number('Выберите год проекта').int().positive(),
  stages: z
    .array(
      z.object({
        number: z.number(REQUIRED).int('Номер — целое число').min(1, 'Номер от 1').max(20, 'Номер не больше 20'),
        title: z.string(REQUIRED).trim().min(1, REQUIRED).max(200, 'Не длиннее 200 знаков'),
        measuredOn: isoDate,
        thresholdPercent: z
          .number('Укажите порог в процентах')
          .int('Порог — целое число процентов')
          .min(0, 'Порог от 0 до 100%')
          .max(100, 'Порог от 0 до 100%'),
      }),
      'Нужен список этапов',
    )
    .min(1, 'Нужен хотя бы один этап')
    .max(10, 'Не больше 10 этапов'),
});
const summaryQuery = z.object({
  cycleId: optionalId,
  level: z.preprocess((v) => (v === '' ? undefined : v), level.optional()),
  regionId: optionalId,
  municipalityId: optionalId,
});

const targetsQuery = z.object({ cycleId: optionalId, regionId: optionalId });
const targetsBody = z.object({
  cycleId: z.number('Выберите год проекта').int().positive(),
  regionId: z.number('Выберите регион').int().positive(),
  stages: z
    .array(
      z.object({
        stageId: z.number('Выберите этап').int().positive(),
        measuredOn: isoDate,
        thresholdPercent: z.number('Укажите порог в процентах').int('Порог — целое число процентов').min(0, 'Порог от 0 до 100%').max(100, 'Порог от 0 до 100%'),
      }),
      'Нужен список этапов',
    )
    .max(10, 'Не больше 10 этапов'),
});

export function registerMonitoringRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const service = new MonitoringService(deps.db);

  app.get('/api/monitoring/stages', async (request) => {
    actorOf(request);
    return service.stages(parse(stagesQuery, request.query).cycleId);
  });

  app.put('/api/monitoring/stages', async (request) => {
    const actor = actorOf(request);
    requireStageEditor(actor);
    return service.updateStages(actor, auditorOf(request), parse(stagesBody, request.body));
  });

  app.get('/api/monitoring/targets', async (request) => service.targets(actorOf(request), parse(targetsQuery, request.query)));

  app.put('/api/monitoring/targets', async (request) => service.setTargets(actorOf(request), auditorOf(request), parse(targetsBody, request.body)));

  app.get('/api/monitoring/summary', async (request) => service.summary(actorOf(request), parse(summaryQuery, request.query)));
}
