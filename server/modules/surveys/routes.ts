// HTTP routes of questionnaires (docs/surveys-api.md).
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../deps.js';

export function registerSurveysRoutes(_app: FastifyInstance, _deps: ModuleDeps): void {}
