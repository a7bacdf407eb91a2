// Roadmaps and monitoring API for the UI (docs/roadmaps-api.md): types, labels, query keys and hooks.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { ExecutionStatus, ShownStatus } from '../../../domain/monitoring/stages';
import type { Timing } from '../../../domain/roadmaps';
import { api } from '../../shared/api';
import { queryString } from '../territories/api';
import type { Item, RoadmapSummary } from '../../../server/modules/roadmaps/views';
import type { ItemInput } from '../../../server/modules/roadmaps/items';
import type { FiguresView as StageResult, effectiveStageView } from '../../../server/modules/monitoring/figures';
import type { MonitoringSummary } from '../../../server/modules/monitoring/service';
import type { RevisionView } from '../../../server/modules/roadmaps/lifecycle';
import type { RevisionItem } from '../../../domain/roadmaps/revisions';

type Stage = ReturnType<typeof effectiveStageView>;

export type Level = 'federal' | 'regional' | 'municipal' | 'school';
export type Status = ExecutionStatus;
export type { ShownStatus };

export type { EvidenceView as Evidence, Item, Mark, RoadmapSummary } from '../../../server/modules/roadmaps/views';
export type { ItemInput } from '../../../server/modules/roadmaps/items';

export type { FiguresView as StageResult } from '../../../server/modules/monitoring/figures';
export type { Stage, RevisionView as Revision, RevisionItem };

export interface RoadmapDetail {
  roadmap: RoadmapSummary;
  items: Item[];
  /** Activities excluded by an amendment, with their marks. */
  removedItems: (Item & { removedInRevision: number | null })[];
  stages: Stage[];
  /** Empty for a draft: it is not counted. */
  monitoring: StageResult[];
  revisions: RevisionView[];
  sourceText: string | null;
}

export interface ParsedDocument {
  authority: string | null;
  number: string | null;
  date: string | null;
  title: string | null;
  year: number | null;
  level: Level | null;
}

export interface ParsedItem extends ItemInput {
  timing: Timing;
  timingFormatted: string;
  flags: string[];
  responsibleParties: string[];
}

export interface ParseResult {
  document: ParsedDocument;
  items: ParsedItem[];
  flags: string[];
  sourceText: string;
}

export interface RoadmapChanges {
  template: RoadmapSummary | null;
  added: Item[];
  removed: { id: number; number: string | null; title: string }[];
  changed: { itemId: number; number: string | null; fields: Record<string, [string, string]> }[];
}

export type { MonitoringSummary, OverdueEntry } from '../../../server/modules/monitoring/service';

export interface CycleOption {
  id: number;
  year: number;
  title: string;
  status: 'planned' | 'active' | 'closed';
}

export const LEVELS: Level[] = ['federal', 'regional', 'municipal', 'school'];

export const LEVEL_LABELS: Record<Level, string> = {
  federal: 'федеральная',
  regional: 'региональная',
  municipal: 'муниципальная',
  school: 'школьная',
};

export const LEVEL_TITLES: Record<Level, string> = {
  federal: 'Федеральные дорожные карты',
  regional: 'Региональные дорожные карты',
  municipal: 'Муниципальные дорожные карты',
  school: 'Дорожные карты школ',
};

export const STATUS_COLORS: Record<ShownStatus, string> = {
  planned: 'default',
  in_progress: 'processing',
  done: 'blue',
  confirmed: 'success',
  overdue: 'error',
};

export const FIELD_LABELS: Record<string, string> = {
  number: '№',
  title: 'Мероприятие',
  timingText: 'Сроки',
  responsibleText: 'Ответственные',
  indicator: 'Показатель реализации',
  infoSupport: 'Информационное сопровождение',
};

export const STATUS_TAGS: Record<RoadmapSummary['status'], { color: string; label: string }> = {
  draft: { color: 'orange', label: 'черновик' },
  approved: { color: 'green', label: 'утверждена' },
};

export const ROADMAPS_KEY = ['roadmaps'];
export const MONITORING_KEY = ['monitoring'];

/** '2022-03-10' → '10.03.2022'. */
export function ruDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** 41.7 → «41,7». */
export function ruPercent(value: number | null): string {
  if (value === null) return '—';
  return `${value.toLocaleString('ru-RU', { maximumFractionDigits: 1 })}%`;
}

/** «№ 101 от 10.03.2022», or '' when there are no order details. */
export function orderLabel(r: Pick<RoadmapSummary, 'orderNumber' | 'orderDate'>): string {
  const parts = [r.orderNumber ? `№ ${r.orderNumber}` : '', r.orderDate ? `от ${ruDate(r.orderDate)}` : ''].filter(Boolean);
  return parts.join(' ');
}

/** Russian plural: plural(1, 'карта', 'карты', 'карт') → 'карта'; 2 → 'карты'; 5 → 'карт'. */
export function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  return `${(bytes / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`;
}

export function useCycleOptions() {
  return useQuery({
    queryKey: ['cycles', 'list'],
    queryFn: () => api.get<CycleOption[]>('/api/cycles'),
    staleTime: 60_000,
  });
}

/** The active project year, else the latest one. */
export function defaultCycle(cycles: CycleOption[]): CycleOption | undefined {
  return cycles.find((c) => c.status === 'active') ?? [...cycles].sort((a, b) => b.year - a.year)[0];
}

/** The chosen project year, kept in the address (`?cycle=`) so links and «Назад» keep it. */
export function useCycleChoice(): { cycles: ReturnType<typeof useCycleOptions>; cycle: CycleOption | undefined; setCycle: (id: number) => void } {
  const cycles = useCycleOptions();
  const [params, setParams] = useSearchParams();
  const wanted = Number(params.get('cycle'));
  const list = cycles.data ?? [];
  const cycle = list.find((c) => c.id === wanted) ?? defaultCycle(list);
  const setCycle = (id: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('cycle', String(id));
        return next;
      },
      { replace: true },
    );
  return { cycles, cycle, setCycle };
}

export function useRoadmaps(filter: { cycleId?: number; level?: Level; regionId?: number; municipalityId?: number }) {
  return useQuery({
    queryKey: [...ROADMAPS_KEY, 'list', filter],
    queryFn: () => api.get<{ items: RoadmapSummary[] }>(`/api/roadmaps${queryString(filter)}`),
    enabled: filter.cycleId !== undefined,
  });
}

export function useRoadmap(id: number) {
  return useQuery({
    queryKey: [...ROADMAPS_KEY, 'one', id],
    queryFn: () => api.get<RoadmapDetail>(`/api/roadmaps/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useRoadmapChanges(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...ROADMAPS_KEY, 'changes', id],
    queryFn: () => api.get<RoadmapChanges>(`/api/roadmaps/${id}/changes`),
    enabled,
  });
}

export function useStages(cycleId: number | undefined) {
  return useQuery({
    queryKey: [...MONITORING_KEY, 'stages', cycleId],
    queryFn: () => api.get<{ stages: Stage[] }>(`/api/monitoring/stages${queryString({ cycleId })}`),
    enabled: cycleId !== undefined,
  });
}

export function useMonitoringSummary(filter: { cycleId?: number; level?: Level; regionId?: number; municipalityId?: number }) {
  return useQuery({
    queryKey: [...MONITORING_KEY, 'summary', filter],
    queryFn: () => api.get<MonitoringSummary>(`/api/monitoring/summary${queryString(filter)}`),
    enabled: filter.cycleId !== undefined,
  });
}

/** After any change to roadmaps or marks: lists, pages, monitoring and the cabinet's next steps. */
export function refreshRoadmaps(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: ROADMAPS_KEY }),
    client.invalidateQueries({ queryKey: MONITORING_KEY }),
    client.invalidateQueries({ queryKey: ['cabinet'] }),
  ]);
}
