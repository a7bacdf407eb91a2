// Background report runs (docs/reports-api.md, «Background report runs»): requested with the rights of the synchronous
// routes, queued with their job in one transaction, built by the job with progress on the row, stored as a file only
// the requester may download; a failure ends the run with a Russian message; a job recovered after its worker died
// leaves one file. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { reportRuns, storedFiles, users } from '../../db/schema.js';
import { JobQueue } from '../../jobs/queue.js';
import { setToday } from '../monitoring/clock.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { GENERIC_FAILURE, reportHandlers } from './jobs.js';
import { ReportFiles, ReportsService } from './service.js';
import { makeData, TODAY, type Made } from './test-support.js';

interface Run {
  id: number;
  kind: string;
  status: string;
  progress: number;
  message: string;
  fileId: number | null;
  createdAt: string;
  finishedAt: string | null;
}

const quiet = () => undefined;

describe('background report runs', () => {
  let t: TestContext;
  let d: Made;
  let region57: Client;
  let kromy: Client;
  let school1: Client;
  let queue: JobQueue;

  before(async () => {
    t = await createTestApp();
    d = await makeData(t.database.db);
    setToday(TODAY);
    [region57, kromy, school1] = await Promise.all([t.as('region57'), t.as('mo-kromy'), t.as('school1')]);
    queue = new JobQueue(t.database.db, reportHandlers({ config: t.config, log: quiet }), { log: quiet, workerId: 'live' });
  });
  after(async () => {
    setToday(null);
    await t.close();
  });

  const start = async (client: Client, body: Record<string, unknown>) => {
    const res = await client.post('/api/reports/runs', { cycleId: d.cycleId, ...body });
    assert.equal(res.statusCode, 202, res.body);
    return (res.json() as { run: Run }).run;
  };
  const get = async (client: Client, id: number) => {
    const res = await client.get(`/api/reports/runs/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { run: Run }).run;
  };
  const fileCount = async () => t.database.db.$count(storedFiles);
  const xlsxRows = async (payload: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(payload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };

  test('a stage report is queued, built by the job with progress 100, and its XLSX carries the numbers', async () => {
    const stage1 = d.stages.find((s) => s.number === 1)!.id;
    const run = await start(region57, { kind: 'stage', format: 'xlsx', regionId: d.regionId, stageId: stage1 });
    assert.equal(run.status, 'queued');
    assert.equal(run.progress, 0);
    assert.equal(run.fileId, null);
    const queued = await t.database.db.execute(sql`select count(*)::int as n from jobs where kind = 'report.generate' and done_at is null`);
    assert.equal(Number((queued as unknown as { rows: { n: number }[] }).rows[0]!.n), 1);

    assert.equal(await queue.runDueJobs(), 1);
    const done = await get(region57, run.id);
    assert.equal(done.status, 'done', done.message);
    assert.equal(done.progress, 100);
    assert.equal(done.message, 'Отчёт готов');
    assert.ok(done.fileId);
    assert.ok(done.finishedAt);

    const file = await region57.get(`/api/files/${done.fileId}`);
    assert.equal(file.statusCode, 200, file.body);
    assert.match(String(file.headers['content-type']), /spreadsheetml/);
    assert.match(decodeURIComponent(String(file.headers['content-disposition'])), /Отчёт этапа 1 — Орловская область\.xlsx/);
    const rows = await xlsxRows(file.rawPayload);
    const find = (first: string) => rows.find((r) => r[0] === first);
    assert.equal(rows[0]![0], 'Отчёт о результатах мониторинга: Первый этап мониторинга (июнь)');
    assert.deepEqual(find('Доля школ, завершивших анкетирование'), ['Доля школ, завершивших анкетирование', 33.3, 2, 6, 100, 'нет']);
    assert.deepEqual(find('Первый этап мониторинга (июнь)'), ['Первый этап мониторинга (июнь)', '30.06.2030', 45, 5, 3, 2, 40, 'нет']);
    assert.deepEqual(find('Кромской район'), ['Кромской район', 4, 25, 25, 50, 50, 25, 0, 50]);

    // the run and its file are the requester's only
    assert.equal((await kromy.get(`/api/files/${done.fileId}`)).statusCode, 404);
    assert.equal((await kromy.get(`/api/reports/runs/${run.id}`)).statusCode, 404);
    assert.equal((await school1.get(`/api/files/${done.fileId}`)).statusCode, 404);
    assert.equal((await region57.get('/api/reports/runs/999999')).statusCode, 404);
  });

  test('the list: own runs, newest first', async () => {
    const year = await start(region57, { kind: 'year', format: 'docx', regionId: d.regionId });
    const own = await start(kromy, { kind: 'year', format: 'xlsx', municipalityId: d.kromyId });
    const res = await region57.get('/api/reports/runs');
    assert.equal(res.statusCode, 200);
    const list = (res.json() as { runs: Run[] }).runs;
    assert.equal(list[0]!.id, year.id);
    assert.ok(list.every((r) => r.id !== own.id));
    assert.equal((await kromy.get('/api/reports/runs')).json().runs.length, 1);
    await queue.runDueJobs();
    assert.equal((await get(region57, year.id)).status, 'done');
    const kromyRun = await get(kromy, own.id);
    assert.equal(kromyRun.status, 'done');
    const rows = await xlsxRows((await kromy.get(`/api/files/${kromyRun.fileId}`)).rawPayload);
    assert.equal(rows[0]![0], 'Итоговый отчёт о реализации проекта за 2030 год');
  });

  test('rights as in the synchronous routes: refused before anything is queued', async () => {
    const before = await t.database.db.$count(reportRuns);
    assert.equal((await school1.post('/api/reports/runs', { kind: 'stage', format: 'xlsx', cycleId: d.cycleId, regionId: d.regionId })).statusCode, 403);
    assert.equal((await kromy.post('/api/reports/runs', { kind: 'stage', format: 'xlsx', cycleId: d.cycleId, regionId: d.regionId })).statusCode, 404);
    assert.equal((await kromy.post('/api/reports/runs', { kind: 'year', format: 'xlsx', cycleId: d.cycleId, municipalityId: d.livnyId })).statusCode, 404);
    assert.equal((await region57.post('/api/reports/runs', { kind: 'stage', format: 'xlsx', cycleId: d.cycleId })).statusCode, 404);
    assert.equal((await region57.post('/api/reports/runs', { kind: 'stage', format: 'pdf', cycleId: d.cycleId, regionId: d.regionId })).statusCode, 400);
    assert.equal((await region57.post('/api/reports/runs', { kind: 'month', format: 'xlsx', cycleId: d.cycleId, regionId: d.regionId })).statusCode, 400);
    const badStage = await region57.post('/api/reports/runs', { kind: 'stage', format: 'xlsx', cycleId: d.cycleId, regionId: d.regionId, stageId: 999999 });
    assert.equal(badStage.statusCode, 404);
    assert.equal(await t.database.db.$count(reportRuns), before);
  });

  test('the builders report progress: data gathered, each child territory, writing', async () => {
    const [user] = await t.database.db.select().from(users).where(eq(users.login, 'region57'));
    const actor = { userId: user!.id, role: user!.role, regionId: user!.regionId, municipalityId: user!.municipalityId, schoolId: user!.schoolId, curatedSchools: [] };
    const seen: [number, string][] = [];
    const files = new ReportFiles(t.database.db, new ReportsService(t.database.db));
    await files.stage(actor, { cycleId: d.cycleId, regionId: d.regionId, format: 'xlsx' }, (p, m) => seen.push([p, m]));
    assert.deepEqual(seen, [
      [40, 'Данные собраны'],
      [65, 'Раздел: Кромской район'],
      [90, 'Раздел: Ливенский район'],
      [90, 'Запись файла'],
    ]);
  });

  test('a failing generation ends the run failed with a Russian message', async () => {
    // the stage disappeared between the request and the job
    const run = await start(region57, { kind: 'stage', format: 'xlsx', regionId: d.regionId });
    await t.database.db.execute(sql`update report_runs set params = params || '{"stageId": 999999}'::jsonb where id = ${run.id}`);
    const files = await fileCount();
    await queue.runDueJobs();
    const failed = await get(region57, run.id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.message, 'Не удалось сформировать отчёт: Этап мониторинга не найден');
    assert.equal(failed.fileId, null);
    assert.ok(failed.finishedAt);

    // the storage fails (its folder is a plain file): an internal error, told in Russian without details
    const broken = join(t.config.dataDir, 'not-a-folder');
    writeFileSync(broken, 'x');
    const brokenQueue = new JobQueue(t.database.db, reportHandlers({ config: { ...t.config, dataDir: broken }, log: quiet }), { log: quiet });
    const second = await start(region57, { kind: 'year', format: 'xlsx', regionId: d.regionId });
    assert.equal(await brokenQueue.runDueJobs(), 1);
    const failed2 = await get(region57, second.id);
    assert.equal(failed2.status, 'failed');
    assert.equal(failed2.message, GENERIC_FAILURE);
    assert.equal(await fileCount(), files);
    // the job itself is finished: nothing is retried
    assert.equal(await queue.runDueJobs(), 0);
  });

  test('a worker dies during the job: after the lock timeout the run is built once, one file', async () => {
    const run = await start(region57, { kind: 'stage', format: 'xlsx', regionId: d.regionId });
    const files = await fileCount();
    const dead = new JobQueue(t.database.db, reportHandlers({ config: t.config, log: quiet }), { log: quiet, workerId: 'dead' });
    const claimed = await dead.claim();
    assert.equal(claimed?.kind, 'report.generate');
    // the process "dies" mid-way: the run shows it was started, the job stays locked, other workers leave it alone
    await t.database.db.execute(sql`update report_runs set status = 'running', progress = 40, message = 'Данные собраны' where id = ${run.id}`);
    assert.equal(await queue.runDueJobs(), 0);
    assert.equal((await get(region57, run.id)).status, 'running');
    // ten minutes later (JOB_LOCK_MINUTES) the lock counts as abandoned
    await t.database.db.execute(sql`update jobs set locked_at = locked_at - interval '11 minutes' where id = ${claimed!.id}`);
    assert.equal(await queue.runDueJobs(), 1);
    const done = await get(region57, run.id);
    assert.equal(done.status, 'done');
    assert.equal(done.progress, 100);
    assert.equal(await fileCount(), files + 1);

    // the "dead" worker wakes up and finishes its stale claim: nothing new
    await dead.execute(claimed!);
    assert.equal(await fileCount(), files + 1);
    const after = await get(region57, run.id);
    assert.deepEqual([after.status, after.progress, after.fileId], ['done', 100, done.fileId]);
    assert.equal((await region57.get(`/api/files/${done.fileId}`)).statusCode, 200);
  });
});
