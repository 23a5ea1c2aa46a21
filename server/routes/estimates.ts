/**
 * The accuracy of the wait estimates shown in an office (`GET /api/offices/:officeId/estimates/accuracy`,
 * supervisors and admins): what every ticket was told at issue against when it was called, from the
 * office's event log (server/estimates/accuracy.ts, docs/api.md "Accuracy on real data").
 */
import type { FastifyInstance } from 'fastify';
import { AccuracyReportSchema, type AccuracyReport } from '../../shared/protocol/estimates.js';
import { OfficeParamsSchema } from '../../shared/protocol/http.js';
import type { AppContext } from '../app.js';
import { AUTHENTICATED, TAGS } from '../openapi.js';
import { AUTH_ERRORS, errors, guard, typed } from './common.js';

export async function estimateRoutes(parent: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const app = typed(parent);

  app.get(
    '/api/offices/:officeId/estimates/accuracy',
    {
      ...guard('office:reports'),
      schema: {
        tags: [TAGS.offices],
        summary: 'How accurate the wait estimates were: today and the last 30 days, per service',
        description:
          'Every ticket carries the estimate it was issued with (`prediction`); its wait is the time from ' +
          'issue to its FIRST call (a citizen found absent counts too). error = told − waited, in minutes. ' +
          'Per service and for all: `n` tickets, `mae`, `bias` (positive = conservative), `rmse`, `within5` ' +
          '(share within ±5 min), `coverage` (share inside the range shown, p10–p90), `under10` (share that ' +
          'waited more than 10 min longer than told); tickets told “có thể không kịp trong hôm nay” and ' +
          'tickets not called by the end of their day are counted apart. Not counted: tickets transferred or ' +
          'cancelled before their first call. Computed from the office’s event log, caught up on each request. ' +
          'Supervisors of the office and admins.',
        security: AUTHENTICATED,
        params: OfficeParamsSchema,
        response: { 200: AccuracyReportSchema, ...errors(...AUTH_ERRORS, 'OFFICE_NOT_FOUND') },
      },
    },
    async (req): Promise<AccuracyReport> => opts.ctx.estimates.accuracy(req.params.officeId),
  );
}
