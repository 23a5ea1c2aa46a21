/**
 * Bus → rooms: every event of a successful command goes to the office's rooms, shaped once per
 * audience. With the Redis adapter the same emit reaches the rooms' sockets on every process; a
 * process broadcasts only the events of its own commands, so each event is sent once.
 */
import type { OfficeEvent } from '../../shared/domain/types.js';
import { liveEventName } from '../../shared/protocol/events.js';
import type { EventBus } from './event-bus.js';
import type { LiveServer } from './handlers/common.js';
import { toLiveEvent } from './live-event.js';
import { AUDIENCES, officeRoom } from './rooms.js';

/**
 * Starts broadcasting; returns the function that stops it.
 *
 * Commands finishing together (one Redis reply batch, one group-commit fsync) resolve in the same
 * turn of the event loop but not necessarily in seq order: their promise chains differ in length.
 * Emitting as they resolve would show clients false gaps (and cost a replay each), so the events
 * of one turn are put back in seq order per office before they go out.
 */
export function startBroadcaster(bus: EventBus, io: LiveServer, opts: { crossProcess: boolean }): () => void {
  let batch: OfficeEvent[] = [];
  let flushing: NodeJS.Immediate | undefined;

  const emit = (event: OfficeEvent): void => {
    const name = liveEventName(event.type);
    // Without a cross-process adapter, a room with no socket here has none anywhere: socket.io
    // would still encode the packet (a few % of a ticket issue when nobody watches).
    const rooms = AUDIENCES.map((audience) => ({
      audience,
      room: officeRoom(event.officeId, audience),
    })).filter(({ room }) => opts.crossProcess || io.sockets.adapter.rooms.has(room));
    if (rooms.length === 0) return;
    // The audiences differ only by the priority reason: without one, one emit (one Redis PUBLISH
    // through the adapter) serves every room.
    if (event.ticket?.priorityReason === undefined && event.from?.priorityReason === undefined) {
      io.to(rooms.map((r) => r.room)).emit(name, toLiveEvent(event, 'staff'));
      return;
    }
    for (const { audience, room } of rooms) io.to(room).emit(name, toLiveEvent(event, audience));
  };

  const flush = (): void => {
    flushing = undefined;
    const events = batch;
    batch = [];
    const byOffice = new Map<string, OfficeEvent[]>();
    for (const event of events) {
      const list = byOffice.get(event.officeId);
      if (list) list.push(event);
      else byOffice.set(event.officeId, [event]);
    }
    for (const list of byOffice.values()) {
      list.sort((a, b) => a.seq - b.seq);
      for (const event of list) emit(event);
    }
  };

  const unsubscribe = bus.subscribe((event) => {
    batch.push(event);
    flushing ??= setImmediate(flush);
  });
  return () => {
    unsubscribe();
    if (flushing) clearImmediate(flushing);
    flushing = undefined;
    batch = [];
  };
}
