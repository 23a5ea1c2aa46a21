/**
 * The office the kiosk serves and the kiosk's own record, kept fresh: fetched at start, every
 * 60 s, when asked (the socket reconnected, an issue was refused), and just after `nextOpening`, so
 * a closed screen turns into services on time. A 401 means the device was revoked.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MeReply } from '../shared/protocol/accounts.js';
import type { PublicOffice } from '../shared/protocol/http.js';
import type { PrinterMode } from '../shared/protocol/printing.js';
import type { KioskClosedReason } from '../shared/i18n/kiosk.js';
import { api, ApiError, serverNow } from './api.js';
import type { PairedDevice } from './device-storage.js';

export const REFRESH_MS = 60_000;
/** While the server does not answer. */
export const RETRY_MS = 5_000;

export interface OfficeFeed {
  office: PublicOffice | undefined;
  printerMode: PrinterMode;
  /** The last refresh got no answer (the office shown may be stale). */
  unreachable: boolean;
  /** Refresh now. */
  refresh: () => void;
  /** The issue route refused because the office closed: show it at once, before the refresh lands. */
  markClosed: (reason: Exclude<KioskClosedReason, 'CAP_REACHED'>, nextOpening: number | undefined) => void;
}

export function useOffice(device: PairedDevice, onRevoked: () => void): OfficeFeed {
  const [office, setOffice] = useState<PublicOffice | undefined>(undefined);
  const [printerMode, setPrinterMode] = useState<PrinterMode>('none');
  const [unreachable, setUnreachable] = useState(false);
  const refreshNow = useRef<() => void>(() => undefined);
  const revoked = useRef(onRevoked);
  revoked.current = onRevoked;

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
        setOffice(next);
        setPrinterMode(me.device.printer?.mode ?? 'none');
        setUnreachable(false);
        let delay = REFRESH_MS;
        if (next.nextOpening !== undefined) {
          delay = Math.min(delay, Math.max(1_000, next.nextOpening - serverNow() + 1_000));
        }
        schedule(delay);
      } catch (err) {
        if (stopped) return;
        if (err instanceof ApiError && err.status === 401) {
          revoked.current();
          return;
        }
        setUnreachable(true);
        schedule(RETRY_MS);
      }
    };
    refreshNow.current = () => schedule(0);
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
      refreshNow.current = () => undefined;
    };
  }, [device.token, device.officeId]);

  const refresh = useCallback(() => refreshNow.current(), []);
  const markClosed = useCallback<OfficeFeed['markClosed']>((reason, nextOpening) => {
    setOffice((o) => {
      if (!o) return o;
      const closed: PublicOffice = { ...o, issuingNow: false, closedReason: reason };
      if (nextOpening !== undefined) closed.nextOpening = nextOpening;
      return closed;
    });
  }, []);

  return { office, printerMode, unreachable, refresh, markClosed };
}
