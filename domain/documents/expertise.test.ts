import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkExpertiseForm, DEFAULT_EXPERTISE_CRITERIA, suggestedConclusion, type CriterionMark } from './expertise.js';

const allMarks = (mark: CriterionMark) => Object.fromEntries(DEFAULT_EXPERTISE_CRITERIA.map((c) => [c.code, mark]));

test('default criteria: 6–10, unique codes, Russian titles', () => {
  assert.ok(DEFAULT_EXPERTISE_CRITERIA.length >= 6 && DEFAULT_EXPERTISE_CRITERIA.length <= 10);
  assert.equal(new Set(DEFAULT_EXPERTISE_CRITERIA.map((c) => c.code)).size, DEFAULT_EXPERTISE_CRITERIA.length);
  for (const c of DEFAULT_EXPERTISE_CRITERIA) {
    assert.match(c.code, /^[a-z][a-z_]*$/);
    assert.match(c.title, /^[А-ЯЁ]/);
  }
});

test('expertise form: every criterion, a conclusion, a comment unless it meets', () => {
  assert.deepEqual(checkExpertiseForm({ marks: allMarks('yes'), conclusion: 'meets', comment: '' }), []);
  const empty = checkExpertiseForm({ marks: { goals_match_risks: 'yes' }, conclusion: null, comment: '' });
  assert.equal(empty.length, DEFAULT_EXPERTISE_CRITERIA.length - 1 + 1);
  assert.deepEqual(empty[0], { path: 'marks.tasks_lead_to_goal', message: 'Оцените критерий «Задачи конкретизируют цель и ведут к её достижению»' });
  assert.deepEqual(checkExpertiseForm({ marks: allMarks('no'), conclusion: 'does_not_meet', comment: ' ' }), [
    { path: 'comment', message: 'Поясните заключение в комментарии' },
  ]);
  const bad = checkExpertiseForm({ marks: { ...allMarks('yes'), goals_match_risks: 'maybe' as CriterionMark }, conclusion: 'meets', comment: '' });
  assert.deepEqual(bad.map((i) => i.path), ['marks.goals_match_risks']);
  const custom = [{ code: 'a', title: 'А' }];
  assert.deepEqual(checkExpertiseForm({ marks: { a: 'partially' }, conclusion: 'partially', comment: 'частично' }, custom), []);
});

test('suggested conclusion from the marks', () => {
  assert.equal(suggestedConclusion(allMarks('yes')), 'meets');
  assert.equal(suggestedConclusion(allMarks('no')), 'does_not_meet');
  assert.equal(suggestedConclusion({ ...allMarks('yes'), measures_specific: 'partially' }), 'partially');
  assert.equal(suggestedConclusion({ goals_match_risks: 'yes' }), null);
  const four = [{ code: 'a', title: 'А' }, { code: 'b', title: 'Б' }, { code: 'c', title: 'В' }, { code: 'd', title: 'Г' }];
  assert.equal(suggestedConclusion({ a: 'no', b: 'no', c: 'yes', d: 'yes' }, four), 'does_not_meet');
  assert.equal(suggestedConclusion({ a: 'no', b: 'partially', c: 'yes', d: 'yes' }, four), 'partially');
  assert.equal(suggestedConclusion({}, []), null);
});
