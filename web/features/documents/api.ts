// School documents API for the UI (docs/documents-api.md, «Documents»): types, colors, query keys, hooks and the
// upload with progress.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type {
  AntiriskProgramme,
  ChecklistSlot,
  DocumentAction,
  DocumentKind,
  DocumentStatus,
  SchoolProgress,
  SlotState,
  TerritoryShare,
} from '../../../domain/documents';
import type { FactorCode } from '../../../domain/surveys/factors';
import { api, ApiError, type FieldIssue } from '../../shared/api';
import { queryString } from '../territories/api';
import type { DocumentView, OverviewRow, SlotView } from '../../../server/modules/documents/service';

export {
  CONCLUSION_LABELS,
  CRITERION_MARK_LABELS,
  DOCUMENT_ACTION_LABELS,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_STATUS_LABELS,
  INDICATOR_DIRECTION_LABELS,
  SLOT_STATE_LABELS,
  VISIT_FORMAT_LABELS,
  antiriskProgrammeSchema,
  emptyProgramme,
  uploadHint,
  validateForSubmit,
} from '../../../domain/documents';
export type { AntiriskProgramme, ChecklistSlot, DocumentAction, DocumentKind, DocumentStatus, SchoolProgress, SlotState, TerritoryShare };
export type { DocumentEvent, DocumentView, FileVersion, OverviewRow, SlotView } from '../../../server/modules/documents/service';

export interface Checklist {
  school: { id: number; name: string; municipality: string };
  cycle: { id: number; year: number };
  directions: FactorCode[];
  slots: SlotView[];
  progress: SchoolProgress;
  can: { upload: boolean; edit: boolean };
}

export interface Overview {
  share: TerritoryShare;
  schools: OverviewRow[];
}

/** antd Tag colors of slot states. */
export const SLOT_STATE_COLORS: Record<SlotState, string> = {
  missing: 'default',
  draft: 'geekblue',
  submitted: 'processing',
  confirmed: 'green',
  returned: 'orange',
  overdue: 'red',
};

/** Words of the event history: «отправлен на проверку» … (by the action recorded). */
export const EVENT_LABELS: Record<string, string> = {
  submit: 'Отправлен на проверку',
  withdraw: 'Отозван с проверки',
  confirm: 'Подтверждён куратором',
  return: 'Возвращён на доработку',
  reopen: 'Подтверждение снято',
};

export const DOCUMENTS_KEY = ['documents'];

export function checklistKey(schoolId: number, cycleId: number | undefined) {
  return [...DOCUMENTS_KEY, 'school', schoolId, cycleId ?? null];
}

export function useChecklist(schoolId: number, cycleId: number | undefined) {
  return useQuery({
    queryKey: checklistKey(schoolId, cycleId),
    queryFn: () => api.get<Checklist>(`/api/documents/schools/${schoolId}${queryString({ cycleId })}`),
    enabled: Number.isInteger(schoolId) && schoolId > 0,
  });
}

export function useOverview(filter: { cycleId?: number; regionId?: number; municipalityId?: number }, enabled = true) {
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, 'overview', filter],
    queryFn: () => api.get<Overview>(`/api/documents/overview${queryString(filter)}`),
    enabled: enabled && filter.cycleId !== undefined,
  });
}

export function refreshDocuments(client: QueryClient) {
  return Promise.all([client.invalidateQueries({ queryKey: DOCUMENTS_KEY }), client.invalidateQueries({ queryKey: ['cabinet'] })]);
}

export function transitionDocument(id: number, body: { action: DocumentAction; comment?: string; version: number }) {
  return api.post<{ document: DocumentView }>(`/api/documents/${id}/transition`, body);
}

export function saveProgramme(schoolId: number, slotKey: string, body: { cycleId: number; version: number | null; programme: AntiriskProgramme }) {
  return api.put<{ document: DocumentView }>(`/api/documents/schools/${schoolId}/slots/${encodeURIComponent(slotKey)}/programme`, body);
}

async function csrfToken(): Promise<string> {
  const me = await api.get<{ csrfToken: string }>('/api/auth/me');
  return me.csrfToken;
}

/** Uploads one file as multipart `file`, reporting progress 0–100; server errors come back as ApiError (Russian). */
export async function uploadWithProgress(url: string, file: File, onProgress: (percent: number) => void): Promise<{ document: DocumentView }> {
  const token = await csrfToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение к интернету.'));
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string; fields?: FieldIssue[] }; document?: DocumentView } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.document) {
        onProgress(100);
        resolve({ document: body.document });
        return;
      }
      const message =
        xhr.status === 413
          ? 'Файл слишком большой'
          : body.error?.message ?? (xhr.status >= 500 ? 'Ошибка сервера. Попробуйте ещё раз.' : `Ошибка запроса (${xhr.status})`);
      reject(new ApiError(xhr.status, body.error?.code ?? 'http_error', message, body.error?.fields ?? []));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** The file extensions the server accepts (the type is checked by content anyway). */
export const ACCEPT = '.pdf,.docx,.xlsx,.odt,.jpg,.jpeg,.png';

/** '2026-12-01T10:00:00Z' → «01.12.2026 13:00» (local time). */
export function ruDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** 0.254 → «25%»; null → «—». */
export function sharePercent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '—';
  return `${Math.round(share * 1000) / 10}%`.replace('.', ',');
}
