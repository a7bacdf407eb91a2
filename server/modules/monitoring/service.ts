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
import { currentStage, ensureStages, resultsFor, stageView, statusLookup, type StageResultView, type StageView } from './stages.js';

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
  stages: StageView[];
  roadmaps: { roadmap: RoadmapSummary; results: StageResultView[] }[];
  overdue: OverdueEntry[];
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
    const stages = await ensureStages(this.db, cycle);
    const rows = (await listSummaries(this.db, scopeOf(actor), { ...filter, cycleId: cycle.id })).filter((r) => canReadRoadmap(actor, r));
    const ids = rows.map((r) => r.id);
    const [items, marks] = await Promise.all([q.monitoredItems(this.db, ids), q.statuses(this.db, ids)]);
    const byRoadmap = new Map<number, typeof items>();
    for (const item of items) {
      const list = byRoadmap.get(item.roadmapId);
      if (list) list.push(item);
      else byRoadmap.set(item.roadmapId, [item]);
    }
    const statusOf = statusLookup(marks);
    const now = today();
    const current = currentStage(stages, now);
    const overdue: OverdueEntry[] = [];
    const roadmaps = rows.map((row) => {
      const list = byRoadmap.get(row.id) ?? [];
      const results = resultsFor(list, stages, statusOf, now);
      const late = new Set(results.find((r) => r.stageId === current?.id)?.overdue ?? []);
      for (const item of list) {
        if (late.has(item.id)) {
          overdue.push({ roadmapId: row.id, territory: territoryName(row), itemId: item.id, number: item.number, title: item.title, dueDate: item.dueDate });
        }
      }
      return { roadmap: summaryView(row, actor), results };
    });
    overdue.sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.territory.localeCompare(b.territory, 'ru') || a.itemId - b.itemId);
    return { stages: stages.map(stageView), roadmaps, overdue };
  }
}
