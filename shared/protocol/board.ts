/**
 * The office board (`GET /api/offices/:officeId/board`): the live picture of the room for staff —
 * every counter with its officer, ticket and today's figures, the waiting per service with its
 * longest wait, today's no-shows (to requeue) and the supervisor's alerts. The officer console
 * reads its own counter's figures and the no-show list from it; the supervisor board reads all.
 * And the supervisor's "move an officer" request.
 */
import { Type, type Static } from 'typebox';
import { ALERT_KINDS } from '../domain/board-alerts.js';
import { SLUG } from '../domain/ids.js';
import { CounterStatusSchema, RequestIdSchema, StringEnum, TicketStatusSchema } from './http.js';

const EpochMs = (description: string) => Type.Integer({ minimum: 0, description });
const Count = (description: string) => Type.Integer({ minimum: 0, description });

export const AlertThresholdsSchema = Type.Object(
  {
    waitMinutes: Type.Number({ description: 'A ticket waiting longer than this raises an alert' }),
    idleMinutes: Type.Number({
      description: 'An open counter without a ticket this long while its services have a queue',
    }),
    serviceFactor: Type.Number({ description: 'A service running longer than this × its norm' }),
  },
  { title: 'AlertThresholds' },
);

export const BoardTicketSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  serviceId: Type.String(),
  status: TicketStatusSchema,
  priority: Type.Boolean(),
  priorityReason: Type.Optional(Type.String()),
  recalls: Type.Integer({ minimum: 0 }),
  issuedAt: EpochMs('Issued'),
  calledAt: Type.Optional(EpochMs('Last called')),
  servingAt: Type.Optional(EpochMs('Service started')),
});

export const CounterTodaySchema = Type.Object({
  served: Count('Tickets completed here today'),
  serviceMs: Count('Their service time, summed (ms): the average is serviceMs / served'),
  noShows: Count('Today’s tickets marked no-show here and not requeued since'),
});
export type CounterToday = Static<typeof CounterTodaySchema>;

export const BoardCounterSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  name: Type.String(),
  services: Type.Array(Type.String(), { description: 'Service ids, in the counter’s preference order' }),
  status: CounterStatusSchema,
  pauseReason: Type.Optional(Type.String()),
  since: EpochMs('When the status last changed'),
  officer: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  ticket: Type.Union([BoardTicketSchema, Type.Null()]),
  idleSince: Type.Optional(EpochMs('Open and holding no ticket since (absent while it holds one)')),
  today: CounterTodaySchema,
});
export type BoardCounter = Static<typeof BoardCounterSchema>;

export const BoardServiceSchema = Type.Object({
  serviceId: Type.String(),
  waiting: Count('Waiting today (including tickets transferred to one counter)'),
  oldestIssuedAt: Type.Union([EpochMs('Issue time of the longest-waiting ticket'), Type.Null()]),
});
export type BoardService = Static<typeof BoardServiceSchema>;

export const NoShowSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  serviceId: Type.String(),
  priority: Type.Boolean(),
  counterId: Type.Optional(Type.String({ description: 'Where it was called' })),
  calledAt: Type.Optional(EpochMs('Last called')),
  finishedAt: EpochMs('Marked no-show'),
});
export type NoShow = Static<typeof NoShowSchema>;

export const BoardAlertSchema = Type.Object({
  kind: StringEnum(ALERT_KINDS, 'long-wait, idle-counter or long-service'),
  counterId: Type.Optional(Type.String()),
  serviceId: Type.Optional(Type.String()),
  number: Type.Optional(Type.String()),
  since: EpochMs('When the situation began'),
  limitMinutes: Type.Number({ description: 'The threshold it went beyond' }),
});

export const OfficeBoardSchema = Type.Object(
  {
    officeId: Type.String(),
    seq: Type.Integer({
      minimum: 0,
      description: 'The office’s event seq when read: refresh on newer events',
    }),
    businessDate: Type.String(),
    now: EpochMs('The server’s time'),
    thresholds: AlertThresholdsSchema,
    counters: Type.Array(BoardCounterSchema),
    services: Type.Array(BoardServiceSchema),
    noShows: Type.Array(NoShowSchema, { description: 'Today’s no-shows, most recent first (at most 200)' }),
    noShowTotal: Count('All of today’s no-shows'),
    alerts: Type.Array(BoardAlertSchema),
  },
  { title: 'OfficeBoard' },
);
export type OfficeBoard = Static<typeof OfficeBoardSchema>;

const Slug = (description: string) =>
  Type.String({ pattern: SLUG.source, minLength: 1, maxLength: 64, description });

export const MoveOfficerParamsSchema = Type.Object({
  officeId: Slug('Office id'),
  officerId: Slug('The officer’s user id'),
});

export const MoveOfficerBodySchema = Type.Object(
  {
    counterId: Slug('The counter to sign the officer in at'),
    requestId: Type.Optional(RequestIdSchema),
  },
  { additionalProperties: false },
);
export type MoveOfficerBody = Static<typeof MoveOfficerBodySchema>;
