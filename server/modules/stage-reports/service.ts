// Stage reports (отчёт за этап, data approval bottom-up): a municipality submits its figures and activities of a stage
// as a frozen snapshot, the region accepts or returns it with a reason; the region submits to the federal level the
// same way. A submitted or accepted report locks the marks of that stage for its territory (roadmaps/execution.ts).
import { sql } from 'drizzle-orm';
import { scopeOf, type Actor } from '../../../domain/access/policy.js';
import { CodedConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../domain/errors.js';
import { statusAt, totalFigures, type StageFigures } from '../../../domain/monitoring/figures.js';
import { REPORT_STATUS_LABELS, reportTransition, type ReportAction, type ShownReportStatus } from '../../../domain/monitoring/reports.js';
import type { EffectiveStage } from '../../../domain/monitoring/targets.js';
import type { Db, Tx } from '../../db/client.js';
import { enqueue } from '../../jobs/queue.js';
import { audit, type AuditActor } from '../audit/service.js';
import { today } from '../monitoring/clock.js';
import { computeFigures, effectiveStageView, stagesResolver } from '../monitoring/figures.js';
import * as mq from '../monitoring/queries.js';
import { currentStage } from '../monitoring/stages.js';
import { ROADMAP_JOB } from '../notifications/jobs.js';
import { listSummaries } from '../roadmaps/queries.js';
import { territoryName } from '../roadmaps/views.js';
import * as q from './queries.js';

export interface SnapshotRoadmap {
  roadmapId: number;
  level: string;
  territory: string;
  revision: number | null;
  due: number;
  done: number;
  confirmed: number;
  percent: number | null;
  /** The activities due at the stage, with their status on the measuring date. */
  activities: { itemId: number; number: string | null; title: string; status: string }[];
}

export interface Snapshot {
  stage: { id: number; number: number; title: string; measuredOn: string; thresholdPercent: number };
  territory: string;
  total: ReturnType<typeof totalFigures>;
  roadmaps: SnapshotRoadmap[];
  /** Regional report: the municipalities' reports at submission. */
  municipalities?: { municipalityId: number; name: string; status: ShownReportStatus }[];
  takenAt: string;
}

export interface ReportRowView {
  id: number | null;
  level: 'municipal' | 'regional';
  regionId: number;
  municipalityId: number | null;
  territory: string;
  status: ShownReportStatus;
  statusLabel: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string;
  /** Live figures now (the snapshot keeps those submitted). */
  live: ReturnType<typeof totalFigures>;
  submitted: ReturnType<typeof totalFigures> | null;
  can: { submit: boolean; review: boolean };
}

const isCoordinatorOf = (actor: Actor, place: q.Place) =>
  actor.role === 'admin' ||
  (place.level === 'municipal' ? actor.role === 'municipal_coordinator' && actor.municipalityId === place.municipalityId : actor.role === 'regional_coordinator' && actor.regionId === place.regionId);

const isReviewerOf = (actor: Actor, place: q.Place) =>
  actor.role === 'admin' || (place.level === 'municipal' ? actor.role === 'regional_coordinator' && actor.regionId === place.regionId : actor.role === 'federal_coordinator');

const READERS = new Set(['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator', 'observer']);

export class StageReportsService {
  constructor(private readonly db: Db) {}

  private async cycle(db: Tx, cycleId?: number) {
    const cycle = cycleId === undefined ? await mq.currentCycle(db) : await mq.cycleById(db, cycleId);
    if (!cycle) throw new NotFoundError('Год проекта не найден');
    return cycle;
  }

  /** Roadmaps a report covers with their figures: approved ones of the municipality, or of the whole region. */
  private async figuresOf(db: Tx, cycle: { id: number; year: number }, place: q.Place) {
    const rows = (await listSummaries(db, { level: 'all' }, { cycleId: cycle.id, regionId: place.regionId, ...(place.municipalityId !== null ? { municipalityId: place.municipalityId } : {}) })).filter(
      (r) => r.status === 'approved',
    );
    return { rows, figures: await computeFigures(db, cycle, rows, today()) };
  }

  private async snapshot(tx: Tx, cycle: { id: number; year: number }, stage: EffectiveStage, place: q.Place, territory: string): Promise<Snapshot> {
    const { rows, figures } = await this.figuresOf(tx, cycle, place);
    const items = new Map((await mq.itemsByIds(tx, rows.flatMap((r) => figures.byRoadmap.get(r.id)?.find((f) => f.stageId === stage.id)?.ids.due ?? []))).map((i) => [i.id, i]));
    const list: SnapshotRoadmap[] = [];
    const stageFigs: StageFigures[] = [];
    for (const r of rows) {
      const f = figures.byRoadmap.get(r.id)?.find((x) => x.stageId === stage.id);
      if (!f) continue;
      stageFigs.push(f);
      const periodicOf = new Map((figures.revisions.get(r.id) ?? []).flatMap((rev) => rev.items.map((i) => [i.id, i.periodic] as const)));
      list.push({
        roadmapId: r.id,
        level: r.level,
        territory: territoryName(r),
        revision: f.revision,
        due: f.due,
        done: f.done,
        confirmed: f.confirmed,
        percent: f.percent,
        activities: f.ids.due.map((id) => {
          const item = items.get(id);
          return {
            itemId: id,
            number: item?.number ?? null,
            title: item?.title ?? '',
            status: statusAt({ id, periodic: periodicOf.get(id) ?? false }, stage, figures.lookup),
          };
        }),
      });
    }
    const snap: Snapshot = {
      stage: { id: stage.id, number: stage.number, title: stage.title, measuredOn: stage.measuredOn, thresholdPercent: stage.thresholdPercent },
      territory,
      total: totalFigures(stageFigs, stage.thresholdPercent),
      roadmaps: list,
      takenAt: new Date().toISOString(),
    };
    if (place.level === 'regional') {
      const [munis, reports] = await Promise.all([q.municipalitiesOf(tx, place.regionId), q.reportsOfRegion(tx, [stage.id], place.regionId)]);
      const statusOf = new Map(reports.filter((x) => x.level === 'municipal').map((x) => [x.municipalityId, x.status]));
      snap.municipalities = munis.map((m) => ({ municipalityId: m.id, name: m.name, status: statusOf.get(m.id) ?? 'not_submitted' }));
    }
    return snap;
  }

  private async stageOf(db: Tx, cycle: { id: number; year: number }, stageId: number | undefined, regionId: number | null) {
    const stages = (await stagesResolver(db, cycle))(regionId);
    const stage = stageId === undefined ? currentStage(stages, today()) : stages.find((s) => s.id === stageId);
    if (!stage) throw new NotFoundError('Этап мониторинга не найден');
    return { stage, stages };
  }

  /** The report rows the user works with at a stage: their own territory's and those of the child territories. */
  async list(actor: Actor, input: { cycleId?: number | undefined; stageId?: number | undefined; regionId?: number | undefined }) {
    if (!READERS.has(actor.role)) throw new ForbiddenError('Отчёты за этап ведут координаторы');
    const scope = scopeOf(actor);
    const cycle = await this.cycle(this.db, input.cycleId);
    let regionId: number | null = scope.level === 'region' || scope.level === 'municipality' ? scope.regionId : (input.regionId ?? null);
    if (regionId !== null && input.regionId !== undefined && input.regionId !== regionId) throw new NotFoundError('Регион не найден');
    const { stage, stages } = await this.stageOf(this.db, cycle, input.stageId, regionId);
    const own: ReportRowView[] = [];
    const children: ReportRowView[] = [];
    if (regionId === null) {
      // federal: one row per region (its report to the federal level)
      const [regions, reports, { rows, figures }] = await Promise.all([
        q.regionsList(this.db),
        q.regionalReports(this.db, [stage.id]),
        this.allFigures(cycle),
      ]);
      const byRegion = new Map(reports.map((r) => [r.regionId, r]));
      for (const reg of regions) {
        const figs = rows.filter((r) => r.regionId === reg.id).flatMap((r) => figures.byRoadmap.get(r.id)?.filter((f) => f.stageId === stage.id) ?? []);
        children.push(this.rowView(actor, { level: 'regional', regionId: reg.id, municipalityId: null }, reg.name, byRegion.get(reg.id), totalFigures(figs, stage.thresholdPercent)));
      }
    } else {
      regionId = regionId as number;
      const [munis, reports, { rows, figures }, names] = await Promise.all([
        q.municipalitiesOf(this.db, regionId),
        q.reportsOfRegion(this.db, [stage.id], regionId),
        this.figuresOf(this.db, cycle, { level: 'regional', regionId, municipalityId: null }),
        q.placeNames(this.db, regionId, null),
      ]);
      const figsOf = (pred: (r: (typeof rows)[number]) => boolean) =>
        totalFigures(rows.filter(pred).flatMap((r) => figures.byRoadmap.get(r.id)?.filter((f) => f.stageId === stage.id) ?? []), stage.thresholdPercent);
      const regional = reports.find((r) => r.level === 'regional');
      const mine = scope.level === 'municipality' ? munis.filter((m) => m.id === scope.municipalityId) : munis;
      const munRows = mine.map((m) =>
        this.rowView(actor, { level: 'municipal', regionId: regionId as number, municipalityId: m.id }, m.name, reports.find((r) => r.level === 'municipal' && r.municipalityId === m.id), figsOf((r) => r.municipalityId === m.id)),
      );
      if (scope.level === 'municipality') own.push(...munRows);
      else {
        own.push(this.rowView(actor, { level: 'regional', regionId, municipalityId: null }, names.region ?? '', regional, figsOf(() => true)));
        children.push(...munRows);
      }
    }
    return { cycleId: cycle.id, stage: effectiveStageView(stage), stages: stages.map(effectiveStageView), own, children };
  }

  private async allFigures(cycle: { id: number; year: number }) {
    const rows = (await listSummaries(this.db, { level: 'all' }, { cycleId: cycle.id })).filter((r) => r.status === 'approved' && r.regionId !== null);
    return { rows, figures: await computeFigures(this.db, cycle, rows, today()) };
  }

  private rowView(actor: Actor, place: q.Place, territory: string, report: q.ReportRow | undefined, live: ReturnType<typeof totalFigures>): ReportRowView {
    const status: ShownReportStatus = report?.status ?? 'not_submitted';
    const snap = report?.snapshot as Snapshot | undefined;
    return {
      id: report?.id ?? null,
      level: place.level,
      regionId: place.regionId,
      municipalityId: place.municipalityId,
      territory,
      status,
      statusLabel: REPORT_STATUS_LABELS[status],
      submittedAt: report?.submittedAt.toISOString() ?? null,
      reviewedAt: report?.reviewedAt?.toISOString() ?? null,
      reviewComment: report?.reviewComment ?? '',
      live,
      submitted: snap?.total ?? null,
      can: {
        submit: isCoordinatorOf(actor, place) && reportTransition(status, 'submit').ok,
        review: report !== undefined && isReviewerOf(actor, place) && status === 'submitted',
      },
    };
  }

  private readable(actor: Actor, place: q.Place): boolean {
    if (!READERS.has(actor.role)) return false;
    const scope = scopeOf(actor);
    if (scope.level === 'all') return true;
    if (scope.level === 'region') return scope.regionId === place.regionId;
    if (scope.level === 'municipality') return place.level === 'municipal' && scope.municipalityId === place.municipalityId;
    return false;
  }

  async get(actor: Actor, id: number) {
    const report = await q.reportById(this.db, id);
    if (!report || !this.readable(actor, report)) throw new NotFoundError('Отчёт не найден');
    const events = await q.eventsOf(this.db, id);
    const names = await q.placeNames(this.db, report.regionId, report.municipalityId);
    return {
      report: {
        id: report.id,
        stageId: report.stageId,
        level: report.level,
        regionId: report.regionId,
        municipalityId: report.municipalityId,
        territory: report.level === 'municipal' ? (names.municipality ?? '') : (names.region ?? ''),
        status: report.status,
        statusLabel: REPORT_STATUS_LABELS[report.status],
        reviewComment: report.reviewComment,
        submittedAt: report.submittedAt.toISOString(),
        reviewedAt: report.reviewedAt?.toISOString() ?? null,
        snapshot: report.snapshot as unknown as Snapshot,
        can: { review: isReviewerOf(actor, report) && report.status === 'submitted' },
      },
      history: events.map((e) => ({ action: e.event.action, comment: e.event.comment, user: e.userName, at: e.event.at.toISOString() })),
    };
  }

  /** «Отправить отчёт»: the coordinator's own territory (admin names it); a returned report is submitted again. */
  async submit(actor: Actor, who: AuditActor, input: { stageId: number; regionId?: number | undefined; municipalityId?: number | undefined }) {
    const place = await this.placeFor(actor, input);
    if (!isCoordinatorOf(actor, place)) throw new ForbiddenError('Отчёт за этап отправляет координатор своей территории');
    const out = await this.db.transaction(async (tx) => {
      const stageRow = await mq.stageById(tx, input.stageId);
      if (!stageRow) throw new ValidationError('Этап не найден', [{ path: 'stageId', message: 'Этап не найден' }]);
      const cycle = await this.cycle(tx, stageRow.cycleId);
      const { stage } = await this.stageOf(tx, cycle, stageRow.id, place.regionId);
      const names = await q.placeNames(tx, place.regionId, place.municipalityId);
      if (place.municipalityId !== null && names.municipalityRegionId !== place.regionId) throw new NotFoundError('Муниципалитет не найден');
      const territory = (place.level === 'municipal' ? names.municipality : names.region) ?? '';
      // one submission at a time per place: lock the row, or serialise the first insert
      await tx.execute(sqlLock(`stage-report:${stage.id}:${place.regionId}:${place.municipalityId ?? 0}`));
      const existing = await q.reportAt(tx, stage.id, place, true);
      const t = reportTransition(existing?.status ?? 'not_submitted', 'submit');
      if (!t.ok) throw new CodedConflictError('report_state', t.reason, [{ path: 'stageId', message: t.reason }], { reportId: existing?.id ?? null, status: existing?.status ?? null });
      const snapshot = await this.snapshot(tx, cycle, stage, place, territory);
      const now = new Date();
      const values = { status: t.to, snapshot: snapshot as unknown as Record<string, unknown>, submittedBy: actor.userId, submittedAt: now, reviewedBy: null, reviewedAt: null, reviewComment: '' };
      const report = existing ? await q.updateReport(tx, existing.id, values) : await q.insertReport(tx, { stageId: stage.id, ...place, ...values });
      await q.insertEvent(tx, { reportId: report.id, action: 'submit', snapshot: snapshot as unknown as Record<string, unknown>, userId: actor.userId, at: now });
      const p = snapshot.total.percent;
      await audit(tx, who, {
        action: 'update',
        entityType: 'stage_report',
        entityId: report.id,
        place: { regionId: place.regionId, municipalityId: place.municipalityId },
        summary: `Отправлен отчёт за ${stage.title.toLowerCase()} (${territory}): подтверждено ${snapshot.total.confirmed} из ${snapshot.total.due} мероприятий к сроку${p === null ? '' : ` (${p}%)`}`,
        changes: { status: [existing?.status ?? 'not_submitted', t.to], stageId: stage.id, total: snapshot.total },
      });
      await enqueue(tx, ROADMAP_JOB, { event: 'report', action: 'submit', reportId: report.id, at: now.getTime() }, { dedupeKey: `report:${report.id}:submit:${now.getTime()}` });
      return report.id;
    });
    return this.get(actor, out);
  }

  async review(actor: Actor, who: AuditActor, id: number, action: Exclude<ReportAction, 'submit'>, comment: string) {
    await this.db.transaction(async (tx) => {
      const report = await q.lockReport(tx, id);
      if (!report || !this.readable(actor, report)) throw new NotFoundError('Отчёт не найден');
      if (!isReviewerOf(actor, report)) {
        throw new ForbiddenError(report.level === 'municipal' ? 'Отчёт муниципалитета принимает региональный координатор' : 'Отчёт региона принимает федеральный координатор');
      }
      const t = reportTransition(report.status, action, comment);
      if (!t.ok) throw new ValidationError(t.reason, [{ path: action === 'return' ? 'comment' : 'action', message: t.reason }]);
      const now = new Date();
      await q.updateReport(tx, id, { status: t.to, reviewedBy: actor.userId, reviewedAt: now, reviewComment: comment });
      await q.insertEvent(tx, { reportId: id, action, comment, userId: actor.userId, at: now });
      const stage = await mq.stageById(tx, report.stageId);
      const names = await q.placeNames(tx, report.regionId, report.municipalityId);
      const territory = (report.level === 'municipal' ? names.municipality : names.region) ?? '';
      await audit(tx, who, {
        action: action === 'accept' ? 'approve' : 'reject',
        entityType: 'stage_report',
        entityId: id,
        place: { regionId: report.regionId, municipalityId: report.municipalityId },
        summary: `Отчёт за ${(stage?.title ?? 'этап').toLowerCase()} (${territory}) ${action === 'accept' ? 'принят' : `возвращён на доработку: ${comment}`}`,
        changes: { status: [report.status, t.to], ...(comment ? { comment } : {}) },
      });
      await enqueue(tx, ROADMAP_JOB, { event: 'report', action, reportId: id, comment, at: now.getTime() }, { dedupeKey: `report:${id}:${action}:${now.getTime()}` });
    });
    return this.get(actor, id);
  }

  private async placeFor(actor: Actor, input: { regionId?: number | undefined; municipalityId?: number | undefined }): Promise<q.Place> {
    if (input.municipalityId !== undefined) {
      const names = await q.placeNames(this.db, input.regionId ?? actor.regionId ?? -1, input.municipalityId);
      const regionId = names.municipalityRegionId;
      if (regionId === null) throw new NotFoundError('Муниципалитет не найден');
      return { level: 'municipal', regionId, municipalityId: input.municipalityId };
    }
    if (input.regionId !== undefined) return { level: 'regional', regionId: input.regionId, municipalityId: null };
    if (actor.role === 'municipal_coordinator' && actor.regionId !== null && actor.municipalityId !== null) {
      return { level: 'municipal', regionId: actor.regionId, municipalityId: actor.municipalityId };
    }
    if (actor.role === 'regional_coordinator' && actor.regionId !== null) return { level: 'regional', regionId: actor.regionId, municipalityId: null };
    throw new ValidationError('Укажите территорию отчёта', [{ path: 'municipalityId', message: 'Выберите муниципалитет или регион' }]);
  }
}

const sqlLock = (key: string) => sql`select pg_advisory_xact_lock(hashtext(${key}))`;
