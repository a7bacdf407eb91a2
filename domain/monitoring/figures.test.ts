import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { revisionDiff, revisionInForce, matchByNumber, type RevisionItem } from '../roadmaps/revisions.js';
import { dueAt, markLookup, stageFigures, statusAt, totalFigures, touchedStages, type MarkFact, type PlanRevision } from './figures.js';
import { locksMarks, reportTransition } from './reports.js';
import { effectiveStages, targetIssues } from './targets.js';

const item = (id: number, dueDate: string | null, extra: Partial<RevisionItem> = {}): RevisionItem => ({
  id,
  parentId: null,
  position: id,
  number: String(id),
  title: `Мероприятие ${id}`,
  timingText: dueDate ?? 'ежемесячно',
  startDate: null,
  dueDate,
  periodic: false,
  responsibleText: 'МОУО',
  indicator: '100%',
  infoSupport: '',
  ...extra,
});

const STAGES = [
  { id: 11, measuredOn: '2026-06-30', thresholdPercent: 45 },
  { id: 12, measuredOn: '2026-09-30', thresholdPercent: 75 },
  { id: 13, measuredOn: '2026-11-30', thresholdPercent: 100 },
];
const [S1, S2, S3] = STAGES as [(typeof STAGES)[0], (typeof STAGES)[0], (typeof STAGES)[0]];

const fact = (itemId: number, status: MarkFact['status'], executedOn: string | null, stageId: number | null = null): MarkFact => ({ itemId, stageId, status, executedOn });

test('the diff of two revisions lists added, removed and changed activities by id, with the fields that changed', () => {
  const before = [item(1, '2026-02-01'), item(2, '2026-03-01'), item(3, '2026-04-01')];
  const after = [item(1, '2026-02-01'), item(3, '2026-05-01', { timingText: 'май 2026', title: 'Семинар' }), item(4, '2026-06-01')];
  const d = revisionDiff(before, after);
  assert.deepEqual(d.added, [{ id: 4, number: '4', title: 'Мероприятие 4' }]);
  assert.deepEqual(d.removed, [{ id: 2, number: '2', title: 'Мероприятие 2' }]);
  assert.deepEqual(d.changed, [
    { id: 3, number: '3', title: 'Семинар', fields: { title: ['Мероприятие 3', 'Семинар'], timingText: ['2026-04-01', 'май 2026'] } },
  ]);
  assert.deepEqual(revisionDiff(after, after), { added: [], removed: [], changed: [] });
});

test('diff property: applying nothing gives an empty diff; every id lands in exactly one list or none', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 30 })), fc.uniqueArray(fc.integer({ min: 1, max: 30 })), (a, b) => {
      const d = revisionDiff(a.map((id) => item(id, null)), b.map((id) => item(id, null, { title: id % 2 ? 'x' : `Мероприятие ${id}` })));
      const added = new Set(d.added.map((e) => e.id));
      const removed = new Set(d.removed.map((e) => e.id));
      for (const id of b) assert.equal(added.has(id), !a.includes(id));
      for (const id of a) assert.equal(removed.has(id), !b.includes(id));
      for (const c of d.changed) assert.ok(a.includes(c.id) && b.includes(c.id) && c.id % 2 === 1);
    }),
  );
});

test('the revision in force is the latest dated on or before the day; before the first order, the first one', () => {
  const revs = [
    { number: 1, orderDate: '2026-02-10' },
    { number: 2, orderDate: '2026-08-01' },
    { number: 3, orderDate: '2026-10-15' },
  ];
  assert.equal(revisionInForce(revs, '2026-01-01')?.number, 1);
  assert.equal(revisionInForce(revs, '2026-06-30')?.number, 1);
  assert.equal(revisionInForce(revs, '2026-08-01')?.number, 2);
  assert.equal(revisionInForce(revs, '2026-11-30')?.number, 3);
  assert.equal(revisionInForce([], '2026-11-30'), undefined);
});

test('an activity removed by a later amendment still counts at the stage it belonged to; one added later does not count earlier', () => {
  const v1: PlanRevision = { number: 1, orderDate: '2026-02-01', items: [item(1, '2026-03-01'), item(2, '2026-05-01'), item(3, '2026-08-01')] };
  // amendment of 15 July: item 2 (due in May, never done) removed, item 4 added (due in May — before the order)
  const v2: PlanRevision = { number: 2, orderDate: '2026-07-15', items: [item(1, '2026-03-01'), item(3, '2026-08-01'), item(4, '2026-05-01')] };
  const lookup = markLookup([fact(1, 'confirmed', '2026-02-20')]);
  const june = stageFigures([v1, v2], S1, lookup, '2026-12-01');
  assert.equal(june.revision, 1);
  assert.deepEqual(june.ids.due, [1, 2]);
  assert.deepEqual(june.ids.overdue, [2]);
  assert.equal(june.percent, 50);
  const sept = stageFigures([v1, v2], S2, lookup, '2026-12-01');
  assert.equal(sept.revision, 2);
  assert.deepEqual(sept.ids.due, [1, 3, 4]);
  assert.equal(sept.confirmed, 1);
  assert.equal(sept.percent, 33.3);
});

test('completion carries over: done and confirmed in January counts at stages 1, 2 and 3', () => {
  const v1: PlanRevision = { number: 1, orderDate: '2026-01-10', items: [item(1, '2026-01-31'), item(2, '2026-10-31')] };
  const lookup = markLookup([fact(1, 'confirmed', '2026-01-25')]);
  for (const s of STAGES) {
    const f = stageFigures([v1], s, lookup, '2026-12-01');
    assert.equal(f.confirmed, 1, `stage ${s.id}`);
    assert.ok(!f.ids.overdue.includes(1));
  }
  assert.equal(stageFigures([v1], S3, lookup, '2026-12-01').percent, 50);
  assert.equal(stageFigures([v1], S1, lookup, '2026-12-01').percent, 100);
});

test('an execution dated after a stage does not count at that stage', () => {
  const v1: PlanRevision = { number: 1, orderDate: '2026-01-10', items: [item(1, '2026-05-31')] };
  const lookup = markLookup([fact(1, 'done', '2026-07-02')]);
  assert.equal(statusAt({ id: 1, periodic: false }, S1, lookup), 'planned');
  assert.equal(statusAt({ id: 1, periodic: false }, S2, lookup), 'done');
  assert.deepEqual(stageFigures([v1], S1, lookup, '2026-07-05').ids.overdue, [1]);
  assert.deepEqual(stageFigures([v1], S2, lookup, '2026-07-05').ids.done, [1]);
});

test('periodic activities are due at every stage from their start and marked per stage', () => {
  const monthly = item(1, null, { periodic: true });
  const yearLong = item(2, '2026-12-31', { periodic: true, startDate: '2026-01-01' });
  const fromAutumn = item(3, null, { periodic: true, startDate: '2026-09-01' });
  assert.equal(dueAt(monthly, S1.measuredOn), true);
  assert.equal(dueAt(yearLong, S1.measuredOn), true);
  assert.equal(dueAt(fromAutumn, S1.measuredOn), false);
  assert.equal(dueAt(fromAutumn, S2.measuredOn), true);
  const v1: PlanRevision = { number: 1, orderDate: '2026-01-10', items: [monthly, yearLong, fromAutumn] };
  const lookup = markLookup([fact(1, 'confirmed', '2026-06-20', S1.id), fact(2, 'confirmed', '2026-06-25', S1.id)]);
  assert.equal(stageFigures([v1], S1, lookup, '2026-07-01').percent, 100);
  const sept = stageFigures([v1], S2, lookup, '2026-10-01');
  assert.equal(sept.confirmed, 0);
  assert.deepEqual(sept.ids.overdue, [1, 2, 3]);
});

test('«от всего плана» counts every activity of the revision in force', () => {
  const v1: PlanRevision = { number: 1, orderDate: '2026-01-10', items: [item(1, '2026-03-01'), item(2, '2026-10-01'), item(3, null)] };
  const f = stageFigures([v1], S1, markLookup([fact(1, 'confirmed', '2026-02-01'), fact(2, 'confirmed', '2026-06-01')]), '2026-07-01');
  assert.deepEqual([f.due, f.confirmed, f.percent], [1, 1, 100]);
  assert.deepEqual([f.plan, f.planConfirmed, f.planPercent], [3, 2, 66.7]);
  const none = stageFigures([], S1, markLookup([]), '2026-07-01');
  assert.deepEqual([none.revision, none.due, none.percent, none.met, none.plan], [null, 0, null, null, 0]);
});

test('territory totals add up the roadmaps and compare with the threshold', () => {
  const t = totalFigures(
    [
      { due: 4, done: 3, confirmed: 2, plan: 10, planConfirmed: 2 },
      { due: 6, done: 6, confirmed: 6, plan: 6, planConfirmed: 6 },
    ],
    75,
  );
  assert.deepEqual([t.due, t.confirmed, t.percent, t.met, t.plan, t.planPercent], [10, 8, 80, true, 16, 50]);
});

test('a region’s targets override the federal ones for its territory only', () => {
  const federal = [
    { id: 1, number: 1, title: 'Первый', measuredOn: '2026-06-30', thresholdPercent: 45 },
    { id: 2, number: 2, title: 'Второй', measuredOn: '2026-09-30', thresholdPercent: 75 },
  ];
  const targets = [{ stageId: 1, regionId: 57, measuredOn: '2026-06-15', thresholdPercent: 100 }];
  const orel = effectiveStages(federal, targets, 57);
  assert.deepEqual(
    orel.map((s) => [s.measuredOn, s.thresholdPercent, s.source]),
    [
      ['2026-06-15', 100, 'region'],
      ['2026-09-30', 75, 'federal'],
    ],
  );
  assert.deepEqual(orel[0]!.federal, { measuredOn: '2026-06-30', thresholdPercent: 45 });
  assert.deepEqual(effectiveStages(federal, targets, 40).map((s) => s.thresholdPercent), [45, 75]);
  assert.deepEqual(effectiveStages(federal, targets, null).map((s) => s.thresholdPercent), [45, 75]);
  assert.deepEqual(targetIssues([{ number: 1, measuredOn: '2026-10-01' }, { number: 2, measuredOn: '2026-09-30' }]), [[1, 'Дата этапа 2 должна быть позже даты этапа 1']]);
});

test('a mark change touches the stages from its execution date on (one-off) or its own stage (periodic)', () => {
  assert.deepEqual(touchedStages(STAGES, { periodic: true }, 12, null, '2026-01-01').map((s) => s.id), [12]);
  assert.deepEqual(touchedStages(STAGES, { periodic: false }, 13, null, '2026-05-01').map((s) => s.id), [11, 12, 13]);
  assert.deepEqual(touchedStages(STAGES, { periodic: false }, 13, '2026-07-01', '2026-05-01').map((s) => s.id), [11, 12, 13]);
  assert.deepEqual(touchedStages(STAGES, { periodic: false }, 11, '2026-10-01', '2026-10-01').map((s) => s.id), [13]);
  assert.deepEqual(touchedStages(STAGES, { periodic: false }, 11, null, null), []);
  assert.deepEqual(touchedStages(STAGES, { periodic: false }, 11, null, '2026-12-20'), []);
});

test('stage reports: submit, return with a reason, resubmit, accept; only submitted or accepted lock marks', () => {
  assert.deepEqual(reportTransition('not_submitted', 'submit'), { ok: true, to: 'submitted' });
  assert.equal(reportTransition('submitted', 'return', '  ').ok, false);
  assert.deepEqual(reportTransition('submitted', 'return', 'Нет протоколов'), { ok: true, to: 'returned' });
  assert.deepEqual(reportTransition('returned', 'submit'), { ok: true, to: 'submitted' });
  assert.deepEqual(reportTransition('submitted', 'accept'), { ok: true, to: 'accepted' });
  assert.equal(reportTransition('accepted', 'submit').ok, false);
  assert.equal(reportTransition('not_submitted', 'accept').ok, false);
  assert.deepEqual(reportTransition('accepted', 'return', 'Ошибка в данных'), { ok: true, to: 'returned' });
  assert.deepEqual(['not_submitted', 'submitted', 'accepted', 'returned'].map((s) => locksMarks(s as never)), [false, true, true, false]);
});

test('re-imported rows keep the ids of the activities they repeat: by number, then by title', () => {
  const existing = [
    { id: 10, number: '1', title: 'Совещание' },
    { id: 11, number: '2', title: 'Семинар для директоров' },
    { id: 12, number: null, title: 'Мониторинг' },
  ];
  assert.deepEqual(
    matchByNumber(existing, [
      { number: '2', title: 'Семинар (изменено)' },
      { number: '3', title: 'Новое' },
      { number: null, title: ' мониторинг ' },
      { number: '1', title: 'Совещание' },
      { number: '1', title: 'Повтор номера' },
    ]),
    [11, undefined, 12, 10, undefined],
  );
});
