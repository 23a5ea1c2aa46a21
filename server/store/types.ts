/**
 * The one interface both engines implement. Routes, realtime and tests talk to this only.
 * Every mutating call is atomic: it validates, changes state, and appends exactly one event with
 * the office's next `seq`, or changes nothing and throws a QueueError.
 */
import type { QueuePosition } from '../../shared/domain/ahead.js';
import { QueueError } from '../../shared/protocol/errors.js';
import type { Command, OfficeConfig, OfficeEvent, OfficeState, Ticket } from '../../shared/domain/types.js';

export type { QueuePosition };

export type Clock = () => number;

export interface PutOfficeOptions {
  /** Only if the office does not exist yet: OFFICE_EXISTS otherwise, decided atomically. */
  create?: boolean;
}

export interface StoreOptions {
  /** Injected so business-day, cut-off and ordering tests can run at any date. */
  clock?: Clock;
  /** Injected so the differential test can give both engines the same ticket ids. */
  newId?: () => string;
  /** Events kept per office for resync (older ones are trimmed). */
  maxEvents?: number;
}

export interface EventsPage {
  events: OfficeEvent[];
  /** The office's current seq when read: more may follow if events.length hit the limit. */
  seq: number;
}

/** What `TicketStore.waitingLists` answers, by list id. */
export interface WaitingLists {
  /** The first tickets of each list, in list order. */
  lists: Record<string, Ticket[]>;
  /** How many tickets wait in each list (not only those returned). */
  sizes: Record<string, number>;
}

/** Today's figures of one counter. */
export interface CounterDay {
  /** Tickets completed at this counter today (status 'done', counterId = this counter). */
  served: number;
  /** Sum over those tickets of finishedAt − (servingAt ?? calledAt), ms. */
  serviceMs: number;
  /** Today's tickets now in status 'no_show' whose counterId is this counter (a requeued or cancelled one no longer counts). */
  noShows: number;
  /**
   * When a ticket last left this counter today (completed, marked no-show, or transferred away
   * while called or served): the supervisor's "idle since". Absent before the first. Kept as the
   * events happen; after a memory-engine restart from a snapshot it is rebuilt from ticket state,
   * where a requeued no-show no longer names its counter.
   */
  lastEndedAt?: number;
}

/** What `TicketStore.dayActivity` answers. */
export interface DayActivity {
  /** The office's business date by the store's clock. */
  businessDate: string;
  /** One entry per configured counter (zeros when nothing happened). */
  counters: Record<string, CounterDay>;
  /** Today's tickets now in status 'no_show', the most recent no-show first (finishedAt descending, then id), at most MAX_NO_SHOWS; copies. */
  noShows: Ticket[];
  /** How many of today's tickets are in status 'no_show' (not only those returned). */
  noShowTotal: number;
}

export interface TicketStore {
  readonly kind: 'memory' | 'redis';
  /** Creates or replaces an office's configuration; new counters start closed. Takes effect at once. */
  putOffice(config: OfficeConfig, opts?: PutOfficeOptions): Promise<void>;
  getOffice(officeId: string): Promise<OfficeConfig | undefined>;
  /**
   * The configuration this process's commands run with, without a store round trip when it can:
   * right after a command it is the version that command used; a change made through another
   * process shows here after this process's next command. For hot paths (people ahead), not for
   * administration, which reads getOffice.
   */
  officeConfig(officeId: string): Promise<OfficeConfig | undefined>;
  listOffices(): Promise<string[]>;
  /** Runs one command. Resolves with its event (or, for a repeated requestId, the first one's). */
  execute(officeId: string, command: Command): Promise<OfficeEvent>;
  getState(officeId: string): Promise<OfficeState>;
  getTicket(officeId: string, ticketId: string): Promise<Ticket | undefined>;
  /**
   * A ticket by its id alone (the citizen's phone page knows nothing else). Memory: a look in each
   * office's tickets (O(offices)); Redis: the `<ns>:tix:<ticketId>` → officeId index, written with
   * each new ticket and kept as long as tickets are (TICKET_TTL_MS).
   */
  findTicket(ticketId: string): Promise<Ticket | undefined>;
  /**
   * Where a waiting ticket stands in its queue (its service's, or the counter's it was transferred
   * to), read at one instant; undefined when it no longer waits. See shared/domain/ahead.ts.
   */
  queuePosition(officeId: string, ticket: Ticket): Promise<QueuePosition | undefined>;
  /**
   * Today's waiting tickets (the office's business date by the store's clock) of the lists named
   * (policy.ts list ids, e.g. from candidateLists), read at one instant: each list's first
   * `limitPerList` tickets (capped at MAX_WAITING_PER_LIST) in list order — ascending (sortKey,
   * ordinal), the order the policy takes them — and each list's full size. Every id asked for is in
   * both records (an empty list: `[]` and 0). The tickets are copies. OFFICE_NOT_FOUND for an
   * unknown office. Memory: O(lists · (log n + k)); Redis: one read-only script.
   *
   * @example
   *   const lists = candidateLists(counterOf(office, 'c2'), office.policy).map((l) => l.listId);
   *   const { lists: waiting, sizes } = await store.waitingLists(office.id, lists, 50);
   */
  waitingLists(officeId: string, listIds: readonly string[], limitPerList: number): Promise<WaitingLists>;
  /**
   * Today's activity of an office (business date by the store's clock): per counter served /
   * service time / no-shows, and the no-show tickets (for requeue). OFFICE_NOT_FOUND for an unknown
   * office. Defined by ticket state: "today's tickets" are those whose businessDate is today, a
   * ticket counts at the counter in its counterId, and "then id" orders ids by their characters
   * (code units; ids are ASCII). Both engines keep the figures as tickets change instead of
   * scanning: memory, per-day aggregates in OfficeRuntime (rebuilt from the tickets of a snapshot);
   * Redis, the `day:<date>` hash and `ns:<date>` zset (keys.ts) written by the ticket's own script,
   * read by one read-only script. O(counters + log n + MAX_NO_SHOWS).
   */
  dayActivity(officeId: string): Promise<DayActivity>;
  /**
   * An office's own derived data kept across restarts (the wait-time estimator's learned model),
   * by a key (a slug): a JSON value of at most MAX_OFFICE_DATA_BYTES once serialised. Not part of
   * the event log and not replayed: the last value saved wins. Memory: one file per key in the data
   * directory, replaced atomically; Redis: one string key in the office's slot. OFFICE_NOT_FOUND for
   * an unknown office; INVALID_INPUT for a bad key or a value too large.
   */
  saveOfficeData(officeId: string, key: string, value: unknown): Promise<void>;
  /** The value last saved under `key`, or undefined. */
  loadOfficeData(officeId: string, key: string): Promise<unknown>;
  /** Events with seq > `afterSeq`, oldest first; EVENTS_TRIMMED when some are no longer kept. */
  eventsSince(officeId: string, afterSeq: number, limit?: number): Promise<EventsPage>;
  /** Resolves when the store answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Most tickets `waitingLists` returns per list: an officer console shows dozens, and the Redis
 * engine reads them inside one script, which must stay short (it holds up the office's shard).
 */
export const MAX_WAITING_PER_LIST = 500;

/** `limitPerList` as both engines apply it: a whole number in 0..MAX_WAITING_PER_LIST. */
export function waitingLimit(limitPerList: number): number {
  const k = Math.floor(limitPerList);
  return Number.isNaN(k) ? 0 : Math.max(0, Math.min(MAX_WAITING_PER_LIST, k));
}

/**
 * Most no-show tickets `dayActivity` returns: the officer console's requeue list, read by the
 * Redis engine inside one script like `waitingLists`.
 */
export const MAX_NO_SHOWS = 200;

/** Largest office data value (serialised JSON): a learned model is tens of kilobytes. */
export const MAX_OFFICE_DATA_BYTES = 4 * 1024 * 1024;

/** `saveOfficeData`'s checks, the same in both engines: the key, and the value serialised. */
export function officeDataJson(key: string, value: unknown): string {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(key))
    throw new QueueError('INVALID_INPUT', { problems: ['key: must be a slug (a-z, 0-9, -)'] });
  const json = JSON.stringify(value);
  if (json === undefined) throw new QueueError('INVALID_INPUT', { problems: ['value: must be JSON'] });
  if (Buffer.byteLength(json) > MAX_OFFICE_DATA_BYTES)
    throw new QueueError('INVALID_INPUT', {
      problems: [`value: larger than ${MAX_OFFICE_DATA_BYTES} bytes`],
    });
  return json;
}

/** Newest calls kept in OfficeState.recentCalls. */
export const RECENT_CALLS = 10;
/** Default number of events kept per office. */
export const DEFAULT_MAX_EVENTS = 10_000;
/**
 * Retention, the same in both engines: a day's waiting lists, number counters and waiting counts
 * are kept 2 days; tickets 8 days after their last change (phone pages, late transfers). Long-term
 * history for reports is not the live store's job.
 */
export const DAY_KEY_TTL_MS = 2 * 24 * 60 * 60 * 1000;
export const TICKET_TTL_MS = 8 * 24 * 60 * 60 * 1000;
/** How long a requestId is remembered. */
export const REQUEST_TTL_MS = 24 * 60 * 60 * 1000;
