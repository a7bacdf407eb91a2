import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../deps.js';

export function registerRoadmapsRoutes(_app: FastifyInstance, _deps: ModuleDeps): void {
  // routes of this module are added here
}
