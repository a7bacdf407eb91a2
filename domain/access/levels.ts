// Owner and reviewer of a level's record (roadmap, stage report): the role that owns the level inside
// the same territory, and the level above it. Record rules of the permission table use these.
import type { Actor } from './policy.js';
import { isAdmin, ROLE_LEVEL, type ProgrammeLevel } from './roles.js';

/** A record that belongs to one level of the programme and one place. */
export interface LevelPlace {
  level: ProgrammeLevel;
  regionId: number | null;
  municipalityId: number | null;
  schoolId: number | null;
}

/** The level the actor's role owns (null for curators, experts, observers, admin). */
export function levelOf(actor: Actor): ProgrammeLevel | null {
  return ROLE_LEVEL[actor.role] ?? null;
}

/** Is the record the actor's own level at the actor's own place? */
export function ownsPlace(actor: Actor, place: LevelPlace): boolean {
  if (levelOf(actor) !== place.level) return false;
  switch (place.level) {
    case 'federal':
      return true;
    case 'regional':
      return actor.regionId !== null && actor.regionId === place.regionId;
    case 'municipal':
      return actor.municipalityId !== null && actor.municipalityId === place.municipalityId;
    case 'school':
      return actor.schoolId !== null && actor.schoolId === place.schoolId;
  }
}

/** The level directly above: federal reviews regions, a region its municipalities; schools are reviewed by curators. */
export const LEVEL_ABOVE: Record<ProgrammeLevel, ProgrammeLevel | null> = {
  federal: null,
  regional: 'federal',
  municipal: 'regional',
  school: 'municipal',
};

/** Owner or administrator. */
export function ownsOrAdmin(actor: Actor, place: LevelPlace): boolean {
  return isAdmin(actor.role) || ownsPlace(actor, place);
}

/** The coordinator of the level directly above, over this place (or the administrator). */
export function isLevelAbove(actor: Actor, place: LevelPlace): boolean {
  if (isAdmin(actor.role)) return true;
  const above = LEVEL_ABOVE[place.level];
  if (!above || levelOf(actor) !== above) return false;
  return ownsPlace(actor, { ...place, level: above });
}
