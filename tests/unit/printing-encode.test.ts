/**
 * Structural checks of the ESC/POS bytes with our own small walker (independent of the encoder):
 * reset first, every raster row the paper's width, the raster bits are the rendered bits, cut last.
 */
import { describe, expect, it } from 'vitest';
import { defuseRealtimeSequences, encodeTicket } from '../../server/printing/encode.js';
import { renderTicket, bitsToRgba } from '../../server/printing/render.js';
import type { RenderedTicket } from '../../server/printing/ticket-layout.js';
import { SAMPLE_TICKET } from '../helpers/sample-ticket.js';

interface RasterBlock {
  offset: number;
  mode: number;
  widthBytes: number;
  rows: number;
  data: Uint8Array;
}

/** Finds every `GS v 0 m xL xH yL yH d…` block, skipping over each block's data. */
function rasterBlocks(bytes: Uint8Array): { blocks: RasterBlock[]; outside: number[] } {
  const blocks: RasterBlock[] = [];
  const outside: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30) {
      const widthBytes = (bytes[i + 4] ?? 0) + 256 * (bytes[i + 5] ?? 0);
      const rows = (bytes[i + 6] ?? 0) + 256 * (bytes[i + 7] ?? 0);
      const data = bytes.subarray(i + 8, i + 8 + widthBytes * rows);
      blocks.push({ offset: i, mode: bytes[i + 3] ?? -1, widthBytes, rows, data });
      i += 8 + widthBytes * rows;
    } else {
      outside.push(bytes[i] ?? -1);
      i++;
    }
  }
  return { blocks, outside };
}

const hex = (bytes: Iterable<number>): string =>
  [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

describe('encodeTicket', () => {
  for (const [paper, widthBytes] of [
    [80, 72],
    [58, 48],
  ] as const) {
    describe(`${paper} mm`, () => {
      const rendered = renderTicket(SAMPLE_TICKET, paper);
      const bytes = encodeTicket(rendered, paper);
      const { blocks, outside } = rasterBlocks(bytes);

      it('starts with ESC @ and leaves the Chinese double-byte mode (FS .)', () => {
        expect(hex(bytes.subarray(0, 4))).toBe('1b 40 1c 2e');
      });

      it(`sends the image as GS v 0 blocks of ${widthBytes} bytes per row, normal density`, () => {
        expect(blocks.length).toBeGreaterThan(0);
        for (const block of blocks) {
          expect(block.widthBytes).toBe(widthBytes);
          expect(block.mode).toBe(0);
          expect(block.rows).toBeGreaterThan(0);
          expect(block.rows).toBeLessThanOrEqual(255);
          expect(block.data.length).toBe(widthBytes * block.rows);
        }
        expect(blocks.reduce((sum, b) => sum + b.rows, 0)).toBe(rendered.height);
      });

      it('carries exactly the rendered bits (no rescale, no dithering)', () => {
        const raster = Buffer.concat(blocks.map((b) => b.data));
        expect(raster.equals(Buffer.from(rendered.bits))).toBe(true);
      });

      it('sends no text, only commands around the image, and ends with feed-and-cut (GS V 66 0)', () => {
        expect(hex(outside)).toBe('1b 40 1c 2e 1b 4d 00 1d 56 42 00');
        expect(hex(bytes.subarray(bytes.length - 4))).toBe('1d 56 42 00');
      });

      it('is about 70 KB or less (raster dominates)', () => {
        expect(bytes.length).toBeLessThan(paper === 80 ? 80_000 : 40_000);
      });
    });
  }

  it('without a cutter, feeds past the tear bar instead of cutting', () => {
    const bytes = encodeTicket(renderTicket(SAMPLE_TICKET, 58), 58, { cut: false });
    expect(hex(bytes.subarray(bytes.length - 3))).toBe('1b 64 05');
    expect(hex(bytes)).not.toContain('1d 56');
  });

  it('refuses an image of the wrong width or a height that is not a multiple of 8', () => {
    const r = renderTicket(SAMPLE_TICKET, 58);
    expect(() => encodeTicket(r, 80)).toThrow(/576 dots/);
    const odd: RenderedTicket = { ...r, height: r.height - 3 };
    expect(() => encodeTicket(odd, 58)).toThrow(/multiple of 8/);
  });
});

describe('real-time command sequences inside raster data', () => {
  /** A 384×8 image whose first row holds the bytes 10 04 01 (DLE EOT 1) and 10 14 02 (DLE DC4). */
  function trap(): RenderedTicket {
    const width = 384;
    const height = 8;
    const bits = new Uint8Array((width / 8) * height);
    bits.set([0x10, 0x04, 0x01, 0x10, 0x14, 0x02, 0x10, 0x20], 0);
    return {
      width,
      height,
      bits,
      numberBox: { x: 0, y: 0, w: 1, h: 1 },
      rgba: () => bitsToRgba(bits, width, height),
    };
  }

  it('are defused by whitening one dot, so the printer never sees DLE EOT / DLE DC4 in the image', () => {
    const bytes = encodeTicket(trap(), 58);
    const { blocks } = rasterBlocks(bytes);
    const data = blocks[0]?.data ?? new Uint8Array();
    expect(hex(data.subarray(0, 8))).toBe('00 04 01 00 14 02 10 20');
    expect(hex(bytes)).not.toMatch(/10 04 0[1-4]|10 14/);
  });

  it('reports how many dots it changed, and leaves other data alone', () => {
    const bytes = Uint8Array.of(0x10, 0x04, 0x01, 0x1d, 0x76, 0x30, 0, 1, 0, 3, 0, 0x10, 0x05, 0x10);
    expect(defuseRealtimeSequences(bytes)).toBe(1);
    // Outside a raster block nothing is touched; inside, 10 05 (DLE ENQ) is defused, a lone 10 is not.
    expect(hex(bytes)).toBe('10 04 01 1d 76 30 00 01 00 03 00 00 05 10');
  });
});
