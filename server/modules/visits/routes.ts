// HTTP routes of curator visits (docs/documents-api.md, «Curator visits»).
import type { FastifyInstance } from 'fastify';
import { actorOf, auditorOf } from '../../http/session.js';
import { idParam, parse } from '../../http/validate.js';
import type { ModuleDeps } from '../deps.js';
import * as s from './schemas.js';
import { requireWriterRole, VisitsService } from './service.js';

export function registerVisitsRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const service = new VisitsService(deps.db);
  const base = '/api/visits';

  app.get(base, async (request) => service.overview(actorOf(request), parse(s.listQuery, request.query)));

  app.get(`${base}/schools/:schoolId`, async (request) =>
    service.ofSchool(actorOf(request), parse(s.schoolParams, request.params).schoolId, parse(s.schoolQuery, request.query).cycleId),
  );

  app.post(base, async (request, reply) => {
    const actor = actorOf(request);
    requireWriterRole(actor);
    const result = await service.create(actor, auditorOf(request), parse(s.createBody, request.body));
    return reply.status(201).send(result);
  });

  app.put(`${base}/:id`, async (request) => {
    const actor = actorOf(request);
    requireWriterRole(actor);
    return service.update(actor, auditorOf(request), parse(idParam, request.params).id, parse(s.updateBody, request.body));
  });

  app.delete(`${base}/:id`, async (request) => {
    await service.remove(actorOf(request), auditorOf(request), parse(idParam, request.params).id);
    return { ok: true };
  });
}
