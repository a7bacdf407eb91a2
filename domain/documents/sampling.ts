// Federal selective expertise: a random, reproducible sample of schools (or documents), optionally stratified by region.
import { ValidationError, type FieldIssue } from '../errors.js';

/** FNV-1a, 32 bits, over the UTF-8 bytes of the string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(s)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG; returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG for a seed and a stream name (e.g. a region), independent of other streams. */
export function seededRandom(seed: string | number, stream = ''): () => number {
  return mulberry32(hashString(`${String(seed)}\u0000${stream}`));
}

export interface SampleOptions {
  /** Share of the population, 0–1 (exactly one of share and count). */
  share?: number;
  /** Number of items. */
  count?: number;
  /** Recorded with the sample: the same seed over the same population gives the same sample. */
  seed: string | number;
  stratifyByRegion: boolean;
}

export interface SampleItem {
  id: number;
  regionId: number;
}

/** Problems of the options (empty when fine). */
export function checkSampleOptions(options: SampleOptions): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const hasShare = options.share !== undefined;
  const hasCount = options.count !== undefined;
  if (hasShare === hasCount) issues.push({ path: 'share', message: 'Укажите либо долю, либо количество' });
  if (hasShare && !(Number.isFinite(options.share) && options.share! > 0 && options.share! <= 1)) {
    issues.push({ path: 'share', message: 'Доля — число больше 0 и не больше 1' });
  }
  if (hasCount && !(Number.isSafeInteger(options.count) && options.count! >= 1)) {
    issues.push({ path: 'count', message: 'Количество — целое число не меньше 1' });
  }
  if (String(options.seed).trim() === '') issues.push({ path: 'seed', message: 'Укажите зерно выборки' });
  return issues;
}

/** Sample size: count (at most the population), or the share rounded half up and at least 1. */
export function sampleSize(populationSize: number, options: Pick<SampleOptions, 'share' | 'count'>): number {
  if (populationSize <= 0) return 0;
  if (options.count !== undefined) return Math.min(options.count, populationSize);
  const share = options.share ?? 0;
  if (share <= 0) return 0;
  return Math.min(populationSize, Math.max(1, Math.round(share * populationSize + 1e-9)));
}

export interface Stratum<K> {
  key: K;
  size: number;
}

/**
 * Splits n across strata in proportion to their sizes by the largest-remainder method. When n ≥ the number of
 * non-empty strata, each gets at least one (taken back from the strata most above their quota). Ties: larger
 * stratum first, then in an order drawn from `random` (when given; otherwise by key). Never more than a stratum's
 * size; the allocation sums to min(n, total).
 */
export function proportionalAllocation<K extends number | string>(strata: readonly Stratum<K>[], n: number, random?: () => number): Map<K, number> {
  const live = strata.filter((s) => s.size > 0);
  const total = live.reduce((sum, s) => sum + s.size, 0);
  const target = Math.max(0, Math.min(n, total));
  const out = new Map<K, number>(strata.map((s) => [s.key, 0]));
  if (target === 0) return out;
  const rows = [...live]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((s, i) => {
      const quota = (target * s.size) / total;
      return { s, quota, got: Math.floor(quota + 1e-9), tie: random ? random() : -i };
    });
  type Row = (typeof rows)[number];
  const tie = (a: Row, b: Row) => b.tie - a.tie;
  const minOne = target >= live.length;
  if (minOne) for (const r of rows) r.got = Math.max(1, r.got);
  let sum = rows.reduce((acc, r) => acc + r.got, 0);
  // Below n: give one more to the largest remainders.
  while (sum < target) {
    const open = rows.filter((r) => r.got < r.s.size).sort((a, b) => b.quota - b.got - (a.quota - a.got) || b.s.size - a.s.size || tie(a, b));
    if (open.length === 0) break;
    for (const r of open) {
      if (sum === target) break;
      r.got += 1;
      sum += 1;
    }
  }
  // Above n (after the minimum of one): take back from the strata most above their quota.
  const floor = minOne ? 1 : 0;
  while (sum > target) {
    const over = rows.filter((r) => r.got > floor).sort((a, b) => b.got - b.quota - (a.got - a.quota) || a.s.size - b.s.size || tie(a, b));
    const r = over[0];
    if (!r) break;
    r.got -= 1;
    sum -= 1;
  }
  for (const r of rows) out.set(r.s.key, r.got);
  return out;
}

/** k items of a list chosen by a partial Fisher–Yates shuffle. */
function pick<T>(items: readonly T[], k: number, random: () => number): T[] {
  const a = [...items];
  const n = Math.min(k, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

export interface SampleResult {
  /** Chosen ids, ascending. */
  ids: number[];
  /** Chosen count per region (stratified) or one entry under region 0 (not stratified). */
  allocation: Map<number, number>;
}

/**
 * Draws a reproducible sample. The population is deduplicated by id and sorted by id first, so the input order does
 * not matter; each region (or the whole population) draws from its own seeded stream, so one region's schools do not
 * change another region's sample. Throws ValidationError on bad options.
 */
export function drawSampleDetailed(population: readonly SampleItem[], options: SampleOptions): SampleResult {
  const issues = checkSampleOptions(options);
  if (issues.length) throw new ValidationError('Проверьте параметры выборки', issues);
  const unique = new Map<number, SampleItem>();
  for (const item of population) if (!unique.has(item.id)) unique.set(item.id, item);
  const items = [...unique.values()].sort((a, b) => a.id - b.id);
  const n = sampleSize(items.length, options);
  if (!options.stratifyByRegion) {
    const ids = pick(items, n, seededRandom(options.seed)).map((i) => i.id);
    return { ids: ids.sort((a, b) => a - b), allocation: new Map([[0, ids.length]]) };
  }
  const regions = new Map<number, SampleItem[]>();
  for (const item of items) {
    const list = regions.get(item.regionId) ?? [];
    list.push(item);
    regions.set(item.regionId, list);
  }
  const strata = [...regions].map(([key, list]) => ({ key, size: list.length })).sort((a, b) => a.key - b.key);
  const allocation = proportionalAllocation(strata, n, seededRandom(options.seed, 'allocation'));
  const ids: number[] = [];
  for (const { key } of strata) {
    const chosen = pick(regions.get(key)!, allocation.get(key) ?? 0, seededRandom(options.seed, `region:${key}`));
    ids.push(...chosen.map((i) => i.id));
  }
  return { ids: ids.sort((a, b) => a - b), allocation };
}

/** Ids of a reproducible sample (ascending). */
export function drawSample(population: readonly SampleItem[], options: SampleOptions): number[] {
  return drawSampleDetailed(population, options).ids;
}
