// HTTP routes of dashboards and reports (docs/reports-api.md).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../http/session.js';
import { parse } from '../../http/validate.js';
import { contentDisposition } from '../../storage/names.js';
import type { ModuleDeps } from '../deps.js';
import { optionalId } from '../roadmaps/schemas.js';
import { ReportRuns } from './runs.js';
import { ReportFiles, ReportsService, type ReportFile } from './service.js';

const format = z.enum(['xlsx', 'docx'], 'Формат: xlsx или docx');
const dashboardQuery = z.object({ cycleId: optionalId, regionId: optionalId, municipalityId: optionalId, schoolId: optionalId });
const territoryReportQuery = z.object({ cycleId: optionalId, regionId: optionalId, municipalityId: optionalId, format });
const stageReportQuery = territoryReportQuery.extend({ stageId: optionalId });
const schoolParams = z.object({ schoolId: z.coerce.number().int().positive() });
const schoolQuery = z.object({ cycleId: optionalId });
const runBody = z.object({
  kind: z.enum(['stage', 'year'], 'Вид отчёта: stage или year'),
  format,
  cycleId: optionalId,
  stageId: optionalId,
  regionId: optionalId,
  municipalityId: optionalId,
});
const runParams = z.object({ id: z.coerce.number().int().positive() });

function send(reply: FastifyReply, file: ReportFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.filename, 'attachment', file.asciiName))
    .header('cache-control', 'no-store')
    .send(file.body);
}

export function registerReportsRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const service = new ReportsService(deps.db);
  const files = new ReportFiles(deps.db, service);
  const runs = new ReportRuns(deps.db, service);

  app.get('/api/dashboard', async (request) => service.dashboard(actorOf(request), parse(dashboardQuery, request.query)));

  app.get('/api/reports/stage', async (request, reply) => {
    const actor = actorOf(request);
    service.requireReportRole(actor);
    return send(reply, await files.stage(actor, parse(stageReportQuery, request.query)));
  });

  app.get('/api/reports/year', async (request, reply) => {
    const actor = actorOf(request);
    service.requireReportRole(actor);
    return send(reply, await files.year(actor, parse(territoryReportQuery, request.query)));
  });

  // background runs of the stage report and the year-end summary (large territories)
  app.post('/api/reports/runs', async (request, reply) => {
    const actor = actorOf(request);
    service.requireReportRole(actor);
    const run = await runs.start(actor, parse(runBody, request.body ?? {}));
    return reply.status(202).send({ run });
  });

  app.get('/api/reports/runs', async (request) => ({ runs: await runs.list(actorOf(request)) }));

  app.get('/api/reports/runs/:id', async (request) => ({ run: await runs.get(actorOf(request), parse(runParams, request.params).id) }));

  app.get('/api/reports/school/:schoolId/pdf', async (request, reply) => {
    const { schoolId } = parse(schoolParams, request.params);
    return send(reply, await files.school(actorOf(request), { schoolId, ...parse(schoolQuery, request.query) }));
  });
}
