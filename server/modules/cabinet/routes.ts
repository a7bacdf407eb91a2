import type { FastifyInstance } from 'fastify';
import { sessionOf } from '../../http/session.js';
import type { ModuleDeps } from '../deps.js';
import { cabinet } from './service.js';

export function registerCabinetRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  app.get('/api/cabinet', async (request) => {
    const session = sessionOf(request);
    return cabinet(deps.db, session.user, session.actor);
  });
}
