import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { baseLogin, resolveBinding, TERRITORY_UNAVAILABLE, uniqueLogin } from './accounts.js';
import { mapHeaders, parseImportRows, parseRole, splitCodes } from './import.js';

describe('account binding', () => {
  const school = { id: 7, regionId: 1, municipalityId: 3 };
  const municipality = { id: 3, regionId: 1 };

  test('school accounts take region and municipality from the school', () => {
    assert.deepEqual(resolveBinding('school', { schoolId: 7 }, { school }), {
      ok: true,
      binding: { regionId: 1, municipalityId: 3, schoolId: 7 },
    });
    const wrong = resolveBinding('school', { schoolId: 7, municipalityId: 4, regionId: 2 }, { school });
    assert.deepEqual(wrong.ok ? [] : wrong.issues.map((i) => i.path), ['municipalityId', 'regionId']);
    const missing = resolveBinding('school', { schoolId: 8 }, { school: null });
    assert.deepEqual(missing.ok ? null : missing.issues, [{ path: 'schoolId', message: TERRITORY_UNAVAILABLE }]);
    const none = resolveBinding('school', {}, {});
    assert.equal(none.ok ? null : none.issues[0]?.path, 'schoolId');
  });

  test('each role gets the level of ROLE_BINDING', () => {
    assert.deepEqual(resolveBinding('municipal_coordinator', { municipalityId: 3, schoolId: 7 }, { municipality, school }), {
      ok: true,
      binding: { regionId: 1, municipalityId: 3, schoolId: null },
    });
    assert.deepEqual(resolveBinding('curator', { regionId: 1, municipalityId: 3 }, { region: { id: 1 }, municipality }), {
      ok: true,
      binding: { regionId: 1, municipalityId: null, schoolId: null },
    });
    assert.deepEqual(resolveBinding('federal_coordinator', { regionId: 1 }, { region: { id: 1 } }), {
      ok: true,
      binding: { regionId: null, municipalityId: null, schoolId: null },
    });
    assert.deepEqual(resolveBinding('observer', { municipalityId: 3 }, { municipality }), {
      ok: true,
      binding: { regionId: 1, municipalityId: 3, schoolId: null },
    });
    assert.deepEqual(resolveBinding('expert', {}, {}), {
      ok: true,
      binding: { regionId: null, municipalityId: null, schoolId: null },
    });
  });
});

describe('logins', () => {
  test('generated from role, name or school code', () => {
    assert.equal(baseLogin('curator', 'Иванова Мария Петровна'), 'curator-ivanova-mp');
    assert.equal(baseLogin('school', 'МБОУ «СОШ №1»', '57-01-001'), 'school-57-01-001');
    assert.equal(baseLogin('municipal_coordinator', 'Координатор: Кромской район'), 'mo-koordinator-kromskoy-rayon');
    assert.equal(baseLogin('observer', '???'), 'observer');
  });

  test('the first free variant, case-insensitively', () => {
    assert.equal(uniqueLogin('school-1', new Set()), 'school-1');
    assert.equal(uniqueLogin('School-1', new Set(['school-1', 'school-1-2'])), 'School-1-3');
  });
});

describe('import parsing', () => {
  test('headers by name or synonym; missing required ones are reported', () => {
    const { columns, issues } = mapHeaders(['Ф.И.О.', 'Роль', 'e-mail', 'Что-то ещё']);
    assert.equal(columns.get('fullName'), 0);
    assert.equal(columns.get('email'), 2);
    assert.deepEqual(issues, []);
    assert.deepEqual(mapHeaders(['ФИО']).issues.map((i) => i.column), ['role']);
  });

  test('roles by label or code', () => {
    assert.equal(parseRole('Школа (ОО)'), 'school');
    assert.equal(parseRole(' куратор '), 'curator');
    assert.equal(parseRole('municipal_coordinator'), 'municipal_coordinator');
    assert.equal(parseRole('Директор'), null);
  });

  test('codes split by commas and semicolons', () => {
    assert.deepEqual(splitCodes('57-01-001, 57-01-002;57-01-001 ;'), ['57-01-001', '57-01-002']);
  });

  test('rows are checked one by one and across the file', () => {
    const { columns } = mapHeaders(['ФИО', 'Роль', 'Код территории', 'Email', 'Телефон', 'Логин', 'Школы куратора']);
    const { rows, issues } = parseImportRows(columns, [
      { row: 2, cells: ['Иванов И. И.', 'Куратор', '57', '', '', 'ivanov', '57-01-001'] },
      { row: 3, cells: ['', '', '', '', '', '', ''] },
      { row: 4, cells: ['Петров', 'Школа', '57-01-001', 'x@', '', 'IVANOV', '57-01-002'] },
    ]);
    assert.deepEqual(rows.map((r) => r.row), [2]);
    assert.deepEqual(
      issues.map((i) => `${i.row}:${i.column}`),
      ['4:email', '4:login', '4:curatorSchools'],
    );
    assert.match(issues[1]!.message, /строке 2/);
  });
});
