// HTTP routes of visits (docs/documents-api.md).
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../deps.js';

export function registerVisitsRoutes(_app: FastifyInstance, _deps: ModuleDeps): void {}
