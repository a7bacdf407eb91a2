// Questionnaires API for the UI (docs/surveys-api.md): types, labels, query keys and hooks.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { ActivationRules } from '../../../domain/surveys/activation';
import type { CampaignStatus } from '../../../domain/surveys/campaign';
import type { SchoolCompletion, TerritoryCompletion } from '../../../domain/surveys/completion';
import type { InstrumentCode } from '../../../domain/surveys/instruments/types';
import { api } from '../../shared/api';
import { queryString } from '../territories/api';
import type { Verification } from '../../../server/modules/risk-profiles/service';
import type { Campaign, Link, SchoolRow } from '../../../server/modules/surveys/views';
import type { CampaignDetail } from '../../../server/modules/surveys/service';

export type { ActivationRules, CampaignStatus, InstrumentCode, SchoolCompletion, TerritoryCompletion };
export { CAMPAIGN_STATUS_LABELS } from '../../../domain/surveys/campaign';
export { INSTRUMENT_LABELS } from '../../../domain/surveys/instruments';
export { DEFAULT_ACTIVATION_RULES } from '../../../domain/surveys/activation';

export type { Verification } from '../../../server/modules/risk-profiles/service';
export type { Campaign, Facts as SchoolFactsValue, Link, SchoolRow } from '../../../server/modules/surveys/views';
export type { CampaignDetail } from '../../../server/modules/surveys/service';

export interface SchoolCampaign {
  campaign: Campaign;
  school: SchoolRow;
  links: Link[];
}

export const CAMPAIGN_STATUS_COLORS: Record<CampaignStatus, string> = { scheduled: 'blue', open: 'green', closed: 'default' };

export const VERIFICATION_LABELS: Record<Verification, string> = {
  pending: 'ждёт проверки куратором',
  verified: 'подтверждён',
  disputed: 'куратор не согласен',
};
export const VERIFICATION_COLORS: Record<Verification, string> = { pending: 'gold', verified: 'green', disputed: 'red' };

/** Short instructions for a respondent group (the printed leaflet). */
export const INSTRUCTIONS: Record<InstrumentCode, string> = {
  director: 'Анкету заполняет руководитель школы. Займёт около 15 минут.',
  teachers: 'Анкету заполняет каждый учитель школы. Она анонимная, займёт 10–15 минут.',
  students6: 'Анкету заполняет каждый обучающийся 6 классов. Она анонимная, займёт около 10 минут.',
  students9: 'Анкету заполняет каждый обучающийся 9 классов. Она анонимная, займёт около 10 минут.',
  parents: 'Анкету заполняет один из родителей (законных представителей) обучающегося. Она анонимная, займёт около 10 минут.',
  curator_candidate: 'Анкету заполняет кандидат в кураторы. Займёт около 15 минут.',
};

/** Roles that open campaigns (the server decides per campaign with `can`). */
export const CAMPAIGN_OWNER_ROLES = ['admin', 'federal_coordinator', 'regional_coordinator'];

export const SURVEYS_KEY = ['surveys'];

/** The full address of a respondent link on this site. */
export function fullUrl(path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${window.location.origin}${path.startsWith('/') ? '' : '/'}${path}`;
}

export function useCampaigns(cycleId: number | undefined) {
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'campaigns', cycleId],
    queryFn: () => api.get<{ items: Campaign[] }>(`/api/surveys/campaigns${queryString({ cycleId })}`),
    enabled: cycleId !== undefined,
  });
}

export function useCampaign(id: number, municipalityId?: number) {
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'campaign', id, municipalityId ?? null],
    queryFn: () => api.get<CampaignDetail>(`/api/surveys/campaigns/${id}${queryString({ municipalityId })}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function schoolCampaignKey(campaignId: number, schoolId: number) {
  return [...SURVEYS_KEY, 'school', campaignId, schoolId];
}

export function useSchoolCampaign(campaignId: number, schoolId: number) {
  return useQuery({
    queryKey: schoolCampaignKey(campaignId, schoolId),
    queryFn: () => api.get<SchoolCampaign>(`/api/surveys/campaigns/${campaignId}/schools/${schoolId}`),
    enabled: Number.isInteger(campaignId) && campaignId > 0 && Number.isInteger(schoolId) && schoolId > 0,
  });
}

/** After a change to campaigns, facts, codes or profiles: survey pages, profiles and the cabinet. */
export function refreshSurveys(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: SURVEYS_KEY }),
    client.invalidateQueries({ queryKey: ['risk-profiles'] }),
    client.invalidateQueries({ queryKey: ['cabinet'] }),
  ]);
}

/** The campaign shown by default: an open one, else a scheduled one, else the latest. */
export function currentCampaign(items: Campaign[]): Campaign | undefined {
  const rank: Record<CampaignStatus, number> = { open: 0, scheduled: 1, closed: 2 };
  return [...items].sort((a, b) => rank[a.status] - rank[b.status] || b.id - a.id)[0];
}

/** «12 из 30» / «12 из ?» for one instrument. */
export function receivedText(received: number, expected: number | null): string {
  return `${received} из ${expected ?? '?'}`;
}

/** «не более 3 направлений; не менее 1; все факторы высокого риска обязательны». */
export function rulesText(rules: ActivationRules): string {
  const parts = [`не более ${rules.maxDirections} ${directionsWord(rules.maxDirections)}`];
  if (rules.minDirections > 0) parts.push(`не менее ${rules.minDirections} ${directionsWord(rules.minDirections)}`);
  if (rules.mandatoryLevels.includes('high')) parts.push('все факторы высокого риска обязательны');
  return parts.join('; ');
}

function directionsWord(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  return mod10 === 1 && mod100 !== 11 ? 'направления' : 'направлений';
}

