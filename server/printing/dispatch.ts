/**
 * Which printer a kiosk's ticket goes to, and what the kiosk is told.
 *
 * - `server` mode: this process renders the ticket and prints it over the kiosk's printer URL
 *   (printer.ts applies the check → print → check policy).
 * - `agent` mode: the ticket is rendered here and the bytes go to the print agent of that kiosk (a
 *   socket in the agent's room, on any server process through the adapter), which prints with the
 *   same policy on its own printer and answers the outcome.
 * - `none` and `browser`: nothing here (the kiosk page prints an HTML ticket in browser mode).
 *
 * Every outcome also updates the kiosk's printer health (seen by supervisors, and pushed live to the
 * office's staff); a ticket that did not come out is announced to staff so they can reprint the same
 * number.
 *
 * A kiosk retries an issue whose answer it did not get (same requestId, same ticket): the result
 * of a ticket's first job is remembered for a while so that a retry does not print twice.
 */
import type { OfficeConfig, Ticket } from '../../shared/domain/types.js';
import type { PrinterHealth, PrinterSettings, PrintResult } from '../../shared/protocol/printing.js';
import type { PrintAgentJob, PrintAgentResult } from '../../shared/protocol/print-agent.js';
import type { AccountStore } from '../auth/account-store.js';
import { encodeTicket } from './encode.js';
import { printTicketJob, type PrintOutcome } from './printer.js';
import { renderTicket } from './render.js';
import type { PrintableTicket } from './ticket-layout.js';
import { createTransport } from './transports.js';

/** What the ticket says besides the ticket itself. */
export interface TicketPrintContext {
  office: OfficeConfig;
  ticket: Ticket;
  ahead: number;
  phoneUrl: string;
  /** The estimate as worded for the ticket ("khoảng 15 phút"); absent: "Đang cập nhật". */
  waitText?: string;
}

/** Reaches print agents (the realtime layer implements it; absent in processes without sockets). */
export interface AgentLink {
  /** Sends a job to the agent of `deviceId`; undefined when no agent answered in time. */
  send(deviceId: string, job: PrintAgentJob, timeoutMs: number): Promise<PrintAgentResult | undefined>;
}

/** Told about printer trouble and health changes (the realtime layer pushes it to staff). */
export interface PrintEvents {
  health(officeId: string, deviceId: string, health: PrinterHealth): void;
  printFailed(officeId: string, deviceId: string, ticket: Ticket, result: PrintResult): void;
}

export interface PrintDispatcherOptions {
  accounts: AccountStore;
  clock?: () => number;
  /** How long an agent may take to answer a job (default 20 s: a slow serial printer). */
  agentTimeoutMs?: number;
}

/** Results remembered per ticket against double printing on retries. */
const REMEMBERED_RESULTS = 2000;
const DEFAULT_AGENT_TIMEOUT_MS = 20_000;
/** The wording while the wait-time estimator has no estimate. */
export const WAIT_UNKNOWN = 'Đang cập nhật';

/** PrintOutcome (printer.ts) → what the kiosk and staff are told. */
export function toPrintResult(outcome: PrintOutcome): PrintResult {
  if (outcome.printed) {
    return {
      status: 'printed',
      state: outcome.status.state,
      ...(outcome.warning !== undefined && { warning: true }),
    };
  }
  return { status: outcome.failedMidway ? 'failed' : 'not_printed', state: outcome.status.state };
}

/** The ticket as printed: office, number, service, people ahead, wait, time, QR. */
export function printableTicket(ctx: TicketPrintContext): PrintableTicket {
  const service = ctx.office.services.find((s) => s.id === ctx.ticket.serviceId);
  return {
    officeName: ctx.office.name,
    heading: 'SỐ THỨ TỰ',
    number: ctx.ticket.number,
    serviceName: service?.name.vi ?? ctx.ticket.serviceId,
    priority: ctx.ticket.priority,
    ahead: ctx.ahead,
    waitText: ctx.waitText ?? WAIT_UNKNOWN,
    issuedAt: ctx.ticket.issuedAt,
    timeZone: ctx.office.timeZone,
    phoneUrl: ctx.phoneUrl,
    footer: 'Vui lòng chờ gọi số',
  };
}

/** ESC/POS bytes of a ticket for a paper width. */
export function ticketBytes(ctx: TicketPrintContext, paper: PrinterSettings['paper']): Uint8Array {
  return encodeTicket(renderTicket(printableTicket(ctx), paper), paper);
}

export class PrintDispatcher {
  private agents: AgentLink | undefined;
  private events: PrintEvents | undefined;
  private readonly results = new Map<string, Promise<PrintResult>>();
  private readonly accounts: AccountStore;
  private readonly clock: () => number;
  private readonly agentTimeoutMs: number;

  constructor(opts: PrintDispatcherOptions) {
    this.accounts = opts.accounts;
    this.clock = opts.clock ?? Date.now;
    this.agentTimeoutMs = opts.agentTimeoutMs ?? DEFAULT_AGENT_TIMEOUT_MS;
  }

  /** Called by the realtime layer once sockets exist. */
  connect(agents: AgentLink, events: PrintEvents): void {
    this.agents = agents;
    this.events = events;
  }

  /** Does this printer setting make the server responsible for printing? */
  static drives(printer: PrinterSettings | undefined): printer is PrinterSettings {
    return printer?.mode === 'server' || printer?.mode === 'agent';
  }

  /**
   * Prints a newly issued ticket on the kiosk's printer, once per ticket: a retry of the same issue
   * answers the first job's result.
   */
  printIssued(deviceId: string, printer: PrinterSettings, ctx: TicketPrintContext): Promise<PrintResult> {
    const known = this.results.get(ctx.ticket.id);
    if (known) return known;
    const job = this.print(deviceId, printer, ctx);
    if (this.results.size >= REMEMBERED_RESULTS) {
      const oldest = this.results.keys().next();
      if (!oldest.done) this.results.delete(oldest.value);
    }
    this.results.set(ctx.ticket.id, job);
    return job;
  }

  /** Prints a ticket again (staff's reprint of the same number). */
  reprint(deviceId: string, printer: PrinterSettings, ctx: TicketPrintContext): Promise<PrintResult> {
    return this.print(deviceId, printer, ctx);
  }

  /** A print agent's or this server's check of a kiosk printer. */
  async recordHealth(officeId: string, deviceId: string, health: PrinterHealth): Promise<void> {
    await this.accounts.setPrinterHealth(deviceId, health);
    this.events?.health(officeId, deviceId, health);
  }

  private async print(
    deviceId: string,
    printer: PrinterSettings,
    ctx: TicketPrintContext,
  ): Promise<PrintResult> {
    const bytes = ticketBytes(ctx, printer.paper);
    let result: PrintResult;
    let detail: string | undefined;
    if (printer.mode === 'server' && printer.url !== undefined) {
      const outcome = await printTicketJob(createTransport(printer.url), bytes);
      result = toPrintResult(outcome);
      detail = outcome.status.detail;
    } else {
      const answer = await this.agents?.send(
        deviceId,
        { ticketId: ctx.ticket.id, number: ctx.ticket.number, bytes },
        this.agentTimeoutMs,
      );
      // No agent connected (or it did not answer): nothing came out.
      result = answer ?? { status: 'not_printed', state: 'offline' };
      if (!answer) detail = 'print agent not connected';
    }
    await this.recordHealth(ctx.office.id, deviceId, {
      state: result.state,
      checkedAt: this.clock(),
      ...(detail !== undefined && { detail: detail.slice(0, 200) }),
    }).catch(() => undefined); // health is advisory: a store hiccup must not lose the print result
    if (result.status !== 'printed') this.events?.printFailed(ctx.office.id, deviceId, ctx.ticket, result);
    return result;
  }
}
