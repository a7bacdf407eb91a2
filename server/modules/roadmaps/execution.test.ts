// API tests of execution marks, evidence files and monitoring stages: the owner marks, the level
// above confirms, the percentage follows; uploads are checked by content and leave nothing behind
// when refused.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { roadmaps } from '../../db/schema.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { multipart } from '../../test/multipart.js';
import { count, demoIds, tempDataDir, type DemoIds } from './test-support.js';

interface Mark {
  status: string;
  comment: string;
  reviewComment: string;
  evidence: { id: number; fileId: number; name: string; size: number }[];
}
interface StageResult {
  stageId: number;
  due: number;
  done: number;
  confirmed: number;
  percent: number | null;
  thresholdPercent: number;
  met: boolean | null;
}
interface Detail {
  items: { id: number; number: string | null; marks: Record<string, Mark> }[];
  stages: { id: number; number: number; measuredOn: string; thresholdPercent: number }[];
  monitoring: StageResult[];
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

function filesOnDisk(dir: string): string[] {
  const root = join(dir, 'files');
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

describe('execution marks, evidence and monitoring', () => {
  let t: TestContext;
  let ids: DemoIds;
  let kromy: Client;
  let region57: Client;
  let fed: Client;
  let school1: Client;
  const data = tempDataDir();
  let roadmapId: number;
  let itemIds: number[];
  let stage3: number;

  const detail = async (): Promise<Detail> => {
    const res = await kromy.get(`/api/roadmaps/${roadmapId}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Detail;
  };
  const markUrl = (itemId: number, stageId = stage3) => `/api/roadmaps/${roadmapId}/items/${itemId}/stages/${stageId}`;
  const mark = (client: Client, itemId: number, action: string, comment?: string, executedOn?: string) =>
    client.post(`${markUrl(itemId)}/mark`, { action, ...(comment === undefined ? {} : { comment }), ...(executedOn ? { executedOn } : {}) });
  const upload = (client: Client, itemId: number, name: string, content: Buffer) => {
    const { payload, headers } = multipart({ name, content });
    return client.request('POST', `${markUrl(itemId)}/evidence`, payload, headers);
  };

  before(async () => {
    t = await createTestApp({ config: { dataDir: data.dir } });
    ids = await demoIds(t.database.db);
    [kromy, region57, fed, school1] = await Promise.all([t.as('mo-kromy'), t.as('region57'), t.as('fed'), t.as('school1')]);
    // one roadmap per municipality and cycle: this suite's replaces the demo one
    await t.database.db.delete(roadmaps).where(and(eq(roadmaps.level, 'municipal'), eq(roadmaps.municipalityId, ids.kromyId)));
    const created = await kromy.post('/api/roadmaps', {
      cycleId: ids.cycleId,
      level: 'municipal',
      municipalityId: ids.kromyId,
      title: 'Муниципальный план-график для проверки исполнения',
      items: [
        { number: '1', title: 'Совещание руководителей ОО', timingText: '10.03.2026' },
        { number: '2', title: 'Посещение школ кураторами', timingText: 'до 30.04.2026' },
        { number: '3', title: 'Семинар по итогам года', timingText: 'Декабрь 2026 г.' },
        { number: '4', title: 'Консультации для школ', timingText: 'Ежемесячно' },
      ],
    });
    assert.equal(created.statusCode, 201, created.body);
    roadmapId = (created.json() as { roadmap: { id: number } }).roadmap.id;
    // a draft takes no marks; approval by an order freezes it
    const draftMark = await kromy.post(`/api/roadmaps/${roadmapId}/items/${(await detail()).items[0]!.id}/stages/${(await detail()).stages[0]!.id}/mark`, { action: 'start' });
    assert.equal(draftMark.statusCode, 409, draftMark.body);
    assert.equal(draftMark.json().error.code, 'roadmap_draft');
    const approved = await kromy.post(`/api/roadmaps/${roadmapId}/approve`, { version: 1, orderAuthority: 'Отдел образования', orderNumber: '7', orderDate: '2026-02-01' });
    assert.equal(approved.statusCode, 200, approved.body);
    const d = await detail();
    itemIds = d.items.map((i) => i.id);
    stage3 = d.stages.find((s) => s.number === 3)!.id;
  });
  after(async () => {
    await t.close();
    data.cleanup();
  });

  test('monitoring stages of a cycle default to the programme: June 45%, September 75%, November 100%', async () => {
    const res = await school1.get(`/api/monitoring/stages?cycleId=${ids.cycleId}`);
    assert.equal(res.statusCode, 200);
    const stages = (res.json() as { stages: { number: number; measuredOn: string; thresholdPercent: number }[] }).stages;
    assert.deepEqual(
      stages.map((s) => [s.number, s.measuredOn, s.thresholdPercent]),
      [
        [1, '2026-06-30', 45],
        [2, '2026-09-30', 75],
        [3, '2026-11-30', 100],
      ],
    );
  });

  test('the owner marks, the level above confirms; the stage percentage follows', async () => {
    const before = (await detail()).monitoring.find((m) => m.stageId === stage3)!;
    // items 1, 2 and the monthly one are due by 30.11; the December seminar is not
    assert.deepEqual([before.due, before.done, before.confirmed, before.percent, before.met], [3, 0, 0, 0, false]);

    assert.equal((await mark(kromy, itemIds[0]!, 'start')).statusCode, 200);
    const done = await mark(kromy, itemIds[0]!, 'complete', 'Протокол № 4 от 10.03.2026', '2026-03-10');
    assert.equal(done.statusCode, 200, done.body);
    assert.equal((done.json() as { mark: Mark }).mark.status, 'done');
    assert.equal((await mark(kromy, itemIds[1]!, 'complete', '', '2026-04-20')).statusCode, 200);
    // an execution date in the future is refused on its field
    const future = await mark(kromy, itemIds[2]!, 'complete', '', '2099-01-01');
    assert.equal(future.statusCode, 400, future.body);
    assert.match(future.body, /"path":"executedOn"/);

    // the owner cannot confirm its own work, the reviewer cannot mark it done
    const selfConfirm = await mark(kromy, itemIds[0]!, 'confirm');
    assert.equal(selfConfirm.statusCode, 403, selfConfirm.body);
    assert.equal((await mark(region57, itemIds[2]!, 'complete')).statusCode, 403);
    // a federal coordinator is not the level right above a municipality
    assert.equal((await mark(fed, itemIds[0]!, 'confirm')).statusCode, 403);

    const confirmed = await mark(region57, itemIds[0]!, 'confirm');
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    const after1 = (await detail()).monitoring.find((m) => m.stageId === stage3)!;
    // «done» counts every executed activity, confirmed ones included
    assert.deepEqual([after1.due, after1.done, after1.confirmed], [3, 2, 1]);
    assert.equal(after1.percent, 33.3);

    const confirmed2 = await mark(region57, itemIds[1]!, 'confirm');
    assert.equal(confirmed2.statusCode, 200);
    const after2 = (await detail()).monitoring.find((m) => m.stageId === stage3)!;
    assert.equal(after2.confirmed, 2);
    assert.equal(after2.percent, 66.7);
    assert.equal(after2.met, false);

    // the summary of the territory shows the same figures
    const summary = await region57.get(`/api/monitoring/summary?cycleId=${ids.cycleId}&municipalityId=${ids.kromyId}`);
    assert.equal(summary.statusCode, 200, summary.body);
    const row = (summary.json() as { roadmaps: { roadmap: { id: number }; results: StageResult[] }[] }).roadmaps.find((r) => r.roadmap.id === roadmapId)!;
    assert.equal(row.results.find((r) => r.stageId === stage3)!.percent, 66.7);
  });

  test('illegal transitions are refused with a reason; a return needs a comment; nothing changes', async () => {
    // item 3 is planned: it cannot be confirmed
    const early = await mark(region57, itemIds[2]!, 'confirm');
    assert.equal(early.statusCode, 400, early.body);
    assert.match(early.body, /запланировано/);

    assert.equal((await mark(kromy, itemIds[3]!, 'complete')).statusCode, 200);
    const bare = await mark(region57, itemIds[3]!, 'return', '  ');
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, /Укажите, что нужно доработать/);
    assert.equal((await detail()).items[3]!.marks[stage3]!.status, 'done');

    const returned = await mark(region57, itemIds[3]!, 'return', 'Приложите график консультаций');
    assert.equal(returned.statusCode, 200, returned.body);
    const m = (returned.json() as { mark: Mark }).mark;
    assert.equal(m.status, 'in_progress');
    assert.match(m.reviewComment, /график консультаций/);

    const badAction = await mark(kromy, itemIds[3]!, 'approve');
    assert.equal(badAction.statusCode, 400);
    assert.match(badAction.body, /"path":"action"/);
  });

  test('evidence: a PDF is stored and read back; a PNG named .pdf becomes .png; a program named .pdf is refused', async () => {
    const stored = await upload(kromy, itemIds[2]!, '../../etc/Протокол совещания.PDF', PDF);
    assert.equal(stored.statusCode, 201, stored.body);
    const ev = (stored.json() as { evidence: { id: number; fileId: number; name: string; size: number } }).evidence;
    assert.equal(ev.name, 'Протокол совещания.pdf');
    assert.equal(ev.size, PDF.length);

    // everyone who reads the roadmap reads the file, byte for byte
    const read = await school1.get(`/api/files/${ev.fileId}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers['content-type'], 'application/pdf');
    assert.deepEqual(read.rawPayload, PDF);

    const png = await upload(kromy, itemIds[2]!, 'скан.pdf', PNG);
    assert.equal(png.statusCode, 201, png.body);
    assert.equal((png.json() as { evidence: { name: string } }).evidence.name, 'скан.png');

    const filesBefore = await count(t.database.db, 'stored_files');
    const diskBefore = filesOnDisk(data.dir).length;
    const exe = await upload(kromy, itemIds[2]!, 'отчёт.pdf', EXE);
    assert.equal(exe.statusCode, 400, exe.body);
    assert.match(exe.body, /Такой файл не принимается/);
    assert.match(exe.body, /"path":"file"/);
    const empty = await upload(kromy, itemIds[2]!, 'пусто.pdf', Buffer.alloc(0));
    assert.equal(empty.statusCode, 400);
    assert.equal(await count(t.database.db, 'stored_files'), filesBefore);
    assert.equal(filesOnDisk(data.dir).length, diskBefore, 'no file is left on disk');

    // the reviewer does not upload the owner's evidence
    assert.equal((await upload(region57, itemIds[2]!, 'справка.pdf', PDF)).statusCode, 403);
  });

  test('an upload over 20 MB is refused and leaves nothing behind', async () => {
    const filesBefore = await count(t.database.db, 'stored_files');
    const diskBefore = filesOnDisk(data.dir).length;
    const big = Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    const res = await upload(kromy, itemIds[2]!, 'большой.pdf', big);
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.body, /больше 20 МБ/);
    assert.equal(await count(t.database.db, 'stored_files'), filesBefore);
    assert.equal(filesOnDisk(data.dir).length, diskBefore);
  });

  test('a confirmed mark locks its evidence; deleting evidence removes the unused file', async () => {
    const up = await upload(kromy, itemIds[3]!, 'график.pdf', Buffer.from('%PDF-1.4\n% график консультаций\n%%EOF\n'));
    assert.equal(up.statusCode, 201, up.body);
    const ev = (up.json() as { evidence: { id: number; fileId: number } }).evidence;
    const diskWith = filesOnDisk(data.dir).length;
    const del = await kromy.delete(`/api/roadmaps/${roadmapId}/evidence/${ev.id}`);
    assert.equal(del.statusCode, 200, del.body);
    assert.equal(filesOnDisk(data.dir).length, diskWith - 1);
    assert.equal((await school1.get(`/api/files/${ev.fileId}`)).statusCode, 404);

    // item 1 is confirmed: no more uploads to it at this stage
    const locked = await upload(kromy, itemIds[0]!, 'поздно.pdf', PDF);
    assert.equal(locked.statusCode, 400, locked.body);
  });

  test('stages are set by the federal level; a stage with marks cannot be removed', async () => {
    const current = (await fed.get(`/api/monitoring/stages?cycleId=${ids.cycleId}`)).json() as {
      stages: { number: number; title: string; measuredOn: string; thresholdPercent: number }[];
    };
    const defs = current.stages.map(({ number, title, measuredOn, thresholdPercent }) => ({ number, title, measuredOn, thresholdPercent }));
    assert.equal((await region57.put('/api/monitoring/stages', { cycleId: ids.cycleId, stages: defs })).statusCode, 403);

    const lowered = defs.map((s) => (s.number === 3 ? { ...s, thresholdPercent: 60 } : s));
    const res = await fed.put('/api/monitoring/stages', { cycleId: ids.cycleId, stages: lowered });
    assert.equal(res.statusCode, 200, res.body);
    const result = (await detail()).monitoring.find((m) => m.stageId === stage3)!;
    assert.equal(result.thresholdPercent, 60);
    assert.equal(result.met, true, `66.7% meets a 60% threshold: ${JSON.stringify(result)}`);

    const dropped = await fed.put('/api/monitoring/stages', { cycleId: ids.cycleId, stages: defs.filter((s) => s.number !== 3) });
    assert.equal(dropped.statusCode, 409, dropped.body);

    const bad = await fed.put('/api/monitoring/stages', { cycleId: ids.cycleId, stages: [{ ...defs[0], thresholdPercent: 150 }] });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /"path":"stages\.0\.thresholdPercent"/);
  });
});
