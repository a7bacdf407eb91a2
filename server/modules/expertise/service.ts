// Federal selective expertise (docs/documents-api.md, «Federal selective expertise»): reproducible samples of a
// cycle's selected schools (drawSample, seed stored), expert assignment, the expert's review form with its state
// machine (start / complete / reopen), and the completed results for the school's readers.
//
// Visibility: samples — admin and federal coordinators (an expert: the samples they have reviews in). A review before
// completion — admin, federal coordinators and the assigned expert only; a completed review — also everyone whose
// territory contains the school. Audit entries carry no territory (the sample's make-up is not the territory's
// business before completion); their summaries name the school.
import { randomBytes } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { contains, scopeOf, type Actor, type Place } from '../../../domain/access/policy.js';
import {
  allowedExpertiseActions,
  checkExpertiseForm,
  checkSampleOptions,
  CONCLUSION_LABELS,
  DEFAULT_EXPERTISE_CRITERIA,
  drawSample,
  EXPERTISE_ACTION_LABELS,
  expertiseTransition,
  type CriterionMark,
  type DocumentKind,
  type DocumentStatus,
  type ExpertiseAction,
  type ExpertiseActor,
  type ExpertiseConclusion,
  type ExpertiseCriterion,
  type ExpertiseStatus,
} from '../../../domain/documents/index.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../../../domain/errors.js';
import type { Db, Tx } from '../../db/client.js';
import { withinScope } from '../../db/scope.js';
import { enqueue } from '../../jobs/queue.js';
import { expertiseReviews, schools } from '../../db/schema.js';
import { audit, type AuditActor } from '../audit/service.js';
import { JOB_KINDS } from '../notifications/handlers.js';
import * as q from './queries.js';
import type { AssignInput, CreateSampleInput, ReviewInput } from './schemas.js';

export const SAMPLE_NOT_FOUND = 'Выборка не найдена';
export const REVIEW_NOT_FOUND = 'Экспертиза не найдена';
const CONFLICT = 'Экспертизу уже изменили в другом окне или другой пользователь. Обновите страницу: ваши изменения не сохранены.';
const CRITERIA: readonly ExpertiseCriterion[] = DEFAULT_EXPERTISE_CRITERIA;

export interface SampleView {
  id: number;
  cycleId: number;
  year: number;
  title: string;
  seed: string;
  /** Percent of the selected schools (null when drawn by count). */
  share: number | null;
  count: number | null;
  stratifyByRegion: boolean;
  kinds: DocumentKind[];
  /** Schools in the sample. */
  schools: number;
  /** Completed reviews. */
  completed: number;
  createdAt: string;
}

export interface ReviewRow {
  id: number;
  sampleId: number;
  schoolId: number;
  school: string;
  region: string;
  municipality: string;
  expert: string | null;
  status: ExpertiseStatus;
  conclusion: ExpertiseConclusion | null;
}

export interface ReviewDetail extends ReviewRow {
  cycleId: number;
  expertId: number | null;
  marks: Partial<Record<string, CriterionMark>>;
  comment: string;
  version: number;
  completedAt: string | null;
}

/** A school document as the expert sees it (the documents module's DocumentView, read-only here). */
export interface ExpertDocumentView {
  id: number;
  slotKey: string;
  kind: DocumentKind;
  status: DocumentStatus;
  version: number;
  reviewComment: string;
  programme: Record<string, unknown> | null;
  files: { id: number; number: number; fileId: number; name: string; size: number; mime: string; uploadedAt: string; uploadedBy: string | null }[];
  events: never[];
  updatedAt: string;
  can: { upload: false; edit: false; actions: never[] };
}

const isManager = (actor: Actor) => actor.role === 'admin' || actor.role === 'federal_coordinator';

export function requireManager(actor: Actor): void {
  if (!isManager(actor)) throw new ForbiddenError('Выборку для экспертизы составляет федеральный координатор');
}

const fieldError = (path: string, message: string) => new ValidationError(message, [{ path, message }]);
const placeOf = (r: { regionId: number; municipalityId: number; schoolId: number }): Place => ({
  regionId: r.regionId,
  municipalityId: r.municipalityId,
  schoolId: r.schoolId,
});

function sampleView(s: q.SampleSummary): SampleView {
  return {
    id: s.id,
    cycleId: s.cycleId,
    year: s.year,
    title: s.title,
    seed: s.seed,
    share: s.share,
    count: s.count,
    stratifyByRegion: s.stratifyByRegion,
    kinds: s.kinds as DocumentKind[],
    schools: s.schools,
    completed: s.completed,
    createdAt: s.createdAt.toISOString(),
  };
}

function rowView(r: q.ReviewFull): ReviewRow {
  return {
    id: r.id,
    sampleId: r.sampleId,
    schoolId: r.schoolId,
    school: r.school,
    region: r.region,
    municipality: r.municipality,
    expert: r.expert,
    status: r.status,
    conclusion: r.conclusion,
  };
}

function detailView(r: q.ReviewFull): ReviewDetail {
  return {
    ...rowView(r),
    cycleId: r.cycleId,
    expertId: r.expertId,
    marks: r.marks as Partial<Record<string, CriterionMark>>,
    comment: r.comment,
    version: r.version,
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}

/** May the actor see the review at all (see the header)? */
function canSee(actor: Actor, r: q.ReviewFull): boolean {
  if (isManager(actor)) return true;
  if (actor.role === 'expert' && r.expertId === actor.userId) return true;
  return r.status === 'completed' && contains(scopeOf(actor), placeOf(r));
}

/** In which capacity the actor takes part in the review: the assigned expert, the coordinator (admin: both). */
function capacities(actor: Actor, r: { expertId: number | null }): ExpertiseActor[] {
  const out: ExpertiseActor[] = [];
  if (actor.role === 'admin' || (actor.role === 'expert' && r.expertId === actor.userId)) out.push('expert');
  if (isManager(actor)) out.push('coordinator');
  return out;
}

function actionsFor(status: ExpertiseStatus, roles: ExpertiseActor[]): ExpertiseAction[] {
  const set = new Set(roles.flatMap((by) => allowedExpertiseActions(status, by)));
  return (['start', 'complete', 'reopen'] as const).filter((a) => set.has(a));
}

/** SQL twin of the list visibility: managers everything, an expert their own, others completed ones in their territory. */
function listCondition(actor: Actor): SQL | undefined {
  if (isManager(actor)) return undefined;
  if (actor.role === 'expert') return eq(expertiseReviews.expertId, actor.userId);
  const inTerritory = withinScope(scopeOf(actor), { regionId: schools.regionId, municipalityId: schools.municipalityId, schoolId: schools.id });
  return sql`${expertiseReviews.status} = 'completed' and ${inTerritory}`;
}

export class ExpertiseService {
  constructor(private readonly db: Db) {}

  // ---- samples ----

  async listSamples(actor: Actor, cycleId: number | undefined): Promise<{ items: SampleView[] }> {
    if (!isManager(actor) && actor.role !== 'expert') throw new ForbiddenError('Выборки экспертизы видят федеральный координатор и эксперты');
    const rows = await q.listSamples(this.db, { cycleId, ...(isManager(actor) ? {} : { expertId: actor.userId }) });
    return { items: rows.map(sampleView) };
  }

  async createSample(actor: Actor, who: AuditActor, input: CreateSampleInput): Promise<{ sample: SampleView & { schoolIds: number[] } }> {
    requireManager(actor);
    return this.db.transaction(async (tx) => {
      const cycle = await q.cycleById(tx, input.cycleId);
      if (!cycle) throw fieldError('cycleId', 'Год проекта не найден');
      const seed = input.seed ?? randomBytes(8).toString('hex');
      const options = {
        ...(input.share !== undefined ? { share: input.share / 100 } : {}),
        ...(input.count !== undefined ? { count: input.count } : {}),
        seed,
        stratifyByRegion: input.stratifyByRegion,
      };
      const issues = checkSampleOptions(options);
      if (issues.length) throw new ValidationError('Проверьте параметры выборки', issues);
      const population = await q.population(tx, cycle.id);
      if (!population.length) throw fieldError('cycleId', `В ${cycle.year} году нет отобранных в проект школ`);
      const schoolIds = drawSample(population, options);
      const sample = await q.insertSample(tx, {
        cycleId: cycle.id,
        title: input.title,
        seed,
        share: input.share ?? null,
        count: input.count ?? null,
        stratifyByRegion: input.stratifyByRegion,
        kinds: input.kinds,
        createdBy: actor.userId,
      });
      await q.insertReviews(tx, sample.id, schoolIds);
      await audit(tx, who, {
        action: 'create',
        entityType: 'expertise_sample',
        entityId: sample.id,
        summary:
          `Составлена выборка для федеральной экспертизы «${sample.title}» (${cycle.year} год): школ ${schoolIds.length} из ${population.length}` +
          `${input.share !== undefined ? `, доля ${input.share}%` : `, количество ${input.count}`}` +
          `${input.stratifyByRegion ? ', по регионам' : ''}, зерно «${seed}»`,
        changes: { created: true, ...options, share: input.share ?? null, kinds: input.kinds, schoolIds },
      });
      const summary = await q.sampleSummary(tx, sample.id);
      return { sample: { ...sampleView(summary!), schoolIds } };
    });
  }

  async getSample(actor: Actor, id: number): Promise<{ sample: SampleView; reviews: ReviewRow[] }> {
    if (!isManager(actor) && actor.role !== 'expert') throw new ForbiddenError('Выборки экспертизы видят федеральный координатор и эксперты');
    const sample = await q.sampleSummary(this.db, id);
    if (!sample) throw new NotFoundError(SAMPLE_NOT_FOUND);
    const reviews = await q.reviewsOfSample(this.db, id, isManager(actor) ? undefined : actor.userId);
    if (!isManager(actor) && reviews.length === 0) throw new NotFoundError(SAMPLE_NOT_FOUND);
    return { sample: sampleView(sample), reviews: reviews.map(rowView) };
  }

  async assign(actor: Actor, who: AuditActor, sampleId: number, input: AssignInput): Promise<{ reviews: ReviewRow[] }> {
    requireManager(actor);
    return this.db.transaction(async (tx) => {
      const sample = await q.sampleSummary(tx, sampleId);
      if (!sample) throw new NotFoundError(SAMPLE_NOT_FOUND);
      const ids = [...new Set(input.reviewIds)];
      const locked = new Map((await q.lockReviews(tx, ids)).map((r) => [r.id, r]));
      const issues: FieldIssue[] = [];
      input.reviewIds.forEach((rid, k) => {
        const r = locked.get(rid);
        if (!r || r.sampleId !== sampleId) issues.push({ path: `reviewIds.${k}`, message: 'Школа не входит в эту выборку' });
        else if (r.status === 'completed') issues.push({ path: `reviewIds.${k}`, message: 'Экспертиза уже завершена: сначала верните её эксперту' });
      });
      const expert = await q.userById(tx, input.expertId);
      if (!expert || expert.role !== 'expert' || !expert.active) {
        issues.push({ path: 'expertId', message: 'Выберите действующую учётную запись эксперта' });
      }
      if (issues.length) throw new ValidationError('Проверьте назначение экспертов', issues);
      await q.assignExpert(tx, ids, expert!.id);
      const all = await q.reviewsOfSample(tx, sampleId);
      const assigned = all.filter((r) => ids.includes(r.id));
      const before = ids.map((rid) => locked.get(rid)!.expertId);
      await audit(tx, who, {
        action: 'assign',
        entityType: 'expertise_sample',
        entityId: sampleId,
        summary: `Назначен эксперт ${expert!.fullName} по выборке «${sample.title}»: ${assigned.map((r) => r.school).join(', ')}`,
        changes: { expertId: expert!.id, reviewIds: ids, previousExperts: before },
      });
      return { reviews: assigned.map(rowView) };
    });
  }

  // ---- reviews ----

  async listReviews(actor: Actor, cycleId: number | undefined): Promise<{ items: ReviewRow[] }> {
    const rows = await q.listReviews(this.db, listCondition(actor), cycleId);
    return { items: rows.filter((r) => canSee(actor, r)).map(rowView) };
  }

  private async visibleReview(db: Tx, actor: Actor, id: number): Promise<q.ReviewFull> {
    const review = await q.reviewById(db, id);
    if (!review || !canSee(actor, review)) throw new NotFoundError(REVIEW_NOT_FOUND);
    return review;
  }

  async getReview(actor: Actor, id: number) {
    const review = await this.visibleReview(this.db, actor, id);
    const sample = await q.sampleSummary(this.db, review.sampleId);
    if (!sample) throw new NotFoundError(REVIEW_NOT_FOUND);
    const roles = capacities(actor, review);
    return {
      review: detailView(review),
      sample: sampleView(sample),
      criteria: CRITERIA,
      documents: await this.documents(review.cycleId, review.schoolId, sample.kinds),
      can: { edit: roles.includes('expert') && review.status !== 'completed', actions: actionsFor(review.status, roles) },
    };
  }

  private async documents(cycleId: number, schoolId: number, kinds: string[]): Promise<ExpertDocumentView[]> {
    const docs = await q.documentsOf(this.db, cycleId, schoolId, kinds);
    const versions = await q.versionsOf(this.db, docs.map((d) => d.id));
    return docs.map((d) => ({
      id: d.id,
      slotKey: d.slotKey,
      kind: d.kind,
      status: d.status,
      version: d.version,
      reviewComment: d.reviewComment,
      programme: d.programme ?? null,
      files: versions
        .filter((v) => v.documentId === d.id)
        .map((v) => ({ id: v.id, number: v.number, fileId: v.fileId, name: v.name, size: v.size, mime: v.mime, uploadedAt: v.uploadedAt.toISOString(), uploadedBy: v.uploadedBy })),
      events: [],
      updatedAt: d.updatedAt.toISOString(),
      can: { upload: false, edit: false, actions: [] },
    }));
  }

  async saveReview(actor: Actor, who: AuditActor, id: number, input: ReviewInput): Promise<{ review: ReviewDetail }> {
    return this.db.transaction(async (tx) => {
      await q.lockReviews(tx, [id]);
      const review = await this.visibleReview(tx, actor, id);
      const roles = capacities(actor, review);
      if (roles.length === 0) throw new ForbiddenError('Экспертизу проводит назначенный эксперт');
      if (review.version !== input.version) throw new ConflictError(CONFLICT, [{ path: 'version', message: CONFLICT }]);

      const unknown = Object.keys(input.marks).filter((code) => !CRITERIA.some((c) => c.code === code));
      if (unknown.length) throw new ValidationError('Проверьте оценки', unknown.map((code) => ({ path: `marks.${code}`, message: 'Нет такого критерия' })));

      const action = input.action;
      // reopen sends the review back as it is: the body's comment is the coordinator's reason (kept in the audit log)
      const fillsForm = action !== 'reopen';
      const form = {
        marks: fillsForm ? (input.marks as Partial<Record<string, CriterionMark>>) : (review.marks as Partial<Record<string, CriterionMark>>),
        conclusion: fillsForm ? (input.conclusion === undefined ? review.conclusion : input.conclusion) : review.conclusion,
        comment: fillsForm ? input.comment : review.comment,
      };
      let status = review.status;
      if (action) {
        const natural: ExpertiseActor = action === 'reopen' ? 'coordinator' : 'expert';
        const by = roles.includes(natural) ? natural : roles[0]!;
        const issues = action === 'complete' ? checkExpertiseForm(form, CRITERIA) : [];
        const result = expertiseTransition(review.status, action, by, {
          conclusion: form.conclusion,
          comment: action === 'reopen' ? input.comment : form.comment,
          criteriaComplete: !issues.some((i) => i.path.startsWith('marks.')),
        });
        if (!result.ok) {
          const formProblem = action === 'complete' && allowedExpertiseActions(review.status, by).includes('complete') && issues.length > 0;
          throw new ValidationError(result.reason, formProblem ? issues : [{ path: 'action', message: result.reason }]);
        }
        status = result.to;
      } else {
        if (!roles.includes('expert')) throw new ForbiddenError('Оценки заполняет назначенный эксперт');
        if (review.status === 'completed') {
          const message = 'Экспертиза завершена: изменить её можно после возврата федеральным координатором';
          throw new ValidationError(message, [{ path: 'action', message }]);
        }
      }

      const saved = await q.updateReviewIfVersion(tx, id, input.version, {
        status,
        marks: form.marks as Record<string, string>,
        conclusion: form.conclusion ?? null,
        comment: form.comment,
        completedAt: action === 'complete' ? new Date() : action === 'reopen' ? null : review.completedAt,
      });
      if (!saved) throw new ConflictError(CONFLICT, [{ path: 'version', message: CONFLICT }]);

      const changes: Record<string, unknown> = { version: [review.version, saved.version] };
      if (status !== review.status) changes.status = [review.status, status];
      if (JSON.stringify(review.marks) !== JSON.stringify(saved.marks)) changes.marks = [review.marks, saved.marks];
      if (review.conclusion !== saved.conclusion) changes.conclusion = [review.conclusion, saved.conclusion];
      if (review.comment !== saved.comment) changes.comment = [review.comment, saved.comment];
      if (action === 'reopen') changes.reason = input.comment;
      const what = action ? `«${EXPERTISE_ACTION_LABELS[action]}»` : 'сохранены оценки';
      await audit(tx, who, {
        action: action ?? 'update',
        entityType: 'expertise_review',
        entityId: id,
        summary:
          `Экспертиза школы «${review.school}» (${review.region}): ${what}` +
          (action === 'complete' && saved.conclusion ? `, заключение — ${CONCLUSION_LABELS[saved.conclusion]}` : ''),
        changes,
      });
      if (action === 'complete') {
        // notifications (server/modules/notifications) to the school and its curator, once this commits
        await enqueue(tx, JOB_KINDS.expertise, { reviewId: id, version: saved.version }, { dedupeKey: `expertise:${id}:v${saved.version}` });
      }
      const fresh = await q.reviewById(tx, id);
      return { review: detailView(fresh!) };
    });
  }

  // ---- results for the school's readers ----

  async schoolResults(actor: Actor, schoolId: number, cycleId: number | undefined) {
    const school = await q.schoolById(this.db, schoolId);
    if (!school || !contains(scopeOf(actor), { regionId: school.regionId, municipalityId: school.municipalityId, schoolId: school.id })) {
      throw new NotFoundError('Школа не найдена');
    }
    const rows = await q.completedOfSchool(this.db, school.id, cycleId);
    return {
      results: rows.map((r) => ({
        reviewId: r.reviewId,
        sample: { id: r.sampleId, title: r.sampleTitle, cycleId: r.cycleId, year: r.year, kinds: r.kinds as DocumentKind[] },
        conclusion: r.conclusion,
        marks: r.marks as Partial<Record<string, CriterionMark>>,
        comment: r.comment,
        completedAt: r.completedAt?.toISOString() ?? null,
      })),
    };
  }
}

