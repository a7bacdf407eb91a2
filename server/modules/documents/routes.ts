// HTTP routes of school documents (docs/documents-api.md, «Documents»): checklist, uploads, anti-risk programme,
// workflow transitions, territory overview and deadlines.
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import { actorOf, auditorOf } from '../../http/session.js';
import { idParam, parse } from '../../http/validate.js';
import { createFileStorage } from '../../storage/index.js';
import type { ModuleDeps } from '../deps.js';
import * as s from './schemas.js';
import { DocumentsService } from './service.js';

const chooseFile = () => new ValidationError('Выберите файл', [{ path: 'file', message: 'Выберите файл' }]);

export function registerDocumentsRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const service = new DocumentsService(deps.db, createFileStorage(deps.config.dataDir), { uploadMaxMb: deps.config.uploadMaxMb });
  const base = '/api/documents';

  app.get(`${base}/overview`, async (request) => service.overview(actorOf(request), parse(s.overviewQuery, request.query)));

  app.get(`${base}/deadlines`, async (request) => service.deadlines(parse(s.cycleQuery, request.query).cycleId));

  app.put(`${base}/deadlines`, async (request) => service.setDeadlines(actorOf(request), auditorOf(request), parse(s.deadlinesBody, request.body)));

  app.get(`${base}/schools/:schoolId`, async (request) =>
    service.school(actorOf(request), parse(s.schoolParams, request.params).schoolId, parse(s.cycleQuery, request.query).cycleId),
  );

  app.post(`${base}/schools/:schoolId/slots/:slotKey/files`, async (request, reply) => {
    const actor = actorOf(request);
    const { schoolId, slotKey } = parse(s.slotParams, request.params);
    const { cycleId } = parse(s.cycleQuery, request.query);
    // refuse before reading the body: who, which slot, the document still with the school
    await service.checkUpload(actor, schoolId, slotKey, cycleId);
    if (!request.isMultipart()) throw chooseFile();
    const part = await request.file();
    if (!part) throw chooseFile();
    const result = await service.upload(actor, auditorOf(request), schoolId, slotKey, cycleId, {
      stream: part.file,
      filename: part.filename ?? '',
      truncated: () => part.file.truncated,
    });
    return reply.status(201).send(result);
  });

  app.put(`${base}/schools/:schoolId/slots/:slotKey/programme`, async (request) => {
    const { schoolId, slotKey } = parse(s.slotParams, request.params);
    return service.saveProgramme(actorOf(request), auditorOf(request), schoolId, slotKey, parse(s.programmeBody, request.body));
  });

  app.get(`${base}/:id`, async (request) => service.get(actorOf(request), parse(idParam, request.params).id));

  app.post(`${base}/:id/transition`, async (request) =>
    service.transition(actorOf(request), auditorOf(request), parse(idParam, request.params).id, parse(s.transitionBody, request.body)),
  );
}
