/**
 * The citizen's phone page: watch one ticket by its id, no sign-in. The id is the secret (128
 * random bits, on the ticket's QR); the answer is the public view `GET /api/tickets/:ticketId` gives,
 * and the ticket's changes then arrive as `ticket:changed` (broadcaster.ts). Nothing of the office's
 * stream reaches a watcher.
 */
import { QueueError } from '../../../shared/protocol/errors.js';
import {
  TicketWatchRequestSchema,
  type PublicTicket,
  type TicketWatchRequest,
} from '../../../shared/protocol/events.js';
import { publicTicket } from '../../operations/public-ticket.js';
import { ticketRoom } from '../rooms.js';
import { onRequest, parse, type HandlerContext, type LiveSocket } from './common.js';

/**
 * Tickets one connection may watch. A phone follows one (two or three after transfers are still
 * one id: the one it asked for); the bound stops one socket from joining rooms by the thousand.
 */
export const MAX_WATCHED_TICKETS = 5;

/** Joins of one watch before giving up on a ticket that keeps being transferred meanwhile. */
const MAX_JOIN_TRIES = 4;

function tooMany(): QueueError {
  return new QueueError(
    'RATE_LIMITED',
    {},
    `Đang theo dõi quá nhiều số (tối đa ${MAX_WATCHED_TICKETS}) / Too many tickets watched on one connection (at most ${MAX_WATCHED_TICKETS})`,
  );
}

/** Leaves `room`'s ticket unless another watched id still needs it. */
async function release(socket: LiveSocket, ticketId: string): Promise<void> {
  for (const joined of socket.data.watching.values()) if (joined === ticketId) return;
  await socket.leave(ticketRoom(ticketId));
}

async function watch(socket: LiveSocket, ctx: HandlerContext, input: unknown): Promise<PublicTicket> {
  const { ticketId } = parse<TicketWatchRequest>(TicketWatchRequestSchema, input);
  const { watching } = socket.data;
  const before = watching.get(ticketId);
  if (before === undefined && watching.size >= MAX_WATCHED_TICKETS) throw tooMany();
  // The slot is taken before the first await: concurrent requests cannot all pass the check.
  watching.set(ticketId, before ?? ticketId);
  const joined = new Set<string>();
  try {
    let view = await publicTicket(ctx.store, ctx.clock, ticketId, ctx.estimates);
    // Join first, read second (as office:subscribe): every change after the answer reaches the
    // room. A transfer between the read and the join moved the ticket: join its new entry too.
    let room: string | undefined;
    for (let tries = 0; tries < MAX_JOIN_TRIES && room !== view.id; tries++) {
      room = view.id;
      joined.add(room);
      await socket.join(ticketRoom(room));
      view = await publicTicket(ctx.store, ctx.clock, ticketId, ctx.estimates);
    }
    watching.set(ticketId, view.id);
    for (const stale of [...joined, ...(before === undefined ? [] : [before])]) {
      if (stale !== view.id) await release(socket, stale);
    }
    return view;
  } catch (err) {
    // An unknown id (or a failing store) leaves nothing behind: no slot, no room.
    if (before === undefined) watching.delete(ticketId);
    else watching.set(ticketId, before);
    for (const room of joined) if (room !== before) await release(socket, room);
    throw err;
  }
}

export function registerWatchHandlers(socket: LiveSocket, ctx: HandlerContext): void {
  // Open to anonymous callers: holding the id is the permission, as for the HTTP route.
  onRequest(socket, ctx, 'ticket:watch', (input) => watch(socket, ctx, input));

  onRequest(socket, ctx, 'ticket:unwatch', async (input) => {
    const { ticketId } = parse<TicketWatchRequest>(TicketWatchRequestSchema, input);
    const joined = socket.data.watching.get(ticketId);
    if (joined !== undefined) {
      socket.data.watching.delete(ticketId);
      await release(socket, joined);
    }
    return {};
  });
}
