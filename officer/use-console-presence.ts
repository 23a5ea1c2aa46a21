/**
 * One browser per counter, the console's half: on every connect of the live socket (the first and
 * each reconnect: rooms do not survive one) it attaches to its counter (`counter:attach`) and learns
 * whether another browser works it too. Then:
 * - 'alone': nobody else — work as usual;
 * - 'others': another browser (tab, PC) has it open — warn, and work only once the officer chooses
 *   to take over (`takeOver`: the others are told and stop);
 * - 'replaced': another browser took over — this page stops until it takes the counter back. It
 *   does not attach by itself again (after a reconnect either): it would count as a second browser
 *   at the counter it no longer works.
 * Unknown (no answer yet, the socket down) counts as 'alone': actions still go over HTTP while the
 * live connection is down, and the presence check must not stop a counter by itself.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LiveOffice } from '../web/live-office.js';

export type PresenceState = 'alone' | 'others' | 'replaced';

export interface ConsolePresence {
  state: PresenceState;
  /** The other consoles at the counter when last counted ('others'). */
  others: number;
  /** A take-over is on its way. */
  busy: boolean;
  /** Why the last take-over failed (an API error code; NETWORK while disconnected), else null. */
  failure: string | null;
  /** Work here: every other console at the counter is told, and stops. */
  takeOver(): void;
}

function codeOf(err: unknown): string {
  const code = err instanceof Error ? err.message : '';
  return code === 'DISCONNECTED' || code === 'TIMEOUT' ? 'NETWORK' : code || 'UNKNOWN';
}

export function useConsolePresence(
  live: LiveOffice | undefined,
  connected: boolean,
  officeId: string,
  counterId: string,
): ConsolePresence {
  const [seen, setSeen] = useState<{ state: PresenceState; others: number }>({ state: 'alone', others: 0 });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Read by answers arriving later: the latest truth, not the render's.
  const replaced = useRef(false);
  const taking = useRef(false);

  // Every connect: attach, never taking over by itself.
  useEffect(() => {
    if (!live || !connected || replaced.current) return;
    let stale = false;
    live.request('counter:attach', { officeId, counterId }).then(
      ({ others }) => {
        if (stale || replaced.current || taking.current) return;
        setSeen({ state: others > 0 ? 'others' : 'alone', others });
      },
      // Down again (the next connect asks again), or refused (the session check ends the console).
      () => undefined,
    );
    return () => {
      stale = true;
    };
  }, [live, connected, officeId, counterId]);

  useEffect(() => {
    if (!live) return;
    return live.listen('counter:replaced', (notice) => {
      if (notice.officeId !== officeId || notice.counterId !== counterId) return;
      replaced.current = true;
      setFailure(null);
      setSeen({ state: 'replaced', others: 0 });
    });
  }, [live, officeId, counterId]);

  // Leaving the console: no longer at the counter (a disconnect, as when the page goes, does it too).
  useEffect(() => {
    if (!live) return;
    return () => {
      live.request('counter:detach', { officeId, counterId }).catch(() => undefined);
    };
  }, [live, officeId, counterId]);

  const takeOver = () => {
    if (!live || taking.current) return;
    taking.current = true;
    setBusy(true);
    setFailure(null);
    live
      .request('counter:attach', { officeId, counterId, takeOver: true })
      .then(
        () => {
          replaced.current = false;
          setSeen({ state: 'alone', others: 0 });
        },
        (err: unknown) => setFailure(codeOf(err)),
      )
      .finally(() => {
        taking.current = false;
        setBusy(false);
      });
  };

  return { ...seen, busy, failure, takeOver };
}
