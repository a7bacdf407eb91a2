// Login, sessions and passwords.
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../../domain/access/policy.js';
import { passwordProblems } from '../../../domain/access/passwords.js';
import {
  AccountLockedError,
  PasswordChangeRequiredError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '../../../domain/errors.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { audit } from '../audit/service.js';
import type { Hasher } from './passwords.js';
import * as q from './queries.js';

export interface SessionContext {
  sessionId: string;
  csrfToken: string;
  user: q.UserRow;
  actor: Actor;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    readonly hasher: Hasher,
  ) {}

  /** Refuses when this address has used up its failed attempts; the answer says when to try again. */
  private async checkAddress(clientKey: string) {
    const window = this.config.loginRateWindowMinutes;
    const row = await q.readThrottle(this.db, `ip:${clientKey}`, window);
    if (row && row.attempts >= this.config.loginRateLimit) {
      const seconds = Math.max(1, Math.ceil((row.windowStart.getTime() + window * 60_000 - Date.now()) / 1000));
      throw new TooManyRequestsError(
        `Слишком много неудачных попыток входа с этого адреса. Повторите через ${Math.ceil(seconds / 60)} мин.`,
        seconds,
      );
    }
  }

  /**
   * Counts a failed password check (sign-in or the current password of a change) against the address
   * and the login; returns the lockout it caused, if any. Unknown, existing and disabled logins count alike.
   */
  private async recordFailure(login: string, clientKey: string, user: q.UserRow | undefined): Promise<Date | null> {
    await q.bumpThrottle(this.db, `ip:${clientKey}`, this.config.loginRateWindowMinutes);
    const until = await q.recordLoginFailure(this.db, q.loginKey(login), this.config.lockoutThreshold, this.config.lockoutMinutes);
    if (until && user) await q.markLocked(this.db, user.id, until);
    return until;
  }

  /** A lockout in force for the login (the counter of the login, or one set on the account). */
  private async lockOf(login: string, user: q.UserRow | undefined): Promise<Date | null> {
    const until = await q.lockedUntilOf(this.db, q.loginKey(login), this.config.lockoutThreshold, this.config.lockoutMinutes);
    if (until) return until;
    return user?.lockedUntil && user.lockedUntil.getTime() > Date.now() ? user.lockedUntil : null;
  }

  async login(login: string, password: string, clientKey: string) {
    await this.checkAddress(clientKey);
    const user = await q.findUserByLogin(this.db, login);
    const locked = await this.lockOf(login, user);
    if (locked) throw lockedError(locked);
    const ok = await this.hasher.verify(user?.passwordHash ?? '', password);
    if (!user || !ok || !user.active) {
      // one answer for an unknown login, a wrong password and a disabled account: nothing to enumerate
      const until = await this.recordFailure(login, clientKey, user);
      if (until) throw lockedError(until);
      throw new UnauthorizedError(WRONG_LOGIN_MESSAGE);
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const sessionId = hashToken(token);
    await this.db.transaction(async (tx) => {
      // expired sessions are never accepted; logins remove them so the table does not grow without bound
      await q.deleteExpiredSessions(tx);
      await q.deleteStaleThrottles(tx);
      await q.clearThrottle(tx, q.loginKey(login));
      await q.recordSuccessfulLogin(tx, user.id);
      await q.insertSession(tx, {
        id: sessionId,
        userId: user.id,
        csrfToken,
        expiresAt: new Date(Date.now() + this.config.sessionHours * 3600_000),
      });
      await audit(tx, { userId: user.id, login: user.login }, {
        action: 'login',
        entityType: 'user',
        entityId: user.id,
        place: placeOfUser(user),
        summary: 'Вход в систему',
      });
    });
    return { token, csrfToken, user };
  }

  /** Resolve a cookie token to a session and actor, or undefined. Extends the session (sliding expiry). */
  async resolve(token: string | undefined): Promise<SessionContext | undefined> {
    if (!token) return undefined;
    const sessionId = hashToken(token);
    const found = await q.findSession(this.db, sessionId);
    if (!found || !found.user.active) return undefined;
    const { session, user } = found;
    if (Date.now() - session.lastSeenAt.getTime() > 5 * 60_000) {
      await q.touchSession(this.db, sessionId, new Date(Date.now() + this.config.sessionHours * 3600_000));
    }
    return { sessionId, csrfToken: session.csrfToken, user, actor: await this.actorOf(user) };
  }

  async actorOf(user: q.UserRow): Promise<Actor> {
    const curated =
      user.role === 'curator'
        ? (await q.curatedSchools(this.db, user.id)).map((s) => ({
            regionId: s.regionId,
            municipalityId: s.municipalityId,
            schoolId: s.schoolId,
          }))
        : [];
    return {
      userId: user.id,
      role: user.role,
      regionId: user.regionId,
      municipalityId: user.municipalityId,
      schoolId: user.schoolId,
      curatedSchools: curated,
    };
  }

  async logout(ctx: SessionContext) {
    await this.db.transaction(async (tx) => {
      await q.deleteSession(tx, ctx.sessionId);
      await audit(tx, { userId: ctx.user.id, login: ctx.user.login }, {
        action: 'logout',
        entityType: 'user',
        entityId: ctx.user.id,
        place: placeOfUser(ctx.user),
        summary: 'Выход из системы',
      });
    });
  }

  /** The current password is checked like a sign-in: failures count toward the address limit and the lockout. */
  async changePassword(ctx: SessionContext, currentPassword: string, newPassword: string, clientKey: string) {
    await this.checkAddress(clientKey);
    const locked = await this.lockOf(ctx.user.login, ctx.user);
    if (locked) throw lockedError(locked);
    if (!(await this.hasher.verify(ctx.user.passwordHash, currentPassword))) {
      const until = await this.recordFailure(ctx.user.login, clientKey, ctx.user);
      if (until) throw lockedError(until);
      throw new ValidationError('Текущий пароль указан неверно', [
        { path: 'currentPassword', message: 'Текущий пароль указан неверно' },
      ]);
    }
    const problems = passwordProblems(newPassword, ctx.user.login);
    if (currentPassword === newPassword) {
      problems.push({ path: 'newPassword', message: 'Новый пароль должен отличаться от текущего' });
    } else if (ctx.user.previousPasswordHash && (await this.hasher.verify(ctx.user.previousPasswordHash, newPassword))) {
      problems.push({ path: 'newPassword', message: 'Новый пароль не должен совпадать с предыдущим' });
    }
    if (problems.length) throw new ValidationError(problems.map((p) => p.message).join('. '), problems);
    const hash = await this.hasher.hash(newPassword);
    await this.db.transaction(async (tx) => {
      await q.setPassword(tx, ctx.user.id, hash, false);
      await q.deleteUserSessions(tx, ctx.user.id, ctx.sessionId);
      await audit(tx, { userId: ctx.user.id, login: ctx.user.login }, {
        action: 'password',
        entityType: 'user',
        entityId: ctx.user.id,
        place: placeOfUser(ctx.user),
        summary: 'Смена пароля',
      });
    });
  }
}

export const WRONG_LOGIN_MESSAGE = 'Неверный логин или пароль (или учётная запись отключена — тогда обратитесь к координатору)';

function lockedError(until: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AccountLockedError(
    `Учётная запись временно заблокирована после нескольких неудачных попыток. Повторите через ${minutes} мин.`,
    minutes * 60,
  );
}

export function placeOfUser(user: Pick<q.UserRow, 'regionId' | 'municipalityId' | 'schoolId'>) {
  return user.regionId === null
    ? null
    : { regionId: user.regionId, municipalityId: user.municipalityId, schoolId: user.schoolId };
}

export { PasswordChangeRequiredError };
