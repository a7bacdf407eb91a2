// Positive-change monitoring API for the UI (docs/reports-api.md, «Positive-change monitoring»).
import { api } from '../../shared/api';
import type { Dynamics, ImportResult } from '../../../server/modules/results/service';

export type { Dynamics, ImportResult, SchoolDynamicsRow } from '../../../server/modules/results/service';
export { METRIC_LABELS } from '../../../domain/dashboard/dynamics';

export const IMPORT_ROLES = ['admin', 'federal_coordinator', 'regional_coordinator'];

export function importResults(file: File, mode: 'all' | 'valid-only'): Promise<ImportResult> {
  const form = new FormData();
  form.append('mode', mode);
  form.append('file', file, file.name);
  return api.post<ImportResult>('/api/results/import', form);
}

export function fetchDynamics(qs: string): Promise<Dynamics> {
  return api.get<Dynamics>(`/api/results/dynamics${qs ? `?${qs}` : ''}`);
}
