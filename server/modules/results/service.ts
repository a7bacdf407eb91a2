// Positive-change monitoring (docs/reports-api.md): import of assessment results (ВПР, ОГЭ, ЕГЭ) and the dynamics of
// a territory's schools. Import: admin, federal staff, a regional coordinator for the schools of its region.
import { contains, scopeOf, type Actor } from '../../../domain/access/policy.js';
import type { Role } from '../../../domain/access/roles.js';
import { positiveShare, schoolDynamics, type Exam, type Metric, type PositiveShare, type SchoolDynamics } from '../../../domain/dashboard/dynamics.js';
import { antiriskProgrammeSchema, programmeChange, type ProgrammeChange } from '../../../domain/documents/programme.js';
import { ForbiddenError, ValidationError } from '../../../domain/errors.js';
import type { Db } from '../../db/client.js';
import { audit, type AuditActor } from '../audit/service.js';
import { ReportsService, type Crumb, type Territory, type TerritoryQuery } from '../reports/service.js';
import { readSheet } from '../territories/sheets.js';
import { MAX_REPORTED_ERRORS, MAX_RESULT_ROWS, parseResults, SCHOOL_COLUMN, templateXlsx, type RowError } from './import.js';
import * as q from './queries.js';

const IMPORT_ROLES: readonly Role[] = ['admin', 'federal_coordinator', 'regional_coordinator'];

export interface ImportResult {
  totalRows: number;
  validRows: number;
  errorCount: number;
  errors: RowError[];
  created: number;
  updated: number;
  applied: boolean;
}

export interface SchoolDynamicsRow extends SchoolDynamics {
  name: string;
  code: string;
  municipality: string;
}

export interface Dynamics {
  cycle: { id: number; year: number; title: string };
  territory: Territory;
  breadcrumbs: Crumb[];
  share: PositiveShare;
  schools: SchoolDynamicsRow[];
}

export function requireImportRole(actor: Actor): void {
  if (!IMPORT_ROLES.includes(actor.role)) throw new ForbiddenError('Результаты оценочных процедур загружают федеральные и региональные координаторы');
}

export class ResultsService {
  private readonly reports: ReportsService;

  constructor(private readonly db: Db) {
    this.reports = new ReportsService(db);
  }

  template(actor: Actor): Promise<Buffer> {
    requireImportRole(actor);
    return templateXlsx();
  }

  /** Validate the file; save all rows when none is wrong, or only the valid rows with `valid-only`. */
  async import(actor: Actor, who: AuditActor, file: { body: Buffer; filename: string }, mode: 'all' | 'valid-only'): Promise<ImportResult> {
    requireImportRole(actor);
    const sheet = await readSheet(file.body, file.filename);
    if (sheet.length > MAX_RESULT_ROWS + 1) {
      const message = `Слишком много строк: за один раз можно загрузить не больше ${MAX_RESULT_ROWS.toLocaleString('ru-RU')}`;
      throw new ValidationError(message, [{ path: 'file', message }]);
    }
    const parsed = parseResults(sheet);
    const scope = scopeOf(actor);
    return this.db.transaction(async (tx) => {
      const codes = [...new Set(parsed.rows.map((r) => r.schoolCode))];
      const found = new Map((await q.schoolsByCodes(tx, codes)).map((s) => [s.code.toLowerCase(), s]));
      const errors = [...parsed.errors];
      const valid: q.ResultValues[] = [];
      for (const r of parsed.rows) {
        const s = found.get(r.schoolCode.toLowerCase());
        // a school outside the actor's territory is reported exactly like a missing one: nothing leaks
        if (!s || !contains(scope, { regionId: s.regionId, municipalityId: s.municipalityId, schoolId: s.id })) {
          errors.push({ row: r.row, column: SCHOOL_COLUMN, message: `Школа с кодом «${r.schoolCode}» не найдена` });
          continue;
        }
        valid.push({ year: r.year, schoolId: s.id, exam: r.exam, subject: r.subject, grade: r.grade, metric: r.metric, value: r.value });
      }
      errors.sort((a, b) => a.row - b.row);
      const apply = valid.length > 0 && (mode === 'valid-only' || errors.length === 0);
      let counts = { created: 0, updated: 0 };
      if (apply) {
        counts = await q.upsertResults(tx, valid, who.userId);
        await audit(tx, who, {
          action: 'import',
          entityType: 'school_results',
          entityId: null,
          place: scope.level === 'region' ? { regionId: scope.regionId } : null,
          summary: `Загружены результаты оценочных процедур из файла «${file.filename}»: добавлено ${counts.created}, обновлено ${counts.updated}`,
          changes: { file: file.filename, created: counts.created, updated: counts.updated, rejectedRows: errors.length },
        });
      }
      return {
        totalRows: parsed.totalRows,
        validRows: valid.length,
        errorCount: errors.length,
        errors: errors.slice(0, MAX_REPORTED_ERRORS),
        ...counts,
        applied: apply,
      };
    });
  }

  /** Per school of the cycle in the territory: result changes, programme indicators' change, and the positive share. */
  async dynamics(actor: Actor, input: TerritoryQuery & { cycleId?: number }): Promise<Dynamics> {
    const cycle = await this.reports.cycle(input.cycleId);
    const { territory, breadcrumbs } = await this.reports.territory(actor, input);
    const list = await q.cycleSchoolsOf(this.db, scopeOf(actor), cycle.id, territory);
    const ids = list.map((s) => s.id);
    const [results, programmes] = await Promise.all([q.resultsOf(this.db, ids), q.programmesOf(this.db, cycle.id, ids)]);
    const resultsOf = new Map<number, { year: number; exam: Exam; subject: string; grade: number; metric: Metric; value: number }[]>();
    for (const r of results) {
      const row = { year: r.year, exam: r.exam as Exam, subject: r.subject, grade: r.grade, metric: r.metric as Metric, value: r.value };
      const got = resultsOf.get(r.schoolId);
      if (got) got.push(row);
      else resultsOf.set(r.schoolId, [row]);
    }
    const programmeOf = new Map<number, ProgrammeChange[]>();
    for (const p of programmes) {
      const ok = antiriskProgrammeSchema.safeParse(p.programme);
      if (!ok.success) continue;
      const got = programmeOf.get(p.schoolId);
      if (got) got.push(programmeChange(ok.data));
      else programmeOf.set(p.schoolId, [programmeChange(ok.data)]);
    }
    const schools: SchoolDynamicsRow[] = list.map((s) => ({
      ...schoolDynamics(s.id, resultsOf.get(s.id) ?? [], programmeOf.get(s.id) ?? []),
      name: s.name,
      code: s.code,
      municipality: s.municipality,
    }));
    return {
      cycle: { id: cycle.id, year: cycle.year, title: cycle.title },
      territory,
      breadcrumbs,
      share: positiveShare(schools),
      schools,
    };
  }
}
