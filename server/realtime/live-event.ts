/**
 * Engine events and state → what sockets receive, in the HTTP API's views (one vocabulary for
 * both transports): live events per audience, snapshots as `GET …/snapshot` answers them.
 */
import type { OfficeConfig, OfficeEvent, Ticket } from '../../shared/domain/types.js';
import { QueueError } from '../../shared/protocol/errors.js';
import type {
  DeviceTicketView,
  LiveAudience,
  LiveEvent,
  Snapshot,
  TicketChange,
} from '../../shared/protocol/events.js';
import type { TicketView } from '../../shared/protocol/http.js';
import { publicCounter } from '../operations/public-ticket.js';
import { counterView, ticketView } from '../routes/common.js';
import { snapshotOf } from '../routes/offices.js';
import type { TicketStore } from '../store/types.js';

function shapeTicket(view: TicketView, audience: LiveAudience): TicketView | DeviceTicketView {
  if (audience === 'staff' || view.priorityReason === undefined) return view;
  const { priorityReason: _omitted, ...rest } = view;
  return rest;
}

/** The engine's event as `audience` receives it (broadcasts and replays alike). */
export function toLiveEvent(event: OfficeEvent, audience: LiveAudience): LiveEvent {
  const live: LiveEvent = { officeId: event.officeId, seq: event.seq, at: event.at, type: event.type };
  if (event.ticket) live.ticket = shapeTicket(ticketView(event.ticket), audience);
  if (event.from) live.from = shapeTicket(ticketView(event.from), audience);
  if (event.counter) live.counter = counterView(event.counter);
  return live;
}

/**
 * One ticket of an event (its `ticket`, or the `from` of a transfer) as its watchers receive it.
 * Fields are picked one by one: nothing personal (priority, its reason, officer, channel) can slip
 * in with a field added to Ticket later. Without the office's configuration (the store failed) the
 * counter is left out; the page then asks `GET /api/tickets/:ticketId`.
 */
export function toTicketChange(
  event: OfficeEvent,
  ticket: Ticket,
  office: OfficeConfig | undefined,
): TicketChange {
  const change: TicketChange = {
    id: ticket.id,
    officeId: event.officeId,
    seq: event.seq,
    at: event.at,
    type: event.type,
    status: ticket.status,
    number: ticket.number,
    serviceId: ticket.serviceId,
    recalls: ticket.recalls,
  };
  const counter = office && publicCounter(office, ticket);
  if (counter) change.counter = counter;
  if (counter && ticket.calledAt !== undefined) change.calledAt = ticket.calledAt;
  if (ticket.transferredTo !== undefined) change.transferredTo = ticket.transferredTo;
  return change;
}

/** The office's snapshot now (OFFICE_NOT_FOUND for an unknown office). */
export async function snapshot(store: TicketStore, officeId: string): Promise<Snapshot> {
  const office = await store.getOffice(officeId);
  if (!office) throw new QueueError('OFFICE_NOT_FOUND');
  return snapshotOf(store, office, await store.getState(officeId));
}
