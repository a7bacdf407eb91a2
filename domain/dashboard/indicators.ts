// Territory dashboard indicators, computed from live per-school facts and roadmap stage results — never typed in.
// Pure: plain rows in, plain indicators out; grouping by child territory for the drill-down.
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, type DocumentKind } from '../documents/checklist.js';

/** Where a school's documents of one kind stand: every slot confirmed, every slot at least submitted, or not. */
export type DocState = 'confirmed' | 'submitted' | 'missing';

/** What the dashboard knows of one school of the cycle. */
export interface SchoolFacts {
  schoolId: number;
  municipalityId: number;
  regionId: number;
  /** Every questionnaire of the school reached its target. */
  surveysComplete: boolean;
  /** The risk profile is computed and verified by the curator. */
  profileVerified: boolean;
  /** At least one risk direction is activated. */
  directionsActivated: boolean;
  /** The curator has visited the school at least once. */
  visited: boolean;
  /** Per kind the school has slots of. */
  documents: Partial<Record<DocumentKind, DocState>>;
}

/** One roadmap's result at one stage (domain/monitoring stageResult), with the roadmap's owner territory. */
export interface RoadmapStageRow {
  roadmapId: number;
  regionId: number | null;
  municipalityId: number | null;
  schoolId: number | null;
  stageId: number;
  due: number;
  done: number;
  confirmed: number;
}

export interface StageInfo {
  id: number;
  number: number;
  title: string;
  thresholdPercent: number;
}

export interface Indicator {
  code: string;
  /** Russian, e.g. «Доля школ, завершивших анкетирование». */
  title: string;
  /** Percent, one decimal (0–100); null when the denominator is 0. */
  value: number | null;
  numerator: number;
  denominator: number;
  /** Required percent, when the programme sets one. */
  threshold?: number;
  /** value ≥ threshold; null when nothing to measure. */
  met?: boolean | null;
  /** Roadmap indicators: activities marked done (confirmed or not) among those due. */
  done?: number;
  stageId?: number;
}

/** Programme targets for school shares: every school («100% школ …»). */
export const SCHOOL_TARGET_PERCENT = 100;

export const percent = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 1000) / 10 : null);

function shareIndicator(code: string, title: string, schools: readonly SchoolFacts[], test: (s: SchoolFacts) => boolean): Indicator {
  const numerator = schools.filter(test).length;
  const value = percent(numerator, schools.length);
  return { code, title, value, numerator, denominator: schools.length, threshold: SCHOOL_TARGET_PERCENT, met: value === null ? null : value >= SCHOOL_TARGET_PERCENT };
}

const kindsOf = (s: SchoolFacts) => DOCUMENT_KINDS.filter((k) => s.documents[k] !== undefined);

/** Every kind the school has slots of is at least submitted (uploaded and sent to the curator). */
export function documentsUploaded(s: SchoolFacts): boolean {
  const kinds = kindsOf(s);
  return kinds.length > 0 && kinds.every((k) => s.documents[k] === 'submitted' || s.documents[k] === 'confirmed');
}

/** Every kind the school has slots of is confirmed. */
export function documentsConfirmed(s: SchoolFacts): boolean {
  const kinds = kindsOf(s);
  return kinds.length > 0 && kinds.every((k) => s.documents[k] === 'confirmed');
}

/** Roadmap execution at a stage over several roadmaps: confirmed among due (summed), against the stage threshold. */
export function stageIndicator(stage: StageInfo, rows: readonly RoadmapStageRow[]): Indicator {
  const at = rows.filter((r) => r.stageId === stage.id);
  const due = at.reduce((n, r) => n + r.due, 0);
  const confirmed = at.reduce((n, r) => n + r.confirmed, 0);
  const done = at.reduce((n, r) => n + r.done, 0);
  const value = percent(confirmed, due);
  return {
    code: `roadmap_stage_${stage.number}`,
    title: `Мероприятия дорожных карт исполнены и подтверждены: ${stage.title}`,
    value,
    numerator: confirmed,
    denominator: due,
    threshold: stage.thresholdPercent,
    met: value === null ? null : value >= stage.thresholdPercent,
    done,
    stageId: stage.id,
  };
}

export const INDICATOR_TITLES = {
  schools: 'Школ в проекте',
  surveys_complete: 'Доля школ, завершивших анкетирование',
  profile_verified: 'Доля школ с подтверждённым рисковым профилем',
  directions_activated: 'Доля школ с активированными рисковыми направлениями',
  visited: 'Доля школ, посещённых куратором',
  documents_uploaded: 'Доля школ, загрузивших все документы',
  documents_confirmed: 'Доля школ, у которых подтверждены все документы',
} as const;

/** The indicator set of a territory: school shares, then documents per kind, then roadmap execution per stage. */
export function computeIndicators(schools: readonly SchoolFacts[], roadmapRows: readonly RoadmapStageRow[], stages: readonly StageInfo[]): Indicator[] {
  const t = INDICATOR_TITLES;
  const list: Indicator[] = [
    shareIndicator('surveys_complete', t.surveys_complete, schools, (s) => s.surveysComplete),
    shareIndicator('profile_verified', t.profile_verified, schools, (s) => s.profileVerified),
    shareIndicator('directions_activated', t.directions_activated, schools, (s) => s.directionsActivated),
    shareIndicator('visited', t.visited, schools, (s) => s.visited),
    shareIndicator('documents_uploaded', t.documents_uploaded, schools, documentsUploaded),
    shareIndicator('documents_confirmed', t.documents_confirmed, schools, documentsConfirmed),
  ];
  for (const kind of DOCUMENT_KINDS) {
    const having = schools.filter((s) => s.documents[kind] !== undefined);
    const ind = shareIndicator(`document_${kind}`, `Подтверждено: ${DOCUMENT_KIND_LABELS[kind]}`, having, (s) => s.documents[kind] === 'confirmed');
    list.push(ind);
  }
  for (const stage of [...stages].sort((a, b) => a.number - b.number)) list.push(stageIndicator(stage, roadmapRows));
  return list;
}

export type ChildLevel = 'region' | 'municipality' | 'school';

/** Which child of a territory a school / roadmap belongs to (null: to none — e.g. the region's own roadmap). */
export function childKey(level: ChildLevel, row: { regionId: number | null; municipalityId: number | null; schoolId?: number | null }): number | null {
  switch (level) {
    case 'region':
      return row.regionId;
    case 'municipality':
      return row.municipalityId;
    case 'school':
      return row.schoolId ?? null;
  }
}

export interface ChildIndicators {
  id: number;
  schools: number;
  indicators: Indicator[];
}

/**
 * Indicators per child territory (regions of the country, municipalities of a region, schools of a municipality).
 * Children are the ids given (in that order) — a child without schools gets empty indicators.
 */
export function groupByChild(
  level: ChildLevel,
  childIds: readonly number[],
  schools: readonly SchoolFacts[],
  roadmapRows: readonly RoadmapStageRow[],
  stages: readonly StageInfo[],
): ChildIndicators[] {
  const bySchool = new Map<number, SchoolFacts[]>();
  for (const s of schools) {
    const key = childKey(level, s);
    if (key === null) continue;
    const list = bySchool.get(key);
    if (list) list.push(s);
    else bySchool.set(key, [s]);
  }
  const byRoadmap = new Map<number, RoadmapStageRow[]>();
  for (const r of roadmapRows) {
    const key = childKey(level, r);
    if (key === null) continue;
    const list = byRoadmap.get(key);
    if (list) list.push(r);
    else byRoadmap.set(key, [r]);
  }
  return childIds.map((id) => {
    const own = bySchool.get(id) ?? [];
    return { id, schools: own.length, indicators: computeIndicators(own, byRoadmap.get(id) ?? [], stages) };
  });
}

/** The stage people report against: the first one not yet measured on `today`, else the last. */
export function reportingStage<T extends { measuredOn: string }>(stages: readonly T[], today: string): T | undefined {
  return stages.find((s) => s.measuredOn >= today) ?? stages[stages.length - 1];
}

/** Collapse a school's per-slot states into one state per kind. */
export function kindStates(slots: readonly { kind: DocumentKind; state: string }[]): Partial<Record<DocumentKind, DocState>> {
  const out: Partial<Record<DocumentKind, DocState>> = {};
  for (const kind of DOCUMENT_KINDS) {
    const of = slots.filter((s) => s.kind === kind);
    if (!of.length) continue;
    if (of.every((s) => s.state === 'confirmed')) out[kind] = 'confirmed';
    else if (of.every((s) => s.state === 'confirmed' || s.state === 'submitted')) out[kind] = 'submitted';
    else out[kind] = 'missing';
  }
  return out;
}
