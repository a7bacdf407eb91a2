// Background report runs (docs/reports-api.md, «Background report runs»): a stage report or year-end summary is
// requested (the same rights check as the synchronous routes), a report_runs row and its job are created in one
// transaction, and the job (jobs.ts) builds the file, reporting its progress on the row. Runs are their requester's.
import type { Actor } from '../../../domain/access/policy.js';
import { NotFoundError } from '../../../domain/errors.js';
import type { Db } from '../../db/client.js';
import { enqueue } from '../../jobs/queue.js';
import * as q from './queries.js';
import type { ReportFormat, ReportsService } from './service.js';

export const REPORT_JOB = 'report.generate';

export type RunKind = 'stage' | 'year';

export interface RunParams {
  kind: RunKind;
  format: ReportFormat;
  cycleId: number;
  stageId?: number;
  regionId?: number;
  municipalityId?: number;
}

export interface RunView {
  id: number;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  message: string;
  fileId: number | null;
  createdAt: string;
  finishedAt: string | null;
}

export const RUN_NOT_FOUND = 'Формирование отчёта не найдено';

export function runView(r: q.ReportRunRow): RunView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    progress: r.progress,
    message: r.message,
    fileId: r.fileId,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
  };
}

export class ReportRuns {
  constructor(
    private readonly db: Db,
    private readonly service: ReportsService,
  ) {}

  /** Checks the rights like the synchronous route, then records the run and queues its job together. */
  async start(actor: Actor, input: Omit<RunParams, 'cycleId'> & { cycleId?: number }): Promise<RunView> {
    const { cycleId } = await this.service.checkReport(actor, { ...input, stageId: input.kind === 'stage' ? input.stageId : undefined });
    const params: RunParams = {
      kind: input.kind,
      format: input.format,
      cycleId,
      ...(input.kind === 'stage' && input.stageId !== undefined ? { stageId: input.stageId } : {}),
      ...(input.regionId !== undefined ? { regionId: input.regionId } : {}),
      ...(input.municipalityId !== undefined ? { municipalityId: input.municipalityId } : {}),
    };
    const run = await this.db.transaction(async (tx) => {
      const row = await q.insertRun(tx, { kind: input.kind, params: { ...params }, requestedBy: actor.userId, message: 'Ожидает в очереди' });
      await enqueue(tx, REPORT_JOB, { runId: row.id }, { dedupeKey: `report-run:${row.id}`, maxAttempts: 3 });
      return row;
    });
    return runView(run);
  }

  /** The actor's own runs, newest first. */
  async list(actor: Actor): Promise<RunView[]> {
    return (await q.runsOf(this.db, actor.userId)).map(runView);
  }

  /** One of the actor's own runs; someone else's is not found. */
  async get(actor: Actor, id: number): Promise<RunView> {
    const run = await q.runById(this.db, id);
    if (!run || run.requestedBy !== actor.userId) throw new NotFoundError(RUN_NOT_FOUND);
    return runView(run);
  }
}
