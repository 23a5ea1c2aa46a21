/**
 * The print agent: runs on a kiosk PC in a central deployment (the server cannot reach the office
 * LAN), keeps one outbound websocket to the server as the kiosk (its device token), prints the jobs
 * the server sends with the same check → print → check policy as direct printing, and reports the
 * printer's health every minute and whenever it changes. NAT-friendly: nothing connects to it.
 *
 * The command is server/print-agent.ts (`npm run print-agent -- --server … --token … --printer …`).
 */
import { io, type Socket } from 'socket.io-client';
import {
  PRINT_JOB_EVENT,
  PRINTER_HEALTH_EVENT,
  type PrintAgentJob,
  type PrintAgentResult,
  type PrinterHealthReport,
} from '../../shared/protocol/print-agent.js';
import { toPrintResult } from './dispatch.js';
import { checkPrinter, printTicketJob, type PrintJobOptions } from './printer.js';
import type { PrinterTransport } from './transports.js';

export interface PrintAgentOptions {
  serverUrl: string;
  token: string;
  transport: PrinterTransport;
  /** Health report period (default 60 s). */
  healthEveryMs?: number;
  job?: PrintJobOptions;
  log?: (line: string) => void;
}

type Ack = (
  reply: { ok: true; data: PrintAgentResult } | { ok: false; code: string; message: string },
) => void;

export class PrintAgent {
  private readonly socket: Socket;
  private timer: NodeJS.Timeout | undefined;
  private lastReported: string | undefined;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: PrintAgentOptions) {
    this.log = opts.log ?? ((line) => console.log(`${new Date().toISOString()} ${line}`));
    this.socket = io(opts.serverUrl, {
      transports: ['websocket'],
      auth: { token: opts.token, printAgent: true },
      // Reconnect forever, at most every 10 s: the agent is a service, not a page.
      reconnectionDelayMax: 10_000,
    });
    this.socket.on('connect', () => {
      this.log(`connected to ${opts.serverUrl}`);
      this.lastReported = undefined; // the server may have restarted: report again
      void this.reportHealth();
    });
    this.socket.on('disconnect', (reason) => this.log(`disconnected (${reason}); reconnecting…`));
    this.socket.on('connect_error', (err) => this.log(`cannot connect: ${err.message}; retrying…`));
    this.socket.on(PRINT_JOB_EVENT, (job: PrintAgentJob, ack: Ack) => void this.print(job, ack));
    this.timer = setInterval(() => void this.reportHealth(true), opts.healthEveryMs ?? 60_000);
    this.timer.unref();
  }

  /** Connected to the server right now. */
  get isConnected(): boolean {
    return this.socket.connected;
  }

  /** Resolves once connected (for tests and the command's first line). */
  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('connect', () => resolve()));
  }

  private async print(job: PrintAgentJob, ack: Ack): Promise<void> {
    if (typeof ack !== 'function') return;
    const bytes = job.bytes instanceof Uint8Array ? job.bytes : new Uint8Array(job.bytes as ArrayBuffer);
    const outcome = await printTicketJob(this.opts.transport, bytes, this.opts.job);
    const result = toPrintResult(outcome);
    this.log(
      `ticket ${job.number}: ${result.status} (${outcome.status.state}${outcome.status.detail ? `: ${outcome.status.detail}` : ''})`,
    );
    ack({ ok: true, data: result });
    this.sendHealth({
      state: outcome.status.state,
      ...(outcome.status.detail && { detail: outcome.status.detail }),
    });
  }

  /** Checks the printer and reports it when the state changed (or always, for the periodic report). */
  private async reportHealth(always = false): Promise<void> {
    if (!this.socket.connected) return;
    const status = await checkPrinter(this.opts.transport, this.opts.job);
    if (!always && this.lastReported === status.state) return;
    this.sendHealth({ state: status.state, ...(status.detail && { detail: status.detail }) });
  }

  private sendHealth(report: PrinterHealthReport): void {
    this.lastReported = report.state;
    this.socket.emit(PRINTER_HEALTH_EVENT, report, () => undefined);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.socket.close();
    await this.opts.transport.close();
  }
}
