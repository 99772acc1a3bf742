// The public HTTP/JSON API (the edge locally, Envoy in Kubernetes): requests with the session's
// token, refreshed shortly before it expires and once more on a 401, and server streams read as
// newline-delimited JSON.
import { session, signedOut, storeTokens, type Tokens } from './session';

/** An error answer: `{code, message, details}` with google.rpc details (ErrorInfo, BadRequest). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Array<Record<string, unknown>> = [],
  ) {
    super(message);
  }

  /** BadRequest field violations, by field name. */
  fieldViolations(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) {
      const violations = d['fieldViolations'] as Array<{ field: string; description: string }> | undefined;
      violations?.forEach((v) => (out[v.field] = v.description));
    }
    return out;
  }
}

const REFRESH_MARGIN_MS = 30_000;
let refreshing: Promise<void> | null = null;
let refreshTimer: number | undefined;

/** Swaps the refresh token for new tokens; one refresh at a time, shared by every caller. */
export function refreshTokens(): Promise<void> {
  const current = session.value;
  if (!current) return Promise.resolve();
  refreshing ??= fetch('/v1/users:refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: current.refreshToken }),
  })
    .then(async (res) => {
      if (res.status === 401 || res.status === 403 || res.status === 400) {
        signedOut();
        return;
      }
      if (!res.ok) throw await toError(res);
      storeTokens((await res.json()) as Tokens);
    })
    .finally(() => (refreshing = null));
  return refreshing;
}

/** Refreshes a little before the access token expires, while the app is open. */
export function scheduleRefresh(): void {
  window.clearTimeout(refreshTimer);
  const current = session.value;
  if (!current) return;
  const wait = Math.max(1_000, current.accessExpiresAt - Date.now() - REFRESH_MARGIN_MS);
  refreshTimer = window.setTimeout(() => void refreshTokens().catch(() => undefined), wait);
}

async function authHeaders(): Promise<Record<string, string>> {
  const current = session.value;
  if (!current) return {};
  if (current.accessExpiresAt - Date.now() < REFRESH_MARGIN_MS) await refreshTokens();
  const fresh = session.value;
  return fresh ? { authorization: `Bearer ${fresh.accessToken}` } : {};
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { message?: string; details?: Array<Record<string, unknown>> };
    return new ApiError(res.status, body.message || res.statusText, body.details ?? []);
  } catch {
    return new ApiError(res.status, res.statusText || `HTTP ${res.status}`);
  }
}

type Query = Record<string, string | number | boolean | string[] | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const RETRIES = 3;

/**
 * Sends with the session's token, retrying once after a refresh when the answer is 401, and
 * retrying reads answered 503 or 429 (a service warming up, a rate limit) after their
 * Retry-After, capped at 3 s, up to three times.
 */
async function send(path: string, init: RequestInit, refreshed = false, attempt = 0): Promise<Response> {
  const headers = { ...(init.headers as Record<string, string>), ...(await authHeaders()) };
  const res = await fetch(path, { ...init, headers });
  if (res.status === 401 && !refreshed && session.value) {
    await refreshTokens();
    return send(path, init, true, attempt);
  }
  if ((res.status === 503 || res.status === 429) && (init.method ?? 'GET') === 'GET' && attempt < RETRIES) {
    const seconds = Math.min(Number(res.headers.get('retry-after')) || 1, 3);
    await new Promise((resolve) => window.setTimeout(resolve, seconds * 1000));
    return send(path, init, refreshed, attempt + 1);
  }
  return res;
}

export async function api<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await send(withQuery(path, query), init);
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', path, undefined, query);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/**
 * Reads a server stream (NDJSON, one message a line) until it ends or `signal` aborts; an error
 * line (`{"error":{...}}`) or an error status rejects.
 */
export async function stream<T>(path: string, onMessage: (message: T) => void, signal: AbortSignal): Promise<void> {
  const res = await send(path, { method: 'GET', signal });
  if (!res.ok || !res.body) throw await toError(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line) continue;
      const message = JSON.parse(line) as T & { error?: { code: number; message: string } };
      if (message.error) throw new ApiError(500, message.error.message);
      onMessage(message);
    }
  }
}
