// Benchmark runner: `npm run bench [-- [--quick] [--list] [name …]]`.
//
// Every benchmark module gets its own fresh migrated database: embedded PGlite in a temporary
// directory by default, or — when BENCH_DATABASE_URL (else DATABASE_URL) names a PostgreSQL server —
// a throw-away database `medk_bench_…` created there and dropped afterwards (as the test harness does).
// Figures are printed as ratios against a baseline measured in the same run; milliseconds are for
// information only. The exit code is 1 when any benchmark throws, 2 on a bad command line.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../server/db/client.js';
import { migrate } from '../server/db/migrate.js';
import { dashboardBench } from './dashboard.bench.js';
import { formatRows, type Benchmark, type BenchContext } from './lib.js';
import { monitoringBench } from './monitoring.bench.js';
import { roadmapsImport } from './roadmaps-import.bench.js';
import { surveysAnswers } from './surveys.bench.js';

/** The registry: add new benchmark modules here. */
export const BENCHMARKS: Benchmark[] = [roadmapsImport, surveysAnswers, dashboardBench, monitoringBench];

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Cleanups of what is open right now, run on normal exit and on Ctrl-C. */
const cleanups = new Set<() => Promise<void>>();

async function openBenchDatabase(adminUrl: string | undefined, dir: string): Promise<Database> {
  if (!adminUrl) {
    const database = await openDatabase({ dataDir: join(dir, 'db') });
    await migrate(database);
    return database;
  }
  const name = `medk_bench_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const drop = async () => {
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    try {
      await dropper.query(`drop database if exists ${name} with (force)`);
    } finally {
      await dropper.end();
    }
  };
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let database: Database;
  try {
    database = await openDatabase({ url: url.toString() });
    await migrate(database);
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  return {
    ...database,
    async close() {
      try {
        await database.close();
      } finally {
        await drop();
      }
    },
  };
}

async function serverVersion(database: Database): Promise<string> {
  const res = await database.db.execute(sql`select version() as v`);
  const v = String((res as unknown as { rows: { v: string }[] }).rows[0]?.v ?? '?');
  return v.replace(/ on .*$/, '').replace(/,.*$/, '');
}

function usage(): string {
  return [
    'usage: npm run bench -- [--quick] [--list] [name …]',
    '  name     run only benchmarks whose name contains it (e.g. "roadmaps")',
    '  --quick  few rounds: checks that everything runs, the figures are rough',
    '  --list   list the benchmarks',
    'env: BENCH_DATABASE_URL (else DATABASE_URL) = postgres://… runs on a throw-away database there; default PGlite in a temp dir',
  ].join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('-')));
  const names = args.filter((a) => !a.startsWith('-'));
  const unknownFlags = [...flags].filter((f) => !['--quick', '--list', '--help', '-h'].includes(f));
  if (flags.has('--help') || flags.has('-h')) {
    console.log(usage());
    return 0;
  }
  if (unknownFlags.length) {
    console.error(`unknown option ${unknownFlags.join(', ')}\n${usage()}`);
    return 2;
  }
  if (flags.has('--list')) {
    for (const b of BENCHMARKS) console.log(`${b.name.padEnd(20)} ${b.description}`);
    return 0;
  }
  const unmatched = names.filter((n) => !BENCHMARKS.some((b) => b.name.includes(n)));
  if (unmatched.length) {
    console.error(`no benchmark matches: ${unmatched.join(', ')} (known: ${BENCHMARKS.map((b) => b.name).join(', ')})`);
    return 2;
  }
  const selected = names.length ? BENCHMARKS.filter((b) => names.some((n) => b.name.includes(n))) : BENCHMARKS;
  const quick = flags.has('--quick');
  const adminUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;

  const cpu = cpus();
  console.log('MEDK benchmarks');
  console.log(`node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}`);
  if (adminUrl) {
    const u = new URL(adminUrl);
    console.log(`database: PostgreSQL at ${u.hostname}:${u.port || '5432'} (throw-away database per benchmark)`);
  } else {
    console.log('database: PGlite (embedded), on disk in a temp directory per benchmark');
  }
  console.log(
    'ratio = median of the case ÷ median of its baseline, both measured interleaved in this run on this database;\n' +
      'ms are absolute, for information only (they depend on the machine).' +
      (quick ? '\n--quick: few rounds, figures are rough.' : ''),
  );

  const failed: string[] = [];
  const started = Date.now();
  for (const bench of selected) {
    const t0 = Date.now();
    const dir = mkdtempSync(join(tmpdir(), `medk-bench-${bench.name}-`));
    const removeDir = async () => rmSync(dir, { recursive: true, force: true });
    cleanups.add(removeDir);
    let database: Database | undefined;
    let closeDb: (() => Promise<void>) | undefined;
    console.log(`\n== ${bench.name} — ${bench.description}`);
    console.log(`baseline: ${bench.baseline}`);
    try {
      log(`${bench.name}: opening a fresh database`);
      database = await openBenchDatabase(adminUrl, dir);
      const db = database;
      closeDb = () => db.close();
      cleanups.add(closeDb);
      console.log(`on ${await serverVersion(database)}`);
      const ctx: BenchContext = {
        database,
        dataDir: join(dir, 'files'),
        root: ROOT,
        quick,
        log: (m) => log(`${bench.name}: ${m}`),
      };
      const rows = await bench.run(ctx);
      if (rows.length === 0) throw new Error('the benchmark returned no rows');
      console.log(formatRows(rows));
      console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed.push(bench.name);
      console.log(`FAILED: ${bench.name}`);
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    } finally {
      if (closeDb) {
        cleanups.delete(closeDb);
        await closeDb().catch((e: unknown) => {
          failed.push(`${bench.name} (cleanup)`);
          console.error('closing the benchmark database failed:', e);
        });
      }
      cleanups.delete(removeDir);
      await removeDir();
    }
  }
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s` + (failed.length ? `; FAILED: ${failed.join(', ')}` : '; all benchmarks ran'));
  return failed.length ? 1 : 0;
}

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log('interrupted: cleaning up (Ctrl-C again to quit at once)');
  void Promise.allSettled([...cleanups].map((c) => c())).then(() => process.exit(130));
});

// Exit explicitly: a failed benchmark may leave a handle open that would keep the process alive.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
