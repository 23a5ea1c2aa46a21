/**
 * Tickets: issue (kiosks of the office, staff of the office), the citizen's public status page
 * (anyone holding the ticket id), and staff's cancel / requeue.
 */
import type { FastifyInstance } from 'fastify';
import type { Command, Ticket } from '../../shared/domain/types.js';
import { QueueError } from '../../shared/protocol/errors.js';
import {
  CommandResultSchema,
  IssuedTicketSchema,
  IssueTicketBodySchema,
  OfficeParamsSchema,
  OfficeTicketParamsSchema,
  PublicTicketSchema,
  RequestOnlyBodySchema,
  RequeueBodySchema,
  TicketParamsSchema,
  type PublicTicket,
} from '../../shared/protocol/http.js';
import type { AppContext } from '../app.js';
import { AUTHENTICATED, TAGS } from '../openapi.js';
import { manageTicket } from '../operations/staff-operations.js';
import { AUTH_ERRORS, aheadOf, errors, guard, typed } from './common.js';

/** Transfers followed for the phone page (a ticket is rarely moved more than twice). */
const MAX_TRANSFER_HOPS = 10;

export async function ticketRoutes(parent: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const app = typed(parent);
  const { store, clock } = opts.ctx;

  app.post(
    '/api/offices/:officeId/tickets',
    {
      ...guard('ticket:issue'),
      schema: {
        tags: [TAGS.tickets],
        summary: 'Issue a ticket',
        description:
          'Kiosks of the office (channel kiosk: only during opening hours, before the cut-off) and staff of the ' +
          'office (channel officer: also outside the hours, for a walk-in). Refusals: OFFICE_CLOSED, PAST_CUTOFF, ' +
          'HOLIDAY (with details.nextOpening), CAP_REACHED, NUMBERS_EXHAUSTED, UNKNOWN_SERVICE.',
        security: AUTHENTICATED,
        params: OfficeParamsSchema,
        body: IssueTicketBodySchema,
        response: {
          201: IssuedTicketSchema,
          ...errors(...AUTH_ERRORS, 'OFFICE_NOT_FOUND', 'OFFICE_CLOSED'),
        },
      },
    },
    async (req, reply) => {
      const { officeId } = req.params;
      const body = req.body;
      const cmd: Extract<Command, { type: 'issue' }> = {
        type: 'issue',
        serviceId: body.serviceId,
        channel: req.principal.kind === 'device' ? 'kiosk' : 'officer',
      };
      if (body.priority !== undefined) cmd.priority = body.priority;
      if (body.priorityReason !== undefined) cmd.priorityReason = body.priorityReason;
      if (body.requestId !== undefined) cmd.requestId = body.requestId;
      const event = await store.execute(officeId, cmd);
      const ticket = event.ticket as Ticket;
      // The configuration the command just ran with (for the calling policy): no extra round trip.
      const office = await store.officeConfig(officeId);
      const ahead = office ? await aheadOf(store, office, ticket, clock) : 0;
      return reply.code(201).send({
        id: ticket.id,
        officeId: ticket.officeId,
        number: ticket.number,
        serviceId: ticket.serviceId,
        priority: ticket.priority,
        status: ticket.status,
        businessDate: ticket.businessDate,
        issuedAt: ticket.issuedAt,
        ahead,
      });
    },
  );

  app.get(
    '/api/tickets/:ticketId',
    {
      schema: {
        tags: [TAGS.tickets],
        summary: 'Public status of a ticket (the citizen’s phone page)',
        description:
          'Anyone holding the ticket id (it is unguessable: 128 random bits) may read its number, service, ' +
          'status, people ahead and, once called, the counter. No personal data. A transferred ticket is ' +
          'followed to the entry that replaced it (`id` is then that entry’s).',
        params: TicketParamsSchema,
        response: { 200: PublicTicketSchema, ...errors('TICKET_NOT_FOUND') },
      },
    },
    async (req) => {
      // The citizen holds the QR of the ticket they were given: after a transfer, show where it went.
      let ticket = await store.findTicket(req.params.ticketId);
      for (let hop = 0; hop < MAX_TRANSFER_HOPS && ticket?.transferredTo !== undefined; hop++) {
        const next = await store.getTicket(ticket.officeId, ticket.transferredTo);
        if (!next) break;
        ticket = next;
      }
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
      };
      if ((ticket.status === 'called' || ticket.status === 'serving') && ticket.counterId !== undefined) {
        const counter = office.counters.find((c) => c.id === ticket.counterId);
        if (counter) out.counter = { id: counter.id, number: counter.number, name: counter.name };
        if (ticket.calledAt !== undefined) out.calledAt = ticket.calledAt;
      }
      return out;
    },
  );

  app.post(
    '/api/offices/:officeId/tickets/:ticketId/cancel',
    {
      ...guard('ticket:manage'),
      schema: {
        tags: [TAGS.tickets],
        summary: 'Cancel a waiting (or no-show) ticket',
        security: AUTHENTICATED,
        params: OfficeTicketParamsSchema,
        body: RequestOnlyBodySchema,
        response: {
          200: CommandResultSchema,
          ...errors(...AUTH_ERRORS, 'TICKET_NOT_FOUND', 'INVALID_TRANSITION'),
        },
      },
    },
    async (req) => manageTicket(store, req.principal, { ...req.params, action: 'cancel', body: req.body }),
  );

  app.post(
    '/api/offices/:officeId/tickets/:ticketId/requeue',
    {
      ...guard('ticket:manage'),
      schema: {
        tags: [TAGS.tickets],
        summary: 'Put a no-show ticket back in its queue',
        security: AUTHENTICATED,
        params: OfficeTicketParamsSchema,
        body: RequeueBodySchema,
        response: {
          200: CommandResultSchema,
          ...errors(...AUTH_ERRORS, 'TICKET_NOT_FOUND', 'INVALID_TRANSITION'),
        },
      },
    },
    async (req) => manageTicket(store, req.principal, { ...req.params, action: 'requeue', body: req.body }),
  );
}
