/**
 * The office a paired device serves, kept fresh: `GET /api/offices/:officeId` (its public
 * configuration: names, counters, voice settings, notices, hours) and `GET /api/auth/me` (is the
 * token still good? the device's own settings) at start, every `refreshMs`, when asked (after a
 * reconnect, the office may have changed meanwhile) and, with `refreshAtOpening`, just after the
 * office's `nextOpening`, so a closed screen opens on time. A 401 means the device was revoked.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MeReply } from '../shared/protocol/accounts.js';
import type { PublicOffice } from '../shared/protocol/http.js';
import type { PrinterMode } from '../shared/protocol/printing.js';
import { noteServerDate, serverNow } from './server-clock.js';
import { api, ApiError, isUnauthenticated } from './api.js';
import type { PairedDevice } from './device-storage.js';

export const OFFICE_REFRESH_MS = 60_000;
/** While the server does not answer. */
export const OFFICE_RETRY_MS = 5_000;

export interface DeviceOffice {
  office: PublicOffice | undefined;
  /** How the device prints (a kiosk's setting; `none` for a display). */
  printerMode: PrinterMode;
  /** The last refresh got no answer: what is shown may be old. */
  unreachable: boolean;
  /** Refresh now (also checks the token). */
  refresh: () => void;
  /**
   * Changes the office shown until the next refresh: for what the app learnt before the server's
   * configuration says it (an issue refused because the office just closed).
   */
  amend: (change: (office: PublicOffice) => PublicOffice) => void;
}

export interface DeviceOfficeOptions {
  refreshMs?: number | undefined;
  /** Refresh a second after `nextOpening` too, when that comes before the next regular refresh. */
  refreshAtOpening?: boolean | undefined;
  onRevoked: () => void;
}

export function useDeviceOffice(device: PairedDevice, opts: DeviceOfficeOptions): DeviceOffice {
  const [office, setOffice] = useState<PublicOffice | undefined>(undefined);
  const [printerMode, setPrinterMode] = useState<PrinterMode>('none');
  const [unreachable, setUnreachable] = useState(false);
  const refreshNow = useRef<() => void>(() => undefined);
  const revoked = useRef(opts.onRevoked);
  revoked.current = opts.onRevoked;
  const every = opts.refreshMs ?? OFFICE_REFRESH_MS;
  const atOpening = opts.refreshAtOpening ?? false;

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
        setPrinterMode(me.device.printer?.mode ?? 'none');
        setUnreachable(false);
        let delay = every;
        if (atOpening && next.nextOpening !== undefined) {
          delay = Math.min(delay, Math.max(1_000, next.nextOpening - serverNow() + 1_000));
        }
        schedule(delay);
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
  }, [device.token, device.officeId, every, atOpening]);

  const refresh = useCallback(() => refreshNow.current(), []);
  const amend = useCallback<DeviceOffice['amend']>((change) => setOffice((o) => o && change(o)), []);
  return { office, printerMode, unreachable, refresh, amend };
}
