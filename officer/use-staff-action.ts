/**
 * Room actions of the board and the console's side panels (requeue, cancel, transfer, move, a
 * supervisor's counter commands): one in flight at a time, one requestId per user action, kept with
 * a failure so "Thử lại" sends the very same action again.
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import { newRequestId } from './request-id.js';
import { errorCode } from './use-counter-actions.js';

type Send = (requestId: string) => Promise<unknown>;

export interface StaffActionFailure {
  code: string;
  retryable: boolean;
}

export interface StaffActions {
  /** The key of the action in flight (e.g. "requeue:<ticketId>"), or null. */
  busy: string | null;
  failure: StaffActionFailure | null;
  /** Starts an action (a fresh requestId); ignored while another one is in flight. */
  run(key: string, send: Send): Promise<boolean>;
  retry(): Promise<boolean>;
  dismiss(): void;
}

export function useStaffActions(onDone: () => void): StaffActions {
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<StaffActionFailure | null>(null);
  const inFlight = useRef(false);
  const last = useRef<{ key: string; send: Send; requestId: string } | null>(null);
  const done = useRef(onDone);
  done.current = onDone;

  const attempt = useCallback(async (key: string, send: Send, requestId: string): Promise<boolean> => {
    if (inFlight.current) return false;
    inFlight.current = true;
    last.current = { key, send, requestId };
    setBusy(key);
    setFailure(null);
    try {
      await send(requestId);
      done.current();
      return true;
    } catch (err) {
      const code = errorCode(err);
      setFailure({ code, retryable: code === 'NETWORK' || code === 'UNAVAILABLE' });
      return false;
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  }, []);

  return {
    busy,
    failure,
    run: (key, send) => attempt(key, send, newRequestId()),
    retry: () => {
      const l = last.current;
      return l ? attempt(l.key, l.send, l.requestId) : Promise.resolve(false);
    },
    dismiss: () => setFailure(null),
  };
}
