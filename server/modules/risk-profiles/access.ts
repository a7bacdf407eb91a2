// Who may read, compute, verify and activate risk profiles (docs/surveys-api.md, «Who may do what»).
import { contains, scopeOf, type Actor, type Place, type Scope } from '../../../domain/access/policy.js';
import type { Role } from '../../../domain/access/roles.js';
import { ForbiddenError, NotFoundError } from '../../../domain/errors.js';
import type { Tx } from '../../db/client.js';
import * as q from './queries.js';

export const PROFILE_NOT_FOUND = 'Рисковый профиль не найден';
export const CAMPAIGN_NOT_FOUND = 'Кампания анкетирования не найдена';

/** Roles that read profiles of their territory (a school: its own; a curator: the schools they curate). */
const READER_ROLES: readonly Role[] = [
  'admin',
  'federal_coordinator',
  'regional_coordinator',
  'municipal_coordinator',
  'curator',
  'school',
  'expert',
  'observer',
];

/** Does the campaign (regional, or federal when regionId is null) meet the actor's territory? */
export function campaignMeets(scope: Scope, campaign: { regionId: number | null }): boolean {
  if (scope.level === 'none') return false;
  if (campaign.regionId === null || scope.level === 'all') return true;
  if (scope.level === 'schools') return scope.schools.some((s) => s.regionId === campaign.regionId);
  return scope.regionId === campaign.regionId;
}

/** The campaign when it meets the actor's territory; otherwise 404. */
export async function visibleCampaign(db: Tx, actor: Actor, id: number): Promise<q.CampaignRow> {
  const campaign = await q.campaignById(db, id);
  if (!campaign || !READER_ROLES.includes(actor.role) || !campaignMeets(scopeOf(actor), campaign)) throw new NotFoundError(CAMPAIGN_NOT_FOUND);
  return campaign;
}

/** Owners of a campaign compute its profiles: admin and federal coordinators, a regional coordinator in their region. */
export function canCompute(actor: Actor, campaign: { regionId: number | null }): boolean {
  if (actor.role === 'admin' || actor.role === 'federal_coordinator') return true;
  return actor.role === 'regional_coordinator' && campaign.regionId !== null && actor.regionId === campaign.regionId;
}

export function requireCompute(actor: Actor, campaign: { regionId: number | null }): void {
  if (!canCompute(actor, campaign)) {
    throw new ForbiddenError('Рассчитывать профили могут администратор, федеральный координатор и региональный координатор своего региона');
  }
}

export function placeOf(p: { regionId: number; municipalityId: number; schoolId: number }): Place {
  return { regionId: p.regionId, municipalityId: p.municipalityId, schoolId: p.schoolId };
}

export function canReadProfile(actor: Actor, p: { regionId: number; municipalityId: number; schoolId: number }): boolean {
  return READER_ROLES.includes(actor.role) && contains(scopeOf(actor), placeOf(p));
}

/** The profile when the actor may read it; otherwise 404, whether it exists or not. */
export async function readableProfile(db: Tx, actor: Actor, id: number, lock = false): Promise<q.ProfileDetailRow> {
  const p = await q.profileById(db, id, lock);
  if (!p || !canReadProfile(actor, p)) throw new NotFoundError(PROFILE_NOT_FOUND);
  return p;
}

export interface ProfileRights {
  verify: boolean;
  /** May choose directions (whether the profile is verified yet or not). */
  activate: boolean;
}

/** Verify: the school's curator in the campaign's cycle, admin. Activate: the school, its curator, admin. */
export async function rightsOn(db: Tx, actor: Actor, p: { cycleId: number; schoolId: number }): Promise<ProfileRights> {
  if (actor.role === 'admin') return { verify: true, activate: true };
  if (actor.role === 'school') return { verify: false, activate: actor.schoolId === p.schoolId };
  if (actor.role === 'curator') {
    const curator = await q.isCurator(db, p.cycleId, p.schoolId, actor.userId);
    return { verify: curator, activate: curator };
  }
  return { verify: false, activate: false };
}
