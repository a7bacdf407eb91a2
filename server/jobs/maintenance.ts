// Database maintenance jobs. `db.analyze` refreshes the planner statistics (server/db/analyze.ts) every night at
// 03:00 server time; the worker schedules it on the embedded database only (PostgreSQL has autovacuum), and the
// first run of a day also happens right after the start, so a server restarted after an import gets statistics.
import { analyzeDatabase } from '../db/analyze.js';
import type { Tx } from '../db/client.js';
import { enqueue, type JobHandler } from './queue.js';

export const ANALYZE_JOB = 'db.analyze';

function localDate(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/** The next nightly run after `now`: tomorrow at 03:00 server time. */
export function nextAnalyze(now: Date): Date {
  const next = new Date(now);
  next.setDate(next.getDate() + 1);
  next.setHours(3, 0, 0, 0);
  return next;
}

/** At most one analysis a day (dedupe key per date): `at` now for the run after the start, or the next night. */
export async function scheduleAnalyze(db: Tx, at = new Date()): Promise<void> {
  await enqueue(db, ANALYZE_JOB, {}, { dedupeKey: `db-analyze:${localDate(at)}`, runAt: at });
}

export function maintenanceHandlers(log: (message: string) => void = () => {}): Record<string, JobHandler> {
  return {
    [ANALYZE_JOB]: async (_payload, { db, now }) => {
      const ms = await analyzeDatabase(db);
      log(`ANALYZE of the database: ${ms} ms`);
      await scheduleAnalyze(db, nextAnalyze(now));
    },
  };
}
