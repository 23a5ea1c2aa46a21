/**
 * Everything a client can observe about one office, in a form two stores can be compared by:
 * configuration, state, the whole event log, and every ticket any event mentions.
 */
import type { TicketStore } from '../../server/store/types.js';
import type { OfficeConfig, OfficeEvent, OfficeState, Ticket } from '../../shared/domain/types.js';

export interface OfficeDump {
  config: OfficeConfig | undefined;
  state: OfficeState;
  events: OfficeEvent[];
  tickets: Record<string, Ticket | undefined>;
}

/** Every event after `afterSeq`, paging through eventsSince. */
export async function allEvents(store: TicketStore, officeId: string, afterSeq = 0): Promise<OfficeEvent[]> {
  const out: OfficeEvent[] = [];
  let after = afterSeq;
  for (;;) {
    const page = await store.eventsSince(officeId, after, 1000);
    out.push(...page.events);
    const last = page.events.at(-1);
    if (!last || last.seq >= page.seq) return out;
    after = last.seq;
  }
}

/** Ticket ids an event mentions (the ticket and, for a transfer, the replaced one). */
export function ticketIdsOf(e: OfficeEvent): string[] {
  const ids: string[] = [];
  if (e.ticket) ids.push(e.ticket.id);
  if (e.from) ids.push(e.from.id);
  return ids;
}

export async function dumpOffice(store: TicketStore, officeId: string): Promise<OfficeDump> {
  const events = await allEvents(store, officeId);
  const ids = [...new Set(events.flatMap(ticketIdsOf))].sort();
  const tickets: Record<string, Ticket | undefined> = {};
  for (const id of ids) tickets[id] = await store.getTicket(officeId, id);
  return {
    config: await store.getOffice(officeId),
    state: await store.getState(officeId),
    events,
    tickets,
  };
}
