/**
 * The live protocol over socket.io: typed events both ways, the ack envelope, and the schemas the
 * server validates every client request with. Server and apps import the same names from here.
 *
 * Resync rule (clients): keep the last applied `seq` per office. An event with `seq <= last` is a
 * duplicate (a retried command republishes its first event) and is ignored; `seq === last + 1` is
 * applied; anything higher is a gap: ask `office:replay { officeId, since: last }` and apply what it
 * returns (events, or a snapshot when the events are gone), buffering live events meanwhile. See
 * `LiveFeed` in live-sync.ts, which does all of this.
 *
 * @example
 * ```ts
 * const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
 *   transports: ['websocket'],
 *   auth: { token: deviceToken },
 * });
 * const res = await socket.emitWithAck('office:subscribe', { officeId: 'phuc-dien' });
 * if (res.ok && res.data.kind === 'snapshot') render(res.data.snapshot); // then events with a higher seq
 * ```
 */
import type { DISPLAY_STATUS_EVENT } from './display.js';
import { type DisplayStatusEvent, type DisplayStatusReport } from './display.js';
import type { PRINT_JOB_EVENT, PRINTER_HEALTH_EVENT } from './print-agent.js';
import {
  type PrintAgentJob,
  type PrintAgentResult,
  type PrinterHealthEvent,
  type PrinterHealthReport,
  type PrintFailedEvent,
} from './print-agent.js';
import Type, { type Static, type TSchema } from 'typebox';
import { TOKEN } from '../domain/ids.js';
import type { EventType, TicketStatus } from '../domain/types.js';
import type { ErrorCode, QueueErrorDetails } from './errors.js';
import {
  CallBodySchema,
  COUNTER_ACTIONS,
  CompleteBodySchema,
  CurrentTicketBodySchema,
  PauseBodySchema,
  RequestOnlyBodySchema,
  RequeueBodySchema,
  TICKET_ACTIONS,
  TicketTransferBodySchema,
  TransferBodySchema,
  type CommandResult,
  type CounterAction,
  type CounterStateView,
  type PublicTicket,
  type Snapshot,
  type TicketAction,
  type TicketView,
  type WaitEstimate,
} from './http.js';

export type { CommandResult, PublicTicket, Snapshot };

// ── event names ────────────────────────────────────────────────────────────

/** The one mapping from the engine's event types to socket.io event names (`domain:verb-past`). */
export const LIVE_EVENT_NAMES = {
  issued: 'ticket:issued',
  called: 'ticket:called',
  recalled: 'ticket:recalled',
  serving: 'ticket:serving',
  completed: 'ticket:completed',
  'no-show': 'ticket:no-show',
  requeued: 'ticket:requeued',
  transferred: 'ticket:transferred',
  cancelled: 'ticket:cancelled',
  'counter-updated': 'counter:updated',
} as const satisfies Record<EventType, string>;

export type LiveEventName = (typeof LIVE_EVENT_NAMES)[EventType];

/**
 * The one event a ticket's watchers (the citizen's phone page, `ticket:watch`) receive: a small
 * public change of that ticket, never the office's stream.
 */
export const TICKET_CHANGED = 'ticket:changed';

export function liveEventName(type: EventType): LiveEventName {
  return LIVE_EVENT_NAMES[type];
}

// ── payloads ───────────────────────────────────────────────────────────────

/**
 * Who a broadcast is shaped for. Staff (signed-in users) get tickets as the HTTP officer routes
 * return them (TicketView); devices (displays, kiosks) get no priority reason (it can say why a
 * citizen is a priority case, and no device route shows it either).
 */
export type LiveAudience = 'staff' | 'device';

/** A ticket as a device sees it. */
export type DeviceTicketView = Omit<TicketView, 'priorityReason'>;

/**
 * Every live event: the engine's event without its requestId (an idempotency key is nobody
 * else's business), in the HTTP API's views. `type` repeats the event name's meaning so one handler
 * can take every event.
 */
export interface LiveEvent {
  officeId: string;
  seq: number;
  /** Epoch ms of the change. */
  at: number;
  type: EventType;
  /** The ticket after the change (a transfer: the new queue entry). */
  ticket?: TicketView | DeviceTicketView;
  /** The replaced ticket of a transfer. */
  from?: TicketView | DeviceTicketView;
  /** The counter after the change, when it changed. */
  counter?: CounterStateView;
}

/**
 * A change of one watched ticket, for its citizen: what the phone page shows and nothing else (no
 * priority, no reason, no officer, no channel). Sent to the watchers of `id` for each event that
 * concerns it, including the transfer that replaces it (`status: 'transferred'`, `transferredTo`: the
 * new entry, which the page then follows by watching its own id again).
 */
export interface TicketChange {
  /** The ticket that changed (the id the watchers joined with, or the entry it was transferred to). */
  id: string;
  officeId: string;
  /** The office's event seq: a repeated event (a retried command republishes it) has a seq already seen. */
  seq: number;
  /** Epoch ms of the change. */
  at: number;
  /** What happened (`called`, `recalled`, `serving`, `completed`, `no-show`, `requeued`, …). */
  type: EventType;
  status: TicketStatus;
  number: string;
  serviceId: string;
  /** Times it was called again: each recall is another "please come". */
  recalls: number;
  /** Where to go, while called or serving. */
  counter?: NonNullable<PublicTicket['counter']>;
  /** Epoch ms of the last call, while called or serving. */
  calledAt?: number;
  /** The entry that replaced this ticket (a transfer). */
  transferredTo?: string;
}

// ── acks ───────────────────────────────────────────────────────────────────

export interface AckOk<T> {
  ok: true;
  data: T;
}

export interface AckError {
  ok: false;
  /** One of errors.ts (INTERNAL for the unexpected, logged on the server). */
  code: ErrorCode;
  /** Bilingual (vi / en); clients switch on `code`. */
  message: string;
  details?: QueueErrorDetails;
}

/** The one envelope of every ack. */
export type Ack<T> = AckOk<T> | AckError;

export type AckCallback<T> = (response: Ack<T>) => void;

// ── requests (validated on the server with these schemas) ──────────────────

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Token = Type.String({ minLength: 1, maxLength: 128 });
const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const strict = { additionalProperties: false } as const;

export const OfficeRequestSchema = Type.Object({ officeId: Id }, strict);
export type OfficeRequest = Static<typeof OfficeRequestSchema>;

/** `since`: the last seq the client applied (after a reconnect): the ack then holds what it missed. */
export const SubscribeRequestSchema = Type.Object({ officeId: Id, since: Type.Optional(Seq) }, strict);
export type SubscribeRequest = Static<typeof SubscribeRequestSchema>;

export const ReplayRequestSchema = Type.Object({ officeId: Id, since: Seq }, strict);
export type ReplayRequest = Static<typeof ReplayRequestSchema>;

/**
 * A counter operation is the HTTP request `POST /api/offices/:officeId/counters/:counterId/<action>`
 * sent over the socket: the path's parts as fields, the body as `body` (the same schemas, the same
 * defaults). Over HTTP, transfer's `body.counterId` is the target counter; here too.
 */
export const CounterCommandSchema = Type.Object(
  {
    officeId: Id,
    counterId: Id,
    action: Type.Union(COUNTER_ACTIONS.map((a) => Type.Literal(a))),
    body: Type.Optional(Type.Object({})),
  },
  strict,
);

/** Each action's body: the HTTP route's body schema. */
export const COUNTER_BODY_SCHEMAS = {
  'sign-in': RequestOnlyBodySchema,
  'sign-out': RequestOnlyBodySchema,
  open: RequestOnlyBodySchema,
  pause: PauseBodySchema,
  close: RequestOnlyBodySchema,
  'call-next': RequestOnlyBodySchema,
  call: CallBodySchema,
  recall: CurrentTicketBodySchema,
  start: CurrentTicketBodySchema,
  complete: CompleteBodySchema,
  'no-show': CurrentTicketBodySchema,
  transfer: TransferBodySchema,
} as const satisfies Record<CounterAction, TSchema>;

export type CounterCommandRequest = {
  [A in CounterAction]: {
    officeId: string;
    counterId: string;
    action: A;
    body?: Static<(typeof COUNTER_BODY_SCHEMAS)[A]>;
  };
}[CounterAction];

/** `POST /api/offices/:officeId/tickets/:ticketId/<action>` over the socket, likewise. */
export const TicketCommandSchema = Type.Object(
  {
    officeId: Id,
    ticketId: Token,
    action: Type.Union(TICKET_ACTIONS.map((a) => Type.Literal(a))),
    body: Type.Optional(Type.Object({})),
  },
  strict,
);

export const TICKET_BODY_SCHEMAS = {
  cancel: RequestOnlyBodySchema,
  requeue: RequeueBodySchema,
  transfer: TicketTransferBodySchema,
} as const satisfies Record<TicketAction, TSchema>;

export type TicketCommandRequest = {
  [A in TicketAction]: {
    officeId: string;
    ticketId: string;
    action: A;
    body?: Static<(typeof TICKET_BODY_SCHEMAS)[A]>;
  };
}[TicketAction];

/**
 * The citizen's phone page: follow one ticket by its id (the QR's secret), no sign-in. Transfers
 * are followed as `GET /api/tickets/:ticketId` follows them. One connection may watch at most
 * MAX_WATCHED_TICKETS ids (server/realtime/handlers/watch.ts).
 */
export const TicketWatchRequestSchema = Type.Object(
  { ticketId: Type.String({ pattern: TOKEN.source, minLength: 1, maxLength: 128 }) },
  strict,
);
export type TicketWatchRequest = Static<typeof TicketWatchRequestSchema>;

/**
 * Officer console: "this socket works this counter" — one browser per counter. Allowed to whoever
 * may operate the counter (the officer signed in at it; supervisors and admins of the office). A
 * socket works one counter at a time: attaching to another leaves the previous one. The ack counts
 * the OTHER sockets attached to the counter, on every server process: more than 0 means the counter
 * is open in another browser, and the console warns instead of working silently beside it. With
 * `takeOver`, each of those others gets `counter:replaced` and is detached (the ack then says 0).
 * Send it again after every reconnect (rooms do not survive one), without `takeOver`.
 */
export const CounterAttachRequestSchema = Type.Object(
  { officeId: Id, counterId: Id, takeOver: Type.Optional(Type.Boolean()) },
  strict,
);
export type CounterAttachRequest = Static<typeof CounterAttachRequestSchema>;

/** Officer console: this socket stops working the counter (leaving the console; a disconnect does it too). */
export const CounterDetachRequestSchema = Type.Object({ officeId: Id, counterId: Id }, strict);
export type CounterDetachRequest = Static<typeof CounterDetachRequestSchema>;

// ── answers ────────────────────────────────────────────────────────────────

/**
 * What a client needs to catch up. A snapshot (the HTTP API's `GET …/snapshot`) is consistent at
 * `snapshot.seq`: apply live events with a higher seq only.
 */
export type ReplayResult =
  /** Every event after `since`, oldest first; `seq` is the office's seq when read. */
  | { kind: 'events'; events: LiveEvent[]; seq: number }
  /** No `since`, or its events are gone (trimmed, too many, or `since` is ahead of the office). */
  | { kind: 'snapshot'; snapshot: Snapshot };

/** Taken after joining the room, so nothing falls between the answer and the live stream. */
export type SubscribeResult = ReplayResult;

/**
 * The wait a citizen taking a normal ticket of each service now would have, as the hall display
 * shows it (smoothed: it rises at once and falls slowly). Services without an estimate yet are
 * missing; the display then says "Đang cập nhật".
 */
export interface EstimatesUpdate {
  officeId: string;
  /** When it was computed (epoch ms). */
  at: number;
  services: { serviceId: string; estimate: WaitEstimate }[];
}

/** `counter:attach`: how many other sockets (browsers, tabs) work the same counter now. */
export interface CounterAttachResult {
  others: number;
}

/**
 * To a console that was working a counter when another socket attached to it with `takeOver`: it is
 * detached, and stops (no calls from two browsers at one counter) until it takes the counter back.
 */
export interface CounterReplaced {
  officeId: string;
  counterId: string;
  /** Epoch ms of the take-over. */
  at: number;
}

// ── the typed socket ───────────────────────────────────────────────────────

export type ServerToClientEvents = {
  [N in LiveEventName]: (event: LiveEvent) => void;
} & {
  /** To the watchers of a ticket (`ticket:watch`) only. */
  [TICKET_CHANGED]: (change: TicketChange) => void;
  /** To the office's staff: a kiosk printer's state was read (a print job, a check, an agent report). */
  [PRINTER_HEALTH_EVENT]: (event: PrinterHealthEvent) => void;
  /** To the office's staff: a ticket did not come out of its kiosk's printer — reprint the same number. */
  'ticket:print-failed': (event: PrintFailedEvent) => void;
  /** To the office's staff: a display's sound state (blocked by the browser, speech fallback, ok). */
  [DISPLAY_STATUS_EVENT]: (event: DisplayStatusEvent) => void;
  /** To a kiosk's print agent only: print these bytes, ack the outcome (shared/protocol/print-agent.ts). */
  [PRINT_JOB_EVENT]: (job: PrintAgentJob, ack: (result: Ack<PrintAgentResult>) => void) => void;
  /** To one console socket: another one took over its counter (`counter:attach` with `takeOver`). */
  'counter:replaced': (notice: CounterReplaced) => void;
  /** To the office's rooms after each refresh of the wait-time estimates: the display's figure per service. */
  'office:estimates': (update: EstimatesUpdate) => void;
};

export interface ClientToServerEvents {
  /**
   * Join an office's live stream. The ack holds a snapshot taken after joining — or, given `since`
   * (a reconnect), the events missed since then when they are still kept.
   */
  'office:subscribe': (request: SubscribeRequest, ack: AckCallback<SubscribeResult>) => void;
  'office:unsubscribe': (request: OfficeRequest, ack: AckCallback<Record<string, never>>) => void;
  /** Events after `since`, or a fresh snapshot when they are no longer kept. */
  'office:replay': (request: ReplayRequest, ack: AckCallback<ReplayResult>) => void;
  /** Officer console: a counter operation, permissions and answer as over HTTP. */
  'counter:command': (request: CounterCommandRequest, ack: AckCallback<CommandResult>) => void;
  /** Staff: cancel or requeue a ticket; supervisors and admins: transfer one. */
  'ticket:command': (request: TicketCommandRequest, ack: AckCallback<CommandResult>) => void;
  /**
   * Anyone (the phone page needs no sign-in): follow a ticket. The ack is its public status, as
   * `GET /api/tickets/:ticketId` answers (TICKET_NOT_FOUND for an unknown id); its changes then
   * arrive as `ticket:changed`. Send it again after every reconnect (rooms do not survive one) and
   * after a `transferred` change (to follow the new entry). Too many ids on one connection:
   * RATE_LIMITED.
   */
  'ticket:watch': (request: TicketWatchRequest, ack: AckCallback<PublicTicket>) => void;
  /** Stop following a ticket (frees one of the connection's watch slots). */
  'ticket:unwatch': (request: TicketWatchRequest, ack: AckCallback<Record<string, never>>) => void;
  /**
   * Officer console (a user who may operate the counter): this socket works `counterId`. The ack
   * counts the other sockets working it; `takeOver` detaches them, each told by `counter:replaced`.
   * Again after every reconnect, without `takeOver`.
   */
  'counter:attach': (request: CounterAttachRequest, ack: AckCallback<CounterAttachResult>) => void;
  /** Officer console: this socket no longer works the counter (the console was left). */
  'counter:detach': (request: CounterDetachRequest, ack: AckCallback<Record<string, never>>) => void;
  /** A display device: its sound state (relayed to staff as `display:status`). */
  [DISPLAY_STATUS_EVENT]: (report: DisplayStatusReport, ack: AckCallback<Record<string, never>>) => void;
  /** A print agent (kiosk device token, `auth.printAgent: true`): its printer's state. */
  [PRINTER_HEALTH_EVENT]: (report: PrinterHealthReport, ack: AckCallback<Record<string, never>>) => void;
}
