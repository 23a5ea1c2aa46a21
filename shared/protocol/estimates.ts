/**
 * Wait-time estimates on real data: the prediction a ticket carries from its issue (staff see it in
 * the ticket view) and the accuracy of those predictions (`GET /api/offices/:officeId/estimates/accuracy`,
 * supervisors and admins), computed from the office's event log by server/estimates/accuracy.ts.
 *
 * Kept free of imports from http.ts: http.ts uses the prediction's schema in its Ticket.
 */
import { Type, type Static } from 'typebox';

const Minutes = (description: string) => Type.Integer({ minimum: 0, maximum: 1440, description });

/** Ticket.prediction (shared/domain/types.ts). */
export const TicketPredictionSchema = Type.Object(
  {
    minutes: Minutes('The figure shown, rounded to 5 minutes'),
    low: Type.Optional(Minutes('The low end of the range shown (p10, rounded to 5)')),
    high: Type.Optional(Minutes('The high end of the range shown (p90, rounded to 5)')),
    notToday: Type.Optional(Type.Literal(true, { description: 'Shown as “có thể không kịp trong hôm nay”' })),
    version: Type.String({ description: 'The estimator’s model version' }),
  },
  {
    title: 'TicketPrediction',
    description:
      'The wait estimate shown when the ticket was issued (the issue answer’s `estimate`), logged with it so ' +
      'accuracy can be measured; kept through the ticket’s life and by the entry a transfer makes',
  },
);

const Count = (description: string) => Type.Integer({ minimum: 0, description });
const NullableNumber = (description: string) =>
  Type.Union([Type.Number(), Type.Null()], { description: `${description}; null without tickets` });
const NullableShare = (description: string) =>
  Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
    description: `${description} (0–1); null without tickets`,
  });

const figures = {
  n: Count('Tickets called (first call) that were told a wait at issue'),
  mae: NullableNumber('Mean |told − waited|, minutes (0.01)'),
  bias: NullableNumber('Mean (told − waited), minutes (0.01): positive = conservative'),
  rmse: NullableNumber('Root mean squared error, minutes (0.01)'),
  within5: NullableShare('Share with |told − waited| ≤ 5 min'),
  coverage: NullableShare('Share of those shown a range whose wait fell within it (p10–p90)'),
  under10: NullableShare('Share that waited more than 10 min longer than told'),
  ranged: Count('Of n, tickets shown a range'),
  notCalled: Count('Tickets told an estimate and not called by the end of their day'),
  notTodayTold: Count('Tickets told “có thể không kịp trong hôm nay” (not in the error figures)'),
  notTodayHit: Count('Of those, not called that day'),
};

export const AccuracyFiguresSchema = Type.Object(figures, { title: 'AccuracyFigures' });
export type AccuracyFigures = Static<typeof AccuracyFiguresSchema>;

export const ServiceAccuracySchema = Type.Object(
  { serviceId: Type.String(), ...figures },
  { title: 'ServiceAccuracy' },
);
export type ServiceAccuracy = Static<typeof ServiceAccuracySchema>;

const IsoDate = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

export const AccuracyReportSchema = Type.Object(
  {
    today: Type.Object({
      date: IsoDate('Today’s business date'),
      services: Type.Array(ServiceAccuracySchema, {
        description: 'Every service of the office, in its order (then any other service tallied)',
      }),
      all: AccuracyFiguresSchema,
    }),
    last30: Type.Object({
      from: IsoDate('The first business date of the span (29 days before today)'),
      to: IsoDate('Today'),
      services: Type.Array(ServiceAccuracySchema),
      all: AccuracyFiguresSchema,
    }),
    modelVersion: Type.String({ description: 'The model version estimates are shown with now' }),
  },
  { title: 'AccuracyReport' },
);
export type AccuracyReport = Static<typeof AccuracyReportSchema>;
