// Federal selective expertise API for the UI (docs/documents-api.md, «Federal selective expertise»).
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type {
  CriterionMark,
  DocumentKind,
  ExpertiseAction,
  ExpertiseConclusion,
  ExpertiseCriterion,
  ExpertiseStatus,
} from '../../../domain/documents';
import { api } from '../../shared/api';
import { queryString } from '../territories/api';
import type { DocumentView } from '../documents/api';
import type { ReviewDetail, ReviewRow, SampleView } from '../../../server/modules/expertise/service';

export {
  CONCLUSION_LABELS,
  CRITERION_MARK_LABELS,
  CRITERION_MARKS,
  DEFAULT_EXPERTISE_CRITERIA,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS,
  EXPERTISE_ACTION_LABELS,
  EXPERTISE_STATUS_LABELS,
  checkExpertiseForm,
  suggestedConclusion,
} from '../../../domain/documents';
export type { CriterionMark, DocumentKind, ExpertiseAction, ExpertiseConclusion, ExpertiseCriterion, ExpertiseStatus };
export type { ReviewDetail, ReviewRow, SampleView } from '../../../server/modules/expertise/service';

export interface ReviewPage {
  review: ReviewDetail;
  sample: SampleView;
  criteria: ExpertiseCriterion[];
  documents: DocumentView[];
  can: { edit: boolean; actions: ExpertiseAction[] };
}

export interface SchoolResult {
  reviewId: number;
  sample: { id: number; title: string; cycleId: number; year: number; kinds: DocumentKind[] };
  conclusion: ExpertiseConclusion | null;
  marks: Partial<Record<string, CriterionMark>>;
  comment: string;
  completedAt: string | null;
}

export const EXPERTISE_KEY = ['expertise'];

export const STATUS_COLORS: Record<ExpertiseStatus, string> = { assigned: 'default', in_progress: 'processing', completed: 'success' };
export const CONCLUSION_COLORS: Record<ExpertiseConclusion, string> = { meets: 'success', partially: 'warning', does_not_meet: 'error' };
export const MARK_COLORS: Record<CriterionMark, string> = { yes: 'success', partially: 'warning', no: 'error' };

export function useSamples(cycleId: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [...EXPERTISE_KEY, 'samples', cycleId ?? null],
    queryFn: () => api.get<{ items: SampleView[] }>(`/api/expertise/samples${queryString({ cycleId })}`),
    enabled,
  });
}

export function useSample(id: number) {
  return useQuery({
    queryKey: [...EXPERTISE_KEY, 'sample', id],
    queryFn: () => api.get<{ sample: SampleView; reviews: ReviewRow[] }>(`/api/expertise/samples/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useReviews(cycleId: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [...EXPERTISE_KEY, 'reviews', cycleId ?? null],
    queryFn: () => api.get<{ items: ReviewRow[] }>(`/api/expertise/reviews${queryString({ cycleId })}`),
    enabled,
  });
}

export function useReview(id: number) {
  return useQuery({
    queryKey: [...EXPERTISE_KEY, 'review', id],
    queryFn: () => api.get<ReviewPage>(`/api/expertise/reviews/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useSchoolResults(schoolId: number, cycleId: number | undefined) {
  return useQuery({
    queryKey: [...EXPERTISE_KEY, 'school', schoolId, cycleId ?? null],
    queryFn: () => api.get<{ results: SchoolResult[] }>(`/api/expertise/schools/${schoolId}${queryString({ cycleId })}`),
    enabled: schoolId > 0,
    retry: false,
  });
}

/** Active expert accounts for the «назначить эксперта» select. */
export function useExperts(enabled: boolean) {
  return useQuery({
    queryKey: [...EXPERTISE_KEY, 'experts'],
    queryFn: () =>
      api.get<{ items: { id: number; fullName: string; login: string; email: string }[]; total: number }>(
        `/api/users${queryString({ role: 'expert', active: 'true', pageSize: 200 })}`,
      ),
    enabled,
    staleTime: 60_000,
  });
}

export function refreshExpertise(client: QueryClient) {
  return client.invalidateQueries({ queryKey: EXPERTISE_KEY });
}
