import type { FieldError, Problem } from '@tracker/shared';

import { recordApiActivity, reportUnauthorized } from './session-activity';

/** An answer from the API that was not 2xx, carrying its problem+json body where given. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly errors: FieldError[];
  /** From a 429's (or 503's) `Retry-After` header: how long to wait, in seconds. */
  readonly retryAfterSeconds: number | null;

  constructor(problem: Problem, retryAfterSeconds: number | null = null) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.errors = problem.errors ?? [];
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Field errors keyed by path, for forms that show a message beside each field. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.errors.map((error) => [error.path, error.message]));
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Serialised as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * A 401 is an expected answer (signing in with a wrong password, asking who is signed in).
   * Otherwise a 401 means the session has ended, and the app sends the person to sign in.
   */
  allowUnauthorized?: boolean;
}

type QueryValue = string | number | boolean | null | undefined;

/** Builds `/api/v1/<path>?a=b`, leaving out parameters that are null or undefined. */
export function apiPath(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.title === 'string' && typeof candidate.status === 'number';
}

/** `Retry-After` is either whole seconds or an HTTP date. */
function retryAfter(response: Response): number | null {
  const value = response.headers.get('retry-after');
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  const wait = retryAfter(response);
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body: unknown = await response.json();
      if (isProblem(body)) {
        return new ApiError(
          {
            type: body.type ?? 'about:blank',
            title: body.title,
            status: body.status,
            detail: body.detail ?? '',
            errors: Array.isArray(body.errors) ? body.errors : [],
          },
          wait,
        );
      }
    } catch {
      // A body that is not valid JSON falls through to the generic error below.
    }
  }
  // A proxy or gateway may answer without problem+json; still give callers one error type.
  return new ApiError(
    {
      type: 'about:blank',
      title: response.statusText || 'Request failed',
      status: response.status,
      detail: `The server answered ${response.status}.`,
    },
    wait,
  );
}

export interface ApiAnswer<T> {
  body: T;
  response: Response;
}

/**
 * Calls the API and gives back the body with the response (for its headers). The session
 * cookie travels with `credentials: 'same-origin'`, so the client never handles tokens itself;
 * a plain same-origin fetch is what the server's cross-site request checks expect.
 */
export async function apiRequestWithResponse<T>(
  url: string,
  options: RequestOptions = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    ...options.headers,
  };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers,
    signal: options.signal ?? null,
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  const response = await fetch(url, init);
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && !options.allowUnauthorized) reportUnauthorized();
    throw error;
  }
  // Every answered call restarts the server's idle timer (see session-activity.ts).
  recordApiActivity();
  if (response.status === 204) return { body: undefined as T, response };
  return { body: (await response.json()) as T, response };
}

/** Calls the API and gives back the body (undefined for a 204). */
export async function apiRequest<T>(url: string, options: RequestOptions = {}): Promise<T> {
  return (await apiRequestWithResponse<T>(url, options)).body;
}

export function apiGet<T>(url: string, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(url, signal ? { signal } : {});
}

/**
 * Every item of a list, 200 a page, following the cursor to the end: for lists that stay short
 * (a plan's actions or versions, the organisation's units), not for ones that grow without end.
 */
export async function apiGetAll<Item>(
  path: string,
  query: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Item[]; nextCursor: string | null } = await apiGet(
      apiPath(path, { ...query, limit: 200, cursor }),
      signal,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Builds an ApiError from an XMLHttpRequest's answer (problem+json where given). */
function xhrError(xhr: XMLHttpRequest): ApiError {
  let body: unknown = null;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    // Not JSON: the generic error below.
  }
  if (isProblem(body)) {
    return new ApiError({
      type: body.type ?? 'about:blank',
      title: body.title,
      status: body.status,
      detail: body.detail ?? '',
      errors: Array.isArray(body.errors) ? body.errors : [],
    });
  }
  return new ApiError({
    type: 'about:blank',
    title: xhr.statusText || 'Request failed',
    status: xhr.status,
    detail:
      xhr.status === 0
        ? 'The upload did not reach the server.'
        : `The server answered ${xhr.status}.`,
  });
}

/**
 * Sends a multipart form with XMLHttpRequest rather than fetch, because only XHR reports how
 * much of the body has gone (`onProgress` gets a fraction from 0 to 1). Same cookie and the
 * same error type as `apiRequest`.
 */
export function uploadWithProgress<T>(
  url: string,
  form: FormData,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        recordApiActivity();
        onProgress(1);
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          resolve(undefined as T);
        }
        return;
      }
      const error = xhrError(xhr);
      if (error.status === 401) reportUnauthorized();
      reject(error);
    });
    xhr.addEventListener('error', () => reject(xhrError(xhr)));
    xhr.addEventListener('abort', () => reject(new DOMException('Upload cancelled', 'AbortError')));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
