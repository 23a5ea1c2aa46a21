/**
 * Print agents (server/printing/agent.ts): a kiosk PC's agent connects with the kiosk's device
 * token and `auth.printAgent: true`. It joins its kiosk's agent room — one agent per kiosk: a new
 * connection replaces the old one on every process, so a ticket never prints twice — receives
 * `print:job` there and reports `printer:health`. Kiosk health and print failures go live to the
 * office's staff.
 */
import { Type } from 'typebox';
import type { Ticket } from '../../../shared/domain/types.js';
import {
  PRINT_JOB_EVENT,
  PRINTER_HEALTH_EVENT,
  type PrinterHealthReport,
} from '../../../shared/protocol/print-agent.js';
import { PRINTER_STATES, type PrinterHealth, type PrintResult } from '../../../shared/protocol/printing.js';
import { StringEnum } from '../../../shared/protocol/schema.js';
import type { AgentLink, PrintDispatcher, PrintEvents } from '../../printing/dispatch.js';
import { officeRoom, printAgentRoom } from '../rooms.js';
import {
  currentPrincipal,
  denied,
  onRequest,
  parse,
  type HandlerContext,
  type LiveServer,
  type LiveSocket,
} from './common.js';

const HealthReportSchema = Type.Object(
  { state: StringEnum(PRINTER_STATES), detail: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

/** Did this socket connect as a print agent? */
export function isPrintAgent(socket: LiveSocket): boolean {
  return (socket.handshake.auth as { printAgent?: unknown } | undefined)?.printAgent === true;
}

export async function registerPrintAgentHandlers(
  io: LiveServer,
  socket: LiveSocket,
  ctx: HandlerContext,
  printing: PrintDispatcher,
): Promise<void> {
  const p = socket.data.principal;
  if (p.kind !== 'device' || p.deviceKind !== 'kiosk') {
    ctx.log.warn({ principal: p.kind }, 'print agent refused: not a kiosk device token');
    socket.disconnect(true);
    return;
  }
  onRequest(socket, ctx, PRINTER_HEALTH_EVENT, async (input) => {
    const report = parse<PrinterHealthReport>(HealthReportSchema, input);
    const now = await currentPrincipal(socket, ctx);
    if (now.kind !== 'device') throw denied(now);
    const health: PrinterHealth = { state: report.state, checkedAt: ctx.clock() };
    if (report.detail !== undefined) health.detail = report.detail;
    await printing.recordHealth(now.officeId, now.deviceId, health);
    return {};
  });

  socket.on('disconnect', (reason) => {
    // Replaced by a newer agent of the same kiosk (or the server closing): that is not an outage.
    if (reason === 'server namespace disconnect' || reason === 'server shutting down') return;
    const health: PrinterHealth = {
      state: 'offline',
      checkedAt: ctx.clock(),
      detail: 'print agent disconnected',
    };
    io.in(printAgentRoom(p.deviceId))
      .fetchSockets()
      .then((others) =>
        others.length === 0 ? printing.recordHealth(p.officeId, p.deviceId, health) : undefined,
      )
      .catch(() => undefined);
  });

  // Listeners first (the agent reports as soon as it is connected), then the room.
  const room = printAgentRoom(p.deviceId);
  // One agent per kiosk, across processes: the newest wins.
  io.in(room).disconnectSockets(true);
  await socket.join(room);
  ctx.log.info({ deviceId: p.deviceId }, 'print agent connected');
}

/** How the dispatcher reaches agents (any process) and tells staff. */
export function connectPrinting(io: LiveServer, printing: PrintDispatcher, clock: () => number): void {
  const agents: AgentLink = {
    async send(deviceId, job, timeoutMs) {
      try {
        const replies = await io
          .to(printAgentRoom(deviceId))
          .timeout(timeoutMs)
          .emitWithAck(PRINT_JOB_EVENT, job);
        const answer = replies.find((r) => r?.ok);
        return answer?.ok ? answer.data : undefined;
      } catch {
        // No answer in time: the agent is gone or stuck. What came out is unknown: say failed.
        return { status: 'failed', state: 'no_reply' };
      }
    },
  };
  const events: PrintEvents = {
    health(officeId, deviceId, health) {
      io.to(officeRoom(officeId, 'staff')).emit('printer:health', { officeId, deviceId, ...health });
    },
    printFailed(officeId: string, deviceId: string, ticket: Ticket, result: PrintResult) {
      io.to(officeRoom(officeId, 'staff')).emit('ticket:print-failed', {
        officeId,
        deviceId,
        ticketId: ticket.id,
        number: ticket.number,
        result,
        at: clock(),
      });
    },
  };
  printing.connect(agents, events);
}
