/**
 * The office a paired device serves, kept fresh: `GET /api/offices/:officeId` (its public
 * configuration: names, counters, voice settings, notices, hours) and `GET /api/auth/me` (is the
 * token still good?) at start, every `refreshMs`, and when asked (after a reconnect, the office may
 * have changed meanwhile). A 401 means the device was revoked.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MeReply } from '../shared/protocol/accounts.js';
import type { PublicOffice } from '../shared/protocol/http.js';
import { noteServerDate } from './server-clock.js';
import { api, ApiError, isUnauthenticated } from './api.js';
import type { PairedDevice } from './device-storage.js';

export const OFFICE_REFRESH_MS = 60_000;
/** While the server does not answer. */
export const OFFICE_RETRY_MS = 5_000;

export interface DeviceOffice {
  office: PublicOffice | undefined;
  /** The last refresh got no answer: what is shown may be old. */
  unreachable: boolean;
  /** Refresh now (also checks the token). */
  refresh: () => void;
}

export function useDeviceOffice(
  device: PairedDevice,
  opts: { refreshMs?: number | undefined; onRevoked: () => void },
): DeviceOffice {
  const [office, setOffice] = useState<PublicOffice | undefined>(undefined);
  const [unreachable, setUnreachable] = useState(false);
  const refreshNow = useRef<() => void>(() => undefined);
  const revoked = useRef(opts.onRevoked);
  revoked.current = opts.onRevoked;
  const every = opts.refreshMs ?? OFFICE_REFRESH_MS;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), ms);
    };
    const run = async () => {
      try {
        const [me, next] = await Promise.all([
          api<MeReply>('/api/auth/me', { token: device.token }),
          api<PublicOffice>(`/api/offices/${encodeURIComponent(device.officeId)}`, { token: device.token }),
        ]);
        if (stopped) return;
        if (me.kind !== 'device') throw new ApiError(401, 'UNAUTHENTICATED');
        // The server's own time (ms, and the test clock in tests): better than the Date header.
        noteServerDate(next.now);
        // Keep the same object when nothing changed (the time aside): no re-render, no re-configured voice.
        const unchanged = (old: PublicOffice) =>
          JSON.stringify({ ...old, now: 0 }) === JSON.stringify({ ...next, now: 0 });
        setOffice((old) => (old && unchanged(old) ? old : next));
        setUnreachable(false);
        schedule(every);
      } catch (err) {
        if (stopped) return;
        if (isUnauthenticated(err)) {
          revoked.current();
          return;
        }
        setUnreachable(true);
        schedule(OFFICE_RETRY_MS);
      }
    };
    refreshNow.current = () => schedule(0);
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
      refreshNow.current = () => undefined;
    };
  }, [device.token, device.officeId, every]);

  const refresh = useCallback(() => refreshNow.current(), []);
  return { office, unreachable, refresh };
}
