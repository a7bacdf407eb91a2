// HTTP routes of roadmaps (docs/roadmaps-api.md): CRUD of drafts, approval and amendments by order, revision
// history, import preview, copy down, changes, export, execution marks, evidence and stored files.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import { actorOf, auditorOf } from '../../http/session.js';
import { idParam, parse } from '../../http/validate.js';
import { createFileStorage } from '../../storage/index.js';
import { contentDisposition } from '../../storage/names.js';
import type { ModuleDeps } from '../deps.js';
import { requireEditorRole } from './access.js';
import { ExecutionService } from './execution.js';
import { preview, uploadedText } from './import.js';
import { LifecycleService } from './lifecycle.js';
import * as s from './schemas.js';
import { RoadmapsService } from './service.js';

/** Largest order file for the import preview. */
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const chooseFile = () => new ValidationError('Выберите файл', [{ path: 'file', message: 'Выберите файл' }]);

export function registerRoadmapsRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const storage = createFileStorage(deps.config.dataDir);
  const service = new RoadmapsService(deps.db, storage);
  const execution = new ExecutionService(deps.db, storage);
  const lifecycle = new LifecycleService(deps.db, storage);
  const base = '/api/roadmaps';

  app.get(base, async (request) => service.list(actorOf(request), parse(s.listQuery, request.query)));

  app.post(base, async (request, reply) => {
    const actor = actorOf(request);
    requireEditorRole(actor);
    const result = await service.create(actor, auditorOf(request), parse(s.createBody, request.body));
    return reply.status(201).send(result);
  });

  app.post(`${base}/parse`, async (request) => {
    requireEditorRole(actorOf(request));
    if (request.isMultipart()) {
      const part = await request.file();
      if (!part) throw chooseFile();
      const buffer = await part.toBuffer();
      if (buffer.length > MAX_IMPORT_BYTES) throw new ValidationError('Файл больше 10 МБ', [{ path: 'file', message: 'Файл больше 10 МБ' }]);
      return preview(await uploadedText(buffer));
    }
    return preview(parse(s.parseBody, request.body ?? {}).text);
  });

  app.get(`${base}/:id`, async (request) => service.get(actorOf(request), parse(idParam, request.params).id));

  app.put(`${base}/:id`, async (request) =>
    service.update(actorOf(request), auditorOf(request), parse(idParam, request.params).id, parse(s.updateBody, request.body)),
  );

  app.delete(`${base}/:id`, async (request) => {
    await service.remove(actorOf(request), auditorOf(request), parse(idParam, request.params).id);
    return { ok: true };
  });

  app.post(`${base}/:id/copy`, async (request, reply) => {
    const result = await service.copy(actorOf(request), auditorOf(request), parse(idParam, request.params).id, parse(s.copyBody, request.body ?? {}));
    return reply.status(201).send(result);
  });

  app.put(`${base}/:id/items/:itemId/measure`, async (request) => {
    const p = parse(s.itemParams, request.params);
    return service.setMeasure(actorOf(request), auditorOf(request), p.id, p.itemId, parse(s.measureBody, request.body).measure);
  });

  app.get(`${base}/:id/changes`, async (request) => service.changes(actorOf(request), parse(idParam, request.params).id));

  app.get(`${base}/:id/export`, async (request, reply) => {
    const { id } = parse(idParam, request.params);
    const file = await service.exportFile(actorOf(request), id, parse(s.exportQuery, request.query).format);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', contentDisposition(file.filename, 'attachment', file.asciiName))
      .header('cache-control', 'no-store')
      .send(file.body);
  });

  // ---- lifecycle: approval by order, amendments, revision history ----

  app.post(`${base}/:id/approve`, async (request) =>
    lifecycle.approve(actorOf(request), auditorOf(request), parse(idParam, request.params).id, parse(s.orderBody, request.body)),
  );

  app.post(`${base}/:id/amendments/preview`, async (request) =>
    lifecycle.previewAmendment(actorOf(request), parse(idParam, request.params).id, parse(s.amendmentBody, request.body)),
  );

  app.post(`${base}/:id/amendments`, async (request, reply) => {
    const result = await lifecycle.amend(actorOf(request), auditorOf(request), parse(idParam, request.params).id, parse(s.amendmentBody, request.body));
    return reply.status(201).send(result);
  });

  app.get(`${base}/:id/revisions`, async (request) => lifecycle.revisions(actorOf(request), parse(idParam, request.params).id));

  app.get(`${base}/:id/revisions/:number`, async (request) => {
    const p = parse(s.revisionParams, request.params);
    return lifecycle.revision(actorOf(request), p.id, p.number);
  });

  app.post(`${base}/:id/revisions/:number/order-file`, async (request, reply) => {
    const actor = actorOf(request);
    const p = parse(s.revisionParams, request.params);
    await lifecycle.checkOrderFile(actor, p.id, p.number);
    if (!request.isMultipart()) throw chooseFile();
    const part = await request.file();
    if (!part) throw chooseFile();
    const result = await lifecycle.attachOrderFile(actor, auditorOf(request), p.id, p.number, {
      stream: part.file,
      filename: part.filename ?? '',
      truncated: () => part.file.truncated,
    });
    return reply.status(201).send(result);
  });

  // ---- execution and evidence ----

  const target = (request: FastifyRequest) => {
    const p = parse(s.itemStageParams, request.params);
    return { roadmapId: p.id, itemId: p.itemId, stageId: p.stageId };
  };

  app.post(`${base}/:id/items/:itemId/stages/:stageId/mark`, async (request) => {
    const body = parse(s.markBody, request.body);
    return execution.mark(actorOf(request), auditorOf(request), target(request), body.action, body.comment, body.executedOn);
  });

  app.post(`${base}/:id/items/:itemId/stages/:stageId/evidence`, async (request, reply) => {
    const actor = actorOf(request);
    const t = target(request);
    await execution.checkUpload(actor, t);
    if (!request.isMultipart()) throw chooseFile();
    const part = await request.file();
    if (!part) throw chooseFile();
    const result = await execution.attach(actor, auditorOf(request), t, {
      stream: part.file,
      filename: part.filename ?? '',
      truncated: () => part.file.truncated,
    });
    return reply.status(201).send(result);
  });

  app.delete(`${base}/:id/evidence/:evidenceId`, async (request) => {
    const p = parse(s.evidenceParams, request.params);
    await execution.deleteEvidence(actorOf(request), auditorOf(request), p.id, p.evidenceId);
    return { ok: true };
  });

  app.get('/api/files/:fileId', async (request, reply) => {
    const file = await execution.openFile(actorOf(request), parse(s.fileParams, request.params).fileId);
    return reply
      .header('content-type', file.mime)
      .header('content-length', String(file.size))
      .header('content-disposition', contentDisposition(file.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.stream);
  });
}
