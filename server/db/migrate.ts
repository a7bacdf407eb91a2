// Applies the forward-only SQL migrations in ./migrations to either driver.
// On PostgreSQL the migrations run on one connection that holds a session advisory lock, so processes started at
// the same time on an un-migrated database wait for each other instead of colliding: the first applies the
// migrations, the others then find nothing to do. PGlite is single-process and needs no lock.
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';
import { analyzeDatabase, appliedMigrationCount } from './analyze.js';
import type { Database } from './client.js';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Key of the advisory lock taken while migrating (any constant; 'MEDK' in ASCII). */
export const MIGRATION_LOCK_KEY = 0x4d45444b;

export async function migrate(database: Database): Promise<void> {
  const before = await appliedMigrationCount(database.db);
  await applyMigrations(database);
  // a migration may rewrite or fill tables: fresh planner statistics (not on a new, still empty database)
  if (before > 0 && (await appliedMigrationCount(database.db)) > before) await analyzeDatabase(database.db);
}

async function applyMigrations(database: Database): Promise<void> {
  if (database.kind !== 'postgres') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {
        broken = true; // the lock ends with the connection: do not return it to the pool
      });
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    client.release(broken);
  }
}
