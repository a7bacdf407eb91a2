// Maps typed errors to HTTP responses — the only place that does so.
import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import {
  AccountLockedError,
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '../../domain/errors.js';
import { wasAbandoned } from '../db/cancel.js';
import { zodIssues } from './validate.js';

export interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[]; details?: Record<string, unknown> };
}

function statusOf(error: AppError): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof AccountLockedError) return 423;
  if (error instanceof TooManyRequestsError) return 429;
  return 400;
}

/** What the multipart parser throws for a body without a boundary or cut short before its closing boundary. */
const BROKEN_MULTIPART = [
  /^Multipart: Boundary not found$/,
  /^Boundary required$/,
  /^Unexpected end of (?:multipart data|form)$/,
  /terminated early due to unexpected end of multipart data$/,
  /^The needle cannot (?:be an empty String\/Buffer|have a length bigger than 256)\.$/,
  /^Malformed part header$/,
];
export const BROKEN_UPLOAD_MESSAGE = 'Файл передан не полностью: загрузите его ещё раз';

export function isBrokenMultipart(error: Error): boolean {
  return !(error instanceof AppError) && BROKEN_MULTIPART.some((re) => re.test(error.message));
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (isBrokenMultipart(error)) {
      const body: ErrorBody = {
        error: { code: 'validation_failed', message: BROKEN_UPLOAD_MESSAGE, fields: [{ path: 'file', message: BROKEN_UPLOAD_MESSAGE }] },
      };
      return reply.status(400).send(body);
    }
    if (error instanceof ZodError) {
      const body: ErrorBody = {
        error: { code: 'validation_failed', message: 'Проверьте заполнение полей', fields: zodIssues(error) },
      };
      return reply.status(400).send(body);
    }
    if (error instanceof AppError) {
      if (error instanceof TooManyRequestsError || error instanceof AccountLockedError) {
        reply.header('retry-after', String(error.retryAfterSeconds));
      }
      const fields = error instanceof ValidationError || error instanceof ConflictError ? error.fields : undefined;
      const details = error instanceof ConflictError ? error.details : undefined;
      const body: ErrorBody = {
        error: { code: error.code, message: error.message, ...(fields && fields.length ? { fields } : {}), ...(details ? { details } : {}) },
      };
      return reply.status(statusOf(error)).send(body);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.statusCode && fastifyError.statusCode < 500) {
      const message =
        fastifyError.code === 'FST_REQ_FILE_TOO_LARGE' || fastifyError.statusCode === 413
          ? 'Файл слишком большой'
          : fastifyError.statusCode === 415
            ? 'Неподдерживаемый формат запроса'
            : 'Некорректный запрос';
      return reply
        .status(fastifyError.statusCode)
        .send({ error: { code: fastifyError.code ?? 'bad_request', message } } satisfies ErrorBody);
    }
    if (wasAbandoned(request)) request.log.debug({ err: error }, 'request abandoned by its client');
    else request.log.error(error);
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: 'Внутренняя ошибка сервера. Попробуйте ещё раз.' } } satisfies ErrorBody);
  });
}

/** 404 for unknown API paths; other paths get the web UI's index.html when it is served (client-side routes). */
export function registerNotFound(app: FastifyInstance, serveSpa: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    // a missing hashed file is a 404, not the page (a script must not receive HTML)
    if (serveSpa && request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/assets/')) {
      return reply.sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'not_found', message: 'Не найдено' } } satisfies ErrorBody);
  });
}
