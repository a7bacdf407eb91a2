// Guards of the roadmaps module: readable or 404, may edit or 403, territory filters that must be visible.
import { scopeOf, visible, type Actor } from '../../../domain/access/policy.js';
import type { Role } from '../../../domain/access/roles.js';
import { ForbiddenError, NotFoundError } from '../../../domain/errors.js';
import { canReadRoadmap } from '../../../domain/roadmaps/access.js';
import type { Tx } from '../../db/client.js';
import * as q from './queries.js';

export const ROADMAP_NOT_FOUND = 'Дорожная карта не найдена';

/** Roles that may create or edit some roadmap (their own level or one below). */
const EDITOR_ROLES: readonly Role[] = ['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator', 'school'];

export function requireEditorRole(actor: Actor): void {
  if (!EDITOR_ROLES.includes(actor.role)) throw new ForbiddenError('Дорожные карты составляют координаторы и школы');
}

/** The roadmap when the actor may read it; otherwise 404, whether it exists or not. */
export async function readableRoadmap(db: Tx, actor: Actor, id: number, lock = false): Promise<q.RoadmapRow> {
  const rm = lock ? await q.roadmapForUpdate(db, id) : await q.roadmapById(db, id);
  if (!rm || !canReadRoadmap(actor, rm)) throw new NotFoundError(ROADMAP_NOT_FOUND);
  return rm;
}

export interface TerritoryFilter {
  regionId?: number;
  municipalityId?: number;
  schoolId?: number;
}

/** A territory named in a filter must exist and be visible to the actor (else 404, nothing leaks). */
export async function checkTerritoryFilter(db: Tx, actor: Actor, filter: TerritoryFilter): Promise<void> {
  const scope = scopeOf(actor);
  if (filter.regionId !== undefined) {
    const region = await q.regionById(db, filter.regionId);
    if (!region || !visible(scope, { regionId: region.id })) throw new NotFoundError('Регион не найден');
  }
  if (filter.municipalityId !== undefined) {
    const m = await q.municipalityById(db, filter.municipalityId);
    if (!m || !visible(scope, { regionId: m.regionId, municipalityId: m.id })) throw new NotFoundError('Муниципалитет не найден');
  }
  if (filter.schoolId !== undefined) {
    const s = await q.schoolById(db, filter.schoolId);
    if (!s || !visible(scope, { regionId: s.regionId, municipalityId: s.municipalityId, schoolId: s.id })) {
      throw new NotFoundError('Школа не найдена');
    }
  }
}
