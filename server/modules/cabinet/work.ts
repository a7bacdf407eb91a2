// What waits for a user across modules (the cabinet's inbox): marks to confirm or to fix, overdue activities,
// drafts to approve, documents to review or to fix, stage reports to submit or to accept.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { contains, scopeOf, type Actor } from '../../../domain/access/policy.js';
import type { WorkCount, WorkFacts } from '../../../domain/cabinet/next-steps.js';
import { addDays } from '../../../domain/dates.js';
import { isOwner, isReviewer } from '../../../domain/roadmaps/access.js';
import type { Db } from '../../db/client.js';
import { curatorAssignments, itemExecutions, roadmapItems, schoolDocuments } from '../../db/schema.js';
import { today } from '../monitoring/clock.js';
import { computeFigures, stagesResolver, waitingMarks } from '../monitoring/figures.js';
import { currentStage } from '../monitoring/stages.js';
import { overdueActivities } from '../notifications/roadmap-events.js';
import { listSummaries } from '../roadmaps/queries.js';
import * as rq from '../stage-reports/queries.js';

const count = (ids: Iterable<number>, many: string, one: (id: number) => string): WorkCount => {
  const list = [...new Set(ids)];
  return { count: 0, link: list.length === 1 ? one(list[0]!) : many };
};

export async function workFacts(db: Db, actor: Actor, cycle: { id: number; year: number } | null): Promise<WorkFacts | undefined> {
  if (!cycle) return undefined;
  const now = today();
  const scope = scopeOf(actor);
  const rows = await listSummaries(db, scope, { cycleId: cycle.id });
  const mine = rows.filter((r) => isOwner(actor, r) && actor.role !== 'admin');
  const reviewed = rows.filter((r) => isReviewer(actor, r) && actor.role !== 'admin' && r.status === 'approved');
  // roadmaps lying in the user's territory (not the levels above it they may read): their overdue activities
  const territory = rows.filter(
    (r) => r.status === 'approved' && scope.level !== 'none' && (scope.level === 'all' || (r.regionId !== null && contains(scope, { regionId: r.regionId, municipalityId: r.municipalityId, schoolId: r.schoolId }))),
  );
  // one computation of the figures for all three lists
  const figures = await computeFigures(db, cycle, [...new Map([...mine, ...reviewed, ...territory].map((r) => [r.id, r])).values()], now);

  // marks «выполнено» waiting for this reviewer
  const waiting = reviewed.map((rm) => ({ id: rm.id, n: waitingMarks(figures, rm) })).filter((w) => w.n > 0);
  const toConfirm = waiting.map((w) => w.id);
  const toConfirmCount = waiting.reduce((sum, w) => sum + w.n, 0);
  const marksToConfirm = { ...count(toConfirm, '/monitoring', (id) => `/roadmaps/${id}`), count: toConfirmCount };

  // marks returned to this owner: in progress with the reviewer's comment
  const mineApproved = mine.filter((r) => r.status === 'approved').map((r) => r.id);
  const returned = mineApproved.length
    ? await db
        .select({ roadmapId: roadmapItems.roadmapId })
        .from(itemExecutions)
        .innerJoin(roadmapItems, eq(roadmapItems.id, itemExecutions.itemId))
        .where(
          and(
            inArray(roadmapItems.roadmapId, mineApproved),
            eq(itemExecutions.status, 'in_progress'),
            sql`${itemExecutions.reviewComment} <> ''`,
            sql`${roadmapItems.removedInRevision} is null`,
          ),
        )
    : [];
  const marksReturned = { ...count(returned.map((r) => r.roadmapId), '/roadmaps', (id) => `/roadmaps/${id}`), count: returned.length };

  // overdue in the territory (owners and the levels above); a curator: their schools
  const late = await overdueActivities(db, { rows: territory, figures }, now);
  const overdue: WorkCount = { ...count(late.map((a) => a.roadmap.id), '/monitoring', (id) => `/roadmaps/${id}`), count: late.length };

  const drafts = mine.filter((r) => r.status === 'draft');
  const draftCount = { ...count(drafts.map((r) => r.id), '/roadmaps', (id) => `/roadmaps/${id}`), count: drafts.length };

  // documents
  let documentsToReview: WorkCount = { count: 0, link: '/documents' };
  if (actor.role === 'curator') {
    const docs = await db
      .select({ schoolId: schoolDocuments.schoolId })
      .from(schoolDocuments)
      .innerJoin(curatorAssignments, and(eq(curatorAssignments.schoolId, schoolDocuments.schoolId), eq(curatorAssignments.cycleId, schoolDocuments.cycleId)))
      .where(and(eq(schoolDocuments.cycleId, cycle.id), eq(schoolDocuments.status, 'submitted'), eq(curatorAssignments.curatorId, actor.userId)));
    documentsToReview = { ...count(docs.map((d) => d.schoolId), '/documents', (id) => `/documents/schools/${id}`), count: docs.length };
  }
  let documentsReturned: WorkCount = { count: 0, link: '/documents' };
  if (actor.role === 'school' && actor.schoolId !== null) {
    const docs = await db
      .select({ id: schoolDocuments.id })
      .from(schoolDocuments)
      .where(and(eq(schoolDocuments.cycleId, cycle.id), eq(schoolDocuments.schoolId, actor.schoolId), eq(schoolDocuments.status, 'returned')));
    documentsReturned = { count: docs.length, link: `/documents/schools/${actor.schoolId}` };
  }

  // stage reports: the current stage (or the last measured one when it is past)
  let reportToSubmit: WorkFacts['reportToSubmit'] = null;
  let reportsToReview: WorkCount = { count: 0, link: '/monitoring/reports' };
  const stages = (await stagesResolver(db, cycle))(actor.regionId);
  const stage = [...stages].reverse().find((s) => s.measuredOn <= now) ?? currentStage(stages, now);
  if (stage) {
    const link = `/monitoring/reports?stageId=${stage.id}`;
    const dueSoon = stage.measuredOn <= addDays(now, 14);
    const place: rq.Place | null =
      actor.role === 'municipal_coordinator' && actor.regionId !== null && actor.municipalityId !== null
        ? { level: 'municipal', regionId: actor.regionId, municipalityId: actor.municipalityId }
        : actor.role === 'regional_coordinator' && actor.regionId !== null
          ? { level: 'regional', regionId: actor.regionId, municipalityId: null }
          : null;
    if (place && dueSoon) {
      const own = await rq.reportAt(db, stage.id, place);
      const hasRoadmaps = rows.some((r) => r.status === 'approved' && r.regionId === place.regionId && (place.municipalityId === null || r.municipalityId === place.municipalityId));
      if (hasRoadmaps && (!own || own.status === 'returned')) reportToSubmit = { count: 1, link, stage: stage.title, returned: own?.status === 'returned' };
    }
    if (actor.role === 'regional_coordinator' && actor.regionId !== null) {
      const n = (await rq.reportsOfRegion(db, [stage.id], actor.regionId)).filter((r) => r.level === 'municipal' && r.status === 'submitted').length;
      reportsToReview = { count: n, link };
    } else if (actor.role === 'federal_coordinator') {
      const n = (await rq.regionalReports(db, [stage.id])).filter((r) => r.status === 'submitted').length;
      reportsToReview = { count: n, link };
    }
  }

  return { marksToConfirm, marksReturned, overdue, drafts: draftCount, documentsToReview, documentsReturned, reportToSubmit, reportsToReview };
}

