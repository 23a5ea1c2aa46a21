/**
 * What the server knows at a moment, as the estimator's `ReplayInput`: read from the memory
 * engine's runtime through the same accessors the server uses (`state`, `waitingLists`, `ticket`),
 * never from the simulator's hidden truth.
 */
import type { OfficeRuntime } from '../../../server/store/memory/office-runtime.js';
import { businessDate } from '../../../shared/domain/calendar.js';
import { counterListId, serviceListId } from '../../../shared/domain/policy.js';
import type { ReplayCounter, ReplayInput } from '../../../shared/domain/wait-time/types.js';
import type { OfficeConfig, Ticket } from '../../../shared/domain/types.js';

/** Every waiting list of an office: per service and class, and per counter and class (transfers). */
export function allListIds(office: OfficeConfig): string[] {
  const ids: string[] = [];
  for (const priority of [true, false]) {
    for (const s of office.services) ids.push(serviceListId(s.id, priority));
    for (const c of office.counters) ids.push(counterListId(c.id, priority));
  }
  return ids;
}

/** More than any office has waiting. */
const ALL = 1_000_000;

/** The live picture at `now`: counters (with the ticket each holds) and today's waiting tickets. */
export function replayInput(rt: OfficeRuntime, now: number, listIds: readonly string[]): ReplayInput {
  const office = rt.config;
  const today = businessDate(now, office.timeZone);
  const state = rt.state(today);
  const counters: ReplayCounter[] = state.counters.map((c) => {
    const rc: ReplayCounter = {
      id: c.id,
      status: c.status,
      normalsSincePriority: c.normalsSincePriority,
      since: c.since,
    };
    if (c.currentTicketId !== undefined) {
      const t = rt.ticket(c.currentTicketId);
      rc.busy = { serviceId: t.serviceId, since: t.servingAt ?? t.calledAt ?? now };
    }
    return rc;
  });
  const lists = rt.waitingLists(today, listIds, ALL).lists;
  const waiting: Ticket[] = [];
  for (const id of listIds) for (const t of lists[id] ?? []) waiting.push(t);
  return { office, now, counters, waiting };
}
