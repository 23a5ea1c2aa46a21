/**
 * The office's live picture for a signed-in officer: LiveOffice (web/live-office.ts) on the page's
 * own origin, authenticated by the session cookie (no token: the server reads the handshake's
 * cookie), re-made only when the office changes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { LiveOffice, type CallNotice, type LiveView } from '../web/live-office.js';
import type { Snapshot } from '../shared/protocol/events.js';

const INITIAL: LiveView = {
  snapshot: undefined,
  connected: false,
  confirmedAt: undefined,
  syncedAt: undefined,
  downSince: undefined,
};

export interface OfficerLiveOptions {
  onCalls?: (calls: CallNotice[], state: Snapshot) => void;
  /** The socket was refused or closed by the server: the session may have ended. */
  onAuthDoubt?: () => void;
  onReconnect?: () => void;
}

export function useOfficerLive(officeId: string, opts: OfficerLiveOptions = {}): LiveView {
  const [view, setView] = useState<LiveView>(INITIAL);
  const callbacks = useRef(opts);
  callbacks.current = opts;

  useEffect(() => {
    const office = new LiveOffice({
      token: '',
      officeId,
      onView: setView,
      onCalls: (calls, state) => callbacks.current.onCalls?.(calls, state),
      onAuthDoubt: () => callbacks.current.onAuthDoubt?.(),
      onReconnect: () => callbacks.current.onReconnect?.(),
    });
    office.start();
    return () => office.stop();
  }, [officeId]);

  return view;
}
