/**
 * Draws a ticket with Skia (`@napi-rs/canvas`, whose binary ships inside its npm package) and
 * thresholds it to 1 bit. A bitmap, not printer text, because Vietnamese text modes differ per
 * firmware (see docs/decisions.md).
 */
import { createCanvas } from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { cssFont, ensureTicketFonts } from './fonts.js';
import { layoutTicket, PAPER } from './ticket-layout.js';
import type {
  DrawOp,
  FontSpec,
  MeasureText,
  PaperWidth,
  PrintableTicket,
  RenderedTicket,
} from './ticket-layout.js';

/**
 * Grey level below which a pixel burns. Text is anti-aliased by Skia; a plain threshold (no
 * dithering) keeps glyph edges solid instead of sprinkling dots around them.
 */
const THRESHOLD = 128;

/** Error correction M: survives a smudge or a fold, and keeps phone URLs at version 3–4. */
const QR_ERROR_LEVEL = 'M';

/**
 * Renders a ticket to a 1-bit image of the paper's full width (576 dots for 80 mm, 384 for 58 mm)
 * and a height rounded up to a multiple of 8. Text is NFC-normalised (the QR URL is encoded exactly
 * as given); date and time are composed in `ticket.timeZone`. Pure apart from the one-time font
 * registration. Takes ~10–50 ms.
 */
export function renderTicket(ticket: PrintableTicket, paper: PaperWidth): RenderedTicket {
  if (!(paper in PAPER)) throw new RangeError(`Unknown paper width ${String(paper)} (80 or 58)`);
  ensureTicketFonts();

  const qr = QRCode.create(ticket.phoneUrl, { errorCorrectionLevel: QR_ERROR_LEVEL });
  const scratch = createCanvas(8, 8).getContext('2d');
  const measure: MeasureText = (text, font) => {
    scratch.font = cssFont(font);
    const m = scratch.measureText(text);
    return { width: m.width, ascent: m.actualBoundingBoxAscent, descent: m.actualBoundingBoxDescent };
  };
  const layout = layoutTicket(ticket, paper, measure, qr.modules.size);

  const canvas = createCanvas(layout.width, layout.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  for (const op of layout.ops) draw(ctx, op, qr.modules);

  const rgba = ctx.getImageData(0, 0, layout.width, layout.height).data;
  const bits = threshold(rgba, layout.width, layout.height);
  return {
    width: layout.width,
    height: layout.height,
    bits,
    numberBox: layout.numberBox,
    rgba: () => bitsToRgba(bits, layout.width, layout.height),
  };
}

function setFont(ctx: SKRSContext2D, font: FontSpec): void {
  ctx.font = cssFont(font);
}

function draw(ctx: SKRSContext2D, op: DrawOp, modules: QRCode.BitMatrix): void {
  switch (op.kind) {
    case 'text':
      setFont(ctx, op.font);
      ctx.textAlign = op.align;
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(op.text, op.x, op.y);
      return;
    case 'rect':
      ctx.fillRect(op.box.x, op.box.y, op.box.w, op.box.h);
      return;
    case 'qr': {
      // Whole-dot squares only, so every module is crisp after thresholding.
      const size = modules.size;
      const origin = op.quietModules * op.moduleSize;
      for (let row = 0; row < size; row++) {
        for (let col = 0; col < size; col++) {
          if (modules.get(row, col)) {
            ctx.fillRect(
              op.x + origin + col * op.moduleSize,
              op.y + origin + row * op.moduleSize,
              op.moduleSize,
              op.moduleSize,
            );
          }
        }
      }
      return;
    }
  }
}

/** RGBA → packed 1-bit rows (MSB first, 1 = black) using luminance against {@link THRESHOLD}. */
export function threshold(rgba: Uint8ClampedArray, width: number, height: number): Uint8Array {
  const stride = width >> 3;
  const bits = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const r = rgba[i] ?? 255;
      const g = rgba[i + 1] ?? 255;
      const b = rgba[i + 2] ?? 255;
      const a = rgba[i + 3] ?? 255;
      // Transparent counts as paper (white).
      const lum = 255 - (a * (255 - (0.299 * r + 0.587 * g + 0.114 * b))) / 255;
      if (lum < THRESHOLD) {
        const k = y * stride + (x >> 3);
        bits[k] = (bits[k] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return bits;
}

/** Packed 1-bit rows → opaque RGBA (black 0, white 255). */
export function bitsToRgba(
  bits: Uint8Array,
  width: number,
  height: number,
): { data: Uint8ClampedArray; width: number; height: number } {
  const stride = width >> 3;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const black = ((bits[y * stride + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
      const v = black ? 0 : 255;
      const i = (y * width + x) * 4;
      data[i] = v;
      data[i + 1] = v;
      data[i + 2] = v;
      data[i + 3] = 255;
    }
  }
  return { data, width, height };
}
