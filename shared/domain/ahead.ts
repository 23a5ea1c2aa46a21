/**
 * "People ahead of you": what a kiosk prints and the phone page shows. Computed from the ticket's
 * own queue (its service's lists, or — after a transfer to one counter — that counter's lists) and
 * the office's calling policy, as if one counter served that queue:
 *
 * - tickets of the same class (priority or normal) before it in the list order always count;
 * - the other class counts as the policy would interleave it:
 *   - `strict` (and `oldest` with `priorityEvery: 0`): every waiting priority ticket is ahead of a
 *     normal one; no normal ticket is ahead of a priority one;
 *   - `ageing`: the sort keys already hold the class head start, so whoever sorts first is ahead;
 *   - `oldest` with one priority per N normal calls: a counter with priority due calls a priority
 *     ticket first and then one after every N normal ones, so a normal ticket with k normal tickets
 *     before it has min(P, 1 + ⌊k / N⌋) priority tickets ahead, and a priority ticket with p
 *     priority tickets before it has min(W, p × N) normal ones ahead (P, W: the other class's count).
 *
 * Tickets of other services that share the same counters are not counted: they slow the queue
 * (the wait-time estimate's business), but nobody is in front of you in *your* line because of them.
 */
import type { CallingPolicy, Ticket } from './types.js';

/** Counts within one queue, read at one instant; "before" is in list order (sortKey, ordinal). */
export interface QueuePosition {
  /** Waiting tickets of the ticket's own list (same queue, same class) before it. */
  sameClassBefore: number;
  /** Waiting tickets of the other class (priority ↔ normal) of the same queue before it. */
  otherClassBefore: number;
  /** Waiting tickets of the other class of the same queue. */
  otherClassTotal: number;
}

/**
 * The number of people the policy calls before this waiting ticket (see the module comment).
 *
 * @example
 *   peopleAhead({ kind: 'strict' }, { priority: false }, { sameClassBefore: 3, otherClassBefore: 0, otherClassTotal: 2 }) // 5
 */
export function peopleAhead(
  policy: CallingPolicy,
  ticket: Pick<Ticket, 'priority'>,
  pos: QueuePosition,
): number {
  const same = pos.sameClassBefore;
  let other: number;
  if (policy.kind === 'strict' || (policy.kind === 'oldest' && policy.priorityEvery === 0)) {
    other = ticket.priority ? 0 : pos.otherClassTotal;
  } else if (policy.kind === 'ageing') {
    other = pos.otherClassBefore;
  } else {
    const n = policy.priorityEvery;
    other = ticket.priority
      ? Math.min(pos.otherClassTotal, same * n)
      : Math.min(pos.otherClassTotal, 1 + Math.floor(same / n));
  }
  return same + other;
}
