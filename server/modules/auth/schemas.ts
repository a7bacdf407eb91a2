// Contract of the auth API: login, the signed-in user with the actions their role may perform, password change.
import { z } from 'zod';
import { PERMISSIONS, type Action } from '../../../domain/access/permissions.js';
import { ROLES } from '../../../domain/access/roles.js';

export const loginBody = z.object({
  login: z.string().trim().min(1, 'Введите логин').max(200),
  password: z.string().min(1, 'Введите пароль').max(200),
});

export const passwordBody = z.object({
  currentPassword: z.string().min(1, 'Введите текущий пароль').max(200),
  newPassword: z.string().min(1, 'Введите новый пароль').max(200),
});

const actions = Object.keys(PERMISSIONS) as [Action, ...Action[]];

export const currentUser = z
  .object({
    id: z.number(),
    login: z.string(),
    fullName: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    roleLabel: z.string(),
    regionId: z.number().nullable(),
    municipalityId: z.number().nullable(),
    schoolId: z.number().nullable(),
    mustChangePassword: z.boolean(),
    /** Actions of the permission table the role may perform (the UI shows only what the server allows). */
    permissions: z.array(z.enum(actions)),
  })
  .meta({ id: 'CurrentUser' });

export const sessionAnswer = z.object({ user: currentUser, csrfToken: z.string() }).meta({ id: 'SessionAnswer' });
