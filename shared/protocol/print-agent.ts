/**
 * The print agent's protocol: a kiosk PC runs `npm run print-agent`, which connects to the server
 * with the kiosk's device token (socket `auth: { token, printAgent: true }`) and stays connected.
 *
 * server → agent  `print:job` (PrintAgentJob, with an ack) → the agent prints with the same check →
 *                 print → check policy as the server and acks `{ ok: true, data: PrintAgentResult }`.
 * agent → server  `printer:health` (PrinterHealthReport, with an ack) every minute and whenever the
 *                 state changes.
 */
import type { PrinterHealth, PrinterState, PrintResult } from './printing.js';

export const PRINT_JOB_EVENT = 'print:job';
export const PRINTER_HEALTH_EVENT = 'printer:health';

export interface PrintAgentJob {
  ticketId: string;
  number: string;
  /** The ESC/POS bytes, rendered by the server (the agent only moves bytes and reads status). */
  bytes: Uint8Array;
}

export type PrintAgentResult = PrintResult;

export interface PrinterHealthReport {
  state: PrinterState;
  detail?: string;
}

/** The staff-facing live events about printers (not part of an office's seq'd event stream). */
export interface PrinterHealthEvent extends PrinterHealth {
  officeId: string;
  deviceId: string;
}

export interface PrintFailedEvent {
  officeId: string;
  deviceId: string;
  ticketId: string;
  number: string;
  result: PrintResult;
  at: number;
}
