/**
 * The phone page's data: one ticket, kept current over the socket (`ticket:watch`, then
 * `ticket:changed`), with plain HTTP as the fallback — a cheap phone on 3G loses its socket often.
 *
 * - First paint does not wait for the socket: `GET /api/tickets/:id` starts at once, and the
 *   socket.io client (most of the page's JavaScript) loads in parallel, as its own chunk.
 * - Live: websocket only, to the page's own origin; `ticket:watch` on every (re)connect (rooms do not
 *   survive one) and after a transfer (the server follows it to the new entry).
 * - Not live (no socket within CONNECT_GRACE_MS, or it dropped): GET every POLL_MS until it is back.
 * - Live and waiting: GET every REFRESH_MS anyway — the ticket's own events do not say when the
 *   people ahead of it are called, so "people ahead" would go stale.
 * - Done or cancelled: nothing more can happen; the socket is closed and the timers stop.
 *
 * Only type imports from shared/protocol: its values pull in TypeBox, which the page cannot afford.
 */
import type { Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  PublicTicket,
  ServerToClientEvents,
  TicketChange,
} from '../shared/protocol/events.js';

/** No live socket after this long: start polling (and say so). */
export const CONNECT_GRACE_MS = 4000;
/** Polling while the socket is away. */
export const POLL_MS = 5000;
/** Refreshing "people ahead" while live and waiting. */
export const REFRESH_MS = 25_000;
/** An unanswered watch counts as a dead connection after this long. */
const ACK_TIMEOUT_MS = 8000;

/** What the page may receive: the public view, plus fields a later server may add. */
export type TicketView = PublicTicket & {
  /** Times called again (from live changes). */
  recalls?: number;
  /** The wait-time estimator's answer, once there is one (its `text` is shown as is). */
  estimate?: { text?: string | { vi: string; en: string } } | null;
};

/**
 * - `connecting`: first seconds, socket not there yet;
 * - `live`: watching over the socket;
 * - `polling`: no socket (yet, or any more): GET every POLL_MS;
 * - `offline`: the phone says it has no network.
 */
export type Connection = 'connecting' | 'live' | 'polling' | 'offline';

export interface FeedState {
  phase: 'loading' | 'found' | 'not-found';
  ticket: TicketView | undefined;
  connection: Connection;
  /** Epoch ms (the phone's clock) of the last answer from the server. */
  updatedAt: number | undefined;
  /** A transfer was announced; the new entry is on its way. */
  transferring: boolean;
}

type PhoneSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type LoadClient = () => Promise<{ io: (opts: Record<string, unknown>) => PhoneSocket }>;

const FINAL = new Set<string>(['done', 'cancelled']);

/** Ticket ids are URL-safe tokens (shared/domain/ids.ts); anything else cannot exist. */
const ID = /^[A-Za-z0-9_-]{1,128}$/;

export const INITIAL: FeedState = {
  phase: 'loading',
  ticket: undefined,
  connection: 'connecting',
  updatedAt: undefined,
  transferring: false,
};

/**
 * Follows one ticket until stopped (or until it is done, cancelled or unknown); `onState` gets
 * every new state. Returns the function that stops it.
 */
export function followTicket(
  ticketId: string,
  onState: (state: FeedState) => void,
  loadClient: LoadClient = () => import('./socket-client.js') as unknown as ReturnType<LoadClient>,
): () => void {
  let state = INITIAL;
  let socket: PhoneSocket | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let graceOver = false;
  let stopped = false;
  let fetching = false;
  /** Changes applied so far: a GET sent before one of them answers an older state. */
  let changesApplied = 0;
  let lastSeq = -1;
  const cleanups: (() => void)[] = [];

  const set = (patch: Partial<FeedState>): void => {
    state = { ...state, ...patch };
    onState(state);
  };

  const stop = (): void => {
    stopped = true;
    clearTimeout(timer);
    for (const cleanup of cleanups.splice(0)) cleanup();
    socket?.close();
    socket = undefined;
  };

  const notFound = (): void => {
    set({ phase: 'not-found', ticket: undefined, transferring: false });
    stop();
  };

  const show = (ticket: TicketView): void => {
    const previous = state.ticket;
    // A new entry (a transfer followed) starts its own story: keep nothing of the old one.
    const recalls = previous?.id === ticket.id ? previous.recalls : undefined;
    set({
      phase: 'found',
      ticket: recalls === undefined || ticket.recalls !== undefined ? ticket : { ...ticket, recalls },
      updatedAt: Date.now(),
      transferring: false,
    });
    if (FINAL.has(ticket.status)) stop();
  };

  /** The next GET: often without a socket, now and then while waiting with one, else none. */
  const reschedule = (): void => {
    clearTimeout(timer);
    if (stopped) return;
    const live = state.connection === 'live';
    const every = !live ? (graceOver ? POLL_MS : 0) : state.ticket?.status === 'waiting' ? REFRESH_MS : 0;
    if (every > 0) timer = setTimeout(() => void refresh(), every);
  };

  /** GET the public view; a 404 (or an id the server refuses) is the friendly not-found page. */
  const refresh = async (): Promise<void> => {
    if (stopped || fetching) return;
    fetching = true;
    const applied = changesApplied;
    try {
      const res = await fetch(`/api/tickets/${encodeURIComponent(ticketId)}`, {
        cache: 'no-store',
        headers: { accept: 'application/json' },
      });
      if (res.status === 404 || res.status === 400) return notFound();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const ticket = (await res.json()) as TicketView;
      // A live change arrived while this was on its way: it is newer than this answer.
      if (stopped || applied !== changesApplied) return;
      show(ticket);
      if (state.connection === 'offline') set({ connection: socket?.connected ? 'live' : 'polling' });
    } catch {
      if (!navigator.onLine) set({ connection: 'offline' });
    } finally {
      fetching = false;
      reschedule();
    }
  };

  const watch = (): void => {
    const current = socket;
    if (!current || stopped) return;
    current
      .timeout(ACK_TIMEOUT_MS)
      .emit('ticket:watch', { ticketId }, (err: Error | null, ack: Ack<PublicTicket>) => {
        if (stopped || current !== socket || err) return; // no answer: polling goes on
        if (ack.ok) {
          show(ack.data);
          set({ connection: 'live' });
        } else if (ack.code === 'TICKET_NOT_FOUND') {
          notFound();
        }
        reschedule();
      });
  };

  const apply = (change: TicketChange): void => {
    // A retried command republishes its first event: seen already, and older than what is shown.
    if (change.seq <= lastSeq) return;
    lastSeq = change.seq;
    changesApplied++;
    if (change.status === 'transferred') {
      // Watching the QR's id again lands on the entry that replaced it.
      set({ transferring: true });
      return watch();
    }
    const current = state.ticket;
    if (!current || change.id !== current.id) return;
    const next: TicketView = {
      ...current,
      status: change.status,
      number: change.number,
      serviceId: change.serviceId,
      recalls: change.recalls,
      ahead: change.status === 'waiting' ? current.ahead : 0,
    };
    delete next.counter;
    delete next.calledAt;
    if (change.counter) next.counter = change.counter;
    if (change.calledAt !== undefined) next.calledAt = change.calledAt;
    show(next);
    // Back in the queue (a requeue): how many are ahead now? Called without a counter (the
    // server could not read its configuration): which counter?
    const placed = change.status === 'called' || change.status === 'serving';
    if (change.status === 'waiting' || (placed && !change.counter)) void refresh();
    reschedule();
  };

  const connect = (io: (opts: Record<string, unknown>) => PhoneSocket): void => {
    if (stopped) return;
    // Websocket only: no sticky sessions behind a load balancer, no long-polling over 3G.
    socket = io({ transports: ['websocket'], reconnectionDelayMax: 10_000, timeout: 6000 });
    socket.on('connect', watch);
    socket.on('disconnect', () => {
      if (stopped) return;
      graceOver = true;
      set({ connection: navigator.onLine ? 'polling' : 'offline' });
      reschedule();
    });
    socket.on('ticket:changed', apply);
  };

  if (!ID.test(ticketId)) {
    notFound();
    return stop;
  }
  void refresh();
  const grace = setTimeout(() => {
    graceOver = true;
    if (state.connection === 'connecting') set({ connection: 'polling' });
    reschedule();
  }, CONNECT_GRACE_MS);
  loadClient().then(
    ({ io }) => connect(io),
    () => {
      graceOver = true;
      set({ connection: 'polling' });
      reschedule();
    },
  );
  // Phones freeze background tabs: catch up the moment the page is seen again.
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') void refresh();
  };
  const onOnline = (): void => void refresh();
  const onOffline = (): void => set({ connection: 'offline' });
  document.addEventListener('visibilitychange', onVisible);
  addEventListener('online', onOnline);
  addEventListener('offline', onOffline);
  cleanups.push(() => {
    clearTimeout(grace);
    document.removeEventListener('visibilitychange', onVisible);
    removeEventListener('online', onOnline);
    removeEventListener('offline', onOffline);
  });
  return stop;
}
