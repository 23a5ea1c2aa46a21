/**
 * An office's live picture in a browser app: socket.io (websocket transport only, so no sticky
 * sessions behind a load balancer), `office:subscribe` on every (re)connect, events applied in
 * `seq` order through LiveFeed (duplicates dropped, gaps replayed), and the picture kept with
 * applyLiveEvent between snapshots.
 *
 * Besides the picture it tracks what a screen on a wall needs to never go stale unnoticed:
 * - `confirmedAt`: the last moment the picture was known current — an answered subscribe or
 *   replay, a live event, or a transport ping while in sync. A periodic re-subscribe (`since` the
 *   last seq: normally an empty answer) catches an event lost in a broadcast, which no later
 *   event would reveal if the office went quiet;
 * - `downSince`: since when the socket is down;
 * - `calls`: every call that changed the picture, handed over in batches — the events one socket
 *   message or one catch-up applied — together with the picture after the whole batch, so a
 *   caller can tell a call that is still current from one that was overtaken while it was away.
 *   After a resync by snapshot (the missed events were gone), the calls are inferred from the
 *   snapshot's recent calls.
 *
 * Imports only types from shared/protocol/events.ts: its values pull in TypeBox.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  AckCallback,
  ClientToServerEvents,
  LiveEvent,
  LiveEventName,
  ReplayResult,
  ServerToClientEvents,
  Snapshot,
} from '../shared/protocol/events.js';
import type { DisplayStatusReport } from '../shared/protocol/display.js';
import { applyLiveEvent, callOf, LiveFeed } from '../shared/protocol/live-sync.js';
import { noteLiveEventTime } from './server-clock.js';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Every office event name (shared/protocol/events.ts LIVE_EVENT_NAMES, which would pull in TypeBox). */
export const LIVE_EVENTS = [
  'ticket:issued',
  'ticket:called',
  'ticket:recalled',
  'ticket:serving',
  'ticket:completed',
  'ticket:no-show',
  'ticket:requeued',
  'ticket:transferred',
  'ticket:cancelled',
  'counter:updated',
] as const satisfies readonly LiveEventName[];
// Fails to compile when the protocol gains an event this list lacks.
const everyEventListed: [Exclude<LiveEventName, (typeof LIVE_EVENTS)[number]>] extends [never]
  ? true
  : never = true;
void everyEventListed;

/** Re-subscribe this often while connected (ms). */
export const HEARTBEAT_MS = 20_000;
/** An unanswered request counts as failed after this long (ms). */
export const ACK_TIMEOUT_MS = 8_000;
/** Server messages that are not office events: heard through `LiveOffice.listen`. */
export const NOTICE_EVENTS = ['counter:replaced', 'office:estimates'] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];
type Notice<E extends NoticeEvent> = Parameters<ServerToClientEvents[E]>[0];
type Listener<E extends NoticeEvent> = (notice: Notice<E>) => void;

/** After the server closed the socket itself (a revoked device, a restart), connect again after (ms). */
const RECONNECT_AFTER_KICK_MS = 3_000;

/** A call (or recall) that reached the picture, with the ticket's recall count after it (0: first call). */
export type CallNotice = Snapshot['recentCalls'][number] & { recalls: number };

export interface LiveView {
  snapshot: Snapshot | undefined;
  connected: boolean;
  /** Local epoch ms when the picture was last known current; undefined before the first sync. */
  confirmedAt: number | undefined;
  /** Local epoch ms of the last answered subscribe or replay (the last successful sync). */
  syncedAt: number | undefined;
  /** Local epoch ms since when the socket is down; undefined while connected. */
  downSince: number | undefined;
}

export interface LiveOfficeOptions {
  token: string;
  officeId: string;
  heartbeatMs?: number;
  ackTimeoutMs?: number;
  onView(view: LiveView): void;
  /** Calls applied by one batch, oldest first, with the picture after the batch. */
  onCalls?(calls: CallNotice[], state: Snapshot): void;
  /** The server refused the token on the socket, or closed the socket: check it (a 401 means revoked). */
  onAuthDoubt?(): void;
  /** Connected again after being connected once: things may have changed meanwhile. */
  onReconnect?(): void;
  /** The socket factory (default: socket.io-client to the page's own origin). */
  connect?: (opts: { auth: { token: string } }) => LiveSocket;
}

type StatusReports = { 'display:status': DisplayStatusReport };

/** Requests a page may send through `LiveOffice.request`: the officer console's presence at its counter. */
export type PageRequest = 'counter:attach' | 'counter:detach';
type RequestOf<E extends PageRequest> = Parameters<ClientToServerEvents[E]>[0];
type AnswerOf<E extends PageRequest> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

function callKey(c: { ticketId: string; at: number; kind: string }): string {
  return `${c.ticketId}@${c.at}:${c.kind}`;
}

/**
 * The calls in `next` that `previous` did not show (a resync by snapshot), oldest first. The
 * snapshot does not carry recall counts: a ticket's count is that of its `recalled` entries within
 * the snapshot's recent calls.
 */
export function missedCalls(previous: Snapshot, next: Snapshot): CallNotice[] {
  const seen = new Set(previous.recentCalls.map(callKey));
  const newestSeen = previous.recentCalls[0]?.at ?? Number.NEGATIVE_INFINITY;
  const recalls = new Map<string, number>();
  const out: CallNotice[] = [];
  for (let i = next.recentCalls.length - 1; i >= 0; i--) {
    const c = next.recentCalls[i];
    if (!c) continue;
    const n = c.kind === 'recalled' ? (recalls.get(c.ticketId) ?? 0) + 1 : 0;
    recalls.set(c.ticketId, n);
    if (seen.has(callKey(c)) || c.at < newestSeen) continue;
    out.push({ ...c, recalls: n });
  }
  return out;
}

export class LiveOffice {
  private socket: LiveSocket | undefined;
  private generation = 0;
  private feed: LiveFeed;
  private state: Snapshot | undefined;
  private connected = false;
  private connectedBefore = false;
  /** The last subscribe/replay answered and none failed since. */
  private synced = false;
  private confirmedAt: number | undefined;
  private syncedAt: number | undefined;
  private downSince: number | undefined;
  private batch: CallNotice[] = [];
  private flushQueued = false;
  private stopped = false;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private kickTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly reports = new Map<keyof StatusReports, StatusReports[keyof StatusReports]>();
  /** Listeners of the notices that are not part of the office's picture (NOTICE_EVENTS). */
  private readonly noticeListeners = new Map<NoticeEvent, Set<(notice: never) => void>>();

  constructor(private readonly opts: LiveOfficeOptions) {
    this.feed = this.newFeed();
  }

  private newFeed(): LiveFeed {
    const { officeId } = this.opts;
    // A replaced feed's answer still on its way must not touch the picture.
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    return new LiveFeed(
      {
        subscribe: (since) =>
          this.ask('office:subscribe', since === undefined ? { officeId } : { officeId, since }),
        replay: (since) => this.ask('office:replay', { officeId, since }),
      },
      {
        snapshot: (s) => {
          if (current()) this.onSnapshot(s);
        },
        event: (e) => {
          if (current()) this.onEvent(e);
        },
        error: () => {
          if (!current()) return;
          this.synced = false;
          this.emitView();
        },
      },
    );
  }

  /**
   * Starts over from a fresh snapshot (the picture stays until it comes). Events only change what a
   * snapshot already has: a counter added to the office's configuration appears only in a new one.
   */
  resnapshot(): void {
    this.feed = this.newFeed();
    if (this.connected) void this.feed.join();
  }

  get view(): LiveView {
    return {
      snapshot: this.state,
      connected: this.connected,
      confirmedAt: this.confirmedAt,
      syncedAt: this.syncedAt,
      downSince: this.downSince,
    };
  }

  start(): void {
    const { token, officeId } = this.opts;
    const connect =
      this.opts.connect ??
      ((o) =>
        io({
          transports: ['websocket'],
          reconnectionDelay: 1_000,
          reconnectionDelayMax: 5_000,
          timeout: 10_000,
          ...o,
        }) as LiveSocket);
    const socket = connect({ auth: { token } });
    this.socket = socket;
    socket.on('connect', () => {
      this.connected = true;
      this.downSince = undefined;
      // Rooms do not survive a reconnect: subscribe again (`since` the last seq: what was missed).
      void this.feed.join();
      for (const [event, payload] of this.reports) this.send(event, payload);
      if (this.connectedBefore) this.opts.onReconnect?.();
      this.connectedBefore = true;
      this.emitView();
    });
    socket.on('disconnect', (reason) => {
      this.wentDown();
      if (reason === 'io server disconnect') {
        // The server closed it on purpose (a revoked token, a shutdown): socket.io does not retry.
        this.opts.onAuthDoubt?.();
        clearTimeout(this.kickTimer);
        this.kickTimer = setTimeout(() => {
          if (!this.stopped) socket.connect();
        }, RECONNECT_AFTER_KICK_MS);
      }
    });
    socket.on('connect_error', () => this.wentDown());
    const onLive = (event: LiveEvent) => {
      if (event.officeId !== officeId) return;
      noteLiveEventTime(event.at);
      if (this.synced) this.confirmedAt = Date.now();
      this.feed.push(event);
    };
    for (const name of LIVE_EVENTS) socket.on(name, onLive);
    for (const name of NOTICE_EVENTS) {
      socket.on(name, (notice: Notice<typeof name>) => {
        for (const listener of [...(this.noticeListeners.get(name) ?? [])])
          (listener as Listener<typeof name>)(notice);
      });
    }
    // The transport's heartbeat (every 25 s from the server): the connection is alive.
    socket.io.on('ping', () => {
      if (!this.connected || !this.synced) return;
      this.confirmedAt = Date.now();
      this.emitView();
    });
    const every = this.opts.heartbeatMs ?? HEARTBEAT_MS;
    this.heartbeat = setInterval(() => {
      if (this.connected) void this.feed.join();
    }, every);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.kickTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.off();
      socket.io.off();
      socket.disconnect();
    }
  }

  /**
   * A device's state for the office's staff (a display's sound): sent now if connected, and again
   * after every reconnect, since the server keeps no record of it.
   */
  report<E extends keyof StatusReports>(event: E, payload: StatusReports[E]): void {
    this.reports.set(event, payload);
    if (this.connected) this.send(event, payload);
  }

  /**
   * A request of the page's own, outside the office's stream (the officer console's `counter:attach`
   * and `counter:detach`), sent once: the ack's data. Rejects with an Error whose message is the
   * error code — `DISCONNECTED` while the socket is down, `TIMEOUT` without an answer in time. Rooms
   * do not survive a reconnect: a page sends its attach again on each connect (`view.connected`).
   */
  async request<E extends PageRequest>(event: E, payload: RequestOf<E>): Promise<AnswerOf<E>> {
    const socket = this.socket;
    if (!socket?.connected) throw new Error('DISCONNECTED');
    const timed = socket.timeout(this.opts.ackTimeoutMs ?? ACK_TIMEOUT_MS) as unknown as {
      emitWithAck(e: E, p: RequestOf<E>): Promise<Ack<AnswerOf<E>>>;
    };
    let res: Ack<AnswerOf<E>>;
    try {
      res = await timed.emitWithAck(event, payload);
    } catch {
      throw new Error('TIMEOUT');
    }
    if (!res.ok) throw new Error(res.code);
    return res.data;
  }

  /**
   * Notices to this page beside the office's picture — `counter:replaced` (another console took
   * over its counter), `office:estimates` (the display's wait per service): `listener` hears each
   * one until the returned function is called.
   */
  listen<E extends NoticeEvent>(event: E, listener: Listener<E>): () => void {
    let set = this.noticeListeners.get(event);
    if (!set) this.noticeListeners.set(event, (set = new Set()));
    const entry = listener as (notice: never) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  private send(event: keyof StatusReports, payload: StatusReports[keyof StatusReports]): void {
    const socket = this.socket;
    if (!socket) return;
    socket
      .timeout(this.opts.ackTimeoutMs ?? ACK_TIMEOUT_MS)
      .emitWithAck(event, payload)
      .then(
        () => undefined,
        () => undefined, // Sent again on the next connect.
      );
  }

  private wentDown(): void {
    if (this.stopped) return;
    this.connected = false;
    this.synced = false;
    this.downSince ??= Date.now();
    this.emitView();
  }

  private async ask(
    event: 'office:subscribe' | 'office:replay',
    request: { officeId: string; since?: number },
  ): Promise<ReplayResult> {
    const socket = this.socket;
    if (!socket?.connected) throw new Error('DISCONNECTED');
    const timed = socket.timeout(this.opts.ackTimeoutMs ?? ACK_TIMEOUT_MS);
    const res =
      event === 'office:subscribe'
        ? await timed.emitWithAck('office:subscribe', request)
        : await timed.emitWithAck('office:replay', { officeId: request.officeId, since: request.since ?? 0 });
    if (!res.ok) {
      if (res.code === 'UNAUTHENTICATED' || res.code === 'FORBIDDEN') this.opts.onAuthDoubt?.();
      throw new Error(res.code);
    }
    this.synced = true;
    this.confirmedAt = this.syncedAt = Date.now();
    // An answer with nothing new applies nothing: the view changes by the time alone.
    this.emitView();
    return res.data;
  }

  private onSnapshot(snapshot: Snapshot): void {
    const previous = this.state;
    if (previous) this.batch.push(...missedCalls(previous, snapshot));
    this.state = snapshot;
    this.queueFlush();
  }

  private onEvent(event: LiveEvent): void {
    if (!this.state) return; // The feed applies events only after a snapshot.
    this.state = applyLiveEvent(this.state, event);
    const call = callOf(event);
    if (call) this.batch.push({ ...call, recalls: event.ticket?.recalls ?? 0 });
    this.queueFlush();
  }

  /**
   * One flush per batch: a catch-up applies all its events synchronously after its answer, so a
   * microtask runs after the last of them.
   */
  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      if (this.stopped) return;
      const calls = this.batch.splice(0);
      if (calls.length > 0 && this.state) this.opts.onCalls?.(calls, this.state);
      this.emitView();
    });
  }

  private emitView(): void {
    if (!this.stopped) this.opts.onView(this.view);
  }
}
