// Who may do what with survey campaigns (docs/surveys-api.md, «Who may do what»): readable or 404, allowed or 403.
import { contains, scopeOf, visible, type Actor, type Place, type Scope } from '../../../domain/access/policy.js';
import type { Role } from '../../../domain/access/roles.js';
import { ForbiddenError, NotFoundError } from '../../../domain/errors.js';
import type { Tx } from '../../db/client.js';
import { withinScope } from '../../db/scope.js';
import { schools } from '../../db/schema.js';
import type { SQL } from 'drizzle-orm';
import * as q from './queries.js';

export const CAMPAIGN_NOT_FOUND = 'Кампания анкетирования не найдена';
export const SCHOOL_NOT_FOUND = 'Школа не участвует в этой кампании или недоступна';

/** Roles that may open, edit and close campaigns (the regional coordinator only in their region). */
const OWNER_ROLES: readonly Role[] = ['admin', 'federal_coordinator', 'regional_coordinator'];
/** School facts and respondent codes: the school, its curator, coordinators above, admin. */
const FACTS_ROLES: readonly Role[] = ['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator', 'curator', 'school'];
/** Rotating a code: the school, coordinators above, admin (not the curator). */
const ROTATE_ROLES: readonly Role[] = ['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator', 'school'];
/** Publishing a methodology version. */
const METHODOLOGY_ROLES: readonly Role[] = ['admin', 'federal_coordinator'];

export function mayOwnSomeCampaign(actor: Actor): boolean {
  return OWNER_ROLES.includes(actor.role);
}

/** May the actor open / edit / close / compute a campaign of this region (null = federal)? */
export function canEditCampaign(actor: Actor, regionId: number | null): boolean {
  if (actor.role === 'admin' || actor.role === 'federal_coordinator') return true;
  return actor.role === 'regional_coordinator' && regionId !== null && actor.regionId === regionId;
}

export const mayEnterFacts = (actor: Actor) => FACTS_ROLES.includes(actor.role);
export const mayRotate = (actor: Actor) => ROTATE_ROLES.includes(actor.role);

export function requireMethodologyPublisher(actor: Actor): void {
  if (!METHODOLOGY_ROLES.includes(actor.role)) throw new ForbiddenError('Публиковать методику могут администратор и федеральный координатор');
}

/** The actor's territory for a campaign: a curator's schools are those assigned in the campaign's cycle. */
export async function campaignScope(db: Tx, actor: Actor, cycleId: number): Promise<Scope> {
  if (actor.role !== 'curator') return scopeOf(actor);
  return { level: 'schools', schools: await q.curatorPlaces(db, actor.userId, cycleId) };
}

/** The same territory as an SQL condition over `schools` (and `survey_campaigns` for curators). */
export function scopeCondition(actor: Actor, scope: Scope): SQL {
  if (actor.role === 'curator') return q.curatorCondition(actor.userId);
  return withinScope(scope, { regionId: schools.regionId, municipalityId: schools.municipalityId, schoolId: schools.id });
}

/** Does the campaign meet the territory (a federal campaign meets every territory)? */
export function meets(scope: Scope, regionId: number | null): boolean {
  if (scope.level === 'none') return false;
  if (regionId === null) return true;
  return visible(scope, { regionId });
}

export interface ReadableCampaign {
  campaign: q.CampaignRow;
  scope: Scope;
}

/** The campaign when its territory meets the actor's; otherwise 404, whether it exists or not. */
export async function readableCampaign(db: Tx, actor: Actor, id: number, lock = false): Promise<ReadableCampaign> {
  if (lock) await q.lockCampaign(db, id);
  const campaign = await q.campaignById(db, id);
  if (!campaign) throw new NotFoundError(CAMPAIGN_NOT_FOUND);
  const scope = await campaignScope(db, actor, campaign.cycleId);
  if (!meets(scope, campaign.regionId)) throw new NotFoundError(CAMPAIGN_NOT_FOUND);
  return { campaign, scope };
}

/** A campaign the actor may edit: readable (else 404) and owned (else 403). */
export async function editableCampaign(db: Tx, actor: Actor, id: number): Promise<ReadableCampaign> {
  const found = await readableCampaign(db, actor, id, true);
  if (!canEditCampaign(actor, found.campaign.regionId)) throw new ForbiddenError('Кампанией управляют администратор, федеральный и региональный координаторы');
  return found;
}

/** A school of the campaign inside the actor's territory; otherwise 404. */
export async function readableSchool(db: Tx, found: ReadableCampaign, schoolId: number): Promise<q.SchoolRowData> {
  const row = await q.schoolRow(db, found.campaign.id, schoolId);
  const place: Place | null = row ? { regionId: row.regionId, municipalityId: row.municipalityId, schoolId: row.schoolId } : null;
  if (!row || !place || !contains(found.scope, place)) throw new NotFoundError(SCHOOL_NOT_FOUND);
  return row;
}
