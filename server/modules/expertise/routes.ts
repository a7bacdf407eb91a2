// HTTP routes of the federal selective expertise (docs/documents-api.md, «Federal selective expertise»).
import type { FastifyInstance } from 'fastify';
import { actorOf, auditorOf } from '../../http/session.js';
import { idParam, parse } from '../../http/validate.js';
import type { ModuleDeps } from '../deps.js';
import * as s from './schemas.js';
import { ExpertiseService, requireManager } from './service.js';

export function registerExpertiseRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const service = new ExpertiseService(deps.db);
  const base = '/api/expertise';

  app.get(`${base}/samples`, async (request) => service.listSamples(actorOf(request), parse(s.cycleQuery, request.query).cycleId));

  app.post(`${base}/samples`, async (request, reply) => {
    const actor = actorOf(request);
    // the role comes before the body: a role that may never draw gets 403, not field errors
    requireManager(actor);
    const result = await service.createSample(actor, auditorOf(request), parse(s.createSampleBody, request.body));
    return reply.status(201).send(result);
  });

  app.get(`${base}/samples/:id`, async (request) => service.getSample(actorOf(request), parse(idParam, request.params).id));

  app.post(`${base}/samples/:id/assign`, async (request) => {
    const actor = actorOf(request);
    const { id } = parse(idParam, request.params);
    requireManager(actor);
    return service.assign(actor, auditorOf(request), id, parse(s.assignBody, request.body));
  });

  app.get(`${base}/reviews`, async (request) => service.listReviews(actorOf(request), parse(s.cycleQuery, request.query).cycleId));

  app.get(`${base}/reviews/:id`, async (request) => service.getReview(actorOf(request), parse(idParam, request.params).id));

  app.put(`${base}/reviews/:id`, async (request) =>
    service.saveReview(actorOf(request), auditorOf(request), parse(idParam, request.params).id, parse(s.reviewBody, request.body)),
  );

  app.get(`${base}/schools/:schoolId`, async (request) =>
    service.schoolResults(actorOf(request), parse(s.schoolParams, request.params).schoolId, parse(s.cycleQuery, request.query).cycleId),
  );
}
