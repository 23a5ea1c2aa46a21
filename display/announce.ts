/**
 * Which calls the hall display announces. The display's picture changes for many reasons; only a
 * call that a citizen can still act on is spoken:
 *
 * - a `ticket:called` or `ticket:recalled` that arrives live (one event, applied at once), or one
 *   caught up after a reconnect or a `seq` gap — but then only if, in the picture after the whole
 *   catch-up, the ticket is still `called` at that counter (not already served, done, no-show,
 *   transferred) and the call is younger than `maxAgeMs` by the server's clock: "1005 to counter 3"
 *   two minutes late sends people to the wrong place;
 * - never the calls contained in the first snapshot (they are shown, not spoken);
 * - only calls at the display's zone;
 * - a ticket called and then recalled within one catch-up is announced once, as its latest call.
 *
 * The announcer (voice/announcer.ts) then keeps them in order, one at a time, and drops duplicates
 * (same ticket, same recall count) and calls gone stale while waiting their turn.
 */
import type { Snapshot } from '../shared/protocol/events.js';
import type { CallNotice } from '../web/live-office.js';
import type { CallToAnnounce } from './voice/announcer.js';

export interface AnnouncePolicy {
  /** Server epoch ms now. */
  now: number;
  maxAgeMs: number;
  inZone: (counterId: string) => boolean;
}

export function callsToAnnounce(
  calls: CallNotice[],
  state: Snapshot,
  policy: AnnouncePolicy,
): CallToAnnounce[] {
  const latest = new Map<string, CallNotice>();
  for (const call of calls) {
    latest.delete(call.ticketId); // keep batch order by the ticket's last call
    latest.set(call.ticketId, call);
  }
  const out: CallToAnnounce[] = [];
  for (const call of latest.values()) {
    if (!policy.inZone(call.counterId)) continue;
    const counter = state.counters.find((c) => c.id === call.counterId);
    const current = counter?.currentTicket;
    if (!counter || current?.id !== call.ticketId || current.status !== 'called') continue;
    if (policy.now - call.at > policy.maxAgeMs) continue;
    out.push({
      ticketId: call.ticketId,
      recalls: call.recalls,
      ticketNumber: call.number,
      counterNumber: counter.number,
      at: call.at,
    });
  }
  return out;
}
