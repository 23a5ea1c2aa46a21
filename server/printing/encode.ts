/**
 * Rendered ticket → ESC/POS bytes, with `@point-of-sale/receipt-printer-encoder` (pure JS):
 * `ESC @` (reset), `FS .` (leave the Chinese double-byte mode many clones boot in), the image as
 * `GS v 0` raster chunks, then feed-and-cut. No printer text at all: see docs/decisions.md.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { PAPER } from './ticket-layout.js';
import type { PaperWidth, RenderedTicket } from './ticket-layout.js';

/** Options of {@link encodeTicket}. */
export interface EncodeOptions {
  /**
   * Cut after the ticket (default true). Printers without a cutter (many 58 mm models) ignore the
   * command; pass false for them to feed the ticket past the tear bar instead.
   */
  cut?: boolean;
}

/**
 * `GS V 66 0`: feed to the cutting position, then partial cut. "Function B" rather than the
 * encoder's `cut()` (`GS V 1`, cut where the paper is now), because the cutter sits ~15 mm above the
 * head: a plain cut would need a guessed feed per model, and the encoder appends a line feed after
 * it that wastes paper on the next ticket. Partial: the ticket hangs on a tab instead of falling.
 */
const FEED_AND_PARTIAL_CUT = [0x1d, 0x56, 0x42, 0x00] as const;

/** `ESC d 5`: print and feed 5 lines, enough to clear the tear bar when there is no cutter. */
const FEED_PAST_TEAR_BAR = [0x1b, 0x64, 0x05] as const;

/**
 * Encodes a rendered ticket for an ESC/POS printer. Pure: the same image gives the same bytes.
 * Throws if the image is not the paper's width or not a multiple of 8 dots high.
 */
export function encodeTicket(
  rendered: RenderedTicket,
  paper: PaperWidth,
  opts: EncodeOptions = {},
): Uint8Array {
  const dots = PAPER[paper].dots;
  if (rendered.width !== dots) {
    throw new RangeError(`A ${paper} mm ticket is ${dots} dots wide, this image is ${rendered.width}`);
  }
  if (rendered.height % 8 !== 0 || rendered.height <= 0) {
    throw new RangeError(`Image height must be a positive multiple of 8, got ${rendered.height}`);
  }
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    // Columns of font A (12 dots): sets the printable width to the full paper, so `image()` never
    // rescales our 1-bit image (a rescale would blur it).
    columns: dots / 12,
    imageMode: 'raster',
    feedAfterBlock: false,
    newline: '\n',
  });
  const image = rendered.rgba();
  encoder.initialize().image(image, {
    width: rendered.width,
    height: rendered.height,
    algorithm: 'threshold',
    threshold: 128,
    mode: 'raster',
  });
  encoder.raw(opts.cut === false ? [...FEED_PAST_TEAR_BAR] : [...FEED_AND_PARTIAL_CUT]);
  const bytes = encoder.encode();
  defuseRealtimeSequences(bytes);
  return bytes;
}

/** Second bytes of the real-time commands `DLE EOT`, `DLE ENQ` and `DLE DC4`. */
const REALTIME_SECOND_BYTES = new Set([0x04, 0x05, 0x14]);

/**
 * Printers act on real-time commands wherever the bytes appear, even inside image data: a raster
 * row that happens to contain `10 04 01` makes the printer send a status byte nobody asked for (and
 * our next status query would read it), `10 14 …` can pulse the drawer or clear the buffer. So in
 * every `GS v 0` payload, a 0x10 followed by 0x04, 0x05 or 0x14 becomes 0x00: one dot turns white,
 * which nobody can see, and no new 0x10 can appear. Rare (none in the sample tickets) but free.
 *
 * @returns how many dots were changed (for tests).
 */
export function defuseRealtimeSequences(bytes: Uint8Array): number {
  let changed = 0;
  let i = 0;
  while (i + 8 <= bytes.length) {
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30) {
      const widthBytes = (bytes[i + 4] ?? 0) + 256 * (bytes[i + 5] ?? 0);
      const rows = (bytes[i + 6] ?? 0) + 256 * (bytes[i + 7] ?? 0);
      const start = i + 8;
      const end = Math.min(bytes.length, start + widthBytes * rows);
      for (let k = start; k < end; k++) {
        if (bytes[k] === 0x10 && REALTIME_SECOND_BYTES.has(bytes[k + 1] ?? -1)) {
          bytes[k] = 0x00;
          changed++;
        }
      }
      i = end;
    } else {
      i++;
    }
  }
  return changed;
}
