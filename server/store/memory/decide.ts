/**
 * The memory engine's command dispatcher: reads the office runtime, runs the pure policy and
 * transitions of shared/domain, and returns the event to apply. Synchronous, so with Node's single
 * thread each command is atomic by construction (nothing can interleave between check and apply).
 */
import { candidateLists, pickNext } from '../../../shared/domain/policy.js';
import { counterOf, planIssue } from '../../../shared/domain/commands.js';
import { displayNumber } from '../../../shared/domain/numbering.js';
import * as T from '../../../shared/domain/transitions.js';
import type { Command, PendingEvent } from '../../../shared/domain/types.js';
import { QueueError } from '../../../shared/protocol/errors.js';
import type { OfficeRuntime } from './office-runtime.js';

export function decide(
  rt: OfficeRuntime,
  cmd: Command,
  ctx: T.TransitionContext,
  newId: () => string,
): PendingEvent {
  const office = rt.config;
  switch (cmd.type) {
    case 'issue': {
      const plan = planIssue(office, cmd, ctx.now);
      const count = rt.issuedCount(ctx.today, plan.serviceId);
      if (plan.dailyCap !== undefined && count >= plan.dailyCap) throw new QueueError('CAP_REACHED');
      const number = displayNumber(plan.numbering, count + 1);
      if (number === undefined) throw new QueueError('NUMBERS_EXHAUSTED');
      const t: T.NewTicket = {
        id: newId(),
        serviceId: plan.serviceId,
        number,
        seqNo: count + 1,
        priority: plan.priority,
        channel: cmd.channel,
        sortKey: plan.sortKey,
        ordinal: rt.seq + 1,
      };
      if (plan.priorityReason !== undefined) t.priorityReason = plan.priorityReason;
      if (plan.prediction !== undefined) t.prediction = plan.prediction;
      return T.issueTicket(ctx, t);
    }
    case 'callNext': {
      const counter = rt.counter(cmd.counterId);
      T.assertCounterCanCall(counter);
      const lists = candidateLists(counterOf(office, cmd.counterId), office.policy);
      const pick = pickNext(lists, rt.queueView(ctx.today), office.policy, counter.normalsSincePriority);
      if (!pick) throw new QueueError('QUEUE_EMPTY');
      return T.callTicket(ctx, counter, rt.ticket(pick.head.ticketId));
    }
    case 'call': {
      const ticket = rt.ticket(cmd.ticketId);
      return T.callTicket(ctx, rt.counter(cmd.counterId), ticket);
    }
    case 'recall':
    case 'startServing':
    case 'complete':
    case 'noShow': {
      const counter = rt.counter(cmd.counterId);
      const ticket = rt.ticket(T.currentTicketIdOf(counter, cmd.ticketId));
      if (cmd.type === 'recall') return T.recallTicket(ctx, ticket);
      if (cmd.type === 'startServing') return T.startServing(ctx, ticket);
      if (cmd.type === 'complete') return T.completeTicket(ctx, counter, ticket, cmd.outcome);
      return T.markNoShow(ctx, counter, ticket);
    }
    case 'requeue':
      return T.requeueTicket(ctx, rt.ticket(cmd.ticketId), cmd.position);
    case 'transfer': {
      const ticket = rt.ticket(cmd.ticketId);
      const held = ticket.counterId === undefined ? undefined : rt.counters.get(ticket.counterId);
      const holder = held?.currentTicketId === ticket.id ? held : undefined;
      return T.transferTicket(ctx, ticket, holder, cmd.to, cmd.position, newId(), rt.seq + 1);
    }
    case 'cancel':
      return T.cancelTicket(ctx, rt.ticket(cmd.ticketId));
    case 'openCounter':
      return T.openCounter(ctx, rt.counter(cmd.counterId));
    case 'pauseCounter':
      return T.pauseCounter(ctx, rt.counter(cmd.counterId), cmd.reason);
    case 'closeCounter':
      return T.closeCounter(ctx, rt.counter(cmd.counterId));
    case 'signIn': {
      const at = rt.counterOfOfficer(cmd.officerId);
      return T.signIn(ctx, rt.counter(cmd.counterId), cmd.officerId, at === cmd.counterId ? undefined : at);
    }
    case 'signOut':
      return T.signOut(ctx, rt.counter(cmd.counterId));
  }
}
