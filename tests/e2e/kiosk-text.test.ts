/**
 * The kiosk's strings (shared/i18n/kiosk.ts) and the small pure helpers of the app, without a
 * browser: both languages complete and in NFC, printer wording per state, dates composed by hand
 * in the office's zone, accent folding.
 */
import { describe, expect, it } from 'vitest';
import { formatCount, KIOSK_TEXT, printerProblem, PRIORITY_REASONS } from '../../shared/i18n/kiosk.js';
import { foldAccents, nfc } from '../../shared/i18n/text.js';
import { PRINTER_STATES } from '../../shared/protocol/printing.js';
import { formatOpening } from '../../kiosk/format.js';
import { menuItems, nameIn, nextBusinessDayOpening } from '../../kiosk/menu.js';
import { publicOffice } from '../../server/routes/offices.js';
import { TestClock } from '../helpers/clock.js';
import { testOffice } from '../helpers/office.js';

/** Every string of a strings object, functions called with sample arguments, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return [0, 1, 1234].flatMap((n) => strings(fn(n, 2, 'x'), `${path}(${n})`));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

describe('kiosk strings', () => {
  it('has the same keys in Vietnamese and English, every string non-empty and in NFC', () => {
    const vi = strings(KIOSK_TEXT.vi);
    const en = strings(KIOSK_TEXT.en);
    expect(en.map(([path]) => path)).toEqual(vi.map(([path]) => path));
    for (const [path, text] of [...vi, ...en]) {
      expect(text.trim(), path).not.toBe('');
      expect(text.normalize('NFC'), path).toBe(text);
    }
    expect(Object.keys(KIOSK_TEXT.vi.reasons)).toEqual([...PRIORITY_REASONS]);
  });

  it('uses the wording of the brief', () => {
    const t = KIOSK_TEXT.vi;
    expect(t.priorityQuestion).toBe('Tôi thuộc diện ưu tiên?');
    expect(t.idleQuestion).toBe('Bạn cần thêm thời gian?');
    expect(t.offline).toBe('Mất kết nối – đang kết nối lại…');
    expect(t.reconnecting).toBe('Đang kết nối lại…');
    expect(t.waitUpdating).toBe('Đang cập nhật');
    expect(t.largeText).toBe('A+ Chữ lớn');
    expect(t.setup.title).toBe('Thiết lập kiosk');
    expect(t.printer.paper_end).toBe('Máy in hết giấy — vui lòng chụp màn hình hoặc quét mã QR');
  });

  it('words a printer that did not print by its state', () => {
    expect(printerProblem('not_printed', 'paper_end')).toBe('paper_end');
    expect(printerProblem('failed', 'cover_open')).toBe('cover_open');
    expect(printerProblem('failed', 'ok')).toBe('failed');
    for (const state of PRINTER_STATES) {
      if (state !== 'paper_end' && state !== 'cover_open') {
        expect(printerProblem('not_printed', state)).toBe('offline');
      }
    }
    expect(KIOSK_TEXT.vi.printer.offline).toContain('Máy in không hoạt động');
  });

  it('formats counts and next openings by hand, in the office zone', () => {
    expect(formatCount(1234, 'vi')).toBe('1.234');
    expect(formatCount(1234, 'en')).toBe('1,234');
    expect(KIOSK_TEXT.vi.ahead(1234)).toBe('1.234 người');
    const at = TestClock.vn('2026-11-30T07:30');
    expect(formatOpening(at, 'Asia/Ho_Chi_Minh', 'vi')).toBe('Thứ Hai, 30/11/2026 lúc 07:30');
    expect(formatOpening(at, 'Asia/Ho_Chi_Minh', 'en')).toBe('Monday, 30/11/2026 at 07:30');
  });

  it('folds accents for matching and composes decomposed names', () => {
    expect(foldAccents('Đất đai – Nông nghiệp')).toBe('dat dai – nong nghiep');
    expect(foldAccents('CHỨNG THỰC'.normalize('NFD'))).toBe('chung thuc');
    expect(nfc('Hộ tịch'.normalize('NFD'))).toBe('Hộ tịch'.normalize('NFC'));
    expect(nameIn({ vi: 'Hộ tịch'.normalize('NFD'), en: '' }, 'en')).toBe('Hộ tịch'.normalize('NFC'));
  });
});

describe('kiosk menu', () => {
  it('puts grouped services behind one tile, at the place of the group’s first service', () => {
    const base = testOffice();
    const office = publicOffice(
      {
        ...base,
        serviceGroups: [{ id: 'g', name: { vi: 'Nhóm', en: 'Group' } }],
        services: base.services.map((s) => (s.id === 'civ' ? s : { ...s, groupId: 'g' })),
      },
      TestClock.vn('2026-11-30T09:00'),
    );
    expect(menuItems(office).map((i) => (i.kind === 'group' ? `group:${i.group.id}` : i.service.id))).toEqual(
      ['civ', 'group:g'],
    );
    expect(menuItems(office, 'g').map((i) => (i.kind === 'service' ? i.service.id : ''))).toEqual([
      'cert',
      'land',
    ]);
  });

  it('knows when a capped service issues again: the next business day’s first session', () => {
    const office = publicOffice(testOffice(), TestClock.vn('2026-12-23T15:00'));
    // Thursday 24 December is a holiday of the test office.
    expect(nextBusinessDayOpening(office)).toBe(TestClock.vn('2026-12-25T07:30'));
  });
});
