/**
 * The queue's vocabulary. Plain data only (JSON-safe), shared by the server, both store engines,
 * the apps and the simulator. Times are epoch milliseconds (UTC); local dates are `YYYY-MM-DD`
 * in the office's time zone ("business date").
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** One opening period of a day, local `HH:MM` times. Tickets are issued from `open` until `cutoff`. */
export interface Session {
  open: string;
  close: string;
  cutoff: string;
}

/**
 * The calling policy of an office (see docs/architecture.md, "Calling policy").
 * - `oldest`: the oldest eligible ticket among the counter's services; priority tickets are
 *   interleaved, one per `priorityEvery` normal calls (0 = priority always first).
 * - `strict`: priority first, then the counter's service preference order, then oldest.
 * - `ageing`: score = class weight + counter's service weight + alpha × minutes waited; highest first.
 */
export type CallingPolicy =
  | { kind: 'oldest'; priorityEvery: number }
  | { kind: 'strict' }
  | { kind: 'ageing'; alphaPerMinute: number; priorityWeight: number };

export interface Numbering {
  /** Printed before the digits: a service digit ("1" → 1005) or a letter ("A" → A005). */
  prefix: string;
  start: number;
  /** Digits, zero-padded. */
  width: number;
  /** Last number of the range; defaults to the largest that fits `width`. */
  end?: number;
  /** After `end`, start again at `start` (the display number then repeats within a day). */
  wrap?: boolean;
}

export interface ServiceConfig {
  id: string;
  name: { vi: string; en: string };
  numbering: Numbering;
  /** Tickets per business day; absent = no cap. */
  dailyCap?: number;
  /** Minutes; the wait-time estimator's cold-start default. */
  serviceMinutes: number;
  /** The kiosk tile's pictogram, one of SERVICE_ICONS (default 'document'). */
  icon?: ServiceIcon;
  /** The kiosk shows the services of a group behind one tile (a second level). */
  groupId?: string;
  /**
   * The results an officer picks from when completing a ticket of this service (e.g. "Đã tiếp nhận
   * hồ sơ"); the console also offers "Khác" with free text. At most 20 distinct texts of at most 120
   * characters (the complete command's outcome limit), NFC. Absent or empty: free text only.
   */
  outcomes?: string[];
}

/** Pictograms the kiosk knows (drawn by the kiosk app; names, not files, so offices cannot break it). */
export const SERVICE_ICONS = [
  'document',
  'family',
  'stamp',
  'land',
  'house',
  'business',
  'people',
  'scales',
  'money',
  'health',
  'id-card',
  'info',
] as const;
export type ServiceIcon = (typeof SERVICE_ICONS)[number];

/** A tile on the kiosk's first screen that opens a second screen of services. */
export interface ServiceGroup {
  id: string;
  name: { vi: string; en: string };
  icon?: ServiceIcon;
}

export interface CounterService {
  serviceId: string;
  /** Ageing policy only: extra score for this service at this counter. */
  weight?: number;
}

export interface CounterConfig {
  id: string;
  number: number;
  name: string;
  /** In preference order. */
  services: CounterService[];
}

export interface OfficeConfig {
  id: string;
  name: string;
  timeZone: string;
  sessions: Partial<Record<Weekday, Session[]>>;
  /** Local dates on which the office is closed, `YYYY-MM-DD`. */
  holidays: string[];
  policy: CallingPolicy;
  services: ServiceConfig[];
  counters: CounterConfig[];
  /** Groups of services on the kiosk (absent: one screen of services). */
  serviceGroups?: ServiceGroup[];
  /** Does the kiosk ask "Tôi thuộc diện ưu tiên?" (default true). */
  priorityAtKiosk?: boolean;
  /** How calls are announced (only what differs from the defaults; docs/voice.md). */
  voice?: OfficeVoice;
  /** Short notices the hall display scrolls slowly at the bottom (absent or empty: none). */
  notices?: string[];
  /** When the supervisor's view raises an alert (only what differs from DEFAULT_ALERTS; not public). */
  alerts?: OfficeAlerts;
}

/**
 * An office's supervisor alert thresholds: every field optional, defaults in DEFAULT_ALERTS
 * (shared/domain/office-config.ts; alertThresholds() fills them in).
 */
export interface OfficeAlerts {
  /** A ticket waiting longer than this is an alert (minutes, default 30). */
  waitMinutes?: number;
  /** An open counter without a ticket while its services have a queue, for longer than this (minutes, default 3). */
  idleMinutes?: number;
  /** A service running longer than this many times its service's serviceMinutes (default 2). */
  serviceFactor?: number;
}

/** An office's announcement settings: every field optional, defaults in shared/i18n/announcement.ts. */
export interface OfficeVoice {
  template?: string;
  repeat?: number;
  gapMs?: number;
  dialect?: 'north' | 'south';
  numberReading?: 'value' | 'digits';
  chime?: boolean;
  /** The clip pack (a folder of voice-packs/); default by dialect: vi-north-espeak or vi-south-espeak. */
  packId?: string;
}

export type CounterStatus = 'closed' | 'open' | 'paused';

/** The live part of a counter. */
export interface CounterState {
  id: string;
  status: CounterStatus;
  pauseReason?: string;
  officerId?: string;
  /** The called or serving ticket, at most one (invariant). */
  currentTicketId?: string;
  /** Normal tickets called since this counter last called a priority one (interleave policy). */
  normalsSincePriority: number;
  /** When `status` last changed. */
  since: number;
}

export type Channel = 'kiosk' | 'officer' | 'api';

export type TicketStatus =
  'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled' | 'transferred';

export interface Ticket {
  /** ≥ 128 random bits, URL-safe: unguessable, so the phone page can use it. */
  id: string;
  officeId: string;
  serviceId: string;
  /** As printed and announced, e.g. "1005". */
  number: string;
  /** Position in the day's numbering of its service (1 = first ticket of the day). */
  seqNo: number;
  businessDate: string;
  priority: boolean;
  priorityReason?: string;
  channel: Channel;
  status: TicketStatus;
  issuedAt: number;
  calledAt?: number;
  servingAt?: number;
  finishedAt?: number;
  counterId?: string;
  officerId?: string;
  recalls: number;
  outcome?: string;
  /** The ticket this one replaced when it was transferred. */
  transferredFrom?: string;
  /** The ticket that replaced this one when it was transferred (the phone page follows it). */
  transferredTo?: string;
  /** Only this counter may call it (a transfer to a specific counter). */
  targetCounterId?: string;
  /** Order within its waiting list: smaller first (see policy.ts). */
  sortKey: number;
  /** The seq of the event that created this queue entry (issue or transfer): breaks sort-key ties. */
  ordinal: number;
  /**
   * The wait estimate shown when the ticket was issued (kiosk screen, printed ticket, the issue
   * answer), logged so its accuracy can be measured on real data (server/estimates/accuracy.ts).
   * Kept through call, no-show, requeue and completion, and by the entry a transfer makes.
   */
  prediction?: TicketPrediction;
}

/**
 * A shown wait estimate as logged with its ticket: `minutes`, `low` and `high` as worded (rounded
 * to 5 minutes, `low` ≤ `minutes` ≤ `high`), `notToday` when the words were "có thể không kịp trong
 * hôm nay", and the estimator's model version (shared/domain/wait-time/model.ts MODEL_VERSION).
 */
export interface TicketPrediction {
  minutes: number;
  low?: number;
  high?: number;
  notToday?: true;
  version: string;
}

/** Every kind of event, in the order of a ticket's life. */
export const EVENT_TYPES = [
  'issued',
  'called',
  'recalled',
  'serving',
  'completed',
  'no-show',
  'requeued',
  'transferred',
  'cancelled',
  'counter-updated',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * One per state change. `seq` is strictly increasing per office with no gaps. `ticket` and `counter`
 * are snapshots after the change; `from` is the replaced ticket of a transfer.
 */
export interface OfficeEvent {
  officeId: string;
  seq: number;
  at: number;
  type: EventType;
  ticket?: Ticket;
  from?: Ticket;
  counter?: CounterState;
  requestId?: string;
}

/** An event before the store has given it its `seq`. */
export type PendingEvent = Omit<OfficeEvent, 'seq'>;

export interface RecentCall {
  ticketId: string;
  number: string;
  serviceId: string;
  counterId: string;
  at: number;
  kind: 'called' | 'recalled';
}

/** What a display or console needs to (re)build its picture, consistent at `seq`. */
export interface OfficeState {
  officeId: string;
  seq: number;
  businessDate: string;
  counters: CounterState[];
  /** Waiting tickets of today per service id (including those reserved for one counter). */
  waiting: Record<string, number>;
  /** Newest first, at most RECENT_CALLS. */
  recentCalls: RecentCall[];
}

export type Position = 'front' | 'back' | 'issueTime';

export type Command =
  | {
      type: 'issue';
      serviceId: string;
      channel: Channel;
      priority?: boolean;
      priorityReason?: string;
      /** The estimate shown with the ticket, logged on it (see Ticket.prediction). */
      prediction?: TicketPrediction;
      requestId?: string;
    }
  | { type: 'callNext'; counterId: string; requestId?: string }
  | { type: 'call'; counterId: string; ticketId: string; requestId?: string }
  | { type: 'recall'; counterId: string; ticketId?: string; requestId?: string }
  | { type: 'startServing'; counterId: string; ticketId?: string; requestId?: string }
  | { type: 'complete'; counterId: string; ticketId?: string; outcome?: string; requestId?: string }
  | { type: 'noShow'; counterId: string; ticketId?: string; requestId?: string }
  | { type: 'requeue'; ticketId: string; position: 'front' | 'original'; requestId?: string }
  | {
      type: 'transfer';
      ticketId: string;
      to: { serviceId: string } | { counterId: string };
      position: Position;
      requestId?: string;
    }
  | { type: 'cancel'; ticketId: string; requestId?: string }
  | { type: 'openCounter'; counterId: string; requestId?: string }
  | { type: 'pauseCounter'; counterId: string; reason: string; requestId?: string }
  | { type: 'closeCounter'; counterId: string; requestId?: string }
  | { type: 'signIn'; counterId: string; officerId: string; requestId?: string }
  | { type: 'signOut'; counterId: string; requestId?: string };

export type CommandType = Command['type'];
