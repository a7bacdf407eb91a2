// Accounts API: list, view, create, edit, reset password, bulk credentials (XLSX) and bulk import.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLES } from '../../../domain/access/roles.js';
import { roleMay } from '../../../domain/access/policy.js';
import { ForbiddenError, ValidationError } from '../../../domain/errors.js';
import { LOGIN_PATTERN, LOGIN_RULE } from '../../../domain/users/accounts.js';
import { actorOf, auditorOf } from '../../http/session.js';
import { cleanName } from '../../http/input.js';
import { idParam, parse } from '../../http/validate.js';
import type { Config } from '../../config.js';
import type { ModuleDeps } from '../deps.js';
import { UsersService } from './service.js';
import { attachment, credentialsWorkbook, today, XLSX_TYPE, type IssuedCredential } from './xlsx.js';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalId = z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional());

const listQuery = z.object({
  role: z.preprocess(emptyToUndefined, z.enum(ROLES, 'Неизвестная роль').optional()),
  q: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
  regionId: optionalId,
  municipalityId: optionalId,
  schoolId: optionalId,
  active: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(20)),
});

const fullName = z.string().transform(cleanName).pipe(z.string().min(1, 'Введите ФИО').max(300, 'Не длиннее 300 символов'));
const email = z
  .string()
  .trim()
  .max(200)
  .refine((v) => v === '' || z.email().safeParse(v).success, 'Некорректный адрес почты');
const phone = z.string().trim().max(50, 'Не длиннее 50 символов');
const bodyId = z.number().int().positive().nullable().optional();

const createBody = z.object({
  login: z.preprocess(
    emptyToUndefined,
    z.string().trim().regex(LOGIN_PATTERN, LOGIN_RULE).optional(),
  ),
  fullName,
  email: email.optional(),
  phone: phone.optional(),
  role: z.enum(ROLES, 'Выберите роль'),
  regionId: bodyId,
  municipalityId: bodyId,
  schoolId: bodyId,
});

const updateBody = z
  .object({ fullName: fullName.optional(), email: email.optional(), phone: phone.optional(), active: z.boolean().optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Нечего изменять');

const ids = z.array(z.number().int().positive()).min(1, 'Выберите хотя бы одну учётную запись').max(5000);
const credentialsBody = z.union([
  z.object({ userIds: ids }).strict(),
  z
    .object({
      schools: z
        .object({
          cycleYear: z.number().int().min(2000).max(2100).optional(),
          regionId: z.number().int().positive().optional(),
          municipalityId: z.number().int().positive().optional(),
          schoolIds: z.array(z.number().int().positive()).min(1, 'Выберите хотя бы одну школу').max(20000).optional(),
        })
        .strict(),
    })
    .strict(),
], 'Укажите userIds или schools');

const importQuery = z.object({
  dryRun: z.preprocess(emptyToUndefined, z.enum(['true', 'false', '1', '0']).optional()),
});

function sendCredentials(request: FastifyRequest, reply: FastifyReply, items: IssuedCredential[], buffer: Buffer) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', attachment(`Реквизиты доступа ${today()}.xlsx`, `credentials-${today()}.xlsx`))
    .header('cache-control', 'no-store')
    .header('x-accounts-count', String(items.length))
    .header('x-accounts-created', String(items.filter((i) => i.created).length))
    .send(buffer);
}

/** The sign-in address printed on credential sheets: MEDK_PUBLIC_URL, never the request's Host header. */
function loginUrl(config: Config): string {
  return config.publicUrl ? `${config.publicUrl}/` : `http://localhost:${config.port}/`;
}

export function registerUsersRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const service = new UsersService(deps);

  app.get('/api/users', async (request) => {
    const query = parse(listQuery, request.query);
    const { page, pageSize, active, ...filter } = query;
    return service.list(
      actorOf(request),
      { ...filter, active: active === undefined ? undefined : active === 'true' },
      { page, pageSize },
    );
  });

  app.get('/api/users/import/template', async (request, reply) => {
    const buffer = await service.template(actorOf(request));
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', attachment('Шаблон импорта пользователей.xlsx', 'users-import-template.xlsx'))
      .send(buffer);
  });

  app.get('/api/users/:id', async (request) => {
    const { id } = parse(idParam, request.params);
    return { user: await service.get(actorOf(request), id) };
  });

  app.post('/api/users', async (request) => {
    const body = parse(createBody, request.body);
    return service.create(actorOf(request), auditorOf(request), body);
  });

  app.patch('/api/users/:id', async (request) => {
    const { id } = parse(idParam, request.params);
    const body = parse(updateBody, request.body);
    return { user: await service.update(actorOf(request), auditorOf(request), id, body) };
  });

  app.post('/api/users/:id/reset-password', async (request) => {
    const { id } = parse(idParam, request.params);
    return service.resetPassword(actorOf(request), auditorOf(request), id);
  });

  app.post('/api/users/credentials', async (request, reply) => {
    const body = parse(credentialsBody, request.body);
    const items = await service.issueCredentials(actorOf(request), auditorOf(request), body);
    return sendCredentials(request, reply, items, await credentialsWorkbook(items, loginUrl(deps.config)));
  });

  app.post('/api/users/import', async (request, reply) => {
    const query = parse(importQuery, request.query);
    const actor = actorOf(request);
    // Refuse before reading the upload.
    if (!roleMay(actor.role, 'user.write')) throw new ForbiddenError();
    if (!request.isMultipart()) {
      throw new ValidationError('Приложите файл Excel (.xlsx)', [{ path: 'file', message: 'Приложите файл Excel (.xlsx)' }]);
    }
    const file = await request.file();
    if (!file) {
      throw new ValidationError('Приложите файл Excel (.xlsx)', [{ path: 'file', message: 'Приложите файл Excel (.xlsx)' }]);
    }
    const buffer = await file.toBuffer();
    const field = file.fields.dryRun;
    const fieldValue = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : undefined;
    const dryRun = ['true', '1'].includes(query.dryRun ?? fieldValue ?? '');
    const result = await service.importUsers(actor, auditorOf(request), buffer, dryRun);
    if ('report' in result) return result.report;
    const items = result.credentials;
    return sendCredentials(request, reply, items, await credentialsWorkbook(items, loginUrl(deps.config)));
  });
}
