// Session cookie, CSRF check and the signed-in actor on every request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAction, roleMay } from '../../domain/access/permissions.js';
import type { Actor } from '../../domain/access/policy.js';
import { ForbiddenError, PasswordChangeRequiredError, UnauthorizedError } from '../../domain/errors.js';
import type { Config } from '../config.js';
import type { AuthService, SessionContext } from '../modules/auth/service.js';

export const SESSION_COOKIE = 'medk_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionContext | undefined;
  }
  interface FastifyContextConfig {
    /** Reachable while the user still has to change a one-time password. */
    allowPendingPasswordChange?: boolean;
    /** No session needed (login, health). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerSession(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('session', undefined);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    request.session = await auth.resolve(request.cookies[SESSION_COOKIE]);
    const config = request.routeOptions.config;
    if (config.access === 'public' || config.public) return;
    if (!request.session) throw new UnauthorizedError();
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== request.session.csrfToken) {
      throw new ForbiddenError('Сессия устарела: обновите страницу и повторите действие');
    }
    if (request.session.user.mustChangePassword && !config.allowPendingPasswordChange) {
      throw new PasswordChangeRequiredError();
    }
    // the permission table, before the request is read: a role that may never act gets 403, not 400
    if (config.access && isAction(config.access) && !roleMay(request.session.actor.role, config.access)) {
      throw new ForbiddenError();
    }
  });
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: config.sessionHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}

/** The session of a protected route (the hook guarantees it exists). */
export function sessionOf(request: FastifyRequest): SessionContext {
  if (!request.session) throw new UnauthorizedError();
  return request.session;
}

export function actorOf(request: FastifyRequest): Actor {
  return sessionOf(request).actor;
}

/** Who to write into the audit log for this request. */
export function auditorOf(request: FastifyRequest): { userId: number; login: string } {
  const { user } = sessionOf(request);
  return { userId: user.id, login: user.login };
}
