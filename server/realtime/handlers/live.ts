/**
 * Readers of an office's live picture — displays, kiosks, consoles, supervisors: subscribe (join
 * the room, get a snapshot or the missed events), unsubscribe, replay after a gap.
 */
import { isQueueError } from '../../../shared/protocol/errors.js';
import {
  OfficeRequestSchema,
  ReplayRequestSchema,
  SubscribeRequestSchema,
  type LiveAudience,
  type OfficeRequest,
  type ReplayRequest,
  type ReplayResult,
  type SubscribeRequest,
} from '../../../shared/protocol/events.js';
import { can } from '../../auth/access.js';
import type { Principal } from '../../auth/principal.js';
import { snapshot as snapshotNow, toLiveEvent } from '../live-event.js';
import { AUDIENCES, audienceOf, officeRoom } from '../rooms.js';
import {
  currentPrincipal,
  denied,
  onRequest,
  parse,
  type HandlerContext,
  type LiveSocket,
} from './common.js';

/**
 * Most events one replay answers with. A client further behind gets a snapshot: cheaper for both
 * sides than thousands of events, and the picture is the same.
 */
export const MAX_REPLAY = 500;

/** Anonymous callers learn nothing, not even what a well-formed request looks like. */
async function somebody(socket: LiveSocket, ctx: HandlerContext): Promise<Principal> {
  const p = await currentPrincipal(socket, ctx);
  if (p.kind === 'anonymous') throw denied(p);
  return p;
}

function audienceFor(p: Principal, officeId: string): LiveAudience {
  const audience = audienceOf(p);
  if (!audience || !can(p, 'office:read-live', officeId)) throw denied(p);
  return audience;
}

async function snapshot(ctx: HandlerContext, officeId: string): Promise<ReplayResult> {
  return { kind: 'snapshot', snapshot: await snapshotNow(ctx.store, officeId) };
}

/** The events after `since` when all of them are still kept and few enough, else a snapshot. */
export async function catchUp(
  ctx: HandlerContext,
  officeId: string,
  since: number,
  audience: LiveAudience,
): Promise<ReplayResult> {
  try {
    const page = await ctx.store.eventsSince(officeId, since, MAX_REPLAY);
    // `since` ahead of the office (its state was reset) or more events than one page: start over.
    const complete = since <= page.seq && page.seq - since === page.events.length;
    if (!complete) return await snapshot(ctx, officeId);
    return { kind: 'events', events: page.events.map((e) => toLiveEvent(e, audience)), seq: page.seq };
  } catch (err) {
    if (isQueueError(err) && err.code === 'EVENTS_TRIMMED') return snapshot(ctx, officeId);
    throw err;
  }
}

export function registerLiveHandlers(socket: LiveSocket, ctx: HandlerContext): void {
  onRequest(socket, ctx, 'office:subscribe', async (input) => {
    const p = await somebody(socket, ctx);
    const req = parse<SubscribeRequest>(SubscribeRequestSchema, input);
    const audience = audienceFor(p, req.officeId);
    // Join first, read second: every event after the answer's seq then reaches this socket.
    await socket.join(officeRoom(req.officeId, audience));
    socket.data.offices.add(req.officeId);
    try {
      return req.since === undefined
        ? await snapshot(ctx, req.officeId)
        : await catchUp(ctx, req.officeId, req.since, audience);
    } catch (err) {
      // An unknown office (or a failing store) must not leave a room behind.
      socket.data.offices.delete(req.officeId);
      await socket.leave(officeRoom(req.officeId, audience));
      throw err;
    }
  });

  onRequest(socket, ctx, 'office:unsubscribe', async (input) => {
    const req = parse<OfficeRequest>(OfficeRequestSchema, input);
    socket.data.offices.delete(req.officeId);
    for (const audience of AUDIENCES) await socket.leave(officeRoom(req.officeId, audience));
    return {};
  });

  onRequest(socket, ctx, 'office:replay', async (input) => {
    const p = await somebody(socket, ctx);
    const req = parse<ReplayRequest>(ReplayRequestSchema, input);
    const audience = audienceFor(p, req.officeId);
    return catchUp(ctx, req.officeId, req.since, audience);
  });
}
