// HTTP routes of expertise (docs/documents-api.md).
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../deps.js';

export function registerExpertiseRoutes(_app: FastifyInstance, _deps: ModuleDeps): void {}
