/**
 * The printed ticket, read back by software nobody here wrote: `npos` decodes the ESC/POS bytes
 * into a bitmap, Debian's `tesseract` (vie) reads the text, `jsqr` decodes the QR code.
 * Assertions are on phrases (after NFC, whitespace, dash and case folding), never on golden bytes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQRModule from 'jsqr';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeTicket } from '../../server/printing/encode.js';
import { renderTicket } from '../../server/printing/render.js';
import { PAPER } from '../../server/printing/ticket-layout.js';
import type { PrintableTicket } from '../../server/printing/ticket-layout.js';
import { decodeWithNpos, dotsToPng, dotsToRgba } from '../helpers/escpos-decode.js';
import type { DecodedPrint } from '../helpers/escpos-decode.js';
import { SAMPLE_TICKET } from '../helpers/sample-ticket.js';
import { requireTool } from '../helpers/tools.js';

// jsqr is CommonJS with an ES-style `export default` in its types: the function is `.default`.
const jsQR = jsQRModule.default;
const tesseract = requireTool('tesseract', 'tesseract', 'apt-get install tesseract-ocr tesseract-ocr-vie');
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'luot-ocr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** NFC, one space for any whitespace run, one ASCII hyphen for any dash, lower case. */
function fold(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('vi');
}

async function ocr(png: Buffer, name: string, psm: number): Promise<string> {
  const file = join(dir, `${name}.png`);
  writeFileSync(file, png);
  const { stdout } = await run(tesseract ?? 'tesseract', [file, 'stdout', '-l', 'vie', '--psm', String(psm)]);
  return fold(stdout);
}

interface Case {
  name: string;
  paper: 80 | 58;
  ticket: PrintableTicket;
  phrases: string[];
}

const officeWords = ['trung tâm', 'phục vụ', 'hành chính công', 'phường phúc diễn'];
const common = ['số thứ tự', '30/11/2026', '08:05', 'vui lòng chờ gọi số', 'khoảng 15 phút'];
const cases: Case[] = [
  { name: 'sample-80', paper: 80, ticket: SAMPLE_TICKET, phrases: [...officeWords, ...common, 'chứng thực'] },
  { name: 'sample-58', paper: 58, ticket: SAMPLE_TICKET, phrases: [...officeWords, ...common, 'chứng thực'] },
  {
    // NFD input (as some keyboards and databases hand it over) and the priority mark.
    name: 'priority-nfd-58',
    paper: 58,
    ticket: { ...SAMPLE_TICKET, serviceName: 'Hộ tịch'.normalize('NFD'), priority: true, number: '1017' },
    phrases: [...officeWords, ...common, 'hộ tịch', 'ưu tiên'],
  },
];

describe.skipIf(!tesseract)('printed ticket read back (npos + tesseract + jsqr)', () => {
  for (const c of cases) {
    describe(c.name, () => {
      let print: DecodedPrint;
      let numberBox = { x: 0, y: 0, w: 0, h: 0 };

      it('decodes with npos: ESC @ first, raster rows of the paper width, cut last', async () => {
        const rendered = renderTicket(c.ticket, c.paper);
        numberBox = rendered.numberBox;
        print = await decodeWithNpos(encodeTicket(rendered, c.paper));
        expect(print.commands[0]).toBe('ESC@');
        expect(print.commands.at(-1)).toBe('GSV');
        expect(print.commands).toContain('GSv0');
        expect(print.commands.filter((cmd) => !['ESC@', 'FS.', 'ESCM', 'GSv0', 'GSV'].includes(cmd))).toEqual(
          [],
        );
        for (const block of print.rasterBlocks) expect(block.width).toBe(PAPER[c.paper].dots);
        expect(print.width).toBe(PAPER[c.paper].dots);
        expect(print.height).toBe(rendered.height);
      });

      it('reads back every phrase with OCR', async () => {
        // The text above and below the giant number, read separately (the giant digits throw off
        // tesseract's page layout analysis and it drops the neighbouring lines), upscaled 2×
        // (at the printer's 8 dots/mm it confuses small marks such as í and ỉ).
        const top = { x: 0, y: 0, w: print.width, h: numberBox.y };
        const below = numberBox.y + numberBox.h;
        const bottom = { x: 0, y: below, w: print.width, h: print.height - below };
        const text = [
          await ocr(dotsToPng(print, { region: top, scale: 2, border: 16 }), `${c.name}-top`, 4),
          await ocr(dotsToPng(print, { region: bottom, scale: 2, border: 16 }), `${c.name}-bottom`, 4),
        ].join(' ');
        for (const phrase of c.phrases) expect(text, `"${phrase}" in:\n${text}`).toContain(phrase);
      });

      it('reads the big number from a downscaled crop', async () => {
        const text = await ocr(
          dotsToPng(print, { region: numberBox, scale: 0.35, border: 24 }),
          `${c.name}-n`,
          7,
        );
        expect(text.replace(/\s/g, '')).toBe(c.ticket.number);
      });

      it('decodes the QR code to the exact phone URL', () => {
        const qr = jsQR(dotsToRgba(print), print.width, print.height);
        expect(qr?.data).toBe(c.ticket.phoneUrl);
      });
    });
  }
});
