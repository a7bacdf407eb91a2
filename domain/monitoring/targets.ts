// Stage targets: federal defaults (dates and thresholds of the cycle's stages), a region's own values for its territory.

export interface FederalStage {
  id: number;
  number: number;
  title: string;
  measuredOn: string;
  thresholdPercent: number;
}

export interface RegionTarget {
  stageId: number;
  regionId: number;
  measuredOn: string;
  thresholdPercent: number;
}

export interface EffectiveStage extends FederalStage {
  /** 'federal' = the national default; 'region' = set by the region for its territory. */
  source: 'federal' | 'region';
  federal: { measuredOn: string; thresholdPercent: number };
}

/** The stages a territory is measured against: its region's targets where set, else the federal ones (municipalities and schools inherit). */
export function effectiveStages(stages: FederalStage[], targets: RegionTarget[], regionId: number | null): EffectiveStage[] {
  const own = new Map(regionId === null ? [] : targets.filter((t) => t.regionId === regionId).map((t) => [t.stageId, t]));
  return stages.map((s) => {
    const t = own.get(s.id);
    const federal = { measuredOn: s.measuredOn, thresholdPercent: s.thresholdPercent };
    return t ? { ...s, measuredOn: t.measuredOn, thresholdPercent: t.thresholdPercent, source: 'region', federal } : { ...s, source: 'federal', federal };
  });
}

/** Problems of a region's targets: dates must keep the stages' order. Returns [index, message] pairs. */
export function targetIssues(stages: { number: number; measuredOn: string }[]): [number, string][] {
  const issues: [number, string][] = [];
  const ordered = stages.map((s, k) => ({ s, k })).sort((a, b) => a.s.number - b.s.number);
  for (let j = 1; j < ordered.length; j++) {
    const prev = ordered[j - 1]!;
    const cur = ordered[j]!;
    if (cur.s.measuredOn <= prev.s.measuredOn) issues.push([cur.k, `Дата этапа ${cur.s.number} должна быть позже даты этапа ${prev.s.number}`]);
  }
  return issues;
}
