// API tests of school documents: the checklist follows activated directions; the school uploads and submits, the
// curator returns (with a comment) or confirms, every transition is in the history; refused transitions are 400 and
// change nothing; wrong accounts get 403/404; the anti-risk programme is saved with an optimistic version; the
// territory overview and deadlines.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { setToday } from '../monitoring/clock.js';
import { activate, demoIds, PDF, uploadTo, type DemoIds, type DocumentView, type SchoolDocuments } from './test-support.js';

interface Overview {
  share: { schools: number; complete: number; share: number | null; onTrack: number; byKind: Record<string, { schools: number; complete: number; share: number | null }> };
  schools: { schoolId: number; name: string; municipality: string; curator: string | null; progress: { confirmed: number; byKind: Record<string, { total: number; confirmed: number }> }; overdue: number }[];
}

const COMPLETE_PROGRAMME = {
  goal: 'Повысить учебную мотивацию обучающихся 6–9 классов',
  tasks: ['Внедрить проектную деятельность', 'Организовать наставничество'],
  measures: [{ title: 'Школьный конкурс проектов', timing: 'до 1 октября', responsible: 'Заместитель директора по УВР' }],
  indicators: [
    { name: 'Доля обучающихся с высокой мотивацией', unit: '%', baseline: 34, target: 50, actual: [{ stageNumber: 1, value: 38 }], direction: 'increase' },
  ],
};

describe('school documents', () => {
  let t: TestContext;
  let ids: DemoIds;
  let school1: Client;
  let school1b: Client;
  let school2: Client;
  let curator1: Client;
  let curator2: Client;
  let kromy: Client;
  let region57: Client;
  let fed: Client;
  let observer: Client;

  const checklist = async (client: Client = school1, schoolId = ids.school1Id): Promise<SchoolDocuments> => {
    const res = await client.get(`/api/documents/schools/${schoolId}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as SchoolDocuments;
  };
  const docOf = async (id: number, client: Client = school1): Promise<DocumentView> => {
    const res = await client.get(`/api/documents/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { document: DocumentView }).document;
  };
  const act = (client: Client, doc: { id: number; version: number }, action: string, comment?: string) =>
    client.post(`/api/documents/${doc.id}/transition`, { action, version: doc.version, ...(comment === undefined ? {} : { comment }) });
  const overview = async (client: Client, query = ''): Promise<Overview> => {
    const res = await client.get(`/api/documents/overview${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Overview;
  };
  const programmeUrl = (factor: string, schoolId = ids.school1Id) => `/api/documents/schools/${schoolId}/slots/antirisk_programme:${factor}/programme`;

  before(async () => {
    setToday('2026-03-01');
    t = await createTestApp();
    ids = await demoIds(t.database.db);
    await activate(t.database.db, ids.cycleId, ids.school1Id, ['low_motivation', 'academic_failure']);
    [school1, school1b, school2, curator1, curator2] = await Promise.all([t.as('school1'), t.as('school1'), t.as('school2'), t.as('curator1'), t.as('curator2')]);
    [kromy, region57, fed, observer] = await Promise.all([t.as('mo-kromy'), t.as('region57'), t.as('fed'), t.as('observer57')]);
  });
  after(async () => {
    setToday(null);
    await t.close();
  });

  test('the checklist: three school documents, an anti-risk programme per activated direction, evidence per stage × direction', async () => {
    const list = await checklist();
    assert.deepEqual(list.directions, ['academic_failure', 'low_motivation']);
    assert.deepEqual(list.slots.slice(0, 5).map((s) => s.key), [
      'concept',
      'midterm_programme',
      'school_roadmap',
      'antirisk_programme:academic_failure',
      'antirisk_programme:low_motivation',
    ]);
    assert.equal(list.slots.length, 5 + 3 * 2);
    assert.ok(list.slots.every((s) => s.state === 'missing' && s.document === null));
    assert.equal(list.slots[0]!.dueDate, '2026-03-31');
    assert.deepEqual(list.can, { upload: true, edit: true });

    // school2 has no activated direction: no anti-risk programme and no evidence slots
    const other = await checklist(school2, ids.school2Id);
    assert.deepEqual(other.slots.map((s) => s.key), ['concept', 'midterm_programme', 'school_roadmap']);
    // a direction that is not activated has no slot
    const notActivated = await school1.put(programmeUrl('environment'), { cycleId: ids.cycleId, version: null, programme: COMPLETE_PROGRAMME });
    assert.equal(notActivated.statusCode, 404, notActivated.body);

    // readers: the curator of the school, the coordinators of its territory, the observer; not another school or curator
    assert.equal((await checklist(curator1)).can.upload, false);
    for (const reader of [kromy, region57, fed, observer]) assert.equal((await reader.get(`/api/documents/schools/${ids.school1Id}`)).statusCode, 200);
    assert.equal((await school2.get(`/api/documents/schools/${ids.school1Id}`)).statusCode, 404);
    assert.equal((await curator2.get(`/api/documents/schools/${ids.school1Id}`)).statusCode, 404);
    assert.equal((await kromy.get(`/api/documents/schools/${ids.livnySchoolId}`)).statusCode, 404);
  });

  test('the full workflow: upload, submit, return with a comment, new version, resubmit, confirm; history and overview follow', async () => {
    const before = await overview(kromy);
    assert.equal(before.share.schools, 4);
    assert.equal(before.share.byKind.concept!.complete, 0);

    const up = await uploadTo(school1, ids.school1Id, 'concept', 'Концепция развития.pdf', PDF);
    assert.equal(up.statusCode, 201, up.body);
    let doc = (up.json() as { document: DocumentView }).document;
    assert.equal(doc.status, 'draft');
    assert.deepEqual(doc.files.map((f) => [f.number, f.name, f.mime]), [[1, 'Концепция развития.pdf', 'application/pdf']]);
    assert.deepEqual(doc.can.actions, ['submit']);

    const submitted = await act(school1, doc, 'submit');
    assert.equal(submitted.statusCode, 200, submitted.body);
    doc = (submitted.json() as { document: DocumentView }).document;
    assert.equal(doc.status, 'submitted');

    // the curator sees the buttons of the curator; the school sees «withdraw»
    const seenByCurator = await docOf(doc.id, curator1);
    assert.deepEqual(seenByCurator.can, { upload: false, edit: false, actions: ['confirm', 'return'] });
    assert.deepEqual((await docOf(doc.id, school1)).can.actions, ['withdraw']);
    assert.deepEqual((await docOf(doc.id, kromy)).can.actions, []);

    // a return needs a comment
    const bare = await act(curator1, doc, 'return', '   ');
    assert.equal(bare.statusCode, 400, bare.body);
    assert.match(bare.body, /Укажите в комментарии, что нужно доработать/);
    assert.match(bare.body, /"path":"comment"/);
    assert.equal((await docOf(doc.id)).status, 'submitted');

    // wrong accounts: another curator does not see it, the school and the coordinator may not decide
    assert.equal((await act(curator2, doc, 'confirm')).statusCode, 404);
    const bySchool = await act(school1, doc, 'confirm');
    assert.equal(bySchool.statusCode, 403);
    assert.match(bySchool.body, /куратор/);
    assert.equal((await act(kromy, doc, 'confirm')).statusCode, 403);
    assert.equal((await act(fed, doc, 'return', 'нет')).statusCode, 403);
    assert.equal((await act(school2, doc, 'withdraw')).statusCode, 404);
    assert.equal((await docOf(doc.id)).version, doc.version, 'refusals changed nothing');

    const returned = await act(curator1, doc, 'return', 'Добавьте раздел о работе с родителями');
    assert.equal(returned.statusCode, 200, returned.body);
    doc = (returned.json() as { document: DocumentView }).document;
    assert.equal(doc.status, 'returned');
    assert.equal(doc.reviewComment, 'Добавьте раздел о работе с родителями');

    const v2 = await uploadTo(school1, ids.school1Id, 'concept', 'Концепция развития (исправленная).pdf', Buffer.from('%PDF-1.4\n% v2\n%%EOF\n'));
    assert.equal(v2.statusCode, 201, v2.body);
    doc = (v2.json() as { document: DocumentView }).document;
    assert.deepEqual(doc.files.map((f) => f.number), [2, 1]);
    assert.equal(doc.status, 'returned');

    const resubmitted = await act(school1, doc, 'submit', 'Раздел добавлен');
    assert.equal(resubmitted.statusCode, 200, resubmitted.body);
    doc = (resubmitted.json() as { document: DocumentView }).document;
    // the school cannot upload while the curator reviews
    const locked = await uploadTo(school1, ids.school1Id, 'concept', 'ещё.pdf', PDF);
    assert.equal(locked.statusCode, 400, locked.body);
    assert.match(locked.body, /на проверке/);

    const confirmed = await act(curator1, doc, 'confirm');
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    doc = (confirmed.json() as { document: DocumentView }).document;
    assert.equal(doc.status, 'confirmed');

    // history: every transition with who, when and the comment, newest first
    const history = (await docOf(doc.id, kromy)).events;
    assert.deepEqual(
      history.map((e) => [e.action, e.from, e.to, e.comment]),
      [
        ['confirm', 'submitted', 'confirmed', ''],
        ['submit', 'returned', 'submitted', 'Раздел добавлен'],
        ['return', 'submitted', 'returned', 'Добавьте раздел о работе с родителями'],
        ['submit', 'draft', 'submitted', ''],
      ],
    );
    assert.match(history[0]!.actor ?? '', /\S/);
    assert.match(history[3]!.actor ?? '', /МБОУ/);
    assert.ok(history.every((e) => !Number.isNaN(Date.parse(e.at))));
    assert.notEqual(history[0]!.actor, history[3]!.actor);

    // the audit log has the transitions too
    const logged = await t.database.db.execute(
      sql`select action, summary from audit_log where entity_type = 'school_document' and entity_id = ${String(doc.id)} order by id`,
    );
    assert.deepEqual(
      (logged as unknown as { rows: { action: string }[] }).rows.map((r) => r.action),
      ['submit', 'reject', 'submit', 'approve'],
    );

    const list = await checklist(kromy);
    assert.equal(list.slots.find((s) => s.key === 'concept')!.state, 'confirmed');
    assert.equal(list.progress.confirmed, 1);

    const afterOverview = await overview(kromy);
    assert.equal(afterOverview.share.byKind.concept!.complete, 1);
    assert.equal(afterOverview.share.byKind.concept!.share, 0.25);
    const row = afterOverview.schools.find((s) => s.schoolId === ids.school1Id)!;
    assert.equal(row.progress.byKind.concept!.confirmed, 1);
    assert.match(row.curator ?? '', /\S/);

    // files of the document: readable by whoever reads the school's documents
    const fileId = doc.files[1]!.fileId;
    for (const reader of [school1, curator1, kromy, region57, observer]) {
      const res = await reader.get(`/api/files/${fileId}`);
      assert.equal(res.statusCode, 200, `${reader.login}: ${res.statusCode}`);
      assert.deepEqual(res.rawPayload, PDF);
    }
    assert.equal((await school2.get(`/api/files/${fileId}`)).statusCode, 404);
    assert.equal((await curator2.get(`/api/files/${fileId}`)).statusCode, 404);
    assert.equal((await school2.get(`/api/documents/${doc.id}`)).statusCode, 404);
  });

  test('refused transitions are 400 with the reason and change nothing; a stale version is 409', async () => {
    const list = await checklist();
    let doc = list.slots.find((s) => s.key === 'concept')!.document!;
    assert.equal(doc.status, 'confirmed');
    const refused: [Client, string, string | undefined, RegExp][] = [
      [school1, 'submit', undefined, /недоступно/],
      [school1, 'withdraw', undefined, /недоступно/],
      [curator1, 'confirm', undefined, /недоступно/],
      [curator1, 'return', 'поздно', /недоступно/],
      [curator1, 'reopen', '', /Укажите в комментарии/],
    ];
    for (const [client, action, comment, reason] of refused) {
      const res = await act(client, doc, action, comment);
      assert.equal(res.statusCode, 400, `${action}: ${res.body}`);
      assert.match((res.json() as { error: { message: string } }).error.message, reason);
    }
    const unknown = await act(curator1, doc, 'approve');
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /"path":"action"/);
    const same = await docOf(doc.id);
    assert.deepEqual([same.status, same.version, same.events.length], [doc.status, doc.version, doc.events.length]);

    const stale = await act(curator1, { id: doc.id, version: doc.version - 1 }, 'reopen', 'Нет подписи директора');
    assert.equal(stale.statusCode, 409, stale.body);
    assert.match(stale.body, /Обновите страницу/);

    const reopened = await act(curator1, doc, 'reopen', 'Нет подписи директора');
    assert.equal(reopened.statusCode, 200, reopened.body);
    doc = (reopened.json() as { document: DocumentView }).document;
    assert.equal(doc.status, 'returned');
    assert.equal((await act(school1, doc, 'withdraw')).statusCode, 400);

    // a draft without a file cannot be submitted
    const empty = await school1.put(programmeUrl('academic_failure'), { cycleId: ids.cycleId, version: null, programme: { goal: '', tasks: [], measures: [], indicators: [] } });
    assert.equal(empty.statusCode, 200, empty.body);
    const draft = (empty.json() as { document: DocumentView }).document;
    const noContent = await act(school1, draft, 'submit');
    assert.equal(noContent.statusCode, 400, noContent.body);
    assert.match(noContent.body, /"path":"programme\.goal"/);
    assert.match(noContent.body, /"path":"programme\.tasks"/);
    assert.equal((await docOf(draft.id)).status, 'draft');
  });

  test('the anti-risk programme: saved as data with exact field errors; two clients with the same version — the second gets 409', async () => {
    const url = programmeUrl('low_motivation');
    const bad = await school1.put(url, {
      cycleId: ids.cycleId,
      version: null,
      programme: { ...COMPLETE_PROGRAMME, indicators: [{ ...COMPLETE_PROGRAMME.indicators[0], baseline: 'много' }] },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.body, /"path":"programme\.indicators\.0\.baseline"/);

    const draft = { goal: 'Повысить мотивацию', tasks: [], measures: [], indicators: [] };
    const first = await school1.put(url, { cycleId: ids.cycleId, version: null, programme: draft });
    assert.equal(first.statusCode, 200, first.body);
    let doc = (first.json() as { document: DocumentView }).document;
    assert.equal(doc.version, 1);
    assert.equal(doc.kind, 'antirisk_programme');
    assert.deepEqual(doc.can, { upload: true, edit: true, actions: ['submit'] });

    // creating it again from an empty form is a conflict too
    const again = await school1b.put(url, { cycleId: ids.cycleId, version: null, programme: draft });
    assert.equal(again.statusCode, 409, again.body);

    // submit checks completeness (fields with exact paths)
    const incomplete = await act(school1, doc, 'submit');
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /"path":"programme\.measures"/);

    // two windows save the same version: the first wins, the second is told who saved
    const a = await school1.put(url, { cycleId: ids.cycleId, version: doc.version, programme: COMPLETE_PROGRAMME });
    const b = await school1b.put(url, { cycleId: ids.cycleId, version: doc.version, programme: { ...draft, goal: 'Чужая цель' } });
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(b.statusCode, 409, b.body);
    assert.match((b.json() as { error: { message: string } }).error.message, /Программу уже сохранил\(а\) МБОУ.*Обновите страницу/);
    doc = await docOf(doc.id);
    assert.equal(doc.programme!.goal, COMPLETE_PROGRAMME.goal);
    assert.equal(doc.version, 2);

    // at the same moment: exactly one of them succeeds
    const racing = await Promise.all([
      school1.put(url, { cycleId: ids.cycleId, version: 2, programme: { ...COMPLETE_PROGRAMME, tasks: ['A'] } }),
      school1b.put(url, { cycleId: ids.cycleId, version: 2, programme: { ...COMPLETE_PROGRAMME, tasks: ['B'] } }),
    ]);
    assert.deepEqual(racing.map((r) => r.statusCode).sort(), [200, 409]);
    const winner = racing.find((r) => r.statusCode === 200)!;
    doc = await docOf(doc.id);
    assert.deepEqual(doc.programme!.tasks, (winner.json() as { document: DocumentView }).document.programme!.tasks);
    assert.equal(doc.version, 3);

    // only the school edits; only anti-risk programmes are data
    assert.equal((await curator1.put(url, { cycleId: ids.cycleId, version: 3, programme: COMPLETE_PROGRAMME })).statusCode, 403);
    assert.equal((await school2.put(url, { cycleId: ids.cycleId, version: 3, programme: COMPLETE_PROGRAMME })).statusCode, 404);
    const concept = await school1.put(`/api/documents/schools/${ids.school1Id}/slots/concept/programme`, { cycleId: ids.cycleId, version: null, programme: COMPLETE_PROGRAMME });
    assert.equal(concept.statusCode, 400, concept.body);

    const submitted = await act(school1, doc, 'submit');
    assert.equal(submitted.statusCode, 200, submitted.body);
    doc = (submitted.json() as { document: DocumentView }).document;
    assert.equal(doc.status, 'submitted');
    // no edits while the curator reviews
    const locked = await school1.put(url, { cycleId: ids.cycleId, version: doc.version, programme: draft });
    assert.equal(locked.statusCode, 400, locked.body);
    assert.equal((await docOf(doc.id)).programme!.goal, COMPLETE_PROGRAMME.goal);
  });

  test('deadlines: defaults from the year, set by the federal level; a past due date makes a slot overdue', async () => {
    const res = await school1.get(`/api/documents/deadlines?cycleId=${ids.cycleId}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual((res.json() as { deadlines: Record<string, string> }).deadlines, {
      concept: '2026-03-31',
      midterm_programme: '2026-03-31',
      school_roadmap: '2026-04-30',
      antirisk_programme: '2026-04-30',
    });
    assert.equal((await region57.put('/api/documents/deadlines', { cycleId: ids.cycleId, deadlines: { concept: '2026-02-15' } })).statusCode, 403);
    const bad = await fed.put('/api/documents/deadlines', { cycleId: ids.cycleId, deadlines: { midterm_programme: '2026-02-30', evidence: '2026-05-01' } });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.body, /"path":"deadlines\.midterm_programme"/);

    const set = await fed.put('/api/documents/deadlines', { cycleId: ids.cycleId, deadlines: { midterm_programme: '2026-02-15' } });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal((set.json() as { deadlines: Record<string, string> }).deadlines.midterm_programme, '2026-02-15');

    // today is 1 March: the medium-term programme is overdue, the confirmed concept is not
    const list = await checklist(kromy);
    assert.equal(list.slots.find((s) => s.key === 'midterm_programme')!.state, 'overdue');
    assert.equal(list.slots.find((s) => s.key === 'concept')!.state, 'returned');
    const view = await overview(kromy);
    assert.ok(view.schools.every((s) => s.overdue >= 1));
    assert.equal(view.share.onTrack, 0);
  });

  test('the overview covers the actor’s territory only', async () => {
    const mine = await overview(school1);
    assert.deepEqual(mine.schools.map((s) => s.schoolId), [ids.school1Id]);
    const curated = await overview(curator1);
    assert.deepEqual(curated.schools.map((s) => s.schoolId), [ids.school1Id]);
    const region = await overview(region57, `?municipalityId=${ids.livnyId}`);
    assert.equal(region.schools.length, 4);
    assert.ok(region.schools.every((s) => s.municipality === 'Ливенский район'));
    assert.equal((await kromy.get(`/api/documents/overview?municipalityId=${ids.livnyId}`)).statusCode, 404);
    assert.equal((await overview(fed)).share.schools, 12);
  });
});
