import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_ACTIVATION_RULES, suggestedDirections, validateActivation, type ActivationRules } from './activation.js';
import { FACTOR_CODES, FACTOR_NAMES, type FactorCode, type FactorLevel } from './factors.js';
import type { RiskProfile } from './risk-profile.js';

/** A profile with the given levels (others 'none'); scores follow the levels. */
function profile(levels: Partial<Record<FactorCode, FactorLevel>>, scores: Partial<Record<FactorCode, number>> = {}): RiskProfile {
  const base: Record<FactorLevel, number | null> = { high: 0.7, medium: 0.5, low: 0.3, none: 0.1, unknown: null };
  const factors = FACTOR_CODES.map((code) => {
    const level = levels[code] ?? 'none';
    return { code, name: FACTOR_NAMES[code], level, score: scores[code] ?? base[level], preliminary: false, indicators: [], explanation: '' };
  });
  const summary: Record<FactorLevel, number> = { high: 0, medium: 0, low: 0, none: 0, unknown: 0 };
  for (const f of factors) summary[f.level]++;
  return { methodologyVersion: 1, factors, summary };
}

const kinds = (problems: { kind: string; code: string | null }[]) => problems.map((p) => `${p.kind}:${p.code ?? ''}`);

test('defaults: up to three directions, at least one, high risks first', () => {
  assert.equal(DEFAULT_ACTIVATION_RULES.maxDirections, 3);
  const p = profile({ staff_shortage: 'high', low_motivation: 'medium', environment: 'low', language_barriers: 'medium' }, { language_barriers: 0.55 });
  assert.deepEqual(suggestedDirections(p), ['staff_shortage', 'language_barriers', 'low_motivation']);
  assert.deepEqual(validateActivation(p, ['staff_shortage', 'environment']), []);
  assert.deepEqual(validateActivation(p, ['staff_shortage']), []);
});

test('a high-risk factor must be chosen while the limit allows', () => {
  const p = profile({ staff_shortage: 'high', academic_failure: 'high', low_motivation: 'medium' });
  const problems = validateActivation(p, ['staff_shortage', 'low_motivation']);
  assert.deepEqual(kinds(problems), ['mandatory_missing:academic_failure']);
  assert.equal(problems[0]!.message, `Направление «${FACTOR_NAMES.academic_failure}» обязательно: высокий риск`);
});

test('with more high risks than the limit, any three of them will do, but not a medium one instead', () => {
  const p = profile({ low_equipment: 'high', staff_shortage: 'high', teacher_competence: 'high', environment: 'high', low_motivation: 'medium' });
  assert.deepEqual(validateActivation(p, ['staff_shortage', 'teacher_competence', 'environment']), []);
  assert.deepEqual(kinds(validateActivation(p, ['staff_shortage', 'teacher_competence', 'low_motivation'])), [
    'mandatory_missing:low_equipment',
    'mandatory_missing:environment',
  ]);
  assert.deepEqual(suggestedDirections(p), ['low_equipment', 'staff_shortage', 'teacher_competence']);
});

test('counts, duplicates, unknown codes and levels that cannot be chosen', () => {
  const p = profile({ staff_shortage: 'medium', environment: 'unknown' });
  assert.deepEqual(kinds(validateActivation(p, [])), ['too_few:']);
  assert.equal(validateActivation(p, [])[0]!.message, 'Нужно выбрать не менее 1 направления');
  const problems = validateActivation(p, ['staff_shortage', 'staff_shortage', 'magic', 'environment', 'low_equipment', 'no_pd_system']);
  assert.deepEqual(kinds(problems), [
    'duplicate:staff_shortage',
    'unknown_factor:magic',
    'level_not_selectable:environment',
    'level_not_selectable:low_equipment',
    'level_not_selectable:no_pd_system',
    'too_many:',
  ]);
  assert.equal(problems.at(-1)!.message, 'Можно выбрать не более 3 направлений, выбрано 4');
  assert.match(problems[2]!.message, /в профиле — нет данных$/);
  assert.match(problems[3]!.message, /в профиле — риск не выявлен$/);
});

test('a school with no risk found is not forced to choose', () => {
  const p = profile({});
  assert.deepEqual(suggestedDirections(p), []);
  assert.deepEqual(validateActivation(p, []), []);
});

test('per-cycle rules: a mandatory direction, an excluded one, a different limit', () => {
  const p = profile({ low_equipment: 'high', academic_failure: 'low', low_motivation: 'medium' });
  const rules: Partial<ActivationRules> = { maxDirections: 2, mandatoryCodes: ['academic_failure'], excludedCodes: ['low_equipment'] };
  assert.deepEqual(suggestedDirections(p, rules), ['academic_failure', 'low_motivation']);
  assert.deepEqual(validateActivation(p, ['academic_failure', 'low_motivation'], rules), []);
  const problems = validateActivation(p, ['low_equipment', 'low_motivation'], rules);
  assert.deepEqual(kinds(problems), ['excluded:low_equipment', 'mandatory_missing:academic_failure']);
  assert.equal(problems[1]!.message, `Направление «${FACTOR_NAMES.academic_failure}» обязательно в этом цикле`);
});

const levelArb = fc.constantFrom<FactorLevel>('high', 'medium', 'low', 'none', 'unknown');
const rulesArb: fc.Arbitrary<ActivationRules> = fc
  .record({
    maxDirections: fc.integer({ min: 1, max: 6 }),
    minFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    mandatoryLevels: fc.subarray<FactorLevel>(['high', 'medium', 'low', 'none', 'unknown']),
    mandatoryCodes: fc.subarray([...FACTOR_CODES], { maxLength: 4 }),
    selectableLevels: fc.subarray<FactorLevel>(['high', 'medium', 'low', 'none', 'unknown']),
    excludedCodes: fc.subarray([...FACTOR_CODES], { maxLength: 3 }),
  })
  .map(({ minFrac, ...r }) => ({ ...r, minDirections: Math.floor(minFrac * r.maxDirections) }));

test('the suggestion always satisfies the rules it was made for', () => {
  fc.assert(
    fc.property(fc.array(levelArb, { minLength: 10, maxLength: 10 }), rulesArb, (levels, rules) => {
      const p = profile(Object.fromEntries(FACTOR_CODES.map((c, i) => [c, levels[i]!])));
      const suggestion = suggestedDirections(p, rules);
      assert.ok(suggestion.length <= rules.maxDirections);
      assert.deepEqual(validateActivation(p, suggestion, rules), []);
    }),
    { numRuns: 500 },
  );
});
