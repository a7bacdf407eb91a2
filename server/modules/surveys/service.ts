// Survey campaigns (анкетирование): instruments and methodology, open / edit / close a campaign, completion per school
// and territory, school facts and respondent codes. Authorization in ./access.ts; every write is audited.
import { randomBytes } from 'node:crypto';
import { scopeOf, visible, type Actor, type Scope } from '../../../domain/access/policy.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../../../domain/errors.js';
import {
  campaignStatus,
  checkCampaignWindow,
  formatRespondentCode,
  parseMethodology,
  RESPONDENT_CODE_BYTES,
  SCHOOL_INSTRUMENTS,
  surveyQuestions,
  territoryCompletion,
  type ActivationRules,
  type InstrumentCode,
  type InstrumentDefinition,
} from '../../../domain/surveys/index.js';
import type { Db, Tx } from '../../db/client.js';
import { riskMethodologies } from '../../db/schema.js';
import { audit, diff, type AuditActor } from '../audit/service.js';
import { computeCampaignProfiles } from '../risk-profiles/compute.js';
import {
  canEditCampaign,
  editableCampaign,
  mayEnterFacts,
  mayOwnSomeCampaign,
  mayRotate,
  meets,
  readableCampaign,
  readableSchool,
  requireMethodologyPublisher,
  scopeCondition,
  type ReadableCampaign,
} from './access.js';
import { ensureSurveyDefaults } from './defaults.js';
import * as q from './queries.js';
import type { ActivationRulesInput, CreateInput, FactsInput, UpdateInput } from './schemas.js';
import {
  activationRulesOf,
  campaignView,
  capOf,
  expectedOf,
  linkView,
  schoolRowView,
  type Campaign,
  type Link,
  type SchoolRow,
} from './views.js';
import type { TerritoryCompletion } from '../../../domain/surveys/index.js';

const CONFLICT = 'Кампанию уже изменили в другом окне или другой пользователь. Обновите страницу: ваши изменения не сохранены.';
const CLOSED = 'Анкетирование завершено: данные кампании больше не меняются';
/** Links inserted by one statement (7 parameters each, well under PostgreSQL's limit). */
const LINK_CHUNK = 1000;

function fieldError(path: string, message: string): ValidationError {
  return new ValidationError(message, [{ path, message }]);
}

/** A fresh respondent code from crypto randomness. */
export function newRespondentCode(): string {
  return formatRespondentCode(randomBytes(RESPONDENT_CODE_BYTES));
}

/** Inserts links with fresh codes, drawing a new code for every one that clashed with an existing code. */
export async function insertLinksWithCodes(tx: Tx, links: Omit<q.NewLink, 'code'>[]): Promise<q.LinkRow[]> {
  const out: q.LinkRow[] = [];
  let pending = links;
  for (let attempt = 0; pending.length; attempt++) {
    if (attempt >= 20) throw new Error('respondent codes: too many clashes');
    const used = new Set<string>();
    const withCodes = pending.map((l) => {
      let code = newRespondentCode();
      while (used.has(code)) code = newRespondentCode();
      used.add(code);
      return { ...l, code };
    });
    const clashed: q.NewLink[] = [];
    for (let i = 0; i < withCodes.length; i += LINK_CHUNK) {
      const res = await q.insertLinks(tx, withCodes.slice(i, i + LINK_CHUNK));
      out.push(...res.inserted);
      clashed.push(...res.clashed);
    }
    pending = clashed.map(({ code: _code, ...rest }) => rest);
  }
  return out;
}

/** Problems of activation rules after merging with the defaults. */
function rulesIssues(rules: ActivationRules): FieldIssue[] {
  return rules.minDirections > rules.maxDirections
    ? [{ path: 'activationRules.minDirections', message: 'Минимум направлений не может быть больше максимума' }]
    : [];
}

function windowIssues(window: { opensOn: string; closesOn: string }): void {
  const issues = checkCampaignWindow(window);
  if (issues.length) throw new ValidationError(issues[0]!.message, issues);
}

const territoryOf = (c: { regionId: number | null }) => (c.regionId === null ? null : { regionId: c.regionId });

export interface CampaignDetail {
  campaign: Campaign;
  completion: TerritoryCompletion<number>;
  schools: SchoolRow[];
  curatorLink: Link | null;
}

export class SurveysService {
  private defaultsReady = false;

  constructor(private readonly db: Db) {}

  /** Stores the default instruments and methodology once per process (idempotent in the database too). */
  private async defaults(): Promise<void> {
    if (this.defaultsReady) return;
    await ensureSurveyDefaults(this.db);
    this.defaultsReady = true;
  }

  // ---- instruments and methodology ----

  async instruments() {
    await this.defaults();
    const rows = await q.latestInstruments(this.db);
    return {
      instruments: rows.map((r) => ({
        code: r.code,
        version: r.version,
        title: r.title,
        questionCount: surveyQuestions((r.definition as unknown as InstrumentDefinition).survey).length,
      })),
    };
  }

  async instrument(code: InstrumentCode, version?: number) {
    await this.defaults();
    const row = await q.instrument(this.db, code, version);
    if (!row) throw new NotFoundError('Анкета такой версии не найдена');
    return { code: row.code, version: row.version, title: row.title, definition: row.definition };
  }

  async methodology(version?: number) {
    await this.defaults();
    const row = await q.methodology(this.db, version);
    if (!row) throw new NotFoundError('Методика такой версии не найдена');
    return { version: row.version, title: row.title, definition: row.definition, versions: await q.methodologyVersions(this.db) };
  }

  async publishMethodology(actor: Actor, who: AuditActor, input: { title: string; definition: Record<string, unknown> }): Promise<{ version: number }> {
    requireMethodologyPublisher(actor);
    await this.defaults();
    return this.db.transaction(async (tx) => {
      const latest = await q.methodology(tx);
      const version = (latest?.version ?? 0) + 1;
      const instruments: Partial<Record<InstrumentCode, InstrumentDefinition>> = {};
      for (const row of await q.latestInstruments(tx)) instruments[row.code] = row.definition as unknown as InstrumentDefinition;
      const parsed = parseMethodology({ ...input.definition, version, title: input.title }, instruments);
      if (!parsed.ok) {
        const fields = parsed.issues.map((i) => ({ path: i.path ? `definition.${i.path}` : 'definition', message: i.message }));
        throw new ValidationError('Методика содержит ошибки', fields);
      }
      const inserted = await tx
        .insert(riskMethodologies)
        .values({ version, title: input.title, definition: parsed.methodology as unknown as Record<string, unknown>, createdBy: actor.userId })
        .onConflictDoNothing({ target: riskMethodologies.version })
        .returning({ version: riskMethodologies.version });
      if (!inserted.length) throw new ConflictError('Одновременно опубликована другая версия методики. Повторите публикацию.');
      await audit(tx, who, {
        action: 'create',
        entityType: 'risk_methodology',
        entityId: version,
        summary: `Опубликована методика расчёта рисковых профилей «${input.title}», версия ${version}`,
        changes: { created: true, version, title: input.title, factors: parsed.methodology.factors.length },
      });
      return { version };
    });
  }

  // ---- campaigns ----

  async list(actor: Actor, filter: { cycleId?: number }): Promise<{ items: Campaign[] }> {
    const rows = await q.listCampaigns(this.db, filter.cycleId);
    let scopeFor: (cycleId: number) => Scope;
    if (actor.role === 'curator') {
      const places = await q.curatorPlacesAllCycles(this.db, actor.userId);
      scopeFor = (cycleId) => ({ level: 'schools', schools: places.filter((p) => p.cycleId === cycleId) });
    } else {
      const scope = scopeOf(actor);
      scopeFor = () => scope;
    }
    const readable = rows.filter((c) => meets(scopeFor(c.cycleId), c.regionId));
    const counts = await q.schoolCounts(this.db, readable.map((c) => c.id), scopeCondition(actor, scopeOf(actor)));
    const now = new Date();
    return { items: readable.map((c) => campaignView(c, counts.get(c.id) ?? 0, actor, now)) };
  }

  async create(actor: Actor, who: AuditActor, input: CreateInput): Promise<{ campaign: Campaign }> {
    if (!mayOwnSomeCampaign(actor)) throw new ForbiddenError('Кампании анкетирования открывают администратор, федеральный и региональный координаторы');
    if (!canEditCampaign(actor, input.regionId)) throw new ForbiddenError('Региональный координатор открывает кампанию только в своём регионе');
    windowIssues(input);
    const rules = activationRulesOf(input.activationRules ?? {});
    const issues = rulesIssues(rules);
    if (issues.length) throw new ValidationError(issues[0]!.message, issues);

    return this.db.transaction(async (tx) => {
      // the cycle row lock serialises campaign creation per cycle: one campaign per cycle and region
      const cycle = await q.lockCycle(tx, input.cycleId);
      if (!cycle) throw fieldError('cycleId', 'Год проекта не найден');
      const region = input.regionId === null ? null : await q.regionById(tx, input.regionId);
      if (input.regionId !== null && !region) throw fieldError('regionId', 'Регион не найден');
      if (await q.campaignOf(tx, cycle.id, input.regionId)) {
        const message = region
          ? `Кампания анкетирования ${cycle.year} года для региона «${region.name}» уже открыта`
          : `Федеральная кампания анкетирования ${cycle.year} года уже открыта`;
        throw new ConflictError(message, [{ path: 'regionId', message }]);
      }
      await ensureSurveyDefaults(tx);
      const instrumentVersions: Record<string, number> = {};
      for (const row of await q.latestInstruments(tx)) instrumentVersions[row.code] = row.version;
      const methodology = await q.methodology(tx);
      const campaign = await q.insertCampaign(tx, {
        cycleId: cycle.id,
        regionId: input.regionId,
        title: input.title,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        methodologyVersion: methodology!.version,
        instrumentVersions,
        activationRules: (input.activationRules ?? {}) as Record<string, unknown>,
        createdBy: actor.userId,
      });
      const schoolIds = await q.addCycleSchools(tx, campaign.id, cycle.id, input.regionId);
      const links: Omit<q.NewLink, 'code'>[] = schoolIds.flatMap((schoolId) =>
        SCHOOL_INSTRUMENTS.map((instrument) => ({ campaignId: campaign.id, schoolId, instrument, maxResponses: capOf(instrument, null) })),
      );
      links.push({ campaignId: campaign.id, schoolId: null, instrument: 'curator_candidate', maxResponses: capOf('curator_candidate', null) });
      await insertLinksWithCodes(tx, links);
      await audit(tx, who, {
        action: 'create',
        entityType: 'survey_campaign',
        entityId: campaign.id,
        place: territoryOf(campaign),
        summary: `Открыта кампания анкетирования «${campaign.title}» (${region?.name ?? 'Российская Федерация'}, ${cycle.year} год): школ ${schoolIds.length}, ${campaign.opensOn} — ${campaign.closesOn}`,
        changes: {
          created: true,
          title: campaign.title,
          opensOn: campaign.opensOn,
          closesOn: campaign.closesOn,
          schools: schoolIds.length,
          methodologyVersion: campaign.methodologyVersion,
        },
      });
      const row = await q.campaignById(tx, campaign.id);
      return { campaign: campaignView(row!, schoolIds.length, actor, new Date()) };
    });
  }

  private async countFor(db: Tx, actor: Actor, found: ReadableCampaign): Promise<number> {
    return (await q.schoolCounts(db, [found.campaign.id], scopeCondition(actor, found.scope))).get(found.campaign.id) ?? 0;
  }

  /** Response counts of the rows: the whole campaign when the actor sees all of it, otherwise only its schools. */
  private async countsFor(db: Tx, found: ReadableCampaign, schoolIds: number[]) {
    const { scope, campaign } = found;
    const whole = scope.level === 'all' || (scope.level === 'region' && campaign.regionId === scope.regionId);
    return q.responseCounts(db, campaign.id, whole ? undefined : schoolIds);
  }

  async get(actor: Actor, id: number, filter: { municipalityId?: number }): Promise<CampaignDetail> {
    const found = await readableCampaign(this.db, actor, id);
    const { campaign, scope } = found;
    if (filter.municipalityId !== undefined) {
      const m = await q.municipalityById(this.db, filter.municipalityId);
      if (!m || !visible(scope, { regionId: m.regionId, municipalityId: m.id })) throw new NotFoundError('Муниципалитет не найден');
    }
    const condition = scopeCondition(actor, scope);
    const rows = await q.schoolRows(this.db, id, condition, filter.municipalityId);
    const counts = await this.countsFor(this.db, found, rows.map((r) => r.schoolId));
    const schools = rows.map((r) => schoolRowView(r, counts, q.countKey));
    const completion = territoryCompletion(schools.map((s) => ({ schoolId: s.schoolId, completion: s.completion })));
    const schoolCount = filter.municipalityId === undefined ? rows.length : await this.countFor(this.db, actor, found);
    let curatorLink: Link | null = null;
    if (canEditCampaign(actor, campaign.regionId)) {
      const [link] = await q.activeLinks(this.db, id, null);
      if (link) {
        const titles = await q.instrumentTitles(this.db, campaign.instrumentVersions);
        curatorLink = linkView(link, titles, await q.curatorCandidateCounts(this.db, id));
      }
    }
    return { campaign: campaignView(campaign, schoolCount, actor, new Date()), completion, schools, curatorLink };
  }

  async update(actor: Actor, who: AuditActor, id: number, input: UpdateInput): Promise<{ campaign: Campaign }> {
    return this.db.transaction(async (tx) => {
      const found = await editableCampaign(tx, actor, id);
      const c = found.campaign;
      if (c.version !== input.version) throw new ConflictError(CONFLICT, [{ path: 'version', message: CONFLICT }]);
      const window = { opensOn: input.opensOn ?? c.opensOn, closesOn: input.closesOn ?? c.closesOn };
      windowIssues(window);
      const stored: ActivationRulesInput = { ...(c.activationRules as ActivationRulesInput), ...(input.activationRules ?? {}) };
      const issues = rulesIssues(activationRulesOf(stored));
      if (issues.length) throw new ValidationError(issues[0]!.message, issues);
      const after = { title: input.title ?? c.title, ...window, activationRules: stored as Record<string, unknown> };
      const updated = await q.updateCampaignIfVersion(tx, id, input.version, after);
      if (!updated) throw new ConflictError(CONFLICT, [{ path: 'version', message: CONFLICT }]);
      const changes = diff({ title: c.title, opensOn: c.opensOn, closesOn: c.closesOn, activationRules: c.activationRules }, after);
      await audit(tx, who, {
        action: 'update',
        entityType: 'survey_campaign',
        entityId: id,
        place: territoryOf(c),
        summary: `Изменена кампания анкетирования «${after.title}»`,
        changes,
      });
      const row = await q.campaignById(tx, id);
      return { campaign: campaignView(row!, await this.countFor(tx, actor, found), actor, new Date()) };
    });
  }

  async close(actor: Actor, who: AuditActor, id: number): Promise<{ campaign: Campaign; computed: number }> {
    return this.db.transaction(async (tx) => {
      const found = await editableCampaign(tx, actor, id);
      const c = found.campaign;
      if (c.closedAt !== null) throw new ConflictError('Кампания уже завершена');
      await q.closeCampaign(tx, id);
      const { computed } = await computeCampaignProfiles(tx, id);
      await audit(tx, who, {
        action: 'close',
        entityType: 'survey_campaign',
        entityId: id,
        place: territoryOf(c),
        summary: `Завершена кампания анкетирования «${c.title}»: рассчитано рисковых профилей — ${computed}`,
        changes: { closedAt: [null, 'now'], computed },
      });
      const row = await q.campaignById(tx, id);
      return { campaign: campaignView(row!, await this.countFor(tx, actor, found), actor, new Date()), computed };
    });
  }

  // ---- schools of a campaign ----

  private async linksOf(db: Tx, campaign: q.CampaignRow, schoolId: number, counts: Map<string, q.Counts>): Promise<Link[]> {
    // one after another: `db` may be a transaction (one connection)
    const links = await q.activeLinks(db, campaign.id, schoolId);
    const titles = await q.instrumentTitles(db, campaign.instrumentVersions);
    const order = (i: InstrumentCode) => (SCHOOL_INSTRUMENTS as readonly string[]).indexOf(i);
    return links
      .sort((a, b) => order(a.instrument) - order(b.instrument))
      .map((l) => linkView(l, titles, counts.get(q.countKey(schoolId, l.instrument))));
  }

  async school(actor: Actor, id: number, schoolId: number): Promise<{ campaign: Campaign; school: SchoolRow; links: Link[] }> {
    const found = await readableCampaign(this.db, actor, id);
    const row = await readableSchool(this.db, found, schoolId);
    const counts = await q.responseCounts(this.db, id, [schoolId]);
    // codes are handed out by the school: only those who may enter its facts see them
    const links = mayEnterFacts(actor) ? await this.linksOf(this.db, found.campaign, schoolId, counts) : [];
    return {
      campaign: campaignView(found.campaign, await this.countFor(this.db, actor, found), actor, new Date()),
      school: schoolRowView(row, counts, q.countKey),
      links,
    };
  }

  async setFacts(actor: Actor, who: AuditActor, id: number, schoolId: number, input: FactsInput): Promise<{ school: SchoolRow; links: Link[] }> {
    return this.db.transaction(async (tx) => {
      const found = await readableCampaign(tx, actor, id);
      const row = await readableSchool(tx, found, schoolId);
      if (!mayEnterFacts(actor)) throw new ForbiddenError('Численность респондентов указывают школа, её куратор и координаторы');
      const c = found.campaign;
      if (campaignStatus({ opensOn: c.opensOn, closesOn: c.closesOn, closedAt: c.closedAt }, new Date()) === 'closed') throw new ConflictError(CLOSED);
      const before = await q.campaignSchoolForUpdate(tx, id, schoolId);
      await q.updateFacts(tx, id, schoolId, input);
      const expected = expectedOf(input);
      for (const instrument of SCHOOL_INSTRUMENTS) await q.setLinkCap(tx, id, schoolId, instrument, capOf(instrument, expected));
      const facts = { teachers: input.teachers, students6: input.students6, students9: input.students9, parents: input.parents };
      await audit(tx, who, {
        action: 'update',
        entityType: 'campaign_school',
        entityId: `${id}:${schoolId}`,
        place: { regionId: row.regionId, municipalityId: row.municipalityId, schoolId },
        summary: `Указана численность респондентов: ${row.name} (кампания «${c.title}»)`,
        changes: diff({ teachers: before?.teachers, students6: before?.students6, students9: before?.students9, parents: before?.parents }, facts),
      });
      const counts = await q.responseCounts(tx, id, [schoolId]);
      const updated = await q.schoolRow(tx, id, schoolId);
      return { school: schoolRowView(updated!, counts, q.countKey), links: await this.linksOf(tx, c, schoolId, counts) };
    });
  }

  async rotate(actor: Actor, who: AuditActor, id: number, schoolId: number, instrument: InstrumentCode): Promise<{ link: Link }> {
    return this.db.transaction(async (tx) => {
      const found = await readableCampaign(tx, actor, id);
      const row = await readableSchool(tx, found, schoolId);
      if (!mayRotate(actor)) throw new ForbiddenError('Сменить код могут школа, координаторы и администратор');
      const current = (await q.activeLinks(tx, id, schoolId)).find((l) => l.instrument === instrument);
      if (!current || !(await q.lockLink(tx, current.id))) throw new NotFoundError('Код анкеты не найден');
      await q.revokeLink(tx, current.id);
      // the new code starts clean: drafts of the old one cannot be continued and must not count
      await q.deleteDraftsOfLink(tx, current.id);
      const [link] = await insertLinksWithCodes(tx, [{ campaignId: id, schoolId, instrument, maxResponses: current.maxResponses }]);
      // the code itself is a secret handed out by the school: it is not written to the log
      await audit(tx, who, {
        action: 'update',
        entityType: 'respondent_link',
        entityId: link!.id,
        place: { regionId: row.regionId, municipalityId: row.municipalityId, schoolId },
        summary: `Заменён код анкеты «${instrument}»: ${row.name} (кампания «${found.campaign.title}»); прежний код больше не действует`,
        changes: { instrument, revokedLinkId: current.id },
      });
      const counts = await q.responseCounts(tx, id, [schoolId]);
      const titles = await q.instrumentTitles(tx, found.campaign.instrumentVersions);
      return { link: linkView(link!, titles, counts.get(q.countKey(schoolId, instrument))) };
    });
  }
}

