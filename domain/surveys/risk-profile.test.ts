import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FactorCode } from './factors.js';
import { DEFAULT_METHODOLOGY, type Methodology } from './methodology.js';
import { computeRiskProfile, factorsByRisk, levelFor, type FactorResult, type RiskProfile } from './risk-profile.js';

type Answers = Record<string, unknown>;
const times = (n: number, answer: Answers): Answers[] => Array.from({ length: n }, () => ({ ...answer }));
const factor = (p: RiskProfile, code: FactorCode): FactorResult => {
  const f = p.factors.find((x) => x.code === code);
  assert.ok(f, code);
  return f;
};
const indicator = (f: FactorResult, code: string) => {
  const i = f.indicators.find((x) => x.code === code);
  assert.ok(i, code);
  return i;
};

test('no in-school professional development: hand-computed high risk', () => {
  const p = computeRiskProfile(DEFAULT_METHODOLOGY, {
    answers: {
      director: [{ d_pd_plan: 'no', d_methodical: 'partly', d_mentoring: 'no' }],
      teachers: [
        ...times(2, { t_pd_recent: 'yes', t_pd_useful: 'none_held', t_lesson_visits: 'never', t_mentor: 'partly' }),
        ...times(4, { t_pd_recent: 'no', t_pd_useful: 'none_held', t_lesson_visits: 'never', t_mentor: 'partly' }),
      ],
    },
  });
  const f = factor(p, 'no_pd_system');
  // pd_director (1 + 0.5 + 1) / 3 = 0.833; pd_courses share 2/6 = 0.333, lower is risk on [0.3, 1]: (1 − 0.333) / 0.7 = 0.952;
  // pd_inschool (1 + 1 + 0.5) / 3 = 0.833; score (2·0.833 + 1·0.952 + 2·0.833) / 5 = 0.857 → 0.86.
  assert.equal(indicator(f, 'pd_director').value, 0.833);
  assert.equal(indicator(f, 'pd_courses').value, 0.333);
  assert.equal(indicator(f, 'pd_courses').risk, 0.952);
  assert.equal(indicator(f, 'pd_inschool').value, 0.833);
  assert.deepEqual(indicator(f, 'pd_courses').respondents, [{ instrument: 'teachers', count: 6 }]);
  assert.equal(f.score, 0.86);
  assert.equal(f.level, 'high');
  assert.equal(f.preliminary, false);
  assert.match(f.explanation, /^Высокий риск: 0,86 ≥ порога 0,6\./);
  assert.match(f.explanation, /«Доля учителей, прошедших повышение квалификации за 3 года» 0,33 → риск 0,95 \(вес 1; учителя: 6\)/);
});

test('a safe school environment: hand-computed no risk', () => {
  const p = computeRiskProfile(DEFAULT_METHODOLOGY, {
    answers: {
      students6: times(10, { s_safe: 'agree', s_bullying: 'never' }),
      students9: times(10, { s_safe: 'rather_agree', s_bullying: 'once' }),
      teachers: times(5, { t_climate: 'agree', t_discipline: 'rather_disagree' }),
      director: [{ d_bullying: 'single', d_psychologist: 'both' }],
      parents: times(10, { p_safe: 'agree' }),
    },
  });
  const f = factor(p, 'environment');
  // en_students: grade 6 mean 0, grade 9 mean 0.33 → 0.165 (each group counts equally); en_teachers (0 + 0.33) / 2;
  // en_director (0.33 + 0) / 2; en_parents 0 → (2·0.165 + 0.165 + 0.165 + 0) / 5 = 0.132 → 0.13.
  assert.equal(indicator(f, 'en_students').value, 0.165);
  assert.equal(f.score, 0.13);
  assert.equal(f.level, 'none');
  assert.match(f.explanation, /^Риск не выявлен: 0,13 < порога низкого риска 0,2\./);
});

test('parental involvement: medium risk computed from the groups that answered', () => {
  const p = computeRiskProfile(DEFAULT_METHODOLOGY, {
    answers: {
      parents: times(10, { p_meetings: 'rarely', p_events: 'never', p_homework_help: 'weekly', p_informed: 'partly' }),
      students6: [...times(5, { s_parents_interest: 'daily' }), ...times(5, { s_parents_interest: 'rarely' })],
      director: [{ d_parent_meetings: '25_50' }],
    },
  });
  const f = factor(p, 'parent_involvement');
  // pi_parents (0.67 + 1 + 0.33 + 0.5) / 4 = 0.625; pi_students 0.335 (grade 9 did not answer); pi_school 0.67 (teachers did not answer)
  // → (2·0.625 + 0.335 + 0.67) / 4 = 0.564 → 0.56.
  assert.equal(indicator(f, 'pi_parents').value, 0.625);
  assert.equal(indicator(f, 'pi_students').value, 0.335);
  assert.equal(indicator(f, 'pi_students').note, 'нет ответов: обучающиеся 9 классов');
  assert.deepEqual(indicator(f, 'pi_school').respondents, [
    { instrument: 'director', count: 1 },
    { instrument: 'teachers', count: 0 },
  ]);
  assert.equal(f.score, 0.56);
  assert.equal(f.level, 'medium');
  assert.match(f.explanation, /^Средний риск: 0,56 ≥ порога 0,4 \(порог высокого риска 0,6 не достигнут\)\./);
});

test('learning motivation: low risk from students alone; the explanation names the groups without answers', () => {
  const p = computeRiskProfile(DEFAULT_METHODOLOGY, {
    answers: { students6: times(12, { s_like_school: 'rather_agree', s_interesting_lessons: 'rather_agree', s_homework: 'often' }) },
  });
  const f = factor(p, 'low_motivation');
  assert.equal(f.score, 0.33);
  assert.equal(f.level, 'low');
  assert.match(f.explanation, /^Низкий риск: 0,33 ≥ порога 0,2 \(порог среднего риска 0,4 не достигнут\)\./);
  assert.match(f.explanation, /взвешенное среднее 1 из 4 показателей/);
  assert.match(f.explanation, /Без данных: «Интерес обучающихся к учёбе по оценке учителей» \(нет ответов: учителя\)/);
  assert.match(f.explanation, /\(нет ответов: обучающиеся 9 классов\)/);
});

test('no answers at all: every factor is unknown and says which questionnaires are missing', () => {
  const p = computeRiskProfile(DEFAULT_METHODOLOGY, { answers: {} });
  assert.equal(p.methodologyVersion, 1);
  assert.deepEqual(p.summary, { high: 0, medium: 0, low: 0, none: 0, unknown: 10 });
  for (const f of p.factors) {
    assert.equal(f.score, null);
    assert.equal(f.level, 'unknown');
    assert.ok(f.indicators.every((i) => i.value === null && i.risk === null && i.respondents.every((r) => r.count === 0)));
  }
  assert.equal(
    factor(p, 'no_pd_system').explanation,
    'Нет данных: ни по одному показателю нет ответов; нет анкет — руководитель, учителя.',
  );
});

test('answers with every question skipped count as no data, and the explanation says so', () => {
  const p = computeRiskProfile(DEFAULT_METHODOLOGY, { answers: { director: [{}], teachers: [{}, { t_comment: 'x' }] } });
  const f = factor(p, 'no_pd_system');
  assert.equal(f.level, 'unknown');
  assert.equal(f.explanation, 'Нет данных: ни по одному показателю нет ответов; анкеты есть, но вопросы фактора пропущены — руководитель, учителя.');
  assert.equal(indicator(f, 'pd_courses').note, 'учителя: 2 анкеты без ответов на вопросы показателя');
});

test('one respondent: computed, flagged «мало ответов» unless the school has only that many', () => {
  const answers = { teachers: [{ t_pd_recent: 'no', t_pd_useful: 'not', t_lesson_visits: 'never', t_mentor: 'no' }] };
  const f = factor(computeRiskProfile(DEFAULT_METHODOLOGY, { answers }), 'no_pd_system');
  assert.equal(f.level, 'high');
  assert.equal(f.score, 1);
  assert.equal(f.preliminary, true);
  assert.equal(indicator(f, 'pd_courses').note, 'мало ответов: учителя — 1 ответ при минимуме 5');
  assert.match(f.explanation, /Оценка предварительная — мало ответов: учителя — 1 ответ при минимуме 5\./);
  assert.match(f.explanation, /Без данных: «План повышения квалификации, методические объединения, наставничество \(руководитель\)» \(нет ответов: руководитель\)/);
  // A school with a single teacher: one answer is everybody.
  const small = factor(computeRiskProfile(DEFAULT_METHODOLOGY, { answers, facts: { teachers: 1 } }), 'no_pd_system');
  assert.equal(small.preliminary, false);
  assert.equal(indicator(small, 'pd_courses').note, undefined);
});

test('unknown answer values, junk and non-objects are ignored', () => {
  const p = computeRiskProfile(DEFAULT_METHODOLOGY, {
    answers: {
      teachers: [
        { t_pd_recent: 'maybe', t_pd_useful: 42, t_lesson_visits: null, t_mentor: { yes: true } },
        null as unknown as Answers,
        { t_pd_recent: 'yes', constructor: 'x', toString: 'no' },
        ...times(4, { t_pd_recent: 'yes' }),
      ],
    },
  });
  const f = factor(p, 'no_pd_system');
  assert.deepEqual(indicator(f, 'pd_courses').respondents, [{ instrument: 'teachers', count: 5 }]);
  assert.equal(indicator(f, 'pd_courses').value, 1);
  assert.equal(indicator(f, 'pd_inschool').value, null);
  assert.equal(f.score, 0);
  assert.equal(f.level, 'none');
});

test('a rating given as a number and several picks of one question (the riskiest counts)', () => {
  const p = computeRiskProfile(DEFAULT_METHODOLOGY, {
    answers: { teachers: times(5, { t_equipment: 1, t_internet: 'never' }), director: [{ d_internet: ['yes', 'no'] }] },
  });
  const f = factor(p, 'low_equipment');
  assert.equal(indicator(f, 'eq_teachers').value, 1);
  assert.equal(indicator(f, 'eq_director').value, 1);
});

test('a factor may carry its own thresholds', () => {
  const m: Methodology = structuredClone(DEFAULT_METHODOLOGY);
  m.factors.find((f) => f.code === 'low_motivation')!.thresholds = { high: 0.3, medium: 0.2, low: 0.1 };
  const answers = { students6: times(12, { s_like_school: 'rather_agree', s_interesting_lessons: 'rather_agree', s_homework: 'often' }) };
  const f = factor(computeRiskProfile(m, { answers }), 'low_motivation');
  assert.equal(f.level, 'high');
  assert.match(f.explanation, /^Высокий риск: 0,33 ≥ порога 0,3\./);
});

test('the computation is deterministic and leaves its input alone', () => {
  const input = { answers: { parents: times(3, { p_meetings: 'never', p_safe: 'disagree' }) }, facts: { teachers: 20 } };
  const before = structuredClone(input);
  const a = computeRiskProfile(DEFAULT_METHODOLOGY, input);
  const b = computeRiskProfile(DEFAULT_METHODOLOGY, input);
  assert.deepEqual(a, b);
  assert.deepEqual(input, before);
  assert.deepEqual(JSON.parse(JSON.stringify(a)), a, 'plain data');
});

test('levels by thresholds and ordering by risk', () => {
  const t = { high: 0.6, medium: 0.4, low: 0.2 };
  assert.deepEqual([0, 0.19, 0.2, 0.39, 0.4, 0.59, 0.6, 1].map((s) => levelFor(s, t)), ['none', 'none', 'low', 'low', 'medium', 'medium', 'high', 'high']);
  const p = computeRiskProfile(DEFAULT_METHODOLOGY, {
    answers: {
      director: [{ d_pd_plan: 'no', d_methodical: 'no', d_mentoring: 'no', d_internet: 'partly', d_computers: 'most', d_labs: 'partly', d_textbooks: 'yes' }],
    },
  });
  const ordered = factorsByRisk(p).map((f) => [f.code, f.level]);
  assert.deepEqual(ordered.slice(0, 2), [
    ['no_pd_system', 'high'],
    ['low_equipment', 'low'],
  ]);
  assert.equal(ordered.at(-1)?.[1], 'unknown');
});
