// HTTP routes of regions, municipalities, schools, and territory files (template, import, export).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditorOf } from '../../http/session.js';
import { readUpload } from '../../http/upload.js';
import { idParam, parse } from '../../http/validate.js';
import type { ModuleDeps } from '../deps.js';
import { actorFor } from './access.js';
import { TerritoryFilesService, type FileOut } from './files.js';
import * as s from './schemas.js';
import { TerritoriesService } from './service.js';
import { attachment, CONTENT_TYPES } from './sheets.js';

export function registerTerritoriesRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const service = new TerritoriesService(deps.db);
  const files = new TerritoryFilesService(deps.db);
  const base = '/api/territories';

  // Every read needs territory.read; the scope then decides what is seen.
  const reader = (request: FastifyRequest) => actorFor(request, 'territory.read');

  // ---- regions ----
  app.get(`${base}/regions`, async (request) => service.listRegions(reader(request)));
  app.get(`${base}/regions/:id`, async (request) => service.getRegion(reader(request), parse(idParam, request.params).id));
  app.post(`${base}/regions`, async (request, reply) => {
    const region = await service.createRegion(actorFor(request, 'region.write'), auditorOf(request), parse(s.regionBody, request.body));
    return reply.status(201).send(region);
  });
  app.patch(`${base}/regions/:id`, async (request) =>
    service.updateRegion(
      actorFor(request, 'region.write'),
      auditorOf(request),
      parse(idParam, request.params).id,
      parse(s.regionPatch, request.body ?? {}),
    ),
  );
  app.delete(`${base}/regions/:id`, async (request) => {
    await service.deleteRegion(actorOf(request), auditorOf(request), parse(idParam, request.params).id);
    return { ok: true };
  });

  // ---- municipalities ----
  app.get(`${base}/municipalities`, async (request) =>
    service.listMunicipalities(reader(request), parse(s.municipalitiesQuery, request.query).regionId),
  );
  app.get(`${base}/municipalities/:id`, async (request) =>
    service.getMunicipality(reader(request), parse(idParam, request.params).id),
  );
  app.post(`${base}/municipalities`, async (request, reply) => {
    const actor = actorFor(request, 'municipality.write');
    const body = parse(s.municipalityBody, request.body);
    return reply.status(201).send(await service.createMunicipality(actor, auditorOf(request), body));
  });
  app.patch(`${base}/municipalities/:id`, async (request) =>
    service.updateMunicipality(
      actorFor(request, 'municipality.write'),
      auditorOf(request),
      parse(idParam, request.params).id,
      parse(s.municipalityPatch, request.body ?? {}),
    ),
  );
  app.delete(`${base}/municipalities/:id`, async (request) => {
    await service.deleteMunicipality(actorOf(request), auditorOf(request), parse(idParam, request.params).id);
    return { ok: true };
  });

  // ---- schools ----
  app.get(`${base}/schools`, async (request) => {
    const { page, pageSize, ...filter } = parse(s.schoolsQuery, request.query);
    return service.listSchools(reader(request), filter, { page, pageSize });
  });
  app.get(`${base}/schools/:id`, async (request) => service.getSchool(reader(request), parse(idParam, request.params).id));
  app.post(`${base}/schools`, async (request, reply) => {
    const actor = actorFor(request, 'school.write');
    const body = parse(s.schoolBody, request.body);
    return reply.status(201).send(await service.createSchool(actor, auditorOf(request), body));
  });
  app.patch(`${base}/schools/:id`, async (request) => {
    const id = parse(idParam, request.params).id;
    const raw = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    // Role check (on the keys as sent) comes before field validation.
    return service.updateSchool(actorOf(request), auditorOf(request), id, Object.keys(raw), () =>
      parse(s.schoolPatch, raw),
    );
  });
  app.delete(`${base}/schools/:id`, async (request) => {
    await service.deleteSchool(actorOf(request), auditorOf(request), parse(idParam, request.params).id);
    return { ok: true };
  });

  // ---- files ----
  app.get(`${base}/import/template`, async (request, reply) => {
    reader(request);
    return sendFile(reply, await files.template(parse(s.formatQuery, request.query).format));
  });

  app.get(`${base}/export`, async (request, reply) =>
    sendFile(reply, await files.export(reader(request), parse(s.formatQuery, request.query).format)),
  );

  app.post(`${base}/import`, async (request) => {
    const actor = actorFor(request, 'school.write');
    const upload = await readUpload(request);
    const options = parse(s.importFields, { ...(request.query as object), ...upload.fields });
    return files.import(actor, auditorOf(request), upload.file, options);
  });
}

function sendFile(reply: FastifyReply, file: FileOut) {
  return reply
    .header('content-type', CONTENT_TYPES[file.format])
    .header('content-disposition', attachment(file.filename, file.asciiName))
    .header('cache-control', 'no-store')
    .send(file.body);
}
