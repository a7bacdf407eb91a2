// Monitoring: stages of a cycle (programme defaults on first read; admin and federal staff adjust them),
// and the summary of readable roadmaps: the share of executed and confirmed activities per stage, overdue items.
import { scopeOf, type Actor } from '../../../domain/access/policy.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../../../domain/errors.js';
import type { StageDef } from '../../../domain/monitoring/stages.js';
import { canReadRoadmap } from '../../../domain/roadmaps/access.js';
import type { Db, Tx } from '../../db/client.js';
import { audit, type AuditActor } from '../audit/service.js';
import { checkTerritoryFilter } from '../roadmaps/access.js';
import { listSummaries, type ListFilter } from '../roadmaps/queries.js';
import { summaryView, territoryName, type RoadmapSummary } from '../roadmaps/views.js';
import { today } from './clock.js';
import * as q from './queries.js';
import { totalFigures } from '../../../domain/monitoring/figures.js';
import { targetIssues } from '../../../domain/monitoring/targets.js';
import { computeFigures, effectiveStageView, figuresView, stagesResolver, type FiguresView } from './figures.js';
import { currentStage, ensureStages, stageView, type StageView } from './stages.js';

const STAGE_EDITORS = new Set(['admin', 'federal_coordinator']);

/** Stages are set for the whole country: admin and federal staff only (403 before the body is read). */
export function requireStageEditor(actor: Actor): void {
  if (!STAGE_EDITORS.has(actor.role)) throw new ForbiddenError('Этапы мониторинга настраивает федеральный координатор');
}

export interface OverdueEntry {
  roadmapId: number;
  territory: string;
  itemId: number;
  number: string | null;
  title: string;
  dueDate: string | null;
}

export interface MonitoringSummary {
  /** The stages in force for the territory viewed (a region's own targets where set). */
  stages: ReturnType<typeof effectiveStageView>[];
  /** Approved roadmaps have figures per stage; drafts none (they are not counted). */
  roadmaps: { roadmap: RoadmapSummary; results: FiguresView[] }[];
  /** All readable approved roadmaps together, per stage. */
  totals: ({ stageId: number } & ReturnType<typeof totalFigures>)[];
  drafts: number;
  overdue: OverdueEntry[];
}

/** A region's targets: its regional coordinator, admin and federal staff. */
export function mayEditTargets(actor: Actor, regionId: number): boolean {
  return STAGE_EDITORS.has(actor.role) || (actor.role === 'regional_coordinator' && actor.regionId === regionId);
}

export class MonitoringService {
  constructor(private readonly db: Db) {}

  private async cycle(db: Tx, cycleId: number | undefined) {
    const cycle = cycleId === undefined ? await q.currentCycle(db) : await q.cycleById(db, cycleId);
    if (!cycle) throw new NotFoundError('Год проекта не найден');
    return cycle;
  }

  async stages(cycleId: number | undefined): Promise<{ stages: StageView[] }> {
    const cycle = await this.cycle(this.db, cycleId);
    return { stages: (await ensureStages(this.db, cycle)).map(stageView) };
  }

  async updateStages(actor: Actor, who: AuditActor, input: { cycleId: number; stages: StageDef[] }): Promise<{ stages: StageView[] }> {
    requireStageEditor(actor);
    const issues: FieldIssue[] = [];
    const numbers = new Set<number>();
    input.stages.forEach((s, k) => {
      if (numbers.has(s.number)) issues.push({ path: `stages.${k}.number`, message: 'Номер этапа повторяется' });
      numbers.add(s.number);
    });
    const ordered = input.stages.map((s, k) => ({ s, k })).sort((a, b) => a.s.number - b.s.number);
    for (let j = 1; j < ordered.length; j++) {
      const prev = ordered[j - 1]!;
      const cur = ordered[j]!;
      if (cur.s.number !== prev.s.number && cur.s.measuredOn <= prev.s.measuredOn) {
        issues.push({ path: `stages.${cur.k}.measuredOn`, message: `Дата этапа ${cur.s.number} должна быть позже даты этапа ${prev.s.number}` });
      }
    }
    if (issues.length) throw new ValidationError('Проверьте заполнение полей', issues);

    return this.db.transaction(async (tx) => {
      const cycle = await this.cycle(tx, input.cycleId);
      const before = (await ensureStages(tx, cycle)).map(stageView);
      const dropped = await q.stagesOutside(tx, cycle.id, [...numbers]);
      const used = dropped.filter((s) => s.used);
      if (used.length) {
        const list = used.map((s) => s.number).join(', ');
        throw new ConflictError(`На этапе ${list} уже есть отметки об исполнении или документы — его нельзя удалить`, [
          { path: 'stages', message: `Этап ${list} нельзя удалить: на нём есть отметки` },
        ]);
      }
      await q.deleteStages(tx, dropped.map((s) => s.id));
      await q.upsertStages(tx, cycle.id, input.stages);
      const after = (await q.stagesOf(tx, cycle.id)).map(stageView);
      const strip = (list: StageView[]) => list.map(({ id: _id, ...rest }) => rest);
      if (JSON.stringify(strip(before)) !== JSON.stringify(strip(after))) {
        await audit(tx, who, {
          action: 'update',
          entityType: 'monitoring_stage',
          entityId: cycle.id,
          summary: `Изменены этапы мониторинга ${cycle.year} года: ${after.map((s) => `${s.number} — ${s.measuredOn}, ${s.thresholdPercent}%`).join('; ')}`,
          changes: { stages: [strip(before), strip(after)] },
        });
      }
      return { stages: after };
    });
  }

  async summary(actor: Actor, filter: Omit<ListFilter, 'schoolId'>): Promise<MonitoringSummary> {
    await checkTerritoryFilter(this.db, actor, filter);
    const cycle = await this.cycle(this.db, filter.cycleId);
    const rows = (await listSummaries(this.db, scopeOf(actor), { ...filter, cycleId: cycle.id })).filter((r) => canReadRoadmap(actor, r));
    const now = today();
    const figures = await computeFigures(this.db, cycle, rows, now);
    const regionId = filter.regionId ?? (actor.regionId ?? null);
    const stages = figures.stagesOf(regionId);
    const current = currentStage(stages, now);
    const overdueIds = new Map<number, Set<number>>();
    const roadmaps = rows.map((row) => {
      const list = figures.byRoadmap.get(row.id) ?? [];
      const late = list.find((f) => f.stageId === current?.id)?.ids.overdue ?? [];
      if (late.length) overdueIds.set(row.id, new Set(late));
      return { roadmap: summaryView(row, actor), results: list.map(figuresView) };
    });
    const items = await q.itemsByIds(this.db, [...overdueIds.values()].flatMap((s) => [...s]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const overdue: OverdueEntry[] = items
      .filter((i) => overdueIds.get(i.roadmapId)?.has(i.id))
      .map((i) => ({ roadmapId: i.roadmapId, territory: territoryName(byId.get(i.roadmapId)!), itemId: i.id, number: i.number, title: i.title, dueDate: i.dueDate }));
    overdue.sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.territory.localeCompare(b.territory, 'ru') || a.itemId - b.itemId);
    const totals = stages.map((s) => ({
      stageId: s.id,
      ...totalFigures(
        roadmaps.flatMap((r) => r.results.filter((f) => f.stageId === s.id)),
        s.thresholdPercent,
      ),
    }));
    return {
      stages: stages.map(effectiveStageView),
      roadmaps,
      totals,
      drafts: rows.filter((r) => r.status !== 'approved').length,
      overdue,
    };
  }

  /** Targets of a region's stages (own values where set, federal otherwise), with who set them and when. */
  async targets(actor: Actor, input: { cycleId?: number | undefined; regionId?: number | undefined }) {
    const regionId = input.regionId ?? actor.regionId ?? undefined;
    if (regionId === undefined) throw new ValidationError('Выберите регион', [{ path: 'regionId', message: 'Выберите регион' }]);
    await checkTerritoryFilter(this.db, actor, { regionId });
    const cycle = await this.cycle(this.db, input.cycleId);
    const [resolve, own] = await Promise.all([stagesResolver(this.db, cycle), q.targetsOf(this.db, cycle.id, regionId)]);
    const setOf = new Map(own.map((t) => [t.stageId, t]));
    return {
      cycleId: cycle.id,
      regionId,
      canEdit: mayEditTargets(actor, regionId),
      stages: resolve(regionId).map((s) => {
        const t = setOf.get(s.id);
        return { ...effectiveStageView(s), setBy: t?.setBy ?? null, setAt: t?.setAt.toISOString() ?? null };
      }),
    };
  }

  /** A region's own targets: its coordinator (or admin and federal staff); a stage left out falls back to the federal value. */
  async setTargets(
    actor: Actor,
    who: AuditActor,
    input: { cycleId: number; regionId: number; stages: { stageId: number; measuredOn: string; thresholdPercent: number }[] },
  ) {
    if (!mayEditTargets(actor, input.regionId)) throw new ForbiddenError('Цели этапов своего региона задаёт региональный координатор');
    await checkTerritoryFilter(this.db, actor, { regionId: input.regionId });
    await this.db.transaction(async (tx) => {
      const cycle = await this.cycle(tx, input.cycleId);
      const stages = await ensureStages(tx, cycle);
      const byId = new Map(stages.map((s) => [s.id, s]));
      const issues: FieldIssue[] = [];
      const seen = new Set<number>();
      input.stages.forEach((t, k) => {
        if (!byId.has(t.stageId)) issues.push({ path: `stages.${k}.stageId`, message: 'Этап не найден в этом году проекта' });
        else if (seen.has(t.stageId)) issues.push({ path: `stages.${k}.stageId`, message: 'Этап указан дважды' });
        seen.add(t.stageId);
      });
      if (issues.length) throw new ValidationError('Проверьте заполнение полей', issues);
      const merged = stages.map((s) => input.stages.find((t) => t.stageId === s.id) ?? { stageId: s.id, measuredOn: s.measuredOn, thresholdPercent: s.thresholdPercent });
      const order = targetIssues(merged.map((t) => ({ number: byId.get(t.stageId)!.number, measuredOn: t.measuredOn })));
      if (order.length) {
        const paths = order.map(([k, message]) => {
          const j = input.stages.findIndex((t) => t.stageId === merged[k]!.stageId);
          return { path: j >= 0 ? `stages.${j}.measuredOn` : 'stages', message };
        });
        throw new ValidationError(order[0]![1], paths);
      }
      const before = await q.targetsOf(tx, cycle.id, input.regionId);
      await q.replaceTargets(tx, input.regionId, stages.map((s) => s.id), input.stages, actor.userId);
      const text = (list: { stageId: number; measuredOn: string; thresholdPercent: number }[]) =>
        list.map((t) => `этап ${byId.get(t.stageId)?.number}: ${t.measuredOn}, ${t.thresholdPercent}%`).join('; ') || 'федеральные';
      await audit(tx, who, {
        action: 'update',
        entityType: 'stage_target',
        entityId: `${cycle.id}:${input.regionId}`,
        place: { regionId: input.regionId },
        summary: `Изменены цели этапов мониторинга региона на ${cycle.year} год: ${text(input.stages)}`,
        changes: { before: before.map((t) => ({ stageId: t.stageId, measuredOn: t.measuredOn, thresholdPercent: t.thresholdPercent })), after: input.stages },
      });
    });
    return this.targets(actor, { cycleId: input.cycleId, regionId: input.regionId });
  }
}
