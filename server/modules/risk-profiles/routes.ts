// HTTP routes of school risk profiles (docs/surveys-api.md, «Risk profiles»).
import type { FastifyInstance } from 'fastify';
import { actorOf, auditorOf } from '../../http/session.js';
import { idParam, parse } from '../../http/validate.js';
import { contentDisposition } from '../../storage/names.js';
import type { ModuleDeps } from '../deps.js';
import * as s from './schemas.js';
import { RiskProfilesService } from './service.js';

export function registerRiskProfilesRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const service = new RiskProfilesService(deps.db);
  const base = '/api/risk-profiles';

  app.post(`${base}/compute`, async (request) => service.compute(actorOf(request), auditorOf(request), parse(s.computeBody, request.body)));

  app.get(base, async (request) => service.list(actorOf(request), parse(s.listQuery, request.query)));

  app.get(`${base}/aggregate`, async (request) => service.aggregate(actorOf(request), parse(s.aggregateQuery, request.query)));

  app.get(`${base}/export`, async (request, reply) => {
    const file = await service.exportFile(actorOf(request), parse(s.aggregateQuery, request.query));
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', contentDisposition(file.filename, 'attachment', file.asciiName))
      .header('cache-control', 'no-store')
      .send(file.body);
  });

  app.get(`${base}/:id`, async (request) => service.get(actorOf(request), parse(idParam, request.params).id));

  app.post(`${base}/:id/verify`, async (request) =>
    service.verify(actorOf(request), auditorOf(request), parse(idParam, request.params).id, parse(s.verifyBody, request.body)),
  );

  app.put(`${base}/:id/directions`, async (request) =>
    service.activate(actorOf(request), auditorOf(request), parse(idParam, request.params).id, parse(s.directionsBody, request.body).factors),
  );
}
