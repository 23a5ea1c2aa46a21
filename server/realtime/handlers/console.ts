/**
 * One browser per counter: the officer console attaches its socket to the counter it works
 * (`counter:attach`), and learns how many other sockets work it too — another browser, tab or PC of
 * the same officer, whom the counter's sign-in cannot tell from a reload. The console then warns
 * instead of calling beside it; taking over (`takeOver: true`) detaches the others, each told by
 * `counter:replaced`, so that they stop.
 *
 * Counting reads the room on every process (`fetchSockets`, through the Redis adapter when there is
 * one). Rooms do not survive a reconnect: the console attaches again after each one.
 */
import { QueueError } from '../../../shared/protocol/errors.js';
import {
  CounterAttachRequestSchema,
  CounterDetachRequestSchema,
  type CounterAttachRequest,
  type CounterAttachResult,
  type CounterDetachRequest,
} from '../../../shared/protocol/events.js';
import { can, mayOperateCounter } from '../../auth/access.js';
import type { Principal } from '../../auth/principal.js';
import { counterConsoleRoom } from '../rooms.js';
import {
  currentPrincipal,
  denied,
  onRequest,
  parse,
  type HandlerContext,
  type LiveServer,
  type LiveSocket,
} from './common.js';

/**
 * Whoever may operate the counter may work it as a console: the officer signed in at it,
 * supervisors and admins of the office (as `counter:command`, staff-operations.ts).
 */
async function mayAttach(ctx: HandlerContext, p: Principal, req: CounterAttachRequest): Promise<void> {
  // The office first: a stranger learns nothing of its counters.
  if (!can(p, 'counter:operate', req.officeId)) throw denied(p);
  const counter = (await ctx.store.getState(req.officeId)).counters.find((c) => c.id === req.counterId);
  if (!counter) throw new QueueError('UNKNOWN_COUNTER');
  if (!mayOperateCounter(p, req.officeId, counter.officerId)) throw denied(p);
}

async function attach(
  io: LiveServer,
  socket: LiveSocket,
  ctx: HandlerContext,
  req: CounterAttachRequest,
): Promise<CounterAttachResult> {
  const { officeId, counterId } = req;
  const room = counterConsoleRoom(officeId, counterId);
  const previous = socket.data.attachedCounter;
  if (previous && counterConsoleRoom(previous.officeId, previous.counterId) !== room) {
    await socket.leave(counterConsoleRoom(previous.officeId, previous.counterId));
  }
  // Join first, count second: of two consoles attaching at once, each counts the other.
  await socket.join(room);
  socket.data.attachedCounter = { officeId, counterId };
  const others = (await io.in(room).fetchSockets()).filter((s) => s.id !== socket.id);
  if (!req.takeOver) return { others: others.length };
  const notice = { officeId, counterId, at: ctx.clock() };
  for (const other of others) {
    // Out of the room before told: a replaced console that attaches again at once (or whose
    // process hears of it over Redis, in publish order) is counted anew, never dropped afterwards.
    // Whoever attached after the count is not replaced: it counted this socket and was warned.
    void other.leave(room);
    other.emit('counter:replaced', notice);
  }
  return { others: 0 };
}

export function registerConsoleHandlers(io: LiveServer, socket: LiveSocket, ctx: HandlerContext): void {
  onRequest(socket, ctx, 'counter:attach', async (input): Promise<CounterAttachResult> => {
    const p = await currentPrincipal(socket, ctx);
    if (p.kind !== 'user') throw denied(p);
    const req = parse<CounterAttachRequest>(CounterAttachRequestSchema, input);
    await mayAttach(ctx, p, req);
    return attach(io, socket, ctx, req);
  });

  // Leaving a room needs no right (as `office:unsubscribe`).
  onRequest(socket, ctx, 'counter:detach', async (input) => {
    const { officeId, counterId } = parse<CounterDetachRequest>(CounterDetachRequestSchema, input);
    const attached = socket.data.attachedCounter;
    if (attached?.officeId === officeId && attached.counterId === counterId) {
      socket.data.attachedCounter = undefined;
    }
    await socket.leave(counterConsoleRoom(officeId, counterId));
    return {};
  });
}
