/**
 * Counter operations: one route per action, each mapping to one engine command. Staff of the
 * office only; an officer operates only the counter they are signed in at (signing in is how they
 * get one), a supervisor or admin any counter of their offices (access.ts mayOperateCounter).
 *
 * And one read: a counter's waiting list in the order the policy will call it (the officer
 * console), for any staff of the office — an officer may look at any counter's queue.
 */
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { callOrder } from '../../shared/domain/call-order.js';
import { counterOf } from '../../shared/domain/commands.js';
import { candidateLists } from '../../shared/domain/policy.js';
import type { Ticket } from '../../shared/domain/types.js';
import { QueueError, type ErrorCode } from '../../shared/protocol/errors.js';
import { COUNTER_BODY_SCHEMAS, type CounterCommandRequest } from '../../shared/protocol/events.js';
import {
  CommandResultSchema,
  COUNTER_QUEUE_DEFAULT,
  CounterParamsSchema,
  CounterQueueQuerySchema,
  CounterQueueSchema,
  type CommandResult,
  type CounterAction,
  type CounterQueue,
  type CounterQueueQuery,
  type QueuedTicket,
} from '../../shared/protocol/http.js';
import type { AppContext } from '../app.js';
import { AUTHENTICATED, TAGS } from '../openapi.js';
import { operateCounter } from '../operations/staff-operations.js';
import { AUTH_ERRORS, errors, guard, typed } from './common.js';

type Params = { officeId: string; counterId: string };

/** What OpenAPI shows of each action; what it does is operations/staff-operations.ts. */
interface ActionSpec {
  summary: string;
  body: TSchema;
  /** Errors worth documenting beyond 400/401/403/404. */
  errors: ErrorCode[];
}

const ACTIONS: Record<CounterAction, ActionSpec> = {
  'sign-in': {
    summary: 'Sign in at the counter (as the calling user)',
    body: COUNTER_BODY_SCHEMAS['sign-in'],
    errors: ['COUNTER_TAKEN', 'OFFICER_ELSEWHERE'],
  },
  'sign-out': {
    summary: 'Sign the officer out of the counter (closes it)',
    body: COUNTER_BODY_SCHEMAS['sign-out'],
    errors: ['COUNTER_BUSY'],
  },
  open: {
    summary: 'Open the counter (or resume after a pause)',
    body: COUNTER_BODY_SCHEMAS.open,
    errors: ['INVALID_TRANSITION'],
  },
  pause: {
    summary: 'Pause the counter, with a reason shown on displays',
    body: COUNTER_BODY_SCHEMAS.pause,
    errors: ['COUNTER_BUSY', 'INVALID_TRANSITION'],
  },
  close: {
    summary: 'Close the counter',
    body: COUNTER_BODY_SCHEMAS.close,
    errors: ['COUNTER_BUSY'],
  },
  'call-next': {
    summary: 'Call the next ticket the policy picks (`ticket: null` when nobody waits)',
    body: COUNTER_BODY_SCHEMAS['call-next'],
    errors: ['COUNTER_NOT_OPEN', 'COUNTER_BUSY'],
  },
  call: {
    summary: 'Call a specific waiting ticket',
    body: COUNTER_BODY_SCHEMAS.call,
    errors: ['COUNTER_NOT_OPEN', 'COUNTER_BUSY', 'INVALID_TRANSITION', 'NOT_ELIGIBLE', 'TICKET_EXPIRED'],
  },
  recall: {
    summary: 'Call the current ticket again',
    body: COUNTER_BODY_SCHEMAS.recall,
    errors: ['COUNTER_IDLE', 'TICKET_NOT_CURRENT', 'INVALID_TRANSITION'],
  },
  start: {
    summary: 'Start serving the current ticket',
    body: COUNTER_BODY_SCHEMAS.start,
    errors: ['COUNTER_IDLE', 'TICKET_NOT_CURRENT', 'INVALID_TRANSITION'],
  },
  complete: {
    summary: 'Complete the current ticket (frees the counter)',
    body: COUNTER_BODY_SCHEMAS.complete,
    errors: ['COUNTER_IDLE', 'TICKET_NOT_CURRENT', 'INVALID_TRANSITION'],
  },
  'no-show': {
    summary: 'Mark the current (called) ticket as not shown up',
    body: COUNTER_BODY_SCHEMAS['no-show'],
    errors: ['COUNTER_IDLE', 'TICKET_NOT_CURRENT', 'INVALID_TRANSITION'],
  },
  transfer: {
    summary: 'Transfer the current ticket to another service’s queue or to one counter',
    body: COUNTER_BODY_SCHEMAS.transfer,
    errors: ['COUNTER_IDLE', 'TICKET_NOT_CURRENT', 'INVALID_TRANSITION', 'UNKNOWN_SERVICE'],
  },
};

/** A waiting ticket as the officer console lists it. */
function queuedTicket(t: Ticket, now: number): QueuedTicket {
  const v: QueuedTicket = {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    priority: t.priority,
    issuedAt: t.issuedAt,
    waitingMs: Math.max(0, now - t.issuedAt),
  };
  if (t.priorityReason !== undefined) v.priorityReason = t.priorityReason;
  if (t.targetCounterId !== undefined) v.targetCounterId = t.targetCounterId;
  // A requeue keeps the time of the call that went unanswered; a transfer or a new ticket has none.
  if (t.calledAt !== undefined) v.requeued = true;
  return v;
}

export async function counterRoutes(parent: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const app = typed(parent);
  const { store, clock } = opts.ctx;

  app.get<{ Params: Params; Querystring: CounterQueueQuery }>(
    '/api/offices/:officeId/counters/:counterId/queue',
    {
      ...guard('office:read-staff'),
      schema: {
        tags: [TAGS.counters],
        summary: 'The counter’s waiting list, in the order the policy will call it',
        description:
          'For staff of the office (officers may look at any counter). Today’s waiting tickets of the lists ' +
          'this counter calls from (its services, and tickets transferred to it), in the order call-next would ' +
          'take them if nothing else happened — the engine’s own policy (pickNext) with the counter’s ' +
          'interleave state — with priority marks and waiting times. `total` counts every ticket waiting in ' +
          'those lists. Other counters calling, new tickets and transfers change the order: refresh on live ' +
          'events.',
        security: AUTHENTICATED,
        params: CounterParamsSchema,
        querystring: CounterQueueQuerySchema,
        response: {
          200: CounterQueueSchema,
          ...errors(...AUTH_ERRORS, 'OFFICE_NOT_FOUND', 'UNKNOWN_COUNTER'),
        },
      },
    },
    async (req): Promise<CounterQueue> => {
      const { officeId, counterId } = req.params;
      const limit = req.query.limit ?? COUNTER_QUEUE_DEFAULT;
      // The configuration commands run with (as call-next would), not a fresh administrative read.
      const office = await store.officeConfig(officeId);
      if (!office) throw new QueueError('OFFICE_NOT_FOUND');
      const listIds = candidateLists(counterOf(office, counterId), office.policy).map((l) => l.listId);
      // Two reads, not one instant: a call landing between them can leave the interleave state one
      // call off for this answer; the console refreshes on the live event that call produces.
      const state = await store.getState(officeId);
      const counter = state.counters.find((c) => c.id === counterId);
      if (!counter) throw new QueueError('UNKNOWN_COUNTER');
      // `limit` from every list: no list can give more than `limit` of the first `limit` calls, so
      // the order shown is exact (call-order.ts).
      const waiting = await store.waitingLists(officeId, listIds, limit);
      const now = clock();
      return {
        counterId,
        tickets: callOrder(office, counterId, counter, waiting.lists, limit).map((t) => queuedTicket(t, now)),
        total: listIds.reduce((sum, id) => sum + (waiting.sizes[id] ?? 0), 0),
      };
    },
  );

  for (const [action, spec] of Object.entries(ACTIONS) as [CounterAction, ActionSpec][]) {
    app.post<{ Params: Params; Body: Record<string, unknown> }>(
      `/api/offices/:officeId/counters/:counterId/${action}`,
      {
        ...guard(action === 'sign-in' ? 'counter:sign-in' : 'counter:operate'),
        schema: {
          tags: [TAGS.counters],
          summary: spec.summary,
          security: AUTHENTICATED,
          params: CounterParamsSchema,
          body: spec.body,
          response: {
            200: CommandResultSchema,
            ...errors(...AUTH_ERRORS, 'OFFICE_NOT_FOUND', 'UNKNOWN_COUNTER', ...spec.errors),
          },
        },
      },
      async (req): Promise<CommandResult> =>
        operateCounter(store, req.principal, {
          officeId: req.params.officeId,
          counterId: req.params.counterId,
          action,
          body: req.body,
        } as CounterCommandRequest),
    );
  }
}
