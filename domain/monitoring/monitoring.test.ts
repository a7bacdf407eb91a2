import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedActions, transition } from './execution.js';
import { dueAt, markLookup, stageFigures } from './figures.js';
import { defaultStages, shownStatus } from './stages.js';

test('default stages follow the programme', () => {
  assert.deepEqual(
    defaultStages(2022).map((s) => [s.measuredOn, s.thresholdPercent]),
    [
      ['2022-06-30', 45],
      ['2022-09-30', 75],
      ['2022-11-30', 100],
    ],
  );
});

test('an activity is due at a stage when its date is on or before the stage; periodic ones always', () => {
  const plan = (dueDate: string | null, periodic: boolean) => ({ id: 1, dueDate, startDate: null, periodic });
  assert.equal(dueAt(plan('2022-06-30', false), '2022-06-30'), true);
  assert.equal(dueAt(plan('2022-07-01', false), '2022-06-30'), false);
  assert.equal(dueAt(plan(null, true), '2022-06-30'), true);
  assert.equal(dueAt(plan(null, false), '2022-06-30'), false);
});

test('overdue is computed from the date, never stored', () => {
  assert.equal(shownStatus({ dueDate: '2022-03-01', status: 'planned' }, '2022-03-02'), 'overdue');
  assert.equal(shownStatus({ dueDate: '2022-03-01', status: 'in_progress' }, '2022-03-01'), 'in_progress');
  assert.equal(shownStatus({ dueDate: '2022-03-01', status: 'done' }, '2022-12-01'), 'done');
  assert.equal(shownStatus({ dueDate: null, status: 'planned' }, '2030-01-01'), 'planned');
});

test('stage share counts confirmed among due and checks the threshold', () => {
  const plan = (id: number, dueDate: string | null, periodic = false) => ({ id, dueDate, startDate: null, periodic });
  const revisions = [
    {
      number: 1,
      orderDate: '2022-01-01',
      items: [
        plan(1, '2022-02-01'),
        plan(2, '2022-03-01'),
        plan(3, '2022-05-01'),
        plan(4, null, true),
        plan(5, '2022-08-01'), // not due in June
        plan(6, null), // unknown timing: not counted
      ],
    },
  ];
  const lookup = markLookup([
    { itemId: 1, stageId: null, status: 'confirmed', executedOn: '2022-02-01' },
    { itemId: 2, stageId: null, status: 'done', executedOn: '2022-03-01' },
    // the periodic one is marked per stage
    { itemId: 4, stageId: 1, status: 'confirmed', executedOn: null },
    { itemId: 4, stageId: 2, status: 'confirmed', executedOn: null },
  ]);
  const r = stageFigures(revisions, { id: 1, measuredOn: '2022-06-30', thresholdPercent: 45 }, lookup, '2022-06-15');
  assert.equal(r.due, 4);
  assert.equal(r.done, 3);
  assert.equal(r.confirmed, 2);
  assert.equal(r.percent, 50);
  assert.equal(r.met, true);
  assert.deepEqual(r.ids.overdue, [3]);
  const r2 = stageFigures(revisions, { id: 2, measuredOn: '2022-09-30', thresholdPercent: 75 }, lookup, '2022-10-01');
  assert.equal(r2.due, 5);
  assert.equal(r2.percent, 40);
  assert.equal(r2.met, false);
  assert.deepEqual(r2.ids.overdue, [3, 5]);
});

test('nothing due gives no percentage and no verdict', () => {
  const revisions = [{ number: 1, orderDate: '2022-01-01', items: [{ id: 1, dueDate: '2022-12-01', startDate: null, periodic: false }] }];
  const r = stageFigures(revisions, { id: 1, measuredOn: '2022-06-30', thresholdPercent: 45 }, markLookup([]), '2022-01-01');
  assert.deepEqual([r.due, r.percent, r.met], [0, null, null]);
});

test('execution marks: owner completes, reviewer confirms or returns with a comment', () => {
  assert.deepEqual(transition('planned', 'complete', 'owner'), { ok: true, to: 'done' });
  assert.deepEqual(transition('done', 'confirm', 'reviewer'), { ok: true, to: 'confirmed' });
  assert.equal(transition('done', 'confirm', 'owner').ok, false);
  assert.equal(transition('planned', 'confirm', 'reviewer').ok, false);
  assert.equal(transition('done', 'return', 'reviewer', ' ').ok, false);
  assert.deepEqual(transition('done', 'return', 'reviewer', 'Нет протокола'), { ok: true, to: 'in_progress' });
  assert.equal(transition('confirmed', 'complete', 'owner').ok, false);
  assert.deepEqual(allowedActions('done', 'reviewer').sort(), ['confirm', 'return']);
  assert.deepEqual(allowedActions('confirmed', 'owner'), []);
});
