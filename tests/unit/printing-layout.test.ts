import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import {
  formatCount,
  layoutTicket,
  PAPER,
  qrModuleSize,
  QR_QUIET_MODULES,
  roundUp8,
  wrapText,
} from '../../server/printing/ticket-layout.js';
import type { DrawOp, FontSpec, MeasureText } from '../../server/printing/ticket-layout.js';
import { renderTicket } from '../../server/printing/render.js';
import { SAMPLE_TICKET } from '../helpers/sample-ticket.js';

/** A monospace stand-in for the canvas: every code point is 0.55 em wide, ink 0.75 em up, 0.2 down. */
const mono: MeasureText = (text: string, font: FontSpec) => ({
  width: Array.from(text).length * font.size * 0.55,
  ascent: font.size * 0.75,
  descent: font.size * 0.2,
});

const texts = (ops: DrawOp[]): string[] => ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []));
const qrSize = QRCode.create(SAMPLE_TICKET.phoneUrl, { errorCorrectionLevel: 'M' }).modules.size;

describe('wrapText', () => {
  const font: FontSpec = { weight: 600, size: 10 }; // 5.5 dots per character
  it('wraps on spaces and keeps every word', () => {
    const lines = wrapText('Trung tâm Phục vụ hành chính công', font, 60, mono);
    expect(lines.join(' ')).toBe('Trung tâm Phục vụ hành chính công');
    for (const line of lines) expect(mono(line, font).width).toBeLessThanOrEqual(60);
    expect(lines.length).toBeGreaterThan(1);
  });
  it('breaks a word longer than the line instead of overflowing the paper', () => {
    const lines = wrapText('ABCDEFGHIJKLMNOPQRSTUVWXYZ', font, 56, mono);
    expect(lines).toEqual(['ABCDEFGHIJ', 'KLMNOPQRST', 'UVWXYZ']);
  });
  it('collapses runs of whitespace and ignores empty text', () => {
    expect(wrapText('  a \n\t b  ', font, 1000, mono)).toEqual(['a b']);
    expect(wrapText('   ', font, 1000, mono)).toEqual([]);
  });
});

describe('formatCount', () => {
  it('uses the Vietnamese thousands dot', () => {
    expect(formatCount(7)).toBe('7');
    expect(formatCount(1234)).toBe('1.234');
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatCount(-3)).toBe('0');
  });
});

describe('qrModuleSize', () => {
  it('gives 6–8 dots per module on 80 mm and 4–5 on 58 mm for phone URLs', () => {
    for (const modules of [25, 29, 33, 37]) {
      const m80 = qrModuleSize(modules, 80);
      const m58 = qrModuleSize(modules, 58);
      expect(m80).toBeGreaterThanOrEqual(6);
      expect(m80).toBeLessThanOrEqual(8);
      expect(m58).toBeGreaterThanOrEqual(4);
      expect(m58).toBeLessThanOrEqual(5);
    }
  });
  it('refuses a symbol that cannot fit the paper at the smallest module', () => {
    expect(() => qrModuleSize(177, 58)).toThrow(/shorten phoneUrl/);
  });
});

describe('layoutTicket', () => {
  for (const paper of [80, 58] as const) {
    it(`${paper} mm: full paper width, height a multiple of 8, everything inside`, () => {
      const layout = layoutTicket(SAMPLE_TICKET, paper, mono, qrSize);
      expect(layout.width).toBe(PAPER[paper].dots);
      expect(layout.height % 8).toBe(0);
      for (const op of layout.ops) {
        if (op.kind === 'rect') {
          expect(op.box.x).toBeGreaterThanOrEqual(0);
          expect(op.box.x + op.box.w).toBeLessThanOrEqual(layout.width);
          expect(op.box.y + op.box.h).toBeLessThanOrEqual(layout.height);
        }
        if (op.kind === 'text') {
          expect(mono(op.text, op.font).width).toBeLessThanOrEqual(
            layout.width - 2 * PAPER[paper].margin + 0.001,
          );
          expect(op.y).toBeLessThan(layout.height);
        }
        if (op.kind === 'qr') {
          expect(op.quietModules).toBe(QR_QUIET_MODULES);
          expect(op.x).toBeGreaterThanOrEqual(0);
          expect(op.x + layout.qrSide).toBeLessThanOrEqual(layout.width);
          expect(op.y + layout.qrSide).toBeLessThanOrEqual(layout.height);
        }
      }
    });

    it(`${paper} mm: the number is the biggest text and fills most of the width`, () => {
      const layout = layoutTicket(SAMPLE_TICKET, paper, mono, qrSize);
      const number = layout.ops.find((op) => op.kind === 'text' && op.text === '2005');
      if (number?.kind !== 'text') throw new Error('number not drawn');
      const others = layout.ops.filter((op) => op.kind === 'text' && op !== number);
      for (const op of others) if (op.kind === 'text') expect(op.font.size).toBeLessThan(number.font.size);
      const content = layout.width - 2 * PAPER[paper].margin;
      const ink = mono('2005', number.font);
      expect(ink.width).toBeLessThanOrEqual(content);
      // Limited by the width or by the paper's maximum number height, whichever comes first.
      const fillsWidth = ink.width > 0.9 * content;
      const fillsHeight = ink.ascent + ink.descent > 0.9 * PAPER[paper].numberMaxInk;
      expect(fillsWidth || fillsHeight).toBe(true);
      expect(layout.numberBox.w).toBeGreaterThanOrEqual(ink.width);
      expect(layout.numberBox.h).toBeGreaterThanOrEqual(ink.ascent + ink.descent);
    });
  }

  it('prints the texts in ticket order, the date and time in the office zone', () => {
    const lines = texts(layoutTicket(SAMPLE_TICKET, 80, mono, qrSize).ops).join('\n');
    const order = [
      'Trung tâm',
      'SỐ THỨ TỰ',
      '2005',
      'Chứng thực',
      'Số người đang chờ trước bạn: 7',
      'Thời gian chờ dự kiến: khoảng 15 phút',
      'Thứ Hai, 30/11/2026 08:05',
      'Vui lòng chờ gọi số',
    ].map((s) => lines.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(lines).not.toContain('Ưu tiên');
  });

  it('adds the priority mark only for priority tickets', () => {
    const lines = texts(layoutTicket({ ...SAMPLE_TICKET, priority: true }, 58, mono, qrSize).ops);
    expect(lines).toContain('Ưu tiên');
  });

  it('normalises NFD input to NFC before measuring and drawing', () => {
    const nfd = {
      ...SAMPLE_TICKET,
      serviceName: 'Hộ tịch'.normalize('NFD'),
      heading: 'SỐ THỨ TỰ'.normalize('NFD'),
    };
    const lines = texts(layoutTicket(nfd, 80, mono, qrSize).ops);
    expect(lines).toContain('Hộ tịch'.normalize('NFC'));
    expect(lines).toContain('SỐ THỨ TỰ'.normalize('NFC'));
  });

  it('shrinks a long office name before giving it more lines, and never drops words', () => {
    const officeName = 'Trung tâm Phục vụ hành chính công phường Phúc Diễn quận Bắc Từ Liêm thành phố Hà Nội';
    const layout = layoutTicket({ ...SAMPLE_TICKET, officeName }, 58, mono, qrSize);
    const head = layout.ops.filter(
      (op) => op.kind === 'text' && op.font.weight === 600 && op.y < layout.numberBox.y,
    );
    expect(head.map((op) => (op.kind === 'text' ? op.text : '')).join(' ')).toBe(officeName);
  });
});

describe('renderTicket (Skia, bundled font)', () => {
  for (const paper of [80, 58] as const) {
    it(`${paper} mm: packed 1-bit rows, height multiple of 8, ink inside the number box`, () => {
      const r = renderTicket(SAMPLE_TICKET, paper);
      expect(r.width).toBe(PAPER[paper].dots);
      expect(r.height % 8).toBe(0);
      expect(r.bits.length).toBe((r.width / 8) * r.height);
      const black = (x: number, y: number): boolean =>
        ((r.bits[y * (r.width / 8) + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
      let inside = 0;
      const b = r.numberBox;
      for (let y = b.y; y < b.y + b.h; y++) for (let x = b.x; x < b.x + b.w; x++) if (black(x, y)) inside++;
      // Big bold digits: a good share of the box is ink.
      expect(inside / (b.w * b.h)).toBeGreaterThan(0.2);
      // The margins of the paper stay white.
      for (let y = 0; y < r.height; y++) expect(black(0, y)).toBe(false);
      expect(b.x + b.w).toBeLessThanOrEqual(r.width);
      expect(roundUp8(r.height)).toBe(r.height);
    });
  }

  it('rgba() is the same image as the bits, fully opaque black or white', () => {
    const r = renderTicket(SAMPLE_TICKET, 58);
    const { data, width, height } = r.rgba();
    expect([width, height]).toEqual([r.width, r.height]);
    let mismatches = 0;
    for (let i = 0; i < width * height; i++) {
      const x = i % width;
      const y = Math.floor(i / width);
      const bit = ((r.bits[y * (width / 8) + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
      const [red, green, blue, alpha] = [data[i * 4], data[i * 4 + 1], data[i * 4 + 2], data[i * 4 + 3]];
      const want = bit ? 0 : 255;
      if (red !== want || green !== want || blue !== want || alpha !== 255) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('draws NFD and NFC input identically', () => {
    const nfd = {
      ...SAMPLE_TICKET,
      officeName: SAMPLE_TICKET.officeName.normalize('NFD'),
      serviceName: SAMPLE_TICKET.serviceName.normalize('NFD'),
    };
    expect(
      Buffer.from(renderTicket(nfd, 80).bits).equals(Buffer.from(renderTicket(SAMPLE_TICKET, 80).bits)),
    ).toBe(true);
  });

  it('draws with the bundled font, not a system fallback', async () => {
    const { GlobalFonts } = await import('@napi-rs/canvas');
    const { TICKET_FONT_FAMILY } = await import('../../server/printing/fonts.js');
    renderTicket(SAMPLE_TICKET, 58);
    const family = GlobalFonts.families.find((f) => f.family === TICKET_FONT_FAMILY);
    expect(family?.styles.map((s) => s.weight).sort()).toEqual([500, 600, 700, 800]);
  });

  it('rejects an unknown paper width', () => {
    expect(() => renderTicket(SAMPLE_TICKET, 76 as 80)).toThrow(RangeError);
  });
});
