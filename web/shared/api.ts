// HTTP client for the MEDK API: JSON in and out, CSRF header on writes, typed errors with field paths.

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
    /** Extra facts of a conflict (e.g. `roadmapId` of an existing roadmap). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken = '';
export const currentCsrfToken = () => csrfToken;
export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** Called when the server says the session is gone (401) — the app shows the login page. */
let onUnauthorized: () => void = () => {};
export const signalUnauthorized = () => onUnauthorized();
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export async function toError(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; fields?: FieldIssue[]; details?: Record<string, unknown> } } = {};
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  const message =
    body.error?.message ?? (res.status >= 500 ? 'Ошибка сервера. Попробуйте ещё раз.' : `Ошибка запроса (${res.status})`);
  return new ApiError(res.status, body.error?.code ?? 'http_error', message, body.error?.fields ?? [], body.error?.details ?? {});
}

export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
        ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение к интернету.');
  }
  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && !url.endsWith('/api/auth/login')) onUnauthorized();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('application/json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  put: <T>(url: string, body: unknown = {}) => request<T>('PUT', url, body),
  patch: <T>(url: string, body: unknown = {}) => request<T>('PATCH', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
};

/** Download a file from the API — GET, or POST with a JSON or multipart (FormData) body — and save it under its server-given name. */
export async function download(url: string, body?: unknown, fallbackName = 'file'): Promise<void> {
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      credentials: 'same-origin',
      headers:
        body === undefined
          ? {}
          : { 'x-csrf-token': csrfToken, ...(isForm ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение к интернету.');
  }
  if (!res.ok) throw await toError(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition) ?? /filename="?([^";]+)"?/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const blob = await res.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
