// The application's job worker: the queue with every handler MEDK has (notifications and mail, report runs).
// server/main.ts starts it; tests build one and call runDueJobs() themselves.
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { notificationHandlers, scheduleDeadlineScan } from '../modules/notifications/handlers.js';
import { createMailer, type Mailer } from '../modules/notifications/mailer.js';
import { reportHandlers } from '../modules/reports/jobs.js';
import { maintenanceHandlers, scheduleAnalyze } from './maintenance.js';
import { JobQueue, type QueueOptions } from './queue.js';

export interface Worker {
  queue: JobQueue;
  /** Runs due jobs until none is left; returns how many ran. */
  runDueJobs(): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `embedded`: the database is PGlite, which needs the nightly ANALYZE (jobs/maintenance.ts). */
export function createWorker(db: Db, config: Config, options: QueueOptions & { mailer?: Mailer | null; embedded?: boolean } = {}): Worker {
  const mailer = options.mailer === undefined ? createMailer(config) : options.mailer;
  const handlers = { ...notificationHandlers({ config, mailer }), ...reportHandlers({ config, log: options.log }), ...maintenanceHandlers(options.info) };
  const queue = new JobQueue(db, handlers, { lockMinutes: config.jobLockMinutes, ...options });
  return {
    queue,
    runDueJobs: () => queue.runDueJobs(),
    async start() {
      await scheduleDeadlineScan(db);
      if (options.embedded) await scheduleAnalyze(db);
      queue.start();
    },
    async stop() {
      await queue.stop();
      mailer?.close();
    },
  };
}
