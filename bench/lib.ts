// Benchmark helpers: the common interface of a benchmark module, interleaved timing with warmup,
// median/p95, and the table printed by bench/run.ts.
//
// Rule of the project: a speed figure is a RATIO against a baseline measured in the same run, on the
// same machine and database — never an absolute threshold. Absolute milliseconds are printed for
// information only.
import { performance } from 'node:perf_hooks';
import type { Database } from '../server/db/client.js';

/** What a benchmark gets from the runner: its own fresh, migrated, empty database. */
export interface BenchContext {
  database: Database;
  /** A temporary directory of this benchmark (file storage etc.), removed afterwards. */
  dataDir: string;
  /** Repository root (absolute path). */
  root: string;
  /** `--quick`: fewer rounds, for checking that the harness works. */
  quick: boolean;
  /** Progress lines (stderr, so that stdout stays the table). */
  log(message: string): void;
}

export interface Stats {
  samples: number;
  median: number;
  p95: number;
  min: number;
}

/**
 * One line of the table. A row is either a baseline (`baseline` absent) or measured against the
 * baseline row of the same benchmark whose `label` equals its `baseline`.
 */
export interface BenchRow {
  label: string;
  /** What one sample is ('doc', 'request' …); the ms columns are per this unit. */
  unit: string;
  stats: Stats;
  baseline?: string;
  /** Extra information (row counts, sizes). */
  note?: string;
}

export interface Benchmark {
  /** Short name used on the command line (`npm run bench -- roadmaps`). */
  name: string;
  description: string;
  /** What the ratios are relative to — printed in the header. */
  baseline: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export function stats(samples: number[]): Stats {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { samples: sorted.length, median, p95: at(0.95), min: sorted[0] as number };
}

export async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export interface CompareOptions {
  /** Untimed rounds first (JIT, caches, connection pool). */
  warmup: number;
  /** Timed rounds: at least `minRounds`, then more until `budgetMs` has passed, at most `maxRounds`. */
  minRounds: number;
  maxRounds: number;
  budgetMs: number;
}

export const DEFAULT_OPTIONS: CompareOptions = { warmup: 5, minRounds: 20, maxRounds: 200, budgetMs: 4000 };
export const QUICK_OPTIONS: CompareOptions = { warmup: 1, minRounds: 3, maxRounds: 3, budgetMs: 0 };

/**
 * Times several cases INTERLEAVED: every round runs each case once (the order rotates between
 * rounds), so a slowdown of the machine during the run affects the baseline and the cases alike
 * and the ratio stays meaningful.
 */
export async function compare(cases: Record<string, () => unknown>, options: CompareOptions): Promise<Record<string, Stats>> {
  const names = Object.keys(cases);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < options.warmup; round++) for (const n of names) await (cases[n] as () => unknown)();
  const start = performance.now();
  for (let round = 0; round < options.maxRounds; round++) {
    if (round >= options.minRounds && performance.now() - start >= options.budgetMs) break;
    for (let k = 0; k < names.length; k++) {
      const n = names[(k + round) % names.length] as string;
      (samples[n] as number[]).push(await time(cases[n] as () => unknown));
    }
  }
  return Object.fromEntries(names.map((n) => [n, stats(samples[n] as number[])]));
}

// ---- printing ----

export const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export function ratio(row: BenchRow, rows: BenchRow[]): string {
  if (row.baseline === undefined) return '1.00× (baseline)';
  const base = rows.find((r) => r.label === row.baseline && r.baseline === undefined);
  if (!base) return `? (no baseline '${row.baseline}')`;
  const r = row.stats.median / base.stats.median;
  return `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

/** A plain-text table; the first column is left-aligned, numbers right-aligned. */
export function table(header: string[], lines: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => (l[c] ?? '').length)));
  const fmt = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 || c === cells.length - 1 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
      .join('  ')
      .trimEnd();
  return [fmt(header), widths.map((w) => '─'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n');
}

export function formatRows(rows: BenchRow[]): string {
  return table(
    ['case', 'per', 'n', 'median ms', 'p95 ms', 'ratio', 'note'],
    rows.map((r) => [
      r.baseline === undefined ? r.label : `  ${r.label}`,
      r.unit,
      String(r.stats.samples),
      ms(r.stats.median),
      ms(r.stats.p95),
      ratio(r, rows),
      r.note ?? '',
    ]),
  );
}
