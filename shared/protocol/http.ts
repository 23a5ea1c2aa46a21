/**
 * HTTP schemas (TypeBox) of the queue API: offices, tickets, counters, snapshots, office
 * administration, and the one error envelope. The server validates requests and serialises
 * responses with them — a field not listed here is never sent, so a response cannot leak what a
 * schema does not name — and the apps use the same types. Authentication and account schemas are
 * in accounts.ts; socket.io payloads in events.ts.
 *
 * Times are epoch milliseconds (UTC); dates are `YYYY-MM-DD` in the office's time zone.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { SLUG, TOKEN } from '../domain/ids.js';
import { SERVICE_ICONS } from '../domain/types.js';
import { TicketPredictionSchema } from './estimates.js';
import { PrintResultSchema } from './printing.js';
import { StringEnum } from './schema.js';

// ── building blocks ───────────────────────────────────────────────────────

export { StringEnum };

const Slug = (description: string) =>
  Type.String({ pattern: SLUG.source, minLength: 1, maxLength: 64, description });
const Token = (description: string) =>
  Type.String({ pattern: TOKEN.source, minLength: 1, maxLength: 128, description });
const EpochMs = (description: string) => Type.Integer({ minimum: 0, description });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, description });
const LocalDate = (description: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `${description} (YYYY-MM-DD)` });

export const RequestIdSchema = Token(
  'Idempotency key: a retry with the same requestId (double tap, network retry) returns the first result',
);

// ── errors ────────────────────────────────────────────────────────────────

export const ErrorEnvelopeSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine code (shared/protocol/errors.ts); switch on this' }),
      message: Type.String({ description: 'Vietnamese / English, for people' }),
      details: Type.Optional(
        Type.Object(
          {
            problems: Type.Optional(
              Type.Array(Type.String(), { description: 'What is wrong, one line per problem: "path: what"' }),
            ),
            fields: Type.Optional(
              Type.Array(Type.String(), {
                description: 'The offending request fields, e.g. "body.serviceId", "params.officeId"',
              }),
            ),
            nextOpening: Type.Optional(EpochMs('When the office next accepts tickets')),
            retryAfterSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
            counterId: Type.Optional(Type.String({ description: 'OFFICER_ELSEWHERE: where the officer is' })),
            officerId: Type.Optional(Type.String({ description: 'COUNTER_TAKEN: who holds the counter' })),
          },
          { additionalProperties: true },
        ),
      ),
    }),
  },
  { title: 'Error', description: 'Every error answer has this shape' },
);
export type ErrorEnvelope = Static<typeof ErrorEnvelopeSchema>;

// ── parameters ────────────────────────────────────────────────────────────

export const OfficeParamsSchema = Type.Object({ officeId: Slug('Office id') });
export const CounterParamsSchema = Type.Object({
  officeId: Slug('Office id'),
  counterId: Slug('Counter id'),
});
export const TicketParamsSchema = Type.Object({ ticketId: Token('Ticket id (as on the ticket’s QR code)') });
export const OfficeTicketParamsSchema = Type.Object({
  officeId: Slug('Office id'),
  ticketId: Token('Ticket id'),
});

// ── offices ───────────────────────────────────────────────────────────────

const Clock = (description: string) =>
  Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: `${description} (HH:MM, 24-hour)` });

export const SessionSchema = Type.Object({
  open: Clock('Opens'),
  close: Clock('Closes'),
  cutoff: Clock('Last ticket'),
});
const DaySessions = Type.Optional(Type.Array(SessionSchema));
export const SessionsSchema = Type.Object(
  {
    mon: DaySessions,
    tue: DaySessions,
    wed: DaySessions,
    thu: DaySessions,
    fri: DaySessions,
    sat: DaySessions,
    sun: DaySessions,
  },
  { description: 'Opening sessions per weekday; a day not listed is closed' },
);

export const LocalizedNameSchema = Type.Object({ vi: Type.String(), en: Type.String() });

export const NumberingSchema = Type.Object({
  prefix: Type.String({ description: 'Printed before the digits: a service digit ("1" → 1005) or a letter' }),
  start: Type.Integer({ minimum: 0 }),
  width: Type.Integer({ minimum: 1, maximum: 6 }),
  end: Type.Optional(Type.Integer({ minimum: 0 })),
  wrap: Type.Optional(Type.Boolean()),
});

export const ServiceIconSchema = StringEnum(SERVICE_ICONS, 'Kiosk pictogram');

export const PublicServiceSchema = Type.Object({
  id: Type.String(),
  name: LocalizedNameSchema,
  numbering: NumberingSchema,
  dailyCap: Type.Optional(Type.Integer({ minimum: 1, description: 'Tickets per business day' })),
  serviceMinutes: Type.Number({ description: 'Typical minutes per citizen' }),
  icon: Type.Optional(ServiceIconSchema),
  groupId: Type.Optional(Type.String({ description: 'Shown on the kiosk behind this group’s tile' })),
  outcomes: Type.Optional(
    Type.Array(Type.String(), {
      description: 'Results the officer picks from when completing a ticket of this service (or free text)',
    }),
  ),
});

/** The announcement settings as stored (only what differs from the defaults). */
export const OfficeVoiceSchema = Type.Object(
  {
    template: Type.Optional(
      Type.String({ maxLength: 300, description: 'With {số} (ticket) and {quầy} (counter)' }),
    ),
    repeat: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    gapMs: Type.Optional(Type.Number({ minimum: 0, maximum: 5000 })),
    dialect: Type.Optional(StringEnum(['north', 'south'] as const)),
    numberReading: Type.Optional(StringEnum(['value', 'digits'] as const)),
    chime: Type.Optional(Type.Boolean()),
    packId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false, title: 'OfficeVoice' },
);

/** The supervisor alert thresholds (only what differs from the defaults; not in the public office). */
export const OfficeAlertsSchema = Type.Object(
  {
    waitMinutes: Type.Optional(
      Type.Number({
        minimum: 1,
        maximum: 480,
        description: 'A ticket waiting longer is an alert (default 30)',
      }),
    ),
    idleMinutes: Type.Optional(
      Type.Number({
        minimum: 1,
        maximum: 120,
        description: 'An open counter without a ticket while its services have a queue (default 3)',
      }),
    ),
    serviceFactor: Type.Optional(
      Type.Number({
        minimum: 1.1,
        maximum: 10,
        description: 'A service running longer than this many times the service’s serviceMinutes (default 2)',
      }),
    ),
  },
  { additionalProperties: false, title: 'OfficeAlerts' },
);

/** The announcement settings with every default filled in, and the clip pack to use. */
export const VoiceSettingsSchema = Type.Object(
  {
    template: Type.String(),
    repeat: Type.Integer(),
    gapMs: Type.Number(),
    dialect: StringEnum(['north', 'south'] as const),
    numberReading: StringEnum(['value', 'digits'] as const),
    chime: Type.Boolean(),
    packId: Type.String({ description: 'Clips at /voice-packs/<packId>/manifest.json' }),
  },
  { title: 'VoiceSettings' },
);

export const ServiceGroupSchema = Type.Object({
  id: Type.String(),
  name: LocalizedNameSchema,
  icon: Type.Optional(ServiceIconSchema),
});

export const PublicCounterSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  name: Type.String(),
  services: Type.Array(Type.String(), { description: 'Service ids, in the counter’s preference order' }),
});

export const OfficeSummarySchema = Type.Object({ id: Type.String(), name: Type.String() });
export const OfficeListSchema = Type.Object({ offices: Type.Array(OfficeSummarySchema) });
export type OfficeList = Static<typeof OfficeListSchema>;

export const ISSUE_REFUSALS = ['OFFICE_CLOSED', 'PAST_CUTOFF', 'HOLIDAY'] as const;

export const PublicOfficeSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    timeZone: Type.String(),
    businessDate: LocalDate('Today in the office'),
    sessions: SessionsSchema,
    holidays: Type.Array(Type.String()),
    services: Type.Array(PublicServiceSchema),
    serviceGroups: Type.Optional(Type.Array(ServiceGroupSchema)),
    priorityAtKiosk: Type.Boolean({ description: 'The kiosk asks whether the citizen is a priority person' }),
    voice: VoiceSettingsSchema,
    notices: Type.Array(Type.String(), { description: 'Shown scrolling on the hall display' }),
    counters: Type.Array(PublicCounterSchema),
    now: EpochMs('The server’s time: kiosks and TVs often have a wrong clock'),
    openNow: Type.Boolean({ description: 'Inside an opening session now (before its close)' }),
    issuingNow: Type.Boolean({
      description: 'Kiosks may issue tickets now (inside a session, before its cut-off)',
    }),
    closedReason: Type.Optional(StringEnum(ISSUE_REFUSALS, 'Why tickets cannot be taken now')),
    nextOpening: Type.Optional(EpochMs('When a session next opens, if not issuing now')),
  },
  { title: 'PublicOffice', description: 'What kiosks, displays and the phone page need; no personal data' },
);
export type PublicOffice = Static<typeof PublicOfficeSchema>;

// ── tickets ───────────────────────────────────────────────────────────────

export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'cancelled',
  'transferred',
] as const;
export const TicketStatusSchema = StringEnum(TICKET_STATUSES);
export const ChannelSchema = StringEnum(['kiosk', 'officer', 'api'] as const, 'Where the ticket was issued');

const Ahead = Type.Integer({
  minimum: 0,
  description:
    'People the calling policy calls before this ticket in its queue (its service, or the counter it was ' +
    'transferred to): same-class tickets before it, plus priority/normal tickets as the policy interleaves ' +
    'them (strict: all priority first; ageing: by sort key; one priority per N: 1 + ⌊k/N⌋ priority before a ' +
    'normal ticket with k normal before it, p×N normal before a priority ticket with p priority before it). ' +
    '0 once the ticket no longer waits or belongs to an earlier day.',
});

/** How long a citizen will probably wait, as shown (wording rules in docs/wait-time.md once it lands). */
export const WaitEstimateSchema = Type.Object(
  {
    minutes: Type.Number({ minimum: 0, description: 'Median minutes until called' }),
    low: Type.Optional(Type.Number({ minimum: 0 })),
    high: Type.Optional(Type.Number({ minimum: 0 })),
    text: LocalizedNameSchema,
  },
  { title: 'WaitEstimate' },
);
export type WaitEstimate = Static<typeof WaitEstimateSchema>;

/** A ticket as staff see it (officer console, supervisor). */
export const TicketSchema = Type.Object(
  {
    id: Type.String(),
    officeId: Type.String(),
    serviceId: Type.String(),
    number: Type.String({ description: 'As printed and announced, e.g. "1005"' }),
    businessDate: Type.String(),
    priority: Type.Boolean(),
    priorityReason: Type.Optional(Type.String()),
    channel: ChannelSchema,
    status: TicketStatusSchema,
    issuedAt: EpochMs('Issued'),
    calledAt: Type.Optional(EpochMs('Last called')),
    servingAt: Type.Optional(EpochMs('Service started')),
    finishedAt: Type.Optional(EpochMs('Done, no-show, cancelled or transferred')),
    counterId: Type.Optional(Type.String()),
    officerId: Type.Optional(Type.String()),
    recalls: Type.Integer({ minimum: 0 }),
    outcome: Type.Optional(Type.String()),
    transferredFrom: Type.Optional(Type.String({ description: 'The ticket this entry replaced' })),
    transferredTo: Type.Optional(Type.String({ description: 'The entry that replaced this ticket' })),
    targetCounterId: Type.Optional(Type.String({ description: 'Only this counter may call it' })),
    prediction: Type.Optional(TicketPredictionSchema),
  },
  { title: 'Ticket' },
);
export type TicketView = Static<typeof TicketSchema>;

export const IssueTicketBodySchema = Type.Object(
  {
    serviceId: Slug('Service id'),
    priority: Type.Optional(Type.Boolean({ description: 'Self-declared priority (elderly, disability, …)' })),
    priorityReason: Type.Optional(Text(120, 'Why (kept for staff only)')),
    requestId: Type.Optional(RequestIdSchema),
  },
  { additionalProperties: false },
);
export type IssueTicketBody = Static<typeof IssueTicketBodySchema>;

export const ReprintBodySchema = Type.Object(
  {
    deviceId: Type.String({ minLength: 1, maxLength: 64, description: 'The kiosk whose printer prints it' }),
  },
  { additionalProperties: false },
);

export const IssuedTicketSchema = Type.Object(
  {
    id: Type.String({ description: 'Unguessable; the phone page URL carries it' }),
    officeId: Type.String(),
    number: Type.String(),
    serviceId: Type.String(),
    priority: Type.Boolean(),
    status: TicketStatusSchema,
    businessDate: Type.String(),
    issuedAt: EpochMs('Issued'),
    ahead: Ahead,
    service: LocalizedNameSchema,
    phoneUrl: Type.String({ description: 'The citizen’s phone page (the ticket’s QR): PUBLIC_URL/t/<id>' }),
    estimate: Type.Union([WaitEstimateSchema, Type.Null()], {
      description: 'Estimated wait; null until the estimator has one (show “Đang cập nhật”)',
    }),
    print: Type.Optional(PrintResultSchema),
  },
  { title: 'IssuedTicket' },
);
export type IssuedTicket = Static<typeof IssuedTicketSchema>;

export const CounterRefSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  name: Type.String(),
});

export const PublicTicketSchema = Type.Object(
  {
    id: Type.String(),
    officeId: Type.String(),
    number: Type.String(),
    serviceId: Type.String(),
    service: LocalizedNameSchema,
    status: TicketStatusSchema,
    businessDate: Type.String(),
    issuedAt: EpochMs('Issued'),
    ahead: Ahead,
    counter: Type.Optional(CounterRefSchema),
    calledAt: Type.Optional(EpochMs('Last called')),
    expired: Type.Boolean({
      description: 'A ticket of an earlier business day: it will not be called any more (take a new one)',
    }),
    estimate: Type.Optional(
      Type.Union([WaitEstimateSchema, Type.Null()], {
        description: 'While waiting: the estimated wait (null until the estimator has one); absent otherwise',
      }),
    ),
  },
  {
    title: 'PublicTicket',
    description:
      'A ticket’s status for the citizen’s phone: no personal data; `counter` while called or serving',
  },
);
export type PublicTicket = Static<typeof PublicTicketSchema>;

// ── counters and snapshot ────────────────────────────────────────────────

export const CounterStatusSchema = StringEnum(['closed', 'open', 'paused'] as const);

export const CounterStateSchema = Type.Object(
  {
    id: Type.String(),
    status: CounterStatusSchema,
    pauseReason: Type.Optional(Type.String()),
    officerId: Type.Optional(Type.String({ description: 'The officer signed in here' })),
    currentTicketId: Type.Optional(Type.String()),
    since: EpochMs('When the status last changed'),
  },
  { title: 'CounterState' },
);
export type CounterStateView = Static<typeof CounterStateSchema>;

export const CurrentTicketSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  serviceId: Type.String(),
  status: TicketStatusSchema,
  priority: Type.Boolean(),
});

export const SnapshotCounterSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  name: Type.String(),
  status: CounterStatusSchema,
  pauseReason: Type.Optional(Type.String()),
  officerId: Type.Optional(Type.String()),
  since: EpochMs('When the status last changed'),
  currentTicket: Nullable(CurrentTicketSchema),
});

export const RecentCallSchema = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  serviceId: Type.String(),
  counterId: Type.String(),
  at: EpochMs('Called'),
  kind: StringEnum(['called', 'recalled'] as const),
});

export const SnapshotSchema = Type.Object(
  {
    officeId: Type.String(),
    seq: Type.Integer({ minimum: 0, description: 'Events up to this seq are included; live events follow' }),
    businessDate: Type.String(),
    counters: Type.Array(SnapshotCounterSchema),
    waiting: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
      description: 'Waiting tickets of today per service id',
    }),
    recentCalls: Type.Array(RecentCallSchema, { description: 'Newest first' }),
  },
  { title: 'Snapshot' },
);
export type Snapshot = Static<typeof SnapshotSchema>;

// ── a counter's waiting list (officer console) ───────────────────────────

/** Most tickets one queue request shows. */
export const COUNTER_QUEUE_MAX = 200;
/** Tickets shown when the request does not say. */
export const COUNTER_QUEUE_DEFAULT = 50;

export const CounterQueueQuerySchema = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: COUNTER_QUEUE_MAX,
        description: `How many tickets to show (default ${COUNTER_QUEUE_DEFAULT})`,
      }),
    ),
  },
  { additionalProperties: false },
);
export type CounterQueueQuery = Static<typeof CounterQueueQuerySchema>;

export const QueuedTicketSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.String({ description: 'As printed and announced, e.g. "1005"' }),
    serviceId: Type.String(),
    priority: Type.Boolean(),
    priorityReason: Type.Optional(Type.String()),
    issuedAt: EpochMs('Issued (a transfer keeps the original issue time)'),
    waitingMs: Type.Integer({ minimum: 0, description: 'Waiting so far: now − issuedAt' }),
    targetCounterId: Type.Optional(
      Type.String({ description: 'Transferred to this counter: only it may call the ticket' }),
    ),
    requeued: Type.Optional(
      Type.Literal(true, { description: 'Called before, did not show up, and was put back in the queue' }),
    ),
  },
  { title: 'QueuedTicket' },
);
export type QueuedTicket = Static<typeof QueuedTicketSchema>;

export const CounterQueueSchema = Type.Object(
  {
    counterId: Type.String(),
    tickets: Type.Array(QueuedTicketSchema, {
      description:
        'Waiting tickets in the order this counter would call them if nothing else happened (the calling ' +
        'policy’s own pickNext, with the counter’s interleave state); the first is what call-next calls now',
    }),
    total: Type.Integer({
      minimum: 0,
      description: 'Tickets of today waiting in the lists this counter calls from (not only those shown)',
    }),
  },
  { title: 'CounterQueue' },
);
export type CounterQueue = Static<typeof CounterQueueSchema>;

// ── commands ──────────────────────────────────────────────────────────────

export const COUNTER_ACTIONS = [
  'sign-in',
  'sign-out',
  'open',
  'pause',
  'close',
  'call-next',
  'call',
  'recall',
  'start',
  'complete',
  'no-show',
  'transfer',
] as const;
export type CounterAction = (typeof COUNTER_ACTIONS)[number];

export const TICKET_ACTIONS = ['cancel', 'requeue', 'transfer'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const ExpectedTicket = Token(
  'The ticket the client believes the counter holds: if the counter holds another, TICKET_NOT_CURRENT',
);

/** Body of sign-in, sign-out, open, close, call-next. */
export const RequestOnlyBodySchema = Type.Object(
  { requestId: Type.Optional(RequestIdSchema) },
  { additionalProperties: false },
);
export const PauseBodySchema = Type.Object(
  {
    reason: Type.Optional(Text(120, 'Shown on displays ("Tạm nghỉ" when omitted)')),
    requestId: Type.Optional(RequestIdSchema),
  },
  { additionalProperties: false },
);
export const CallBodySchema = Type.Object(
  { ticketId: Token('The waiting ticket to call'), requestId: Type.Optional(RequestIdSchema) },
  { additionalProperties: false },
);
/** Body of recall, start, no-show. */
export const CurrentTicketBodySchema = Type.Object(
  { ticketId: Type.Optional(ExpectedTicket), requestId: Type.Optional(RequestIdSchema) },
  { additionalProperties: false },
);
export const CompleteBodySchema = Type.Object(
  {
    ticketId: Type.Optional(ExpectedTicket),
    outcome: Type.Optional(Text(120, 'Result, free text')),
    requestId: Type.Optional(RequestIdSchema),
  },
  { additionalProperties: false },
);
export const TransferBodySchema = Type.Object(
  {
    serviceId: Type.Optional(Slug('To this service’s queue (give serviceId or counterId)')),
    counterId: Type.Optional(Slug('To this counter only (give serviceId or counterId)')),
    position: Type.Optional(
      StringEnum(
        ['front', 'back', 'issueTime'] as const,
        'Where in the new queue: front, back (default), or by the original issue time',
      ),
    ),
    ticketId: Type.Optional(ExpectedTicket),
    requestId: Type.Optional(RequestIdSchema),
  },
  { additionalProperties: false, description: 'Transfers the ticket the counter holds' },
);
export type TransferBody = Static<typeof TransferBodySchema>;
export const RequeueBodySchema = Type.Object(
  {
    position: Type.Optional(
      StringEnum(['front', 'original'] as const, 'front, or original (default: its place by issue time)'),
    ),
    requestId: Type.Optional(RequestIdSchema),
  },
  { additionalProperties: false },
);

/** A supervisor moves a ticket (waiting, or held by a counter) to another service's or counter's queue. */
export const TicketTransferBodySchema = Type.Object(
  {
    serviceId: Type.Optional(Slug('To this service’s queue (give serviceId or counterId)')),
    counterId: Type.Optional(Slug('To this counter only (give serviceId or counterId)')),
    position: Type.Optional(
      StringEnum(
        ['front', 'back', 'issueTime'] as const,
        'Where in the new queue: front, back, or by the original issue time (default: keeps its wait)',
      ),
    ),
    requestId: Type.Optional(RequestIdSchema),
  },
  { additionalProperties: false },
);

export const EVENT_TYPE_NAMES = [
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

export const CommandResultSchema = Type.Object(
  {
    event: Nullable(
      Type.Object({
        seq: Type.Integer({ minimum: 1 }),
        type: StringEnum(EVENT_TYPE_NAMES),
        at: EpochMs('When'),
      }),
    ),
    ticket: Nullable(TicketSchema),
    from: Type.Optional(TicketSchema),
    counter: Nullable(CounterStateSchema),
  },
  {
    title: 'CommandResult',
    description:
      'The event the command produced (null: nothing happened, e.g. call-next on an empty queue), the ticket ' +
      'after it (a transfer: the new entry, with `from` the replaced one), and the counter after it',
  },
);
export type CommandResult = Static<typeof CommandResultSchema>;

// ── office administration ────────────────────────────────────────────────

const CounterServiceEntry = Type.Union([
  Slug('Service id'),
  Type.Object(
    {
      serviceId: Slug('Service id'),
      weight: Type.Optional(Type.Number({ description: 'Ageing policy only' })),
    },
    { additionalProperties: false },
  ),
]);

export const PolicySchema = Type.Union(
  [
    Type.Object(
      {
        kind: Type.Literal('oldest'),
        priorityEvery: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
      },
      { additionalProperties: false },
    ),
    Type.Object({ kind: Type.Literal('strict') }, { additionalProperties: false }),
    Type.Object(
      {
        kind: Type.Literal('ageing'),
        alphaPerMinute: Type.Optional(Type.Number()),
        priorityWeight: Type.Optional(Type.Number()),
      },
      { additionalProperties: false },
    ),
  ],
  {
    description:
      'oldest (default; one priority per priorityEvery normal calls, 0 = priority first), strict, or ageing',
  },
);

/**
 * The office definition: the body of POST /api/admin/offices and PUT /api/admin/offices/:officeId
 * and the entries of OFFICES_FILE. The schema checks shapes; parseOfficeConfig then checks meaning
 * (times, references, duplicates) and fills defaults, answering INVALID_CONFIG with every problem.
 */
export const OfficeDefinitionSchema = Type.Object(
  {
    id: Type.Optional(Slug('Office id (PUT: may be omitted; must match the URL)')),
    name: Text(200, 'Office name'),
    timeZone: Type.Optional(Type.String({ description: 'IANA zone, default Asia/Ho_Chi_Minh' })),
    sessions: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Array(
          Type.Object(
            {
              open: Type.String({ description: 'HH:MM' }),
              close: Type.String({ description: 'HH:MM' }),
              cutoff: Type.Optional(Type.String({ description: 'HH:MM, default = close' })),
            },
            { additionalProperties: false },
          ),
          { maxItems: 10 },
        ),
        { description: 'Weekday (mon … sun) → sessions' },
      ),
    ),
    holidays: Type.Optional(Type.Array(Type.String({ description: 'YYYY-MM-DD' }), { maxItems: 1000 })),
    policy: Type.Optional(PolicySchema),
    services: Type.Array(
      Type.Object(
        {
          id: Slug('Service id'),
          name: Type.Object(
            { vi: Type.String(), en: Type.Optional(Type.String()) },
            { additionalProperties: false },
          ),
          numbering: Type.Optional(
            Type.Object(
              {
                prefix: Type.Optional(Type.String()),
                start: Type.Optional(Type.Integer()),
                width: Type.Optional(Type.Integer()),
                end: Type.Optional(Type.Integer()),
                wrap: Type.Optional(Type.Boolean()),
              },
              { additionalProperties: false },
            ),
          ),
          dailyCap: Type.Optional(Type.Integer()),
          serviceMinutes: Type.Optional(Type.Number()),
          icon: Type.Optional(Type.String({ description: `One of ${SERVICE_ICONS.join(', ')}` })),
          groupId: Type.Optional(Type.String({ description: 'One of serviceGroups' })),
          outcomes: Type.Optional(
            Type.Array(Type.String({ minLength: 1, maxLength: 120 }), {
              maxItems: 20,
              description: 'Results the officer picks from when completing a ticket (distinct texts)',
            }),
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    serviceGroups: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Slug('Group id'),
            name: Type.Object(
              { vi: Type.String(), en: Type.Optional(Type.String()) },
              { additionalProperties: false },
            ),
            icon: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    priorityAtKiosk: Type.Optional(
      Type.Boolean({ description: 'Ask about priority at the kiosk (default true)' }),
    ),
    voice: Type.Optional(OfficeVoiceSchema),
    notices: Type.Optional(
      Type.Array(Type.String({ maxLength: 300 }), {
        maxItems: 20,
        description: 'Scrolled on the hall display',
      }),
    ),
    alerts: Type.Optional(OfficeAlertsSchema),
    counters: Type.Array(
      Type.Object(
        {
          id: Slug('Counter id'),
          number: Type.Integer(),
          name: Type.Optional(Type.String()),
          services: Type.Array(CounterServiceEntry, { description: 'Service ids in preference order' }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
  },
  { title: 'OfficeDefinition', additionalProperties: false },
);
export type OfficeDefinition = Static<typeof OfficeDefinitionSchema>;

/** An office configuration as stored (defaults filled in). */
export const OfficeConfigSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    timeZone: Type.String(),
    sessions: SessionsSchema,
    holidays: Type.Array(Type.String()),
    policy: Type.Object(
      {
        kind: StringEnum(['oldest', 'strict', 'ageing'] as const),
        priorityEvery: Type.Optional(Type.Integer()),
        alphaPerMinute: Type.Optional(Type.Number()),
        priorityWeight: Type.Optional(Type.Number()),
      },
      { additionalProperties: false },
    ),
    services: Type.Array(PublicServiceSchema),
    serviceGroups: Type.Optional(Type.Array(ServiceGroupSchema)),
    priorityAtKiosk: Type.Optional(Type.Boolean()),
    voice: Type.Optional(OfficeVoiceSchema),
    notices: Type.Optional(Type.Array(Type.String())),
    alerts: Type.Optional(OfficeAlertsSchema),
    counters: Type.Array(
      Type.Object({
        id: Type.String(),
        number: Type.Integer(),
        name: Type.String(),
        services: Type.Array(Type.Object({ serviceId: Type.String(), weight: Type.Optional(Type.Number()) })),
      }),
    ),
  },
  { title: 'OfficeConfig' },
);
