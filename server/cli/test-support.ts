// Test helpers for the `medk` command line: run bin/medk.mjs as a subprocess against a throw-away target —
// an embedded database in a temporary data folder (default), or a fresh database on the PostgreSQL server
// named by TEST_DATABASE_URL (created here as server/test/harness.ts does, dropped afterwards) with a
// temporary data folder for the stored files.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database, type Tx } from '../db/client.js';
import { listSequences, listTables, rowsOf } from './database.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'medk.mjs');
/** The order exports shared by the domain tests (read-only), located the same way as domain/roadmaps/test-fixtures.ts. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../shared/fixtures/roadmaps/', import.meta.url));
export const fixturePath = (name: string) => join(FIXTURES_DIR, name);

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment of every run: Russian messages, cheap password hashing, nothing inherited that picks a database. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'MEDK_DATA_DIR', 'DATA_DIR', 'TEST_DATABASE_URL', 'LC_ALL', 'LC_MESSAGES', 'MEDK_DEBUG', 'NODE_OPTIONS', 'NODE_TEST_CONTEXT']) {
    delete env[name];
  }
  return { ...env, LANG: 'C.UTF-8', ARGON2_MEMORY_KIB: '1024', FORCE_COLOR: '0' };
}

/** Run `node bin/medk.mjs ...args` and collect its exit code and output. */
export function medk(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const started = Date.now();
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  }).finally(() => {
    // MEDK_CLI_TEST_TIMES=FILE: one line per run (milliseconds, arguments) to see where a slow test spends its time.
    const log = process.env.MEDK_CLI_TEST_TIMES;
    if (log) appendFileSync(log, `${Date.now() - started}\t${args.join(' ')}\n`);
  });
}

/** A readable account of a run for assertion messages. */
export const show = (r: Run) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** Run several commands at most `limit` at a time (independent targets only: the embedded database is single-process). */
export async function inParallel<T extends readonly (() => Promise<unknown>)[]>(
  tasks: readonly [...T],
  limit = 2,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const k = next++;
      results[k] = await (tasks[k] as () => Promise<unknown>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

/** Where a CLI run keeps its data: a data folder, and on PostgreSQL a database of its own. */
export interface Target {
  dataDir: string;
  databaseUrl?: string;
  /** DATABASE_URL / MEDK_DATA_DIR for medk(). */
  env: NodeJS.ProcessEnv;
  /** Open the target's database in this process (only while no CLI run uses an embedded one). */
  open(): Promise<Database>;
}

/** Creates targets for one test file and removes all of them (folders, databases) in cleanup(). */
export class Targets {
  private readonly root = mkdtempSync(join(tmpdir(), 'medk-cli-test-'));
  private readonly databases: string[] = [];
  private count = 0;
  private template?: Promise<string>;

  get dir(): string {
    return this.root;
  }

  /**
   * A new embedded database cluster costs seconds of initdb (PostgreSQL in WebAssembly); targets start as copies
   * of a freshly initialised, never migrated cluster — what PGlite would have created itself: no schema, no rows.
   * It is made once per PGlite version and kept in the temp folder (like tsx's cache), shared by test files.
   */
  private pgliteTemplate(): Promise<string> {
    this.template ??= (async () => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
      const dir = join(tmpdir(), `medk-cli-test-pglite-${pkg.version}`);
      if (existsSync(join(dir, 'PG_VERSION'))) return dir;
      const fresh = join(this.root, 'pglite-template');
      const database = await openDatabase({ dataDir: fresh });
      await database.close();
      try {
        renameSync(fresh, dir);
      } catch {
        // made meanwhile by another test file (or not movable): use this file's own copy
        return existsSync(join(dir, 'PG_VERSION')) ? dir : fresh;
      }
      return dir;
    })();
    return this.template;
  }

  /**
   * A new target. `empty: true` — a data folder that does not exist yet (the CLI creates the embedded database
   * itself), e.g. to restore into; otherwise, on PGlite, the folder starts with a blank cluster (see above).
   */
  async create(options: { empty?: boolean } = {}): Promise<Target> {
    const dataDir = join(this.root, `data-${++this.count}`);
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) {
      if (!options.empty) {
        const template = await this.pgliteTemplate();
        mkdirSync(dataDir, { recursive: true });
        cpSync(template, join(dataDir, 'db'), { recursive: true });
      }
      return {
        dataDir,
        env: { MEDK_DATA_DIR: dataDir },
        open: () => openDatabase({ dataDir: join(dataDir, 'db') }),
      };
    }
    const name = `medk_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    this.databases.push(name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    return {
      dataDir,
      databaseUrl,
      env: { MEDK_DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
      open: () => openDatabase({ url: databaseUrl }),
    };
  }

  async cleanup(): Promise<void> {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (adminUrl && this.databases.length) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        for (const name of this.databases) await admin.query(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end();
      }
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}

export interface Snapshot {
  /** Every row of every public table as PostgreSQL prints it (row_to_json), in primary-key order. */
  tables: Record<string, string[]>;
  sequences: Record<string, string>;
  migrations: string[];
}

/** Everything a backup must carry: all rows and columns of every table, sequence positions, applied migrations. */
export async function snapshot(db: Tx): Promise<Snapshot> {
  const tables: Record<string, string[]> = {};
  for (const t of await listTables(db)) {
    const order = t.primaryKey.length ? sql.join(t.primaryKey.map((k) => sql`t.${sql.identifier(k)}`), sql`, `) : sql`1`;
    const rows = await rowsOf<{ j: string }>(db, sql`select row_to_json(t)::text as j from ${sql.identifier(t.name)} t order by ${order}`);
    tables[t.name] = rows.map((r) => r.j);
    if (!t.primaryKey.length) tables[t.name]?.sort();
  }
  const sequences: Record<string, string> = {};
  for (const name of await listSequences(db)) {
    const [s] = await rowsOf<{ v: string }>(db, sql`select last_value::text || ':' || is_called::text as v from ${sql.identifier(name)}`);
    sequences[name] = s?.v ?? '';
  }
  const migrations = (
    await rowsOf<{ m: string }>(db, sql`select hash || ':' || created_at::text as m from drizzle.__drizzle_migrations order by created_at`)
  ).map((r) => r.m);
  return { tables, sequences, migrations };
}
