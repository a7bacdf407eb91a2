// Project years API for the UI: types, query keys and hooks.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';

export type CycleStatus = 'planned' | 'active' | 'closed';

export interface CycleItem {
  id: number;
  year: number;
  title: string;
  status: CycleStatus;
  /** Days after a due date when an overdue activity is escalated one level up, then two. */
  escalationDays: number[];
  /** Selected schools within the user's territory. */
  schools: number;
}

export interface SelectedSchool {
  id: number;
  code: string;
  shortName: string;
  fullName: string;
  regionId: number;
  regionName: string;
  municipalityId: number;
  municipalityName: string;
  curator: { id: number; fullName: string } | null;
}

export interface CuratorOption {
  id: number;
  fullName: string;
  login: string;
  regionId: number;
  schools: number;
}

export const STATUS_LABELS: Record<CycleStatus, string> = {
  planned: 'Планируется',
  active: 'Идёт',
  closed: 'Завершён',
};

export const STATUS_COLORS: Record<CycleStatus, string> = { planned: 'blue', active: 'green', closed: 'default' };

export const CYCLES_KEY = ['cycles'];

export function useCycles() {
  return useQuery({ queryKey: [...CYCLES_KEY, 'list'], queryFn: () => api.get<CycleItem[]>('/api/cycles') });
}

export function useCycle(id: number) {
  return useQuery({ queryKey: [...CYCLES_KEY, 'one', id], queryFn: () => api.get<CycleItem>(`/api/cycles/${id}`) });
}

export function useCycleSchools(id: number) {
  return useQuery({
    queryKey: [...CYCLES_KEY, 'schools', id],
    queryFn: () => api.get<SelectedSchool[]>(`/api/cycles/${id}/schools`),
  });
}

/** Curators who may be assigned in a region (active, role curator, same region). */
export function useCurators(regionId: number, cycleId: number, enabled: boolean) {
  return useQuery({
    queryKey: [...CYCLES_KEY, 'curators', regionId, cycleId],
    queryFn: () => api.get<CuratorOption[]>(`/api/cycles/curators?regionId=${regionId}&cycleId=${cycleId}`),
    enabled,
    staleTime: 60_000,
  });
}
