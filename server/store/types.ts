/**
 * The one interface both engines implement. Routes, realtime and tests talk to this only.
 * Every mutating call is atomic: it validates, changes state, and appends exactly one event with
 * the office's next `seq`, or changes nothing and throws a QueueError.
 */
import type { QueuePosition } from '../../shared/domain/ahead.js';
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
  /** Events with seq > `afterSeq`, oldest first; EVENTS_TRIMMED when some are no longer kept. */
  eventsSince(officeId: string, afterSeq: number, limit?: number): Promise<EventsPage>;
  /** Resolves when the store answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
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
