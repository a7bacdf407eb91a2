// Builds the Fastify application: plugins, session, feature modules, static web UI.
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { registerQueryCancellation } from './db/cancel.js';
import type { Database } from './db/client.js';
import { z } from 'zod';
import { DOCS_PREFIX, OPENAPI_PATH, registerContract, registerOpenApiRoute, typed } from './http/contract.js';
import { registerErrorHandler, registerNotFound } from './http/errors.js';
import { registerInputRules } from './http/input.js';
import { logSerializers, registerRequestLog } from './http/logging.js';
import { registerSecurityHeaders } from './http/security.js';
import { registerSession } from './http/session.js';
import { registerWebUi } from './http/static.js';
import { createHasher, type Hasher } from './modules/auth/passwords.js';
import { registerAuthRoutes } from './modules/auth/routes.js';
import { AuthService } from './modules/auth/service.js';
import { registerAuditRoutes } from './modules/audit/routes.js';
import { registerCabinetRoutes } from './modules/cabinet/routes.js';
import { registerCyclesRoutes } from './modules/cycles/routes.js';
import { registerDocumentsRoutes } from './modules/documents/routes.js';
import { registerExpertiseRoutes } from './modules/expertise/routes.js';
import { registerMonitoringRoutes } from './modules/monitoring/routes.js';
import { registerStageReportRoutes } from './modules/stage-reports/routes.js';
import { registerNotificationsRoutes } from './modules/notifications/routes.js';
import { registerReportsRoutes } from './modules/reports/routes.js';
import { registerResultsRoutes } from './modules/results/routes.js';
import { registerRiskProfilesRoutes } from './modules/risk-profiles/routes.js';
import { registerRoadmapsRoutes } from './modules/roadmaps/routes.js';
import { registerSurveysRoutes } from './modules/surveys/routes.js';
import type { ModuleDeps } from './modules/deps.js';
import { registerTerritoriesRoutes } from './modules/territories/routes.js';
import { registerUsersRoutes } from './modules/users/routes.js';
import { registerVisitsRoutes } from './modules/visits/routes.js';

export interface AppDeps {
  database: Database;
  config: Config;
  hasher?: Hasher;
  /** Where the log goes (tests read it); standard output by default. */
  logStream?: { write(line: string): void };
}

export interface Services {
  auth: AuthService;
  hasher: Hasher;
  /** Every API route as "METHOD /path" — for the authorization matrix test and docs/api.md. */
  routes: string[];
  /** Every API route with its declared access and whether it has answer schemas (contract.test.ts). */
  routeTable: { route: string; access: string | undefined; responses: string[] }[];
}

export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; services: Services }> {
  const { database, config } = deps;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, serializers: logSerializers, ...(deps.logStream ? { stream: deps.logStream } : {}) },
    logController: new LogController({ disableRequestLogging: true }), // one line per request at debug, slow ones at warn: http/logging.ts
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  });
  const hasher = deps.hasher ?? createHasher(config.argon2MemoryKib);
  const auth = new AuthService(database.db, config, hasher);
  const services: Services = { auth, hasher, routes: [], routeTable: [] };
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (!route.url.startsWith('/api/') || method === 'HEAD' || route.url.startsWith(DOCS_PREFIX) || route.url === OPENAPI_PATH) continue;
      services.routes.push(`${method} ${route.url}`);
      const access = (route.config as { access?: string } | undefined)?.access;
      services.routeTable.push({ route: `${method} ${route.url}`, access, responses: Object.keys(route.schema?.response ?? {}) });
    }
  });

  registerRequestLog(app, config.slowRequestMs);
  registerQueryCancellation(app, database.pool);
  await registerSecurityHeaders(app, config);
  await app.register(cookie);
  // never below the documents' limit (MEDK_UPLOAD_MAX_MB) nor the 20 MB of roadmap evidence
  await app.register(multipart, { limits: { fileSize: Math.max(20, config.uploadMaxMb) * 1024 * 1024, files: 1 } });
  registerErrorHandler(app);
  await registerContract(app, config);
  registerSession(app, auth);
  registerInputRules(app);

  typed(app).get(
    '/api/health',
    { config: { access: 'public' }, schema: { summary: 'Сервер и база отвечают', response: { 200: z.object({ ok: z.literal(true), database: z.enum(['pglite', 'postgres']) }) } } },
    async () => ({ ok: true as const, database: database.kind }),
  );
  registerAuthRoutes(app, auth, config);
  const moduleDeps: ModuleDeps = { db: database.db, config, hasher, auth };
  registerTerritoriesRoutes(app, moduleDeps);
  registerCyclesRoutes(app, moduleDeps);
  registerUsersRoutes(app, moduleDeps);
  registerAuditRoutes(app, moduleDeps);
  registerCabinetRoutes(app, moduleDeps);
  registerRoadmapsRoutes(app, moduleDeps);
  registerMonitoringRoutes(app, moduleDeps);
  registerStageReportRoutes(app, moduleDeps);
  registerSurveysRoutes(app, moduleDeps);
  registerRiskProfilesRoutes(app, moduleDeps);
  registerDocumentsRoutes(app, moduleDeps);
  registerVisitsRoutes(app, moduleDeps);
  registerExpertiseRoutes(app, moduleDeps);
  registerReportsRoutes(app, moduleDeps);
  registerNotificationsRoutes(app, moduleDeps);
  registerResultsRoutes(app, moduleDeps);

  registerOpenApiRoute(app);
  const serveSpa = await registerWebUi(app, config.webDist);
  registerNotFound(app, serveSpa);
  return { app, services };
}
