/**
 * Counter and ticket operations, independent of the transport: the HTTP routes
 * (routes/counters.ts, routes/tickets.ts) and the socket handlers (realtime/handlers/commands.ts)
 * both call these, so permissions, defaults and answers are the same by construction.
 */
import type { Command, CounterState } from '../../shared/domain/types.js';
import { isQueueError, QueueError } from '../../shared/protocol/errors.js';
import type { CounterCommandRequest, TicketCommandRequest } from '../../shared/protocol/events.js';
import type { CommandResult } from '../../shared/protocol/http.js';
import { can, mayOperateCounter } from '../auth/access.js';
import { denied } from '../auth/plugin.js';
import type { Principal } from '../auth/principal.js';
import { commandResult, counterView } from '../routes/common.js';
import type { TicketStore } from '../store/types.js';

/** Shown on displays when an officer pauses without saying why. */
export const DEFAULT_PAUSE_REASON = 'Tạm nghỉ';

async function counterState(store: TicketStore, officeId: string, counterId: string): Promise<CounterState> {
  const counter = (await store.getState(officeId)).counters.find((c) => c.id === counterId);
  if (!counter) throw new QueueError('UNKNOWN_COUNTER');
  return counter;
}

function withRequestId<C extends Command>(command: C, requestId: string | undefined): C {
  return requestId === undefined ? command : { ...command, requestId };
}

const invalid = (problem: string, fields: string[]): QueueError =>
  new QueueError('INVALID_INPUT', { problems: [problem], fields });

/** The engine command of a counter request. `counter` reads the counter's live state, once, if needed. */
async function counterCommand(
  req: CounterCommandRequest,
  officerId: string,
  counter: () => Promise<CounterState>,
): Promise<Command> {
  const { counterId } = req;
  const expected = (ticketId: string | undefined): { ticketId?: string } =>
    ticketId === undefined ? {} : { ticketId };
  switch (req.action) {
    case 'sign-in':
      return { type: 'signIn', counterId, officerId };
    case 'sign-out':
      return { type: 'signOut', counterId };
    case 'open':
      return { type: 'openCounter', counterId };
    case 'pause':
      return { type: 'pauseCounter', counterId, reason: req.body?.reason ?? DEFAULT_PAUSE_REASON };
    case 'close':
      return { type: 'closeCounter', counterId };
    case 'call-next':
      return { type: 'callNext', counterId };
    case 'call': {
      const ticketId = req.body?.ticketId;
      if (ticketId === undefined) throw invalid('body.ticketId: required', ['body.ticketId']);
      return { type: 'call', counterId, ticketId };
    }
    case 'recall':
      return { type: 'recall', counterId, ...expected(req.body?.ticketId) };
    case 'start':
      return { type: 'startServing', counterId, ...expected(req.body?.ticketId) };
    case 'complete': {
      const outcome = req.body?.outcome;
      return {
        type: 'complete',
        counterId,
        ...expected(req.body?.ticketId),
        ...(outcome === undefined ? {} : { outcome }),
      };
    }
    case 'no-show':
      return { type: 'noShow', counterId, ...expected(req.body?.ticketId) };
    case 'transfer': {
      const body = req.body ?? {};
      if ((body.serviceId === undefined) === (body.counterId === undefined)) {
        throw invalid('body: give exactly one of serviceId or counterId', [
          'body.serviceId',
          'body.counterId',
        ]);
      }
      // The ticket the counter holds; a given ticketId only states what the client expects.
      const current = (await counter()).currentTicketId;
      if (current === undefined) throw new QueueError('COUNTER_IDLE');
      if (body.ticketId !== undefined && body.ticketId !== current)
        throw new QueueError('TICKET_NOT_CURRENT');
      return {
        type: 'transfer',
        ticketId: current,
        to:
          body.serviceId !== undefined ? { serviceId: body.serviceId } : { counterId: body.counterId ?? '' },
        position: body.position ?? 'back',
      };
    }
  }
}

/**
 * Runs a counter action for `principal`: staff of the office only, an officer only at the counter
 * they are signed in at (signing in is how they get one). `call-next` with nobody waiting is an
 * answer (`ticket: null`), not a failure.
 */
export async function operateCounter(
  store: TicketStore,
  principal: Principal,
  req: CounterCommandRequest,
): Promise<CommandResult> {
  const { officeId, counterId, action } = req;
  if (
    principal.kind !== 'user' ||
    !can(principal, action === 'sign-in' ? 'counter:sign-in' : 'counter:operate', officeId)
  ) {
    throw denied(principal);
  }
  // The live state is read at most once, and only when needed: who holds the counter (officers), its ticket (transfer).
  let state: Promise<CounterState> | undefined;
  const counter = (): Promise<CounterState> => (state ??= counterState(store, officeId, counterId));
  if (
    action !== 'sign-in' &&
    principal.role === 'officer' &&
    !mayOperateCounter(principal, officeId, (await counter()).officerId)
  ) {
    throw denied(principal);
  }
  const command = withRequestId(await counterCommand(req, principal.userId, counter), req.body?.requestId);
  try {
    return commandResult(await store.execute(officeId, command));
  } catch (err) {
    if (!isQueueError(err)) throw err;
    if (action === 'call-next' && err.code === 'QUEUE_EMPTY') {
      return {
        event: null,
        ticket: null,
        counter: counterView(await counterState(store, officeId, counterId)),
      };
    }
    if (action === 'sign-in') return signInRefused(store, officeId, counterId, principal.userId, err);
    throw err;
  }
}

/**
 * A refused sign-in, made useful: already signed in at this very counter (a reload, a second
 * tab) is no failure — the counter as it is; taken by someone else, or the officer signed in
 * elsewhere, say who or where (`details.officerId`, `details.counterId`).
 */
async function signInRefused(
  store: TicketStore,
  officeId: string,
  counterId: string,
  officerId: string,
  err: QueueError,
): Promise<CommandResult> {
  const { counters } = await store.getState(officeId);
  const here = counters.find((c) => c.id === counterId);
  if (here?.officerId === officerId) return { event: null, ticket: null, counter: counterView(here) };
  if (err.code === 'COUNTER_TAKEN' && here?.officerId !== undefined)
    throw new QueueError(err.code, { ...err.details, officerId: here.officerId }, err.message);
  const elsewhere = counters.find((c) => c.officerId === officerId);
  if (err.code === 'OFFICER_ELSEWHERE' && elsewhere)
    throw new QueueError(err.code, { ...err.details, counterId: elsewhere.id }, err.message);
  throw err;
}

/**
 * Cancels or requeues a ticket for `principal` (staff of the office), or transfers it (supervisors
 * and admins: an officer transfers only the ticket their counter holds, by the counter's action).
 */
export async function manageTicket(
  store: TicketStore,
  principal: Principal,
  req: TicketCommandRequest,
): Promise<CommandResult> {
  if (!can(principal, 'ticket:manage', req.officeId)) throw denied(principal);
  let command: Command;
  switch (req.action) {
    case 'cancel':
      command = { type: 'cancel', ticketId: req.ticketId };
      break;
    case 'requeue':
      command = { type: 'requeue', ticketId: req.ticketId, position: req.body?.position ?? 'original' };
      break;
    case 'transfer': {
      if (principal.kind !== 'user' || principal.role === 'officer') throw denied(principal);
      const body = req.body ?? {};
      if ((body.serviceId === undefined) === (body.counterId === undefined))
        throw invalid('body: give exactly one of serviceId or counterId', [
          'body.serviceId',
          'body.counterId',
        ]);
      command = {
        type: 'transfer',
        ticketId: req.ticketId,
        to:
          body.serviceId !== undefined ? { serviceId: body.serviceId } : { counterId: body.counterId ?? '' },
        position: body.position ?? 'issueTime',
      };
      break;
    }
  }
  return commandResult(await store.execute(req.officeId, withRequestId(command, req.body?.requestId)));
}

/**
 * A supervisor (or admin) moves an officer to another counter: signs them out where they are (if
 * anywhere) and in at `counterId`. Two engine commands, not one: the target is checked first, so
 * the usual refusals (the target taken, the officer's ticket still open) change nothing; a retry
 * with the same requestId repeats neither step. Answers the target counter after the sign-in.
 */
export async function moveOfficer(
  store: TicketStore,
  principal: Principal,
  req: { officeId: string; officerId: string; counterId: string; requestId?: string | undefined },
  isOfficeStaff: (userId: string) => Promise<boolean>,
): Promise<CommandResult> {
  const { officeId, officerId, counterId } = req;
  if (
    principal.kind !== 'user' ||
    principal.role === 'officer' ||
    !can(principal, 'counter:operate', officeId)
  )
    throw denied(principal);
  if (!(await isOfficeStaff(officerId))) throw new QueueError('USER_NOT_FOUND');
  const { counters } = await store.getState(officeId);
  const target = counters.find((c) => c.id === counterId);
  if (!target) throw new QueueError('UNKNOWN_COUNTER');
  const from = counters.find((c) => c.officerId === officerId);
  if (from?.id === counterId) return { event: null, ticket: null, counter: counterView(target) };
  if (target.officerId !== undefined) throw new QueueError('COUNTER_TAKEN', { officerId: target.officerId });
  const step = (suffix: string) =>
    req.requestId === undefined ? {} : { requestId: `${req.requestId}-${suffix}` };
  if (from) await store.execute(officeId, { type: 'signOut', counterId: from.id, ...step('out') });
  return commandResult(
    await store.execute(officeId, { type: 'signIn', counterId, officerId, ...step('in') }),
  );
}
