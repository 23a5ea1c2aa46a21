/**
 * What every API route file shares: the TypeBox validator (strict bodies, converted params), the
 * permission guard, error response schemas for the documentation, and the ticket views.
 */
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  FastifySchemaCompiler,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TSchema } from 'typebox';
import { peopleAhead } from '../../shared/domain/ahead.js';
import { businessDate } from '../../shared/domain/calendar.js';
import type { CounterState, OfficeConfig, OfficeEvent, Ticket } from '../../shared/domain/types.js';
import { phonePagePath } from '../../shared/protocol/apps.js';
import { ErrorCodes, type ErrorCode } from '../../shared/protocol/errors.js';
import {
  ErrorEnvelopeSchema,
  type CommandResult,
  type CounterStateView,
  type TicketView,
} from '../../shared/protocol/http.js';
import type { Permission } from '../auth/access.js';
import { requirePermission, type OfficeIdFrom } from '../auth/plugin.js';
import type { Principal, UserPrincipal } from '../auth/principal.js';
import type { Clock, TicketStore } from '../store/types.js';

export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * TypeBox validation for our routes: bodies exactly as sent (no coercion; unknown fields refused
 * where a schema says so), params and query strings converted from text. A POST without a body (or
 * with `null`) is validated as `{}`, so commands whose fields are all optional need none.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const validate = TypeBoxValidatorCompiler(route);
  if (route.httpPart !== 'body') return validate;
  return (value) => validate(value === undefined || value === null ? {} : value);
};

/** A typed, encapsulated context for a group of routes. */
export function typed(app: FastifyInstance): TypedApp {
  app.setValidatorCompiler(validatorCompiler);
  return app.withTypeProvider<TypeBoxTypeProvider>();
}

/**
 * Checks the permission before the body is even validated: a caller without it learns nothing
 * about the route's input (401 anonymous, 403 otherwise).
 */
export function guard(permission: Permission, officeIdFrom?: OfficeIdFrom) {
  return { preValidation: requirePermission(permission, officeIdFrom) };
}

/** The error answers a route documents, by code (statuses come from the code table). */
export function errors(...codes: ErrorCode[]): Record<number, typeof ErrorEnvelopeSchema> {
  const out: Record<number, typeof ErrorEnvelopeSchema> = { 400: ErrorEnvelopeSchema };
  for (const code of codes) out[ErrorCodes[code].http] = ErrorEnvelopeSchema;
  return out;
}

/** 401 and 403 of an authenticated route. */
export const AUTH_ERRORS: ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN'];

export function isUser(p: Principal): p is UserPrincipal {
  return p.kind === 'user';
}

/** A counter's live state as command results show it (without the policy's internal counter). */
export function counterView(c: CounterState): CounterStateView {
  const v: CounterStateView = { id: c.id, status: c.status, since: c.since };
  if (c.pauseReason !== undefined) v.pauseReason = c.pauseReason;
  if (c.officerId !== undefined) v.officerId = c.officerId;
  if (c.currentTicketId !== undefined) v.currentTicketId = c.currentTicketId;
  return v;
}

/** A ticket for staff: everything but the queue's internal ordering keys. */
export function ticketView(t: Ticket): TicketView {
  // Spelled out (not a spread) so a field added to Ticket is a conscious choice here.
  const v: TicketView = {
    id: t.id,
    officeId: t.officeId,
    serviceId: t.serviceId,
    number: t.number,
    businessDate: t.businessDate,
    priority: t.priority,
    channel: t.channel,
    status: t.status,
    issuedAt: t.issuedAt,
    recalls: t.recalls,
  };
  if (t.priorityReason !== undefined) v.priorityReason = t.priorityReason;
  if (t.calledAt !== undefined) v.calledAt = t.calledAt;
  if (t.servingAt !== undefined) v.servingAt = t.servingAt;
  if (t.finishedAt !== undefined) v.finishedAt = t.finishedAt;
  if (t.counterId !== undefined) v.counterId = t.counterId;
  if (t.officerId !== undefined) v.officerId = t.officerId;
  if (t.outcome !== undefined) v.outcome = t.outcome;
  if (t.transferredFrom !== undefined) v.transferredFrom = t.transferredFrom;
  if (t.transferredTo !== undefined) v.transferredTo = t.transferredTo;
  if (t.targetCounterId !== undefined) v.targetCounterId = t.targetCounterId;
  if (t.prediction !== undefined) v.prediction = { ...t.prediction };
  return v;
}

/**
 * People ahead of a ticket (shared/domain/ahead.ts): 0 once it no longer waits, and for a ticket
 * of an earlier day (it will not be called).
 */
export async function aheadOf(
  store: TicketStore,
  office: OfficeConfig,
  ticket: Ticket,
  clock: Clock,
): Promise<number> {
  if (ticket.status !== 'waiting' || ticket.businessDate !== businessDate(clock(), office.timeZone)) return 0;
  const pos = await store.queuePosition(office.id, ticket);
  return pos ? peopleAhead(office.policy, ticket, pos) : 0;
}

/** The answer of a command: its event, the ticket and counter after it. */
export function commandResult(e: OfficeEvent): CommandResult {
  const out: CommandResult = {
    event: { seq: e.seq, type: e.type, at: e.at },
    ticket: e.ticket ? ticketView(e.ticket) : null,
    counter: e.counter ? counterView(e.counter) : null,
  };
  if (e.from) out.from = ticketView(e.from);
  return out;
}

/**
 * The citizen's phone page of a ticket (the ticket's QR): under PUBLIC_URL, or — with none set
 * (tests, a developer's machine) — where this request came from.
 */
export function phoneUrlOf(
  req: Pick<FastifyRequest, 'protocol' | 'host'>,
  publicUrl: string | undefined,
  ticketId: string,
): string {
  return (publicUrl ?? `${req.protocol}://${req.host}`) + phonePagePath(ticketId);
}
