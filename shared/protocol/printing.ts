/**
 * Printing as clients see it: how a kiosk's ticket printer is reached, its health, and what became
 * of a ticket's print job. The server-side printing code is in server/printing/.
 *
 * Printer modes of a kiosk:
 * - `none`: no printer; the kiosk shows the number and QR on screen only.
 * - `server`: the server prints to `url` itself (one office, printer on the LAN: `tcp://10.0.0.31:9100`).
 * - `agent`: a print agent on the kiosk PC (`npm run print-agent`) holds a socket to the server and
 *   prints on its own printer (central deployments: the server cannot reach the office LAN).
 * - `browser`: the kiosk page prints an 80 mm HTML ticket itself (Chromium `--kiosk-printing`);
 *   blind to paper state.
 */
import { Type, type Static } from 'typebox';
import { StringEnum } from './schema.js';

export const PRINTER_MODES = ['none', 'server', 'agent', 'browser'] as const;
export type PrinterMode = (typeof PRINTER_MODES)[number];

/** States from ESC/POS `DLE EOT` (see docs/printing.md); `no_reply` is its own state. */
export const PRINTER_STATES = [
  'ok',
  'near_end',
  'paper_end',
  'cover_open',
  'offline',
  'error',
  'no_reply',
  'unknown',
] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

/** States in which a job is not sent at all (the kiosk shows the ticket big on screen instead). */
export const BLOCKING_PRINTER_STATES: readonly PrinterState[] = [
  'paper_end',
  'cover_open',
  'offline',
  'error',
  'no_reply',
];

export const PrinterUrlSchema = Type.String({
  maxLength: 200,
  pattern: '^(tcp://[^\\s/]+(:\\d{1,5})?|usb:/dev/\\S+|serial:/dev/\\S+|serial:COM\\d+\\S*)$',
  description: 'tcp://host:9100, usb:/dev/usb/lp0, or serial:/dev/ttyUSB0?baud=115200',
});

export const PrinterSettingsSchema = Type.Object(
  {
    mode: StringEnum(PRINTER_MODES, 'none | server | agent | browser (see docs/printing.md)'),
    url: Type.Optional(PrinterUrlSchema),
    paper: Type.Union([Type.Literal(80), Type.Literal(58)], { description: 'Paper width in mm' }),
  },
  { additionalProperties: false, title: 'PrinterSettings' },
);
export type PrinterSettings = Static<typeof PrinterSettingsSchema>;

export const DEFAULT_PRINTER: PrinterSettings = { mode: 'none', paper: 80 };

export const PrinterHealthSchema = Type.Object(
  {
    state: StringEnum(PRINTER_STATES),
    checkedAt: Type.Integer({ minimum: 0, description: 'When the state was read (epoch ms)' }),
    detail: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { title: 'PrinterHealth' },
);
export type PrinterHealth = Static<typeof PrinterHealthSchema>;

/**
 * What became of a ticket's print job, in the issue response of a kiosk whose printer the server
 * drives (`server` or `agent`). `printed`: on paper (with `warning` on near end); `not_printed`:
 * nothing was sent (the printer was not ready) — show the ticket on screen; `failed`: the printer
 * stopped mid-ticket — show it on screen, staff can reprint the same number.
 */
export const PrintResultSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('printed'), Type.Literal('not_printed'), Type.Literal('failed')]),
    state: StringEnum(PRINTER_STATES),
    warning: Type.Optional(Type.Boolean({ description: 'Paper nearly out: printed, staff alerted' })),
  },
  { title: 'PrintResult' },
);
export type PrintResult = Static<typeof PrintResultSchema>;
