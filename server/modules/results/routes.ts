// HTTP routes of the positive-change monitoring (docs/reports-api.md): results import, its template, dynamics.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, auditorOf } from '../../http/session.js';
import { readUpload } from '../../http/upload.js';
import { parse } from '../../http/validate.js';
import { contentDisposition } from '../../storage/names.js';
import type { ModuleDeps } from '../deps.js';
import { optionalId } from '../roadmaps/schemas.js';
import { requireImportRole, ResultsService } from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const dynamicsQuery = z.object({ cycleId: optionalId, regionId: optionalId, municipalityId: optionalId, schoolId: optionalId });
const importFields = z.object({
  mode: z.preprocess((v) => (v === '' || v === undefined ? 'all' : v), z.enum(['all', 'valid-only'], 'Режим: all или valid-only')),
});

export function registerResultsRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const service = new ResultsService(deps.db);

  app.get('/api/results/template', async (request, reply) => {
    const body = await service.template(actorOf(request));
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', contentDisposition('Шаблон результатов оценочных процедур.xlsx', 'attachment', 'results-template.xlsx'))
      .header('cache-control', 'no-store')
      .send(body);
  });

  app.post('/api/results/import', async (request) => {
    const actor = actorOf(request);
    requireImportRole(actor);
    const { file, fields } = await readUpload(request);
    const { mode } = parse(importFields, { ...(request.query as object), ...fields });
    return service.import(actor, auditorOf(request), file, mode);
  });

  app.get('/api/results/dynamics', async (request) => service.dynamics(actorOf(request), parse(dynamicsQuery, request.query)));
}
