// HTTP routes of stage reports (docs/monitoring-api.md): list per territory, one report with its history,
// submit (again after a return), accept, return with a reason.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, auditorOf } from '../../http/session.js';
import { idParam, parse } from '../../http/validate.js';
import type { ModuleDeps } from '../deps.js';
import { optionalId } from '../roadmaps/schemas.js';
import { StageReportsService } from './service.js';

const listQuery = z.object({ cycleId: optionalId, stageId: optionalId, regionId: optionalId });
const submitBody = z.object({
  stageId: z.number('Выберите этап').int().positive(),
  regionId: z.number('Выберите регион').int().positive().optional(),
  municipalityId: z.number('Выберите муниципалитет').int().positive().optional(),
});
const reviewBody = z.object({ comment: z.string('Нужен текст').trim().max(2000, 'Не длиннее 2000 знаков').default('') });

export function registerStageReportRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const service = new StageReportsService(deps.db);
  const base = '/api/stage-reports';

  app.get(base, async (request) => service.list(actorOf(request), parse(listQuery, request.query)));

  app.get(`${base}/:id`, async (request) => service.get(actorOf(request), parse(idParam, request.params).id));

  app.post(base, async (request, reply) => {
    const result = await service.submit(actorOf(request), auditorOf(request), parse(submitBody, request.body));
    return reply.status(201).send(result);
  });

  app.post(`${base}/:id/accept`, async (request) =>
    service.review(actorOf(request), auditorOf(request), parse(idParam, request.params).id, 'accept', parse(reviewBody, request.body ?? {}).comment),
  );

  app.post(`${base}/:id/return`, async (request) =>
    service.review(actorOf(request), auditorOf(request), parse(idParam, request.params).id, 'return', parse(reviewBody, request.body ?? {}).comment),
  );
}
