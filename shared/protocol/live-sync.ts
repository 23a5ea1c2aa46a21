/**
 * The client half of the resync rule, transport-free so every app (display, officer console, kiosk)
 * and the tests use the same logic: apply events in `seq` order exactly once, catch up through the
 * server when a gap shows, never silently skip a call.
 *
 * @example
 * ```ts
 * const feed = new LiveFeed(
 *   {
 *     subscribe: (since) => ack(socket.emitWithAck('office:subscribe', since === undefined ? { officeId } : { officeId, since })),
 *     replay: (since) => ack(socket.emitWithAck('office:replay', { officeId, since })),
 *   },
 *   { snapshot: (s) => render(s), event: (e) => apply(e) },
 * );
 * socket.on('connect', () => void feed.join()); // every (re)connect: rooms do not survive one
 * for (const name of Object.values(LIVE_EVENT_NAMES)) socket.on(name, (e) => feed.push(e));
 * ```
 */
import type { LiveEvent, ReplayResult, Snapshot } from './events.js';

/** As the stores keep them (server/store/types.ts RECENT_CALLS). */
const RECENT_CALLS = 10;

export type SeqVerdict = 'apply' | 'duplicate' | 'gap';

/** What to do with an event given the last applied seq. */
export function classifySeq(lastSeq: number, seq: number): SeqVerdict {
  if (seq <= lastSeq) return 'duplicate';
  return seq === lastSeq + 1 ? 'apply' : 'gap';
}

export interface LiveFeedSource {
  /** `office:subscribe`; `since` is the last applied seq when there is one. */
  subscribe(since: number | undefined): Promise<ReplayResult>;
  /** `office:replay`. */
  replay(since: number): Promise<ReplayResult>;
}

export interface LiveFeedHandlers {
  /** Replace the whole picture (first join, or the missed events are gone). */
  snapshot(state: Snapshot): void;
  /** Apply one event: called in seq order, each seq once. */
  event(event: LiveEvent): void;
  /** A catch-up failed (disconnected, server error); the next event or join() retries. */
  error?(err: unknown): void;
}

/** One office's live picture on a client. */
export class LiveFeed {
  private lastSeq: number | undefined;
  private catchingUp = false;
  private pending: LiveEvent[] = [];

  constructor(
    private readonly source: LiveFeedSource,
    private readonly handlers: LiveFeedHandlers,
  ) {}

  /** The last applied seq (undefined before the first join answered). */
  get seq(): number | undefined {
    return this.lastSeq;
  }

  /** Subscribe (again): call on every connect, since a reconnected socket has left every room. */
  join(): Promise<void> {
    return this.catchUp(() => this.source.subscribe(this.lastSeq));
  }

  /** Feed every live event of this office here, as it arrives. */
  push(event: LiveEvent): void {
    if (this.lastSeq === undefined || this.catchingUp) {
      this.pending.push(event);
      return;
    }
    switch (classifySeq(this.lastSeq, event.seq)) {
      case 'duplicate':
        return;
      case 'apply':
        this.lastSeq = event.seq;
        this.handlers.event(event);
        return;
      case 'gap':
        this.pending.push(event);
        void this.catchUp(() => this.source.replay(this.lastSeq ?? 0));
    }
  }

  private async catchUp(read: () => Promise<ReplayResult>): Promise<void> {
    if (this.catchingUp) return;
    this.catchingUp = true;
    let result: ReplayResult;
    try {
      result = await read();
    } catch (err) {
      // Keep what is pending: the next push or join() tries again.
      this.catchingUp = false;
      this.handlers.error?.(err);
      return;
    }
    if (result.kind === 'snapshot') {
      this.lastSeq = result.snapshot.seq;
      this.handlers.snapshot(result.snapshot);
    } else {
      // Events come only for a `since` we sent, so lastSeq is set; they are consecutive from it.
      for (const event of result.events) {
        if (classifySeq(this.lastSeq ?? 0, event.seq) === 'apply') {
          this.lastSeq = event.seq;
          this.handlers.event(event);
        }
      }
    }
    this.catchingUp = false;
    const pending = this.pending.sort((a, b) => a.seq - b.seq);
    this.pending = [];
    for (const event of pending) this.push(event);
  }
}

type EventTicket = NonNullable<LiveEvent['ticket']>;
type SnapshotCounter = Snapshot['counters'][number];

function brief(t: EventTicket): NonNullable<SnapshotCounter['currentTicket']> {
  return { id: t.id, number: t.number, serviceId: t.serviceId, status: t.status, priority: t.priority };
}

/** A counter of the picture after `event` (which changed `live`, the counter's new state, if given). */
function nextCounter(c: SnapshotCounter, event: LiveEvent): SnapshotCounter {
  const t = event.ticket;
  let out = c;
  const live = event.counter;
  if (live && live.id === c.id) {
    const held = live.currentTicketId;
    out = {
      id: c.id,
      number: c.number,
      name: c.name,
      status: live.status,
      since: live.since,
      currentTicket:
        held === undefined
          ? null
          : t?.id === held
            ? brief(t)
            : c.currentTicket?.id === held
              ? c.currentTicket
              : null,
    };
    if (live.pauseReason !== undefined) out.pauseReason = live.pauseReason;
    if (live.officerId !== undefined) out.officerId = live.officerId;
  }
  // A ticket changing at the counter that holds it (recalled, serving) without the counter changing.
  if (t && out.currentTicket?.id === t.id) out = { ...out, currentTicket: brief(t) };
  return out;
}

/**
 * The office's picture after `event`, from the picture at `event.seq - 1`: what a display or console
 * keeps between snapshots. Pure; the result equals the snapshot the server would give at
 * `event.seq`. Waiting counts follow from the engine's invariant that a waiting ticket never has a
 * counter: a cancelled or transferred ticket without `counterId` was waiting (with one, it was at a
 * counter or a no-show). Counts are those of the picture's business day; an event of a later day
 * starts that day from zero.
 */
export function applyLiveEvent(state: Snapshot, event: LiveEvent): Snapshot {
  const next: Snapshot = { ...state, seq: event.seq };
  const day = event.ticket?.businessDate;
  if (day !== undefined && day > state.businessDate) {
    next.businessDate = day;
    next.waiting = Object.fromEntries(Object.keys(state.waiting).map((id) => [id, 0]));
  } else {
    next.waiting = { ...state.waiting };
  }
  const count = (t: EventTicket | undefined, delta: number): void => {
    if (t && t.businessDate === next.businessDate)
      next.waiting[t.serviceId] = (next.waiting[t.serviceId] ?? 0) + delta;
  };
  const wasWaiting = (t: EventTicket | undefined): boolean => t !== undefined && t.counterId === undefined;
  switch (event.type) {
    case 'issued':
    case 'requeued':
      count(event.ticket, +1);
      break;
    case 'called':
      count(event.ticket, -1);
      break;
    case 'cancelled':
      if (wasWaiting(event.ticket)) count(event.ticket, -1);
      break;
    case 'transferred':
      if (wasWaiting(event.from)) count(event.from, -1);
      count(event.ticket, +1);
      break;
    default:
      break;
  }
  next.counters = state.counters.map((c) => nextCounter(c, event));
  const call = callOf(event);
  if (call) next.recentCalls = [call, ...state.recentCalls].slice(0, RECENT_CALLS);
  return next;
}

/** The call (or recall) an event is, as the recent calls list it; undefined for any other event. */
export function callOf(event: LiveEvent): Snapshot['recentCalls'][number] | undefined {
  const t = event.ticket;
  if ((event.type !== 'called' && event.type !== 'recalled') || t?.counterId === undefined) return undefined;
  return {
    ticketId: t.id,
    number: t.number,
    serviceId: t.serviceId,
    counterId: t.counterId,
    at: event.at,
    kind: event.type,
  };
}
