// The nightly ANALYZE job of the embedded database: statistics appear, one run a day, the next night scheduled.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { createTestApp, type TestContext } from '../test/harness.js';
import { ANALYZE_JOB, nextAnalyze, scheduleAnalyze } from './maintenance.js';
import { createWorker } from './worker.js';

async function rows<T>(db: Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe('ANALYZE job', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const schoolsEstimate = async () => Number((await rows<{ n: number }>(t.database.db, sql`select reltuples::float8 as n from pg_class where relname = 'schools'`))[0]!.n);

  it('gives the planner row counts, runs once a day and schedules the next night', async () => {
    const schools = (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from schools`))[0]!.n;
    assert.ok(schools > 0);
    // never analysed after the demo load on PGlite (on PostgreSQL autovacuum might have been quicker)
    if (t.database.kind === 'pglite') assert.equal(await schoolsEstimate(), -1);

    const worker = createWorker(t.database.db, t.config, { mailer: null, log: () => {}, embedded: true });
    const now = new Date();
    await scheduleAnalyze(t.database.db, now);
    await scheduleAnalyze(t.database.db, now); // a second start the same day adds nothing
    const due = await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from jobs where kind = ${ANALYZE_JOB} and done_at is null`);
    assert.equal(due[0]!.n, 1);

    assert.ok((await worker.runDueJobs()) >= 1);
    assert.equal(await schoolsEstimate(), schools);

    const next = await rows<{ run_at: string }>(t.database.db, sql`select run_at::text from jobs where kind = ${ANALYZE_JOB} and done_at is null`);
    assert.equal(next.length, 1);
    assert.equal(new Date(next[0]!.run_at).getTime(), nextAnalyze(now).getTime());
    assert.equal(nextAnalyze(now).getHours(), 3);
    assert.ok(nextAnalyze(now).getTime() > now.getTime());
  });
});
