// Planner statistics. PostgreSQL's autovacuum analyses tables some time after they change; PGlite has no
// autovacuum and never analyses on its own. Without statistics the planner guesses row counts and picks slow plans
// (the federal dashboard took 1.7–2.4 s straight after `medk synth` on PostgreSQL and 0.5–0.6 s after ANALYZE).
// So ANALYZE runs after every bulk load — migrations that applied something (server/db/migrate.ts), `medk synth`,
// `medk restore`, `medk territories import` — and nightly as a job on the embedded database
// (server/jobs/maintenance.ts).
import { sql } from 'drizzle-orm';
import type { Tx } from './client.js';

/** ANALYZE of every table of the database; returns how long it took, ms. */
export async function analyzeDatabase(db: Tx): Promise<number> {
  const started = Date.now();
  await db.execute(sql`analyze`);
  return Date.now() - started;
}

/** Number of migrations recorded in the database (0 on a new one). */
export async function appliedMigrationCount(db: Tx): Promise<number> {
  const res = (await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`)) as unknown as { rows: { t: string | null }[] };
  if (!res.rows[0]?.t) return 0;
  const count = (await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
  return Number(count.rows[0]?.n ?? 0);
}
