// What an import would change, given the parsed rows, the stored records with the same codes and the actor.
// Pure: the server loads the records, calls planImport and writes the plan in one transaction.
import { can, contains, roleMay, scopeOf, visible, type Actor } from '../access/policy.js';
import { headerOf, sortErrors, type ColumnKey, type ImportError, type ImportSchool, type ParsedImport } from './import.js';
import { mergeContext, type Locality, type SchoolContext } from './school.js';

export interface StoredRegion {
  id: number;
  code: string;
  name: string;
}

export interface StoredMunicipality {
  id: number;
  code: string;
  name: string;
  regionId: number;
}

export interface StoredSchool {
  id: number;
  code: string;
  regionId: number;
  municipalityId: number;
  fullName: string;
  shortName: string;
  address: string;
  locality: Locality;
  directorName: string;
  email: string;
  phone: string;
  context: SchoolContext;
}

export interface SchoolValues {
  fullName: string;
  shortName: string;
  address: string;
  locality: Locality;
  directorName: string;
  email: string;
  phone: string;
  context: SchoolContext;
}

export interface ImportPlan {
  errors: ImportError[];
  validRows: number;
  regions: { create: { code: string; name: string }[]; update: { id: number; name: string; before: StoredRegion }[] };
  municipalities: {
    create: { code: string; name: string; regionCode: string }[];
    update: { id: number; name: string; before: StoredMunicipality }[];
  };
  schools: {
    create: (SchoolValues & { code: string; municipalityCode: string; regionCode: string })[];
    update: { id: number; values: Partial<SchoolValues>; before: StoredSchool }[];
  };
}

export interface Stored {
  regions: StoredRegion[];
  municipalities: StoredMunicipality[];
  schools: StoredSchool[];
}

// A code in use outside the importer's territory gets words that do not confirm it exists there.
const codeUnavailable = (what: string, code: string) =>
  `${what} ${code} нельзя использовать в вашей зоне ответственности: проверьте код по справочнику вашей территории`;
// The same words whether the region exists elsewhere or not at all.
const regionNotFound = (code: string) => `Регион с кодом ${code} не найден в вашей зоне ответственности`;

/** Plan the changes of the valid rows; rows that clash with stored data or the actor's scope become errors. */
export function planImport(parsed: ParsedImport, stored: Stored, actor: Actor): ImportPlan {
  const scope = scopeOf(actor);
  const regions = new Map(stored.regions.map((r) => [r.code, r]));
  const municipalities = new Map(stored.municipalities.map((m) => [m.code, m]));
  const schools = new Map(stored.schools.map((s) => [s.code, s]));
  const column = (key: ColumnKey) => parsed.header.columns[key]?.header ?? headerOf(key);

  const plan: ImportPlan = {
    errors: [...parsed.errors],
    validRows: 0,
    regions: { create: [], update: [] },
    municipalities: { create: [], update: [] },
    schools: { create: [], update: [] },
  };
  const seen = {
    regionCreate: new Set<string>(),
    regionUpdate: new Set<number>(),
    municipalityCreate: new Set<string>(),
    municipalityUpdate: new Set<number>(),
  };

  for (const row of parsed.rows) {
    const errors: ImportError[] = [];
    const fail = (key: ColumnKey, message: string) => errors.push({ row: row.row, column: column(key), message });
    const actions: (() => void)[] = [];

    // Регион
    const region = regions.get(row.region.code);
    const regionName = row.region.name;
    if (region) {
      if (!visible(scope, { regionId: region.id })) fail('regionCode', regionNotFound(row.region.code));
      else if (regionName && regionName !== region.name && roleMay(actor.role, 'region.write')) {
        actions.push(() => {
          if (seen.regionUpdate.has(region.id)) return;
          seen.regionUpdate.add(region.id);
          plan.regions.update.push({ id: region.id, name: regionName, before: region });
        });
      }
    } else if (!roleMay(actor.role, 'region.write')) {
      fail('regionCode', regionNotFound(row.region.code));
    } else if (!regionName) {
      fail('regionName', 'Для нового региона заполните название');
    } else {
      const code = row.region.code;
      actions.push(() => {
        if (seen.regionCreate.has(code)) return;
        seen.regionCreate.add(code);
        plan.regions.create.push({ code, name: regionName });
      });
    }

    // Муниципалитет
    const m = row.municipality;
    const municipality = m ? municipalities.get(m.code) : undefined;
    if (m && !errors.length) {
      if (municipality) {
        const place = { regionId: municipality.regionId, municipalityId: municipality.id };
        if (!visible(scope, place)) {
          // who could not create it anyway hears what an unknown code gets
          const mayCreate = region ? can(actor, 'municipality.write', { regionId: region.id }) : roleMay(actor.role, 'municipality.write');
          fail('municipalityCode', mayCreate ? codeUnavailable('Код муниципалитета', m.code) : `Муниципалитет с кодом ${m.code} не найден в вашей зоне ответственности`);
        }
        else if (municipality.regionId !== region?.id) {
          fail('municipalityCode', `Муниципалитет ${m.code} относится к другому региону`);
        } else if (m.name && m.name !== municipality.name && can(actor, 'municipality.write', place)) {
          const name = m.name;
          actions.push(() => {
            if (seen.municipalityUpdate.has(municipality.id)) return;
            seen.municipalityUpdate.add(municipality.id);
            plan.municipalities.update.push({ id: municipality.id, name, before: municipality });
          });
        }
      } else {
        const allowed = region ? can(actor, 'municipality.write', { regionId: region.id }) : roleMay(actor.role, 'municipality.write');
        if (!allowed) fail('municipalityCode', `Муниципалитет с кодом ${m.code} не найден в вашей зоне ответственности`);
        else if (!m.name) fail('municipalityName', 'Для нового муниципалитета заполните название');
        else {
          const code = m.code;
          const name = m.name;
          const regionCode = row.region.code;
          actions.push(() => {
            if (seen.municipalityCreate.has(code)) return;
            seen.municipalityCreate.add(code);
            plan.municipalities.create.push({ code, name, regionCode });
          });
        }
      }
    }

    // Школа
    const s = row.school;
    if (s && m && !errors.length) {
      const school = schools.get(s.code);
      if (school) {
        const place = { regionId: school.regionId, municipalityId: school.municipalityId, schoolId: school.id };
        if (!contains(scope, place)) {
          const mayCreate = municipality
            ? can(actor, 'school.write', { regionId: municipality.regionId, municipalityId: municipality.id })
            : roleMay(actor.role, 'school.write');
          fail('schoolCode', mayCreate ? codeUnavailable('Код школы', s.code) : `Нет прав на добавление школ в муниципалитет ${m.code}`);
        }
        else if (school.municipalityId !== municipality?.id) {
          fail('municipalityCode', `Школа ${s.code} числится в другом муниципалитете; перенос через импорт не поддерживается`);
        } else if (!can(actor, 'school.write', place)) {
          fail('schoolCode', `Нет прав на изменение школы ${s.code}`);
        } else {
          const values = schoolChanges(school, s);
          if (Object.keys(values).length) actions.push(() => plan.schools.update.push({ id: school.id, values, before: school }));
        }
      } else {
        const allowed = municipality
          ? can(actor, 'school.write', { regionId: municipality.regionId, municipalityId: municipality.id })
          : roleMay(actor.role, 'school.write');
        if (!allowed) fail('schoolCode', `Нет прав на добавление школ в муниципалитет ${m.code}`);
        for (const key of ['fullName', 'shortName', 'locality'] as const) {
          if (!s[key]) fail(key, 'Для новой школы заполните ячейку');
        }
        const { fullName, shortName, locality } = s;
        if (!errors.length && fullName && shortName && locality) {
          const values: SchoolValues = {
            fullName,
            shortName,
            locality,
            address: s.address ?? '',
            directorName: s.directorName ?? '',
            email: s.email ?? '',
            phone: s.phone ?? '',
            context: mergeContext({}, s.context),
          };
          actions.push(() =>
            plan.schools.create.push({ ...values, code: s.code, municipalityCode: m.code, regionCode: row.region.code }),
          );
        }
      }
    }

    if (errors.length) plan.errors.push(...errors);
    else {
      plan.validRows += 1;
      for (const act of actions) act();
    }
  }
  plan.errors = sortErrors(plan.errors, parsed.header);
  return plan;
}

/** Fields of a stored school that the row changes (only columns present in the file). */
export function schoolChanges(before: StoredSchool, row: ImportSchool): Partial<SchoolValues> {
  const out: Partial<SchoolValues> = {};
  const text = ['fullName', 'shortName', 'address', 'directorName', 'email', 'phone'] as const;
  for (const key of text) {
    const value = row[key];
    if (value !== undefined && value !== before[key]) out[key] = value;
  }
  if (row.locality !== undefined && row.locality !== before.locality) out.locality = row.locality;
  const context = mergeContext(before.context, row.context);
  if (!sameContext(context, before.context)) out.context = context;
  return out;
}

function sameContext(a: SchoolContext, b: SchoolContext): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a[key] ?? null) !== (b[key] ?? null)) return false;
  return true;
}
