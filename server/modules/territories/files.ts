// Territories in files: the import template, export of the actor's territories, and import (upsert by codes).
import { scopeOf, type Actor, type Place } from '../../../domain/access/policy.js';
import {
  MAX_IMPORT_ROWS,
  MAX_REPORTED_ERRORS,
  parseImport,
  TEMPLATE_EXAMPLE,
  toSheetRow,
  type ImportReport,
} from '../../../domain/territories/import.js';
import { planImport, type ImportPlan, type StoredSchool } from '../../../domain/territories/import-plan.js';
import { ValidationError } from '../../../domain/errors.js';
import type { Db, Tx } from '../../db/client.js';
import { audit, diff, type AuditActor } from '../audit/service.js';
import { guardConstraints, requireRole } from './access.js';
import * as q from './queries.js';
import { readSheet, writeSheet, type Cell, type SheetFormat } from './sheets.js';

export interface FileOut {
  body: Buffer;
  filename: string;
  asciiName: string;
  format: SheetFormat;
}

export interface ImportOptions {
  mode: 'all' | 'valid';
  dryRun: boolean;
}

const CODE_TAKEN = {
  regions_code_unique: { path: 'file', message: 'Пока шёл импорт, кто-то добавил регион с тем же кодом. Повторите импорт.' },
  municipalities_code_unique: {
    path: 'file',
    message: 'Пока шёл импорт, кто-то добавил муниципалитет с тем же кодом. Повторите импорт.',
  },
  schools_code_unique: { path: 'file', message: 'Пока шёл импорт, кто-то добавил школу с тем же кодом. Повторите импорт.' },
};

export class TerritoryFilesService {
  constructor(private readonly db: Db) {}

  async template(format: SheetFormat): Promise<FileOut> {
    return {
      body: await writeSheet([toSheetRow(TEMPLATE_EXAMPLE)], format),
      filename: `Шаблон импорта территорий.${format}`,
      asciiName: `territories-template.${format}`,
      format,
    };
  }

  async export(actor: Actor, format: SheetFormat): Promise<FileOut> {
    requireRole(actor, 'territory.read');
    const data = await q.exportRows(this.db, scopeOf(actor));
    const records = [
      ...data.withSchools.map((r) => ({
        key: [r.regionCode, r.municipalityCode, r.school.code],
        row: toSheetRow({
          regionCode: r.regionCode,
          regionName: r.regionName,
          municipalityCode: r.municipalityCode,
          municipalityName: r.municipalityName,
          school: { ...r.school, context: r.school.context as Record<string, unknown> },
        }),
      })),
      ...data.emptyMunicipalities.map((r) => ({ key: [r.regionCode, r.municipalityCode, ''], row: toSheetRow(r) })),
      ...data.emptyRegions.map((r) => ({ key: [r.regionCode, '', ''], row: toSheetRow(r) })),
    ];
    records.sort((a, b) => compareKeys(a.key, b.key));
    const date = new Date().toISOString().slice(0, 10);
    return {
      body: await writeSheet(records.map((r) => r.row as Cell[]), format),
      filename: `Территории ${date}.${format}`,
      asciiName: `territories-${date}.${format}`,
      format,
    };
  }

  /** Validate a file and, unless it is a dry run, write it: all or nothing, or only the valid rows. */
  async import(
    actor: Actor,
    who: AuditActor,
    file: { body: Buffer; filename: string },
    options: ImportOptions,
  ): Promise<ImportReport> {
    requireRole(actor, 'school.write');
    const sheet = await readSheet(file.body, file.filename);
    if (sheet.length > MAX_IMPORT_ROWS + 1) {
      const message = `Слишком много строк: за один раз можно загрузить не больше ${MAX_IMPORT_ROWS.toLocaleString('ru-RU')}`;
      throw new ValidationError(message, [{ path: 'file', message }]);
    }
    const parsed = parseImport(sheet);

    return guardConstraints(
      () =>
        this.db.transaction(async (tx) => {
          const stored = await loadStored(tx, parsed.rows);
          const plan = planImport(parsed, stored, actor);
          const { errors } = plan;
          const apply = !options.dryRun && (options.mode === 'valid' || errors.length === 0);
          if (apply) await writePlan(tx, who, actor, plan, file.filename);
          return {
            totalRows: parsed.totalRows,
            validRows: plan.validRows,
            errorCount: errors.length,
            errors: errors.slice(0, MAX_REPORTED_ERRORS),
            ignoredColumns: parsed.header.ignored,
            created: {
              regions: plan.regions.create.length,
              municipalities: plan.municipalities.create.length,
              schools: plan.schools.create.length,
            },
            updated: {
              regions: plan.regions.update.length,
              municipalities: plan.municipalities.update.length,
              schools: plan.schools.update.length,
            },
            applied: apply,
          };
        }),
      CODE_TAKEN,
    );
  }
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? '').localeCompare(b[i] ?? '', 'ru', { numeric: true });
    if (d) return d;
  }
  return 0;
}

async function loadStored(tx: Tx, rows: ReturnType<typeof parseImport>['rows']) {
  const [regions, municipalities, schools] = await Promise.all([
    q.regionsByCodes(tx, rows.map((r) => r.region.code)),
    q.municipalitiesByCodes(tx, rows.flatMap((r) => (r.municipality ? [r.municipality.code] : []))),
    q.schoolsByCodes(tx, rows.flatMap((r) => (r.school ? [r.school.code] : []))),
  ]);
  return {
    regions,
    municipalities,
    schools: schools.map((s) => ({ ...s, context: s.context ?? {} }) satisfies StoredSchool),
  };
}

async function writePlan(tx: Tx, who: AuditActor, actor: Actor, plan: ImportPlan, filename: string) {
  const note = 'Импорт из файла';
  for (const r of plan.regions.create) {
    const region = await q.insertRegion(tx, r);
    await audit(tx, who, {
      action: 'create',
      entityType: 'region',
      entityId: region.id,
      place: { regionId: region.id },
      summary: `${note}: создан регион «${region.name}» (код ${region.code})`,
    });
  }
  for (const r of plan.regions.update) {
    await q.updateRegion(tx, r.id, { name: r.name });
    await audit(tx, who, {
      action: 'update',
      entityType: 'region',
      entityId: r.id,
      place: { regionId: r.id },
      summary: `${note}: изменено название региона «${r.name}»`,
      changes: { name: [r.before.name, r.name] },
    });
  }

  // Regions (stored or just created) by code, for the new municipalities.
  const regionIds = new Map(
    (await q.regionsByCodes(tx, plan.municipalities.create.map((m) => m.regionCode))).map((r) => [r.code, r.id]),
  );
  for (const m of plan.municipalities.create) {
    const regionId = regionIds.get(m.regionCode);
    if (regionId === undefined) throw new Error(`region ${m.regionCode} missing`);
    const created = await q.insertMunicipality(tx, { regionId, code: m.code, name: m.name });
    await audit(tx, who, {
      action: 'create',
      entityType: 'municipality',
      entityId: created.id,
      place: { regionId, municipalityId: created.id },
      summary: `${note}: создан муниципалитет «${created.name}» (код ${created.code})`,
    });
  }
  for (const m of plan.municipalities.update) {
    await q.updateMunicipality(tx, m.id, { name: m.name });
    await audit(tx, who, {
      action: 'update',
      entityType: 'municipality',
      entityId: m.id,
      place: { regionId: m.before.regionId, municipalityId: m.id },
      summary: `${note}: изменено название муниципалитета «${m.name}»`,
      changes: { name: [m.before.name, m.name] },
    });
  }

  // Municipalities (stored or just created) by code, for the new schools.
  const municipalities = new Map(
    (await q.municipalitiesByCodes(tx, plan.schools.create.map((s) => s.municipalityCode))).map((m) => [m.code, m]),
  );
  const inserted = await q.insertSchools(
    tx,
    plan.schools.create.map(({ municipalityCode, regionCode: _regionCode, ...s }) => {
      const m = municipalities.get(municipalityCode);
      if (!m) throw new Error(`municipality ${municipalityCode} missing`);
      return { ...s, municipalityId: m.id, regionId: m.regionId };
    }),
  );
  for (const school of inserted) {
    await audit(tx, who, {
      action: 'create',
      entityType: 'school',
      entityId: school.id,
      place: { regionId: school.regionId, municipalityId: school.municipalityId, schoolId: school.id },
      summary: `${note}: создана школа «${school.shortName}» (код ${school.code})`,
    });
  }
  for (const s of plan.schools.update) {
    const after = await q.updateSchool(tx, s.id, s.values);
    await audit(tx, who, {
      action: 'update',
      entityType: 'school',
      entityId: s.id,
      place: { regionId: s.before.regionId, municipalityId: s.before.municipalityId, schoolId: s.id },
      summary: `${note}: изменены данные школы «${after?.shortName ?? s.before.shortName}»`,
      changes: diff({ ...s.before }, { ...s.before, ...s.values }),
    });
  }

  // One summary entry for the whole file, placed at the actor's own territory.
  const place: Place | null =
    actor.regionId === null ? null : { regionId: actor.regionId, municipalityId: actor.municipalityId, schoolId: null };
  await audit(tx, who, {
    action: 'import',
    entityType: 'territory_import',
    place,
    summary:
      `Импорт территорий из файла «${filename || 'без имени'}»: создано регионов ${plan.regions.create.length}, ` +
      `муниципалитетов ${plan.municipalities.create.length}, школ ${plan.schools.create.length}; ` +
      `изменено регионов ${plan.regions.update.length}, муниципалитетов ${plan.municipalities.update.length}, ` +
      `школ ${plan.schools.update.length}`,
  });
}
