/**
 * Printed tickets: render (Skia, bundled Be Vietnam Pro) → encode (ESC/POS raster) → print with the
 * status policy. The server and the print agent use only what is exported here.
 *
 * @example
 *   const transport = createTransport('tcp://192.168.1.50:9100'); // once per printer
 *   const bytes = encodeTicket(renderTicket(ticket, 80), 80);
 *   const outcome = await printTicketJob(transport, bytes);
 *   if (!outcome.printed) showOnScreenAndAlert(outcome); // failedMidway → mark "print failed"
 */
export { renderTicket } from './render.js';
export { encodeTicket } from './encode.js';
export type { EncodeOptions } from './encode.js';
export { TICKET_LABELS } from './ticket-layout.js';
export type { Box, PaperWidth, PrintableTicket, RenderedTicket } from './ticket-layout.js';
export { canPrint, statusFromReplies, statusRequest } from './status.js';
export type { PrinterState, PrinterStatus, StatusQuery } from './status.js';
export { createTransport, parsePrinterUrl, PrinterUrlError } from './transports.js';
export type { PrinterTransport, PrinterUrl, TransportOptions } from './transports.js';
export { checkPrinter, printTicketJob } from './printer.js';
export type { NotPrintedReason, PrintJobOptions, PrintOutcome } from './printer.js';
