import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allowedActions,
  allowedExpertiseActions,
  DOCUMENT_ACTIONS,
  DOCUMENT_STATUSES,
  EXPERTISE_ACTIONS,
  EXPERTISE_STATUSES,
  expertiseTransition,
  transition,
  type DocumentAction,
  type DocumentActor,
  type DocumentStatus,
  type ExpertiseAction,
  type ExpertiseActor,
  type ExpertiseStatus,
} from './workflow.js';

const DOC_ACTORS: DocumentActor[] = ['school', 'curator', 'coordinator'];

/** Every allowed document step; any other (status, action, actor) is refused. */
const DOC_ALLOWED: [DocumentStatus, DocumentAction, DocumentActor, DocumentStatus][] = [
  ['draft', 'submit', 'school', 'submitted'],
  ['returned', 'submit', 'school', 'submitted'],
  ['submitted', 'withdraw', 'school', 'draft'],
  ['submitted', 'confirm', 'curator', 'confirmed'],
  ['submitted', 'return', 'curator', 'returned'],
  ['confirmed', 'reopen', 'curator', 'returned'],
];

const full = { comment: 'Нет подписи директора', hasContent: true };

test('document: every allowed transition (with content and comment)', () => {
  for (const [from, action, by, to] of DOC_ALLOWED) {
    assert.deepEqual(transition(from, action, by, full), { ok: true, to }, `${from} —${action}/${by}→ ${to}`);
  }
});

test('document: every other status × action × actor is refused with a Russian reason', () => {
  let refused = 0;
  for (const from of DOCUMENT_STATUSES) {
    for (const action of DOCUMENT_ACTIONS) {
      for (const by of DOC_ACTORS) {
        if (DOC_ALLOWED.some(([f, a, b]) => f === from && a === action && b === by)) continue;
        const r = transition(from, action, by, full);
        assert.equal(r.ok, false, `${from} ${action} ${by}`);
        if (!r.ok) assert.match(r.reason, /[а-яё]/i);
        refused += 1;
      }
    }
  }
  assert.equal(refused, DOCUMENT_STATUSES.length * DOCUMENT_ACTIONS.length * DOC_ACTORS.length - DOC_ALLOWED.length);
});

test('document: reasons name the rule that refused', () => {
  const reason = (from: DocumentStatus, action: DocumentAction, by: DocumentActor, input = full) => {
    const r = transition(from, action, by, input);
    return r.ok ? '' : r.reason;
  };
  assert.match(reason('submitted', 'confirm', 'school'), /куратор/);
  assert.match(reason('draft', 'submit', 'curator'), /школа/);
  assert.match(reason('submitted', 'withdraw', 'curator'), /только школа/);
  assert.match(reason('submitted', 'confirm', 'coordinator'), /Координатор/);
  assert.match(reason('confirmed', 'submit', 'school'), /подтверждён/);
  assert.match(reason('draft', 'confirm', 'curator'), /черновик/);
});

test('document: submit needs content; return and reopen need a comment', () => {
  const cases: [DocumentStatus, DocumentAction, DocumentActor, { comment?: string; hasContent?: boolean }, boolean][] = [
    ['draft', 'submit', 'school', {}, false],
    ['draft', 'submit', 'school', { hasContent: false }, false],
    ['returned', 'submit', 'school', { hasContent: false, comment: 'x' }, false],
    ['draft', 'submit', 'school', { hasContent: true }, true],
    ['submitted', 'return', 'curator', {}, false],
    ['submitted', 'return', 'curator', { comment: '   ' }, false],
    ['submitted', 'return', 'curator', { comment: 'Нет протокола' }, true],
    ['confirmed', 'reopen', 'curator', { comment: '\n' }, false],
    ['confirmed', 'reopen', 'curator', { comment: 'Ошибка в датах' }, true],
    // confirm and withdraw need neither
    ['submitted', 'confirm', 'curator', {}, true],
    ['submitted', 'withdraw', 'school', {}, true],
  ];
  for (const [from, action, by, input, ok] of cases) {
    assert.equal(transition(from, action, by, input).ok, ok, `${from} ${action} ${JSON.stringify(input)}`);
  }
  const r = transition('draft', 'submit', 'school');
  assert.ok(!r.ok && /Загрузите файл/.test(r.reason));
  const c = transition('submitted', 'return', 'curator', { comment: '' });
  assert.ok(!c.ok && /комментарии/.test(c.reason));
});

test('document: allowed actions match the transition table', () => {
  for (const from of DOCUMENT_STATUSES) {
    for (const by of DOC_ACTORS) {
      const expected = DOC_ALLOWED.filter(([f, , b]) => f === from && b === by).map(([, a]) => a);
      assert.deepEqual([...allowedActions(from, by)].sort(), expected.sort(), `${from}/${by}`);
    }
  }
  assert.deepEqual(allowedActions('submitted', 'curator'), ['confirm', 'return']);
  assert.deepEqual(allowedActions('submitted', 'coordinator'), []);
});

test('document: a full round trip with rework', () => {
  let s: DocumentStatus = 'draft';
  const step = (a: DocumentAction, by: DocumentActor) => {
    const r = transition(s, a, by, full);
    assert.ok(r.ok, a);
    s = r.to;
  };
  step('submit', 'school');
  step('return', 'curator');
  step('submit', 'school');
  step('withdraw', 'school');
  step('submit', 'school');
  step('confirm', 'curator');
  step('reopen', 'curator');
  assert.equal(s, 'returned');
});

const EXP_ACTORS: ExpertiseActor[] = ['expert', 'coordinator'];
const EXP_ALLOWED: [ExpertiseStatus, ExpertiseAction, ExpertiseActor, ExpertiseStatus][] = [
  ['assigned', 'start', 'expert', 'in_progress'],
  ['in_progress', 'complete', 'expert', 'completed'],
  ['completed', 'reopen', 'coordinator', 'in_progress'],
];
const done = { conclusion: 'partially' as const, comment: 'Показатели без базовых значений', criteriaComplete: true };

test('expertise: every allowed transition', () => {
  for (const [from, action, by, to] of EXP_ALLOWED) {
    assert.deepEqual(expertiseTransition(from, action, by, done), { ok: true, to });
  }
});

test('expertise: every other status × action × actor is refused', () => {
  for (const from of EXPERTISE_STATUSES) {
    for (const action of EXPERTISE_ACTIONS) {
      for (const by of EXP_ACTORS) {
        if (EXP_ALLOWED.some(([f, a, b]) => f === from && a === action && b === by)) continue;
        const r = expertiseTransition(from, action, by, done);
        assert.equal(r.ok, false, `${from} ${action} ${by}`);
        if (!r.ok) assert.match(r.reason, /[а-яё]/i);
      }
    }
  }
});

test('expertise: completing needs every criterion, a conclusion and a comment unless it meets; reopening a comment', () => {
  const cases: [ExpertiseStatus, ExpertiseAction, ExpertiseActor, Parameters<typeof expertiseTransition>[3], boolean][] = [
    ['in_progress', 'complete', 'expert', { conclusion: 'meets', criteriaComplete: false }, false],
    ['in_progress', 'complete', 'expert', { criteriaComplete: true }, false],
    ['in_progress', 'complete', 'expert', { conclusion: null, criteriaComplete: true }, false],
    ['in_progress', 'complete', 'expert', { conclusion: 'meets', criteriaComplete: true }, true],
    ['in_progress', 'complete', 'expert', { conclusion: 'partially', criteriaComplete: true }, false],
    ['in_progress', 'complete', 'expert', { conclusion: 'does_not_meet', criteriaComplete: true, comment: ' ' }, false],
    ['in_progress', 'complete', 'expert', { conclusion: 'does_not_meet', criteriaComplete: true, comment: 'Цели не связаны с рисками' }, true],
    ['completed', 'reopen', 'coordinator', {}, false],
    ['completed', 'reopen', 'coordinator', { comment: 'Уточните заключение' }, true],
    ['assigned', 'start', 'expert', {}, true],
  ];
  for (const [from, action, by, input, ok] of cases) {
    assert.equal(expertiseTransition(from, action, by, input).ok, ok, `${from} ${action} ${JSON.stringify(input)}`);
  }
});

test('expertise: allowed actions match the table', () => {
  for (const from of EXPERTISE_STATUSES) {
    for (const by of EXP_ACTORS) {
      const expected = EXP_ALLOWED.filter(([f, , b]) => f === from && b === by).map(([, a]) => a);
      assert.deepEqual(allowedExpertiseActions(from, by), expected, `${from}/${by}`);
    }
  }
});
