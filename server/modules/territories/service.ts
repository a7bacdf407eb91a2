// Regions, municipalities and schools: reads within the actor's scope, audited writes.
import { contains, scopeOf, visible, type Actor, type Place } from '../../../domain/access/policy.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../domain/errors.js';
import { mergeContext, onlyContactFields, type SchoolContext } from '../../../domain/territories/school.js';
import type { Db } from '../../db/client.js';
import { audit, diff, type AuditActor } from '../audit/service.js';
import { guardConstraints, requireRole } from './access.js';
import * as q from './queries.js';
import type { SchoolPatch } from './schemas.js';

const CODE_TAKEN = {
  regions_code_unique: { path: 'code', message: 'Регион с таким кодом уже есть' },
  municipalities_code_unique: { path: 'code', message: 'Муниципалитет с таким кодом уже есть' },
  schools_code_unique: { path: 'code', message: 'Школа с таким кодом уже есть' },
};

const REGION_NOT_FOUND = 'Регион не найден';
const MUNICIPALITY_NOT_FOUND = 'Муниципалитет не найден';
const SCHOOL_NOT_FOUND = 'Школа не найдена';

export interface SchoolInput {
  municipalityId: number;
  code: string;
  fullName: string;
  shortName: string;
  address: string;
  locality: 'urban' | 'rural';
  directorName: string;
  email: string;
  phone: string;
  context: Record<string, number | null>;
}

function placeOfSchool(s: { id: number; regionId: number; municipalityId: number }): Place {
  return { regionId: s.regionId, municipalityId: s.municipalityId, schoolId: s.id };
}

function conflict(path: string, message: string) {
  return new ConflictError(message, [{ path, message }]);
}

export class TerritoriesService {
  constructor(private readonly db: Db) {}

  // ---- regions ----

  listRegions(actor: Actor) {
    return q.listRegions(this.db, scopeOf(actor));
  }

  async getRegion(actor: Actor, id: number) {
    const region = await q.regionById(this.db, id);
    if (!region || !visible(scopeOf(actor), { regionId: region.id })) throw new NotFoundError(REGION_NOT_FOUND);
    return { id: region.id, code: region.code, name: region.name };
  }

  async createRegion(actor: Actor, who: AuditActor, input: { code: string; name: string }) {
    requireRole(actor, 'region.write');
    return guardConstraints(
      () =>
        this.db.transaction(async (tx) => {
          if ((await q.regionsByCodes(tx, [input.code])).length) throw conflict('code', CODE_TAKEN.regions_code_unique.message);
          const region = await q.insertRegion(tx, input);
          await audit(tx, who, {
            action: 'create',
            entityType: 'region',
            entityId: region.id,
            place: { regionId: region.id },
            summary: `Создан регион «${region.name}» (код ${region.code})`,
          });
          return region;
        }),
      CODE_TAKEN,
    );
  }

  async updateRegion(actor: Actor, who: AuditActor, id: number, patch: { code?: string; name?: string }) {
    requireRole(actor, 'region.write');
    return guardConstraints(
      () =>
        this.db.transaction(async (tx) => {
          const before = await q.regionById(tx, id);
          if (!before || !contains(scopeOf(actor), { regionId: id })) throw new NotFoundError(REGION_NOT_FOUND);
          if (patch.code && patch.code !== before.code && (await q.regionsByCodes(tx, [patch.code])).length) {
            throw conflict('code', CODE_TAKEN.regions_code_unique.message);
          }
          const after = (await q.updateRegion(tx, id, patch)) ?? before;
          const changes = diff(before, after);
          if (Object.keys(changes).length) {
            await audit(tx, who, {
              action: 'update',
              entityType: 'region',
              entityId: id,
              place: { regionId: id },
              summary: `Изменён регион «${after.name}»`,
              changes,
            });
          }
          return after;
        }),
      CODE_TAKEN,
    );
  }

  async deleteRegion(actor: Actor, who: AuditActor, id: number) {
    requireRole(actor, 'region.write');
    await guardConstraints(() =>
      this.db.transaction(async (tx) => {
        const region = await q.regionById(tx, id);
        if (!region || !contains(scopeOf(actor), { regionId: id })) throw new NotFoundError(REGION_NOT_FOUND);
        const children = await q.countMunicipalitiesOf(tx, id);
        if (children) {
          throw new ConflictError(`Нельзя удалить регион: в нём есть муниципалитеты (${children}). Сначала удалите их.`);
        }
        const accounts = await q.countUsersBound(tx, { regionId: id });
        if (accounts) {
          throw new ConflictError(`Нельзя удалить регион: к нему привязаны учётные записи (${accounts}).`);
        }
        await q.deleteRegion(tx, id);
        await audit(tx, who, {
          action: 'delete',
          entityType: 'region',
          entityId: id,
          place: { regionId: id },
          summary: `Удалён регион «${region.name}» (код ${region.code})`,
        });
      }),
    );
  }

  // ---- municipalities ----

  async listMunicipalities(actor: Actor, regionId?: number) {
    return q.listMunicipalities(this.db, scopeOf(actor), regionId);
  }

  async getMunicipality(actor: Actor, id: number) {
    const found = await q.municipalityById(this.db, id);
    if (!found || !visible(scopeOf(actor), { regionId: found.municipality.regionId, municipalityId: id })) {
      throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
    }
    const { municipality: m } = found;
    return { id: m.id, code: m.code, name: m.name, regionId: m.regionId, regionName: found.regionName };
  }

  async createMunicipality(actor: Actor, who: AuditActor, input: { regionId: number; code: string; name: string }) {
    requireRole(actor, 'municipality.write');
    return guardConstraints(
      () =>
        this.db.transaction(async (tx) => {
          const region = await q.regionById(tx, input.regionId);
          if (!region || !contains(scopeOf(actor), { regionId: region.id })) throw new NotFoundError(REGION_NOT_FOUND);
          if ((await q.municipalitiesByCodes(tx, [input.code])).length) {
            throw conflict('code', CODE_TAKEN.municipalities_code_unique.message);
          }
          const m = await q.insertMunicipality(tx, input);
          await audit(tx, who, {
            action: 'create',
            entityType: 'municipality',
            entityId: m.id,
            place: { regionId: m.regionId, municipalityId: m.id },
            summary: `Создан муниципалитет «${m.name}» (код ${m.code})`,
          });
          return m;
        }),
      CODE_TAKEN,
    );
  }

  async updateMunicipality(actor: Actor, who: AuditActor, id: number, patch: { code?: string; name?: string }) {
    requireRole(actor, 'municipality.write');
    return guardConstraints(
      () =>
        this.db.transaction(async (tx) => {
          const found = await q.municipalityById(tx, id);
          const before = found?.municipality;
          if (!before || !contains(scopeOf(actor), { regionId: before.regionId, municipalityId: id })) {
            throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
          }
          if (patch.code && patch.code !== before.code && (await q.municipalitiesByCodes(tx, [patch.code])).length) {
            throw conflict('code', CODE_TAKEN.municipalities_code_unique.message);
          }
          const after = (await q.updateMunicipality(tx, id, patch)) ?? before;
          const changes = diff(before, after);
          if (Object.keys(changes).length) {
            await audit(tx, who, {
              action: 'update',
              entityType: 'municipality',
              entityId: id,
              place: { regionId: after.regionId, municipalityId: id },
              summary: `Изменён муниципалитет «${after.name}»`,
              changes,
            });
          }
          return after;
        }),
      CODE_TAKEN,
    );
  }

  async deleteMunicipality(actor: Actor, who: AuditActor, id: number) {
    requireRole(actor, 'municipality.write');
    await guardConstraints(() =>
      this.db.transaction(async (tx) => {
        const m = (await q.municipalityById(tx, id))?.municipality;
        if (!m || !contains(scopeOf(actor), { regionId: m.regionId, municipalityId: id })) {
          throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
        }
        const children = await q.countSchoolsOf(tx, id);
        if (children) {
          throw new ConflictError(`Нельзя удалить муниципалитет: в нём есть школы (${children}). Сначала удалите их.`);
        }
        const accounts = await q.countUsersBound(tx, { municipalityId: id });
        if (accounts) {
          throw new ConflictError(`Нельзя удалить муниципалитет: к нему привязаны учётные записи (${accounts}).`);
        }
        await q.deleteMunicipality(tx, id);
        await audit(tx, who, {
          action: 'delete',
          entityType: 'municipality',
          entityId: id,
          place: { regionId: m.regionId, municipalityId: id },
          summary: `Удалён муниципалитет «${m.name}» (код ${m.code})`,
        });
      }),
    );
  }

  // ---- schools ----

  listSchools(actor: Actor, filter: q.SchoolFilter, page: { page: number; pageSize: number }) {
    return q.listSchools(this.db, scopeOf(actor), filter, {
      offset: (page.page - 1) * page.pageSize,
      limit: page.pageSize,
    });
  }

  async getSchool(actor: Actor, id: number) {
    const school = await q.schoolById(this.db, id);
    if (!school || !contains(scopeOf(actor), placeOfSchool(school))) throw new NotFoundError(SCHOOL_NOT_FOUND);
    const cycles = await q.cyclesOfSchool(this.db, id);
    return { ...school, cycles };
  }

  async createSchool(actor: Actor, who: AuditActor, input: SchoolInput) {
    requireRole(actor, 'school.write');
    return guardConstraints(
      () =>
        this.db.transaction(async (tx) => {
          const m = (await q.municipalityById(tx, input.municipalityId))?.municipality;
          if (!m || !contains(scopeOf(actor), { regionId: m.regionId, municipalityId: m.id })) {
            throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
          }
          if ((await q.schoolsByCodes(tx, [input.code])).length) {
            throw conflict('code', CODE_TAKEN.schools_code_unique.message);
          }
          const [school] = await q.insertSchools(tx, [
            { ...input, regionId: m.regionId, context: mergeContext({}, input.context) },
          ]);
          if (!school) throw new Error('school not inserted');
          await audit(tx, who, {
            action: 'create',
            entityType: 'school',
            entityId: school.id,
            place: placeOfSchool(school),
            summary: `Создана школа «${school.shortName}» (код ${school.code})`,
          });
          return school;
        }),
      CODE_TAKEN,
    );
  }

  /**
   * Change a school. `rawKeys` are the keys of the request body as sent: a body of contacts/context only
   * needs school.context.write (a school account editing its own card), anything else needs school.write.
   * The body is validated only after the role check.
   */
  async updateSchool(
    actor: Actor,
    who: AuditActor,
    id: number,
    rawKeys: string[],
    readPatch: () => SchoolPatch,
  ) {
    const contactsOnly = onlyContactFields(Object.fromEntries(rawKeys.map((k) => [k, true])));
    requireRole(actor, contactsOnly ? 'school.context.write' : 'school.write');
    if (rawKeys.includes('municipalityId') || rawKeys.includes('regionId')) {
      const message = 'Перенос школы в другой муниципалитет не поддерживается';
      throw new ValidationError(message, [{ path: 'municipalityId', message }]);
    }
    const patch = readPatch();
    return guardConstraints(
      () =>
        this.db.transaction(async (tx) => {
          const before = await q.schoolRowById(tx, id);
          if (!before || !contains(scopeOf(actor), placeOfSchool(before))) throw new NotFoundError(SCHOOL_NOT_FOUND);
          if (patch.code && patch.code !== before.code && (await q.schoolsByCodes(tx, [patch.code])).length) {
            throw conflict('code', CODE_TAKEN.schools_code_unique.message);
          }
          const { context, ...fields } = patch;
          const values = {
            ...fields,
            ...(context ? { context: mergeContext(before.context as SchoolContext, context) } : {}),
          };
          const after = Object.keys(values).length ? ((await q.updateSchool(tx, id, values)) ?? before) : before;
          const changes = diff(before, after);
          if (Object.keys(changes).length) {
            await audit(tx, who, {
              action: 'update',
              entityType: 'school',
              entityId: id,
              place: placeOfSchool(after),
              summary: contactsOnly
                ? `Изменены контакты и контекстные данные школы «${after.shortName}»`
                : `Изменены данные школы «${after.shortName}»`,
              changes,
            });
          }
          return after;
        }),
      CODE_TAKEN,
    );
  }

  async deleteSchool(actor: Actor, who: AuditActor, id: number) {
    requireRole(actor, 'school.write');
    await guardConstraints(() =>
      this.db.transaction(async (tx) => {
        const school = await q.schoolRowById(tx, id);
        if (!school || !contains(scopeOf(actor), placeOfSchool(school))) throw new NotFoundError(SCHOOL_NOT_FOUND);
        const inCycles = await q.countCyclesOfSchool(tx, id);
        if (inCycles) {
          throw new ConflictError('Нельзя удалить школу: она отобрана в проект. Сначала исключите её из годов проекта.');
        }
        const accounts = await q.countUsersBound(tx, { schoolId: id });
        if (accounts) {
          throw new ConflictError(`Нельзя удалить школу: к ней привязаны учётные записи (${accounts}).`);
        }
        await q.deleteSchool(tx, id);
        await audit(tx, who, {
          action: 'delete',
          entityType: 'school',
          entityId: id,
          place: placeOfSchool(school),
          summary: `Удалена школа «${school.shortName}» (код ${school.code})`,
        });
      }),
    );
  }
}
