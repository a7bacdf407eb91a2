// HTTP routes of sign-in: login, logout, the current user, password change.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { actionsOf } from '../../../domain/access/permissions.js';
import { ROLE_LABELS } from '../../../domain/access/roles.js';
import type { Config } from '../../config.js';
import { typed } from '../../http/contract.js';
import { okResponse } from '../../http/schemas.js';
import { clearSessionCookie, sessionOf, setSessionCookie } from '../../http/session.js';
import type { UserRow } from './queries.js';
import { currentUser, loginBody, passwordBody, sessionAnswer } from './schemas.js';
import type { AuthService } from './service.js';

export function publicUser(user: UserRow): z.infer<typeof currentUser> {
  return {
    id: user.id,
    login: user.login,
    fullName: user.fullName,
    email: user.email,
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
    regionId: user.regionId,
    municipalityId: user.municipalityId,
    schoolId: user.schoolId,
    mustChangePassword: user.mustChangePassword,
    permissions: actionsOf(user.role),
  };
}

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService, config: Config): void {
  const r = typed(app);
  r.post(
    '/api/auth/login',
    { config: { access: 'public' }, schema: { summary: 'Вход по логину и паролю', tags: ['auth'], body: loginBody, response: { 200: sessionAnswer } } },
    async (request, reply) => {
      const { token, csrfToken, user } = await auth.login(request.body.login, request.body.password, request.ip);
      setSessionCookie(reply, config, token);
      return { user: publicUser(user), csrfToken };
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { access: 'signedIn', allowPendingPasswordChange: true }, schema: { summary: 'Выход', tags: ['auth'], response: { 200: okResponse } } },
    async (request, reply) => {
      await auth.logout(sessionOf(request));
      clearSessionCookie(reply, config);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    { config: { access: 'signedIn', allowPendingPasswordChange: true }, schema: { summary: 'Текущий пользователь и его права', tags: ['auth'], response: { 200: sessionAnswer } } },
    async (request) => {
      const session = sessionOf(request);
      return { user: publicUser(session.user), csrfToken: session.csrfToken };
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: { access: 'signedIn', allowPendingPasswordChange: true },
      schema: { summary: 'Смена своего пароля', tags: ['auth'], body: passwordBody, response: { 200: okResponse } },
    },
    async (request) => {
      await auth.changePassword(sessionOf(request), request.body.currentPassword, request.body.newPassword, request.ip);
      return { ok: true as const };
    },
  );
}
