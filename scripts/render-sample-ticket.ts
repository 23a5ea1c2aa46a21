/**
 * Writes docs/images/ticket-80mm.png and ticket-58mm.png: the sample ticket rendered, encoded to
 * ESC/POS, and decoded back by `npos` — the picture shows what the printer is sent, not what we
 * meant to draw.
 *
 *   npx tsx scripts/render-sample-ticket.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeTicket } from '../server/printing/encode.js';
import { renderTicket } from '../server/printing/render.js';
import { decodeWithNpos, dotsToPng } from '../tests/helpers/escpos-decode.js';
import { SAMPLE_TICKET } from '../tests/helpers/sample-ticket.js';

const out = fileURLToPath(new URL('../docs/images/', import.meta.url));
mkdirSync(out, { recursive: true });
for (const paper of [80, 58] as const) {
  const bytes = encodeTicket(renderTicket(SAMPLE_TICKET, paper), paper);
  const print = await decodeWithNpos(bytes);
  const file = `${out}ticket-${paper}mm.png`;
  writeFileSync(file, dotsToPng(print));
  console.log(`${file}: ${print.width}×${print.height} dots, ${bytes.length} bytes of ESC/POS`);
}
