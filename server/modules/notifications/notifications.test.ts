// Notifications end to end: document transitions enqueue a job in their transaction; the worker makes exactly one
// notification per recipient and one mail, sent through a local SMTP server; running the jobs again sends nothing;
// a worker that dies between claim and completion (of the event job or of the mail job) is recovered after the lock
// timeout without a second notification or mail; preferences; without SMTP the mail is kept and the administrator
// sees it in the outbox; reading and marking notifications.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { NOTIFICATION_KINDS } from '../../db/schema.js';
import { createWorker, type Worker } from '../../jobs/worker.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { demoIds, PDF, uploadTo, type DemoIds, type DocumentView } from '../documents/test-support.js';
import { setToday } from '../monitoring/clock.js';
import { startSmtp, type TestSmtp } from './test-support.js';

interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
}
interface Page {
  items: Notification[];
  total: number;
  unread: number;
}

const quiet = () => undefined;

describe('notifications', () => {
  let t: TestContext;
  let ids: DemoIds;
  let smtp: TestSmtp;
  let worker: Worker;
  let school1: Client;
  let curator1: Client;
  let admin: Client;
  let concept: DocumentView;

  const rows = async <T>(query: SQL): Promise<T[]> => ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const list = async (client: Client, query = ''): Promise<Page> => {
    const res = await client.get(`/api/notifications${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Page;
  };
  const ofKind = async (client: Client, kind: string) => (await list(client, '?pageSize=100')).items.filter((n) => n.kind === kind);
  const act = async (client: Client, doc: { id: number; version: number }, action: string, comment?: string): Promise<DocumentView> => {
    const res = await client.post(`/api/documents/${doc.id}/transition`, { action, version: doc.version, ...(comment === undefined ? {} : { comment }) });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { document: DocumentView }).document;
  };
  const upload = async (slot: string): Promise<DocumentView> => {
    const res = await uploadTo(school1, ids.school1Id, slot, `${slot}.pdf`, PDF);
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { document: DocumentView }).document;
  };
  const outboxCount = async () => Number((await rows<{ n: number }>(sql`select count(*)::int as n from email_outbox`))[0]?.n);
  const pendingJobs = async () => Number((await rows<{ n: number }>(sql`select count(*)::int as n from jobs where done_at is null`))[0]?.n);

  before(async () => {
    setToday('2026-03-01');
    smtp = await startSmtp();
    t = await createTestApp();
    ids = await demoIds(t.database.db);
    await t.database.db.execute(sql`update users set email = login || '@medk.test'`);
    worker = createWorker(t.database.db, { ...t.config, smtpUrl: smtp.url, smtpFrom: 'MEDK <noreply@medk.test>' }, { log: quiet });
    [school1, curator1, admin] = await Promise.all([t.as('school1'), t.as('curator1'), t.as('admin')]);
  });
  after(async () => {
    setToday(null);
    await worker.stop();
    await t.close();
    await smtp.close();
  });

  test('a submitted document: the curator gets exactly one notification and one mail; running the jobs again sends nothing', async () => {
    concept = await act(school1, await upload('concept'), 'submit');
    assert.equal((await list(curator1)).total, 0, 'nothing before the job runs');
    assert.equal(await pendingJobs(), 1, 'the transition enqueued one job');

    assert.ok((await worker.runDueJobs()) >= 2, 'the event job and the mail job');
    const page = await list(curator1);
    assert.equal(page.total, 1);
    assert.equal(page.unread, 1);
    const [n] = page.items;
    assert.equal(n?.kind, 'document_submitted');
    assert.equal(n?.title, 'Документ на проверку: Концепция развития школы');
    assert.equal(n?.link, `/documents/schools/${ids.school1Id}`);
    assert.deepEqual((await curator1.get('/api/notifications/unread-count')).json(), { unread: 1 });
    assert.equal((await list(school1)).total, 0, 'the school is not told about its own submission');

    assert.equal(smtp.received.length, 1);
    assert.deepEqual(smtp.received[0]?.to, ['curator1@medk.test']);
    assert.equal(smtp.received[0]?.subject, 'MEDK: Документ на проверку: Концепция развития школы');
    assert.equal(smtp.received[0]?.from, 'noreply@medk.test');
    const [mail] = await rows<{ status: string; sent_at: unknown }>(sql`select status, sent_at from email_outbox`);
    assert.equal(mail?.status, 'sent');
    assert.ok(mail?.sent_at);

    assert.equal(await worker.runDueJobs(), 0);
    assert.equal(smtp.received.length, 1);
    assert.equal((await list(curator1)).total, 1);
  });

  test('a worker dies between claiming the event job and finishing it: after the lock timeout it is delivered once', async () => {
    concept = await act(curator1, concept, 'return', 'Добавьте подписи');
    const dead = createWorker(t.database.db, { ...t.config, smtpUrl: smtp.url }, { workerId: 'dead', log: quiet });
    const claimed = await dead.queue.claim();
    assert.equal(claimed?.kind, 'notify.document');
    // the process "dies": the job stays locked, other workers leave it alone
    assert.equal(await worker.runDueJobs(), 0);
    assert.equal((await ofKind(school1, 'document_returned')).length, 0);
    // ten minutes later (JOB_LOCK_MINUTES) the lock counts as abandoned
    await t.database.db.execute(sql`update jobs set locked_at = locked_at - interval '11 minutes' where id = ${claimed!.id}`);
    assert.ok((await worker.runDueJobs()) >= 2);
    const returned = await ofKind(school1, 'document_returned');
    assert.equal(returned.length, 1);
    assert.match(returned[0]!.body, /Добавьте подписи/);
    assert.equal(smtp.received.length, 2);
    assert.deepEqual(smtp.received[1]?.to, ['school1@medk.test']);
    assert.equal(smtp.received[1]?.subject, 'MEDK: Документ возвращён на доработку: Концепция развития школы');

    // the "dead" worker wakes up and finishes its stale claim: nothing new
    await dead.queue.execute(claimed!);
    assert.equal(await worker.runDueJobs(), 0);
    assert.equal((await ofKind(school1, 'document_returned')).length, 1);
    assert.equal(smtp.received.length, 2);
    await dead.stop();
  });

  test('a worker dies while delivering a mail: after the lock timeout the mail is sent once', async () => {
    concept = await act(school1, concept, 'submit');
    const dead = createWorker(t.database.db, { ...t.config, smtpUrl: smtp.url }, { workerId: 'dead-mail', log: quiet });
    assert.equal(await worker.queue.runOne(), true, 'the event job');
    const claimed = await dead.queue.claim();
    assert.equal(claimed?.kind, 'email.send');
    assert.equal(await worker.runDueJobs(), 0);
    assert.equal(smtp.received.length, 2);
    await t.database.db.execute(sql`update jobs set locked_at = locked_at - interval '11 minutes' where id = ${claimed!.id}`);
    assert.equal(await worker.runDueJobs(), 1);
    assert.equal(smtp.received.length, 3);
    await dead.queue.execute(claimed!);
    assert.equal(smtp.received.length, 3, 'the stale claim sends nothing: the mail is already sent');
    assert.equal(new Set(smtp.received.map((m) => m.messageId)).size, 3, 'every mail has its own stable Message-ID');
    assert.equal((await ofKind(curator1, 'document_submitted')).length, 2);
    await dead.stop();
  });

  test('preferences: email off — in the app only; in the app off — by email only', async () => {
    const defaults = await school1.get('/api/notifications/preferences');
    assert.equal(defaults.statusCode, 200);
    const prefs = (defaults.json() as { preferences: { kind: string; inApp: boolean; email: boolean }[] }).preferences;
    assert.deepEqual(prefs.map((p) => p.kind), [...NOTIFICATION_KINDS], 'one row per kind of notification');
    assert.ok(prefs.every((p) => p.inApp && p.email));

    const put = await school1.put('/api/notifications/preferences', { preferences: [{ kind: 'document_confirmed', inApp: true, email: false }] });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(
      (put.json() as { preferences: { kind: string; email: boolean }[] }).preferences.find((p) => p.kind === 'document_confirmed'),
      { kind: 'document_confirmed', label: 'Документ подтверждён', inApp: true, email: false },
    );
    const bad = await school1.put('/api/notifications/preferences', { preferences: [{ kind: 'nonsense', inApp: true, email: true }] });
    assert.equal(bad.statusCode, 400);

    const mailsBefore = await outboxCount();
    concept = await act(curator1, concept, 'confirm');
    await worker.runDueJobs();
    assert.equal((await ofKind(school1, 'document_confirmed')).length, 1, 'in the app');
    assert.equal(await outboxCount(), mailsBefore, 'no mail');
    assert.equal(smtp.received.length, 3);

    await curator1.put('/api/notifications/preferences', { preferences: [{ kind: 'document_submitted', inApp: false, email: true }] });
    const unreadBefore = (await list(curator1)).unread;
    await act(school1, await upload('midterm_programme'), 'submit');
    await worker.runDueJobs();
    assert.equal((await list(curator1)).unread, unreadBefore, 'not shown in the app');
    assert.equal(smtp.received.length, 4);
    assert.equal(smtp.received[3]?.subject, 'MEDK: Документ на проверку: Среднесрочная программа развития школы');
  });

  test('without SMTP the mail is kept, and only the administrator sees the outbox', async () => {
    const plain = createWorker(t.database.db, t.config, { log: quiet });
    concept = await act(curator1, concept, 'reopen', 'Нужна новая редакция');
    await plain.runDueJobs();
    assert.equal(smtp.received.length, 4, 'nothing sent');
    const res = await admin.get('/api/notifications/outbox?status=kept');
    assert.equal(res.statusCode, 200, res.body);
    const box = res.json() as { smtpConfigured: boolean; total: number; items: { to: string; subject: string; status: string; body: string; login: string }[] };
    assert.equal(box.smtpConfigured, false);
    assert.equal(box.total, 1);
    assert.equal(box.items[0]?.to, 'school1@medk.test');
    assert.equal(box.items[0]?.login, 'school1');
    assert.equal(box.items[0]?.subject, 'MEDK: Документ возвращён на доработку: Концепция развития школы');
    assert.match(box.items[0]!.body, /Нужна новая редакция/);
    const everything = (await admin.get('/api/notifications/outbox')).json() as { total: number; items: { status: string }[] };
    assert.deepEqual([...new Set(everything.items.map((m) => m.status))].sort(), ['kept', 'sent']);
    assert.equal((await school1.get('/api/notifications/outbox')).statusCode, 403);
    assert.equal((await curator1.get('/api/notifications/outbox')).statusCode, 403);
    await plain.stop();
  });

  test('unread first, paginated; mark one and all read; someone else’s notification is not found', async () => {
    const all = await list(school1);
    assert.ok(all.total >= 3);
    const first = all.items[0]!;
    const read = await school1.post(`/api/notifications/${first.id}/read`);
    assert.equal(read.statusCode, 200, read.body);
    assert.equal((read.json() as { unread: number }).unread, all.unread - 1);
    const again = await list(school1);
    assert.equal(again.items.at(-1)?.id, first.id, 'read ones come last');
    const page2 = await list(school1, '?pageSize=1&page=2');
    assert.equal(page2.items.length, 1);
    assert.equal(page2.items[0]?.id, again.items[1]?.id);
    assert.equal((await list(school1, '?unread=true')).total, all.unread - 1);

    assert.equal((await curator1.post(`/api/notifications/${first.id}/read`)).statusCode, 404);
    assert.equal((await school1.post('/api/notifications/999999/read')).statusCode, 404);

    const allRead = await school1.post('/api/notifications/read-all');
    assert.equal(allRead.statusCode, 200);
    assert.deepEqual((await school1.get('/api/notifications/unread-count')).json(), { unread: 0 });
  });
});
