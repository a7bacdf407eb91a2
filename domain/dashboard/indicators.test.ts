import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  computeIndicators,
  documentsConfirmed,
  documentsUploaded,
  groupByChild,
  kindStates,
  percent,
  reportingStage,
  stageIndicator,
  type Indicator,
  type RoadmapStageRow,
  type SchoolFacts,
  type StageInfo,
} from './indicators.js';

const base = { surveysComplete: false, profileVerified: false, directionsActivated: false, visited: false, documents: {} };
const school = (schoolId: number, municipalityId: number, regionId: number, extra: Partial<SchoolFacts> = {}): SchoolFacts => ({
  schoolId,
  municipalityId,
  regionId,
  ...base,
  ...extra,
});

const STAGES: StageInfo[] = [
  { id: 11, number: 1, title: 'Первый этап', thresholdPercent: 45 },
  { id: 12, number: 2, title: 'Второй этап', thresholdPercent: 75 },
];

// Four schools in two municipalities of region 1 and one school of region 2.
const SCHOOLS: SchoolFacts[] = [
  school(1, 10, 1, { surveysComplete: true, profileVerified: true, directionsActivated: true, visited: true, documents: { concept: 'confirmed', midterm_programme: 'confirmed' } }),
  school(2, 10, 1, { surveysComplete: true, profileVerified: false, directionsActivated: true, visited: false, documents: { concept: 'submitted', midterm_programme: 'confirmed' } }),
  school(3, 20, 1, { surveysComplete: false, visited: true, documents: { concept: 'missing', midterm_programme: 'confirmed' } }),
  school(4, 20, 1, { surveysComplete: true, documents: {} }),
  school(5, 30, 2, { surveysComplete: true, profileVerified: true, directionsActivated: true, visited: true, documents: { concept: 'confirmed' } }),
];

const ROADMAPS: RoadmapStageRow[] = [
  // the region's own roadmap: 10 due at stage 1, 4 confirmed, 6 done
  { roadmapId: 100, regionId: 1, municipalityId: null, schoolId: null, stageId: 11, due: 10, done: 6, confirmed: 4 },
  { roadmapId: 100, regionId: 1, municipalityId: null, schoolId: null, stageId: 12, due: 20, done: 10, confirmed: 10 },
  // municipality 10: 4 due, 4 confirmed at stage 1
  { roadmapId: 101, regionId: 1, municipalityId: 10, schoolId: null, stageId: 11, due: 4, done: 4, confirmed: 4 },
  { roadmapId: 101, regionId: 1, municipalityId: 10, schoolId: null, stageId: 12, due: 8, done: 4, confirmed: 4 },
  // school 3 (municipality 20): nothing due at stage 1
  { roadmapId: 102, regionId: 1, municipalityId: 20, schoolId: 3, stageId: 11, due: 0, done: 0, confirmed: 0 },
  { roadmapId: 102, regionId: 1, municipalityId: 20, schoolId: 3, stageId: 12, due: 2, done: 1, confirmed: 0 },
];

const by = (list: Indicator[]) => Object.fromEntries(list.map((i) => [i.code, i]));

test('percent has one decimal and is null for an empty denominator', () => {
  assert.equal(percent(1, 3), 33.3);
  assert.equal(percent(2, 3), 66.7);
  assert.equal(percent(0, 0), null);
  assert.equal(percent(5, 5), 100);
});

test('share of schools that finished the questionnaires', () => {
  const i = by(computeIndicators(SCHOOLS, [], []));
  assert.deepEqual(
    { ...i.surveys_complete },
    { code: 'surveys_complete', title: 'Доля школ, завершивших анкетирование', value: 80, numerator: 4, denominator: 5, threshold: 100, met: false },
  );
});

test('share of schools with a verified risk profile, activated directions, visited by the curator', () => {
  const i = by(computeIndicators(SCHOOLS, [], []));
  assert.deepEqual([i.profile_verified!.numerator, i.profile_verified!.denominator, i.profile_verified!.value], [2, 5, 40]);
  assert.equal(i.profile_verified!.title, 'Доля школ с подтверждённым рисковым профилем');
  assert.deepEqual([i.directions_activated!.numerator, i.directions_activated!.value], [3, 60]);
  assert.deepEqual([i.visited!.numerator, i.visited!.value, i.visited!.met], [3, 60, false]);
  assert.equal(i.visited!.title, 'Доля школ, посещённых куратором');
});

test('documents: uploaded means every kind at least submitted; confirmed means every kind confirmed', () => {
  assert.equal(documentsUploaded(SCHOOLS[0]!), true);
  assert.equal(documentsUploaded(SCHOOLS[1]!), true);
  assert.equal(documentsUploaded(SCHOOLS[2]!), false);
  assert.equal(documentsUploaded(SCHOOLS[3]!), false, 'a school without slots has uploaded nothing');
  assert.equal(documentsConfirmed(SCHOOLS[0]!), true);
  assert.equal(documentsConfirmed(SCHOOLS[1]!), false);
  const i = by(computeIndicators(SCHOOLS, [], []));
  assert.deepEqual([i.documents_uploaded!.numerator, i.documents_uploaded!.denominator], [3, 5]);
  assert.deepEqual([i.documents_confirmed!.numerator, i.documents_confirmed!.value], [2, 40]);
  // per kind: only schools having slots of the kind count
  assert.deepEqual([i.document_concept!.numerator, i.document_concept!.denominator, i.document_concept!.value], [2, 4, 50]);
  assert.deepEqual([i.document_midterm_programme!.numerator, i.document_midterm_programme!.denominator], [3, 3]);
  assert.equal(i.document_midterm_programme!.met, true);
  assert.deepEqual([i.document_evidence!.denominator, i.document_evidence!.value, i.document_evidence!.met], [0, null, null]);
});

test('kind states collapse slot statuses: all confirmed, all at least submitted, or missing', () => {
  assert.deepEqual(
    kindStates([
      { kind: 'concept', state: 'confirmed' },
      { kind: 'antirisk_programme', state: 'confirmed' },
      { kind: 'antirisk_programme', state: 'submitted' },
      { kind: 'evidence', state: 'submitted' },
      { kind: 'evidence', state: 'returned' },
    ]),
    { concept: 'confirmed', antirisk_programme: 'submitted', evidence: 'missing' },
  );
});

test('roadmap execution per stage: confirmed among due, summed over roadmaps, against the stage threshold', () => {
  const s1 = stageIndicator(STAGES[0]!, ROADMAPS);
  assert.deepEqual([s1.numerator, s1.denominator, s1.done, s1.value, s1.threshold, s1.met], [8, 14, 10, 57.1, 45, true]);
  const s2 = stageIndicator(STAGES[1]!, ROADMAPS);
  assert.deepEqual([s2.numerator, s2.denominator, s2.done, s2.value, s2.met], [14, 30, 15, 46.7, false]);
  assert.equal(s2.code, 'roadmap_stage_2');
  const none = stageIndicator(STAGES[0]!, []);
  assert.deepEqual([none.value, none.met], [null, null]);
});

test('indicators are in a fixed order: schools, documents per kind, stages', () => {
  const codes = computeIndicators(SCHOOLS, ROADMAPS, [...STAGES].reverse()).map((i) => i.code);
  assert.deepEqual(codes, [
    'surveys_complete',
    'profile_verified',
    'directions_activated',
    'visited',
    'documents_uploaded',
    'documents_confirmed',
    'document_concept',
    'document_midterm_programme',
    'document_school_roadmap',
    'document_antirisk_programme',
    'document_evidence',
    'roadmap_stage_1',
    'roadmap_stage_2',
  ]);
});

test('drill-down: regions, municipalities and schools each get the same indicators from their own rows', () => {
  const regions = groupByChild('region', [1, 2, 3], SCHOOLS, ROADMAPS, STAGES);
  assert.deepEqual(regions.map((r) => [r.id, r.schools]), [[1, 4], [2, 1], [3, 0]]);
  const r1 = by(regions[0]!.indicators);
  assert.deepEqual([r1.surveys_complete!.numerator, r1.surveys_complete!.denominator], [3, 4]);
  assert.deepEqual([r1.roadmap_stage_1!.numerator, r1.roadmap_stage_1!.denominator], [8, 14]);
  assert.equal(by(regions[2]!.indicators).surveys_complete!.value, null);

  // the region's own roadmap belongs to no municipality
  const municipalities = groupByChild('municipality', [10, 20], SCHOOLS.filter((s) => s.regionId === 1), ROADMAPS, STAGES);
  const m10 = by(municipalities[0]!.indicators);
  assert.deepEqual([m10.roadmap_stage_1!.numerator, m10.roadmap_stage_1!.denominator, m10.roadmap_stage_1!.value], [4, 4, 100]);
  assert.deepEqual([m10.visited!.numerator, m10.visited!.denominator], [1, 2]);
  const m20 = by(municipalities[1]!.indicators);
  assert.deepEqual([m20.roadmap_stage_1!.value, m20.roadmap_stage_2!.numerator, m20.roadmap_stage_2!.denominator], [null, 0, 2]);

  const schools = groupByChild('school', [3, 4], SCHOOLS.filter((s) => s.municipalityId === 20), ROADMAPS, STAGES);
  assert.deepEqual(schools.map((s) => by(s.indicators).visited!.value), [100, 0]);
  assert.equal(by(schools[0]!.indicators).roadmap_stage_2!.denominator, 2);
});

test('the reporting stage is the first not yet measured, else the last', () => {
  const stages = [{ measuredOn: '2026-06-30' }, { measuredOn: '2026-09-30' }];
  assert.equal(reportingStage(stages, '2026-07-01'), stages[1]);
  assert.equal(reportingStage(stages, '2026-06-30'), stages[0]);
  assert.equal(reportingStage(stages, '2026-12-01'), stages[1]);
  assert.equal(reportingStage([], '2026-12-01'), undefined);
});
