// HTTP routes of school risk profiles (docs/surveys-api.md).
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../deps.js';

export function registerRiskProfilesRoutes(_app: FastifyInstance, _deps: ModuleDeps): void {}
