/**
 * What every socket handler shares: the typed socket, the principal behind it (re-read on every
 * request, so a revoked device or an ended session stops at once), schema checks and the ack
 * envelope.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Server, Socket } from 'socket.io';
import { Compile } from 'typebox/compile';
import type { TSchema } from 'typebox';
import { ErrorCodes, isQueueError, QueueError } from '../../../shared/protocol/errors.js';
import type {
  Ack,
  AckError,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../../shared/protocol/events.js';
import { can } from '../../auth/access.js';
import type { Authenticator, Credentials } from '../../auth/authenticator.js';
import { denied } from '../../auth/plugin.js';
import type { Principal } from '../../auth/principal.js';
import type { EstimateService } from '../../estimates/estimate-service.js';
import type { Clock, TicketStore } from '../../store/types.js';
import { AUDIENCES, counterConsoleRoom, officeRoom } from '../rooms.js';

export interface SocketData {
  principal: Principal;
  /** As presented at the handshake; re-checked on every request. */
  credentials: Credentials;
  /** Offices this socket is subscribed to (its rooms). */
  offices: Set<string>;
  /**
   * Tickets this socket watches (`ticket:watch`): the id it asked for → the id whose room it is in
   * (the same, or the entry a transfer replaced it with). Bounded by MAX_WATCHED_TICKETS.
   */
  watching: Map<string, string>;
  /** Someone (not anonymous) at the handshake: losing that later ends the connection. */
  signedIn: boolean;
  /**
   * The counter this socket last attached to as a console (`counter:attach`), one at a time. Another
   * socket's take-over removes it from the room without touching this (it may be on another
   * process): the room, not this, says who works the counter now.
   */
  attachedCounter: { officeId: string; counterId: string } | undefined;
}

export type LiveServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export interface HandlerContext {
  store: TicketStore;
  authenticator: Authenticator;
  log: FastifyBaseLogger;
  /** The app's clock (people ahead count only today's tickets). */
  clock: Clock;
  /** Wait-time estimates for the phone page's answers. */
  estimates?: Pick<EstimateService, 'estimateFor'>;
}

/** UNAUTHENTICATED for nobody, FORBIDDEN for somebody without the right: as over HTTP. */
export { denied };

function sameIdentity(a: Principal, b: Principal): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Leaves the rooms `p` may no longer be in (a device revoked, a user moved to another office or
 * role): office streams it may not read, a counter's consoles if it may not operate there.
 */
export async function enforceRooms(socket: LiveSocket, p: Principal): Promise<void> {
  for (const officeId of [...socket.data.offices]) {
    if (can(p, 'office:read-live', officeId)) continue;
    socket.data.offices.delete(officeId);
    for (const audience of AUDIENCES) await socket.leave(officeRoom(officeId, audience));
  }
  const attached = socket.data.attachedCounter;
  if (attached && !can(p, 'counter:operate', attached.officeId)) {
    socket.data.attachedCounter = undefined;
    await socket.leave(counterConsoleRoom(attached.officeId, attached.counterId));
  }
}

/**
 * The socket's principal now. A change (token revoked, session expired, user edited) takes effect
 * for this request and for the rooms already joined.
 */
export async function currentPrincipal(socket: LiveSocket, ctx: HandlerContext): Promise<Principal> {
  const fresh = await ctx.authenticator.principal(socket.data.credentials);
  if (!sameIdentity(fresh, socket.data.principal)) {
    socket.data.principal = fresh;
    await enforceRooms(socket, fresh);
  }
  return fresh;
}

const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>();

/** Checks `input` against `schema`; INVALID_INPUT lists every problem as `path: message`. */
export function parse<T>(schema: TSchema, input: unknown): T {
  let validator = compiled.get(schema);
  if (!validator) {
    validator = Compile(schema);
    compiled.set(schema, validator);
  }
  if (validator.Check(input)) return input as T;
  const problems = validator.Errors(input).map((e) => `${e.instancePath || '/'}: ${e.message}`);
  throw new QueueError('INVALID_INPUT', { problems });
}

export function invalid(problem: string): QueueError {
  return new QueueError('INVALID_INPUT', { problems: [problem] });
}

function toAckError(err: unknown, ctx: HandlerContext, event: string): AckError {
  if (isQueueError(err)) {
    const ack: AckError = { ok: false, code: err.code, message: err.message };
    if (Object.keys(err.details).length > 0) ack.details = err.details;
    if (err.code === 'STORE_UNAVAILABLE') ctx.log.warn({ err, event }, 'socket request: store unavailable');
    return ack;
  }
  ctx.log.error({ err, event }, 'socket request failed');
  return { ok: false, code: 'INTERNAL', message: ErrorCodes.INTERNAL.message };
}

/**
 * Registers one request handler: runs `work`, answers through the ack in the one envelope. A
 * request without an ack callback is still served (its answer has nowhere to go).
 */
export function onRequest<E extends keyof ClientToServerEvents, T>(
  socket: LiveSocket,
  ctx: HandlerContext,
  event: E,
  work: (input: unknown) => Promise<T>,
): void {
  const listener = (input: unknown, ack?: unknown): void => {
    const reply = typeof ack === 'function' ? (ack as (res: Ack<T>) => void) : () => {};
    work(input)
      .then(
        (data) => reply({ ok: true, data }),
        (err: unknown) => reply(toAckError(err, ctx, event)),
      )
      .finally(() => {
        // Revoked or expired since the handshake: answered (UNAUTHENTICATED), then let go.
        if (socket.data.signedIn && socket.data.principal.kind === 'anonymous') socket.disconnect(true);
      });
  };
  // The listener checks its own input, so it is registered untyped: a client may send anything.
  (socket as unknown as { on(event: string, fn: typeof listener): void }).on(event, listener);
}
