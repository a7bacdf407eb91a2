// HTTP routes of documents (docs/documents-api.md).
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../deps.js';

export function registerDocumentsRoutes(_app: FastifyInstance, _deps: ModuleDeps): void {}
