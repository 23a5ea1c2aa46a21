/**
 * Ticket and counter transitions as pure functions: given the current snapshots, return the
 * event that describes the change (with the new snapshots) or throw a QueueError. The memory
 * engine applies these directly; the Redis engine's Lua scripts implement the same checks in the
 * same order (documented per function), and the differential test keeps the two identical.
 */
import { QueueError } from '../protocol/errors.js';
import { nextNormalsSincePriority, placementSortKey, PRIORITY_DUE } from './policy.js';
import type {
  CallingPolicy,
  CounterState,
  EventType,
  OfficeEvent,
  PendingEvent,
  Position,
  Ticket,
  TicketPrediction,
  TicketStatus,
} from './types.js';

export interface TransitionContext {
  officeId: string;
  now: number;
  /** Today's business date in the office's zone. */
  today: string;
  policy: CallingPolicy;
  requestId?: string;
}

function event(
  ctx: TransitionContext,
  type: EventType,
  parts: Pick<OfficeEvent, 'ticket' | 'from' | 'counter'>,
): PendingEvent {
  const e: PendingEvent = { officeId: ctx.officeId, at: ctx.now, type, ...parts };
  if (ctx.requestId !== undefined) e.requestId = ctx.requestId;
  return e;
}

function without<T extends object, K extends keyof T>(obj: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...obj };
  for (const k of keys) delete copy[k];
  return copy;
}

const OPEN_STATES: readonly TicketStatus[] = ['waiting', 'called', 'serving'];

export interface NewTicket {
  id: string;
  serviceId: string;
  number: string;
  seqNo: number;
  priority: boolean;
  priorityReason?: string;
  channel: Ticket['channel'];
  /** The estimate shown with the ticket (commands.ts normalises it). */
  prediction?: TicketPrediction;
  sortKey: number;
  /** The seq the issued event will get. */
  ordinal: number;
}

/** issue → `issued`. Hours, cap and numbering are checked before (see commands.ts and the stores). */
export function issueTicket(ctx: TransitionContext, t: NewTicket): PendingEvent {
  const ticket: Ticket = {
    id: t.id,
    officeId: ctx.officeId,
    serviceId: t.serviceId,
    number: t.number,
    seqNo: t.seqNo,
    businessDate: ctx.today,
    priority: t.priority,
    channel: t.channel,
    status: 'waiting',
    issuedAt: ctx.now,
    recalls: 0,
    sortKey: t.sortKey,
    ordinal: t.ordinal,
  };
  if (t.priorityReason !== undefined) ticket.priorityReason = t.priorityReason;
  if (t.prediction !== undefined) ticket.prediction = { ...t.prediction };
  return event(ctx, 'issued', { ticket });
}

/**
 * callNext / call → `called`. Checks, in order: counter open (COUNTER_NOT_OPEN), counter free
 * (COUNTER_BUSY), ticket waiting (INVALID_TRANSITION), of today (TICKET_EXPIRED), not reserved for
 * another counter (NOT_ELIGIBLE).
 */
export function callTicket(ctx: TransitionContext, counter: CounterState, ticket: Ticket): PendingEvent {
  assertCounterCanCall(counter);
  if (ticket.status !== 'waiting') throw new QueueError('INVALID_TRANSITION');
  if (ticket.businessDate !== ctx.today) throw new QueueError('TICKET_EXPIRED');
  if (ticket.targetCounterId !== undefined && ticket.targetCounterId !== counter.id) {
    throw new QueueError('NOT_ELIGIBLE');
  }
  const called: Ticket = { ...ticket, status: 'called', calledAt: ctx.now, counterId: counter.id };
  if (counter.officerId !== undefined) called.officerId = counter.officerId;
  else delete called.officerId;
  const next: CounterState = {
    ...counter,
    currentTicketId: ticket.id,
    normalsSincePriority: nextNormalsSincePriority(counter.normalsSincePriority, ticket.priority),
  };
  return event(ctx, 'called', { ticket: called, counter: next });
}

/** The counter-side preconditions of any call, checked before looking at the queue. */
export function assertCounterCanCall(counter: CounterState): void {
  if (counter.status !== 'open') throw new QueueError('COUNTER_NOT_OPEN');
  if (counter.currentTicketId !== undefined) throw new QueueError('COUNTER_BUSY');
}

/**
 * The counter's current ticket for recall / start / complete / no-show. Checks: the counter holds
 * one (COUNTER_IDLE), it is the one the officer saw (TICKET_NOT_CURRENT).
 */
export function currentTicketIdOf(counter: CounterState, expectedTicketId: string | undefined): string {
  if (counter.currentTicketId === undefined) throw new QueueError('COUNTER_IDLE');
  if (expectedTicketId !== undefined && expectedTicketId !== counter.currentTicketId) {
    throw new QueueError('TICKET_NOT_CURRENT');
  }
  return counter.currentTicketId;
}

/** recall → `recalled` (called only). */
export function recallTicket(ctx: TransitionContext, ticket: Ticket): PendingEvent {
  if (ticket.status !== 'called') throw new QueueError('INVALID_TRANSITION');
  return event(ctx, 'recalled', { ticket: { ...ticket, recalls: ticket.recalls + 1 } });
}

/** start serving → `serving` (called only). */
export function startServing(ctx: TransitionContext, ticket: Ticket): PendingEvent {
  if (ticket.status !== 'called') throw new QueueError('INVALID_TRANSITION');
  return event(ctx, 'serving', { ticket: { ...ticket, status: 'serving', servingAt: ctx.now } });
}

/** complete → `completed` (called or serving); frees the counter. */
export function completeTicket(
  ctx: TransitionContext,
  counter: CounterState,
  ticket: Ticket,
  outcome: string | undefined,
): PendingEvent {
  if (ticket.status !== 'called' && ticket.status !== 'serving') throw new QueueError('INVALID_TRANSITION');
  const done: Ticket = { ...ticket, status: 'done', finishedAt: ctx.now };
  if (outcome !== undefined) done.outcome = outcome;
  return event(ctx, 'completed', { ticket: done, counter: without(counter, 'currentTicketId') });
}

/** no-show → `no-show` (called only); frees the counter. */
export function markNoShow(ctx: TransitionContext, counter: CounterState, ticket: Ticket): PendingEvent {
  if (ticket.status !== 'called') throw new QueueError('INVALID_TRANSITION');
  return event(ctx, 'no-show', {
    ticket: { ...ticket, status: 'no_show', finishedAt: ctx.now },
    counter: without(counter, 'currentTicketId'),
  });
}

/** requeue a no-show → `requeued`. Checks: no_show (INVALID_TRANSITION), of today (TICKET_EXPIRED). */
export function requeueTicket(
  ctx: TransitionContext,
  ticket: Ticket,
  position: 'front' | 'original',
): PendingEvent {
  if (ticket.status !== 'no_show') throw new QueueError('INVALID_TRANSITION');
  if (ticket.businessDate !== ctx.today) throw new QueueError('TICKET_EXPIRED');
  const sortKey =
    position === 'front' ? placementSortKey(ctx.policy, 'front', ticket, ctx.now) : ticket.sortKey;
  const waiting: Ticket = {
    ...without(ticket, 'counterId', 'officerId', 'finishedAt'),
    status: 'waiting',
    sortKey,
  };
  return event(ctx, 'requeued', { ticket: waiting });
}

/**
 * transfer → `transferred`: the ticket ends as `transferred` and a new waiting ticket with the same
 * number and original issue time takes its place in another service's queue, or in one counter's
 * own queue; `ordinal` is the seq of the transfer event. Checks: open state (INVALID_TRANSITION), of today (TICKET_EXPIRED). The counter that
 * held it, if any, is freed (`counter` in the event). The new entry keeps the ticket's `prediction`
 * (what its holder was told at issue, the record of the same paper ticket; accuracy counts only
 * entries that were not made by a transfer: server/estimates/accuracy.ts).
 */
export function transferTicket(
  ctx: TransitionContext,
  ticket: Ticket,
  holder: CounterState | undefined,
  to: { serviceId: string } | { counterId: string },
  position: Position,
  newId: string,
  ordinal: number,
): PendingEvent {
  if (!OPEN_STATES.includes(ticket.status)) throw new QueueError('INVALID_TRANSITION');
  if (ticket.businessDate !== ctx.today) throw new QueueError('TICKET_EXPIRED');
  const base = without(
    ticket,
    'calledAt',
    'servingAt',
    'finishedAt',
    'counterId',
    'officerId',
    'outcome',
    'targetCounterId',
    'transferredTo',
  );
  const moved: Ticket = {
    ...base,
    id: newId,
    status: 'waiting',
    recalls: 0,
    transferredFrom: ticket.id,
    sortKey: placementSortKey(ctx.policy, position, ticket, ctx.now),
    // A new queue entry: ties on sortKey go after entries made before it ("back" means back).
    ordinal,
  };
  if ('serviceId' in to) moved.serviceId = to.serviceId;
  else moved.targetCounterId = to.counterId;
  const from: Ticket = { ...ticket, status: 'transferred', finishedAt: ctx.now, transferredTo: newId };
  const parts: Pick<OfficeEvent, 'ticket' | 'from' | 'counter'> = { ticket: moved, from };
  if (holder) parts.counter = without(holder, 'currentTicketId');
  return event(ctx, 'transferred', parts);
}

/** cancel → `cancelled` (waiting or no_show). */
export function cancelTicket(ctx: TransitionContext, ticket: Ticket): PendingEvent {
  if (ticket.status !== 'waiting' && ticket.status !== 'no_show') throw new QueueError('INVALID_TRANSITION');
  return event(ctx, 'cancelled', { ticket: { ...ticket, status: 'cancelled', finishedAt: ctx.now } });
}

function counterUpdated(ctx: TransitionContext, counter: CounterState): PendingEvent {
  return event(ctx, 'counter-updated', { counter });
}

/** open → from paused or closed (INVALID_TRANSITION when already open). */
export function openCounter(ctx: TransitionContext, counter: CounterState): PendingEvent {
  if (counter.status === 'open') throw new QueueError('INVALID_TRANSITION');
  return counterUpdated(ctx, { ...without(counter, 'pauseReason'), status: 'open', since: ctx.now });
}

/**
 * pause with a reason. Checks: not closed (COUNTER_NOT_OPEN), no open ticket (COUNTER_BUSY),
 * something changes (INVALID_TRANSITION).
 */
export function pauseCounter(ctx: TransitionContext, counter: CounterState, reason: string): PendingEvent {
  if (counter.status === 'closed') throw new QueueError('COUNTER_NOT_OPEN');
  if (counter.currentTicketId !== undefined) throw new QueueError('COUNTER_BUSY');
  if (counter.status === 'paused' && counter.pauseReason === reason)
    throw new QueueError('INVALID_TRANSITION');
  return counterUpdated(ctx, { ...counter, status: 'paused', pauseReason: reason, since: ctx.now });
}

/** close. Checks: not closed (INVALID_TRANSITION), no open ticket (COUNTER_BUSY). */
export function closeCounter(ctx: TransitionContext, counter: CounterState): PendingEvent {
  if (counter.status === 'closed') throw new QueueError('INVALID_TRANSITION');
  if (counter.currentTicketId !== undefined) throw new QueueError('COUNTER_BUSY');
  return counterUpdated(ctx, { ...without(counter, 'pauseReason'), status: 'closed', since: ctx.now });
}

/**
 * officer sign-in: one officer ↔ one counter. Checks: not already signed in here
 * (INVALID_TRANSITION), counter free of other officers (COUNTER_TAKEN), officer not at another
 * counter (OFFICER_ELSEWHERE; `elsewhere` is that counter's id, found by the store).
 */
export function signIn(
  ctx: TransitionContext,
  counter: CounterState,
  officerId: string,
  elsewhere: string | undefined,
): PendingEvent {
  if (counter.officerId === officerId) throw new QueueError('INVALID_TRANSITION');
  if (counter.officerId !== undefined) throw new QueueError('COUNTER_TAKEN');
  if (elsewhere !== undefined) throw new QueueError('OFFICER_ELSEWHERE');
  return counterUpdated(ctx, { ...counter, officerId });
}

/** officer sign-out: closes the counter. Checks: someone signed in (INVALID_TRANSITION), no open ticket (COUNTER_BUSY). */
export function signOut(ctx: TransitionContext, counter: CounterState): PendingEvent {
  if (counter.officerId === undefined) throw new QueueError('INVALID_TRANSITION');
  if (counter.currentTicketId !== undefined) throw new QueueError('COUNTER_BUSY');
  const next: CounterState = { ...without(counter, 'officerId', 'pauseReason'), status: 'closed' };
  if (counter.status !== 'closed') next.since = ctx.now;
  return counterUpdated(ctx, next);
}

/** A counter as it is when first configured. */
export function initialCounterState(id: string, now: number): CounterState {
  return { id, status: 'closed', normalsSincePriority: PRIORITY_DUE, since: now };
}
