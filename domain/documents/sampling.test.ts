import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ValidationError } from '../errors.js';
import { checkSampleOptions, drawSample, drawSampleDetailed, hashString, mulberry32, proportionalAllocation, sampleSize, seededRandom, type SampleItem } from './sampling.js';

/** 1000 schools over 10 regions of different sizes (region r has 10·(r+1)+… schools). */
const population: SampleItem[] = Array.from({ length: 1000 }, (_, i) => ({ id: 1000 + i * 7, regionId: [1, 2, 2, 3, 3, 3, 4, 4, 4, 4][i % 10]! }));

test('hash: FNV-1a 32-bit test vectors (UTF-8)', () => {
  assert.equal(hashString(''), 0x811c9dc5);
  assert.equal(hashString('a'), 0xe40c292c);
  assert.equal(hashString('foobar'), 0xbf9cf968);
  assert.notEqual(hashString('экспертиза-2025'), hashString('экспертиза-2026'));
});

test('mulberry32: deterministic, in [0, 1), roughly uniform', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const buckets = new Array(10).fill(0);
  for (let i = 0; i < 20_000; i++) {
    const x = a();
    assert.equal(x, b());
    assert.ok(x >= 0 && x < 1);
    buckets[Math.floor(x * 10)] += 1;
  }
  for (const count of buckets) assert.ok(count > 1800 && count < 2200, String(count));
  assert.notEqual(mulberry32(1)(), mulberry32(2)());
  assert.notEqual(seededRandom('s', 'region:1')(), seededRandom('s', 'region:2')());
});

test('pinned: a recorded seed keeps drawing the same schools', () => {
  const small = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, regionId: (i % 3) + 1 }));
  assert.deepEqual(drawSample(small, { count: 5, seed: 'ФЭ-2025', stratifyByRegion: false }), PINNED_FLAT);
  assert.deepEqual(drawSample(small, { count: 6, seed: 2025, stratifyByRegion: true }), PINNED_STRATIFIED);
});

test('same seed → same sample, whatever the input order and duplicates', () => {
  const opts = { share: 0.05, seed: 'fed-2025', stratifyByRegion: true };
  const a = drawSample(population, opts);
  const shuffled = [...population].reverse();
  assert.deepEqual(drawSample([...shuffled, ...population.slice(0, 30)], opts), a);
  assert.deepEqual(drawSample(population, { ...opts }), a);
  assert.deepEqual(a, [...a].sort((x, y) => x - y));
});

test('different seeds → different samples', () => {
  const samples = ['a', 'b', 'c', 1, 2].map((seed) => drawSample(population, { count: 50, seed, stratifyByRegion: false }).join(','));
  assert.equal(new Set(samples).size, samples.length);
  // a number seed and its string are the same seed
  assert.deepEqual(drawSample(population, { count: 50, seed: 7, stratifyByRegion: true }), drawSample(population, { count: 50, seed: '7', stratifyByRegion: true }));
});

test('sizes: share rounds half up, at least one; count capped by the population', () => {
  assert.equal(sampleSize(95, { share: 0.1 }), 10);
  assert.equal(sampleSize(94, { share: 0.1 }), 9);
  assert.equal(sampleSize(10, { share: 0.001 }), 1);
  assert.equal(sampleSize(10, { share: 1 }), 10);
  assert.equal(sampleSize(10, { count: 25 }), 10);
  assert.equal(sampleSize(0, { count: 3 }), 0);
  assert.equal(drawSample(population, { share: 0.1, seed: 1, stratifyByRegion: false }).length, 100);
  assert.equal(drawSample(population, { count: 37, seed: 1, stratifyByRegion: true }).length, 37);
  assert.deepEqual(drawSample([], { count: 3, seed: 1, stratifyByRegion: true }), []);
  assert.equal(drawSample(population.slice(0, 4), { count: 10, seed: 1, stratifyByRegion: true }).length, 4);
});

test('bad options are refused with Russian messages', () => {
  assert.deepEqual(checkSampleOptions({ seed: 'x', stratifyByRegion: false }).map((i) => i.path), ['share']);
  assert.deepEqual(checkSampleOptions({ share: 0.1, count: 3, seed: 'x', stratifyByRegion: false }).map((i) => i.path), ['share']);
  assert.deepEqual(checkSampleOptions({ share: 0, seed: 'x', stratifyByRegion: false }), [{ path: 'share', message: 'Доля — число больше 0 и не больше 1' }]);
  assert.deepEqual(checkSampleOptions({ share: 1.5, seed: 'x', stratifyByRegion: false }).map((i) => i.path), ['share']);
  assert.deepEqual(checkSampleOptions({ count: 2.5, seed: 'x', stratifyByRegion: false }).map((i) => i.path), ['count']);
  assert.deepEqual(checkSampleOptions({ count: 3, seed: ' ', stratifyByRegion: false }).map((i) => i.path), ['seed']);
  assert.throws(() => drawSample(population, { count: 0, seed: 1, stratifyByRegion: false }), ValidationError);
});

test('stratification: proportional by largest remainder', () => {
  // regions 1: 100, 2: 200, 3: 300, 4: 400 schools
  const r = drawSampleDetailed(population, { share: 0.05, seed: 's', stratifyByRegion: true });
  assert.deepEqual([...r.allocation], [[1, 5], [2, 10], [3, 15], [4, 20]]);
  const byRegion = new Map<number, number>();
  const regionOf = new Map(population.map((p) => [p.id, p.regionId]));
  for (const id of r.ids) byRegion.set(regionOf.get(id)!, (byRegion.get(regionOf.get(id)!) ?? 0) + 1);
  assert.deepEqual([...byRegion].sort((a, b) => a[0] - b[0]), [[1, 5], [2, 10], [3, 15], [4, 20]]);
  // 7 over 100/200/300/400: quotas .7/1.4/2.1/2.8 → floors 0/1/2/2, min one → 1/1/2/2, remainder to .8 → 1/1/2/3
  assert.deepEqual([...proportionalAllocation([{ key: 1, size: 100 }, { key: 2, size: 200 }, { key: 3, size: 300 }, { key: 4, size: 400 }], 7)], [[1, 1], [2, 1], [3, 2], [4, 3]]);
});

test('stratification: every region gets one when the total allows, taken from the largest', () => {
  const alloc = proportionalAllocation([{ key: 'a', size: 1 }, { key: 'b', size: 1 }, { key: 'c', size: 98 }], 3);
  assert.deepEqual([...alloc], [['a', 1], ['b', 1], ['c', 1]]);
  const sample = drawSample([{ id: 1, regionId: 9 }, ...Array.from({ length: 99 }, (_, i) => ({ id: i + 2, regionId: 5 }))], { share: 0.05, seed: 'x', stratifyByRegion: true });
  assert.equal(sample.length, 5);
  assert.ok(sample.includes(1));
  // fewer than regions: no minimum; ties drawn by the seed, not always the same regions
  const ones = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, regionId: i + 1 }));
  const picks = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((seed) => drawSample(ones, { count: 3, seed, stratifyByRegion: true }).join(',')));
  assert.ok(picks.size > 1);
  assert.deepEqual([...proportionalAllocation([{ key: 2, size: 1 }, { key: 1, size: 1 }], 1)], [[2, 0], [1, 1]]);
  assert.deepEqual([...proportionalAllocation([{ key: 1, size: 0 }, { key: 2, size: 3 }], 2)], [[1, 0], [2, 2]]);
});

const strata = fc.uniqueArray(fc.record({ key: fc.integer({ min: 1, max: 90 }), size: fc.integer({ min: 0, max: 60 }) }), { selector: (s) => s.key, maxLength: 12 });

test('property: allocation sums to n, stays within sizes, gives one each when possible, stays near quotas', () => {
  fc.assert(
    fc.property(strata, fc.nat(400), fc.option(fc.integer(), { nil: undefined }), (st, n, seed) => {
      const alloc = proportionalAllocation(st, n, seed === undefined ? undefined : mulberry32(seed));
      const total = st.reduce((s, x) => s + x.size, 0);
      const target = Math.min(n, total);
      const live = st.filter((s) => s.size > 0);
      assert.equal([...alloc.values()].reduce((a, b) => a + b, 0), target);
      for (const s of st) {
        const a = alloc.get(s.key)!;
        assert.ok(a >= 0 && a <= s.size);
        if (target >= live.length && s.size > 0) assert.ok(a >= 1);
        if (total > 0 && live.every((l) => (target * l.size) / total >= 1)) assert.ok(Math.abs(a - (target * s.size) / total) < 1);
      }
    }),
    { numRuns: 300 },
  );
});

const pop = fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 10_000 }), regionId: fc.integer({ min: 1, max: 6 }) }), { selector: (p) => p.id, maxLength: 120 });

test('property: the sample is a sorted subset of the right size, independent of input order', () => {
  fc.assert(
    fc.property(pop, fc.double({ min: 0.01, max: 1, noNaN: true }), fc.string(), fc.boolean(), (p, share, seed, stratifyByRegion) => {
      const opts = { share, seed: `s${seed}`, stratifyByRegion };
      const ids = drawSample(p, opts);
      assert.equal(ids.length, sampleSize(p.length, { share }));
      assert.equal(new Set(ids).size, ids.length);
      const all = new Set(p.map((x) => x.id));
      assert.ok(ids.every((id) => all.has(id)));
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
      assert.deepEqual(drawSample([...p].reverse(), opts), ids);
      if (stratifyByRegion && ids.length >= new Set(p.map((x) => x.regionId)).size) {
        const chosen = new Set(ids);
        assert.equal(new Set(p.filter((x) => chosen.has(x.id)).map((x) => x.regionId)).size, new Set(p.map((x) => x.regionId)).size);
      }
    }),
    { numRuns: 200 },
  );
});

const PINNED_FLAT = [2, 5, 8, 14, 19];
// two per region (sizes 7, 7, 6)
const PINNED_STRATIFIED = [7, 8, 12, 14, 16, 18];

test('over many seeds every school is about equally likely to be drawn', () => {
  const small = Array.from({ length: 50 }, (_, i) => ({ id: i + 1, regionId: (i % 5) + 1 }));
  const hits = new Map<number, number>();
  for (let seed = 0; seed < 500; seed++) {
    for (const id of drawSample(small, { count: 10, seed: `seed-${seed}`, stratifyByRegion: seed % 2 === 0 })) hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  // expected 100 each
  for (const s of small) assert.ok((hits.get(s.id) ?? 0) > 55 && (hits.get(s.id) ?? 0) < 150, `${s.id}: ${hits.get(s.id)}`);
});
