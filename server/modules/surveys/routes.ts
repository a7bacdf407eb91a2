// HTTP routes of questionnaires (docs/surveys-api.md): instruments, methodology, campaigns, school facts and
// respondent codes; public answering through a code (no account, no session, no CSRF token).
import type { FastifyInstance } from 'fastify';
import { actorOf, auditorOf } from '../../http/session.js';
import { idParam, parse } from '../../http/validate.js';
import type { ModuleDeps } from '../deps.js';
import { RespondService, tokenOf } from './respond.js';
import * as s from './schemas.js';
import { SurveysService } from './service.js';

export const RESPONDENT_TOKEN_HEADER = 'x-respondent-token';

export function registerSurveysRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const service = new SurveysService(deps.db);
  const respond = new RespondService(deps.db);
  const base = '/api/surveys';

  app.get(`${base}/instruments`, async () => service.instruments());

  app.get(`${base}/instruments/:code`, async (request) =>
    service.instrument(parse(s.instrumentParam, request.params).code, parse(s.versionQuery, request.query).version),
  );

  app.get(`${base}/methodology`, async (request) => service.methodology(parse(s.versionQuery, request.query).version));

  app.post(`${base}/methodology`, async (request, reply) => {
    const result = await service.publishMethodology(actorOf(request), auditorOf(request), parse(s.methodologyBody, request.body));
    return reply.status(201).send(result);
  });

  app.get(`${base}/campaigns`, async (request) => service.list(actorOf(request), parse(s.listQuery, request.query)));

  app.post(`${base}/campaigns`, async (request, reply) => {
    const result = await service.create(actorOf(request), auditorOf(request), parse(s.createBody, request.body));
    return reply.status(201).send(result);
  });

  app.get(`${base}/campaigns/:id`, async (request) =>
    service.get(actorOf(request), parse(idParam, request.params).id, parse(s.detailQuery, request.query)),
  );

  app.patch(`${base}/campaigns/:id`, async (request) =>
    service.update(actorOf(request), auditorOf(request), parse(idParam, request.params).id, parse(s.updateBody, request.body)),
  );

  app.post(`${base}/campaigns/:id/close`, async (request) =>
    service.close(actorOf(request), auditorOf(request), parse(idParam, request.params).id),
  );

  app.get(`${base}/campaigns/:id/schools/:schoolId`, async (request) => {
    const p = parse(s.schoolParams, request.params);
    return service.school(actorOf(request), p.id, p.schoolId);
  });

  app.put(`${base}/campaigns/:id/schools/:schoolId/facts`, async (request) => {
    const p = parse(s.schoolParams, request.params);
    return service.setFacts(actorOf(request), auditorOf(request), p.id, p.schoolId, parse(s.factsBody, request.body));
  });

  app.post(`${base}/campaigns/:id/schools/:schoolId/links/:instrument/rotate`, async (request) => {
    const p = parse(s.linkParams, request.params);
    return service.rotate(actorOf(request), auditorOf(request), p.id, p.schoolId, p.instrument);
  });

  // ---- answering: public (config.public skips the session and the CSRF check in server/http/session.ts) ----

  // answers are anonymous: the access log of these routes is off, so no address is written next to a code
  app.get('/api/respond/:code', { config: { public: true }, logLevel: 'silent' }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return respond.open(parse(s.codeParam, request.params).code, tokenOf(request.headers[RESPONDENT_TOKEN_HEADER]));
  });

  app.put('/api/respond/:code', { config: { public: true }, logLevel: 'silent' }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const { code } = parse(s.codeParam, request.params);
    return respond.answer(code, tokenOf(request.headers[RESPONDENT_TOKEN_HEADER]), parse(s.answerBody, request.body));
  });
}
