// Risk profiles API for the UI (docs/surveys-api.md, «Risk profiles»): types, colors, query keys and hooks.
import { useQuery } from '@tanstack/react-query';
import type { ActivationRules } from '../../../domain/surveys/activation';
import type { FactorCode, FactorLevel } from '../../../domain/surveys/factors';
import type { Methodology } from '../../../domain/surveys/methodology';
import type { RiskProfile } from '../../../domain/surveys/risk-profile';
import { api } from '../../shared/api';
import { queryString } from '../territories/api';
import type { Verification } from '../surveys/api';
import type { Aggregate, ProfileDetail, ProfileRow } from '../../../server/modules/risk-profiles/service';

export { FACTOR_CODES, FACTOR_NAMES, LEVEL_LABELS } from '../../../domain/surveys/factors';
export type { ActivationRules, FactorCode, FactorLevel, Methodology, RiskProfile, Verification };
export type { Aggregate, ProfileDetail, ProfileRow } from '../../../server/modules/risk-profiles/service';

/** Colors of levels: red, orange, yellow-green, green, grey. */
export const LEVEL_COLORS: Record<FactorLevel, string> = {
  high: '#cf1322',
  medium: '#fa8c16',
  low: '#fadb14',
  none: '#52c41a',
  unknown: '#bfbfbf',
};

/** antd Tag presets for levels. */
export const LEVEL_TAG_COLORS: Record<FactorLevel, string> = {
  high: 'red',
  medium: 'orange',
  low: 'gold',
  none: 'green',
  unknown: 'default',
};

export const PROFILES_KEY = ['risk-profiles'];

export interface ProfileFilter {
  campaignId?: number;
  municipalityId?: number;
  regionId?: number;
}

export function useProfiles(filter: ProfileFilter) {
  return useQuery({
    queryKey: [...PROFILES_KEY, 'list', filter],
    queryFn: () => api.get<{ items: ProfileRow[] }>(`/api/risk-profiles${queryString({ campaignId: filter.campaignId, municipalityId: filter.municipalityId })}`),
    enabled: filter.campaignId !== undefined,
  });
}

export function useAggregate(filter: ProfileFilter) {
  return useQuery({
    queryKey: [...PROFILES_KEY, 'aggregate', filter],
    queryFn: () => api.get<Aggregate>(`/api/risk-profiles/aggregate${queryString({ ...filter })}`),
    enabled: filter.campaignId !== undefined,
  });
}

export function profileKey(id: number) {
  return [...PROFILES_KEY, 'one', id];
}

export function useProfile(id: number) {
  return useQuery({
    queryKey: profileKey(id),
    queryFn: () => api.get<ProfileDetail>(`/api/risk-profiles/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** The methodology version a profile was computed by (for threshold marks). */
export function useMethodology(version: number | undefined) {
  return useQuery({
    queryKey: ['surveys', 'methodology', version],
    queryFn: () => api.get<{ version: number; title: string; definition: Methodology }>(`/api/surveys/methodology${queryString({ version })}`),
    enabled: version !== undefined,
    staleTime: Infinity,
    retry: false,
  });
}

/** 0.724 → «0,72». */
export function score(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(2).replace('.', ',');
}
