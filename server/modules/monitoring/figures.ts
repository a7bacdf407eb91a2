// The one computation of stage figures for any set of roadmaps: approved roadmaps only, each against the revision
// in force at each stage's measuring date and against its region's targets. Used by roadmap pages, the monitoring
// summary, dashboards, stage reports and the escalation scan.
import { markAt, markLookup, stageFigures, type MarkLookup, type PlanRevision, type StageFigures } from '../../../domain/monitoring/figures.js';
import { effectiveStages, type EffectiveStage } from '../../../domain/monitoring/targets.js';
import type { Tx } from '../../db/client.js';
import * as q from './queries.js';
import { ensureStages } from './stages.js';

export interface FigureRoadmap {
  id: number;
  regionId: number | null;
  status: 'draft' | 'approved';
}

export interface Figures {
  /** Stages in force per region (key: region id, 0 = federal). */
  stagesOf: (regionId: number | null) => EffectiveStage[];
  /** Per approved roadmap, its figures at each stage (in stage order); absent for drafts. */
  byRoadmap: Map<number, StageFigures[]>;
  revisions: Map<number, PlanRevision[]>;
  lookup: MarkLookup;
}

/** The cycle's stages with every region's targets applied on demand. */
export async function stagesResolver(db: Tx, cycle: { id: number; year: number }) {
  const [stages, targets] = await Promise.all([ensureStages(db, cycle), q.targetsOf(db, cycle.id)]);
  const federal = stages.map((s) => ({ id: s.id, number: s.number, title: s.title, measuredOn: s.measuredOn, thresholdPercent: s.thresholdPercent }));
  const cache = new Map<number, EffectiveStage[]>();
  return (regionId: number | null): EffectiveStage[] => {
    const key = regionId ?? 0;
    let list = cache.get(key);
    if (!list) cache.set(key, (list = effectiveStages(federal, targets, regionId)));
    return list;
  };
}

export async function computeFigures(db: Tx, cycle: { id: number; year: number }, roadmaps: FigureRoadmap[], today: string): Promise<Figures> {
  const approved = roadmaps.filter((r) => r.status === 'approved').map((r) => r.id);
  const [stagesOf, plans, facts] = await Promise.all([stagesResolver(db, cycle), q.revisionPlans(db, approved), q.executionFacts(db, approved)]);
  const revisions = new Map<number, PlanRevision[]>();
  for (const p of plans) {
    const list = revisions.get(p.roadmapId) ?? [];
    list.push({ number: p.number, orderDate: p.orderDate, items: p.items });
    revisions.set(p.roadmapId, list);
  }
  const lookup = markLookup(facts);
  const byRoadmap = new Map<number, StageFigures[]>();
  for (const rm of roadmaps) {
    if (rm.status !== 'approved') continue;
    const revs = revisions.get(rm.id) ?? [];
    byRoadmap.set(rm.id, stagesOf(rm.regionId).map((s) => stageFigures(revs, s, lookup, today)));
  }
  return { stagesOf, byRoadmap, revisions, lookup };
}

/** API shape of one stage's figures: with the overdue activity ids at the top (as the roadmap page reads them). */
export function figuresView(f: StageFigures) {
  return { ...f, overdue: f.ids.overdue };
}
export type FiguresView = ReturnType<typeof figuresView>;

/** API shape of a stage in force for a territory. */
export function effectiveStageView(s: EffectiveStage) {
  return { id: s.id, number: s.number, title: s.title, measuredOn: s.measuredOn, thresholdPercent: s.thresholdPercent, source: s.source, federal: s.federal };
}

/** Marks «выполнено» of a roadmap's latest plan waiting for confirmation (a periodic activity: one per stage). */
export function waitingMarks(figures: Figures, rm: Pick<FigureRoadmap, 'id' | 'regionId'>): number {
  const latest = (figures.revisions.get(rm.id) ?? []).at(-1);
  const stages = figures.stagesOf(rm.regionId);
  let n = 0;
  for (const item of latest?.items ?? []) {
    const marks = item.periodic ? stages.map((s) => markAt(item, s.id, figures.lookup)) : [markAt(item, 0, figures.lookup)];
    n += marks.filter((m) => m?.status === 'done').length;
  }
  return n;
}
