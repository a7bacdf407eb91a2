import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkVisit, firstVisitOn, VISIT_FORMAT_LABELS, visitShare } from './visits.js';

test('visit formats are labelled in Russian', () => {
  assert.deepEqual(VISIT_FORMAT_LABELS, { onsite: 'очно', online: 'дистанционно' });
});

test('a visit needs a real past date and a known format', () => {
  assert.deepEqual(checkVisit({ visitedOn: '2025-03-10', format: 'onsite', notes: '' }, '2025-03-10'), []);
  assert.deepEqual(checkVisit({ visitedOn: '2025-03-11', format: 'online', notes: '' }, '2025-03-10'), [
    { path: 'visitedOn', message: 'Дата посещения не может быть в будущем' },
  ]);
  assert.deepEqual(
    checkVisit({ visitedOn: '2025-02-30', format: 'phone', notes: 'я'.repeat(5001) }, '2025-03-10').map((i) => i.path),
    ['visitedOn', 'format', 'notes'],
  );
});

test('first visit is the earliest', () => {
  assert.equal(firstVisitOn([{ visitedOn: '2025-04-01' }, { visitedOn: '2025-02-15' }, { visitedOn: '2025-03-01' }]), '2025-02-15');
  assert.equal(firstVisitOn([]), null);
});

test('share of schools visited, optionally by a date', () => {
  const rows = [
    { schoolId: 1, firstVisitOn: '2025-02-01' },
    { schoolId: 2, firstVisitOn: null },
    { schoolId: 3, firstVisitOn: '2025-05-20' },
    { schoolId: 4, firstVisitOn: '2025-03-31' },
  ];
  assert.deepEqual(visitShare(rows), { schools: 4, visited: 3, share: 0.75, notVisited: [2] });
  assert.deepEqual(visitShare(rows, '2025-03-31'), { schools: 4, visited: 2, share: 0.5, notVisited: [2, 3] });
  assert.deepEqual(visitShare([]), { schools: 0, visited: 0, share: null, notVisited: [] });
  assert.equal(visitShare(rows.filter((r) => r.firstVisitOn)).share, 1);
});
