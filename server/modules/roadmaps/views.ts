// API views of roadmaps; their shapes (RoadmapSummary, Item, Mark) are the answer schemas in schemas.ts.
import type { Actor } from '../../../domain/access/policy.js';
import { shownStatus } from '../../../domain/monitoring/stages.js';
import { canEditRoadmap, isOwner, isReviewer } from '../../../domain/roadmaps/access.js';
import { formatTiming, type Timing } from '../../../domain/roadmaps/index.js';
import type { EvidenceRow, ExecutionRow, ItemRow, SummaryRow } from './queries.js';
import type { EvidenceView, Item, Mark, RoadmapSummary } from './schemas.js';

export type { EvidenceView, Item, Mark, MeasureValue, RoadmapSummary } from './schemas.js';

export const FEDERATION = 'Российская Федерация';

export function territoryName(row: Pick<SummaryRow, 'regionName' | 'municipalityName' | 'schoolName'>): string {
  return row.schoolName ?? row.municipalityName ?? row.regionName ?? FEDERATION;
}

export function summaryView(row: SummaryRow, actor: Actor): RoadmapSummary {
  return {
    id: row.id,
    cycleId: row.cycleId,
    year: row.year,
    level: row.level,
    title: row.title,
    regionId: row.regionId,
    municipalityId: row.municipalityId,
    schoolId: row.schoolId,
    territory: territoryName(row),
    orderAuthority: row.orderAuthority,
    orderNumber: row.orderNumber,
    orderDate: row.orderDate,
    templateId: row.templateId,
    itemCount: row.itemCount,
    flaggedCount: row.flaggedCount,
    version: row.version,
    status: row.status,
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
    can: { edit: canEditRoadmap(actor, row), mark: isOwner(actor, row), confirm: isReviewer(actor, row) },
  };
}

export function evidenceView(row: EvidenceRow): EvidenceView {
  return { id: row.id, fileId: row.fileId, name: row.name, size: row.size, uploadedAt: row.uploadedAt.toISOString() };
}

/** Period or recurrence in the timing: marked per stage. */
export function isPeriodic(timing: unknown): boolean {
  const t = (timing ?? {}) as Partial<Timing>;
  return t.period != null || t.recurrence != null;
}

export function markView(
  item: Pick<ItemRow, 'dueDate' | 'timing'>,
  execution: ExecutionRow | undefined,
  evidence: EvidenceRow[],
  today: string,
): Mark {
  const status = execution?.status ?? 'planned';
  return {
    status,
    shown: shownStatus({ dueDate: item.dueDate, status }, today),
    executedOn: execution?.executedOn ?? null,
    carried: !isPeriodic(item.timing),
    comment: execution?.comment ?? '',
    reviewComment: execution?.reviewComment ?? '',
    updatedAt: execution?.updatedAt.toISOString() ?? null,
    confirmedAt: execution?.confirmedAt?.toISOString() ?? null,
    evidence: evidence.map(evidenceView),
  };
}

/** Canonical text of a stored timing; a damaged value falls back to the text as printed. */
export function formatted(timing: Timing): string {
  try {
    return formatTiming(timing);
  } catch {
    return typeof timing?.text === 'string' ? timing.text : '';
  }
}

/**
 * Views of items with their marks keyed by stage id. A one-off activity's single fact (stage null) and all its
 * evidence are shown at every stage of `stageIds`; periodic activities show each stage's own mark.
 */
export function itemViews(items: ItemRow[], executions: ExecutionRow[], evidence: EvidenceRow[], today: string, stageIds: number[] = []): Item[] {
  const marks = new Map<number, Map<number, { execution?: ExecutionRow; evidence: EvidenceRow[] }>>();
  const slot = (itemId: number, stageId: number) => {
    let byStage = marks.get(itemId);
    if (!byStage) marks.set(itemId, (byStage = new Map()));
    let s = byStage.get(stageId);
    if (!s) byStage.set(stageId, (s = { evidence: [] }));
    return s;
  };
  for (const e of executions) slot(e.itemId, e.stageId ?? 0).execution = e;
  for (const e of evidence) slot(e.itemId, e.stageId).evidence.push(e);
  const facts = new Map(executions.filter((e) => e.stageId === null).map((e) => [e.itemId, e]));
  const filesOf = new Map<number, EvidenceRow[]>();
  for (const e of evidence) filesOf.set(e.itemId, [...(filesOf.get(e.itemId) ?? []), e]);
  return items.map((row) => {
    const timing = row.timing as unknown as Timing;
    const byStage = marks.get(row.id);
    const itemMarks: Record<number, Mark> = {};
    if (!isPeriodic(row.timing)) {
      const fact = facts.get(row.id);
      const files = filesOf.get(row.id) ?? [];
      if (fact || files.length) for (const stageId of stageIds) itemMarks[stageId] = markView(row, fact, files, today);
    } else if (byStage) {
      for (const [stageId, s] of byStage) if (stageId !== 0) itemMarks[stageId] = markView(row, s.execution, s.evidence, today);
    }
    return {
      id: row.id,
      number: row.number,
      title: row.title,
      timingText: row.timingText,
      responsibleText: row.responsibleText,
      indicator: row.indicator,
      infoSupport: row.infoSupport,
      position: row.position,
      parentId: row.parentId,
      timing,
      timingFormatted: formatted(timing),
      startDate: row.startDate,
      dueDate: row.dueDate,
      responsibleParties: row.responsibleParties,
      flags: row.flags,
      templateItemId: row.templateItemId,
      marks: itemMarks,
      measure: row.measure,
    };
  });
}
