// Database access for the CLI: the same configuration and openDatabase()/migrate() as the server, plus catalog
// queries (tables, keys, sequences, applied migrations) used by backup, restore, doctor and the empty-database check.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { loadConfig, type Config } from '../config.js';
import type { Database, Tx } from '../db/client.js';
import { acquireDataLock, DataLockError, type DataLock } from '../db/lock.js';
import { CliError, type Io } from './cli.js';

/** The SQL migrations (the folder server/db/migrate.ts applies). */
export const migrationsFolder = fileURLToPath(new URL('../db/migrations', import.meta.url));

// The database drivers (PGlite alone takes ~0.4 s to load) are imported when a command opens the database,
// so `--help`, `roadmap parse` and usage errors answer at once.

/** server/db/migrate.ts: apply every pending migration. */
export async function migrateDatabase(database: Database): Promise<void> {
  const { migrate } = await import('../db/migrate.js');
  await migrate(database);
}

export interface CliDatabase extends Database {
  config: Config;
  /** Where the embedded database lives (PGlite only). */
  pgliteDir?: string;
}

export function cliConfig(io: Io): Config {
  return loadConfig(io.env);
}

export function describeDatabase(io: Io, config: Config): string {
  if (config.databaseUrl) return `PostgreSQL ${maskUrl(config.databaseUrl)}`;
  return io.t(`встроенная (PGlite), ${join(config.dataDir, 'db')}`, `embedded (PGlite), ${join(config.dataDir, 'db')}`);
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/**
 * Open the configured database. The embedded database must not be open in another process (PGlite keeps
 * postmaster.pid in its folder while it is open): two processes on one folder would corrupt it.
 */
export async function openCliDatabase(io: Io, options: { migrate?: boolean } = {}): Promise<CliDatabase> {
  const config = cliConfig(io);
  let pgliteDir: string | undefined;
  if (!config.databaseUrl) {
    pgliteDir = join(config.dataDir, 'db');
    const pid = join(pgliteDir, 'postmaster.pid');
    if (existsSync(pid)) {
      throw new CliError(
        io.t(
          `Встроенная база ${pgliteDir} уже открыта другим процессом (скорее всего, запущен сервер МЭДК).`,
          `The embedded database ${pgliteDir} is open in another process (most likely the MEDK server is running).`,
        ),
        [
          io.t(
            'Остановите сервер и повторите команду: встроенную базу нельзя открывать из двух процессов сразу.',
            'Stop the server and run the command again: the embedded database cannot be opened by two processes at once.',
          ),
          io.t(
            `Если сервер точно не запущен (файл остался после аварийной остановки), удалите ${pid}.`,
            `If no server is running (the file was left by a crash), delete ${pid}.`,
          ),
        ],
      );
    }
  }
  let lock: DataLock | undefined;
  if (pgliteDir) {
    try {
      lock = acquireDataLock(pgliteDir, 'cli');
    } catch (error) {
      if (!(error instanceof DataLockError)) throw error;
      throw new CliError(error.message, [
        io.t('Остановите тот процесс и повторите команду.', 'Stop that process and run the command again.'),
      ]);
    }
  }
  const { openDatabase } = await import('../db/client.js');
  let database: Database;
  try {
    database = await openDatabase({ url: config.databaseUrl, dataDir: pgliteDir });
    if (database.kind === 'postgres') await database.db.execute(sql`select 1`);
  } catch (error) {
    lock?.release();
    throw new CliError(
      io.t(
        `Не удалось подключиться к базе данных (${describeDatabase(io, config)}): ${(error as Error).message}`,
        `Cannot connect to the database (${describeDatabase(io, config)}): ${(error as Error).message}`,
      ),
      [
        io.t(
          'Проверьте DATABASE_URL (адрес, порт, имя базы, пользователь и пароль) и что сервер PostgreSQL запущен.',
          'Check DATABASE_URL (host, port, database name, user and password) and that the PostgreSQL server is running.',
        ),
      ],
    );
  }
  const close = database.close;
  const cli: CliDatabase = {
    ...database,
    config,
    pgliteDir,
    async close() {
      try {
        await close();
      } finally {
        lock?.release();
      }
    },
  };
  if (options.migrate) {
    try {
      await migrateDatabase(database);
    } catch (error) {
      await cli.close();
      throw error;
    }
  }
  return cli;
}

/** Run fn with the database open, and close it afterwards whatever happens. */
export async function withDatabase<T>(io: Io, options: { migrate?: boolean }, fn: (db: CliDatabase) => Promise<T>): Promise<T> {
  const database = await openCliDatabase(io, options);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function rowsOf<T>(db: Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

// ——— migrations ———

export interface MigrationInfo {
  tag: string;
  /** drizzle's created_at: the journal's "when" (milliseconds). */
  when: number;
  hash: string;
}

/** Migrations shipped with this version, in order. */
export function availableMigrations(folder = migrationsFolder): MigrationInfo[] {
  const files = readMigrationFiles({ migrationsFolder: folder });
  // readMigrationFiles has no tags; the journal has them in the same order.
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return files.map((f, i) => ({ tag: journal.entries[i]?.tag ?? String(f.folderMillis), when: f.folderMillis, hash: f.hash }));
}

/** Migrations recorded in the database (drizzle.__drizzle_migrations), oldest first; [] on a new database. */
export async function appliedMigrations(db: Tx): Promise<{ when: number; hash: string }[]> {
  const [exists] = await rowsOf<{ t: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!exists?.t) return [];
  const rows = await rowsOf<{ when: string; hash: string }>(
    db,
    sql`select created_at::text as "when", hash from drizzle.__drizzle_migrations order by created_at`,
  );
  return rows.map((r) => ({ when: Number(r.when), hash: r.hash }));
}

// ——— catalog ———

export interface TableInfo {
  name: string;
  columns: { name: string; type: string }[];
  primaryKey: string[];
  /** Columns referencing this same table (inserted as NULL first, then updated). */
  selfReferences: string[];
}

/** Ordinary tables of the public schema in foreign-key order (referenced tables first). */
export async function listTables(db: Tx): Promise<TableInfo[]> {
  const tables = await rowsOf<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
  );
  const columns = await rowsOf<{ table: string; name: string; type: string }>(
    db,
    sql`select c.relname as "table", a.attname as name, format_type(a.atttypid, a.atttypmod) as type
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
          and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const keys = await rowsOf<{ table: string; name: string }>(
    db,
    sql`select c.relname as "table", a.attname as name
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
        join lateral unnest(k.conkey) with ordinality as u(attnum, ord) on true
        join pg_attribute a on a.attrelid = c.oid and a.attnum = u.attnum
        where n.nspname = 'public' and k.contype = 'p' order by c.relname, u.ord`,
  );
  const refs = await rowsOf<{ table: string; target: string; columns: string }>(
    db,
    sql`select c.relname as "table", t.relname as target,
          (select string_agg(a.attname, ',') from unnest(k.conkey) as u(attnum)
             join pg_attribute a on a.attrelid = c.oid and a.attnum = u.attnum) as columns
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class t on t.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and k.contype = 'f'`,
  );
  const infos = new Map<string, TableInfo>(
    tables.map((t) => [t.name, { name: t.name, columns: [], primaryKey: [], selfReferences: [] }]),
  );
  for (const c of columns) infos.get(c.table)?.columns.push({ name: c.name, type: c.type });
  for (const k of keys) infos.get(k.table)?.primaryKey.push(k.name);
  const dependsOn = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const r of refs) {
    if (r.table === r.target) infos.get(r.table)?.selfReferences.push(...r.columns.split(','));
    else if (infos.has(r.target)) dependsOn.get(r.table)?.add(r.target);
  }
  // Topological order; ties by name so the order is stable.
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (done.size < infos.size) {
    const ready = [...infos.keys()].filter((name) => !done.has(name) && [...(dependsOn.get(name) ?? [])].every((d) => done.has(d)));
    if (ready.length === 0) {
      const rest = [...infos.keys()].filter((n) => !done.has(n));
      throw new Error(`foreign keys form a cycle between tables: ${rest.join(', ')}`);
    }
    for (const name of ready.sort()) {
      done.add(name);
      ordered.push(infos.get(name) as TableInfo);
    }
  }
  return ordered;
}

/** Row counts of every public table. */
export async function tableCounts(db: Tx, tables?: TableInfo[]): Promise<Map<string, number>> {
  const list = tables ?? (await listTables(db));
  const out = new Map<string, number>();
  for (const t of list) {
    const [row] = await rowsOf<{ n: string }>(db, sql`select count(*)::text as n from ${sql.identifier(t.name)}`);
    out.set(t.name, Number(row?.n ?? 0));
  }
  return out;
}

/** True when no public table has a row (a new or just-migrated database). */
export async function isDatabaseEmpty(db: Tx): Promise<boolean> {
  const tables = await listTables(db);
  for (const t of tables) {
    const rows = await rowsOf<{ one: number }>(db, sql`select 1 as one from ${sql.identifier(t.name)} limit 1`);
    if (rows.length) return false;
  }
  return true;
}

/** Sequences of the public schema (serial columns). */
export async function listSequences(db: Tx): Promise<string[]> {
  const rows = await rowsOf<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  );
  return rows.map((r) => r.name);
}
