// Risk profiles: compute from answers, list and aggregate within the actor's territory, verify (curator),
// activate risk directions (school or curator). Every write runs in one transaction with its audit entry.
import { and, eq, type SQL } from 'drizzle-orm';
import { scopeOf, type Actor } from '../../../domain/access/policy.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../../../domain/errors.js';
import {
  DEFAULT_ACTIVATION_RULES,
  FACTOR_CODES,
  FACTOR_NAMES,
  isFactorCode,
  suggestedDirections,
  validateActivation,
  type ActivationProblem,
  type ActivationRules,
  type FactorCode,
  type FactorLevel,
  type InstrumentCode,
  type RiskProfile,
} from '../../../domain/surveys/index.js';
import type { Db, Tx } from '../../db/client.js';
import { riskProfiles, schools } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';
import { audit, type AuditActor } from '../audit/service.js';
import { checkTerritoryFilter } from '../roadmaps/access.js';
import { placeOf, readableProfile, requireCompute, rightsOn, visibleCampaign } from './access.js';
import { computeCampaignProfiles } from './compute.js';
import { toXlsx, XLSX_TYPE, VERIFICATION_LABELS, type ExportAggregate } from './export.js';
import * as q from './queries.js';
import type { VerifyInput } from './schemas.js';

export type Verification = 'pending' | 'verified' | 'disputed';

export interface ProfileRow {
  id: number;
  campaignId: number;
  schoolId: number;
  school: string;
  municipality: string;
  levels: Record<FactorCode, FactorLevel>;
  verification: Verification;
  directions: FactorCode[];
  computedAt: string;
}

export interface ProfileDetail extends ProfileRow {
  profile: RiskProfile;
  answerCounts: Record<InstrumentCode, number>;
  methodologyVersion: number;
  verificationComment: string;
  verifiedBy: string | null;
  verifiedAt: string | null;
  rules: ActivationRules;
  suggested: FactorCode[];
  can: { verify: boolean; activate: boolean };
}

export type Aggregate = ExportAggregate;

const LEVELS: readonly FactorLevel[] = ['high', 'medium', 'low', 'none', 'unknown'];

function levelsOf(raw: Record<string, string> | null): Record<FactorCode, FactorLevel> {
  const out = {} as Record<FactorCode, FactorLevel>;
  for (const code of FACTOR_CODES) {
    const level = raw?.[code];
    out[code] = LEVELS.includes(level as FactorLevel) ? (level as FactorLevel) : 'unknown';
  }
  return out;
}

function rowView(r: q.ProfileListRow): ProfileRow {
  return {
    id: r.id,
    campaignId: r.campaignId,
    schoolId: r.schoolId,
    school: r.school,
    municipality: r.municipality,
    levels: levelsOf(r.levels),
    verification: r.verification,
    directions: (r.directions ?? []).filter(isFactorCode),
    computedAt: r.computedAt.toISOString(),
  };
}

/** The campaign's activation rules with the domain defaults filled in (unknown keys and bad values ignored). */
export function rulesOf(stored: Record<string, unknown> | null | undefined): ActivationRules {
  const rules: ActivationRules = { ...DEFAULT_ACTIVATION_RULES };
  const s = stored ?? {};
  const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  const levels = (v: unknown) => (Array.isArray(v) ? (v.filter((x) => LEVELS.includes(x as FactorLevel)) as FactorLevel[]) : undefined);
  const codes = (v: unknown) => (Array.isArray(v) ? (v.filter((x) => typeof x === 'string' && isFactorCode(x)) as FactorCode[]) : undefined);
  rules.maxDirections = count(s.maxDirections) ?? rules.maxDirections;
  rules.minDirections = count(s.minDirections) ?? rules.minDirections;
  rules.mandatoryLevels = levels(s.mandatoryLevels) ?? rules.mandatoryLevels;
  rules.selectableLevels = levels(s.selectableLevels) ?? rules.selectableLevels;
  rules.mandatoryCodes = codes(s.mandatoryCodes) ?? rules.mandatoryCodes;
  rules.excludedCodes = codes(s.excludedCodes) ?? rules.excludedCodes;
  return rules;
}

/** Field paths of activation problems: the offending element `factors.<i>`, or `factors` for the whole list. */
export function activationIssues(problems: ActivationProblem[], factors: readonly string[]): FieldIssue[] {
  return problems.map((p) => {
    const index = p.code === null ? -1 : p.kind === 'duplicate' ? factors.lastIndexOf(p.code) : factors.indexOf(p.code);
    return { path: index >= 0 ? `factors.${index}` : 'factors', message: p.message };
  });
}

function schoolColumns() {
  return { regionId: schools.regionId, municipalityId: schools.municipalityId, schoolId: schools.id };
}

export class RiskProfilesService {
  constructor(private readonly db: Db) {}

  async compute(actor: Actor, who: AuditActor, input: { campaignId: number; schoolId?: number | null }): Promise<{ computed: number }> {
    return this.db.transaction(async (tx) => {
      const campaign = await visibleCampaign(tx, actor, input.campaignId);
      requireCompute(actor, campaign);
      const schoolId = input.schoolId ?? undefined;
      if (schoolId !== undefined && !(await q.campaignHasSchool(tx, campaign.id, schoolId))) {
        throw new NotFoundError('Школа не участвует в этой кампании анкетирования');
      }
      const result = await computeCampaignProfiles(tx, campaign.id, schoolId === undefined ? undefined : [schoolId]);
      await audit(tx, who, {
        action: 'compute',
        entityType: 'survey_campaign',
        entityId: campaign.id,
        place: campaign.regionId === null ? null : { regionId: campaign.regionId },
        summary:
          `Рассчитаны рисковые профили по кампании «${campaign.title}»: ${result.computed} ` +
          (schoolId === undefined ? 'школ (все школы кампании)' : 'школа (одна школа)') +
          '; профили возвращены на проверку куратором',
        changes: { computed: result.computed, ...(schoolId === undefined ? {} : { schoolId }) },
      });
      return result;
    });
  }

  private async filterOf(actor: Actor, filter: { campaignId?: number; regionId?: number; municipalityId?: number; schoolId?: number }): Promise<SQL> {
    if (filter.campaignId !== undefined) await visibleCampaign(this.db, actor, filter.campaignId);
    await checkTerritoryFilter(this.db, actor, { regionId: filter.regionId, municipalityId: filter.municipalityId, schoolId: filter.schoolId });
    const conditions: (SQL | undefined)[] = [withinScope(scopeOf(actor), schoolColumns())];
    if (filter.campaignId !== undefined) conditions.push(eq(riskProfiles.campaignId, filter.campaignId));
    if (filter.regionId !== undefined) conditions.push(eq(schools.regionId, filter.regionId));
    if (filter.municipalityId !== undefined) conditions.push(eq(schools.municipalityId, filter.municipalityId));
    if (filter.schoolId !== undefined) conditions.push(eq(schools.id, filter.schoolId));
    return and(...conditions) as SQL;
  }

  async list(actor: Actor, filter: { campaignId?: number; municipalityId?: number; schoolId?: number }): Promise<{ items: ProfileRow[] }> {
    const rows = await q.listProfiles(this.db, await this.filterOf(actor, filter));
    return { items: rows.map(rowView) };
  }

  async aggregate(actor: Actor, filter: { campaignId: number; regionId?: number; municipalityId?: number }): Promise<Aggregate> {
    const { schools: total, counts } = await q.aggregate(this.db, await this.filterOf(actor, filter));
    const factors = FACTOR_CODES.map((code) => ({ code, name: FACTOR_NAMES[code], high: 0, medium: 0, low: 0, none: 0, unknown: 0 }));
    for (const c of counts) {
      const f = factors.find((x) => x.code === c.code);
      if (f && LEVELS.includes(c.level as FactorLevel)) f[c.level as FactorLevel] += c.n;
    }
    // a factor absent from a stored result (an older methodology) counts as not measured
    for (const f of factors) f.unknown += total - (f.high + f.medium + f.low + f.none + f.unknown);
    return { schools: total, factors };
  }

  async exportFile(
    actor: Actor,
    filter: { campaignId: number; regionId?: number; municipalityId?: number },
  ): Promise<{ body: Buffer; filename: string; asciiName: string; contentType: string }> {
    const campaign = await visibleCampaign(this.db, actor, filter.campaignId);
    const where = await this.filterOf(actor, filter);
    const [rows, summary] = await Promise.all([q.listProfiles(this.db, where), this.aggregate(actor, filter)]);
    const title = `Рисковые профили школ — ${campaign.title}`;
    const body = await toXlsx(
      title,
      rows.map((r) => ({ ...rowView(r), schoolCode: r.schoolCode })),
      summary,
    );
    return { body, filename: `Рисковые профили — ${campaign.title}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'), asciiName: `risk-profiles-${campaign.id}.xlsx`, contentType: XLSX_TYPE };
  }

  private async detail(db: Tx, actor: Actor, p: q.ProfileDetailRow): Promise<ProfileDetail> {
    const profile = p.result as unknown as RiskProfile;
    const rules = rulesOf(p.activationRules);
    const rights = await rightsOn(db, actor, p);
    const counts = p.answerCounts as Record<InstrumentCode, number>;
    return {
      ...rowView(p),
      profile,
      answerCounts: counts,
      methodologyVersion: p.methodologyVersion,
      verificationComment: p.verificationComment,
      verifiedBy: p.verifiedBy ?? null,
      verifiedAt: p.verifiedAt ? p.verifiedAt.toISOString() : null,
      rules,
      suggested: suggestedDirections(profile, rules),
      can: { verify: rights.verify, activate: rights.activate && p.verification === 'verified' },
    };
  }

  async get(actor: Actor, id: number): Promise<ProfileDetail> {
    return this.detail(this.db, actor, await readableProfile(this.db, actor, id));
  }

  async verify(actor: Actor, who: AuditActor, id: number, input: VerifyInput): Promise<ProfileDetail> {
    return this.db.transaction(async (tx) => {
      const p = await readableProfile(tx, actor, id, true);
      if (!(await rightsOn(tx, actor, p)).verify) throw new ForbiddenError('Проверяет профиль куратор школы в этом цикле');
      await q.setVerification(tx, id, { verification: input.decision, comment: input.comment, userId: actor.userId });
      await audit(tx, who, {
        action: input.decision === 'verified' ? 'verify' : 'dispute',
        entityType: 'risk_profile',
        entityId: id,
        place: placeOf(p),
        summary:
          `Рисковый профиль школы «${p.school}» (${p.campaignTitle}) ${input.decision === 'verified' ? 'подтверждён' : 'оспорен'} куратором` +
          (input.comment ? `: ${input.comment}` : ''),
        changes: { verification: [p.verification, input.decision], verificationComment: [p.verificationComment, input.comment] },
      });
      return this.detail(tx, actor, (await q.profileById(tx, id))!);
    });
  }

  async activate(actor: Actor, who: AuditActor, id: number, factors: string[]): Promise<ProfileDetail> {
    return this.db.transaction(async (tx) => {
      const p = await readableProfile(tx, actor, id, true);
      if (!(await rightsOn(tx, actor, p)).activate) throw new ForbiddenError('Направления выбирают школа и её куратор');
      if (p.verification !== 'verified') {
        const why = p.verification === 'disputed' ? 'профиль оспорен куратором — его нужно пересчитать или подтвердить' : 'профиль ещё не подтверждён куратором';
        throw new ValidationError(`Направления можно выбрать только после подтверждения профиля куратором: ${why}`, [
          { path: 'factors', message: 'Сначала куратор должен подтвердить профиль' },
        ]);
      }
      const problems = validateActivation(p.result as unknown as RiskProfile, factors, rulesOf(p.activationRules));
      if (problems.length) throw new ValidationError('Выбор направлений не соответствует правилам цикла', activationIssues(problems, factors));
      const before = await q.directionsOf(tx, p.cycleId, p.schoolId);
      await q.replaceDirections(tx, { cycleId: p.cycleId, schoolId: p.schoolId, profileId: p.id, userId: actor.userId }, factors);
      const names = (codes: string[]) => codes.map((c) => (isFactorCode(c) ? FACTOR_NAMES[c] : c));
      await audit(tx, who, {
        action: 'activate',
        entityType: 'risk_directions',
        entityId: p.id,
        place: placeOf(p),
        summary: `Выбраны рисковые направления школы «${p.school}»: ${factors.length ? names(factors).join('; ') : 'нет'}`,
        changes: { directions: [before, factors] },
      });
      return this.detail(tx, actor, (await q.profileById(tx, id))!);
    });
  }
}

export { VERIFICATION_LABELS };
