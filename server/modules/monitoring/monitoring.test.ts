// API tests of monitoring that cannot be distorted quietly: approval freezes a roadmap, amendments make versions,
// execution is a dated fact carried to later stages, regional targets, stage reports that lock marks, notifications
// of roadmap work and escalation of overdue activities (a test clock, no sleeps).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { roadmaps } from '../../db/schema.js';
import { createWorker, type Worker } from '../../jobs/worker.js';
import { snapshot } from '../../test/authz/fixtures.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { scanOverdue } from '../notifications/roadmap-events.js';
import { demoIds, type DemoIds } from '../roadmaps/test-support.js';
import { setToday } from './clock.js';

interface Figures {
  stageId: number;
  revision: number | null;
  due: number;
  done: number;
  confirmed: number;
  percent: number | null;
  thresholdPercent: number;
  met: boolean | null;
  plan: number;
  ids: { due: number[]; done: number[]; confirmed: number[]; overdue: number[] };
}
interface Detail {
  roadmap: { id: number; version: number; status: string; revision: number };
  items: { id: number; number: string | null; title: string; marks: Record<string, { status: string; executedOn: string | null; carried: boolean }> }[];
  removedItems: { id: number; number: string | null; removedInRevision: number; marks: Record<string, { status: string }> }[];
  stages: { id: number; number: number; measuredOn: string; thresholdPercent: number; source: string }[];
  monitoring: Figures[];
  revisions: { number: number; kind: string; orderNumber: string }[];
}

const quiet = () => undefined;

describe('monitoring: versions, facts, targets, stage reports, escalation', () => {
  let t: TestContext;
  let ids: DemoIds;
  let worker: Worker;
  let kromy: Client;
  let region57: Client;
  let fed: Client;
  let school1: Client;
  let roadmapId: number;
  let item: Record<'A' | 'B' | 'C' | 'D', number>;
  let stage: [number, number, number];

  const detail = async (client = kromy): Promise<Detail> => {
    const res = await client.get(`/api/roadmaps/${roadmapId}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Detail;
  };
  const at = (d: Detail, stageId: number) => d.monitoring.find((f) => f.stageId === stageId)!;
  const mark = (client: Client, itemId: number, stageId: number, action: string, extra: Record<string, unknown> = {}) =>
    client.post(`/api/roadmaps/${roadmapId}/items/${itemId}/stages/${stageId}/mark`, { action, ...extra });
  const notes = async (client: Client, kind: string) =>
    ((await client.get('/api/notifications?pageSize=100')).json() as { items: { kind: string; body: string; link: string | null }[] }).items.filter((n) => n.kind === kind);

  before(async () => {
    setToday('2026-07-10');
    t = await createTestApp();
    ids = await demoIds(t.database.db);
    worker = createWorker(t.database.db, t.config, { log: quiet });
    [kromy, region57, fed, school1] = await Promise.all([t.as('mo-kromy'), t.as('region57'), t.as('fed'), t.as('school1')]);
    await t.database.db.delete(roadmaps).where(and(eq(roadmaps.level, 'municipal'), eq(roadmaps.municipalityId, ids.kromyId)));
    const created = await kromy.post('/api/roadmaps', {
      cycleId: ids.cycleId,
      level: 'municipal',
      municipalityId: ids.kromyId,
      title: 'План-график Кромского района',
      items: [
        { number: '1', title: 'Совещание руководителей школ', timingText: 'до 15.03.2026' },
        { number: '2', title: 'Посещение школ кураторами', timingText: 'до 20.04.2026' },
        { number: '3', title: 'Консультации для учителей', timingText: 'Ежемесячно' },
        { number: '4', title: 'Семинар по итогам года', timingText: 'до 30.10.2026' },
      ],
    });
    assert.equal(created.statusCode, 201, created.body);
    roadmapId = created.json().roadmap.id;
    const d = await detail();
    const [A, B, C, D] = d.items.map((i) => i.id) as [number, number, number, number];
    item = { A, B, C, D };
    stage = d.stages.map((s) => s.id) as [number, number, number];
  });
  after(async () => {
    setToday(null);
    await worker.stop();
    await t.close();
  });

  test('approval by an order freezes the roadmap: edits and deletion are refused and change nothing', async () => {
    const draft = await detail();
    assert.equal(draft.roadmap.status, 'draft');
    const noOrder = await kromy.post(`/api/roadmaps/${roadmapId}/approve`, { version: draft.roadmap.version, orderAuthority: '', orderNumber: '', orderDate: '2026-02-31' });
    assert.equal(noOrder.statusCode, 400);
    assert.deepEqual(noOrder.json().error.fields.map((f: { path: string }) => f.path).sort(), ['orderAuthority', 'orderDate', 'orderNumber']);
    assert.equal((await school1.post(`/api/roadmaps/${roadmapId}/approve`, { version: 1, orderAuthority: 'x', orderNumber: '1', orderDate: '2026-02-01' })).statusCode, 403);

    const ok = await kromy.post(`/api/roadmaps/${roadmapId}/approve`, {
      version: draft.roadmap.version,
      orderAuthority: 'Отдел образования администрации Кромского района',
      orderNumber: '21',
      orderDate: '2026-02-10',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().roadmap.status, 'approved');
    assert.equal(ok.json().revision.number, 1);

    const d = await detail();
    const before = await snapshot(t.database.db);
    const renamed = d.items.map((i) => ({ id: i.id, number: i.number, title: `${i.title} (переименовано)` }));
    const put = await kromy.put(`/api/roadmaps/${roadmapId}`, { version: d.roadmap.version, title: 'Другое', items: renamed.slice(1) });
    assert.equal(put.statusCode, 409, put.body);
    assert.equal(put.json().error.code, 'roadmap_approved');
    assert.match(put.json().error.message, /приказом о внесении изменений/);
    const del = await kromy.delete(`/api/roadmaps/${roadmapId}`);
    assert.equal(del.statusCode, 409);
    assert.match(del.json().error.message, /удалить нельзя/);
    const again = await kromy.post(`/api/roadmaps/${roadmapId}/approve`, { version: d.roadmap.version, orderAuthority: 'x', orderNumber: '1', orderDate: '2026-02-01' });
    assert.equal(again.statusCode, 409);
    assert.equal(await snapshot(t.database.db), before, 'refused writes change nothing');
  });

  test('execution is a dated fact: done at stage 1, counted at stage 3; a late date does not count at an earlier stage', async () => {
    assert.equal((await mark(kromy, item.A, stage[0], 'complete', { executedOn: '2026-03-10' })).statusCode, 200);
    assert.equal((await mark(region57, item.A, stage[0], 'confirm')).statusCode, 200);
    // periodic: its own mark per stage
    assert.equal((await mark(kromy, item.C, stage[0], 'complete')).statusCode, 200);
    assert.equal((await mark(region57, item.C, stage[0], 'confirm')).statusCode, 200);
    // executed after the first stage's measuring date (30.06)
    assert.equal((await mark(kromy, item.B, stage[0], 'complete', { executedOn: '2026-07-05' })).statusCode, 200);
    assert.equal((await mark(region57, item.B, stage[1], 'confirm')).statusCode, 200, 'a one-off fact is confirmed from any stage');

    const d = await detail();
    const s1 = at(d, stage[0]);
    assert.deepEqual([s1.due, s1.done, s1.confirmed, s1.percent, s1.met], [3, 2, 2, 66.7, true]);
    assert.ok(!s1.ids.done.includes(item.B), 'B was executed after stage 1');
    const s2 = at(d, stage[1]);
    assert.deepEqual([s2.due, s2.confirmed], [3, 2], 'A and B confirmed; the monthly one needs its stage-2 mark');
    const s3 = at(d, stage[2]);
    assert.deepEqual([s3.due, s3.confirmed, s3.plan], [4, 2, 4]);
    assert.deepEqual(s3.ids.confirmed.sort(), [item.A, item.B].sort());
    const a = d.items.find((i) => i.id === item.A)!;
    assert.deepEqual([a.marks[stage[2]]!.status, a.marks[stage[2]]!.executedOn, a.marks[stage[2]]!.carried], ['confirmed', '2026-03-10', true]);
    assert.equal(d.items.find((i) => i.id === item.C)!.marks[stage[2]], undefined, 'no stage-3 mark of the monthly activity yet');
  });

  test('an amendment makes version 2 with its diff; a removed activity keeps counting at the stage it belonged to', async () => {
    const d = await detail();
    const keep = d.items.filter((i) => i.id !== item.B).map((i) => ({ id: i.id, number: i.number, title: i.id === item.D ? 'Итоговый семинар для школ проекта' : i.title, timingText: '' }));
    const rows = keep.map((k) => ({ ...k, timingText: k.id === item.A ? 'до 15.03.2026' : k.id === item.C ? 'Ежемесячно' : 'до 30.10.2026' }));
    const body = {
      version: d.roadmap.version,
      orderAuthority: 'Отдел образования администрации Кромского района',
      orderNumber: '57',
      orderDate: '2026-07-08',
      orderTitle: 'О внесении изменений в приказ от 10.02.2026 № 21',
      items: [...rows, { number: '5', title: 'Методический десант в школы', timingText: 'до 15.11.2026' }],
    };
    const preview = await kromy.post(`/api/roadmaps/${roadmapId}/amendments/preview`, body);
    assert.equal(preview.statusCode, 200, preview.body);
    const diff = preview.json().diff;
    assert.deepEqual([diff.added.length, diff.removed.length, diff.changed.length], [1, 1, 1]);
    assert.equal(diff.removed[0].id, item.B);

    const early = await kromy.post(`/api/roadmaps/${roadmapId}/amendments`, { ...body, orderDate: '2026-01-01' });
    assert.equal(early.statusCode, 400);
    assert.equal(early.json().error.fields[0].path, 'orderDate');

    const amended = await kromy.post(`/api/roadmaps/${roadmapId}/amendments`, body);
    assert.equal(amended.statusCode, 201, amended.body);
    assert.equal(amended.json().revision.number, 2);
    assert.equal(amended.json().roadmap.revision, 2);

    const after = await detail();
    assert.deepEqual(after.items.map((i) => i.number), ['1', '3', '4', '5']);
    assert.deepEqual(after.removedItems.map((i) => [i.id, i.removedInRevision]), [[item.B, 2]]);
    assert.equal(Object.values(after.removedItems[0]!.marks)[0]?.status, 'confirmed', 'the removed activity keeps its marks');
    // stage 1 (30.06) is measured against version 1: B still counts there; stage 2 against version 2
    assert.deepEqual([at(after, stage[0]).revision, at(after, stage[0]).due, at(after, stage[0]).confirmed], [1, 3, 2]);
    assert.equal(at(after, stage[1]).revision, 2);
    assert.ok(!at(after, stage[1]).ids.due.includes(item.B));
    const history = (await school1.get(`/api/roadmaps/${roadmapId}/revisions`)).json().revisions;
    assert.deepEqual(history.map((r: { number: number; kind: string }) => [r.number, r.kind]), [[1, 'approval'], [2, 'amendment']]);
    const v1 = (await school1.get(`/api/roadmaps/${roadmapId}/revisions/1`)).json().revision;
    assert.ok(v1.items.some((i: { id: number }) => i.id === item.B), 'version 1 lists the removed activity');

    const again = await kromy.post(`/api/roadmaps/${roadmapId}/amendments`, { ...body, version: after.roadmap.version, items: after.items.map((i) => ({ id: i.id, number: i.number, title: i.title, timingText: body.items.find((b) => b.title === i.title)?.timingText ?? '' })) });
    assert.equal(again.statusCode, 400, again.body);
    assert.match(again.json().error.message, /Изменений в мероприятиях нет/);
  });

  test('an order of another year needs an explicit choice of the cycle', async () => {
    const body = { cycleId: ids.cycleId, level: 'school', schoolId: ids.school1Id, title: 'План школы', orderNumber: '3', orderDate: '2022-03-01', items: [{ number: '1', title: 'Педсовет', timingText: 'до 01.04.2026' }] };
    const wrong = await kromy.post('/api/roadmaps', body);
    assert.equal(wrong.statusCode, 400, wrong.body);
    assert.equal(wrong.json().error.fields[0].path, 'otherCycle');
    assert.match(wrong.json().error.message, /2022 году, а выбран 2026 год/);
    const chosen = await kromy.post('/api/roadmaps', { ...body, otherCycle: true });
    assert.equal(chosen.statusCode, 201, chosen.body);
    const twice = await kromy.post('/api/roadmaps', { ...body, otherCycle: true });
    assert.equal(twice.statusCode, 409);
    assert.deepEqual([twice.json().error.code, twice.json().error.details.status], ['roadmap_exists', 'draft']);
  });

  test("a region's own target (100% at stage 1) is what its municipalities are measured against", async () => {
    const current = (await region57.get(`/api/monitoring/targets?cycleId=${ids.cycleId}`)).json();
    assert.equal(current.canEdit, true);
    assert.deepEqual(current.stages.map((s: { thresholdPercent: number; source: string }) => [s.thresholdPercent, s.source]), [[45, 'federal'], [75, 'federal'], [100, 'federal']]);
    const body = { cycleId: ids.cycleId, regionId: ids.regionId, stages: [{ stageId: stage[0], measuredOn: '2026-06-30', thresholdPercent: 100 }] };
    assert.equal((await kromy.put('/api/monitoring/targets', body)).statusCode, 403);
    const disordered = await region57.put('/api/monitoring/targets', { ...body, stages: [{ stageId: stage[1], measuredOn: '2026-06-01', thresholdPercent: 75 }] });
    assert.equal(disordered.statusCode, 400, disordered.body);
    assert.equal(disordered.json().error.fields[0].path, 'stages.0.measuredOn');
    const saved = await region57.put('/api/monitoring/targets', body);
    assert.equal(saved.statusCode, 200, saved.body);
    const first = saved.json().stages[0];
    assert.deepEqual([first.thresholdPercent, first.source, first.federal.thresholdPercent], [100, 'region', 45]);
    assert.ok(first.setBy && first.setAt, 'who and when');

    const s1 = at(await detail(), stage[0]);
    assert.deepEqual([s1.thresholdPercent, s1.percent, s1.met], [100, 66.7, false]);
    const summary = (await region57.get(`/api/monitoring/summary?cycleId=${ids.cycleId}&municipalityId=${ids.kromyId}`)).json();
    assert.equal(summary.stages[0].thresholdPercent, 100);
    assert.equal(summary.totals[0].thresholdPercent, 100);
    // the federal default is unchanged for everyone else
    assert.equal((await fed.get(`/api/monitoring/stages?cycleId=${ids.cycleId}`)).json().stages[0].thresholdPercent, 45);
  });

  test('stage report: submitted and accepted reports lock the stage; the region returns with a reason, the municipality resubmits', async () => {
    const submitted = await kromy.post('/api/stage-reports', { stageId: stage[0] });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const report = submitted.json().report;
    assert.equal(report.status, 'submitted');
    assert.equal(report.snapshot.total.confirmed, at(await detail(), stage[0]).confirmed);
    assert.ok(report.snapshot.roadmaps.some((r: { roadmapId: number; activities: unknown[] }) => r.roadmapId === roadmapId && r.activities.length === 3));

    // A was executed before stage 1: its fact is locked while the report is under review
    const locked = await mark(region57, item.A, stage[2], 'unconfirm');
    assert.equal(locked.statusCode, 409, locked.body);
    assert.equal(locked.json().error.code, 'stage_locked');
    // a periodic activity's stage-2 mark is not part of the stage-1 report
    assert.equal((await mark(kromy, item.C, stage[1], 'complete')).statusCode, 200);

    assert.equal((await kromy.post(`/api/stage-reports/${report.id}/accept`, {})).statusCode, 403, 'not its own report');
    const bare = await region57.post(`/api/stage-reports/${report.id}/return`, { comment: ' ' });
    assert.equal(bare.statusCode, 400);
    const returned = await region57.post(`/api/stage-reports/${report.id}/return`, { comment: 'Приложите протокол совещания' });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.equal(returned.json().report.status, 'returned');
    // returned: marks may change again
    assert.equal((await mark(region57, item.A, stage[0], 'unconfirm')).statusCode, 200);
    assert.equal((await mark(region57, item.A, stage[0], 'confirm')).statusCode, 200);

    const again = await kromy.post('/api/stage-reports', { stageId: stage[0] });
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.json().report.id, report.id);
    const twice = await kromy.post('/api/stage-reports', { stageId: stage[0] });
    assert.equal(twice.statusCode, 409);
    const accepted = await region57.post(`/api/stage-reports/${report.id}/accept`, {});
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().report.status, 'accepted');
    assert.deepEqual(accepted.json().history.map((h: { action: string }) => h.action), ['submit', 'return', 'submit', 'accept']);
    assert.equal((await mark(region57, item.A, stage[0], 'unconfirm')).statusCode, 409, 'accepted: no change without a return');

    const list = (await region57.get(`/api/stage-reports?stageId=${stage[0]}`)).json();
    const rows = new Map(list.children.map((r: { territory: string; status: string }) => [r.territory, r.status]));
    assert.equal(rows.get('Кромской район'), 'accepted');
    assert.equal(rows.get('Ливенский район'), 'not_submitted');
    assert.equal(list.own[0].status, 'not_submitted', 'the regional report is not submitted yet');
    assert.equal((await school1.get(`/api/stage-reports?stageId=${stage[0]}`)).statusCode, 403);
    const fedList = (await fed.get(`/api/stage-reports?stageId=${stage[0]}`)).json();
    assert.ok(fedList.children.some((r: { territory: string; status: string }) => r.territory === 'Орловская область' && r.status === 'not_submitted'));
  });

  test('roadmap work notifies: a mark to the confirmer, a report to the level above and back', async () => {
    while (await worker.runDueJobs()) {
      // drain the queue
    }
    const toConfirm = await notes(region57, 'mark_to_confirm');
    assert.ok(toConfirm.some((n) => n.link === `/roadmaps/${roadmapId}` && n.body.includes('Совещание руководителей школ')), JSON.stringify(toConfirm));
    assert.equal((await notes(kromy, 'mark_to_confirm')).length, 0, 'the marker is not asked to confirm');
    const reportsAbove = await notes(region57, 'stage_report');
    assert.equal(reportsAbove.filter((n) => n.body.includes('Кромской район')).length, 2, 'two submissions');
    const reportsBack = await notes(kromy, 'stage_report');
    assert.equal(reportsBack.length, 2, 'returned, then accepted');
    assert.ok(reportsBack.some((n) => n.body.includes('Приложите протокол совещания')));
  });

  test('escalation: one notification per overdue activity and level; a scan again sends nothing', async () => {
    const aboutD = (list: { body: string; link: string | null }[]) => list.filter((n) => n.link === `/roadmaps/${roadmapId}` && n.body.includes('Итоговый семинар'));
    // D is due 30.10: on 05.11 it is 6 days late — the region is told, not yet the federal level
    assert.ok((await scanOverdue(t.database.db, '2026-11-05')) > 0);
    assert.equal(aboutD(await notes(region57, 'overdue_escalation')).length, 1);
    assert.equal(aboutD(await notes(fed, 'overdue_escalation')).length, 0);
    assert.equal(aboutD(await notes(kromy, 'overdue_escalation')).length, 0, 'the responsible level is not escalated to');
    assert.equal(await scanOverdue(t.database.db, '2026-11-05'), 0, 'the same day again: nothing new');
    assert.equal(await scanOverdue(t.database.db, '2026-11-06'), 0, 'the next day: still nothing new');
    // 13 days late: two levels up
    await scanOverdue(t.database.db, '2026-11-12');
    assert.equal(aboutD(await notes(fed, 'overdue_escalation')).length, 1);
    assert.equal(aboutD(await notes(region57, 'overdue_escalation')).length, 1);
    assert.equal(await scanOverdue(t.database.db, '2026-11-12'), 0);
    // done → no longer escalated (nothing new either way)
    setToday('2026-11-13');
    assert.equal((await mark(kromy, item.D, stage[2], 'complete')).statusCode, 200);
    await scanOverdue(t.database.db, '2026-11-20');
    assert.equal(aboutD(await notes(fed, 'overdue_escalation')).length, 1);
  });
});
