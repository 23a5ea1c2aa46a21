/**
 * Counter operations: one route per action, each mapping to one engine command. Staff of the
 * office only; an officer operates only the counter they are signed in at (signing in is how they
 * get one), a supervisor or admin any counter of their offices (access.ts mayOperateCounter).
 */
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import type { ErrorCode } from '../../shared/protocol/errors.js';
import { COUNTER_BODY_SCHEMAS, type CounterCommandRequest } from '../../shared/protocol/events.js';
import {
  CommandResultSchema,
  CounterParamsSchema,
  type CommandResult,
  type CounterAction,
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

export async function counterRoutes(parent: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const app = typed(parent);
  const { store } = opts.ctx;

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
