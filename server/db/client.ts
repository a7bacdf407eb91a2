// The one place that chooses the database driver: PGlite (embedded, default) or node-postgres (DATABASE_URL).
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { trackPool } from './cancel.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A database handle or an open transaction: queries accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The node-postgres pool (PostgreSQL only): queries of abandoned requests are cancelled on it (db/cancel.ts). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when set, node-postgres is used. */
  url?: string;
  /** Directory for the embedded database; undefined means in-memory. */
  dataDir?: string;
  /** Restore the embedded database from a dump (used by the test harness to skip migrations). */
  loadDataDir?: Blob | File;
  /** PostgreSQL statement_timeout of every connection, ms (0 or undefined: none). PGlite has no timeout. */
  statementTimeoutMs?: number;
  /** Connections of the PostgreSQL pool (default DB_POOL_SIZE, 10). */
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? Number(process.env.DB_POOL_SIZE ?? 10),
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    });
    trackPool(pool);
    // an idle connection dropped by the server (restart, failover) must not crash the process; the pool reconnects
    pool.on('error', (error) => console.error(`PostgreSQL: idle connection lost: ${error.message}`));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', pool, close: () => pool.end() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    close: () => client.close(),
    // exposed for test snapshots
    ...({ pglite: client } as object),
  };
}
