import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROLE_LABELS } from '../../../domain/access/roles.js';
import type { Config } from '../../config.js';
import { parse } from '../../http/validate.js';
import { clearSessionCookie, sessionOf, setSessionCookie } from '../../http/session.js';
import type { UserRow } from './queries.js';
import type { AuthService } from './service.js';

const loginBody = z.object({
  login: z.string().trim().min(1, 'Введите логин').max(200),
  password: z.string().min(1, 'Введите пароль').max(200),
});

const passwordBody = z.object({
  currentPassword: z.string().min(1, 'Введите текущий пароль').max(200),
  newPassword: z.string().min(1, 'Введите новый пароль').max(200),
});

export function publicUser(user: UserRow) {
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
  };
}

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService, config: Config): void {
  app.post('/api/auth/login', { config: { public: true } }, async (request, reply) => {
    const body = parse(loginBody, request.body);
    const { token, csrfToken, user } = await auth.login(body.login, body.password, request.ip);
    setSessionCookie(reply, config, token);
    return { user: publicUser(user), csrfToken };
  });

  app.post('/api/auth/logout', { config: { allowPendingPasswordChange: true } }, async (request, reply) => {
    await auth.logout(sessionOf(request));
    clearSessionCookie(reply, config);
    return { ok: true };
  });

  app.get('/api/auth/me', { config: { allowPendingPasswordChange: true } }, async (request) => {
    const session = sessionOf(request);
    return { user: publicUser(session.user), csrfToken: session.csrfToken };
  });

  app.post('/api/auth/password', { config: { allowPendingPasswordChange: true } }, async (request) => {
    const body = parse(passwordBody, request.body);
    await auth.changePassword(sessionOf(request), body.currentPassword, body.newPassword, request.ip);
    return { ok: true };
  });
}
