import { i18n } from '../i18n/i18n';
import { ApiError, problemFromResponse } from './problem';

/** Anything with a zod-like `parse`; responses are validated with the shared contracts. */
export interface Schema<T> {
  parse(input: unknown): T;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  body?: unknown;
  /** A file sent as it is (`application/octet-stream`) instead of a JSON body. */
  file?: Blob;
  /** The file's content type when the server should know it (`text/csv`); octet-stream if not. */
  fileType?: string;
  query?: Record<string, QueryValue>;
  /** Extra request headers, e.g. `x-purpose` for an audited read. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

let csrfToken: string | undefined;
let sessionExpiredListener: (() => void) | undefined;

/** The token from the latest session or login response; every unsafe request sends it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called once by the app: what to do when any call finds the session gone. */
export function onSessionExpired(listener: () => void): void {
  sessionExpiredListener = listener;
}

/** Builds `/api/path?query`, leaving out empty values. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

function bodyOf(options: RequestOptions): { type?: string; body?: BodyInit } {
  if (options.file)
    return { type: options.fileType ?? 'application/octet-stream', body: options.file };
  if (options.body !== undefined)
    return { type: 'application/json', body: JSON.stringify(options.body) };
  return {};
}

async function send(method: Method, url: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const { type, body } = bodyOf(options);
  if (type) headers['content-type'] = type;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      type: 'about:blank',
      title: i18n.t('error.network'),
      status: 0,
      code: 'NETWORK',
    });
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Refreshes the CSRF token from the session endpoint (after the server rotated it). */
async function refreshCsrfToken(): Promise<void> {
  const response = await send('GET', apiUrl('/auth/session'), {});
  const body = (await readJson(response)) as { csrfToken?: unknown } | undefined;
  if (response.ok && typeof body?.csrfToken === 'string') setCsrfToken(body.csrfToken);
}

/** The error of a failed response; a missing session also signs the client out. */
function failure(response: Response, body: unknown): ApiError {
  const error = new ApiError(
    problemFromResponse(response.status, body, i18n.t('error.http', { status: response.status })),
  );
  // A wrong password or code is a 401 too (INVALID_CREDENTIALS, SECOND_FACTOR_INVALID) and
  // belongs to its form; only a missing session, or a bare 401 from a proxy, means signed out.
  if (error.status === 401 && (error.code === 'UNAUTHENTICATED' || error.code === 'HTTP')) {
    sessionExpiredListener?.();
  }
  return error;
}

/**
 * One API call: sends JSON with the CSRF header, turns a failure into an ApiError from the
 * problem document, and validates a success against the contract schema.
 */
export async function request<T>(
  method: Method,
  path: string,
  schema: Schema<T>,
  options: RequestOptions = {},
): Promise<T> {
  const url = apiUrl(path, options.query);
  let response = await send(method, url, options);
  let body = await readJson(response);

  if (!response.ok && method !== 'GET' && response.status === 403) {
    const problem = problemFromResponse(response.status, body, '');
    if (problem.code === 'CSRF') {
      await refreshCsrfToken();
      response = await send(method, url, options);
      body = await readJson(response);
    }
  }

  if (!response.ok) throw failure(response, body);

  try {
    return schema.parse(body);
  } catch (cause) {
    console.error(`Response of ${method} ${path} does not match its contract`, cause);
    throw new ApiError({
      type: 'about:blank',
      title: i18n.t('error.badResponse'),
      status: response.status,
      code: 'BAD_RESPONSE',
    });
  }
}

export const api = {
  get: <T>(path: string, schema: Schema<T>, options?: Omit<RequestOptions, 'body'>) =>
    request('GET', path, schema, options),
  post: <T>(path: string, schema: Schema<T>, body?: unknown, options?: RequestOptions) =>
    request('POST', path, schema, { ...options, body: body ?? {} }),
  put: <T>(path: string, schema: Schema<T>, body: unknown, options?: RequestOptions) =>
    request('PUT', path, schema, { ...options, body }),
  patch: <T>(path: string, schema: Schema<T>, body: unknown, options?: RequestOptions) =>
    request('PATCH', path, schema, { ...options, body }),
  delete: <T>(path: string, schema: Schema<T>, options?: RequestOptions) =>
    request('DELETE', path, schema, options),
  /** POSTs a file as the raw request body (no multipart), e.g. a roster to import. */
  upload: <T>(path: string, schema: Schema<T>, file: Blob, options?: RequestOptions) =>
    request('POST', path, schema, { ...options, file }),
};

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      return fallback;
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/**
 * Downloads a file through fetch, for downloads that need a request header (a plain link cannot
 * send `x-purpose`). A failure is an ApiError like any other call's.
 */
export async function download(
  path: string,
  options: Pick<RequestOptions, 'query' | 'headers'> & { fallbackName: string },
): Promise<void> {
  const response = await send('GET', apiUrl(path, options.query), options);
  if (!response.ok) throw failure(response, await readJson(response));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition'), options.fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; free the memory afterwards.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `{ items: T[] }`, the shape of the list endpoints without paging. */
export function itemsOf<T>(item: Schema<T>): Schema<{ items: T[] }> {
  return {
    parse(input) {
      const items = (input as { items?: unknown } | null | undefined)?.items;
      if (!Array.isArray(items)) throw new TypeError('expected { items: [...] }');
      return { items: items.map((entry) => item.parse(entry)) };
    },
  };
}

/** For the few responses whose body the client does not use. */
export const ignoredBody: Schema<unknown> = { parse: (input) => input };
