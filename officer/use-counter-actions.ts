/**
 * The console's counter actions: one requestId per user action, one action in flight at a time
 * (every action button is disabled meanwhile, and a second key press is ignored at once, before any
 * re-render), retries with the same requestId, and a failure kept with its requestId so "Thử lại"
 * sends the very same action again.
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import { ApiError, NetworkError } from '../web/api.js';
import type { CommandResult, CounterAction } from '../shared/protocol/http.js';
import { sendCounterCommand, type CounterCommand } from './commands.js';
import { newRequestId } from './request-id.js';

export interface ActionFailure {
  code: string;
  command: CounterCommand;
  /** Network failures may be retried with the same requestId. */
  retryable: boolean;
}

export interface CounterActions {
  busy: CounterAction | null;
  retrying: boolean;
  failure: ActionFailure | null;
  /** Starts a new user action (a fresh requestId); ignored while another one is in flight. */
  run(action: CounterAction, body?: Record<string, unknown>): Promise<CommandResult | undefined>;
  /** Sends the failed action again with its requestId. */
  retry(): Promise<CommandResult | undefined>;
  dismiss(): void;
}

export function errorCode(err: unknown): string {
  if (err instanceof ApiError) return err.code;
  if (err instanceof NetworkError) return 'NETWORK';
  return 'UNKNOWN';
}

export function useCounterActions(
  officeId: string,
  counterId: string,
  onResult: (result: CommandResult, command: CounterCommand) => void,
): CounterActions {
  const [busy, setBusy] = useState<CounterAction | null>(null);
  const [retrying, setRetrying] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const inFlight = useRef(false);
  const resultRef = useRef(onResult);
  resultRef.current = onResult;

  const send = useCallback(
    async (command: CounterCommand): Promise<CommandResult | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setBusy(command.action);
      setFailure(null);
      try {
        const result = await sendCounterCommand(officeId, counterId, command, () => setRetrying(true));
        resultRef.current(result, command);
        return result;
      } catch (err) {
        const code = errorCode(err);
        setFailure({ code, command, retryable: code === 'NETWORK' || code === 'UNAVAILABLE' });
        return undefined;
      } finally {
        inFlight.current = false;
        setBusy(null);
        setRetrying(false);
      }
    },
    [officeId, counterId],
  );

  const run = useCallback(
    (action: CounterAction, body: Record<string, unknown> = {}) =>
      send({ action, body, requestId: newRequestId() }),
    [send],
  );

  const retry = useCallback(
    () => (failure ? send(failure.command) : Promise.resolve(undefined)),
    [failure, send],
  );

  return { busy, retrying, failure, run, retry, dismiss: () => setFailure(null) };
}
