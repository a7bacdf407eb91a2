// Database checks of an account import: roles, territory codes, scope, logins and curator schools.
import { canManageUser, contains, manageableRoles, roleMay, scopeOf, type Actor } from '../../../domain/access/policy.js';
import { ROLE_BINDING, ROLE_LABELS } from '../../../domain/access/roles.js';
import { baseLogin, placeOfBinding, uniqueLogin, type Binding } from '../../../domain/users/accounts.js';
import { issue, type ImportIssue, type ImportRow } from '../../../domain/users/import.js';
import type { Tx } from '../../db/client.js';
import * as q from './queries.js';

export interface PlannedAccount extends Omit<ImportRow, 'curatorSchools'> {
  binding: Binding;
  territory: string;
  schoolCode: string | null;
  curatorSchools: { id: number; code: string; name: string; regionId: number; municipalityId: number }[];
}

/** Database checks of parsed rows: roles, territory codes, scope, logins, curator schools. Adds to `issues`. */
export async function planImport(db: Tx, actor: Actor, rows: ImportRow[], issues: ImportIssue[]): Promise<PlannedAccount[]> {
  const scope = scopeOf(actor);
  const lower = (s: string) => s.trim().toLowerCase();
  const codes = [...new Set(rows.map((r) => r.territoryCode).filter(Boolean))];
  const schoolCodes = [...new Set(rows.flatMap((r) => r.curatorSchools))];
  const [regionRows, municipalityRows, schoolRows] = await Promise.all([
    q.regionsByCodes(db, codes),
    q.municipalitiesByCodes(db, codes),
    q.schoolsByCodes(db, [...new Set([...codes, ...schoolCodes])]),
  ]);
  const regionsByCode = new Map(regionRows.map((r) => [lower(r.code), r]));
  const municipalitiesByCode = new Map(municipalityRows.map((m) => [lower(m.code), m]));
  const schoolsByCode = new Map(schoolRows.map((s) => [lower(s.code), s]));
  const explicit = rows.map((r) => r.login).filter(Boolean);
  const taken = await q.takenLogins(db, explicit);
  const cycle = rows.some((r) => r.curatorSchools.length) ? await q.activeCycle(db) : undefined;
  const inCycle = cycle ? await q.schoolIdsInCycle(db, cycle.id, schoolRows.map((s) => s.id)) : new Set<number>();
  const assignedInFile = new Map<number, number>();
  const manageable = manageableRoles(actor.role);

  const planned: PlannedAccount[] = [];
  for (const row of rows) {
    const before = issues.length;
    const add = (column: Parameters<typeof issue>[1], message: string) => issues.push(issue(row.row, column, message));
    if (!manageable.includes(row.role)) {
      add('role', `Вы не можете создавать учётные записи с ролью «${ROLE_LABELS[row.role]}»`);
      continue;
    }
    const code = lower(row.territoryCode);
    const kind = ROLE_BINDING[row.role];
    const unavailable = `Территория с кодом «${row.territoryCode}» не найдена или вне вашей зоны ответственности`;
    let binding: Binding = { regionId: null, municipalityId: null, schoolId: null };
    let territory = 'Вся страна';
    const school = kind === 'school' || kind === 'any' ? schoolsByCode.get(code) : undefined;
    const municipality = !school && (kind === 'municipality' || kind === 'any') ? municipalitiesByCode.get(code) : undefined;
    const region = !school && !municipality && (kind === 'region' || kind === 'any') ? regionsByCode.get(code) : undefined;
    if (kind === 'none') {
      if (code) add('territoryCode', `Для роли «${ROLE_LABELS[row.role]}» территория не указывается`);
    } else if (!code) {
      if (kind !== 'any') {
        const what = { region: 'региона', municipality: 'муниципалитета', school: 'школы' }[kind];
        add('territoryCode', `Укажите код ${what}`);
      }
    } else if (school) {
      binding = { regionId: school.regionId, municipalityId: school.municipalityId, schoolId: school.id };
      territory = school.name;
    } else if (municipality) {
      binding = { regionId: municipality.regionId, municipalityId: municipality.id, schoolId: null };
      territory = municipality.name;
    } else if (region) {
      binding = { regionId: region.id, municipalityId: null, schoolId: null };
      territory = region.name;
    } else {
      add('territoryCode', unavailable);
    }
    if (issues.length === before && !canManageUser(actor, row.role, placeOfBinding(binding))) {
      add('territoryCode', code ? unavailable : 'Укажите код территории в пределах вашей зоны ответственности');
    }
    if (row.login && taken.has(lower(row.login))) add('login', `Логин «${row.login}» уже занят`);

    const curatorSchools: PlannedAccount['curatorSchools'] = [];
    if (row.curatorSchools.length) {
      if (!roleMay(actor.role, 'curator.assign')) add('curatorSchools', 'Вы не можете назначать кураторов');
      else if (!cycle) add('curatorSchools', 'Нет активного года проекта: назначить куратора нельзя');
      else {
        for (const schoolCode of row.curatorSchools) {
          const s = schoolsByCode.get(lower(schoolCode));
          const place = s && { regionId: s.regionId, municipalityId: s.municipalityId, schoolId: s.id };
          if (!s || !place || !contains(scope, place)) {
            add('curatorSchools', `Школа «${schoolCode}» не найдена или вне вашей зоны ответственности`);
          } else if (binding.regionId !== null && s.regionId !== binding.regionId) {
            add('curatorSchools', `Школа «${schoolCode}» из другого региона, чем куратор`);
          } else if (!inCycle.has(s.id)) {
            add('curatorSchools', `Школа «${schoolCode}» не отобрана в проект ${cycle.year} года`);
          } else if (assignedInFile.has(s.id)) {
            add('curatorSchools', `Школа «${schoolCode}» уже назначена куратору в строке ${assignedInFile.get(s.id)}`);
          } else {
            assignedInFile.set(s.id, row.row);
            curatorSchools.push(s);
          }
        }
      }
    }
    if (issues.length === before) {
      planned.push({ ...row, binding, territory, schoolCode: school?.code ?? null, curatorSchools });
    }
  }
  // Generated logins: unique against the database and the file.
  const bases = planned.filter((p) => !p.login).map((p) => baseLogin(p.role, p.fullName, p.schoolCode));
  const used = await q.loginsLike(db, bases);
  for (const l of explicit) used.add(lower(l));
  for (const p of planned) {
    if (p.login) continue;
    p.login = uniqueLogin(baseLogin(p.role, p.fullName, p.schoolCode), used);
    used.add(lower(p.login));
  }
  return planned;
}

