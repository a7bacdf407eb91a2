// Background jobs on a PostgreSQL table (`jobs`), the same on PGlite and PostgreSQL (docs/operations.md, «Background
// jobs»). A job is enqueued inside the caller's transaction, so it exists exactly when the business change committed.
// Workers claim one due job at a time with `update … where id = (select … for update skip locked limit 1) returning`,
// so any number of processes may run workers on one database. A claimed job whose lock is older than
// `lockMinutes` (its process died between claim and completion) is claimed again; handlers must therefore be
// idempotent — the notification handlers are, through unique dedupe keys.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { jobs } from '../db/schema.js';

export type JobRow = typeof jobs.$inferSelect;

export interface JobContext {
  db: Db;
  job: JobRow;
  /** «Now» of this run (the queue's clock). */
  now: Date;
}

export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<void>;

export interface EnqueueOptions {
  /** Not before this moment (default: now). */
  runAt?: Date;
  /** At most one job ever exists with this key: a second enqueue is silently skipped. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/**
 * Adds a job in the caller's transaction (or outside one with the plain db handle). Returns the job id, or null
 * when a job with the same dedupe key already exists.
 */
export async function enqueue(tx: Tx, kind: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<number | null> {
  const rows = await tx
    .insert(jobs)
    .values({
      kind,
      payload,
      ...(options.runAt ? { runAt: options.runAt } : {}),
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
      dedupeKey: options.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

export interface QueueOptions {
  /** A lock older than this is considered abandoned (the worker's process died), minutes. */
  lockMinutes?: number;
  /** Worker name stored in locked_by (default host:pid:random). */
  workerId?: string;
  /** Poll interval of start(), ms. */
  pollMs?: number;
  /** The clock (tests); by default the database's now(). */
  clock?: () => Date;
  /** Delay before retry number `attempt` (1-based), ms. Default 30 s × 4^(attempt-1), at most 6 h. */
  backoffMs?: (attempt: number) => number;
  /** Where handler failures are reported (default console.error). */
  log?: (message: string) => void;
  /** Where finished jobs are reported (server/main.ts: the server log at info; default: nowhere). */
  info?: (message: string) => void;
}

const defaultBackoff = (attempt: number) => Math.min(30_000 * 4 ** (attempt - 1), 6 * 3600_000);

export class JobQueue {
  readonly workerId: string;
  private readonly lockMinutes: number;
  private readonly pollMs: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly log: (message: string) => void;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly handlers: Record<string, JobHandler>,
    private readonly options: QueueOptions = {},
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.lockMinutes = options.lockMinutes ?? 10;
    this.pollMs = options.pollMs ?? 5000;
    this.backoffMs = options.backoffMs ?? defaultBackoff;
    this.log = options.log ?? ((m) => console.error(m));
  }

  private now() {
    const at = this.options.clock?.();
    return at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  }

  /** Takes one due job (or an abandoned one) and locks it for this worker; null when there is none. */
  async claim(): Promise<JobRow | null> {
    const now = this.now();
    const kinds = Object.keys(this.handlers);
    if (kinds.length === 0) return null;
    const res = await this.db.execute(sql`
      update ${jobs} set locked_at = ${now}, locked_by = ${this.workerId}, attempts = ${jobs.attempts} + 1
      where ${jobs.id} = (
        select id from ${jobs}
        where ${jobs.doneAt} is null and ${jobs.runAt} <= ${now} and ${jobs.attempts} < ${jobs.maxAttempts}
          and ${jobs.kind} in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
          and (${jobs.lockedAt} is null or ${jobs.lockedAt} < ${now} - make_interval(mins => ${this.lockMinutes}))
        order by ${jobs.runAt}, ${jobs.id}
        for update skip locked
        limit 1
      )
      returning id`);
    const id = (res as unknown as { rows: { id: number | string }[] }).rows[0]?.id;
    if (id === undefined) return null;
    const [job] = await this.db.select().from(jobs).where(sql`${jobs.id} = ${Number(id)}`);
    return job ?? null;
  }

  /** Runs a claimed job's handler; marks it done, or schedules a retry with backoff (or gives up after max attempts). */
  async execute(job: JobRow): Promise<boolean> {
    const handler = this.handlers[job.kind];
    const started = Date.now();
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload, { db: this.db, job, now: this.options.clock?.() ?? new Date() });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = new Date((this.options.clock?.() ?? new Date()).getTime() + this.backoffMs(job.attempts));
      this.log(`job ${job.id} (${job.kind}) failed, attempt ${job.attempts} of ${job.maxAttempts}: ${message}`);
      await this.db.execute(sql`
        update ${jobs} set locked_at = null, locked_by = null, last_error = ${message.slice(0, 2000)}, run_at = ${retryAt.toISOString()}::timestamptz
        where ${jobs.id} = ${job.id}`);
      return false;
    }
    await this.db.execute(sql`update ${jobs} set done_at = ${this.now()}, locked_at = null, last_error = null where ${jobs.id} = ${job.id}`);
    this.options.info?.(`job ${job.id} (${job.kind}) done in ${Date.now() - started} ms`);
    return true;
  }

  /** Claims and runs one job; false when nothing was due. */
  async runOne(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  /** Runs due jobs until none is left (jobs enqueued by jobs included, up to `limit`); returns how many ran. */
  async runDueJobs(limit = 1000): Promise<number> {
    let n = 0;
    while (n < limit && (await this.runOne())) n += 1;
    return n;
  }

  /** Polls for due jobs until stop(). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.runDueJobs(100).catch((error: unknown) => this.log(`job worker: ${error instanceof Error ? error.message : String(error)}`));
      await this.running;
      this.running = null;
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.pollMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  /** Stops polling and waits for the job in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
