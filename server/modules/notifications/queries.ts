// Drizzle queries of notifications, their mail outbox, preferences, and the recipients of events.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  curatorAssignments,
  emailOutbox,
  expertiseReviews,
  expertiseSamples,
  notificationPreferences,
  notifications,
  schoolDocuments,
  schools,
  users,
  type NOTIFICATION_KINDS,
} from '../../db/schema.js';

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type NotificationRow = typeof notifications.$inferSelect;
export type OutboxRow = typeof emailOutbox.$inferSelect;

export interface Recipient {
  id: number;
  email: string;
}

const active = eq(users.active, true);

/** Active accounts of the school itself (role «school»). */
export async function schoolUsers(db: Tx, schoolId: number): Promise<Recipient[]> {
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.role, 'school'), eq(users.schoolId, schoolId), active))
    .orderBy(asc(users.id));
}

/** School accounts of many schools, by school. */
export async function schoolUsersOf(db: Tx, schoolIds: number[]): Promise<Map<number, Recipient[]>> {
  const map = new Map<number, Recipient[]>();
  if (!schoolIds.length) return map;
  const rows = await db
    .select({ id: users.id, email: users.email, schoolId: users.schoolId })
    .from(users)
    .where(and(eq(users.role, 'school'), inArray(users.schoolId, schoolIds), active))
    .orderBy(asc(users.id));
  for (const r of rows) {
    const list = map.get(r.schoolId!) ?? [];
    list.push({ id: r.id, email: r.email });
    map.set(r.schoolId!, list);
  }
  return map;
}

/** The school's curator(s) in the cycle. */
export async function curatorsOf(db: Tx, cycleId: number, schoolId: number): Promise<Recipient[]> {
  return db
    .select({ id: users.id, email: users.email })
    .from(curatorAssignments)
    .innerJoin(users, eq(users.id, curatorAssignments.curatorId))
    .where(and(eq(curatorAssignments.cycleId, cycleId), eq(curatorAssignments.schoolId, schoolId), active))
    .orderBy(asc(users.id));
}

export async function documentInfo(db: Tx, id: number) {
  const [row] = await db
    .select({ id: schoolDocuments.id, cycleId: schoolDocuments.cycleId, schoolId: schoolDocuments.schoolId, slotKey: schoolDocuments.slotKey, kind: schoolDocuments.kind, school: schools.shortName, reviewComment: schoolDocuments.reviewComment })
    .from(schoolDocuments)
    .innerJoin(schools, eq(schools.id, schoolDocuments.schoolId))
    .where(eq(schoolDocuments.id, id));
  return row;
}

export async function reviewInfo(db: Tx, id: number) {
  const [row] = await db
    .select({ id: expertiseReviews.id, schoolId: expertiseReviews.schoolId, cycleId: expertiseSamples.cycleId, sample: expertiseSamples.title, school: schools.shortName, conclusion: expertiseReviews.conclusion, status: expertiseReviews.status })
    .from(expertiseReviews)
    .innerJoin(expertiseSamples, eq(expertiseSamples.id, expertiseReviews.sampleId))
    .innerJoin(schools, eq(schools.id, expertiseReviews.schoolId))
    .where(eq(expertiseReviews.id, id));
  return row;
}

export async function preferencesOf(db: Tx, userIds: number[]) {
  if (!userIds.length) return [];
  return db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds));
}

export async function upsertPreference(db: Tx, userId: number, kind: NotificationKind, inApp: boolean, email: boolean): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, kind, inApp, email })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { inApp, email } });
}

/** Inserts the notification unless the user already has one with this dedupe key; returns it only when new. */
export async function insertNotification(db: Tx, values: typeof notifications.$inferInsert): Promise<NotificationRow | undefined> {
  const [row] = await db.insert(notifications).values(values).onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] }).returning();
  return row;
}

export async function insertOutbox(db: Tx, values: typeof emailOutbox.$inferInsert): Promise<OutboxRow | undefined> {
  const [row] = await db.insert(emailOutbox).values(values).onConflictDoNothing({ target: emailOutbox.notificationId }).returning();
  return row;
}

export async function outboxById(db: Tx, id: number): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row;
}

export async function updateOutbox(db: Tx, id: number, values: Partial<typeof emailOutbox.$inferInsert>): Promise<void> {
  await db.update(emailOutbox).set(values).where(eq(emailOutbox.id, id));
}

const visible = (userId: number) => and(eq(notifications.userId, userId), eq(notifications.inApp, true));

export async function listOf(db: Tx, userId: number, page: { limit: number; offset: number; unreadOnly: boolean }) {
  const where = page.unreadOnly ? and(visible(userId), isNull(notifications.readAt)) : visible(userId);
  const [items, [counts]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(sql`${notifications.readAt} is null desc`, desc(notifications.createdAt), desc(notifications.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({
        all: sql<number>`count(*)::int`,
        unread: sql<number>`(count(*) filter (where ${notifications.readAt} is null))::int`,
      })
      .from(notifications)
      .where(visible(userId)),
  ]);
  const unread = Number(counts?.unread ?? 0);
  return { items, total: page.unreadOnly ? unread : Number(counts?.all ?? 0), unread };
}

export async function unreadCount(db: Tx, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(visible(userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read; false when the user has no such notification. */
export async function markRead(db: Tx, userId: number, id: number): Promise<boolean> {
  const [own] = await db.select({ id: notifications.id }).from(notifications).where(and(visible(userId), eq(notifications.id, id)));
  if (!own) return false;
  await db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.id, id), isNull(notifications.readAt)));
  return true;
}

export async function markAllRead(db: Tx, userId: number): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(visible(userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function outbox(db: Tx, filter: { status?: OutboxRow['status']; limit: number; offset: number }) {
  const where = filter.status ? eq(emailOutbox.status, filter.status) : undefined;
  const [items, [counts]] = await Promise.all([
    db
      .select({
        id: emailOutbox.id,
        to: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        body: emailOutbox.body,
        status: emailOutbox.status,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        sentAt: emailOutbox.sentAt,
        createdAt: emailOutbox.createdAt,
        kind: notifications.kind,
        user: users.fullName,
        login: users.login,
      })
      .from(emailOutbox)
      .innerJoin(notifications, eq(notifications.id, emailOutbox.notificationId))
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(where)
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(emailOutbox).where(where),
  ]);
  return { items, total: Number(counts?.total ?? 0) };
}

export type CoordinatorRole = 'federal_coordinator' | 'regional_coordinator' | 'municipal_coordinator';

/** Active coordinators: the federal ones, those of a region or those of a municipality. */
export async function coordinatorsOf(db: Tx, role: CoordinatorRole, place: { regionId?: number | null; municipalityId?: number | null } = {}): Promise<Recipient[]> {
  const conds = [eq(users.role, role), active];
  if (role === 'regional_coordinator') conds.push(eq(users.regionId, place.regionId ?? -1));
  if (role === 'municipal_coordinator') conds.push(eq(users.municipalityId, place.municipalityId ?? -1));
  return db.select({ id: users.id, email: users.email }).from(users).where(and(...conds)).orderBy(asc(users.id));
}

export interface RoadmapPlace {
  level: 'federal' | 'regional' | 'municipal' | 'school';
  regionId: number | null;
  municipalityId: number | null;
  schoolId: number | null;
}

/** Who marks a roadmap's execution (its owner level). */
export async function roadmapOwners(db: Tx, rm: RoadmapPlace): Promise<Recipient[]> {
  switch (rm.level) {
    case 'federal':
      return coordinatorsOf(db, 'federal_coordinator');
    case 'regional':
      return coordinatorsOf(db, 'regional_coordinator', rm);
    case 'municipal':
      return coordinatorsOf(db, 'municipal_coordinator', rm);
    case 'school':
      return rm.schoolId === null ? [] : schoolUsers(db, rm.schoolId);
  }
}

/** Who confirms a roadmap's execution: the level above (the school's curator for a school roadmap). */
export async function roadmapReviewers(db: Tx, cycleId: number, rm: RoadmapPlace): Promise<Recipient[]> {
  switch (rm.level) {
    case 'federal':
      return [];
    case 'regional':
      return coordinatorsOf(db, 'federal_coordinator');
    case 'municipal':
      return coordinatorsOf(db, 'regional_coordinator', rm);
    case 'school':
      return rm.schoolId === null ? [] : curatorsOf(db, cycleId, rm.schoolId);
  }
}
