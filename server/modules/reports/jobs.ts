// The background job of report runs (runs.ts): `report.generate` {runId} — marks the run running, builds the file
// with the same code as the synchronous routes (the requester's rights as of now), reporting progress on the row,
// stores it (server/storage + stored_files) and marks the run done with the file; a failure marks it failed with a
// Russian message. The job is idempotent: the run is completed under a row lock, once — a job that runs again (a
// worker that died after claiming it, recovered after the lock timeout) finds the run finished and adds nothing.
import type { Actor } from '../../../domain/access/policy.js';
import { AppError } from '../../../domain/errors.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { storedFiles } from '../../db/schema.js';
import type { JobHandler } from '../../jobs/queue.js';
import { createFileStorage, type FileStorage } from '../../storage/index.js';
import * as authQueries from '../auth/queries.js';
import * as q from './queries.js';
import { REPORT_JOB, type RunParams } from './runs.js';
import { ReportFiles, ReportsService, type ReportFile } from './service.js';

/** Largest report file kept. */
const MAX_REPORT_BYTES = 200 * 1024 * 1024;

export const GENERIC_FAILURE = 'Не удалось сформировать отчёт: внутренняя ошибка сервера. Попробуйте ещё раз или обратитесь к администратору.';

class RunFailure extends Error {}

async function actorOfUser(db: Db, userId: number | null): Promise<Actor> {
  const user = userId === null ? undefined : await authQueries.findUserById(db, userId);
  if (!user || !user.active) throw new RunFailure('Учётная запись, заказавшая отчёт, отключена или удалена');
  const curated = user.role === 'curator' ? await authQueries.curatedSchools(db, user.id) : [];
  return {
    userId: user.id,
    role: user.role,
    regionId: user.regionId,
    municipalityId: user.municipalityId,
    schoolId: user.schoolId,
    curatedSchools: curated.map((s) => ({ regionId: s.regionId, municipalityId: s.municipalityId, schoolId: s.schoolId })),
  };
}

export async function generateRun(db: Db, storage: FileStorage, runId: number, log: (m: string) => void = () => {}): Promise<void> {
  const run = await q.runById(db, runId);
  if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
  // progress updates are written one after another, never after the run is finished
  let writes: Promise<void> = Promise.resolve();
  let last = -1;
  const progress = (percent: number, message: string, running = false) => {
    const p = Math.max(0, Math.min(99, Math.round(percent)));
    if (p === last && !running) return;
    last = p;
    writes = writes.then(() => q.setRunProgress(db, runId, { ...(running ? { status: 'running' as const } : {}), progress: p, message }));
  };
  let file: ReportFile;
  try {
    progress(5, 'Сбор данных', true);
    const actor = await actorOfUser(db, run.requestedBy);
    const params = run.params as unknown as RunParams;
    const service = new ReportsService(db);
    const files = new ReportFiles(db, service);
    const input = { cycleId: params.cycleId, regionId: params.regionId, municipalityId: params.municipalityId, format: params.format };
    file = params.kind === 'year' ? await files.year(actor, input, progress) : await files.stage(actor, { ...input, stageId: params.stageId }, progress);
    await writes;
  } catch (error) {
    await writes.catch(() => undefined);
    const known = error instanceof AppError || error instanceof RunFailure;
    if (!known) log(`report run ${runId}: ${error instanceof Error ? error.message : String(error)}`);
    await q.finishRun(db, runId, { status: 'failed', message: known ? `Не удалось сформировать отчёт: ${(error as Error).message}` : GENERIC_FAILURE });
    return;
  }
  let blob;
  try {
    blob = await storage.put(file.body, { maxBytes: MAX_REPORT_BYTES });
  } catch (error) {
    log(`report run ${runId}: storing the file: ${error instanceof Error ? error.message : String(error)}`);
    await q.finishRun(db, runId, { status: 'failed', message: GENERIC_FAILURE });
    return;
  }
  // completed once, under the run's lock: a second execution of the job finds it done
  await db.transaction(async (tx) => {
    const current = await q.runForUpdate(tx, runId);
    if (!current || (current.status !== 'queued' && current.status !== 'running')) return;
    const [stored] = await tx
      .insert(storedFiles)
      .values({ sha256: blob.sha256, size: blob.size, mime: file.contentType, name: file.filename, createdBy: run.requestedBy })
      .returning({ id: storedFiles.id });
    await q.finishRun(tx, runId, { status: 'done', message: 'Отчёт готов', fileId: stored!.id });
  });
}

export function reportHandlers(deps: { config: Config; log?: (message: string) => void }): Record<string, JobHandler> {
  const storage = createFileStorage(deps.config.dataDir);
  const log = deps.log ?? ((m: string) => console.error(m));
  return {
    [REPORT_JOB]: async (payload, ctx) => generateRun(ctx.db, storage, Number(payload.runId), log),
  };
}
