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
import Type, { type Static, type TSchema } from 'typebox';
import type { EventType } from '../domain/types.js';
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
  TransferBodySchema,
  type CommandResult,
  type CounterAction,
  type CounterStateView,
  type Snapshot,
  type TicketAction,
  type TicketView,
} from './http.js';

export type { CommandResult, Snapshot };

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
} as const satisfies Record<TicketAction, TSchema>;

export type TicketCommandRequest = {
  [A in TicketAction]: {
    officeId: string;
    ticketId: string;
    action: A;
    body?: Static<(typeof TICKET_BODY_SCHEMAS)[A]>;
  };
}[TicketAction];

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

// ── the typed socket ───────────────────────────────────────────────────────

export type ServerToClientEvents = {
  [N in LiveEventName]: (event: LiveEvent) => void;
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
  /** Supervisor / officer: cancel or requeue a ticket. */
  'ticket:command': (request: TicketCommandRequest, ack: AckCallback<CommandResult>) => void;
}
