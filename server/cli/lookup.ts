// Looking things up by the names people use on the command line: territories by their codes («57», «57-01»,
// «57-01-001»), project years by the year. Read-only queries of the modules; no rules of their own.
import type { Tx } from '../db/client.js';
import { cycleByYear, type CycleRow } from '../modules/cycles/queries.js';
import * as q from '../modules/users/queries.js';
import { CliError, type Io } from './cli.js';

export type Territory =
  | { kind: 'region'; id: number; name: string }
  | { kind: 'municipality'; id: number; regionId: number; name: string }
  | { kind: 'school'; id: number; regionId: number; municipalityId: number; name: string };

/** A territory by its code: the levels are looked up in the given order (codes are unique per level). */
export async function territoryByCode(db: Tx, code: string, levels: Territory['kind'][]): Promise<Territory | undefined> {
  for (const level of levels) {
    if (level === 'region') {
      const [r] = await q.regionsByCodes(db, [code]);
      if (r) return { kind: 'region', id: r.id, name: r.name };
    } else if (level === 'municipality') {
      const [m] = await q.municipalitiesByCodes(db, [code]);
      if (m) return { kind: 'municipality', id: m.id, regionId: m.regionId, name: m.name };
    } else {
      const [s] = await q.schoolsByCodes(db, [code]);
      if (s) return { kind: 'school', id: s.id, regionId: s.regionId, municipalityId: s.municipalityId, name: s.name };
    }
  }
  return undefined;
}

export function unknownTerritory(io: Io, code: string): CliError {
  return new CliError(io.t(`Территория с кодом «${code}» не найдена`, `No territory with code «${code}»`), [
    io.t('Коды — как в файле территорий: регион «57», муниципалитет «57-01», школа «57-01-001».', 'Codes as in the territories file: region «57», municipality «57-01», school «57-01-001».'),
  ]);
}

/** The project year («год проекта», a cycle) by its calendar year; a clear error when there is none. */
export async function cycleOfYear(io: Io, db: Tx, year: number): Promise<CycleRow> {
  const cycle = await cycleByYear(db, year);
  if (!cycle) {
    throw new CliError(io.t(`Год проекта ${year} не найден`, `Project year ${year} not found`), [
      io.t('Создайте его в веб-интерфейсе (раздел «Годы проекта») или укажите существующий год в --cycle.', 'Create it in the web UI (Project years) or give an existing year in --cycle.'),
    ]);
  }
  return cycle;
}
