import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { curatorAssignments, loginThrottle, schools, sessions, users } from '../../db/schema.js';

export type UserRow = typeof users.$inferSelect;

export async function findUserByLogin(db: Tx, login: string): Promise<UserRow | undefined> {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.login}) = ${login.trim().toLowerCase()}`);
  return rows[0];
}

export async function findUserById(db: Tx, id: number): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id));
  return rows[0];
}

export async function recordFailedLogin(db: Tx, userId: number, threshold: number, lockMinutes: number) {
  // One statement, so concurrent failures cannot skip the lockout.
  const rows = await db
    .update(users)
    .set({
      failedLogins: sql`case when ${users.failedLogins} + 1 >= ${threshold} then 0 else ${users.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${threshold} then now() + make_interval(mins => ${lockMinutes}) else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ lockedUntil: users.lockedUntil });
  return rows[0]?.lockedUntil ?? null;
}

export async function recordSuccessfulLogin(db: Tx, userId: number) {
  await db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: sql`now()` })
    .where(eq(users.id, userId));
}

/** Attempts counted under a key in its current window, and when that window started (undefined: none). */
export async function readThrottle(db: Tx, key: string, windowMinutes: number): Promise<{ attempts: number; windowStart: Date } | undefined> {
  const rows = await db
    .select({ attempts: loginThrottle.attempts, windowStart: loginThrottle.windowStart })
    .from(loginThrottle)
    .where(and(eq(loginThrottle.key, key), sql`${loginThrottle.windowStart} >= now() - make_interval(mins => ${windowMinutes})`));
  return rows[0];
}

/**
 * Counts a failed sign-in under a login key (known or not — the answer must not tell them apart) and
 * returns the end of the lockout when this failure reached the threshold or one is in force. The lockout
 * starts at the failure that reaches the threshold; failures older than `lockMinutes` are forgotten.
 */
export async function recordLoginFailure(db: Tx, key: string, threshold: number, lockMinutes: number): Promise<Date | null> {
  const expired = sql`${loginThrottle.windowStart} < now() - make_interval(mins => ${lockMinutes})`;
  const rows = await db
    .insert(loginThrottle)
    .values({ key, attempts: 1 })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        attempts: sql`case when ${expired} then 1 else ${loginThrottle.attempts} + 1 end`,
        windowStart: sql`case when ${expired} then now() when ${loginThrottle.attempts} + 1 = ${threshold} then now() else ${loginThrottle.windowStart} end`,
      },
    })
    .returning({ attempts: loginThrottle.attempts, windowStart: loginThrottle.windowStart });
  const row = rows[0];
  return row && row.attempts >= threshold ? new Date(row.windowStart.getTime() + lockMinutes * 60_000) : null;
}

/** The end of a lockout in force under a login key, or null. */
export async function lockedUntilOf(db: Tx, key: string, threshold: number, lockMinutes: number): Promise<Date | null> {
  const row = await readThrottle(db, key, lockMinutes);
  return row && row.attempts >= threshold ? new Date(row.windowStart.getTime() + lockMinutes * 60_000) : null;
}

export async function clearThrottle(db: Tx, key: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** Keeps the table small: counters of unknown logins and old addresses go after a day. */
export async function deleteStaleThrottles(db: Tx) {
  await db.delete(loginThrottle).where(sql`${loginThrottle.windowStart} < now() - interval '1 day'`);
}

/** Mirrors a lockout of an existing account into the users table (the users page shows it, a reset lifts it). */
export async function markLocked(db: Tx, userId: number, until: Date) {
  await db.update(users).set({ lockedUntil: until, failedLogins: 0 }).where(eq(users.id, userId));
}

/** Count an attempt from a client; returns attempts in the current window. */
export async function bumpThrottle(db: Tx, key: string, windowMinutes: number): Promise<number> {
  const rows = await db
    .insert(loginThrottle)
    .values({ key, attempts: 1 })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        attempts: sql`case when ${loginThrottle.windowStart} < now() - make_interval(mins => ${windowMinutes}) then 1 else ${loginThrottle.attempts} + 1 end`,
        windowStart: sql`case when ${loginThrottle.windowStart} < now() - make_interval(mins => ${windowMinutes}) then now() else ${loginThrottle.windowStart} end`,
      },
    })
    .returning({ attempts: loginThrottle.attempts });
  return rows[0]?.attempts ?? 1;
}

export async function insertSession(db: Tx, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

export async function findSession(db: Tx, id: string) {
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), sql`${sessions.expiresAt} > now()`));
  return rows[0];
}

export async function touchSession(db: Tx, id: string, expiresAt: Date) {
  await db.update(sessions).set({ lastSeenAt: sql`now()`, expiresAt }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Tx, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteUserSessions(db: Tx, userId: number, exceptId?: string) {
  await db
    .delete(sessions)
    .where(exceptId ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptId}`) : eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Tx) {
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
}

/** Sets a new password (the old hash is kept as the previous one) and lifts any lockout of the login. */
export async function setPassword(db: Tx, userId: number, passwordHash: string, mustChange: boolean) {
  const rows = await db
    .update(users)
    .set({
      previousPasswordHash: sql`${users.passwordHash}`,
      passwordHash,
      mustChangePassword: mustChange,
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId))
    .returning({ login: users.login });
  if (rows[0]) await clearThrottle(db, loginKey(rows[0].login));
}

/** The throttle key of a login: a hash, so logins typed by mistake (often a password) are not stored. */
export function loginKey(login: string): string {
  return `login:${createHash('sha256').update(login.trim().toLowerCase()).digest('hex')}`;
}

export async function curatedSchools(db: Tx, curatorId: number) {
  return db
    .selectDistinct({ schoolId: schools.id, municipalityId: schools.municipalityId, regionId: schools.regionId })
    .from(curatorAssignments)
    .innerJoin(schools, eq(schools.id, curatorAssignments.schoolId))
    .where(eq(curatorAssignments.curatorId, curatorId));
}
