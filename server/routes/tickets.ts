/**
 * Tickets: issue (kiosks of the office, staff of the office), the citizen's public status page
 * (anyone holding the ticket id), and staff's cancel / requeue.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance } from 'fastify';
import type { Command, Ticket } from '../../shared/domain/types.js';
import { nextDayOpening } from '../../shared/domain/calendar.js';
import { isQueueError, QueueError } from '../../shared/protocol/errors.js';
import { PrintResultSchema } from '../../shared/protocol/printing.js';
import {
  CommandResultSchema,
  IssuedTicketSchema,
  IssueTicketBodySchema,
  OfficeParamsSchema,
  OfficeTicketParamsSchema,
  PublicTicketSchema,
  TicketSchema,
  RequestOnlyBodySchema,
  ReprintBodySchema,
  RequeueBodySchema,
  TicketTransferBodySchema,
  TicketParamsSchema,
  type WaitEstimate,
} from '../../shared/protocol/http.js';
import type { AppContext } from '../app.js';
import { AUTHENTICATED, TAGS } from '../openapi.js';
import { publicTicket } from '../operations/public-ticket.js';
import { manageTicket } from '../operations/staff-operations.js';
import { PrintDispatcher } from '../printing/dispatch.js';
import { AUTH_ERRORS, aheadOf, errors, guard, phoneUrlOf, ticketView, typed } from './common.js';

export async function ticketRoutes(parent: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const app = typed(parent);
  const { store, clock } = opts.ctx;

  /** Today's numbers are used up: tell the kiosk when the next business day opens. */
  const withComeBackTime = async (err: unknown, officeId: string): Promise<unknown> => {
    if (!isQueueError(err) || (err.code !== 'CAP_REACHED' && err.code !== 'NUMBERS_EXHAUSTED')) return err;
    if (err.details.nextOpening !== undefined) return err;
    const office = await store.officeConfig(officeId).catch(() => undefined);
    const next = office && nextDayOpening(office, clock());
    return next === undefined
      ? err
      : new QueueError(err.code, { ...err.details, nextOpening: next }, err.message);
  };

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
          'HOLIDAY, CAP_REACHED, NUMBERS_EXHAUSTED (all with details.nextOpening), UNKNOWN_SERVICE. `estimate` is ' +
          'the wait shown with the ticket, and exactly what is logged on it (`prediction` in the staff view of ' +
          'the ticket) to measure accuracy: `GET /api/offices/{officeId}/estimates/accuracy`.',
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
      // The estimate shown with the ticket is decided before issuing it, so that what the citizen is
      // told is exactly what is logged on the ticket: the last refresh's figure for a ticket of this
      // service and class issued now (nothing is computed on the way of an issue).
      const before = await store.officeConfig(officeId);
      const told = before
        ? opts.ctx.estimates.estimateForNew(before, body.serviceId, body.priority ?? false, clock())
        : null;
      if (told?.prediction) cmd.prediction = told.prediction;
      const event = await store.execute(officeId, cmd).catch(async (err: unknown) => {
        throw await withComeBackTime(err, officeId);
      });
      const ticket = event.ticket as Ticket;
      // The configuration the command just ran with (for the calling policy): no extra round trip.
      const office = await store.officeConfig(officeId);
      const ahead = office ? await aheadOf(store, office, ticket, clock) : 0;
      const service = office?.services.find((s) => s.id === ticket.serviceId);
      const phoneUrl = phoneUrlOf(req, opts.ctx.config.publicUrl, ticket.id);
      // A retried issue (its requestId remembered) answers with the first ticket: it is told again
      // what it was told and logged with then. Null until the estimator's first refresh.
      let estimate: WaitEstimate | null = told?.estimate ?? null;
      if (!isDeepStrictEqual(ticket.prediction, told?.prediction))
        estimate =
          ticket.prediction && office
            ? opts.ctx.estimates.estimateOfPrediction(office, ticket.prediction, ticket.issuedAt)
            : null;
      const p = req.principal;
      // A kiosk whose printer the server drives: print before answering, so the kiosk knows whether
      // the ticket came out (it shows the ticket big on screen when it did not).
      const print =
        p.kind === 'device' && office && PrintDispatcher.drives(p.printer)
          ? await opts.ctx.printing.printIssued(p.deviceId, p.printer, {
              office,
              ticket,
              ahead,
              phoneUrl,
              ...(estimate && { waitText: estimate.text.vi }),
            })
          : undefined;
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
        service: service?.name ?? { vi: ticket.serviceId, en: ticket.serviceId },
        phoneUrl,
        // Null until the estimator's first refresh of the office: clients say "Đang cập nhật".
        estimate,
        ...(print && { print }),
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
    async (req) => publicTicket(store, clock, req.params.ticketId, opts.ctx.estimates),
  );

  app.get(
    '/api/offices/:officeId/tickets/:ticketId',
    {
      ...guard('office:read-staff'),
      schema: {
        tags: [TAGS.tickets],
        summary: 'A ticket as staff see it (the officer console after a reload)',
        description:
          'Every field, the priority reason included: staff of the office only. Citizens use `GET /api/tickets/:ticketId`.',
        security: AUTHENTICATED,
        params: OfficeTicketParamsSchema,
        response: { 200: TicketSchema, ...errors(...AUTH_ERRORS, 'TICKET_NOT_FOUND') },
      },
    },
    async (req) => {
      const ticket = await store.getTicket(req.params.officeId, req.params.ticketId);
      if (!ticket) throw new QueueError('TICKET_NOT_FOUND');
      return ticketView(ticket);
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

  app.post(
    '/api/offices/:officeId/tickets/:ticketId/transfer',
    {
      ...guard('ticket:manage'),
      schema: {
        tags: [TAGS.tickets],
        summary: 'Move a ticket to another service’s queue or to one counter (supervisors and admins)',
        description:
          'For a waiting ticket, or one a counter holds (the counter is freed). Like a counter’s transfer, the ' +
          'ticket keeps its number and a new entry takes its place in the other queue; by default it keeps its ' +
          'place by issue time.',
        security: AUTHENTICATED,
        params: OfficeTicketParamsSchema,
        body: TicketTransferBodySchema,
        response: {
          200: CommandResultSchema,
          ...errors(
            ...AUTH_ERRORS,
            'TICKET_NOT_FOUND',
            'INVALID_TRANSITION',
            'UNKNOWN_SERVICE',
            'UNKNOWN_COUNTER',
          ),
        },
      },
    },
    async (req) => manageTicket(store, req.principal, { ...req.params, action: 'transfer', body: req.body }),
  );

  app.post(
    '/api/offices/:officeId/tickets/:ticketId/print',
    {
      ...guard('ticket:manage'),
      schema: {
        tags: [TAGS.tickets],
        summary: 'Print a ticket again on a kiosk’s printer (the same number)',
        description:
          'For a ticket whose print failed (staff are told live by `ticket:print-failed`). The kiosk must have a ' +
          'printer the server drives (mode server or agent): NO_PRINTER otherwise.',
        security: AUTHENTICATED,
        params: OfficeTicketParamsSchema,
        body: ReprintBodySchema,
        response: {
          200: PrintResultSchema,
          ...errors(...AUTH_ERRORS, 'TICKET_NOT_FOUND', 'DEVICE_NOT_FOUND', 'NO_PRINTER'),
        },
      },
    },
    async (req) => {
      const { officeId, ticketId } = req.params;
      const office = await store.officeConfig(officeId);
      const ticket = office && (await store.getTicket(officeId, ticketId));
      if (!office || !ticket) throw new QueueError('TICKET_NOT_FOUND');
      const device = await opts.ctx.accounts.getDevice(req.body.deviceId);
      if (!device || device.officeId !== officeId || device.revokedAt !== undefined)
        throw new QueueError('DEVICE_NOT_FOUND');
      if (!PrintDispatcher.drives(device.printer)) throw new QueueError('NO_PRINTER');
      return opts.ctx.printing.reprint(device.id, device.printer, {
        office,
        ticket,
        ahead: await aheadOf(store, office, ticket, clock),
        phoneUrl: phoneUrlOf(req, opts.ctx.config.publicUrl, ticket.id),
      });
    },
  );
}
