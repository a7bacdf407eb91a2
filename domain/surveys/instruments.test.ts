import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FACTOR_CODES } from './factors.js';
import { allowedValues, cleanResponse, DEFAULT_INSTRUMENTS, questionCatalog, surveyQuestions } from './instruments.js';
import { INSTRUMENT_CODES } from './instruments/types.js';

test('every instrument has a stable code, a version, a Russian title and 8–20 questions', () => {
  for (const code of INSTRUMENT_CODES) {
    const def = DEFAULT_INSTRUMENTS[code];
    assert.equal(def.code, code);
    assert.ok(Number.isInteger(def.version) && def.version >= 1, code);
    assert.match(def.title, /[а-яё]/i);
    assert.equal(def.survey.locale, 'ru');
    const questions = surveyQuestions(def.survey);
    assert.ok(questions.length >= 8 && questions.length <= 20, `${code}: ${questions.length} questions`);
  }
});

test('question names are unique per survey and choices have unique values and texts', () => {
  for (const code of INSTRUMENT_CODES) {
    const questions = surveyQuestions(DEFAULT_INSTRUMENTS[code].survey);
    assert.equal(new Set(questions.map((q) => q.name)).size, questions.length, code);
    for (const q of questions) {
      assert.match(q.name, /^[a-z][a-z0-9_]*$/, q.name);
      assert.ok(q.title.trim().length > 5, q.name);
      if ('choices' in q) {
        assert.ok(q.choices.length >= 2, q.name);
        assert.equal(new Set(q.choices.map((c) => c.value)).size, q.choices.length, q.name);
        assert.equal(new Set(q.choices.map((c) => c.text)).size, q.choices.length, q.name);
      }
    }
  }
});

test('questionnaires are phone-friendly and anonymous', () => {
  for (const code of INSTRUMENT_CODES) {
    const def = DEFAULT_INSTRUMENTS[code];
    const questions = surveyQuestions(def.survey);
    const tappable = questions.filter((q) => q.type === 'radiogroup' || q.type === 'rating' || q.type === 'boolean' || q.type === 'dropdown');
    assert.ok(tappable.length / questions.length >= 0.8, `${code}: mostly single taps`);
    assert.match(def.survey.description ?? '', /анонимн/i, code);
    for (const q of questions) {
      assert.doesNotMatch(q.title, /ваш[ие]? (фамили|имя)|фио|укажите (фамили|имя)/i, `${code}.${q.name} asks for a name`);
      if (q.type === 'text' || q.type === 'comment') assert.equal(q.isRequired ?? false, false, `${q.name}: free text is optional`);
    }
  }
});

test('the curator questionnaire offers the ten risk directions', () => {
  const catalog = questionCatalog(DEFAULT_INSTRUMENTS.curator_candidate.survey);
  assert.deepEqual(catalog.get('c_factors'), [...FACTOR_CODES]);
});

test('allowed values: choices, rating range as strings, booleans, free text', () => {
  const teachers = questionCatalog(DEFAULT_INSTRUMENTS.teachers.survey);
  assert.deepEqual(teachers.get('t_pd_recent'), ['yes', 'no']);
  assert.deepEqual(teachers.get('t_confidence'), ['1', '2', '3', '4', '5']);
  const visits = surveyQuestions(DEFAULT_INSTRUMENTS.curator_candidate.survey).find((q) => q.name === 'c_visits');
  assert.ok(visits);
  assert.deepEqual(allowedValues(visits), ['true', 'false']);
  assert.equal(questionCatalog(DEFAULT_INSTRUMENTS.parents.survey).get('p_comment'), null);
});

test('cleanResponse keeps only known questions with accepted values', () => {
  const cleaned = cleanResponse(DEFAULT_INSTRUMENTS.curator_candidate, {
    c_position: 'teacher',
    c_experience: 'forever', // not a choice
    c_factors: ['staff_shortage', 'staff_shortage', 'nonsense', 7],
    c_analysis: '4', // rating typed as a string
    c_planning: 9, // out of range
    c_visits: 'true',
    c_motivation: `  ${'х'.repeat(1200)}  `,
    name: 'Иванов', // not a question
    __proto__: { polluted: true },
  });
  assert.deepEqual(Object.keys(cleaned).sort(), ['c_analysis', 'c_factors', 'c_motivation', 'c_position', 'c_visits']);
  assert.deepEqual(cleaned.c_factors, ['staff_shortage']);
  assert.equal(cleaned.c_analysis, 4);
  assert.equal(cleaned.c_visits, true);
  assert.equal((cleaned.c_motivation as string).length, 1000);
  assert.deepEqual(cleanResponse(DEFAULT_INSTRUMENTS.director, null), {});
  assert.deepEqual(cleanResponse(DEFAULT_INSTRUMENTS.director, ['d_internet']), {});
  assert.deepEqual(cleanResponse(DEFAULT_INSTRUMENTS.parents, { p_comment: '   ', p_equipment: 2.5 }), {});
});
