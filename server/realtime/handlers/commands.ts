/**
 * Staff (officers, supervisors, admins): counter operations and ticket management over the socket.
 * Each request is the HTTP route's request in another envelope — same body schemas, defaults,
 * permission rules (an officer operates only the counter they are signed in at; devices never
 * command) and answer (`CommandResult`).
 */
import {
  COUNTER_BODY_SCHEMAS,
  CounterCommandSchema,
  TICKET_BODY_SCHEMAS,
  TicketCommandSchema,
  type CommandResult,
  type CounterCommandRequest,
  type TicketCommandRequest,
} from '../../../shared/protocol/events.js';
import { manageTicket, operateCounter } from '../../operations/staff-operations.js';
import {
  currentPrincipal,
  denied,
  onRequest,
  parse,
  type HandlerContext,
  type LiveSocket,
} from './common.js';

export function registerCommandHandlers(socket: LiveSocket, ctx: HandlerContext): void {
  onRequest(socket, ctx, 'counter:command', async (input): Promise<CommandResult> => {
    const p = await currentPrincipal(socket, ctx);
    if (p.kind !== 'user') throw denied(p);
    const req = parse<CounterCommandRequest>(CounterCommandSchema, input);
    parse(COUNTER_BODY_SCHEMAS[req.action], req.body ?? {});
    return operateCounter(ctx.store, p, req);
  });

  onRequest(socket, ctx, 'ticket:command', async (input): Promise<CommandResult> => {
    const p = await currentPrincipal(socket, ctx);
    if (p.kind !== 'user') throw denied(p);
    const req = parse<TicketCommandRequest>(TicketCommandSchema, input);
    parse(TICKET_BODY_SCHEMAS[req.action], req.body ?? {});
    return manageTicket(ctx.store, p, req);
  });
}
