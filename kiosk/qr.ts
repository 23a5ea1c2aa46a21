/**
 * The phone page's QR code as one SVG path, drawn from lean-qr's nano encoder (about 2 KB gzip):
 * runs of dark modules on a row become one rectangle each, so the path stays short.
 */
import { generate } from 'lean-qr/nano';

export interface QrPath {
  /** Modules per side, quiet zone included. */
  size: number;
  /** SVG path data in module units. */
  d: string;
}

/** The quiet zone the QR specification asks for, in modules. */
const QUIET = 4;

export function qrPath(text: string): QrPath {
  const code = generate(text);
  let d = '';
  for (let y = 0; y < code.size; y++) {
    let x = 0;
    while (x < code.size) {
      if (!code.get(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < code.size && code.get(x, y)) x++;
      d += `M${start + QUIET} ${y + QUIET}h${x - start}v1h-${x - start}z`;
    }
  }
  return { size: code.size + 2 * QUIET, d };
}
