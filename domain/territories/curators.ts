// Who may be the curator (куратор ОО) of a school in a project year. Pure rules over plain data.

export interface CuratorCandidate {
  id: number;
  role: string;
  active: boolean;
  regionId: number | null;
}

export const CURATOR_MISMATCH = 'Выберите активного куратора из региона школы';

/** Null when the candidate may curate a school of this region, else the reason for people. */
export function curatorProblem(candidate: CuratorCandidate | undefined, school: { regionId: number }): string | null {
  if (!candidate || candidate.role !== 'curator' || !candidate.active) return CURATOR_MISMATCH;
  if (candidate.regionId !== school.regionId) return CURATOR_MISMATCH;
  return null;
}
