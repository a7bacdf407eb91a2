import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildChecklist, defaultDeadlines, schoolProgress, slotState, territoryShare, type ChecklistSlot, type SlotDocument } from './checklist.js';

const stages = [
  { id: 12, number: 2, title: 'Второй этап мониторинга (сентябрь)', measuredOn: '2025-09-30' },
  { id: 11, number: 1, title: 'Первый этап мониторинга (июнь)', measuredOn: '2025-06-30' },
];

test('default deadlines are a function of the year', () => {
  assert.deepEqual(defaultDeadlines(2025), {
    concept: '2025-03-31',
    midterm_programme: '2025-03-31',
    school_roadmap: '2025-04-30',
    antirisk_programme: '2025-04-30',
  });
  assert.equal(defaultDeadlines(2026).concept, '2026-03-31');
});

test('checklist: school documents, an anti-risk programme per direction, evidence per stage × direction', () => {
  const slots = buildChecklist({ directions: ['low_motivation', 'staff_shortage', 'low_motivation'], stages, year: 2025 });
  assert.deepEqual(
    slots.map((s) => [s.key, s.dueDate]),
    [
      ['concept', '2025-03-31'],
      ['midterm_programme', '2025-03-31'],
      ['school_roadmap', '2025-04-30'],
      ['antirisk_programme:staff_shortage', '2025-04-30'],
      ['antirisk_programme:low_motivation', '2025-04-30'],
      ['evidence:1:staff_shortage', '2025-06-30'],
      ['evidence:1:low_motivation', '2025-06-30'],
      ['evidence:2:staff_shortage', '2025-09-30'],
      ['evidence:2:low_motivation', '2025-09-30'],
    ],
  );
  const ev = slots.find((s) => s.key === 'evidence:2:low_motivation')!;
  assert.equal(ev.kind, 'evidence');
  assert.equal(ev.stageId, 12);
  assert.equal(ev.stageNumber, 2);
  assert.equal(ev.factorCode, 'low_motivation');
  assert.equal(ev.title, 'Подтверждающие документы (Второй этап мониторинга (сентябрь)): Низкая учебная мотивация обучающихся');
  assert.equal(slots[3]!.title, 'Антирисковая программа: Дефицит педагогических кадров');
  assert.equal(slots[0]!.title, 'Концепция развития школы');
});

test('checklist: deadlines override the defaults; no directions → only school documents', () => {
  const slots = buildChecklist({ directions: [], stages, year: 2025, deadlines: { concept: '2025-02-15' } });
  assert.deepEqual(
    slots.map((s) => [s.kind, s.dueDate]),
    [
      ['concept', '2025-02-15'],
      ['midterm_programme', '2025-03-31'],
      ['school_roadmap', '2025-04-30'],
    ],
  );
});

test('slot state: missing, document status, overdue after the due date unless confirmed', () => {
  const slot = { dueDate: '2025-03-31' };
  const cases: [Parameters<typeof slotState>[1], string, string][] = [
    [null, '2025-03-01', 'missing'],
    [null, '2025-03-31', 'missing'],
    [null, '2025-04-01', 'overdue'],
    [{ status: 'draft' }, '2025-03-31', 'draft'],
    [{ status: 'draft' }, '2025-04-01', 'overdue'],
    [{ status: 'submitted' }, '2025-03-01', 'submitted'],
    [{ status: 'submitted' }, '2025-04-01', 'overdue'],
    [{ status: 'returned' }, '2025-03-01', 'returned'],
    [{ status: 'returned' }, '2025-05-01', 'overdue'],
    [{ status: 'confirmed' }, '2025-03-01', 'confirmed'],
    [{ status: 'confirmed' }, '2026-01-01', 'confirmed'],
  ];
  for (const [doc, today, state] of cases) assert.equal(slotState(slot, doc, today), state, `${JSON.stringify(doc)} ${today}`);
});

const slots: ChecklistSlot[] = buildChecklist({ directions: ['low_motivation'], stages: stages.slice(1), year: 2025 });
// concept, midterm_programme, school_roadmap, antirisk_programme:low_motivation, evidence:1:low_motivation

test('school progress: counts per state and kind, share confirmed', () => {
  const docs: SlotDocument[] = [
    { slotKey: 'concept', status: 'confirmed' },
    { slotKey: 'midterm_programme', status: 'submitted' },
    { slotKey: 'antirisk_programme:low_motivation', status: 'returned' },
    { slotKey: 'evidence:9:other', status: 'confirmed' }, // no such slot: ignored
  ];
  const p = schoolProgress(slots, docs, '2025-04-15');
  assert.equal(p.total, 5);
  assert.deepEqual(p.states, { missing: 2, draft: 0, submitted: 0, confirmed: 1, returned: 1, overdue: 1 });
  assert.equal(p.confirmed, 1);
  assert.equal(p.share, 0.2);
  assert.equal(p.complete, false);
  assert.equal(p.onTrack, false);
  assert.deepEqual(p.byKind.concept, { total: 1, confirmed: 1 });
  assert.deepEqual(p.byKind.evidence, { total: 1, confirmed: 0 });
  const early = schoolProgress(slots, docs, '2025-03-01');
  assert.equal(early.onTrack, true);
  assert.equal(early.states.submitted, 1);
  assert.equal(schoolProgress([], [], '2025-01-01').share, null);
});

test('territory share: schools with every slot confirmed, overall and per kind', () => {
  const all = (status: SlotDocument['status']) => slots.map((s) => ({ slotKey: s.key, status }));
  const noDirections = buildChecklist({ directions: [], stages, year: 2025 });
  const rows = [
    { schoolId: 1, progress: schoolProgress(slots, all('confirmed'), '2025-12-01') },
    { schoolId: 2, progress: schoolProgress(slots, all('submitted'), '2025-03-01') },
    { schoolId: 3, progress: schoolProgress(noDirections, noDirections.map((s) => ({ slotKey: s.key, status: 'confirmed' as const })), '2025-12-01') },
    { schoolId: 4, progress: schoolProgress(slots, [{ slotKey: 'concept', status: 'confirmed' }], '2025-12-01') },
  ];
  const t = territoryShare(rows);
  assert.equal(t.schools, 4);
  assert.equal(t.complete, 2);
  assert.equal(t.share, 0.5);
  assert.equal(t.onTrack, 3);
  assert.equal(t.onTrackShare, 0.75);
  assert.deepEqual(t.byKind.concept, { schools: 4, complete: 3, share: 0.75 });
  assert.deepEqual(t.byKind.antirisk_programme, { schools: 3, complete: 1, share: 0.333 });
  assert.equal(territoryShare([]).share, null);
  assert.equal(territoryShare([]).byKind.evidence.share, null);
});
