// Data of the users page: accounts, territory lists for pickers (from the territories module), file transfer.
import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../../domain/access/roles';
import { api, download } from '../../shared/api';

export interface UserItem {
  id: number;
  login: string;
  fullName: string;
  email: string;
  phone: string;
  role: Role;
  roleLabel: string;
  regionId: number | null;
  municipalityId: number | null;
  schoolId: number | null;
  regionName: string | null;
  municipalityName: string | null;
  schoolName: string | null;
  schoolCode: string | null;
  mustChangePassword: boolean;
  active: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  curatedSchools: { id: number; code: string; name: string; cycleYear: number; cycleStatus: string }[];
  canManage: boolean;
  self: boolean;
}

export interface UserFilters {
  q?: string;
  role?: Role;
  regionId?: number;
  municipalityId?: number;
  active?: 'true' | 'false';
}

export interface UserList {
  items: UserItem[];
  total: number;
}

export const USERS_KEY = ['users'];

export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function useUsers(filters: UserFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...USERS_KEY, filters, page, pageSize],
    queryFn: () => api.get<UserList>(`/api/users${queryString({ ...filters, page, pageSize })}`),
    placeholderData: (previous) => previous,
  });
}

// ——— Territory lists (built by the territories module; the page copes when they are missing) ———

export interface TerritoryOption {
  id: number;
  label: string;
  code?: string;
}

/** The territories API answers with an array or with {items, total}. */
function listOf(data: unknown): Record<string, unknown>[] {
  if (Array.isArray(data)) return data as Record<string, unknown>[];
  if (data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items)) {
    return (data as { items: Record<string, unknown>[] }).items;
  }
  return [];
}

function toOption(row: Record<string, unknown>): TerritoryOption | null {
  const id = Number(row.id);
  if (!Number.isInteger(id)) return null;
  const name = String(row.shortName ?? row.name ?? row.fullName ?? `№ ${id}`);
  const code = row.code === undefined || row.code === null ? undefined : String(row.code);
  return { id, label: code ? `${name} (${code})` : name, code };
}

async function fetchOptions(url: string): Promise<TerritoryOption[]> {
  return listOf(await api.get<unknown>(url))
    .map(toOption)
    .filter((o): o is TerritoryOption => o !== null);
}

const territoryQuery = { staleTime: 5 * 60_000, retry: false } as const;

export function useRegions(enabled = true) {
  return useQuery({
    queryKey: ['territories', 'regions', 'options'],
    queryFn: () => fetchOptions('/api/territories/regions'),
    enabled,
    ...territoryQuery,
  });
}

export function useMunicipalities(regionId: number | undefined, enabled = true) {
  return useQuery({
    queryKey: ['territories', 'municipalities', 'options', regionId ?? null],
    queryFn: () => fetchOptions(`/api/territories/municipalities${queryString({ regionId })}`),
    enabled,
    ...territoryQuery,
  });
}

export function useSchools(municipalityId: number | undefined, enabled = true) {
  return useQuery({
    queryKey: ['territories', 'schools', 'options', municipalityId ?? null],
    queryFn: () => fetchOptions(`/api/territories/schools${queryString({ municipalityId, pageSize: 500 })}`),
    enabled: enabled && municipalityId !== undefined,
    ...territoryQuery,
  });
}

export interface CycleOption {
  year: number;
  title: string;
  status?: string;
}

export function useCycles() {
  return useQuery({
    queryKey: ['cycles', 'options'],
    queryFn: async () =>
      listOf(await api.get<unknown>('/api/cycles'))
        .map((c) => ({ year: Number(c.year), title: String(c.title ?? c.year), status: c.status as string | undefined }))
        .filter((c) => Number.isInteger(c.year))
        .sort((a, b) => b.year - a.year),
    retry: false,
    staleTime: 5 * 60_000,
  });
}

// ——— Files ———

/** Uploads a file (multipart) and saves the file the server answers with; API errors are thrown as ApiError. */
export async function uploadAndSave(url: string, file: File, fallbackName: string): Promise<void> {
  const data = new FormData();
  data.append('file', file, file.name);
  await download(url, data, fallbackName);
}

/** Copies text to the clipboard, also where the Clipboard API is unavailable (plain http). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall back below */
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString('ru-RU', { dateStyle: 'short', timeStyle: 'short' });
}

/** Where the account works, in words. */
export function territoryOf(user: Pick<UserItem, 'regionName' | 'municipalityName' | 'schoolName'>): string {
  if (user.schoolName) return [user.schoolName, user.municipalityName].filter(Boolean).join(', ');
  if (user.municipalityName) return [user.municipalityName, user.regionName].filter(Boolean).join(', ');
  return user.regionName ?? 'Вся страна';
}
