/**
 * The last resort of a screen nobody watches: if the live connection stays broken — the socket
 * down for `watchdogMs`, or no subscribe/replay answered for that long while connected — reload
 * the page, which rebuilds everything from a fresh snapshot. Only when the server answers: a
 * reload while it is down would leave the browser on its error page, which never retries.
 * Consecutive reloads that do not get the display back in sync wait twice as long each time (up
 * to 16×), so a server that answers pages but not sockets does not make the TV flicker.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { LiveView } from '../web/live-office.js';

const ATTEMPTS_KEY = 'luot.display.watchdog';

function attempts(): number {
  try {
    return Number(sessionStorage.getItem(ATTEMPTS_KEY) ?? '0') || 0;
  } catch {
    return 0;
  }
}

function setAttempts(n: number): void {
  try {
    if (n === 0) sessionStorage.removeItem(ATTEMPTS_KEY);
    else sessionStorage.setItem(ATTEMPTS_KEY, String(n));
  } catch {
    // No storage: no back-off.
  }
}

/**
 * `heartbeatMs`: how often a connected display re-syncs; a sync older than three of them (or the
 * watchdog's limit, if longer) means the answers stopped coming.
 */
export function useWatchdog(
  view: Pick<LiveView, 'syncedAt' | 'downSince'>,
  watchdogMs: number,
  heartbeatMs: number,
): void {
  const latest = useRef(view);
  latest.current = view;

  // In sync again: the last reload (if any) worked.
  const synced = view.syncedAt !== undefined;
  useEffect(() => {
    if (synced) setAttempts(0);
  }, [synced]);

  useEffect(() => {
    const startedAt = Date.now();
    let probing = false;
    const timer = setInterval(
      () => {
        const { syncedAt, downSince } = latest.current;
        const limit = watchdogMs * 2 ** Math.min(attempts(), 4);
        const now = Date.now();
        const broken =
          (downSince !== undefined && now - downSince > limit) ||
          now - (syncedAt ?? startedAt) > Math.max(limit, 3 * heartbeatMs);
        if (!broken || probing) return;
        probing = true;
        fetch(location.href, { cache: 'no-store' })
          .then((res) => {
            if (!res.ok) return;
            setAttempts(attempts() + 1);
            location.reload();
          })
          .catch(() => undefined)
          .finally(() => (probing = false));
      },
      Math.min(1_000, watchdogMs / 4),
    );
    return () => clearInterval(timer);
  }, [watchdogMs, heartbeatMs]);
}
