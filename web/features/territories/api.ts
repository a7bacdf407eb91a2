// Territories API for the UI: response types, query keys and hooks.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { Locality } from '../../../domain/territories/school';
import { api } from '../../shared/api';

export interface RegionItem {
  id: number;
  code: string;
  name: string;
  municipalities: number;
  schools: number;
}

export interface Region {
  id: number;
  code: string;
  name: string;
}

export interface MunicipalityItem {
  id: number;
  regionId: number;
  regionName: string;
  code: string;
  name: string;
  schools: number;
}

export interface Municipality {
  id: number;
  code: string;
  name: string;
  regionId: number;
  regionName: string;
}

export interface SchoolItem {
  id: number;
  code: string;
  shortName: string;
  fullName: string;
  address: string;
  locality: Locality;
  directorName: string;
  email: string;
  phone: string;
  context: Record<string, number | string | null>;
  regionId: number;
  regionName: string;
  municipalityId: number;
  municipalityName: string;
}

export interface SchoolCycle {
  id: number;
  year: number;
  title: string;
  status: 'planned' | 'active' | 'closed';
  curator: { id: number; fullName: string } | null;
}

export interface School extends SchoolItem {
  regionCode: string;
  municipalityCode: string;
  cycles: SchoolCycle[];
}

export interface SchoolFilter {
  regionId?: number;
  municipalityId?: number;
  q?: string;
  cycleYear?: number;
  page: number;
  pageSize: number;
}

export const TERRITORIES_KEY = ['territories'];

export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function useRegions() {
  return useQuery({
    queryKey: [...TERRITORIES_KEY, 'regions'],
    queryFn: () => api.get<RegionItem[]>('/api/territories/regions'),
  });
}

export function useRegion(id: number) {
  return useQuery({
    queryKey: [...TERRITORIES_KEY, 'region', id],
    queryFn: () => api.get<Region>(`/api/territories/regions/${id}`),
  });
}

export function useMunicipalities(regionId?: number) {
  return useQuery({
    queryKey: [...TERRITORIES_KEY, 'municipalities', regionId ?? null],
    queryFn: () => api.get<MunicipalityItem[]>(`/api/territories/municipalities${queryString({ regionId })}`),
  });
}

export function useMunicipality(id: number | undefined) {
  return useQuery({
    queryKey: [...TERRITORIES_KEY, 'municipality', id],
    queryFn: () => api.get<Municipality>(`/api/territories/municipalities/${id}`),
    enabled: id !== undefined,
  });
}

export function useSchools(filter: SchoolFilter, enabled = true) {
  return useQuery({
    queryKey: [...TERRITORIES_KEY, 'schools', filter],
    queryFn: () =>
      api.get<{ items: SchoolItem[]; total: number }>(
        `/api/territories/schools${queryString({ ...filter, q: filter.q?.trim() })}`,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSchool(id: number) {
  return useQuery({
    queryKey: [...TERRITORIES_KEY, 'school', id],
    queryFn: () => api.get<School>(`/api/territories/schools/${id}`),
  });
}

/** After any change: territories lists and counts, and project years that count schools. */
export function refreshTerritories(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: TERRITORIES_KEY }),
    client.invalidateQueries({ queryKey: ['cycles'] }),
  ]);
}
