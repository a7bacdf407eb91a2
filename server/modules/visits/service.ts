// Curator visits (docs/documents-api.md, «Curator visits»): the share of visited schools for a territory, a school's
// visits, and recording / editing / deleting a visit. Readers: everyone whose territory contains the school; writers:
// the school's curator in the visit's cycle (own visits only) and the administrator. Every write is audited.
import { contains, scopeOf, visible, type Actor, type Place } from '../../../domain/access/policy.js';
import type { Role } from '../../../domain/access/roles.js';
import { checkVisit, VISIT_FORMAT_LABELS, visitShare, type VisitFormat, type VisitShare } from '../../../domain/documents/index.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../domain/errors.js';
import type { Db, Tx } from '../../db/client.js';
import { audit, type AuditActor } from '../audit/service.js';
import { today } from '../monitoring/clock.js';
import * as q from './queries.js';
import type { CreateInput, ListQuery, UpdateInput } from './schemas.js';

export const VISIT_NOT_FOUND = 'Посещение не найдено';
const SCHOOL_NOT_FOUND = 'Школа не найдена';
const WRITER_ROLES: readonly Role[] = ['admin', 'curator'];

export interface VisitView {
  id: number;
  cycleId: number;
  schoolId: number;
  visitedOn: string;
  format: VisitFormat;
  notes: string;
  curator: string | null;
  /** The school's earliest visit in the cycle. */
  first: boolean;
  canEdit: boolean;
}

export interface OverviewView {
  cycle: { id: number; year: number };
  share: VisitShare<number>;
  schools: q.OverviewRow[];
}

const placeOf = (s: q.SchoolPlace): Place => ({ regionId: s.regionId, municipalityId: s.municipalityId, schoolId: s.id });
const ru = (date: string) => date.split('-').reverse().join('.');

export function requireWriterRole(actor: Actor): void {
  if (!WRITER_ROLES.includes(actor.role)) throw new ForbiddenError('Посещения записывает куратор школы');
}

function checkFields(input: { visitedOn: string; format: string; notes: string }): void {
  const issues = checkVisit(input, today());
  if (issues.length) throw new ValidationError('Проверьте заполнение полей', issues);
}

export class VisitsService {
  constructor(private readonly db: Db) {}

  /** The cycle named, or the current one (active, else planned, else the latest); 404 when there is none. */
  private async cycleOf(db: Tx, cycleId: number | undefined) {
    const cycle = cycleId === undefined ? await q.currentCycle(db) : await q.cycleById(db, cycleId);
    if (!cycle) throw new NotFoundError('Год проекта не найден');
    return cycle;
  }

  /** The school when the actor's territory contains it; otherwise 404. */
  private async readableSchool(db: Tx, actor: Actor, schoolId: number): Promise<q.SchoolPlace> {
    const school = await q.schoolById(db, schoolId);
    if (!school || !contains(scopeOf(actor), placeOf(school))) throw new NotFoundError(SCHOOL_NOT_FOUND);
    return school;
  }

  /** May the actor change this visit: the administrator, or its own curator while still assigned to the school. */
  private mayEdit(actor: Actor, visit: { curatorId: number | null }, assignedCurator: number | null): boolean {
    if (actor.role === 'admin') return true;
    return actor.role === 'curator' && visit.curatorId === actor.userId && assignedCurator === actor.userId;
  }

  async overview(actor: Actor, query: ListQuery): Promise<OverviewView> {
    const scope = scopeOf(actor);
    if (query.regionId !== undefined) {
      const region = await q.regionById(this.db, query.regionId);
      if (!region || !visible(scope, { regionId: region.id })) throw new NotFoundError('Регион не найден');
    }
    if (query.municipalityId !== undefined) {
      const m = await q.municipalityById(this.db, query.municipalityId);
      if (!m || !visible(scope, { regionId: m.regionId, municipalityId: m.id })) throw new NotFoundError('Муниципалитет не найден');
    }
    const cycle = await this.cycleOf(this.db, query.cycleId);
    const schools = await q.overview(this.db, scope, cycle.id, query);
    return { cycle: { id: cycle.id, year: cycle.year }, share: visitShare(schools), schools };
  }

  async ofSchool(actor: Actor, schoolId: number, cycleId: number | undefined): Promise<{ visits: VisitView[] }> {
    const school = await this.readableSchool(this.db, actor, schoolId);
    const cycle = await this.cycleOf(this.db, cycleId);
    return { visits: await this.views(this.db, actor, cycle.id, school.id) };
  }

  private async views(db: Tx, actor: Actor, cycleId: number, schoolId: number): Promise<VisitView[]> {
    const [rows, assigned] = await Promise.all([q.visitsOf(db, cycleId, schoolId), q.curatorOf(db, cycleId, schoolId)]);
    // newest first, so the earliest is the last; equal dates: the one recorded first
    const first = rows.reduce<q.VisitWithCurator | undefined>(
      (best, r) => (!best || r.visitedOn < best.visitedOn || (r.visitedOn === best.visitedOn && r.id < best.id) ? r : best),
      undefined,
    );
    return rows.map((r) => ({
      id: r.id,
      cycleId: r.cycleId,
      schoolId: r.schoolId,
      visitedOn: r.visitedOn,
      format: r.format,
      notes: r.notes,
      curator: r.curatorName,
      first: r.id === first?.id,
      canEdit: this.mayEdit(actor, r, assigned),
    }));
  }

  private async view(db: Tx, actor: Actor, visit: q.VisitRow): Promise<VisitView> {
    const found = (await this.views(db, actor, visit.cycleId, visit.schoolId)).find((v) => v.id === visit.id);
    if (!found) throw new NotFoundError(VISIT_NOT_FOUND);
    return found;
  }

  async create(actor: Actor, who: AuditActor, input: CreateInput): Promise<{ visit: VisitView }> {
    requireWriterRole(actor);
    return this.db.transaction(async (tx) => {
      const school = await this.readableSchool(tx, actor, input.schoolId);
      const cycle = await q.cycleById(tx, input.cycleId);
      if (!cycle) throw new ValidationError('Год проекта не найден', [{ path: 'cycleId', message: 'Год проекта не найден' }]);
      const assigned = await q.curatorOf(tx, cycle.id, school.id);
      if (actor.role === 'curator' && assigned !== actor.userId) {
        throw new ForbiddenError(`Посещения школы в ${cycle.year} году записывает назначенный ей куратор`);
      }
      if (!(await q.isSelected(tx, cycle.id, school.id))) {
        const message = `Школа не отобрана в проект ${cycle.year} года`;
        throw new ValidationError(message, [{ path: 'schoolId', message }]);
      }
      checkFields(input);
      const visit = await q.insertVisit(tx, {
        cycleId: cycle.id,
        schoolId: school.id,
        curatorId: actor.userId,
        visitedOn: input.visitedOn,
        format: input.format as VisitFormat,
        notes: input.notes,
      });
      const view = await this.view(tx, actor, visit);
      await audit(tx, who, {
        action: 'create',
        entityType: 'curator_visit',
        entityId: visit.id,
        place: placeOf(school),
        summary:
          `Записано ${view.first ? 'первое ' : ''}посещение школы «${school.name}» куратором: ` +
          `${ru(visit.visitedOn)}, ${VISIT_FORMAT_LABELS[visit.format]}`,
        changes: { created: true, cycleId: cycle.id, visitedOn: visit.visitedOn, format: visit.format, notes: visit.notes },
      });
      return { visit: view };
    });
  }

  /** The visit and its school for a change: 404 when the school is not readable, 403 when not the actor's to change. */
  private async changeable(tx: Tx, actor: Actor, id: number) {
    requireWriterRole(actor);
    const visit = await q.visitForUpdate(tx, id);
    const school = visit ? await q.schoolById(tx, visit.schoolId) : undefined;
    if (!visit || !school || !contains(scopeOf(actor), placeOf(school))) throw new NotFoundError(VISIT_NOT_FOUND);
    const assigned = await q.curatorOf(tx, visit.cycleId, visit.schoolId);
    if (!this.mayEdit(actor, visit, assigned)) throw new ForbiddenError('Изменять посещение может только куратор, который его записал');
    return { visit, school };
  }

  async update(actor: Actor, who: AuditActor, id: number, input: UpdateInput): Promise<{ visit: VisitView }> {
    return this.db.transaction(async (tx) => {
      const { visit, school } = await this.changeable(tx, actor, id);
      checkFields(input);
      const after = { visitedOn: input.visitedOn, format: input.format as VisitFormat, notes: input.notes };
      await q.updateVisit(tx, id, after);
      const changes: Record<string, unknown> = {};
      for (const key of ['visitedOn', 'format', 'notes'] as const) if (visit[key] !== after[key]) changes[key] = [visit[key], after[key]];
      await audit(tx, who, {
        action: 'update',
        entityType: 'curator_visit',
        entityId: id,
        place: placeOf(school),
        summary: `Изменено посещение школы «${school.name}» от ${ru(visit.visitedOn)}`,
        changes,
      });
      return { visit: await this.view(tx, actor, { ...visit, ...after }) };
    });
  }

  async remove(actor: Actor, who: AuditActor, id: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { visit, school } = await this.changeable(tx, actor, id);
      await q.deleteVisit(tx, id);
      await audit(tx, who, {
        action: 'delete',
        entityType: 'curator_visit',
        entityId: id,
        place: placeOf(school),
        summary: `Удалено посещение школы «${school.name}» от ${ru(visit.visitedOn)} (${VISIT_FORMAT_LABELS[visit.format]})`,
        changes: { visitedOn: visit.visitedOn, format: visit.format, notes: visit.notes },
      });
    });
  }
}
