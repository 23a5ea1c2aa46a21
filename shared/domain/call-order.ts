/**
 * The officer console's waiting list: the order in which one counter would call today's waiting
 * tickets if nothing else happened (no other counter calling, nobody issued, cancelled or
 * transferred meanwhile). It is not a second policy: it runs the engine's own `pickNext` over the
 * heads of the counter's lists again and again, popping each chosen head and advancing the
 * interleave counter exactly as a call does — so its first ticket is, by construction, the one
 * `callNext` calls.
 *
 * Exactness: each list is known only as far as it was read (`TicketStore.waitingLists` reads the
 * first `limitPerList` tickets of each). No list can give more than `limitPerList` of the first
 * `limitPerList` calls, so the first `limitPerList` entries of the order are exact; past them, a
 * list that was cut short would look empty too early. Read with `limitPerList ≥ limit` (the
 * queue route does) and the whole answer is exact.
 */
import { counterOf } from './commands.js';
import { candidateLists, nextNormalsSincePriority, pickNext, type QueueView } from './policy.js';
import type { CounterState, OfficeConfig, Ticket } from './types.js';

/**
 * The first `limit` tickets `counterId` would call, in order, from `lists` (list id → waiting
 * tickets in list order; a list missing counts as empty). Throws UNKNOWN_COUNTER for a counter the
 * office does not have.
 *
 * @example
 *   const lists = candidateLists(counterOf(office, 'c2'), office.policy).map((l) => l.listId);
 *   const waiting = await store.waitingLists(office.id, lists, 50);
 *   callOrder(office, 'c2', counterState, waiting.lists, 50)[0]; // what call-next calls now
 */
export function callOrder(
  office: OfficeConfig,
  counterId: string,
  counterState: Pick<CounterState, 'normalsSincePriority'>,
  lists: Readonly<Record<string, readonly Ticket[]>>,
  limit: number,
): Ticket[] {
  const candidates = candidateLists(counterOf(office, counterId), office.policy);
  /** list id → index of its current head in `lists[listId]` */
  const taken = new Map<string, number>();
  const headOf = (listId: string): Ticket | undefined => lists[listId]?.[taken.get(listId) ?? 0];
  const queue: QueueView = {
    head(listId) {
      const t = headOf(listId);
      return t && { ticketId: t.id, sortKey: t.sortKey, ordinal: t.ordinal };
    },
  };
  let normalsSincePriority = counterState.normalsSincePriority;
  const order: Ticket[] = [];
  while (order.length < limit) {
    const choice = pickNext(candidates, queue, office.policy, normalsSincePriority);
    if (!choice) break;
    const listId = choice.list.listId;
    const ticket = headOf(listId) as Ticket;
    order.push(ticket);
    taken.set(listId, (taken.get(listId) ?? 0) + 1);
    // As a call does (transitions.ts callTicket): by the class of the ticket called.
    normalsSincePriority = nextNormalsSincePriority(normalsSincePriority, ticket.priority);
  }
  return order;
}
