// Small guards shared by the territories and cycles services.
import type { FastifyRequest } from 'fastify';
import { roleMay, type Action, type Actor } from '../../../domain/access/policy.js';
import { ConflictError, ForbiddenError } from '../../../domain/errors.js';
import { actorOf } from '../../http/session.js';
import { pgError } from './queries.js';

/** 403 when the actor's role may never do the action. */
export function requireRole(actor: Actor, action: Action): void {
  if (!roleMay(actor.role, action)) throw new ForbiddenError();
}

/** The request's actor, after checking the role may do the action at all (403 before body validation). */
export function actorFor(request: FastifyRequest, action: Action): Actor {
  const actor = actorOf(request);
  requireRole(actor, action);
  return actor;
}

/**
 * Run a write; database constraint failures that slipped past the checks (a race with another user)
 * become ConflictErrors instead of 500s.
 */
export async function guardConstraints<T>(
  run: () => Promise<T>,
  unique: Record<string, { path: string; message: string }> = {},
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const { code, constraint } = pgError(error);
    if (code === '23505') {
      const field = constraint ? unique[constraint] : undefined;
      throw new ConflictError(field?.message ?? 'Такая запись уже есть', field ? [field] : []);
    }
    if (code === '23503') {
      throw new ConflictError('Запись связана с другими данными, поэтому её нельзя удалить или изменить');
    }
    throw error;
  }
}
