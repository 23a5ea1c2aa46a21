/**
 * The office board for staff (`GET /api/offices/:officeId/board`) and the supervisor's "move an
 * officer" (`POST /api/offices/:officeId/officers/:officerId/move`). What they do is in
 * operations/office-board.ts and operations/staff-operations.ts.
 */
import type { FastifyInstance } from 'fastify';
import {
  MoveOfficerBodySchema,
  MoveOfficerParamsSchema,
  OfficeBoardSchema,
  type MoveOfficerBody,
  type OfficeBoard,
} from '../../shared/protocol/board.js';
import { CommandResultSchema, OfficeParamsSchema, type CommandResult } from '../../shared/protocol/http.js';
import type { AppContext } from '../app.js';
import { AUTHENTICATED, TAGS } from '../openapi.js';
import { officeBoard } from '../operations/office-board.js';
import { moveOfficer } from '../operations/staff-operations.js';
import { AUTH_ERRORS, errors, guard, typed } from './common.js';

export async function boardRoutes(parent: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const app = typed(parent);
  const { store, accounts, clock } = opts.ctx;

  app.get<{ Params: { officeId: string } }>(
    '/api/offices/:officeId/board',
    {
      ...guard('office:read-staff'),
      schema: {
        tags: [TAGS.counters],
        summary: 'The room for staff: counters, officers, today’s figures, waiting, no-shows, alerts',
        description:
          'Every counter with its officer, the ticket it holds (and since when), why it is paused, and today’s ' +
          'figures (served, service time, no-shows); waiting per service with the longest wait; today’s no-show ' +
          'tickets (to requeue); and the alerts of the office’s thresholds (a long wait, an idle counter while its ' +
          'services have a queue, a service far beyond its norm). Refresh it on the office’s live events.',
        security: AUTHENTICATED,
        params: OfficeParamsSchema,
        response: { 200: OfficeBoardSchema, ...errors(...AUTH_ERRORS, 'OFFICE_NOT_FOUND') },
      },
    },
    async (req): Promise<OfficeBoard> => officeBoard(store, accounts, req.params.officeId, clock()),
  );

  app.post<{ Params: { officeId: string; officerId: string }; Body: MoveOfficerBody }>(
    '/api/offices/:officeId/officers/:officerId/move',
    {
      ...guard('counter:operate'),
      schema: {
        tags: [TAGS.counters],
        summary: 'Move an officer to another counter (supervisors and admins)',
        description:
          'Signs the officer out of their counter (it must hold no ticket: COUNTER_BUSY) and in at `counterId` ' +
          '(it must be free: COUNTER_TAKEN). The officer’s console follows them to the new counter.',
        security: AUTHENTICATED,
        params: MoveOfficerParamsSchema,
        body: MoveOfficerBodySchema,
        response: {
          200: CommandResultSchema,
          ...errors(...AUTH_ERRORS, 'OFFICE_NOT_FOUND', 'UNKNOWN_COUNTER', 'COUNTER_TAKEN', 'COUNTER_BUSY'),
        },
      },
    },
    async (req): Promise<CommandResult> => {
      const { officeId, officerId } = req.params;
      return moveOfficer(
        store,
        req.principal,
        { officeId, officerId, counterId: req.body.counterId, requestId: req.body.requestId },
        async (userId) => {
          const user = await accounts.getUser(userId);
          return (
            user !== undefined &&
            !user.disabled &&
            (user.role === 'admin' || user.officeIds.includes(officeId))
          );
        },
      );
    },
  );
}
