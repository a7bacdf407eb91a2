// Notifications, preferences, outbox and calendar API for the UI (docs/notifications-api.md).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api';

import type { NotificationKind } from '../../../server/modules/notifications/queries';
import type { CalendarEntry, NotificationView, PreferenceView } from '../../../server/modules/notifications/service';

export type { NotificationKind } from '../../../server/modules/notifications/queries';
export type { CalendarEntry, NotificationView, PreferenceView } from '../../../server/modules/notifications/service';

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export interface OutboxMail {
  id: number;
  to: string;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'failed' | 'kept';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
  kind: NotificationKind;
  user: string;
  login: string;
}

const KEY = ['notifications'] as const;

export const useUnreadCount = () =>
  useQuery({ queryKey: [...KEY, 'unread'], queryFn: () => api.get<{ unread: number }>('/api/notifications/unread-count'), refetchInterval: 60_000 });

export const useNotifications = (page: number, unreadOnly: boolean) =>
  useQuery({
    queryKey: [...KEY, 'list', page, unreadOnly],
    queryFn: () => api.get<NotificationPage>(`/api/notifications?page=${page}&pageSize=20${unreadOnly ? '&unread=true' : ''}`),
  });

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') => (id === 'all' ? api.post('/api/notifications/read-all') : api.post(`/api/notifications/${id}/read`)),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export const usePreferences = () =>
  useQuery({ queryKey: [...KEY, 'preferences'], queryFn: () => api.get<{ preferences: PreferenceView[] }>('/api/notifications/preferences') });

export function useSavePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (preferences: Pick<PreferenceView, 'kind' | 'inApp' | 'email'>[]) =>
      api.put<{ preferences: PreferenceView[] }>('/api/notifications/preferences', { preferences }),
    onSuccess: (data) => client.setQueryData([...KEY, 'preferences'], data),
  });
}

export const useOutbox = (page: number, status: string | undefined) =>
  useQuery({
    queryKey: [...KEY, 'outbox', page, status],
    queryFn: () =>
      api.get<{ smtpConfigured: boolean; items: OutboxMail[]; total: number; page: number; pageSize: number }>(
        `/api/notifications/outbox?page=${page}&pageSize=20${status ? `&status=${status}` : ''}`,
      ),
  });

export const useCalendar = (cycleId: number | undefined) =>
  useQuery({
    queryKey: ['calendar', cycleId],
    queryFn: () =>
      api.get<{ cycle: { id: number; year: number }; entries: CalendarEntry[]; truncated: boolean }>(`/api/calendar${cycleId ? `?cycleId=${cycleId}` : ''}`),
  });
