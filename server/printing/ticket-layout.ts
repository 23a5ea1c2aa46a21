/**
 * What goes where on a printed ticket: the types of the printing API and a pure layout function.
 *
 * The layout is separate from the drawing so that it can be tested without a canvas (text is
 * measured through an injected function) and so that the geometry of both paper widths lives in
 * one table. `render.ts` draws the operations this file returns.
 */
import { formatLocalDate, formatLocalTime } from '../../shared/i18n/datetime.js';

/** Paper roll width in millimetres. */
export type PaperWidth = 80 | 58;

/** Everything printed on a ticket, already worded by the caller (except the fixed labels below). */
export interface PrintableTicket {
  officeName: string;
  /** "SỐ THỨ TỰ" */
  heading: string;
  /** The ticket number as shown everywhere else, e.g. "2005" or "A012". */
  number: string;
  serviceName: string;
  priority: boolean;
  /** Tickets ahead of this one in its queue. */
  ahead: number;
  /** e.g. "Đang cập nhật" or "khoảng 15 phút": worded by the caller, printed as is. */
  waitText: string;
  /** Epoch milliseconds. */
  issuedAt: number;
  /** IANA zone of the office, e.g. "Asia/Ho_Chi_Minh". Never the OS zone. */
  timeZone: string;
  /** Link to the phone page of this ticket, printed as a QR code. */
  phoneUrl: string;
  /** "Vui lòng chờ gọi số" */
  footer: string;
}

/** A rectangle in dots, origin at the top left of the ticket. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A 1-bit ticket image, ready for the raster encoder. */
export interface RenderedTicket {
  /** Dots: 576 (80 mm) or 384 (58 mm). A multiple of 8. */
  width: number;
  /** Dots, a multiple of 8 (raster commands and the encoder need whole bytes vertically too). */
  height: number;
  /** Rows of `width / 8` bytes, most significant bit = leftmost dot, 1 = black (burnt). */
  bits: Uint8Array;
  /** Where the big number was drawn (ink bounds plus a small margin), for OCR crops. */
  numberBox: Box;
  /** The same image as opaque black/white RGBA, the input the encoder and PNG writers take. */
  rgba(): { data: Uint8ClampedArray; width: number; height: number };
}

/** Fixed Vietnamese labels. The caller words the values; these frame them. */
export const TICKET_LABELS = {
  priority: 'Ưu tiên',
  ahead: 'Số người đang chờ trước bạn:',
  wait: 'Thời gian chờ dự kiến:',
} as const;

/** A font of the bundled family (see `fonts.ts`): weight and size in dots. */
export interface FontSpec {
  weight: 500 | 600 | 700 | 800;
  size: number;
}

/** Ink extent of a string, as `CanvasRenderingContext2D.measureText` reports it. */
export interface TextExtent {
  width: number;
  /** Distance from the baseline up to the highest ink (diacritics included). */
  ascent: number;
  /** Distance from the baseline down to the lowest ink. */
  descent: number;
}

/** Measures a string in a font; injected so the layout stays testable without a canvas. */
export type MeasureText = (text: string, font: FontSpec) => TextExtent;

/** One thing to draw, in dots. Text `y` is the baseline. */
export type DrawOp =
  | {
      kind: 'text';
      text: string;
      font: FontSpec;
      x: number;
      y: number;
      align: 'center' | 'left';
    }
  | { kind: 'rect'; box: Box }
  | { kind: 'qr'; x: number; y: number; moduleSize: number; quietModules: number };

/** The layout of one ticket. */
export interface TicketLayout {
  width: number;
  height: number;
  ops: DrawOp[];
  numberBox: Box;
  /** The QR symbol's side including its quiet zone, in dots. */
  qrSide: number;
}

/** Per-paper geometry. Sizes are dots at 203 dpi (8 dots per mm). */
interface PaperGeometry {
  dots: number;
  margin: number;
  office: FontSpec;
  heading: FontSpec;
  /** The big number is fitted to the content width, but never taller (ink) than this. */
  numberMaxInk: number;
  service: FontSpec;
  priority: FontSpec;
  body: FontSpec;
  footer: FontSpec;
  /** Smallest size a wrapped block may shrink to before it is allowed more lines. */
  minWrapSize: number;
  /** QR module size range: the largest that fits `qrMaxSide` is used. */
  qrModule: { min: number; max: number };
  qrMaxSide: number;
  rule: number;
}

/**
 * 80 mm: 576 dots, 48 columns. 58 mm: 384 dots, 32 columns. Fonts are semi-bold or heavier because
 * thin strokes of a regular weight break up on worn thermal heads. QR modules of 6–8 dots (0.75–1 mm)
 * on 80 mm scan from arm's length; 58 mm gets 4–5 dots (0.5–0.6 mm), still fine for a phone camera.
 */
export const PAPER: Readonly<Record<PaperWidth, PaperGeometry>> = {
  80: {
    dots: 576,
    margin: 16,
    office: { weight: 600, size: 26 },
    heading: { weight: 700, size: 36 },
    numberMaxInk: 210,
    service: { weight: 700, size: 36 },
    priority: { weight: 700, size: 32 },
    body: { weight: 600, size: 25 },
    footer: { weight: 700, size: 28 },
    minWrapSize: 20,
    qrModule: { min: 6, max: 8 },
    qrMaxSide: 340,
    rule: 3,
  },
  58: {
    dots: 384,
    margin: 8,
    office: { weight: 600, size: 21 },
    heading: { weight: 700, size: 28 },
    numberMaxInk: 150,
    service: { weight: 700, size: 28 },
    priority: { weight: 700, size: 24 },
    body: { weight: 600, size: 20 },
    footer: { weight: 700, size: 22 },
    minWrapSize: 17,
    qrModule: { min: 4, max: 5 },
    qrMaxSide: 240,
    rule: 2,
  },
};

/** The quiet zone the QR specification asks for, in modules on each side. */
export const QR_QUIET_MODULES = 4;

/** Line pitch and baseline offset of a text line, as a ratio of the font size (room for "Ỗ"). */
const LINE_PITCH = 1.42;
const BASELINE = 1.08;

/** NFC: the kiosk, the database and the caller may hand us NFD ("Hộ" as o + ̣ + ̂). */
function nfc(text: string): string {
  return text.normalize('NFC').trim();
}

/** "1.234": Vietnamese thousands separator, by hand so the OS locale never decides. */
export function formatCount(n: number): string {
  const digits = String(Math.max(0, Math.trunc(n)));
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * Greedy word wrap to `maxWidth`. A single word wider than the line (a long code, a URL) is broken
 * between characters rather than overflowing the paper.
 */
export function wrapText(text: string, font: FontSpec, maxWidth: number, measure: MeasureText): string[] {
  const words = text.split(/\s+/u).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  const fits = (s: string): boolean => measure(s, font).width <= maxWidth;
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    if (fits(word)) {
      line = word;
      continue;
    }
    // Break an over-long word by grapheme-ish units (code points; combining marks stay after NFC).
    let piece = '';
    for (const ch of Array.from(word)) {
      if (piece && !fits(piece + ch)) {
        lines.push(piece);
        piece = ch;
      } else {
        piece += ch;
      }
    }
    line = piece;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Wraps `text`, shrinking the font step by step (down to `minSize`) until it fits `maxLines`.
 * Past that it keeps the smallest size and lets the block grow: a longer ticket beats a cut name.
 */
function wrapFitting(
  text: string,
  font: FontSpec,
  maxWidth: number,
  maxLines: number,
  minSize: number,
  measure: MeasureText,
): { lines: string[]; font: FontSpec } {
  let size = font.size;
  for (;;) {
    const f: FontSpec = { weight: font.weight, size };
    const lines = wrapText(text, f, maxWidth, measure);
    if (lines.length <= maxLines || size <= minSize) return { lines, font: f };
    size = Math.max(minSize, size - 2);
  }
}

/** Rounds up to a multiple of 8: raster rows are sent in whole bytes of 8 dots. */
export function roundUp8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/**
 * The QR module size for a symbol of `modules` modules per side: the largest in the paper's range
 * that keeps the symbol and its quiet zone within `qrMaxSide`; if even the smallest does not fit
 * there, the smallest as long as it fits the paper. Throws when the URL is too long to print
 * scannably (a caller bug: phone URLs are short).
 */
export function qrModuleSize(modules: number, paper: PaperWidth): number {
  const g = PAPER[paper];
  const total = modules + 2 * QR_QUIET_MODULES;
  const best = Math.min(g.qrModule.max, Math.floor(g.qrMaxSide / total));
  if (best >= g.qrModule.min) return best;
  if (total * g.qrModule.min <= g.dots - 2 * g.margin) return g.qrModule.min;
  throw new RangeError(`QR of ${modules} modules does not fit ${paper} mm paper: shorten phoneUrl`);
}

/**
 * Lays out a ticket: office name, rule, heading, the number as large as the paper allows, service,
 * priority mark, people ahead, expected wait, date and time in the office zone, QR, footer.
 *
 * @param qrModules modules per side of the QR symbol of `ticket.phoneUrl` (from the QR encoder).
 */
export function layoutTicket(
  ticket: PrintableTicket,
  paper: PaperWidth,
  measure: MeasureText,
  qrModules: number,
): TicketLayout {
  const g = PAPER[paper];
  const width = g.dots;
  const content = width - 2 * g.margin;
  const center = width / 2;
  const ops: DrawOp[] = [];
  let y = g.margin;

  const lineHeight = (f: FontSpec): number => Math.ceil(f.size * LINE_PITCH);
  const centred = (lines: readonly string[], font: FontSpec): void => {
    for (const text of lines) {
      ops.push({
        kind: 'text',
        text,
        font,
        x: center,
        y: y + Math.round(font.size * BASELINE),
        align: 'center',
      });
      y += lineHeight(font);
    }
  };
  const block = (text: string, font: FontSpec, maxLines: number): void => {
    const fitted = wrapFitting(nfc(text), font, content, maxLines, g.minWrapSize, measure);
    centred(fitted.lines, fitted.font);
  };
  // "Label: value" on one line if it fits (shrinking a little), else the label over the value,
  // so a value such as "khoảng 15 phút" is never split across lines.
  const labelled = (label: string, value: string): void => {
    const text = `${nfc(label)} ${nfc(value)}`;
    for (let size = g.body.size; size >= g.minWrapSize; size -= 1) {
      const font: FontSpec = { weight: g.body.weight, size };
      if (measure(text, font).width <= content) return centred([text], font);
    }
    block(label, g.body, 2);
    block(value, g.body, 2);
  };

  block(ticket.officeName, g.office, 3);
  y += 6;
  ops.push({ kind: 'rect', box: { x: g.margin, y, w: content, h: g.rule } });
  y += g.rule + 14;

  block(ticket.heading, g.heading, 2);

  // The number: fit the ink to the content width and the paper's maximum height.
  const number = nfc(ticket.number);
  const probeFont: FontSpec = { weight: 800, size: 100 };
  const probe = measure(number, probeFont);
  const probeInk = Math.max(1, probe.ascent + probe.descent);
  // A little air on the sides: digits touching the paper edge look cut off.
  const numberWidth = content - 2 * g.margin;
  const size = Math.max(
    8,
    Math.floor(Math.min((100 * numberWidth) / Math.max(1, probe.width), (100 * g.numberMaxInk) / probeInk)),
  );
  const numberFont: FontSpec = { weight: 800, size };
  const ink = measure(number, numberFont);
  y += 10;
  const baseline = y + Math.ceil(ink.ascent);
  ops.push({ kind: 'text', text: number, font: numberFont, x: center, y: baseline, align: 'center' });
  const pad = 10;
  const numberBox = clampBox(
    {
      x: Math.floor(center - ink.width / 2) - pad,
      y: Math.floor(baseline - ink.ascent) - pad,
      w: Math.ceil(ink.width) + 2 * pad,
      h: Math.ceil(ink.ascent + ink.descent) + 2 * pad,
    },
    width,
  );
  y = baseline + Math.ceil(ink.descent) + 22;

  block(ticket.serviceName, g.service, 3);

  if (ticket.priority) {
    // Large bold label between two thick bars: stands out across the room, and (unlike a frame or
    // white-on-black, which we tried) OCR and screen readers of a scanned ticket still read it.
    const label = measure(TICKET_LABELS.priority, g.priority);
    const bar = paper === 80 ? 6 : 4;
    const w = Math.min(content, Math.ceil(label.width) + 120);
    const x = Math.round(center - w / 2);
    y += 12;
    ops.push({ kind: 'rect', box: { x, y, w, h: bar } });
    y += bar + 8;
    centred([TICKET_LABELS.priority], g.priority);
    ops.push({ kind: 'rect', box: { x, y, w, h: bar } });
    y += bar + 6;
  }

  y += 10;
  labelled(TICKET_LABELS.ahead, formatCount(ticket.ahead));
  labelled(TICKET_LABELS.wait, ticket.waitText);
  const when = `${formatLocalDate(ticket.issuedAt, ticket.timeZone, 'vi')} ${formatLocalTime(ticket.issuedAt, ticket.timeZone)}`;
  block(when, g.body, 2);

  y += 10;
  const moduleSize = qrModuleSize(qrModules, paper);
  const qrSide = (qrModules + 2 * QR_QUIET_MODULES) * moduleSize;
  ops.push({
    kind: 'qr',
    x: Math.round(center - qrSide / 2),
    y,
    moduleSize,
    quietModules: QR_QUIET_MODULES,
  });
  y += qrSide + 4;

  block(ticket.footer, g.footer, 2);
  y += g.margin + 8;

  return { width, height: roundUp8(y), ops, numberBox, qrSide };
}

function clampBox(box: Box, width: number): Box {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  return { x, y, w: Math.min(width - x, box.w - (x - box.x)), h: box.h - (y - box.y) };
}
