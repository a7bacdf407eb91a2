// Territory dashboards and reports (docs/reports-api.md). The indicators are computed from live data by
// domain/dashboard; the data comes from a handful of grouped queries per request (schools, directions, documents,
// visits, questionnaire facts and answers, roadmaps with their items and marks) — never one query per school.
import { contains, scopeOf, visible, type Actor, type Place, type Scope } from '../../../domain/access/policy.js';
import {
  computeIndicators,
  groupByChild,
  kindStates,
  reportingStage,
  type ChildLevel,
  type Indicator,
  type RoadmapStageRow,
  type SchoolFacts,
} from '../../../domain/dashboard/indicators.js';
import { buildChecklist, slotState, type ChecklistSlot, type Deadlines, type DocumentStatus, type SlotState } from '../../../domain/documents/index.js';
import { groupBy } from '../../../domain/collections.js';
import { ForbiddenError, NotFoundError } from '../../../domain/errors.js';
import { canReadRoadmap } from '../../../domain/roadmaps/access.js';
import { FACTOR_CODES, type FactorCode } from '../../../domain/surveys/factors.js';
import { schoolCompletion, SCHOOL_INSTRUMENTS, type SchoolInstrumentCode } from '../../../domain/surveys/index.js';
import { and, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { withinScope } from '../../db/scope.js';
import { schools as schoolsTable } from '../../db/schema.js';
import * as documentQueries from '../documents/queries.js';
import { today } from '../monitoring/clock.js';
import * as monitoringQueries from '../monitoring/queries.js';
import { computeFigures } from '../monitoring/figures.js';
import { ensureStages, stageView, type StageView } from '../monitoring/stages.js';
import { readableBy } from '../roadmaps/queries.js';
import { FEDERATION, territoryName } from '../roadmaps/views.js';
import { expectedOf } from '../surveys/views.js';
import { CONTENT_TYPES, toDocx, toPdf, toXlsx, type Report } from './export.js';
import * as q from './queries.js';
import { schoolReport, stageReport, yearReport, type OnProgress } from './reports.js';
import { sanitizeFileName } from '../../storage/names.js';

export type Level = 'federal' | 'region' | 'municipality' | 'school';

export interface TerritoryQuery {
  regionId?: number;
  municipalityId?: number;
  schoolId?: number;
}

export interface Territory {
  level: Level;
  name: string;
  regionId?: number;
  municipalityId?: number;
  schoolId?: number;
}

export interface Crumb {
  level: Level;
  name: string;
  query: TerritoryQuery;
  /** The actor may open this level's dashboard. */
  link: boolean;
}

export interface ChildRow {
  id: number;
  name: string;
  level: ChildLevel;
  query: TerritoryQuery;
  schools: number;
  indicators: Indicator[];
}

export interface OverdueItem {
  roadmapId: number;
  territory: string;
  itemId: number;
  number: string | null;
  title: string;
  dueDate: string | null;
}

export interface OverdueDocument {
  schoolId: number;
  school: string;
  municipality: string;
  title: string;
  dueDate: string;
  status: DocumentStatus | 'missing';
}

export interface SchoolDocumentRow {
  title: string;
  dueDate: string;
  state: SlotState;
}

export interface Dashboard {
  cycle: { id: number; year: number; title: string };
  stages: StageView[];
  /** The stage reported against today. */
  currentStageId: number | null;
  territory: Territory;
  breadcrumbs: Crumb[];
  schools: number;
  indicators: Indicator[];
  childLevel: ChildLevel | null;
  children: ChildRow[];
  overdue: { items: OverdueItem[]; itemsTotal: number; documents: OverdueDocument[]; documentsTotal: number };
  /** School level only: the checklist with states. */
  documents?: SchoolDocumentRow[];
  can: { stageReport: boolean; schoolPdf: boolean };
}

/** Overdue lists are cut to this many rows (the totals are exact). */
export const OVERDUE_LIMIT = 100;

/** Roles that may download the monitoring stage report and the year-end summary of a territory. */
const REPORT_ROLES = new Set(['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator', 'observer', 'expert']);

export const TERRITORY_NOT_FOUND = 'Территория не найдена';

const collator = new Intl.Collator('ru');
const byName = <T extends { name: string }>(a: T, b: T) => collator.compare(a.name, b.name);

/** Everything the dashboard and the reports compute from, gathered for one territory. */
export interface Gathered {
  cycle: monitoringQueries.CycleRow;
  stages: monitoringQueries.StageRow[];
  currentStageId: number | null;
  territory: Territory;
  breadcrumbs: Crumb[];
  facts: SchoolFacts[];
  schoolNames: Map<number, { name: string; municipality: string; regionId: number; municipalityId: number }>;
  roadmapRows: RoadmapStageRow[];
  overdueItems: OverdueItem[];
  overdueDocuments: OverdueDocument[];
  /** Slots with states per school (for the school view and the printable profile). */
  slots: Map<number, SchoolDocumentRow[]>;
  childLevel: ChildLevel | null;
  children: { id: number; name: string }[];
}

export class ReportsService {
  constructor(private readonly db: Db) {}

  async cycle(cycleId?: number): Promise<monitoringQueries.CycleRow> {
    const cycle = cycleId === undefined ? await monitoringQueries.currentCycle(this.db) : await monitoringQueries.cycleById(this.db, cycleId);
    if (!cycle) throw new NotFoundError('Год проекта не найден');
    return cycle;
  }

  /** The actor's own territory: the school, municipality or region of the binding; a curator's common territory. */
  private home(actor: Actor): TerritoryQuery {
    const scope = scopeOf(actor);
    if (actor.role === 'curator') {
      const list = actor.curatedSchools;
      if (list.length === 1) return { schoolId: list[0]!.schoolId ?? undefined };
      const mos = new Set(list.map((s) => s.municipalityId));
      const rs = new Set(list.map((s) => s.regionId));
      if (list.length && mos.size === 1 && list[0]!.municipalityId != null) return { municipalityId: list[0]!.municipalityId };
      if (list.length && rs.size === 1) return { regionId: list[0]!.regionId };
      return {};
    }
    if (scope.level === 'schools' && scope.schools.length === 1) return { schoolId: scope.schools[0]!.schoolId ?? undefined };
    if (scope.level === 'municipality') return { municipalityId: scope.municipalityId };
    if (scope.level === 'region') return { regionId: scope.regionId };
    return {};
  }

  /** Resolves the requested territory (the most specific id given; the actor's own by default); 404 when not visible. */
  async territory(actor: Actor, query: TerritoryQuery, mustContain = false): Promise<{ territory: Territory; breadcrumbs: Crumb[] }> {
    const scope = scopeOf(actor);
    const wanted = query.schoolId ?? query.municipalityId ?? query.regionId;
    const t = wanted === undefined ? this.home(actor) : query;
    const ok = (place: Place) => (mustContain ? contains(scope, place) : visible(scope, place));
    const crumbs: Crumb[] = [];
    const federalLink = scope.level === 'all';
    crumbs.push({ level: 'federal', name: FEDERATION, query: {}, link: federalLink });
    if (t.schoolId !== undefined) {
      const s = await q.schoolById(this.db, t.schoolId);
      const place = s && { regionId: s.regionId, municipalityId: s.municipalityId, schoolId: s.id };
      if (!s || !place || !ok(place) || (query.municipalityId !== undefined && query.municipalityId !== s.municipalityId)) {
        throw new NotFoundError(TERRITORY_NOT_FOUND);
      }
      const [r, m] = await Promise.all([q.regionById(this.db, s.regionId), q.municipalityById(this.db, s.municipalityId)]);
      crumbs.push({ level: 'region', name: r?.name ?? '', query: { regionId: s.regionId }, link: visible(scope, { regionId: s.regionId }) });
      crumbs.push({
        level: 'municipality',
        name: m?.name ?? '',
        query: { regionId: s.regionId, municipalityId: s.municipalityId },
        link: visible(scope, { regionId: s.regionId, municipalityId: s.municipalityId }),
      });
      crumbs.push({ level: 'school', name: s.name, query: { regionId: s.regionId, municipalityId: s.municipalityId, schoolId: s.id }, link: true });
      return { territory: { level: 'school', name: s.name, regionId: s.regionId, municipalityId: s.municipalityId, schoolId: s.id }, breadcrumbs: crumbs };
    }
    if (t.municipalityId !== undefined) {
      const m = await q.municipalityById(this.db, t.municipalityId);
      if (!m || !ok({ regionId: m.regionId, municipalityId: m.id }) || (query.regionId !== undefined && query.regionId !== m.regionId)) {
        throw new NotFoundError(TERRITORY_NOT_FOUND);
      }
      const r = await q.regionById(this.db, m.regionId);
      crumbs.push({ level: 'region', name: r?.name ?? '', query: { regionId: m.regionId }, link: visible(scope, { regionId: m.regionId }) });
      crumbs.push({ level: 'municipality', name: m.name, query: { regionId: m.regionId, municipalityId: m.id }, link: true });
      return { territory: { level: 'municipality', name: m.name, regionId: m.regionId, municipalityId: m.id }, breadcrumbs: crumbs };
    }
    if (t.regionId !== undefined) {
      const r = await q.regionById(this.db, t.regionId);
      if (!r || !ok({ regionId: r.id })) throw new NotFoundError(TERRITORY_NOT_FOUND);
      crumbs.push({ level: 'region', name: r.name, query: { regionId: r.id }, link: true });
      return { territory: { level: 'region', name: r.name, regionId: r.id }, breadcrumbs: crumbs };
    }
    if (mustContain && scope.level !== 'all') throw new NotFoundError(TERRITORY_NOT_FOUND);
    crumbs[0]!.link = true;
    return { territory: { level: 'federal', name: FEDERATION }, breadcrumbs: crumbs };
  }

  /** Gathers the territory's data inside the actor's scope. */
  async gather(actor: Actor, cycleId: number | undefined, query: TerritoryQuery, mustContain = false): Promise<Gathered> {
    const db: Tx = this.db;
    const cycle = await this.cycle(cycleId);
    const { territory, breadcrumbs } = await this.territory(actor, query, mustContain);
    const scope: Scope = scopeOf(actor);
    const curatorId = actor.role === 'curator' ? actor.userId : null;
    const stages = await ensureStages(db, cycle);
    const now = today();
    const f = { cycleId: cycle.id, regionId: territory.regionId, municipalityId: territory.municipalityId };
    const where = q.territoryCondition({ ...f, schoolId: territory.schoolId });
    const inScope = withinScope(scope, { regionId: schoolsTable.regionId, municipalityId: schoolsTable.municipalityId, schoolId: schoolsTable.id });
    const scoped = and(where, inScope) as SQL;
    const [schoolRows, directions, docs, visits, surveyRows, answers, deadlineRows, roadmapList] = await Promise.all([
      documentQueries.overviewSchools(db, scope, f, curatorId),
      documentQueries.overviewDirections(db, scope, f, curatorId),
      documentQueries.overviewDocuments(db, scope, f, curatorId),
      q.firstVisits(db, cycle.id, scoped),
      q.surveyFacts(db, cycle.id, scoped),
      q.submittedCounts(db, cycle.id, scoped),
      documentQueries.deadlinesOf(db, cycle.id),
      q.territoryRoadmaps(db, cycle.id, readableBy(scope), { regionId: f.regionId, municipalityId: f.municipalityId, schoolId: territory.schoolId }),
    ]);
    const schools = territory.schoolId === undefined ? schoolRows : schoolRows.filter((s) => s.id === territory.schoolId);

    // questionnaires: the school's latest campaign of the cycle
    const survey = new Map<number, q.SurveyFactsRow>();
    for (const row of surveyRows) survey.set(row.schoolId, row);
    const received = new Map<string, number>();
    for (const a of answers) received.set(`${a.campaignId}:${a.schoolId}:${a.instrument}`, a.n);

    const directionsOf = groupBy(directions, (d) => d.schoolId);
    const docsOf = groupBy(docs, (d) => d.schoolId);
    const firstVisit = new Map(visits.map((v) => [v.schoolId, v.first]));
    const deadlines = Object.fromEntries(deadlineRows.filter((r) => r.kind !== 'evidence').map((r) => [r.kind, r.dueDate])) as Partial<Deadlines>;

    const current = reportingStage(stages, now);
    const horizon = current?.measuredOn ?? null;
    const facts: SchoolFacts[] = [];
    const slotsOf = new Map<number, SchoolDocumentRow[]>();
    const overdueDocuments: OverdueDocument[] = [];
    const schoolNames: Gathered['schoolNames'] = new Map();
    for (const s of schools) {
      schoolNames.set(s.id, { name: s.name, municipality: s.municipality, regionId: s.regionId, municipalityId: s.municipalityId });
      const codes = (directionsOf.get(s.id) ?? []).map((d) => d.code);
      const slots: ChecklistSlot[] = buildChecklist({ directions: factorCodes(codes), stages, deadlines, year: cycle.year });
      const byKey = new Map((docsOf.get(s.id) ?? []).map((d) => [d.slotKey, d]));
      const rows: SchoolDocumentRow[] = [];
      for (const slot of slots) {
        const doc = byKey.get(slot.key) ?? null;
        const state = slotState(slot, doc, now);
        rows.push({ title: slot.title, dueDate: slot.dueDate, state });
        if (state === 'overdue') {
          overdueDocuments.push({ schoolId: s.id, school: s.name, municipality: s.municipality, title: slot.title, dueDate: slot.dueDate, status: doc?.status ?? 'missing' });
        }
      }
      slotsOf.set(s.id, rows);
      const sv = survey.get(s.id);
      let surveysComplete = false;
      if (sv) {
        const got: Partial<Record<SchoolInstrumentCode, number>> = {};
        for (const i of SCHOOL_INSTRUMENTS) got[i] = received.get(`${sv.campaignId}:${s.id}:${i}`) ?? 0;
        surveysComplete = schoolCompletion(expectedOf(sv), got).complete;
      }
      facts.push({
        schoolId: s.id,
        municipalityId: s.municipalityId,
        regionId: s.regionId,
        surveysComplete,
        profileVerified: sv?.verification === 'verified',
        directionsActivated: codes.length > 0,
        visited: (firstVisit.get(s.id) ?? null) !== null,
        // documents count once they are expected: due by the reporting stage's date (evidence of later stages is not yet)
        documents: kindStates(
          slots.filter((slot) => horizon === null || slot.dueDate <= horizon).map((slot) => ({ kind: slot.kind, state: byKey.get(slot.key)?.status ?? 'missing' })),
        ),
      });
    }
    overdueDocuments.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || collator.compare(a.school, b.school) || collator.compare(a.title, b.title));

    // roadmaps of the territory the actor may read, their items and marks (two grouped queries)
    const roadmapsRead = roadmapList.filter((r) => canReadRoadmap(actor, r) && (territory.level === 'federal' || r.level !== 'federal'));
    // figures of approved roadmaps against the revision in force at each stage (drafts are not counted)
    const figures = await computeFigures(db, cycle, roadmapsRead, now);
    const roadmapRows: RoadmapStageRow[] = [];
    const late = new Map<number, Set<number>>();
    for (const rm of roadmapsRead) {
      const results = figures.byRoadmap.get(rm.id) ?? [];
      for (const r of results) {
        roadmapRows.push({
          roadmapId: rm.id,
          regionId: rm.regionId,
          municipalityId: rm.municipalityId,
          schoolId: rm.schoolId,
          stageId: r.stageId,
          due: r.due,
          done: r.done,
          confirmed: r.confirmed,
        });
      }
      const ids = results.find((r) => r.stageId === current?.id)?.ids.overdue ?? [];
      if (ids.length) late.set(rm.id, new Set(ids));
    }
    const byRoadmap = new Map(roadmapsRead.map((r) => [r.id, r]));
    const overdueItems: OverdueItem[] = (await monitoringQueries.itemsByIds(db, [...late.values()].flatMap((x) => [...x])))
      .filter((i) => late.get(i.roadmapId)?.has(i.id))
      .map((i) => ({ roadmapId: i.roadmapId, territory: territoryName(byRoadmap.get(i.roadmapId)!), itemId: i.id, number: i.number, title: i.title, dueDate: i.dueDate }));
    overdueItems.sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || collator.compare(a.territory, b.territory) || a.itemId - b.itemId);

    // children of the territory, from the schools in scope
    const childLevel: ChildLevel | null =
      territory.level === 'federal' ? 'region' : territory.level === 'region' ? 'municipality' : territory.level === 'municipality' ? 'school' : null;
    let children: { id: number; name: string }[] = [];
    if (childLevel === 'region') {
      const names = await q.regionNames(this.db, [...new Set(schools.map((s) => s.regionId))]);
      children = [...names].map(([id, name]) => ({ id, name }));
    } else if (childLevel === 'municipality') {
      const seen = new Map<number, string>();
      for (const s of schools) seen.set(s.municipalityId, s.municipality);
      children = [...seen].map(([id, name]) => ({ id, name }));
    } else if (childLevel === 'school') {
      children = schools.map((s) => ({ id: s.id, name: s.name }));
    }
    children.sort(byName);

    return {
      cycle,
      stages,
      currentStageId: current?.id ?? null,
      territory,
      breadcrumbs,
      facts,
      schoolNames,
      roadmapRows,
      overdueItems,
      overdueDocuments,
      slots: slotsOf,
      childLevel,
      children,
    };
  }

  async dashboard(actor: Actor, input: TerritoryQuery & { cycleId?: number }): Promise<Dashboard> {
    const g = await this.gather(actor, input.cycleId, input);
    const stageInfo = g.stages.map((s) => ({ id: s.id, number: s.number, title: s.title, thresholdPercent: s.thresholdPercent }));
    const grouped = g.childLevel ? groupByChild(g.childLevel, g.children.map((c) => c.id), g.facts, g.roadmapRows, stageInfo) : [];
    const t = g.territory;
    const children: ChildRow[] = grouped.map((c, k) => {
      const id = c.id;
      const query: TerritoryQuery =
        g.childLevel === 'region'
          ? { regionId: id }
          : g.childLevel === 'municipality'
            ? { regionId: t.regionId, municipalityId: id }
            : { regionId: t.regionId, municipalityId: t.municipalityId, schoolId: id };
      return { id, name: g.children[k]!.name, level: g.childLevel!, query, schools: c.schools, indicators: c.indicators };
    });
    const scope = scopeOf(actor);
    return {
      cycle: { id: g.cycle.id, year: g.cycle.year, title: g.cycle.title },
      stages: g.stages.map(stageView),
      currentStageId: g.currentStageId,
      territory: t,
      breadcrumbs: g.breadcrumbs,
      schools: g.facts.length,
      indicators: computeIndicators(g.facts, g.roadmapRows, stageInfo),
      childLevel: g.childLevel,
      children,
      overdue: {
        items: g.overdueItems.slice(0, OVERDUE_LIMIT),
        itemsTotal: g.overdueItems.length,
        documents: g.overdueDocuments.slice(0, OVERDUE_LIMIT),
        documentsTotal: g.overdueDocuments.length,
      },
      ...(t.level === 'school' && t.schoolId !== undefined ? { documents: g.slots.get(t.schoolId) ?? [] } : {}),
      can: {
        stageReport: REPORT_ROLES.has(actor.role) && (t.level === 'region' || t.level === 'municipality') && (scope.level === 'all' || contains(scope, placeOf(t))),
        schoolPdf: t.level === 'school',
      },
    };
  }

  /** Report roles only (403 before anything is read). */
  requireReportRole(actor: Actor): void {
    if (!REPORT_ROLES.has(actor.role)) throw new ForbiddenError('Отчёты по территории формируют координаторы и наблюдатели');
  }

  /**
   * The rights check of a territory report without gathering its data (a background run checks before it is queued):
   * report role, the region or municipality inside the actor's territory, the cycle and the stage exist.
   */
  async checkReport(actor: Actor, input: { cycleId?: number; stageId?: number; regionId?: number; municipalityId?: number }): Promise<{ cycleId: number }> {
    this.requireReportRole(actor);
    if (input.regionId === undefined && input.municipalityId === undefined) throw new NotFoundError(TERRITORY_NOT_FOUND);
    const cycle = await this.cycle(input.cycleId);
    const { territory } = await this.territory(actor, { regionId: input.regionId, municipalityId: input.municipalityId }, true);
    if (territory.level !== 'region' && territory.level !== 'municipality') throw new NotFoundError(TERRITORY_NOT_FOUND);
    if (input.stageId !== undefined && !(await ensureStages(this.db, cycle)).some((s) => s.id === input.stageId)) {
      throw new NotFoundError('Этап мониторинга не найден');
    }
    return { cycleId: cycle.id };
  }

  /** Data of a territory report: the region or municipality must lie inside the actor's territory. */
  async reportData(actor: Actor, input: { cycleId?: number; regionId?: number; municipalityId?: number }) {
    this.requireReportRole(actor);
    if (input.regionId === undefined && input.municipalityId === undefined) throw new NotFoundError(TERRITORY_NOT_FOUND);
    const g = await this.gather(actor, input.cycleId, { regionId: input.regionId, municipalityId: input.municipalityId }, true);
    if (g.territory.level !== 'region' && g.territory.level !== 'municipality') throw new NotFoundError(TERRITORY_NOT_FOUND);
    return g;
  }
}

export interface ReportFile {
  body: Buffer;
  contentType: string;
  /** Russian file name and its ASCII fallback. */
  filename: string;
  asciiName: string;
}

export type ReportFormat = 'xlsx' | 'docx';

async function render(report: Report, format: ReportFormat | 'pdf'): Promise<Buffer> {
  if (format === 'xlsx') return toXlsx(report);
  if (format === 'docx') return toDocx(report);
  return toPdf(report);
}

const slug = (t: Territory) => (t.level === 'municipality' ? `municipality-${t.municipalityId}` : `region-${t.regionId}`);

/** Report files (generated synchronously in the request; they take well under a second for a region of 1,000 schools). */
export class ReportFiles {
  constructor(
    private readonly db: Db,
    private readonly service: ReportsService,
  ) {}

  async stage(
    actor: Actor,
    input: { cycleId?: number; stageId?: number; regionId?: number; municipalityId?: number; format: ReportFormat },
    onProgress?: OnProgress,
  ): Promise<ReportFile> {
    const g = await this.service.reportData(actor, input);
    onProgress?.(40, 'Данные собраны');
    const { report, stage } = stageReport(g, input.stageId, today(), onProgress);
    onProgress?.(90, 'Запись файла');
    return {
      body: await render(report, input.format),
      contentType: CONTENT_TYPES[input.format],
      filename: sanitizeFileName(`Отчёт этапа ${stage.number} — ${g.territory.name}.${input.format}`, input.format),
      asciiName: `stage-${stage.number}-${slug(g.territory)}-${g.cycle.year}.${input.format}`,
    };
  }

  async year(actor: Actor, input: { cycleId?: number; regionId?: number; municipalityId?: number; format: ReportFormat }, onProgress?: OnProgress): Promise<ReportFile> {
    const g = await this.service.reportData(actor, input);
    onProgress?.(40, 'Данные собраны');
    const report = yearReport(g, today(), onProgress);
    onProgress?.(90, 'Запись файла');
    return {
      body: await render(report, input.format),
      contentType: CONTENT_TYPES[input.format],
      filename: sanitizeFileName(`Итоговый отчёт ${g.cycle.year} — ${g.territory.name}.${input.format}`, input.format),
      asciiName: `year-${slug(g.territory)}-${g.cycle.year}.${input.format}`,
    };
  }

  /** The printable profile of a school inside the actor's territory (404 otherwise). */
  async school(actor: Actor, input: { schoolId: number; cycleId?: number }): Promise<ReportFile> {
    const g = await this.service.gather(actor, input.cycleId, { schoolId: input.schoolId }, true);
    const schoolId = input.schoolId;
    const [school, region, municipality, curator, visits, profile] = await Promise.all([
      q.schoolById(this.db, schoolId),
      q.regionById(this.db, g.territory.regionId ?? -1),
      q.municipalityById(this.db, g.territory.municipalityId ?? -1),
      q.schoolCurator(this.db, g.cycle.id, schoolId),
      q.schoolVisits(this.db, g.cycle.id, schoolId),
      q.schoolProfile(this.db, g.cycle.id, schoolId),
    ]);
    if (!school) throw new NotFoundError(TERRITORY_NOT_FOUND);
    const report = schoolReport(
      g,
      { school, region: region?.name ?? '', municipality: municipality?.name ?? '', curator, visits, profile: profile && { result: profile.result, verification: profile.verification } },
      today(),
    );
    return {
      body: await render(report, 'pdf'),
      contentType: CONTENT_TYPES.pdf,
      filename: sanitizeFileName(`Профиль школы — ${school.name}.pdf`, 'pdf'),
      asciiName: `school-${school.code}-${g.cycle.year}.pdf`,
    };
  }
}

export function placeOf(t: Territory): Place {
  return { regionId: t.regionId ?? -1, municipalityId: t.municipalityId ?? null, schoolId: t.schoolId ?? null };
}

function factorCodes(codes: readonly string[]): FactorCode[] {
  return FACTOR_CODES.filter((c) => codes.includes(c));
}
