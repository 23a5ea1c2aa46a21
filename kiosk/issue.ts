/**
 * Issuing a ticket, resilient to a flaky network without ever inventing one: an attempt keeps its
 * requestId across retries (the server answers a repeated requestId with the first ticket), a
 * transient failure (no answer, 5xx) is retried a few times, and the kiosk shows a ticket only when
 * the server's 201 is in hand.
 */
import type { IssuedTicket, IssueTicketBody } from '../shared/protocol/http.js';
import type { PriorityReason } from '../shared/i18n/kiosk.js';
import { api, isTransient } from '../web/api.js';
import { newRequestId } from './request-id.js';

/** One tap on "Lấy số": what was asked for, and the key every retry of it carries. */
export interface IssueAttempt {
  serviceId: string;
  priorityReason?: PriorityReason;
  requestId: string;
}

export function newAttempt(serviceId: string, priorityReason?: PriorityReason): IssueAttempt {
  const attempt: IssueAttempt = { serviceId, requestId: newRequestId() };
  if (priorityReason !== undefined) attempt.priorityReason = priorityReason;
  return attempt;
}

/** Pauses before each retry (ms): about 20 s in all, then the kiosk says it could not connect. */
export const RETRY_DELAYS_MS = [1_000, 2_000, 3_000, 5_000, 8_000];

export interface IssueOptions {
  officeId: string;
  token: string;
  /** Called before each retry: the screen then says "Đang kết nối lại…". */
  onRetry?: (retry: number) => void;
  /** Set when the kiosk gave up on the attempt (reset): stop retrying. */
  cancelled?: () => boolean;
  delays?: readonly number[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The ticket the server issued for `attempt`. Throws an ApiError for a refusal (closed, cap…), or the
 * last transient error once the retries are used up.
 */
export async function issueTicket(attempt: IssueAttempt, opts: IssueOptions): Promise<IssuedTicket> {
  const body: IssueTicketBody = { serviceId: attempt.serviceId, requestId: attempt.requestId };
  if (attempt.priorityReason !== undefined) {
    body.priority = true;
    body.priorityReason = attempt.priorityReason;
  }
  const delays = opts.delays ?? RETRY_DELAYS_MS;
  for (let retry = 0; ; retry++) {
    try {
      return await api<IssuedTicket>(`/api/offices/${encodeURIComponent(opts.officeId)}/tickets`, {
        method: 'POST',
        token: opts.token,
        body,
      });
    } catch (err) {
      const delay = delays[retry];
      if (!isTransient(err) || delay === undefined || opts.cancelled?.()) throw err;
      opts.onRetry?.(retry + 1);
      await sleep(delay);
      if (opts.cancelled?.()) throw err;
    }
  }
}
