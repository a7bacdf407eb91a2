// A school's checklist of documents for a cycle, the state shown per slot, school progress and territory shares.
import { FACTOR_CODES, FACTOR_NAMES, type FactorCode } from '../surveys/factors.js';
import type { DocumentStatus } from './workflow.js';

export const DOCUMENT_KINDS = ['concept', 'midterm_programme', 'school_roadmap', 'antirisk_programme', 'evidence'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  concept: 'Концепция развития школы',
  midterm_programme: 'Среднесрочная программа развития школы',
  school_roadmap: 'Дорожная карта школы',
  antirisk_programme: 'Антирисковая программа',
  evidence: 'Подтверждающие документы',
};

/** Due dates ('YYYY-MM-DD') of the one-per-cycle documents; evidence is due on its monitoring stage's date. */
export interface Deadlines {
  concept: string;
  midterm_programme: string;
  school_roadmap: string;
  antirisk_programme: string;
}

/**
 * Default month-days: concept and medium-term programme by 31 March, anti-risk programmes by 30 April. The school
 * roadmap by 30 April together with the anti-risk programmes is an assumption to confirm per cycle.
 */
export const DEFAULT_DEADLINES: Readonly<Record<keyof Deadlines, string>> = {
  concept: '03-31',
  midterm_programme: '03-31',
  school_roadmap: '04-30',
  antirisk_programme: '04-30',
};

export function defaultDeadlines(year: number): Deadlines {
  const d = DEFAULT_DEADLINES;
  return {
    concept: `${year}-${d.concept}`,
    midterm_programme: `${year}-${d.midterm_programme}`,
    school_roadmap: `${year}-${d.school_roadmap}`,
    antirisk_programme: `${year}-${d.antirisk_programme}`,
  };
}

export interface ChecklistStage {
  id: number;
  number: number;
  title: string;
  /** 'YYYY-MM-DD' */
  measuredOn: string;
}

export interface ChecklistSlot {
  /** Stable: 'concept', 'antirisk_programme:low_motivation', 'evidence:2:low_motivation' (stage number). */
  key: string;
  kind: DocumentKind;
  /** Russian. */
  title: string;
  factorCode?: FactorCode;
  stageId?: number;
  stageNumber?: number;
  /** 'YYYY-MM-DD', inclusive. */
  dueDate: string;
}

export interface ChecklistInput {
  /** Activated risk directions of the school in this cycle. */
  directions: readonly FactorCode[];
  stages: readonly ChecklistStage[];
  deadlines?: Partial<Deadlines>;
  year: number;
}

export function slotKey(kind: DocumentKind, factorCode?: FactorCode, stageNumber?: number): string {
  if (kind === 'evidence') return `evidence:${stageNumber}:${factorCode}`;
  if (kind === 'antirisk_programme') return `antirisk_programme:${factorCode}`;
  return kind;
}

/**
 * The slots in display order: three school-wide documents, one anti-risk programme per direction, then evidence per
 * stage (by number) × direction. Directions are deduplicated and taken in the programme's factor order.
 */
export function buildChecklist(input: ChecklistInput): ChecklistSlot[] {
  const deadlines = { ...defaultDeadlines(input.year), ...input.deadlines };
  const chosen = new Set(input.directions);
  const directions = FACTOR_CODES.filter((c) => chosen.has(c));
  const slots: ChecklistSlot[] = [];
  for (const kind of ['concept', 'midterm_programme', 'school_roadmap'] as const) {
    slots.push({ key: slotKey(kind), kind, title: DOCUMENT_KIND_LABELS[kind], dueDate: deadlines[kind] });
  }
  for (const code of directions) {
    slots.push({
      key: slotKey('antirisk_programme', code),
      kind: 'antirisk_programme',
      title: `Антирисковая программа: ${FACTOR_NAMES[code]}`,
      factorCode: code,
      dueDate: deadlines.antirisk_programme,
    });
  }
  const stages = [...input.stages].sort((a, b) => a.number - b.number);
  for (const stage of stages) {
    for (const code of directions) {
      slots.push({
        key: slotKey('evidence', code, stage.number),
        kind: 'evidence',
        title: `Подтверждающие документы (${stage.title}): ${FACTOR_NAMES[code]}`,
        factorCode: code,
        stageId: stage.id,
        stageNumber: stage.number,
        dueDate: stage.measuredOn,
      });
    }
  }
  return slots;
}

/** What a person sees on a slot: the document status, «не загружен», or «просрочен» (not confirmed after the due date). */
export type SlotState = DocumentStatus | 'missing' | 'overdue';

export const SLOT_STATE_LABELS: Record<SlotState, string> = {
  missing: 'не загружен',
  draft: 'черновик',
  submitted: 'на проверке',
  confirmed: 'подтверждён',
  returned: 'возвращён на доработку',
  overdue: 'просрочен',
};

/** Computed from the date, never stored. The due date itself is still on time. */
export function slotState(slot: Pick<ChecklistSlot, 'dueDate'>, doc: { status: DocumentStatus } | null, today: string): SlotState {
  if (doc?.status === 'confirmed') return 'confirmed';
  if (today > slot.dueDate) return 'overdue';
  return doc ? doc.status : 'missing';
}

/** A school's document in a slot. */
export interface SlotDocument {
  slotKey: string;
  status: DocumentStatus;
}

export interface KindProgress {
  total: number;
  confirmed: number;
}

export interface SchoolProgress {
  total: number;
  /** Count per shown state. */
  states: Record<SlotState, number>;
  confirmed: number;
  /** confirmed / total (0–1, three decimals); null for an empty checklist. */
  share: number | null;
  /** Every slot confirmed. */
  complete: boolean;
  /** Nothing overdue today. */
  onTrack: boolean;
  byKind: Record<DocumentKind, KindProgress>;
}

const share = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

const zeroStates = (): Record<SlotState, number> => ({ missing: 0, draft: 0, submitted: 0, confirmed: 0, returned: 0, overdue: 0 });

/** Progress of one school. Documents not matching any slot are ignored. */
export function schoolProgress(slots: readonly ChecklistSlot[], docs: readonly SlotDocument[], today: string): SchoolProgress {
  const byKey = new Map(docs.map((d) => [d.slotKey, d]));
  const states = zeroStates();
  const byKind = Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, { total: 0, confirmed: 0 }])) as Record<DocumentKind, KindProgress>;
  for (const slot of slots) {
    const state = slotState(slot, byKey.get(slot.key) ?? null, today);
    states[state] += 1;
    byKind[slot.kind].total += 1;
    if (state === 'confirmed') byKind[slot.kind].confirmed += 1;
  }
  return {
    total: slots.length,
    states,
    confirmed: states.confirmed,
    share: share(states.confirmed, slots.length),
    complete: states.confirmed === slots.length,
    onTrack: states.overdue === 0,
    byKind,
  };
}

export interface TerritoryRow<Id = string | number> {
  schoolId: Id;
  progress: SchoolProgress;
}

export interface KindShare {
  /** Schools having slots of this kind. */
  schools: number;
  /** Of them, with every slot of this kind confirmed. */
  complete: number;
  share: number | null;
}

export interface TerritoryShare {
  schools: number;
  /** Schools with every slot confirmed. */
  complete: number;
  share: number | null;
  /** Schools with nothing overdue. */
  onTrack: number;
  onTrackShare: number | null;
  byKind: Record<DocumentKind, KindShare>;
}

/** Territory view for coordinators: the share of schools with every document confirmed, overall and per kind. */
export function territoryShare(rows: readonly TerritoryRow[]): TerritoryShare {
  const complete = rows.filter((r) => r.progress.complete).length;
  const onTrack = rows.filter((r) => r.progress.onTrack).length;
  const byKind = {} as Record<DocumentKind, KindShare>;
  for (const kind of DOCUMENT_KINDS) {
    const having = rows.filter((r) => r.progress.byKind[kind].total > 0);
    const done = having.filter((r) => r.progress.byKind[kind].confirmed === r.progress.byKind[kind].total).length;
    byKind[kind] = { schools: having.length, complete: done, share: share(done, having.length) };
  }
  return { schools: rows.length, complete, share: share(complete, rows.length), onTrack, onTrackShare: share(onTrack, rows.length), byKind };
}
