/**
 * The kiosk's HTTP client: same-origin JSON with a device (or, during setup, a session) bearer
 * token, a timeout, and errors sorted by what the kiosk does about them:
 *
 * - `ApiError`: the server answered with the error envelope; `code` says why (never the message);
 * - `transient` errors (`isTransient`): no answer (network down, timeout) or a 5xx — worth retrying.
 */
import type { ErrorEnvelope } from '../shared/protocol/http.js';

/** Most answers take milliseconds; a kiosk must not hang on a dead connection. */
const TIMEOUT_MS = 8_000;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: NonNullable<ErrorEnvelope['error']['details']> = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** The request never got an answer (offline, refused, timed out). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : 'network error');
    this.name = 'NetworkError';
  }
}

/** Retrying may help: no answer, or the server (or a proxy in front of it) failed. */
export function isTransient(err: unknown): boolean {
  return err instanceof NetworkError || (err instanceof ApiError && err.status >= 500);
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  token?: string | undefined;
  body?: unknown;
}

/** The server's clock minus ours (ms), from the last answer's Date header: kiosk clocks drift. */
let serverOffsetMs = 0;

/** Now by the server's clock, to the second (the Date header's resolution). */
export function serverNow(): number {
  return Date.now() + serverOffsetMs;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
      signal: controller.signal,
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new NetworkError(err);
  } finally {
    clearTimeout(timer);
  }
  const date = Date.parse(res.headers.get('date') ?? '');
  if (!Number.isNaN(date)) serverOffsetMs = date - Date.now();
  if (res.status === 204) return undefined as T;
  let payload: unknown;
  try {
    payload = await res.json();
  } catch (err) {
    // A proxy's HTML error page, or a body cut off by the network.
    if (res.ok) throw new NetworkError(err);
    throw new ApiError(res.status, res.status >= 500 ? 'UNAVAILABLE' : 'UNKNOWN');
  }
  if (res.ok) return payload as T;
  const error = (payload as Partial<ErrorEnvelope> | null)?.error;
  throw new ApiError(res.status, error?.code ?? 'UNKNOWN', error?.details ?? {});
}
