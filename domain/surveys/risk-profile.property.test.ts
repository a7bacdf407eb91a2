import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LEVEL_RANK } from './factors.js';
import { DEFAULT_INSTRUMENTS, questionCatalog } from './instruments.js';
import { SCHOOL_INSTRUMENTS, type SchoolInstrumentCode } from './instruments/types.js';
import { DEFAULT_METHODOLOGY, type IndicatorItem, type Thresholds } from './methodology.js';
import { computeRiskProfile, levelFor, type RiskProfileInput } from './risk-profile.js';

const RUNS = { numRuns: 150 };

const catalogs = Object.fromEntries(
  SCHOOL_INSTRUMENTS.map((code) => [code, [...questionCatalog(DEFAULT_INSTRUMENTS[code].survey)]]),
) as Record<SchoolInstrumentCode, [string, string[] | null][]>;

/** A value as SurveyJS would store it: ratings as numbers, everything else as the choice value. */
const stored = (value: string): unknown => (/^\d+$/.test(value) && value.length === 1 ? Number(value) : value);

/** One respondent: each question omitted, answered with an offered value, or answered with junk. */
const respondent = (instrument: SchoolInstrumentCode) =>
  fc.tuple(
    ...catalogs[instrument].map(([, values]) =>
      fc.oneof(
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 6, arbitrary: values ? fc.constantFrom(...values).map(stored) : fc.string() },
        { weight: 1, arbitrary: fc.anything() },
      ),
    ),
  ).map((vals) => {
    const out: Record<string, unknown> = {};
    catalogs[instrument].forEach(([name], i) => {
      if (vals[i] !== undefined) out[name] = vals[i];
    });
    return out;
  });

const input: fc.Arbitrary<RiskProfileInput> = fc
  .record({
    director: fc.array(respondent('director'), { maxLength: 2 }),
    teachers: fc.array(respondent('teachers'), { maxLength: 8 }),
    students6: fc.array(respondent('students6'), { maxLength: 12 }),
    students9: fc.array(respondent('students9'), { maxLength: 12 }),
    parents: fc.array(respondent('parents'), { maxLength: 12 }),
  }, { requiredKeys: [] })
  .chain((answers) =>
    fc.record({ teachers: fc.nat(60), students6: fc.nat(100) }, { requiredKeys: [] }).map((facts) => ({ answers, facts })),
  );

test('random answers never crash and give consistent, bounded results', () => {
  fc.assert(
    fc.property(input, (inp) => {
      const p = computeRiskProfile(DEFAULT_METHODOLOGY, inp);
      assert.equal(p.factors.length, 10);
      assert.equal(Object.values(p.summary).reduce((a, b) => a + b, 0), 10);
      for (const f of p.factors) {
        assert.ok(f.explanation.length > 0);
        if (f.score === null) {
          assert.equal(f.level, 'unknown');
          assert.ok(f.indicators.every((i) => i.value === null));
        } else {
          assert.ok(f.score >= 0 && f.score <= 1);
          assert.equal(f.level, levelFor(f.score, DEFAULT_METHODOLOGY.thresholds));
          assert.ok(f.indicators.some((i) => i.value !== null));
        }
        for (const i of f.indicators) {
          assert.equal(i.value === null, i.risk === null);
          if (i.value !== null) assert.ok(i.value >= 0 && i.value <= 1 && i.risk! >= 0 && i.risk! <= 1);
          assert.equal(i.value === null, i.respondents.every((r) => r.count === 0));
        }
      }
    }),
    RUNS,
  );
});

const thresholds: fc.Arbitrary<Thresholds> = fc
  .uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 3 })
  .map((xs) => xs.sort((a, b) => a - b).map((x) => x / 100))
  .map(([low, medium, high]) => ({ low: low!, medium: medium!, high: high! }));

test('levels are monotone in the score', () => {
  fc.assert(
    fc.property(thresholds, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (t, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(LEVEL_RANK[levelFor(lo, t)] <= LEVEL_RANK[levelFor(hi, t)]);
    }),
    { numRuns: 500 },
  );
});

/** The answer of an item with the largest (or smallest) risk, given the indicator's direction. */
function extreme(item: IndicatorItem, lowerIsRisk: boolean, riskiest: boolean): unknown {
  const entries = Object.entries(item.scores).sort((a, b) => a[1] - b[1]);
  const wantHigh = riskiest !== lowerIsRisk;
  return stored((wantHigh ? entries.at(-1) : entries[0])![0]);
}

function uniform(riskiest: boolean, n: number): RiskProfileInput['answers'] {
  const one: Partial<Record<SchoolInstrumentCode, Record<string, unknown>>> = {};
  for (const f of DEFAULT_METHODOLOGY.factors) {
    for (const ind of f.indicators) {
      for (const item of ind.items) {
        (one[item.instrument] ??= {})[item.question] = extreme(item, ind.direction === 'lower_is_risk', riskiest);
      }
    }
  }
  return Object.fromEntries(Object.entries(one).map(([k, v]) => [k, Array.from({ length: n }, () => ({ ...v }))]));
}

test('the riskiest answers everywhere give high risk 1 on every factor; the safest give none at 0', () => {
  const worst = computeRiskProfile(DEFAULT_METHODOLOGY, { answers: uniform(true, 12) });
  assert.deepEqual(worst.summary, { high: 10, medium: 0, low: 0, none: 0, unknown: 0 });
  assert.ok(worst.factors.every((f) => f.score === 1 && !f.preliminary));
  const best = computeRiskProfile(DEFAULT_METHODOLOGY, { answers: uniform(false, 12) });
  assert.deepEqual(best.summary, { high: 0, medium: 0, low: 0, none: 10, unknown: 0 });
  assert.ok(best.factors.every((f) => f.score === 0));
});

test('making one answer riskier never lowers any factor score', () => {
  const items = DEFAULT_METHODOLOGY.factors.flatMap((f) => f.indicators.flatMap((ind) => ind.items.map((item) => ({ item, lower: ind.direction === 'lower_is_risk' }))));
  fc.assert(
    fc.property(input, fc.constantFrom(...items), fc.nat(), (inp, { item, lower }, pick) => {
      const before = computeRiskProfile(DEFAULT_METHODOLOGY, inp);
      const list = [...(inp.answers[item.instrument] ?? [])];
      const index = list.length ? pick % (list.length + 1) : 0; // an existing respondent or a new one
      list[index] = { ...(list[index] ?? {}), [item.question]: extreme(item, lower, true) };
      const after = computeRiskProfile(DEFAULT_METHODOLOGY, { ...inp, answers: { ...inp.answers, [item.instrument]: list } });
      before.factors.forEach((f, i) => {
        const g = after.factors[i]!;
        if (f.score !== null) assert.ok(g.score !== null && g.score >= f.score, `${f.code}: ${f.score} → ${g.score}`);
      });
    }),
    RUNS,
  );
});
