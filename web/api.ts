/**
 * Same-origin JSON over HTTP for the browser apps (display, kiosk): a bearer token (a device token,
 * or a staff session while pairing), a timeout, and errors sorted by what an app does about them —
 * `ApiError` when the server answered with its error envelope (switch on `code` and `status`, never
 * on the message), `NetworkError` when nothing answered; `isTransient` when retrying may help.
 */
import type { ErrorEnvelope } from '../shared/protocol/http.js';
import { noteServerDate } from './server-clock.js';

/** Answers take milliseconds; a screen on a dead connection must not hang on one. */
export const REQUEST_TIMEOUT_MS = 8_000;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The envelope's details (e.g. `nextOpening` of a refused issue). */
    readonly details: NonNullable<ErrorEnvelope['error']['details']> = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** No answer: offline, refused, timed out, or a body cut off. */
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

/** The server no longer accepts the token (a revoked device, an ended session). */
export function isUnauthenticated(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  token?: string | undefined;
  body?: unknown;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
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
  noteServerDate(Date.parse(res.headers.get('date') ?? ''));
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
