// Who may read, edit, mark and confirm a roadmap, by its level and territory.
import { contains, scopeOf, visible, type Actor, type Scope } from '../access/policy.js';

export type RoadmapLevel = 'federal' | 'regional' | 'municipal' | 'school';

export interface RoadmapOwner {
  level: RoadmapLevel;
  regionId: number | null;
  municipalityId: number | null;
  schoolId: number | null;
}

function place(rm: RoadmapOwner) {
  return { regionId: rm.regionId ?? -1, municipalityId: rm.municipalityId, schoolId: rm.schoolId };
}

/** Inside the actor's territory, or a roadmap of a level above it (a school reads its municipality's and region's plans). */
export function canReadRoadmap(actor: Actor, rm: RoadmapOwner): boolean {
  const scope = scopeOf(actor);
  if (scope.level === 'all' || rm.level === 'federal') return scope.level !== 'none';
  return contains(scope, place(rm)) || visible(scope, place(rm));
}

/** The level that owns the roadmap: edits it and marks execution. Admin and federal may edit any roadmap. */
export function isOwner(actor: Actor, rm: RoadmapOwner): boolean {
  if (actor.role === 'admin') return true;
  switch (rm.level) {
    case 'federal':
      return actor.role === 'federal_coordinator';
    case 'regional':
      return actor.role === 'regional_coordinator' && actor.regionId === rm.regionId;
    case 'municipal':
      return actor.role === 'municipal_coordinator' && actor.municipalityId === rm.municipalityId;
    case 'school':
      return actor.role === 'school' && actor.schoolId === rm.schoolId;
  }
}

/** May create or edit the roadmap: its owner, or a coordinator of a level above inside whose territory it lies. */
export function canEditRoadmap(actor: Actor, rm: RoadmapOwner): boolean {
  if (isOwner(actor, rm) || actor.role === 'federal_coordinator') return true;
  if (rm.level === 'federal') return false;
  const scope: Scope = scopeOf(actor);
  if (actor.role === 'regional_coordinator') return rm.level !== 'regional' && contains(scope, place(rm));
  if (actor.role === 'municipal_coordinator') return rm.level === 'school' && contains(scope, place(rm));
  return false;
}

/** The level above confirms execution: federal → regional, regional → municipal, curator → school. */
export function isReviewer(actor: Actor, rm: RoadmapOwner): boolean {
  if (actor.role === 'admin') return true;
  switch (rm.level) {
    case 'federal':
      return false;
    case 'regional':
      return actor.role === 'federal_coordinator';
    case 'municipal':
      return actor.role === 'regional_coordinator' && actor.regionId === rm.regionId;
    case 'school':
      return actor.role === 'curator' && actor.curatedSchools.some((s) => s.schoolId === rm.schoolId);
  }
}
