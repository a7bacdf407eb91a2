import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Actor } from '../access/policy.js';
import { IMPORT_COLUMNS, parseImport, type SheetRow } from './import.js';
import { planImport, type Stored } from './import-plan.js';

const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

const actor = (over: Partial<Actor>): Actor => ({
  userId: 1,
  role: 'admin',
  regionId: null,
  municipalityId: null,
  schoolId: null,
  curatedSchools: [],
  ...over,
});

const stored: Stored = {
  regions: [
    { id: 1, code: '57', name: 'Орловская область' },
    { id: 2, code: '58', name: 'Пензенская область' },
  ],
  municipalities: [
    { id: 10, code: '57-01', name: 'Кромской район', regionId: 1 },
    { id: 11, code: '57-02', name: 'Ливенский район', regionId: 1 },
  ],
  schools: [
    {
      id: 100,
      code: '57-01-001',
      regionId: 1,
      municipalityId: 10,
      fullName: 'Полное',
      shortName: 'Краткое',
      address: '',
      locality: 'rural',
      directorName: '',
      email: '',
      phone: '',
      context: { students: 10, extra: 'x' },
    },
  ],
};

function row(cells: Record<string, string>): string[] {
  return IMPORT_COLUMNS.map((c) => cells[c.key] ?? '');
}

function plan(rows: Record<string, string>[], who: Actor) {
  const sheet: SheetRow[] = [HEADERS, ...rows.map(row)].map((cells, i) => ({ row: i + 1, cells }));
  return planImport(parseImport(sheet), stored, who);
}

const base = { regionCode: '57', regionName: 'Орловская область', municipalityCode: '57-01', municipalityName: 'Кромской район' };
const school = (code: string, extra: Record<string, string> = {}) => ({
  ...base,
  schoolCode: code,
  fullName: 'Полное',
  shortName: 'Краткое',
  locality: 'село',
  ...extra,
});

describe('import plan', () => {
  test('an unchanged stored school is no update; a changed one lists only what changed', () => {
    const same = plan([school('57-01-001', { students: '10' })], actor({}));
    assert.deepEqual(same.schools.update, []);
    assert.equal(same.validRows, 1);
    const changed = plan([school('57-01-001', { phone: '+7 900 111-22-33', students: '' })], actor({}));
    assert.deepEqual(changed.schools.update.map((u) => u.values), [{ phone: '+7 900 111-22-33', context: { extra: 'x' } }]);
  });

  test('new region, municipality and school are each planned once', () => {
    const p = plan(
      [
        { regionCode: '59', regionName: 'Пермский край', municipalityCode: '59-01', municipalityName: 'Пермь', schoolCode: 'a', fullName: 'A', shortName: 'A', locality: 'город' },
        { regionCode: '59', regionName: 'Пермский край', municipalityCode: '59-01', municipalityName: 'Пермь', schoolCode: 'b', fullName: 'B', shortName: 'B', locality: 'город' },
      ],
      actor({ role: 'federal_coordinator' }),
    );
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.regions.create, [{ code: '59', name: 'Пермский край' }]);
    assert.deepEqual(p.municipalities.create, [{ code: '59-01', name: 'Пермь', regionCode: '59' }]);
    assert.deepEqual(p.schools.create.map((s) => s.code), ['a', 'b']);
  });

  test('a regional coordinator may not create regions nor rename its own', () => {
    const rc = actor({ role: 'regional_coordinator', regionId: 1 });
    const p = plan(
      [
        { regionCode: '58', regionName: 'Пензенская область' },
        { regionCode: '57', regionName: 'Новое имя' },
        { regionCode: '59', regionName: 'Пермский край' },
      ],
      rc,
    );
    assert.deepEqual(p.errors.map((e) => [e.row, e.column]), [
      [2, 'Код региона'],
      [4, 'Код региона'],
    ]);
    // A stored region outside the scope and a missing one get the same words: nothing leaks.
    assert.equal(p.errors[0]!.message.replace('58', 'X'), p.errors[1]!.message.replace('59', 'X'));
    assert.deepEqual(p.regions.update, [], 'names of parents it may not write are left alone');
    assert.deepEqual(p.regions.create, []);
    assert.equal(p.validRows, 1);
  });

  test('a municipal coordinator works only inside its municipality', () => {
    const mc = actor({ role: 'municipal_coordinator', regionId: 1, municipalityId: 10 });
    const p = plan(
      [
        school('57-01-002'),
        school('57-02-009', { municipalityCode: '57-02', municipalityName: 'Ливенский район' }),
        school('57-01-001', { municipalityCode: '57-02', municipalityName: 'Ливенский район' }),
      ],
      mc,
    );
    assert.deepEqual(p.errors.map((e) => [e.row, e.column]), [
      [3, 'Код муниципалитета'],
      [4, 'Код муниципалитета'],
    ]);
    assert.deepEqual(p.schools.create.map((s) => s.code), ['57-01-002']);
  });

  test('a stored school cannot move to another municipality; a new one needs its names', () => {
    const p = plan(
      [
        school('57-01-001', { municipalityCode: '57-02', municipalityName: 'Ливенский район' }),
        { ...base, schoolCode: 'new-1', phone: '+7 900 000-00-00' },
      ],
      actor({}),
    );
    assert.deepEqual(
      p.errors.map((e) => [e.row, e.column]),
      [
        [2, 'Код муниципалитета'],
        [3, 'Полное наименование школы'],
        [3, 'Краткое наименование школы'],
        [3, 'Местность (город/село)'],
      ],
    );
    assert.match(p.errors[0]!.message, /перенос/);
  });
});
