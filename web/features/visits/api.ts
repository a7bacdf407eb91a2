// Curator visits API for the UI (docs/documents-api.md, «Curator visits»).
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { VisitFormat } from '../../../domain/documents';
import { api } from '../../shared/api';
import { queryString } from '../territories/api';
import type { OverviewView as VisitsOverview, VisitView } from '../../../server/modules/visits/service';

export { checkVisit, VISIT_FORMAT_LABELS, VISIT_FORMATS } from '../../../domain/documents';
export type { VisitFormat };

export type { OverviewView as VisitsOverview, VisitView } from '../../../server/modules/visits/service';
export type { OverviewRow as VisitsRow } from '../../../server/modules/visits/queries';

export interface VisitInput {
  visitedOn: string;
  format: VisitFormat;
  notes: string;
}

export const VISITS_KEY = ['visits'];

export function useVisitsOverview(filter: { cycleId?: number; municipalityId?: number }) {
  return useQuery({
    queryKey: [...VISITS_KEY, 'overview', filter],
    queryFn: () => api.get<VisitsOverview>(`/api/visits${queryString(filter)}`),
    enabled: filter.cycleId !== undefined,
  });
}

export function useSchoolVisits(schoolId: number | undefined, cycleId: number | undefined) {
  return useQuery({
    queryKey: [...VISITS_KEY, 'school', schoolId ?? null, cycleId ?? null],
    queryFn: () => api.get<{ visits: VisitView[] }>(`/api/visits/schools/${schoolId}${queryString({ cycleId })}`),
    enabled: schoolId !== undefined,
  });
}

export const createVisit = (body: VisitInput & { cycleId: number; schoolId: number }) => api.post<{ visit: VisitView }>('/api/visits', body);
export const updateVisit = (id: number, body: VisitInput) => api.put<{ visit: VisitView }>(`/api/visits/${id}`, body);
export const deleteVisit = (id: number) => api.delete<{ ok: true }>(`/api/visits/${id}`);

export function refreshVisits(client: QueryClient) {
  return Promise.all([client.invalidateQueries({ queryKey: VISITS_KEY }), client.invalidateQueries({ queryKey: ['cabinet'] })]);
}
