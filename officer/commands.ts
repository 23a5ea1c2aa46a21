/**
 * Counter actions over HTTP (`POST /api/offices/:officeId/counters/:counterId/<action>`) and the
 * staff ticket issue, each with its `requestId`. A network failure or a 5xx is retried with the SAME
 * requestId: the server answers a repeated requestId with the first result, so a request that
 * reached the server before the answer was lost is not done twice.
 */
import { api, isTransient } from '../web/api.js';
import type { CommandResult, CounterAction, IssuedTicket } from '../shared/protocol/http.js';

/** Waits between attempts (ms); after the last one the action fails and the officer may retry it. */
export const RETRY_DELAYS_MS = [300, 700, 1_500, 2_500, 4_000, 4_000, 4_000];

export interface CounterCommand {
  action: CounterAction;
  /** The action's body without `requestId`. */
  body: Record<string, unknown>;
  requestId: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it answers or fails for good; `onRetry` hears of each retry. */
export async function withRetries<T>(attempt: () => Promise<T>, onRetry?: (n: number) => void): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      const delay = RETRY_DELAYS_MS[n];
      if (!isTransient(err) || delay === undefined) throw err;
      onRetry?.(n + 1);
      await sleep(delay);
    }
  }
}

export function counterPath(officeId: string, counterId: string, action: CounterAction): string {
  return `/api/offices/${encodeURIComponent(officeId)}/counters/${encodeURIComponent(counterId)}/${action}`;
}

export function sendCounterCommand(
  officeId: string,
  counterId: string,
  command: CounterCommand,
  onRetry?: (n: number) => void,
): Promise<CommandResult> {
  const body = { ...command.body, requestId: command.requestId };
  return withRetries(
    () => api<CommandResult>(counterPath(officeId, counterId, command.action), { method: 'POST', body }),
    onRetry,
  );
}

export interface IssueRequest {
  serviceId: string;
  priority?: boolean;
  priorityReason?: string;
  requestId: string;
}

export function issueTicket(officeId: string, request: IssueRequest): Promise<IssuedTicket> {
  return withRetries(() =>
    api<IssuedTicket>(`/api/offices/${encodeURIComponent(officeId)}/tickets`, {
      method: 'POST',
      body: request,
    }),
  );
}
