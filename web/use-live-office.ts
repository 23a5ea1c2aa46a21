/**
 * LiveOffice as a Preact hook: one connection per paired device — or per signed-in page, with an
 * empty token (the server then reads the session cookie of the handshake) — re-made only if the
 * token or office changes, its view as state, and the latest callbacks without reconnecting for them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PairedDevice } from './device-storage.js';
import { LiveOffice, type CallNotice, type LiveView } from './live-office.js';
import type { Snapshot } from '../shared/protocol/events.js';

export interface UseLiveOfficeOptions {
  heartbeatMs?: number | undefined;
  onCalls?: (calls: CallNotice[], state: Snapshot) => void;
  onAuthDoubt?: () => void;
  onReconnect?: () => void;
}

const INITIAL: LiveView = {
  snapshot: undefined,
  connected: false,
  confirmedAt: undefined,
  syncedAt: undefined,
  downSince: undefined,
};

export function useLiveOffice(
  device: Pick<PairedDevice, 'token' | 'officeId'>,
  opts: UseLiveOfficeOptions = {},
): { view: LiveView; live: LiveOffice | undefined } {
  const [view, setView] = useState<LiveView>(INITIAL);
  const [live, setLive] = useState<LiveOffice | undefined>(undefined);
  const callbacks = useRef(opts);
  callbacks.current = opts;
  const { heartbeatMs } = opts;

  useEffect(() => {
    const office = new LiveOffice({
      token: device.token,
      officeId: device.officeId,
      ...(heartbeatMs !== undefined && { heartbeatMs }),
      onView: setView,
      onCalls: (calls, state) => callbacks.current.onCalls?.(calls, state),
      onAuthDoubt: () => callbacks.current.onAuthDoubt?.(),
      onReconnect: () => callbacks.current.onReconnect?.(),
    });
    office.start();
    setLive(office);
    return () => {
      office.stop();
      setLive(undefined);
    };
  }, [device.token, device.officeId, heartbeatMs]);

  return { view, live };
}
