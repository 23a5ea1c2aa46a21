/**
 * The live picture the estimator replays forward, read from the store: the counters (and since
 * when each works on the ticket it holds), today's waiting tickets of every list, and one
 * hypothetical normal and priority ticket per service (the display's per-service figure, and the
 * estimate handed out with a ticket just issued).
 *
 * One reading of the live state is the server's, not the estimator's: a closed counter will open
 * (again) if an officer is signed in at it, or if no counter of the office works at all (the day
 * has not started, or everyone closed for lunch or a meeting) — it is given to the replay as paused,
 * back after the office's usual pause. A closed counter nobody signed in at while others work stays
 * closed for the day. Without this, a ticket taken at 07:31 before the officers have opened their
 * counters would read "có thể không kịp trong hôm nay".
 */
import { businessDate } from '../../shared/domain/calendar.js';
import { officeListIds } from '../../shared/domain/policy.js';
import { sessionWindows, type SessionWindow } from '../../shared/domain/wait-time/day.js';
import type { OfficeConfig } from '../../shared/domain/types.js';
import type { ReplayCounter, ReplayInput } from '../../shared/domain/wait-time/index.js';
import { MAX_WAITING_PER_LIST, type TicketStore } from '../store/types.js';

/** The key of a service's hypothetical ticket in the estimator's answer. */
export function hypotheticalKey(serviceId: string, priority: boolean): string {
  return `?${serviceId}:${priority ? 'p' : 'n'}`;
}

/** A session is still ahead or under way today. */
function sessionAhead(windows: readonly SessionWindow[], now: number): boolean {
  const last = windows[windows.length - 1];
  return last !== undefined && now < last.close;
}

export async function replayInputOf(
  store: TicketStore,
  office: OfficeConfig,
  now: number,
): Promise<ReplayInput> {
  const listIds = officeListIds(office);
  const [state, waiting] = await Promise.all([
    store.getState(office.id),
    store.waitingLists(office.id, listIds, MAX_WAITING_PER_LIST),
  ]);
  const windows = sessionWindows(office, businessDate(now, office.timeZone));
  const dayStarted = state.counters.some((c) => c.status !== 'closed');
  const ahead = sessionAhead(windows, now);
  const counters = await Promise.all(
    state.counters.map(async (c): Promise<ReplayCounter> => {
      const reopens = c.status === 'closed' && (c.officerId !== undefined || !dayStarted) && ahead;
      const counter: ReplayCounter = {
        id: c.id,
        status: reopens ? 'paused' : c.status,
        normalsSincePriority: c.normalsSincePriority,
        since: reopens ? now : c.since,
      };
      const held =
        c.currentTicketId === undefined ? undefined : await store.getTicket(office.id, c.currentTicketId);
      const started = held?.servingAt ?? held?.calledAt;
      if (held && started !== undefined) counter.busy = { serviceId: held.serviceId, since: started };
      return counter;
    }),
  );
  return {
    office,
    now,
    counters,
    waiting: Object.values(waiting.lists).flat(),
    hypothetical: office.services.flatMap((s) => [
      { key: hypotheticalKey(s.id, false), serviceId: s.id, priority: false },
      { key: hypotheticalKey(s.id, true), serviceId: s.id, priority: true },
    ]),
  };
}
