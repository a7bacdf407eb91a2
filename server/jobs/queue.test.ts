// The job queue on the test database (PGlite, or PostgreSQL with TEST_DATABASE_URL): a job exists only when the
// enqueuing transaction commits, dedupe keys, one claim per job even with concurrent workers, retries with backoff,
// giving up after max attempts, and recovery of a job left locked by a dead worker.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { jobs } from '../db/schema.js';
import { createTestDatabase } from '../test/harness.js';
import { enqueue, JobQueue, type JobHandler } from './queue.js';

describe('job queue', () => {
  let database: Database;
  const ran: { kind: string; payload: Record<string, unknown>; worker: string }[] = [];
  let failuresLeft = 0;
  const quiet = () => undefined;

  const handlers = (worker: string): Record<string, JobHandler> => ({
    echo: async (payload) => {
      ran.push({ kind: 'echo', payload, worker });
    },
    flaky: async (payload) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('временная ошибка');
      }
      ran.push({ kind: 'flaky', payload, worker });
    },
    slow: async (payload) => {
      await new Promise((r) => setTimeout(r, 30));
      ran.push({ kind: 'slow', payload, worker });
    },
  });
  const all = async () => (await database.db.select().from(jobs).orderBy(jobs.id)).map((j) => ({ ...j }));

  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());
  beforeEach(async () => {
    ran.length = 0;
    await database.db.delete(jobs);
  });

  test('a job enqueued in a rolled-back transaction does not exist; a committed one runs once', async () => {
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await enqueue(tx, 'echo', { n: 1 });
        throw new Error('rollback');
      }),
    );
    assert.equal((await all()).length, 0);
    await database.db.transaction(async (tx) => {
      await enqueue(tx, 'echo', { n: 2 });
    });
    const queue = new JobQueue(database.db, handlers('a'), { log: quiet });
    assert.equal(await queue.runDueJobs(), 1);
    assert.equal(await queue.runDueJobs(), 0);
    assert.deepEqual(ran.map((r) => r.payload), [{ n: 2 }]);
    const [job] = await all();
    assert.ok(job?.doneAt);
    assert.equal(job?.attempts, 1);
    assert.equal(job?.lockedAt, null);
  });

  test('a dedupe key admits one job, even after it is done', async () => {
    assert.notEqual(await enqueue(database.db, 'echo', { n: 1 }, { dedupeKey: 'k1' }), null);
    assert.equal(await enqueue(database.db, 'echo', { n: 2 }, { dedupeKey: 'k1' }), null);
    const queue = new JobQueue(database.db, handlers('a'), { log: quiet });
    await queue.runDueJobs();
    assert.equal(await enqueue(database.db, 'echo', { n: 3 }, { dedupeKey: 'k1' }), null);
    await queue.runDueJobs();
    assert.deepEqual(ran.map((r) => r.payload), [{ n: 1 }]);
    // jobs without a key are never deduplicated
    await enqueue(database.db, 'echo', { n: 4 });
    await enqueue(database.db, 'echo', { n: 4 });
    assert.equal(await queue.runDueJobs(), 2);
  });

  test('a job due later waits; jobs run in due order', async () => {
    const now = new Date('2026-05-01T10:00:00Z');
    let clock = now;
    await enqueue(database.db, 'echo', { n: 'later' }, { runAt: new Date('2026-05-01T12:00:00Z') });
    await enqueue(database.db, 'echo', { n: 'now' }, { runAt: now });
    const queue = new JobQueue(database.db, handlers('a'), { clock: () => clock, log: quiet });
    assert.equal(await queue.runDueJobs(), 1);
    clock = new Date('2026-05-01T12:00:00Z');
    assert.equal(await queue.runDueJobs(), 1);
    assert.deepEqual(ran.map((r) => r.payload.n), ['now', 'later']);
  });

  test('a failing job is retried with backoff and gives up after max attempts', async () => {
    let clock = new Date('2026-05-01T10:00:00Z');
    const queue = new JobQueue(database.db, handlers('a'), { clock: () => clock, backoffMs: (n) => n * 60_000, log: quiet });
    failuresLeft = 1;
    await enqueue(database.db, 'flaky', { n: 1 }, { runAt: clock });
    assert.equal(await queue.runDueJobs(), 1); // failed
    let [job] = await all();
    assert.equal(job?.doneAt, null);
    assert.equal(job?.lastError, 'временная ошибка');
    assert.equal(job?.runAt.toISOString(), '2026-05-01T10:01:00.000Z');
    assert.equal(await queue.runDueJobs(), 0, 'not before the backoff');
    clock = new Date('2026-05-01T10:01:00Z');
    assert.equal(await queue.runDueJobs(), 1);
    [job] = await all();
    assert.ok(job?.doneAt);
    assert.equal(job?.attempts, 2);
    assert.equal(ran.length, 1);

    failuresLeft = 100;
    await enqueue(database.db, 'flaky', { n: 2 }, { runAt: clock, maxAttempts: 2 });
    await queue.runDueJobs();
    clock = new Date('2026-05-01T11:00:00Z');
    await queue.runDueJobs();
    clock = new Date('2026-05-02T11:00:00Z');
    assert.equal(await queue.runDueJobs(), 0, 'given up after 2 attempts');
    const dead = (await all()).find((j) => j.payload.n === 2);
    assert.equal(dead?.attempts, 2);
    assert.equal(dead?.doneAt, null);
    failuresLeft = 0;
  });

  test('a job claimed by a worker that died is taken again after the lock timeout, and runs once more only then', async () => {
    let clock = new Date('2026-05-01T10:00:00Z');
    await enqueue(database.db, 'echo', { n: 1 }, { runAt: clock });
    const dead = new JobQueue(database.db, handlers('dead'), { clock: () => clock, lockMinutes: 10, workerId: 'dead', log: quiet });
    const alive = new JobQueue(database.db, handlers('alive'), { clock: () => clock, lockMinutes: 10, workerId: 'alive', log: quiet });
    const claimed = await dead.claim();
    assert.ok(claimed);
    assert.equal(claimed.lockedBy, 'dead');
    // the process "dies" here: the job stays locked
    clock = new Date('2026-05-01T10:09:00Z');
    assert.equal(await alive.runDueJobs(), 0, 'still locked');
    clock = new Date('2026-05-01T10:11:00Z');
    assert.equal(await alive.runDueJobs(), 1, 'recovered after the lock timeout');
    assert.deepEqual(ran.map((r) => r.worker), ['alive']);
    const [job] = await all();
    assert.ok(job?.doneAt);
    assert.equal(job?.attempts, 2);
    assert.equal(await alive.runDueJobs(), 0);
  });

  test('concurrent workers never run the same job twice', async () => {
    for (let i = 0; i < 12; i += 1) await enqueue(database.db, 'slow', { n: i });
    const workers = ['w1', 'w2', 'w3'].map((w) => new JobQueue(database.db, handlers(w), { workerId: w, log: quiet }));
    const counts = await Promise.all(workers.map((w) => w.runDueJobs()));
    assert.equal(counts.reduce((a, b) => a + b, 0), 12);
    assert.deepEqual(ran.map((r) => r.payload.n).sort((a, b) => Number(a) - Number(b)), [...Array(12).keys()]);
    const undone = await database.db.execute(sql`select count(*)::int as n from jobs where done_at is null`);
    assert.equal(Number((undone as unknown as { rows: { n: number }[] }).rows[0]?.n), 0);
  });

  test('start() polls and stop() waits for the job in progress', async () => {
    const queue = new JobQueue(database.db, handlers('poller'), { pollMs: 20, log: quiet });
    queue.start();
    await enqueue(database.db, 'echo', { n: 'polled' });
    for (let i = 0; i < 100 && ran.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    await queue.stop();
    assert.deepEqual(ran.map((r) => r.payload.n), ['polled']);
  });
});
