/**
 * Bus → rooms: every event of a successful command goes to the office's rooms, shaped once per
 * audience, and — as a small public `ticket:changed` — to the room of each ticket it concerns, for
 * that ticket's watchers (the citizen's phone page). With the Redis adapter the same emit reaches
 * the rooms' sockets on every process; a process broadcasts only the events of its own commands, so
 * each event is sent once.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { OfficeConfig, OfficeEvent, Ticket } from '../../shared/domain/types.js';
import { liveEventName, TICKET_CHANGED } from '../../shared/protocol/events.js';
import type { EventBus } from './event-bus.js';
import type { LiveServer } from './handlers/common.js';
import { toLiveEvent, toTicketChange } from './live-event.js';
import { AUDIENCES, officeRoom, ticketRoom } from './rooms.js';

export interface BroadcasterOptions {
  /** A cross-process adapter (Redis): a room with no socket here may have some on another process. */
  crossProcess: boolean;
  /**
   * The office's configuration, for the counter's number and name in a ticket's changes: the
   * store's `officeConfig`, which after a command (the only time this runs) costs no round trip.
   */
  officeConfig(officeId: string): Promise<OfficeConfig | undefined>;
  log?: Pick<FastifyBaseLogger, 'warn'>;
}

/**
 * Starts broadcasting; returns the function that stops it.
 *
 * Commands finishing together (one Redis reply batch, one group-commit fsync) resolve in the same
 * turn of the event loop but not necessarily in seq order: their promise chains differ in length.
 * Emitting as they resolve would show clients false gaps (and cost a replay each), so the events
 * of one turn are put back in seq order per office before they go out.
 */
export function startBroadcaster(bus: EventBus, io: LiveServer, opts: BroadcasterOptions): () => void {
  let batch: OfficeEvent[] = [];
  let flushing: NodeJS.Immediate | undefined;
  let stopped = false;
  /** Per office, the last pending delivery to ticket rooms: they go out in seq order too. */
  const tails = new Map<string, Promise<void>>();

  const emitToOffice = (event: OfficeEvent): void => {
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

  /**
   * The tickets of `event` that may have watchers. A ticket the event creates (an issue, the new
   * entry of a transfer) has none yet: its id is first known from this very command's answer (or,
   * for a transfer, from this event's `from`). So the rooms nobody can watch cost nothing, not even
   * a Redis PUBLISH with the adapter.
   */
  const watchedTickets = (event: OfficeEvent): { ticket: Ticket; room: string }[] => {
    const tickets: Ticket[] = [];
    if (event.ticket && event.type !== 'issued' && event.type !== 'transferred') tickets.push(event.ticket);
    if (event.from) tickets.push(event.from);
    return tickets
      .map((ticket) => ({ ticket, room: ticketRoom(ticket.id) }))
      .filter(({ room }) => opts.crossProcess || io.sockets.adapter.rooms.has(room));
  };

  /**
   * Watchers get their own small payload (never equal to the office's: no priority, no officer),
   * so this is a separate emit, one per watched ticket of the event.
   */
  const emitToWatchers = (event: OfficeEvent): void => {
    const targets = watchedTickets(event);
    if (targets.length === 0) return;
    const send = (office: OfficeConfig | undefined): void => {
      if (stopped) return;
      for (const { ticket, room } of targets)
        io.to(room).emit(TICKET_CHANGED, toTicketChange(event, ticket, office));
    };
    const needsOffice = targets.some(
      ({ ticket }) => ticket.status === 'called' || ticket.status === 'serving',
    );
    const pending = tails.get(event.officeId);
    if (!needsOffice && !pending) return send(undefined);
    // Reading the configuration is asynchronous even when cached: chained per office, so a
    // ticket's `called` never overtakes its `serving`.
    const next = (pending ?? Promise.resolve())
      .then(async () => {
        const office = needsOffice
          ? await opts.officeConfig(event.officeId).catch((err: unknown) => {
              opts.log?.warn(
                { err, officeId: event.officeId },
                'ticket watchers: office configuration unavailable',
              );
              return undefined;
            })
          : undefined;
        send(office);
      })
      .catch((err: unknown) => opts.log?.warn({ err }, 'ticket watchers: delivery failed'));
    tails.set(event.officeId, next);
    void next.then(() => {
      if (tails.get(event.officeId) === next) tails.delete(event.officeId);
    });
  };

  const emit = (event: OfficeEvent): void => {
    emitToOffice(event);
    emitToWatchers(event);
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
    stopped = true;
    unsubscribe();
    if (flushing) clearImmediate(flushing);
    flushing = undefined;
    batch = [];
  };
}
