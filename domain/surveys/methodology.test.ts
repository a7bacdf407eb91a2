import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FACTOR_CODES, FACTOR_NAMES } from './factors.js';
import { DEFAULT_INSTRUMENTS, questionCatalog } from './instruments.js';
import { SCHOOL_INSTRUMENTS } from './instruments/types.js';
import { checkMethodology, DEFAULT_METHODOLOGY, methodologySchema, parseMethodology, type Methodology } from './methodology.js';

const copy = (): Methodology => structuredClone(DEFAULT_METHODOLOGY);

test('the default methodology passes its schema, also as JSON a coordinator would upload', () => {
  assert.equal(methodologySchema.safeParse(DEFAULT_METHODOLOGY).success, true);
  const result = parseMethodology(JSON.parse(JSON.stringify(DEFAULT_METHODOLOGY)));
  assert.equal(result.ok, true, JSON.stringify(!result.ok && result.issues));
  assert.deepEqual(checkMethodology(DEFAULT_METHODOLOGY), []);
});

test('the default methodology covers the ten factors in the programme order and wording', () => {
  assert.deepEqual(
    DEFAULT_METHODOLOGY.factors.map((f) => f.code),
    [...FACTOR_CODES],
  );
  for (const f of DEFAULT_METHODOLOGY.factors) {
    assert.equal(f.name, FACTOR_NAMES[f.code]);
    assert.ok(f.indicators.length >= 2, `${f.code} has several indicators`);
    assert.ok(new Set(f.indicators.flatMap((i) => i.items.map((x) => x.instrument))).size >= 2, `${f.code} uses several respondent groups`);
  }
});

test('every referenced question exists in its instrument and every scored answer is one it offers', () => {
  for (const f of DEFAULT_METHODOLOGY.factors) {
    for (const ind of f.indicators) {
      for (const item of ind.items) {
        const def = DEFAULT_INSTRUMENTS[item.instrument];
        assert.equal(DEFAULT_METHODOLOGY.instrumentVersions[item.instrument], def.version);
        const allowed = questionCatalog(def.survey).get(item.question);
        assert.ok(allowed, `${ind.code}: ${item.instrument}.${item.question} is a scorable question`);
        for (const value of Object.keys(item.scores)) assert.ok(allowed.includes(value), `${ind.code}: ${item.question} offers «${value}»`);
        const scores = Object.values(item.scores);
        assert.equal(Math.max(...scores), 1, `${ind.code}.${item.question}: some answer is the full risk`);
        assert.equal(Math.min(...scores), 0, `${ind.code}.${item.question}: some answer is no risk`);
      }
    }
  }
});

test('every scorable question of the school questionnaires is used by the methodology', () => {
  const used = new Set(DEFAULT_METHODOLOGY.factors.flatMap((f) => f.indicators.flatMap((i) => i.items.map((x) => `${x.instrument}.${x.question}`))));
  for (const instrument of SCHOOL_INSTRUMENTS) {
    for (const [name, values] of questionCatalog(DEFAULT_INSTRUMENTS[instrument].survey)) {
      if (values) assert.ok(used.has(`${instrument}.${name}`), `${instrument}.${name} is asked but never scored`);
    }
  }
});

test('shape errors come back with exact paths', () => {
  const m = copy() as unknown as Record<string, unknown> & Methodology;
  m.thresholds = { high: 0.3, medium: 0.4, low: 0.2 };
  m.factors[0]!.indicators[0]!.weight = 0;
  (m.factors[1]!.indicators[1]!.items[0]!.scores as Record<string, number>).gt1_5 = 0.5; // share scores must be 0 or 1
  m.factors[2]!.indicators[0]!.code = m.factors[0]!.indicators[0]!.code;
  m.extra = true;
  const result = parseMethodology(m);
  assert.equal(result.ok, false);
  const paths = !result.ok ? result.issues.map((i) => i.path) : [];
  assert.ok(paths.includes('thresholds'), paths.join(' '));
  assert.ok(paths.includes('factors.0.indicators.0.weight'), paths.join(' '));
  assert.ok(paths.includes('factors.1.indicators.1.items.0.scores.gt1_5'), paths.join(' '));
  assert.ok(paths.includes(''), 'unknown key at the top');
});

test('duplicate indicator codes and factors are refused', () => {
  const m = copy();
  m.factors[2]!.indicators[0]!.code = 'eq_director';
  m.factors.push(structuredClone(m.factors[0]!));
  const result = parseMethodology(m);
  assert.equal(result.ok, false);
  const messages = !result.ok ? result.issues.map((i) => `${i.path}: ${i.message}`) : [];
  assert.ok(messages.some((x) => x.startsWith('factors.2.indicators.0.code: ') && x.includes('eq_director')), messages.join('\n'));
  assert.ok(messages.some((x) => x.startsWith('factors.10.code: ')), messages.join('\n'));
});

test('questions and answers missing from the instruments are reported in Russian', () => {
  const m = copy();
  m.factors[0]!.indicators[0]!.items[0]!.question = 'd_wifi';
  m.factors[0]!.indicators[0]!.items[1]!.scores = { all: 0, plenty: 1 };
  m.factors[9]!.indicators[2]!.items.push({ instrument: 'parents', question: 'p_comment', scores: { x: 1 } });
  m.instrumentVersions.teachers = 2;
  const result = parseMethodology(m);
  assert.equal(result.ok, false);
  const issues = !result.ok ? result.issues : [];
  assert.deepEqual(
    issues.map((i) => i.path),
    ['instrumentVersions.teachers', 'factors.0.indicators.0.items.0.question', 'factors.0.indicators.0.items.1.scores.plenty', 'factors.9.indicators.2.items.1.question'],
  );
  assert.match(issues[1]!.message, /нет вопроса d_wifi/);
  assert.match(issues[2]!.message, /нет ответа «plenty»/);
  assert.match(issues[3]!.message, /свободный текст/);
});

test('a methodology may redefine thresholds per factor, validated the same way', () => {
  const m = copy();
  m.factors[0]!.thresholds = { high: 0.8, medium: 0.5, low: 0.5 };
  const result = parseMethodology(m);
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.issues.map((i) => i.path), ['factors.0.thresholds']);
});

test('docs/methodology.md describes every factor and indicator of the default methodology', async () => {
  const { readFile } = await import('node:fs/promises');
  const doc = await readFile(new URL('../../docs/methodology.md', import.meta.url), 'utf8');
  for (const f of DEFAULT_METHODOLOGY.factors) {
    assert.ok(doc.includes(`\`${f.code}\` — «${f.name}»`), f.code);
    for (const ind of f.indicators) assert.ok(doc.includes(`\`${ind.code}\` ${ind.name}`), ind.code);
  }
});
