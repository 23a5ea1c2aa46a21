/**
 * The citizen's view of a ticket, one function for both transports: `GET /api/tickets/:ticketId`
 * and the socket's `ticket:watch` answer the same thing. No personal data: no priority (nor its
 * reason), no officer, no channel — only what the phone page shows.
 */
import type { CounterConfig, OfficeConfig, Ticket } from '../../shared/domain/types.js';
import { businessDate } from '../../shared/domain/calendar.js';
import { QueueError } from '../../shared/protocol/errors.js';
import type { PublicTicket } from '../../shared/protocol/http.js';
import { aheadOf } from '../routes/common.js';
import type { EstimateService } from '../estimates/estimate-service.js';
import type { Clock, TicketStore } from '../store/types.js';

/** Transfers followed for the phone page (a ticket is rarely moved more than twice). */
export const MAX_TRANSFER_HOPS = 10;

/**
 * The ticket a citizen's id stands for now: the citizen holds the QR of the ticket they were
 * given, so after a transfer it is the entry that replaced it (and so on). Undefined when unknown.
 */
export async function currentTicket(store: TicketStore, ticketId: string): Promise<Ticket | undefined> {
  let ticket = await store.findTicket(ticketId);
  for (let hop = 0; hop < MAX_TRANSFER_HOPS && ticket?.transferredTo !== undefined; hop++) {
    const next = await store.getTicket(ticket.officeId, ticket.transferredTo);
    if (!next) break;
    ticket = next;
  }
  return ticket;
}

/**
 * The counter a ticket is at, as the citizen sees it (number and name), while it is called or
 * served there; undefined otherwise.
 */
export function publicCounter(
  office: OfficeConfig,
  ticket: Ticket,
): Pick<CounterConfig, 'id' | 'number' | 'name'> | undefined {
  if ((ticket.status !== 'called' && ticket.status !== 'serving') || ticket.counterId === undefined) {
    return undefined;
  }
  const counter = office.counters.find((c) => c.id === ticket.counterId);
  return counter && { id: counter.id, number: counter.number, name: counter.name };
}

/**
 * The public status of the ticket `ticketId` stands for (transfers followed); TICKET_NOT_FOUND for
 * an unknown id or one whose office is gone.
 *
 * @example
 * ```ts
 * const view = await publicTicket(store, clock, req.params.ticketId); // { number: '1001', status: 'waiting', ahead: 2, … }
 * ```
 */
export async function publicTicket(
  store: TicketStore,
  clock: Clock,
  ticketId: string,
  estimates?: Pick<EstimateService, 'estimateFor'>,
): Promise<PublicTicket> {
  const ticket = await currentTicket(store, ticketId);
  const office = ticket && (await store.officeConfig(ticket.officeId));
  if (!ticket || !office) throw new QueueError('TICKET_NOT_FOUND');
  const service = office.services.find((s) => s.id === ticket.serviceId);
  const out: PublicTicket = {
    id: ticket.id,
    officeId: ticket.officeId,
    number: ticket.number,
    serviceId: ticket.serviceId,
    service: service?.name ?? { vi: ticket.serviceId, en: ticket.serviceId },
    status: ticket.status,
    businessDate: ticket.businessDate,
    issuedAt: ticket.issuedAt,
    ahead: await aheadOf(store, office, ticket, clock),
    // Numbering restarts every day: yesterday's waiting ticket is never called again.
    expired: ticket.businessDate < businessDate(clock(), office.timeZone),
  };
  if (ticket.status === 'waiting' && estimates) out.estimate = estimates.estimateFor(office, ticket, clock());
  if ((ticket.status === 'called' || ticket.status === 'serving') && ticket.counterId !== undefined) {
    const counter = publicCounter(office, ticket);
    if (counter) out.counter = counter;
    if (ticket.calledAt !== undefined) out.calledAt = ticket.calledAt;
  }
  return out;
}
