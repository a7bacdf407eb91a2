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

  async login(login: string, password: string, clientKey: string) {
    const attempts = await q.bumpThrottle(this.db, `ip:${clientKey}`, this.config.loginRateWindowMinutes);
    if (attempts > this.config.loginRateLimit) {
      throw new TooManyRequestsError(
        'Слишком много попыток входа с этого адреса. Попробуйте позже.',
        this.config.loginRateWindowMinutes * 60,
      );
    }
    const user = await q.findUserByLogin(this.db, login);
    if (user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      throw lockedError(user.lockedUntil);
    }
    const ok = await this.hasher.verify(user?.passwordHash ?? '', password);
    if (!user || !ok || !user.active) {
      if (user && !ok) {
        const lockedUntil = await q.recordFailedLogin(
          this.db,
          user.id,
          this.config.lockoutThreshold,
          this.config.lockoutMinutes,
        );
        if (lockedUntil && lockedUntil.getTime() > Date.now()) throw lockedError(lockedUntil);
      }
      throw new UnauthorizedError(
        user && ok && !user.active ? 'Учётная запись отключена. Обратитесь к координатору.' : 'Неверный логин или пароль',
      );
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const sessionId = hashToken(token);
    await this.db.transaction(async (tx) => {
      // expired sessions are never accepted; logins remove them so the table does not grow without bound
      await q.deleteExpiredSessions(tx);
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

  async changePassword(ctx: SessionContext, currentPassword: string, newPassword: string) {
    if (!(await this.hasher.verify(ctx.user.passwordHash, currentPassword))) {
      throw new ValidationError('Текущий пароль указан неверно', [
        { path: 'currentPassword', message: 'Текущий пароль указан неверно' },
      ]);
    }
    const problems = passwordProblems(newPassword, ctx.user.login);
    if (currentPassword === newPassword) {
      problems.push({ path: 'newPassword', message: 'Новый пароль должен отличаться от текущего' });
    }
    if (problems.length) throw new ValidationError('Пароль не подходит', problems);
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
