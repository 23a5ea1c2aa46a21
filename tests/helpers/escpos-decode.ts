/**
 * Reads ESC/POS bytes back with software nobody on the team wrote: the `npos` parser (npm) splits
 * the stream into commands and decodes every `GS v 0` raster block into a bitmap. We only stack
 * the blocks it decoded and turn them into a PNG for OCR, QR decoding and human review.
 */
import { createRequire } from 'node:module';
import { createCanvas } from '@napi-rs/canvas';

/** The part of npos we use (it ships no types). */
interface NposBitmap {
  getWidth(): number;
  getHeight(): number;
  /** 0 = a burnt dot, 0xFF = paper. */
  getPixel(x: number, y: number): number | null;
}
interface NposNode {
  ascii: string;
  fn?: string;
  offset: number;
  length: number;
}
interface NposEntry {
  type: string;
  nodes: NposNode[];
  data: unknown;
}
interface NposAst {
  tree: NposNode[];
  entries: NposEntry[];
}
interface Npos {
  parser(): { parse(raw: Buffer): Promise<NposAst> };
}

const npos = createRequire(import.meta.url)('npos') as Npos;

/** What npos made of a print job. */
export interface DecodedPrint {
  /** Command names in order, e.g. ["ESC@", "FS.", "ESCM", "GSv0", …, "GSV"]. */
  commands: string[];
  /** Each raster block as npos decoded it: width in dots and rows. */
  rasterBlocks: { width: number; height: number }[];
  /** All raster blocks stacked top to bottom, 1 byte per dot: 1 = black. */
  width: number;
  height: number;
  dots: Uint8Array;
}

/** Parses `bytes` with npos and stacks the decoded raster bitmaps. */
export async function decodeWithNpos(bytes: Uint8Array): Promise<DecodedPrint> {
  const ast = await npos.parser().parse(Buffer.from(bytes));
  const commands = ast.tree.map((node) => node.ascii + (node.fn ?? ''));
  const bitmaps = ast.entries.filter((e) => e.type === 'raster').map((e) => e.data as NposBitmap);
  const width = Math.max(0, ...bitmaps.map((b) => b.getWidth()));
  const height = bitmaps.reduce((sum, b) => sum + b.getHeight(), 0);
  const dots = new Uint8Array(width * height);
  let top = 0;
  for (const bitmap of bitmaps) {
    for (let y = 0; y < bitmap.getHeight(); y++) {
      for (let x = 0; x < bitmap.getWidth(); x++) {
        if (bitmap.getPixel(x, y) === 0) dots[(top + y) * width + x] = 1;
      }
    }
    top += bitmap.getHeight();
  }
  const rasterBlocks = bitmaps.map((b) => ({ width: b.getWidth(), height: b.getHeight() }));
  return { commands, rasterBlocks, width, height, dots };
}

/** Black/white RGBA of a region of a decoded print (the whole print by default). */
export function dotsToRgba(
  print: Pick<DecodedPrint, 'width' | 'height' | 'dots'>,
  region = { x: 0, y: 0, w: print.width, h: print.height },
): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(region.w * region.h * 4);
  for (let y = 0; y < region.h; y++) {
    for (let x = 0; x < region.w; x++) {
      const v = print.dots[(region.y + y) * print.width + region.x + x] ? 0 : 255;
      const i = (y * region.w + x) * 4;
      rgba[i] = v;
      rgba[i + 1] = v;
      rgba[i + 2] = v;
      rgba[i + 3] = 255;
    }
  }
  return rgba;
}

/**
 * A PNG of a region, optionally scaled (smoothly) and with a white border: OCR reads the giant
 * number better from a downscaled crop with some margin.
 */
export function dotsToPng(
  print: Pick<DecodedPrint, 'width' | 'height' | 'dots'>,
  opts: { region?: { x: number; y: number; w: number; h: number }; scale?: number; border?: number } = {},
): Buffer {
  const region = opts.region ?? { x: 0, y: 0, w: print.width, h: print.height };
  const source = createCanvas(region.w, region.h);
  const sctx = source.getContext('2d');
  const image = sctx.createImageData(region.w, region.h);
  image.data.set(dotsToRgba(print, region));
  sctx.putImageData(image, 0, 0);
  const scale = opts.scale ?? 1;
  const border = opts.border ?? 0;
  const w = Math.round(region.w * scale);
  const h = Math.round(region.h * scale);
  const out = createCanvas(w + 2 * border, h + 2 * border);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, border, border, w, h);
  return out.toBuffer('image/png');
}
