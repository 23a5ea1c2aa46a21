/**
 * The calling policy: which waiting ticket a counter calls next. `pickNext` is the one function
 * used by the memory engine, the simulator and the wait-time estimator; the Redis engine's
 * callNext Lua script implements the same comparison over the same sort keys, and the
 * differential test (tests/contract/differential.test.ts) proves the two agree.
 *
 * Waiting tickets live in lists: one per service and class (`s:<service>:p|n`) and one per counter
 * and class for tickets transferred to that counter only (`c:<counter>:p|n`). Inside a list the
 * order is static: ascending (sortKey, ordinal). Every policy is expressed through those keys, so a
 * counter only ever compares the heads of its lists — O(services × log n), flat in queue length.
 */
import type { CallingPolicy, CounterConfig, OfficeConfig, Ticket } from './types.js';

/** Sort keys of tickets put at the front sit this far before any real time (≈ 317 years). */
export const FRONT_OFFSET_MS = 10_000_000_000_000;

/** A counter that has never called a priority ticket counts as "priority due". */
export const PRIORITY_DUE = 1_000_000;

export type ListClass = 'p' | 'n';
export const classOf = (priority: boolean): ListClass => (priority ? 'p' : 'n');

export const serviceListId = (serviceId: string, priority: boolean): string =>
  `s:${serviceId}:${classOf(priority)}`;
export const counterListId = (counterId: string, priority: boolean): string =>
  `c:${counterId}:${classOf(priority)}`;

/** The list a waiting ticket sits in. */
export function listIdOf(ticket: Pick<Ticket, 'serviceId' | 'priority' | 'targetCounterId'>): string {
  return ticket.targetCounterId !== undefined
    ? counterListId(ticket.targetCounterId, ticket.priority)
    : serviceListId(ticket.serviceId, ticket.priority);
}

/** Every waiting list an office can have: each service's and each counter's, both classes. */
export function officeListIds(office: Pick<OfficeConfig, 'services' | 'counters'>): string[] {
  return [
    ...office.services.flatMap((s) => [serviceListId(s.id, true), serviceListId(s.id, false)]),
    ...office.counters.flatMap((c) => [counterListId(c.id, true), counterListId(c.id, false)]),
  ];
}

const minutesToMs = (weight: number, alphaPerMinute: number): number =>
  Math.round((weight / alphaPerMinute) * 60_000);

/**
 * Ageing: score(t) = w + α·(t − issuedAt)/min is highest for the smallest issuedAt − w/α, so the
 * class weight becomes a fixed head start in the sort key and no score ever needs recomputing.
 */
export function classHeadStartMs(policy: CallingPolicy, priority: boolean): number {
  return policy.kind === 'ageing' && priority ? minutesToMs(policy.priorityWeight, policy.alphaPerMinute) : 0;
}

/** Sort key of a ticket entering a list at its issue time. */
export function issueSortKey(policy: CallingPolicy, priority: boolean, issuedAt: number): number {
  return issuedAt - classHeadStartMs(policy, priority);
}

/** Sort key for a ticket put back into a queue (transfer or requeue). */
export function placementSortKey(
  policy: CallingPolicy,
  position: 'front' | 'back' | 'issueTime',
  ticket: Pick<Ticket, 'priority' | 'issuedAt'>,
  now: number,
): number {
  if (position === 'front') return now - FRONT_OFFSET_MS;
  if (position === 'back') return now;
  return issueSortKey(policy, ticket.priority, ticket.issuedAt);
}

/** One list a counter may call from, in its preference order. */
export interface CandidateList {
  listId: string;
  priority: boolean;
  /** Ageing only: the counter's service weight as a head start (ms). */
  headStartMs: number;
}

/** The lists a counter calls from: its own transfers first, then its services in preference order. */
export function candidateLists(counter: CounterConfig, policy: CallingPolicy): CandidateList[] {
  const lists: CandidateList[] = [];
  for (const priority of [true, false]) {
    lists.push({ listId: counterListId(counter.id, priority), priority, headStartMs: 0 });
    for (const s of counter.services) {
      const headStartMs =
        policy.kind === 'ageing' && s.weight ? minutesToMs(s.weight, policy.alphaPerMinute) : 0;
      lists.push({ listId: serviceListId(s.serviceId, priority), priority, headStartMs });
    }
  }
  return lists;
}

export interface QueueHead {
  ticketId: string;
  sortKey: number;
  ordinal: number;
}

/** Read access to the heads of the waiting lists (of the current business day). */
export interface QueueView {
  head(listId: string): QueueHead | undefined;
}

export interface Choice {
  list: CandidateList;
  head: QueueHead;
}

const before = (a: Choice, b: Choice): boolean => {
  const ka = a.head.sortKey - a.list.headStartMs;
  const kb = b.head.sortKey - b.list.headStartMs;
  return ka < kb || (ka === kb && a.head.ordinal < b.head.ordinal);
};

/**
 * The next ticket for a counter, or undefined when nothing it may call is waiting.
 *
 * @example
 *   const next = pickNext(candidateLists(counter, office.policy), queue, office.policy, state.normalsSincePriority);
 */
export function pickNext(
  lists: readonly CandidateList[],
  queue: QueueView,
  policy: CallingPolicy,
  normalsSincePriority: number,
): Choice | undefined {
  let bestP: Choice | undefined; // ageing: the best of all lists
  let bestN: Choice | undefined;
  for (const list of lists) {
    const head = queue.head(list.listId);
    if (!head) continue;
    const candidate = { list, head };
    if (policy.kind === 'strict') {
      // Lists come priority-first, then in the counter's preference order: the first non-empty wins.
      return candidate;
    }
    if (policy.kind === 'ageing' || list.priority) {
      if (!bestP || before(candidate, bestP)) bestP = candidate;
    } else if (!bestN || before(candidate, bestN)) {
      bestN = candidate;
    }
  }
  if (policy.kind !== 'oldest') return bestP;
  if (bestP && (!bestN || normalsSincePriority >= policy.priorityEvery)) return bestP;
  return bestN;
}

/** The interleave counter after a call. */
export function nextNormalsSincePriority(current: number, calledPriority: boolean): number {
  return calledPriority ? 0 : Math.min(current + 1, PRIORITY_DUE);
}
