/**
 * What a display is, from its address: the hall display (`/display/`) or a counter's own screen
 * (`/display/counter/<counterId>`), and the settings a TV is configured with in its URL (the
 * set-up is one bookmark or one `--kiosk` command line; docs/display.md lists them):
 *
 * | parameter           | meaning                                                              | default |
 * | ------------------- | -------------------------------------------------------------------- | ------- |
 * | `counters=c1,c2`    | a zone: only these counters (and the calls at them)                  | all     |
 * | `services=civ,land` | a zone: the counters serving these services, waiting for these only  | all     |
 * | `overscan=3`        | a safe margin, % of each side, for TVs that crop the picture's edge  | 0       |
 * | `page=10`           | seconds per page of counters / services when they do not all fit     | 10      |
 * | `stale=45`          | seconds without news before "cập nhật N giây trước" shows            | 45      |
 * | `watchdog=300`      | seconds without a working connection before the page reloads itself | 300     |
 * | `heartbeat=20`      | seconds between the checks that the picture is still current         | 20      |
 * | `refresh=60`        | seconds between re-reads of the office (voice, notices, names)       | 60      |
 * | `callMaxAge=60`     | a call older than this (seconds) is shown but no longer announced    | 60      |
 * | `test`              | exposes the announcer as `window.__luotAnnouncer` (end-to-end tests) | off     |
 *
 * The timing parameters exist so that tests (and a technician) can shorten them; a TV needs none.
 */

export type Route = { kind: 'hall' } | { kind: 'counter'; counterId: string };

export interface DisplayParams {
  /** Zone: counter ids (undefined: every counter). */
  counters: string[] | undefined;
  /** Zone: service ids (undefined: every service). */
  services: string[] | undefined;
  /** Margin per side, percent (0–10). */
  overscan: number;
  pageMs: number;
  staleMs: number;
  watchdogMs: number;
  heartbeatMs: number;
  refreshMs: number;
  callMaxAgeMs: number;
  test: boolean;
}

export const DEFAULT_PARAMS: Readonly<DisplayParams> = Object.freeze({
  counters: undefined,
  services: undefined,
  overscan: 0,
  pageMs: 10_000,
  staleMs: 45_000,
  watchdogMs: 300_000,
  heartbeatMs: 20_000,
  refreshMs: 60_000,
  callMaxAgeMs: 60_000,
  test: false,
});

/** `/display/counter/<id>` (served by the server), or `?counter=<id>` (the dev server's /display/). */
export function parseRoute(pathname: string, search: string): Route {
  const fromPath = /^\/display\/counter\/([^/]+)\/?$/.exec(pathname)?.[1];
  let counterId: string | null = null;
  try {
    counterId =
      fromPath !== undefined ? decodeURIComponent(fromPath) : new URLSearchParams(search).get('counter');
  } catch {
    counterId = null;
  }
  return counterId ? { kind: 'counter', counterId } : { kind: 'hall' };
}

function list(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return ids.length > 0 ? ids : undefined;
}

/** Seconds → ms, within bounds; anything unreadable keeps the default. */
function seconds(value: string | null, fallbackMs: number, minS: number, maxS: number): number {
  if (value === null || value.trim() === '') return fallbackMs;
  const n = Number(value);
  if (!Number.isFinite(n)) return fallbackMs;
  return Math.round(Math.min(maxS, Math.max(minS, n)) * 1000);
}

export function parseParams(search: string): DisplayParams {
  const q = new URLSearchParams(search);
  const overscan = Number(q.get('overscan') ?? '0');
  const d = DEFAULT_PARAMS;
  return {
    counters: list(q.get('counters')),
    services: list(q.get('services')),
    overscan: Number.isFinite(overscan) ? Math.min(10, Math.max(0, overscan)) : 0,
    pageMs: seconds(q.get('page'), d.pageMs, 1, 600),
    staleMs: seconds(q.get('stale'), d.staleMs, 1, 3600),
    watchdogMs: seconds(q.get('watchdog'), d.watchdogMs, 2, 86_400),
    heartbeatMs: seconds(q.get('heartbeat'), d.heartbeatMs, 1, 3600),
    refreshMs: seconds(q.get('refresh'), d.refreshMs, 1, 3600),
    callMaxAgeMs: seconds(q.get('callMaxAge'), d.callMaxAgeMs, 1, 3600),
    test: q.has('test'),
  };
}
