// HTTP routes of project years, their selected schools and curators.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, auditorOf } from '../../http/session.js';
import { idParam, parse } from '../../http/validate.js';
import type { ModuleDeps } from '../deps.js';
import { actorFor } from '../territories/access.js';
import { optionalId } from '../territories/schemas.js';
import { CyclesService } from './service.js';

const STATUSES = ['planned', 'active', 'closed'] as const;
const status = z.enum(STATUSES, 'Статус: planned, active или closed');
const title = z.string('Заполните поле').trim().min(1, 'Заполните поле').max(200, 'Не длиннее 200 знаков');

const createBody = z.object({
  year: z.number('Укажите год').int('Год — целое число').min(2000, 'Год не раньше 2000').max(2100, 'Год не позже 2100'),
  title,
  status: status.optional(),
});
const patchBody = z.object({
  title: title.optional(),
  status: status.optional(),
  /** Days after a due date when an overdue activity is escalated one level up, then two (at most two values). */
  escalationDays: z
    .array(z.number('Число дней').int('Целое число дней').min(1, 'Не меньше 1 дня').max(365, 'Не больше 365 дней'), 'Список дней')
    .min(1, 'Укажите хотя бы один срок')
    .max(2, 'Не больше двух сроков')
    .refine((d) => d.length < 2 || d[0]! < d[1]!, 'Второй срок должен быть больше первого')
    .optional(),
});
const schoolsBody = z.object({
  schoolIds: z
    .array(z.number().int().positive(), 'Нужен список школ')
    .min(1, 'Выберите хотя бы одну школу')
    .max(2000, 'Не больше 2000 школ за раз'),
});
const schoolParams = z.object({ id: z.coerce.number().int().positive(), schoolId: z.coerce.number().int().positive() });
const curatorBody = z.object({ curatorId: z.number('Выберите куратора').int().positive().nullable() });
const curatorsQuery = z.object({ regionId: z.coerce.number('Укажите регион').int().positive(), cycleId: optionalId });

export function registerCyclesRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const service = new CyclesService(deps.db);

  app.get('/api/cycles', async (request) => service.list(actorOf(request)));
  app.get('/api/cycles/curators', async (request) => {
    const actor = actorFor(request, 'curator.assign');
    const query = parse(curatorsQuery, request.query);
    return service.curators(actor, query.regionId, query.cycleId);
  });
  app.get('/api/cycles/:id', async (request) => service.get(actorOf(request), parse(idParam, request.params).id));
  app.post('/api/cycles', async (request, reply) => {
    const actor = actorFor(request, 'cycle.write');
    const body = parse(createBody, request.body);
    return reply.status(201).send(await service.create(actor, auditorOf(request), body));
  });
  app.patch('/api/cycles/:id', async (request) =>
    service.update(
      actorFor(request, 'cycle.write'),
      auditorOf(request),
      parse(idParam, request.params).id,
      parse(patchBody, request.body ?? {}),
    ),
  );

  app.get('/api/cycles/:id/schools', async (request) =>
    service.schools(actorOf(request), parse(idParam, request.params).id),
  );
  app.post('/api/cycles/:id/schools', async (request) =>
    service.addSchools(
      actorFor(request, 'cycle.selectSchools'),
      auditorOf(request),
      parse(idParam, request.params).id,
      parse(schoolsBody, request.body).schoolIds,
    ),
  );
  app.delete('/api/cycles/:id/schools/:schoolId', async (request) => {
    const actor = actorFor(request, 'cycle.selectSchools');
    const { id, schoolId } = parse(schoolParams, request.params);
    await service.removeSchool(actor, auditorOf(request), id, schoolId);
    return { ok: true };
  });
  app.put('/api/cycles/:id/schools/:schoolId/curator', async (request) => {
    const actor = actorFor(request, 'curator.assign');
    const { id, schoolId } = parse(schoolParams, request.params);
    return service.setCurator(actor, auditorOf(request), id, schoolId, parse(curatorBody, request.body).curatorId);
  });
}
