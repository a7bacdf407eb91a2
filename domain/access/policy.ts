// Permission policy: who may do what, and where. Pure functions over plain data.
import { roleMay, type Action } from './permissions.js';
import type { Role } from './roles.js';

export { roleMay, type Action } from './permissions.js';

/** The signed-in user as the policy sees them. */
export interface Actor {
  userId: number;
  role: Role;
  regionId: number | null;
  municipalityId: number | null;
  schoolId: number | null;
  /** Schools a curator is assigned to (any cycle), with their territory. */
  curatedSchools: Place[];
}

/** Where a record lies. A region has only regionId; a school has all three. */
export interface Place {
  regionId: number;
  municipalityId?: number | null;
  schoolId?: number | null;
}

/** The part of the country an actor works in. */
export type Scope =
  | { level: 'all' }
  | { level: 'region'; regionId: number }
  | { level: 'municipality'; regionId: number; municipalityId: number }
  | { level: 'schools'; schools: Place[] }
  | { level: 'none' };

export function scopeOf(actor: Actor): Scope {
  switch (actor.role) {
    case 'admin':
    case 'federal_coordinator':
      return { level: 'all' };
    case 'curator':
      return { level: 'schools', schools: actor.curatedSchools };
    case 'school':
      return actor.schoolId !== null && actor.regionId !== null
        ? {
            level: 'schools',
            schools: [{ regionId: actor.regionId, municipalityId: actor.municipalityId, schoolId: actor.schoolId }],
          }
        : { level: 'none' };
    default:
      return bindingScope(actor);
  }
}

/** Scope from the account's own territory binding (coordinators, experts, observers). */
function bindingScope(actor: Actor): Scope {
  if (actor.schoolId !== null && actor.regionId !== null) {
    return {
      level: 'schools',
      schools: [{ regionId: actor.regionId, municipalityId: actor.municipalityId, schoolId: actor.schoolId }],
    };
  }
  if (actor.municipalityId !== null && actor.regionId !== null) {
    return { level: 'municipality', regionId: actor.regionId, municipalityId: actor.municipalityId };
  }
  if (actor.regionId !== null) return { level: 'region', regionId: actor.regionId };
  if (actor.role === 'expert' || actor.role === 'observer') return { level: 'all' };
  return { level: 'none' };
}

/** Is the place inside the scope (the scope's territory or below it)? */
export function contains(scope: Scope, place: Place): boolean {
  switch (scope.level) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'region':
      return place.regionId === scope.regionId;
    case 'municipality':
      return place.municipalityId != null && place.municipalityId === scope.municipalityId;
    case 'schools':
      return place.schoolId != null && scope.schools.some((s) => s.schoolId === place.schoolId);
  }
}

/** May the place be shown (inside the scope, or one of its parents — for names and breadcrumbs)? */
export function visible(scope: Scope, place: Place): boolean {
  if (contains(scope, place)) return true;
  const isRegion = place.municipalityId == null && place.schoolId == null;
  const isMunicipality = place.municipalityId != null && place.schoolId == null;
  switch (scope.level) {
    case 'municipality':
      return isRegion && place.regionId === scope.regionId;
    case 'schools':
      return scope.schools.some(
        (s) =>
          (isRegion && s.regionId === place.regionId) || (isMunicipality && s.municipalityId === place.municipalityId),
      );
    default:
      return false;
  }
}

/** May the actor perform the action on a record at this place? */
export function can(actor: Actor, action: Action, place?: Place): boolean {
  if (!roleMay(actor.role, action)) return false;
  if (!place) return true;
  return contains(scopeOf(actor), place);
}

/** Roles an actor may create or manage accounts for. */
const MANAGEABLE_ROLES: Partial<Record<Role, readonly Role[]>> = {
  admin: [
    'admin',
    'federal_coordinator',
    'regional_coordinator',
    'municipal_coordinator',
    'curator',
    'school',
    'expert',
    'observer',
  ],
  federal_coordinator: [
    'federal_coordinator',
    'regional_coordinator',
    'municipal_coordinator',
    'curator',
    'school',
    'expert',
    'observer',
  ],
  regional_coordinator: ['municipal_coordinator', 'curator', 'school', 'observer'],
  municipal_coordinator: ['school', 'observer'],
};

export function manageableRoles(role: Role): readonly Role[] {
  return MANAGEABLE_ROLES[role] ?? [];
}

/** May the actor create or change an account with this role bound at this place (null place = federal)? */
export function canManageUser(actor: Actor, targetRole: Role, targetPlace: Place | null): boolean {
  if (!manageableRoles(actor.role).includes(targetRole)) return false;
  const scope = scopeOf(actor);
  if (scope.level === 'all') return true;
  return targetPlace !== null && contains(scope, targetPlace);
}
