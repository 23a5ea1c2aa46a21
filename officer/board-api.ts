/**
 * The room-level reads and commands of the console and the board: the office board, ticket
 * commands (requeue, cancel, transfer) and moving an officer. Commands carry the caller's
 * requestId and are retried with it (commands.ts withRetries), so a lost answer never acts twice.
 */
import { api } from '../web/api.js';
import type { OfficeBoard } from '../shared/protocol/board.js';
import type { AccuracyReport } from '../shared/protocol/estimates.js';
import type { CommandResult, TicketAction } from '../shared/protocol/http.js';
import { withRetries } from './commands.js';

const office = (officeId: string) => `/api/offices/${encodeURIComponent(officeId)}`;

export function loadBoard(officeId: string): Promise<OfficeBoard> {
  return api<OfficeBoard>(`${office(officeId)}/board`);
}

/** How accurate the shown wait estimates were, today and over 30 days (supervisors and admins). */
export function loadAccuracy(officeId: string): Promise<AccuracyReport> {
  return api<AccuracyReport>(`${office(officeId)}/estimates/accuracy`);
}

export function ticketCommand(
  officeId: string,
  ticketId: string,
  action: TicketAction,
  body: Record<string, unknown>,
  requestId: string,
): Promise<CommandResult> {
  return withRetries(() =>
    api<CommandResult>(`${office(officeId)}/tickets/${encodeURIComponent(ticketId)}/${action}`, {
      method: 'POST',
      body: { ...body, requestId },
    }),
  );
}

export function moveOfficer(
  officeId: string,
  officerId: string,
  counterId: string,
  requestId: string,
): Promise<CommandResult> {
  return withRetries(() =>
    api<CommandResult>(`${office(officeId)}/officers/${encodeURIComponent(officerId)}/move`, {
      method: 'POST',
      body: { counterId, requestId },
    }),
  );
}
