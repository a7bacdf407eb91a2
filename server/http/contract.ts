// The one API contract: zod schemas on every route validate the request before the handler (400 with
// exact field paths and Russian messages), shape the answer, and generate the OpenAPI document served at
// /api/openapi.json, browsable at /api/docs and committed as docs/openapi.json (npm run openapi).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, ResponseSerializationError, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { safeEncode, type $ZodType } from 'zod/v4/core';
import { z } from 'zod';
import { PERMISSIONS, isAction, type RouteAccess } from '../../domain/access/permissions.js';
import { ValidationError } from '../../domain/errors.js';
import type { Config } from '../config.js';
import './schemas.js'; // registers ErrorBody
import { zodIssues } from './validate.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: an action of the permission table, any signed-in user, or anyone. */
    access?: RouteAccess;
  }
}

/** The app as modules declare routes on it: request types inferred from the zod schemas. */
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}
export type ZodApp = ReturnType<typeof typed>;

export const DOCS_PREFIX = '/api/docs';
export const OPENAPI_PATH = '/api/openapi.json';

/** Request validation: a ValidationError listing every bad field (mapped to 400 by http/errors.ts). */
function validatorCompiler({ schema }: { schema: unknown }) {
  return (data: unknown) => {
    const result = (schema as z.ZodType).safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new ValidationError('Проверьте заполнение полей', zodIssues(result.error)) };
  };
}

/**
 * Answers through their schema: unknown keys are dropped, so the client sees exactly the contract. A mismatch
 * fails in tests (strictResponses) and is logged and sent as it is in production.
 */
function serializerCompiler(strict: boolean, log: FastifyBaseLogger) {
  return ({ schema, method, url }: { schema: unknown; method: string; url: string }) =>
    (data: unknown) => {
      const result = safeEncode(schema as $ZodType, data);
      if (result.success) return JSON.stringify(result.data);
      if (strict) throw new ResponseSerializationError(method, url, { cause: result.error });
      log.error({ route: `${method} ${url}`, issues: result.error.issues.slice(0, 5) }, 'answer does not match its schema');
      return JSON.stringify(data);
    };
}

const ERROR_STATUSES: Record<string, string> = {
  400: 'Неверные данные: `error.fields` называет поля',
  401: 'Нужен вход',
  403: 'Недостаточно прав',
  404: 'Не найдено (или вне вашей территории)',
  409: 'Конфликт с текущим состоянием записи',
};

export async function registerContract(app: FastifyInstance, config: Config): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler(config.strictResponses, app.log));
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'MEDK API',
        version: '1',
        description:
          'API мониторинга электронных дорожных карт (500+). Вход: POST /api/auth/login, cookie `medk_session`; ' +
          'каждый запрос кроме GET несёт заголовок `x-csrf-token` из ответа входа. Правила и примеры — docs/*.md.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'medk_session' } } },
    },
    transform: (document) => {
      const out = jsonSchemaTransform(document);
      const access = (document.route.config as { access?: RouteAccess } | undefined)?.access;
      const schema = out.schema as (Record<string, unknown> & { response?: Record<string, unknown> }) | undefined;
      if (!schema) return out;
      if (access && access !== 'public') {
        schema.security = [{ session: [] }];
        const note = isAction(access) ? `Доступ: ${PERMISSIONS[access].title} (\`${access}\`).` : 'Доступ: любой вошедший пользователь.';
        schema.description = schema.description ? `${String(schema.description)}\n\n${note}` : note;
      }
      if (schema.response) {
        for (const [status, description] of Object.entries(ERROR_STATUSES)) {
          schema.response[status] ??= { description, $ref: '#/components/schemas/ErrorBody' };
        }
      }
      return out;
    },
    transformObject: jsonSchemaTransformObject,
  });
  // the docs page and its files are public: the contract is open source, and carries no data
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(DOCS_PREFIX)) route.config = { ...route.config, access: 'public' };
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: false });
}

/** After all routes: the document itself, public like the docs page (no data in it). */
export function registerOpenApiRoute(app: FastifyInstance): void {
  app.get(OPENAPI_PATH, { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
