// The daily deadline scan (7 and 1 days before, once each per user and slot; confirmed slots are skipped; the scan
// job re-schedules itself) and expertise completion (→ the school and its curator, once).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { DEFAULT_EXPERTISE_CRITERIA } from '../../../domain/documents/index.js';
import { loadConfig } from '../../config.js';
import { jobs, notifications, schoolDocuments, users } from '../../db/schema.js';
import { createWorker, type Worker } from '../../jobs/worker.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { demoIds, type DemoIds } from '../documents/test-support.js';
import { setToday } from '../monitoring/clock.js';
import { inDays, scanDeadlines, scheduleDeadlineScan } from './handlers.js';

const quiet = () => undefined;

describe('deadline reminders and expertise results', () => {
  let t: TestContext;
  let ids: DemoIds;
  let worker: Worker;
  let school1: Client;

  const userId = async (login: string) => (await t.database.db.select({ id: users.id }).from(users).where(eq(users.login, login)))[0]!.id;
  const reminders = async (login: string) =>
    (await t.database.db.select().from(notifications).where(and(eq(notifications.userId, await userId(login)), eq(notifications.kind, 'deadline')))).map((n) => n.title).sort();

  before(async () => {
    t = await createTestApp();
    ids = await demoIds(t.database.db);
    await t.database.db.execute(sql`update users set email = login || '@medk.test'`);
    worker = createWorker(t.database.db, t.config, { mailer: null, log: quiet });
    school1 = await t.as('school1');
  });
  after(async () => {
    setToday(null);
    await worker.stop();
    await t.close();
  });

  test('NOTIFY_DAYS_BEFORE: a list of days, largest first', () => {
    assert.deepEqual(loadConfig({}).notifyDaysBefore, [7, 1]);
    assert.deepEqual(loadConfig({ NOTIFY_DAYS_BEFORE: '1, 14,7,7' }).notifyDaysBefore, [14, 7, 1]);
    assert.throws(() => loadConfig({ NOTIFY_DAYS_BEFORE: 'неделя' }), /NOTIFY_DAYS_BEFORE/);
    assert.equal(inDays(1), 'через 1 день');
    assert.equal(inDays(3), 'через 3 дня');
    assert.equal(inDays(7), 'через 7 дней');
    assert.equal(inDays(11), 'через 11 дней');
    assert.equal(inDays(21), 'через 21 день');
  });

  test('the scan job reminds 7 days before, once, and schedules the next scan', async () => {
    setToday('2026-03-24'); // the concept and the medium-term programme are due on 31 March
    await scheduleDeadlineScan(t.database.db);
    await scheduleDeadlineScan(t.database.db); // a second process starting: still one scan today
    const ran = await worker.runDueJobs();
    // the same daily scan escalates overdue roadmap activities and sends the weekly digest (roadmap-events.ts)
    const [roadmapMails] = await t.database.db
      .execute(sql`select count(*)::int as n from email_outbox o join notifications n on n.id = o.notification_id where n.kind in ('overdue_escalation', 'weekly_digest')`)
      .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    assert.equal(ran, 1 + 2 * (await t.database.db.$count(users, eq(users.role, 'school'))) + Number(roadmapMails?.n), 'the scan and a mail per reminder');
    assert.deepEqual(await reminders('school1'), ['Срок через 7 дней: Концепция развития школы', 'Срок через 7 дней: Среднесрочная программа развития школы']);
    assert.deepEqual(await reminders('curator1'), [], 'reminders go to the school');
    const scans = await t.database.db.select().from(jobs).where(eq(jobs.kind, 'deadline.scan')).orderBy(jobs.id);
    assert.equal(scans.length, 2, 'today’s scan and tomorrow’s');
    assert.ok(scans[0]!.doneAt);
    assert.equal(scans[1]!.doneAt, null);
    assert.ok(scans[1]!.runAt.getTime() > Date.now());
    const [kept] = await t.database.db.execute(sql`select count(*)::int as n from email_outbox where status = 'kept'`).then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    assert.ok(Number(kept?.n) >= 2, 'without SMTP the reminders are kept in the outbox');

    const page = (await school1.get('/api/notifications')).json() as { items: { kind: string; link: string }[] };
    assert.equal(page.items[0]?.kind, 'deadline');
    assert.equal(page.items[0]?.link, `/documents/schools/${ids.school1Id}`);
  });

  test('scanning again, or on a later day before the 1-day mark, reminds nobody twice', async () => {
    assert.equal((await scanDeadlines(t.database.db, [7, 1], '2026-03-24')).created, 0);
    assert.equal((await scanDeadlines(t.database.db, [7, 1], '2026-03-27')).created, 0);
    assert.equal((await reminders('school1')).length, 2);
  });

  test('1 day before: one more reminder per slot, none for a confirmed slot, and none twice', async () => {
    await t.database.db.insert(schoolDocuments).values({ cycleId: ids.cycleId, schoolId: ids.school2Id, slotKey: 'concept', kind: 'concept', status: 'confirmed' });
    const first = await scanDeadlines(t.database.db, [7, 1], '2026-03-30');
    assert.ok(first.created > 0);
    assert.equal((await scanDeadlines(t.database.db, [7, 1], '2026-03-30')).created, 0);
    assert.equal((await scanDeadlines(t.database.db, [7, 1], '2026-03-31')).created, 0, 'the due date itself is within the same 1-day mark');
    assert.deepEqual(await reminders('school1'), [
      'Срок через 1 день: Концепция развития школы',
      'Срок через 1 день: Среднесрочная программа развития школы',
      'Срок через 7 дней: Концепция развития школы',
      'Срок через 7 дней: Среднесрочная программа развития школы',
    ]);
    assert.deepEqual(await reminders('school2'), [
      'Срок через 1 день: Среднесрочная программа развития школы',
      'Срок через 7 дней: Концепция развития школы',
      'Срок через 7 дней: Среднесрочная программа развития школы',
    ]);
    assert.equal((await scanDeadlines(t.database.db, [7, 1], '2026-04-01')).created, 0, 'past the due date: no reminder');
  });

  test('the calendar: the school’s slots with their state, stages and roadmap items; others see the deadlines by kind', async () => {
    setToday('2026-03-01');
    type Calendar = { cycle: { year: number }; entries: { date: string; type: string; title: string; state: string | null; link: string | null }[] };
    const mine = (await school1.get(`/api/calendar?cycleId=${ids.cycleId}`)).json() as Calendar;
    assert.equal(mine.cycle.year, 2026);
    const concept = mine.entries.find((e) => e.type === 'document' && e.title === 'Концепция развития школы');
    assert.equal(concept?.date, '2026-03-31');
    assert.equal(concept?.link, `/documents/schools/${ids.school1Id}`);
    assert.equal(concept?.state, 'missing');
    assert.ok(mine.entries.some((e) => e.type === 'stage'));
    assert.deepEqual(mine.entries.map((e) => e.date), [...mine.entries.map((e) => e.date)].sort(), 'by date');
    const region = (await (await t.as('region57')).get('/api/calendar')).json() as Calendar;
    assert.deepEqual(
      region.entries.filter((e) => e.type === 'document').map((e) => [e.date, e.title]),
      [
        ['2026-03-31', 'Концепция развития школы'],
        ['2026-03-31', 'Среднесрочная программа развития школы'],
        ['2026-04-30', 'Дорожная карта школы'],
        ['2026-04-30', 'Антирисковая программа'],
      ],
    );
    assert.ok(region.entries.some((e) => e.type === 'roadmap_item'), 'the demo roadmaps of the region');
    assert.equal((await school1.get('/api/calendar?cycleId=999999')).statusCode, 404);
  });

  test('a completed expertise: the school and its curator are told once', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/expertise/samples', { cycleId: ids.cycleId, title: 'Выборка', share: 100, seed: 's', stratifyByRegion: false, kinds: ['concept'] });
    assert.equal(created.statusCode, 201, created.body);
    const sampleId = (created.json() as { sample: { id: number } }).sample.id;
    const reviews = ((await admin.get(`/api/expertise/samples/${sampleId}`)).json() as { reviews: { id: number; schoolId: number }[] }).reviews;
    const review = reviews.find((r) => r.schoolId === ids.school1Id)!;
    const put = (body: Record<string, unknown>) => admin.put(`/api/expertise/reviews/${review.id}`, { marks: {}, comment: '', ...body });
    const started = await put({ version: 1, action: 'start' });
    assert.equal(started.statusCode, 200, started.body);
    const marks = Object.fromEntries(DEFAULT_EXPERTISE_CRITERIA.map((c) => [c.code, 'yes']));
    const done = await put({ version: (started.json() as { review: { version: number } }).review.version, marks, conclusion: 'meets', action: 'complete' });
    assert.equal(done.statusCode, 200, done.body);
    await worker.runDueJobs();
    await worker.runDueJobs();
    for (const login of ['school1', 'curator1']) {
      const rows = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, await userId(login)), eq(notifications.kind, 'expertise_completed')));
      assert.equal(rows.length, 1, login);
      assert.equal(rows[0]?.link, `/expertise/reviews/${review.id}`);
      assert.match(rows[0]!.title, /Результаты федеральной экспертизы/);
    }
    assert.equal((await reminders('school2')).length, 3, 'other schools: nothing new');
  });
});
