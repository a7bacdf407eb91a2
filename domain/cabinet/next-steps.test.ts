import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingContext, nextSteps, type CabinetFacts } from './next-steps.js';

const base: CabinetFacts = {
  role: 'regional_coordinator',
  cycle: { id: 7, year: 2026, status: 'active' },
  schoolsInScope: 10,
  cycleSchools: 10,
  schoolsWithoutCurator: 0,
  schoolsWithoutAccount: 0,
  accountsNeverLoggedIn: 0,
};

test('a coordinator with everything in place has nothing to do', () => {
  assert.deepEqual(nextSteps(base), []);
});

test('coordinator steps name the counts and link to the cycle', () => {
  const steps = nextSteps({ ...base, schoolsWithoutCurator: 3, schoolsWithoutAccount: 2, accountsNeverLoggedIn: 5 });
  assert.deepEqual(
    steps.map((s) => [s.key, s.count, s.link]),
    [
      ['assign-curators', 3, '/cycles/7'],
      ['school-accounts', 2, '/users'],
      ['never-logged-in', 5, '/users'],
    ],
  );
});

test('closed cycles ask for no curator assignment', () => {
  const steps = nextSteps({ ...base, cycle: { id: 7, year: 2025, status: 'closed' }, schoolsWithoutCurator: 3 });
  assert.equal(steps.find((s) => s.key === 'assign-curators'), undefined);
});

test('an empty cycle asks to select schools', () => {
  const steps = nextSteps({ ...base, cycleSchools: 0 });
  assert.equal(steps[0]?.key, 'select-schools');
});

test('federal coordinator without a cycle is asked to create one', () => {
  const steps = nextSteps({ ...base, role: 'federal_coordinator', cycle: null });
  assert.equal(steps[0]?.key, 'create-cycle');
});

test('a school is asked for missing context numbers and told about a missing curator', () => {
  const steps = nextSteps({
    ...base,
    role: 'school',
    school: { id: 4, selected: true, hasCurator: false, missingContext: missingContext({ students: 100, teachers: '' }) },
  });
  assert.deepEqual(
    steps.map((s) => s.key),
    ['school-context', 'await-curator'],
  );
  assert.match(steps[0]!.text, /численность педагогов, число 6-х классов, число 9-х классов/);
  assert.equal(steps[0]!.link, '/territories/schools/4');
});

test('school and curator roles never see coordinator steps', () => {
  for (const role of ['school', 'curator', 'observer', 'expert'] as const) {
    const steps = nextSteps({ ...base, role, schoolsWithoutCurator: 3, schoolsWithoutAccount: 2, curatedSchools: 1 });
    assert.deepEqual(steps, [], role);
  }
});
