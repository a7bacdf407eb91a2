// Project years (годы проекта): list and edit, select schools (отбор ШНОР), assign curators (кураторы ОО).
import { contains, scopeOf, visible, type Actor } from '../../../domain/access/policy.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../domain/errors.js';
import { curatorProblem } from '../../../domain/territories/curators.js';
import type { Db, Tx } from '../../db/client.js';
import { audit, diff, type AuditActor } from '../audit/service.js';
import { guardConstraints, requireRole } from '../territories/access.js';
import { schoolRowById } from '../territories/queries.js';
import * as q from './queries.js';

const CYCLE_NOT_FOUND = 'Год проекта не найден';
const SCHOOL_NOT_FOUND = 'Школа не найдена';
const YEAR_TAKEN = { path: 'year', message: 'Год проекта с таким годом уже есть' };

export type CycleStatus = q.CycleRow['status'];

export class CyclesService {
  constructor(private readonly db: Db) {}

  list(actor: Actor) {
    requireRole(actor, 'territory.read');
    return q.listCycles(this.db, scopeOf(actor));
  }

  async get(actor: Actor, id: number) {
    requireRole(actor, 'territory.read');
    const cycle = await q.cycleSummary(this.db, scopeOf(actor), id);
    if (!cycle) throw new NotFoundError(CYCLE_NOT_FOUND);
    return cycle;
  }

  async create(actor: Actor, who: AuditActor, input: { year: number; title: string; status?: CycleStatus }) {
    requireRole(actor, 'cycle.write');
    return guardConstraints(
      () =>
        this.db.transaction(async (tx) => {
          if (await q.cycleByYear(tx, input.year)) throw new ConflictError(YEAR_TAKEN.message, [YEAR_TAKEN]);
          const cycle = await q.insertCycle(tx, input);
          await audit(tx, who, {
            action: 'create',
            entityType: 'cycle',
            entityId: cycle.id,
            summary: `Создан год проекта ${cycle.year} «${cycle.title}»`,
          });
          return cycle;
        }),
      { cycles_year_unique: YEAR_TAKEN },
    );
  }

  async update(actor: Actor, who: AuditActor, id: number, patch: { title?: string; status?: CycleStatus; escalationDays?: number[] }) {
    requireRole(actor, 'cycle.write');
    return this.db.transaction(async (tx) => {
      const before = await q.cycleById(tx, id);
      if (!before) throw new NotFoundError(CYCLE_NOT_FOUND);
      const after = Object.keys(patch).length ? ((await q.updateCycle(tx, id, patch)) ?? before) : before;
      const changes = diff(before, after);
      if (Object.keys(changes).length) {
        await audit(tx, who, {
          action: 'update',
          entityType: 'cycle',
          entityId: id,
          summary: `Изменён год проекта ${after.year} «${after.title}»`,
          changes,
        });
      }
      return after;
    });
  }

  async schools(actor: Actor, id: number) {
    requireRole(actor, 'territory.read');
    if (!(await q.cycleById(this.db, id))) throw new NotFoundError(CYCLE_NOT_FOUND);
    return q.selectedSchools(this.db, scopeOf(actor), id);
  }

  /** Select schools into the year. Any school outside the scope (or missing) makes the whole request a 404. */
  async addSchools(actor: Actor, who: AuditActor, id: number, schoolIds: number[]) {
    requireRole(actor, 'cycle.selectSchools');
    const ids = [...new Set(schoolIds)];
    return this.db.transaction(async (tx) => {
      const cycle = await q.cycleById(tx, id);
      if (!cycle) throw new NotFoundError(CYCLE_NOT_FOUND);
      const found = await q.schoolsInScope(tx, scopeOf(actor), ids);
      if (found.length !== ids.length) throw new NotFoundError('Некоторые школы не найдены');
      const already = await q.selectedIds(tx, id, ids);
      const added = new Set((await q.insertSelection(tx, id, ids.filter((s) => !already.has(s)))).map((r) => r.schoolId));
      for (const school of found.filter((s) => added.has(s.id))) {
        await audit(tx, who, {
          action: 'create',
          entityType: 'cycle_school',
          entityId: `${id}:${school.id}`,
          place: { regionId: school.regionId, municipalityId: school.municipalityId, schoolId: school.id },
          summary: `Школа «${school.shortName}» отобрана в год проекта ${cycle.year}`,
        });
      }
      return { added: added.size, alreadySelected: ids.length - added.size };
    });
  }

  async removeSchool(actor: Actor, who: AuditActor, id: number, schoolId: number) {
    requireRole(actor, 'cycle.selectSchools');
    await this.db.transaction(async (tx) => {
      const { cycle, school } = await this.cycleAndSchool(tx, actor, id, schoolId);
      if (!(await q.deleteSelection(tx, id, schoolId))) {
        throw new NotFoundError('Школа не отобрана в этот год проекта');
      }
      await audit(tx, who, {
        action: 'delete',
        entityType: 'cycle_school',
        entityId: `${id}:${schoolId}`,
        place: { regionId: school.regionId, municipalityId: school.municipalityId, schoolId },
        summary: `Школа «${school.shortName}» исключена из года проекта ${cycle.year}`,
      });
    });
  }

  /** Assign (or with null, remove) the curator of a selected school in the year. */
  async setCurator(actor: Actor, who: AuditActor, id: number, schoolId: number, curatorId: number | null) {
    requireRole(actor, 'curator.assign');
    return this.db.transaction(async (tx) => {
      const { cycle, school } = await this.cycleAndSchool(tx, actor, id, schoolId);
      if (!(await q.selectedIds(tx, id, [schoolId])).has(schoolId)) {
        throw new NotFoundError('Школа не отобрана в этот год проекта');
      }
      let curator: { id: number; fullName: string } | null = null;
      if (curatorId !== null) {
        const candidate = await q.userById(tx, curatorId);
        const problem = curatorProblem(candidate, school);
        if (problem || !candidate) throw new ValidationError(problem ?? '', [{ path: 'curatorId', message: problem ?? '' }]);
        curator = { id: candidate.id, fullName: candidate.fullName };
      }
      const before = await q.assignment(tx, id, schoolId);
      if ((before?.curatorId ?? null) !== curatorId) {
        await q.setAssignment(tx, id, schoolId, curatorId);
        await audit(tx, who, {
          action: curatorId === null ? 'delete' : before ? 'update' : 'create',
          entityType: 'curator_assignment',
          entityId: `${id}:${schoolId}`,
          place: { regionId: school.regionId, municipalityId: school.municipalityId, schoolId },
          summary: curator
            ? `Куратор школы «${school.shortName}» в ${cycle.year} году: ${curator.fullName}`
            : `Снят куратор школы «${school.shortName}» в ${cycle.year} году`,
          changes: { curator: [before?.curatorName ?? null, curator?.fullName ?? null] },
        });
      }
      return { schoolId, curator };
    });
  }

  /** Curators who may be assigned to schools of the region (for the picker). */
  async curators(actor: Actor, regionId: number, cycleId?: number) {
    requireRole(actor, 'curator.assign');
    if (!visible(scopeOf(actor), { regionId })) throw new NotFoundError('Регион не найден');
    return q.curatorsOfRegion(this.db, regionId, cycleId);
  }

  private async cycleAndSchool(tx: Tx, actor: Actor, id: number, schoolId: number) {
    const cycle = await q.cycleById(tx, id);
    if (!cycle) throw new NotFoundError(CYCLE_NOT_FOUND);
    const school = await schoolRowById(tx, schoolId);
    if (!school || !contains(scopeOf(actor), { regionId: school.regionId, municipalityId: school.municipalityId, schoolId })) {
      throw new NotFoundError(SCHOOL_NOT_FOUND);
    }
    return { cycle, school };
  }
}
