import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedCounts, schoolCompletion, territoryCompletion } from './completion.js';

test('expected counts come from the school facts', () => {
  assert.deepEqual(expectedCounts({ teachers: 24, students6: 31, students9: 27 }), { director: 1, teachers: 24, students6: 31, students9: 27, parents: 58 });
  assert.deepEqual(expectedCounts({ teachers: 24, parents: 40 }), { director: 1, teachers: 24, students6: null, students9: null, parents: 40 });
  assert.deepEqual(expectedCounts({ teachers: -3, students6: Number.NaN }), { director: 1, teachers: null, students6: null, students9: null, parents: null });
});

test('a school is complete when each instrument reaches its target share', () => {
  const expected = expectedCounts({ teachers: 20, students6: 30, students9: 0 });
  const c = schoolCompletion(expected, { director: 1, teachers: 14, students6: 20, parents: 15 });
  const row = Object.fromEntries(c.instruments.map((i) => [i.instrument, i]));
  assert.deepEqual(row.teachers, { instrument: 'teachers', expected: 20, received: 14, share: 0.7, target: 0.7, missing: 0, complete: true });
  assert.deepEqual(row.students6, { instrument: 'students6', expected: 30, received: 20, share: 0.667, target: 0.7, missing: 1, complete: false });
  assert.deepEqual(row.students9, { instrument: 'students9', expected: 0, received: 0, share: null, target: 0.7, missing: 0, complete: true });
  assert.equal(row.parents!.complete, true); // 15 of 30, target 50%
  assert.equal(c.complete, false);
  assert.equal(schoolCompletion(expected, { director: 1, teachers: 14, students6: 21, parents: 15 }).complete, true);
});

test('an unknown expected count is never complete; instruments not asked for are not tracked', () => {
  const c = schoolCompletion({ director: 1, teachers: null }, { director: 1, teachers: 50, parents: 3 });
  assert.deepEqual(c.instruments.map((i) => [i.instrument, i.complete, i.missing]), [
    ['director', true, 0],
    ['teachers', false, null],
  ]);
  assert.equal(c.complete, false);
  assert.equal(schoolCompletion({ director: 1 }, {}).complete, false);
  assert.equal(schoolCompletion({ director: 1 }, {}, { director: 0 }).complete, true);
});

test('territory completion: share of finished schools and who is behind, furthest first', () => {
  const done = schoolCompletion({ director: 1, teachers: 10 }, { director: 1, teachers: 9 });
  const slightly = schoolCompletion({ director: 1, teachers: 10 }, { director: 1, teachers: 6 });
  const far = schoolCompletion({ director: 1, teachers: 10, parents: null }, { teachers: 2 });
  const t = territoryCompletion([
    { schoolId: 3, completion: slightly },
    { schoolId: 1, completion: done },
    { schoolId: 2, completion: far },
    { schoolId: 4, completion: done },
  ]);
  assert.equal(t.schools, 4);
  assert.equal(t.completed, 2);
  assert.equal(t.share, 0.5);
  assert.deepEqual(t.behind.map((b) => [b.schoolId, b.instruments]), [
    [2, ['director', 'teachers', 'parents']],
    [3, ['teachers']],
  ]);
  assert.equal(t.behind[1]!.summary, 'учителя: 6 из 10 (нужно ещё 1)');
  assert.equal(t.behind[0]!.summary, 'руководитель: 0 из 1 (нужно ещё 1); учителя: 2 из 10 (нужно ещё 5); родители: численность не указана');
  assert.deepEqual(territoryCompletion([]), { schools: 0, completed: 0, share: null, behind: [] });
  assert.equal(territoryCompletion([{ schoolId: 'a', completion: done }]).share, 1);
});
