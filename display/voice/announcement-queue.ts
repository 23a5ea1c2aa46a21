/**
 * The display's announcement queue: which call to say next. Pure (no DOM, no timers) so its rules
 * are tested in Node; the announcer (announcer.ts) drives it and does the audio.
 *
 * Why a queue keyed by call, not "say the latest message": the anchor NovoSGA once read out the
 * wrong ticket because it spoke the newest message instead of the one it dequeued. Here every call
 * waits its turn (FIFO), announcements never overlap (`next()` gives nothing until `done()`), and:
 * - a call is keyed `${ticketId}:${recalls}` (`callKey`): a recall increments `recalls`, so it is a
 *   new call and is announced again, while the same event delivered twice (a socket retry, a resync
 *   after reconnecting) is dropped;
 * - a newer call of a ticket that is still queued replaces it in place: the citizen hears the
 *   latest counter, never an outdated one;
 * - a call older than `maxAgeMs` when its turn comes is dropped: after a long outage or a backlog,
 *   "number 1005 to counter 3" five minutes late sends people to the wrong place;
 * - the queue and the memory of announced calls are bounded, so a display that runs for weeks
 *   never grows.
 */

/** What the queue needs of a call. `at` is the event's time (epoch ms, the server's clock). */
export interface QueueableCall {
  ticketId: string;
  /** Times the ticket was called again (0 for the first call). */
  recalls: number;
  at: number;
}

/** Why a call was not (or will not be) announced; for logs and tests. */
export type DropReason = 'duplicate' | 'replaced' | 'stale' | 'overflow';

export interface AnnouncementQueueOptions<C extends QueueableCall> {
  /** The clock `at` is compared with (default `Date.now`; pass a server-corrected clock if you have one). */
  now?: () => number;
  /** A call whose turn comes later than this after its event is dropped (default 60 s). */
  maxAgeMs?: number;
  /** Calls waiting at most; when full, the oldest waiting call is dropped (default 20). */
  maxLength?: number;
  /** Tickets whose last announced call is remembered, to drop duplicates (default 200). */
  memory?: number;
  onDrop?: (call: C, reason: DropReason) => void;
}

export interface AnnouncementQueue<C extends QueueableCall> {
  /** Adds a call; false when it is dropped at once (a duplicate or an older call of the same ticket). */
  push(call: C): boolean;
  /**
   * Takes the call to announce now: the oldest waiting one that is not stale. Nothing while the
   * previous call is still being announced (until `done()`), so two announcements never overlap.
   */
  next(): C | undefined;
  /** The call taken by `next()` has been announced (or skipped). */
  done(): void;
  /** The call being announced, between `next()` and `done()`. */
  readonly current: C | undefined;
  /** Calls waiting (not counting `current`). */
  readonly size: number;
  /** Tickets remembered as announced (bounded by `memory`). */
  readonly remembered: number;
}

export const DEFAULT_MAX_AGE_MS = 60_000;

/** A call's identity: a recall (recalls + 1) is a new call, the same event twice is one. */
export function callKey(call: Pick<QueueableCall, 'ticketId' | 'recalls'>): string {
  return `${call.ticketId}:${call.recalls}`;
}

/**
 * Is `a` a later call of the ticket than `b`? More recalls; or as many with a later event time: a
 * no-show that was requeued and called again keeps its `recalls`, and is a real new call.
 */
function isNewer(
  a: Pick<QueueableCall, 'recalls' | 'at'>,
  b: Pick<QueueableCall, 'recalls' | 'at'>,
): boolean {
  return a.recalls > b.recalls || (a.recalls === b.recalls && a.at > b.at);
}

export function createAnnouncementQueue<C extends QueueableCall>(
  opts: AnnouncementQueueOptions<C> = {},
): AnnouncementQueue<C> {
  const now = opts.now ?? Date.now;
  const maxAgeMs = opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const maxLength = opts.maxLength ?? 20;
  const memorySize = opts.memory ?? 200;
  const drop = (call: C, reason: DropReason): void => opts.onDrop?.(call, reason);
  const waiting: C[] = [];
  // Per ticket, the last call taken off the queue (announced, skipped or stale). A Map keeps
  // insertion order: re-inserting on update makes the first key the least recently announced.
  const announced = new Map<string, Pick<QueueableCall, 'recalls' | 'at'>>();
  let current: C | undefined;

  const remember = (call: C): void => {
    announced.delete(call.ticketId);
    announced.set(call.ticketId, { recalls: call.recalls, at: call.at });
    if (announced.size > memorySize) announced.delete(announced.keys().next().value as string);
  };

  return {
    push(call) {
      const last = announced.get(call.ticketId);
      if (last && !isNewer(call, last)) {
        drop(call, 'duplicate');
        return false;
      }
      const i = waiting.findIndex((c) => c.ticketId === call.ticketId);
      if (i >= 0) {
        const queued = waiting[i] as C;
        if (!isNewer(call, queued)) {
          drop(call, 'duplicate');
          return false;
        }
        // In place: the ticket keeps its turn, with the latest counter.
        waiting[i] = call;
        drop(queued, 'replaced');
        return true;
      }
      waiting.push(call);
      if (waiting.length > maxLength) drop(waiting.shift() as C, 'overflow');
      return true;
    },
    next() {
      if (current) return undefined;
      for (let call = waiting.shift(); call; call = waiting.shift()) {
        remember(call);
        if (now() - call.at > maxAgeMs) {
          drop(call, 'stale');
          continue;
        }
        current = call;
        return call;
      }
      return undefined;
    },
    done() {
      current = undefined;
    },
    get current() {
      return current;
    },
    get size() {
      return waiting.length;
    },
    get remembered() {
      return announced.size;
    },
  };
}
