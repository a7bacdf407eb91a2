// HTTP routes of notifications and the calendar (docs/notifications-api.md).
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../http/session.js';
import { idParam, parse } from '../../http/validate.js';
import { createFileStorage } from '../../storage/index.js';
import type { ModuleDeps } from '../deps.js';
import { DocumentsService } from '../documents/service.js';
import * as s from './schemas.js';
import { NotificationsService } from './service.js';

export function registerNotificationsRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const documents = new DocumentsService(deps.db, createFileStorage(deps.config.dataDir), { uploadMaxMb: deps.config.uploadMaxMb });
  const service = new NotificationsService(deps.db, documents, Boolean(deps.config.smtpUrl));
  const base = '/api/notifications';

  app.get(base, async (request) => service.list(actorOf(request), parse(s.listQuery, request.query)));
  app.get(`${base}/unread-count`, async (request) => service.unreadCount(actorOf(request)));
  app.post(`${base}/:id/read`, async (request) => service.markRead(actorOf(request), parse(idParam, request.params).id));
  app.post(`${base}/read-all`, async (request) => service.markAllRead(actorOf(request)));
  app.get(`${base}/preferences`, async (request) => service.preferences(actorOf(request)));
  app.put(`${base}/preferences`, async (request) => service.setPreferences(actorOf(request), parse(s.preferencesBody, request.body)));
  app.get(`${base}/outbox`, async (request) => service.outbox(actorOf(request), parse(s.outboxQuery, request.query)));

  app.get('/api/calendar', async (request) => service.calendar(actorOf(request), parse(s.calendarQuery, request.query).cycleId));
}
