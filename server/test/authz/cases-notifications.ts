// Authorization matrix rows for notifications and the calendar (docs/notifications-api.md). Notifications and
// preferences are the signed-in user's own (someone else's notification is 404 — notifications.test.ts checks it);
// the mail outbox is the administrator's; the calendar shows what the user may read.
import { eq } from 'drizzle-orm';
import { notifications, users } from '../../db/schema.js';
import type { Case, Req, Who } from './cases.js';
import type { Fixtures } from './fixtures.js';

const EVERYONE: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];

const get = (url: string): Req => ({ method: 'GET', url });

/** A fresh notification of the account `who` (logins of the matrix are the accounts' logins). */
async function ownNotification(f: Fixtures, who: Who): Promise<number> {
  const [user] = await f.db.select({ id: users.id }).from(users).where(eq(users.login, who));
  const [row] = await f.db
    .insert(notifications)
    .values({ userId: user!.id, kind: 'deadline', title: 'Проверка прав', body: '', dedupeKey: `authz:${f.next()}` })
    .returning({ id: notifications.id });
  return row!.id;
}

export const NOTIFICATION_CASES: Case[] = [
  { route: 'GET /api/notifications', allowed: EVERYONE, inScope: () => get('/api/notifications') },
  { route: 'GET /api/notifications/unread-count', allowed: EVERYONE, inScope: () => get('/api/notifications/unread-count') },
  {
    route: 'POST /api/notifications/:id/read',
    allowed: EVERYONE,
    inScope: async (f, who) => ({ method: 'POST', url: `/api/notifications/${await ownNotification(f, who)}/read`, body: {} }),
  },
  { route: 'POST /api/notifications/read-all', allowed: EVERYONE, inScope: () => ({ method: 'POST', url: '/api/notifications/read-all', body: {} }) },
  { route: 'GET /api/notifications/preferences', allowed: EVERYONE, inScope: () => get('/api/notifications/preferences') },
  {
    route: 'PUT /api/notifications/preferences',
    allowed: EVERYONE,
    inScope: () => ({ method: 'PUT', url: '/api/notifications/preferences', body: { preferences: [{ kind: 'deadline', inApp: true, email: false }] } }),
  },
  { route: 'GET /api/notifications/outbox', allowed: ['admin'], inScope: () => get('/api/notifications/outbox') },
  { route: 'GET /api/calendar', allowed: EVERYONE, inScope: (f) => get(`/api/calendar?cycleId=${f.cycleId}`) },
];
