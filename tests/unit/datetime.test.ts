import { describe, expect, it } from 'vitest';
import { formatLocalDate, formatLocalTime, localFields } from '../../shared/i18n/datetime.js';

const HCM = 'Asia/Ho_Chi_Minh';

describe('formatLocalDate / formatLocalTime', () => {
  it('composes "Thứ Hai, 30/11/2026" and "08:05" in the office zone', () => {
    const at = Date.UTC(2026, 10, 30, 1, 5); // 08:05 in Hanoi (UTC+7)
    expect(formatLocalDate(at, HCM, 'vi')).toBe('Thứ Hai, 30/11/2026');
    expect(formatLocalDate(at, HCM, 'en')).toBe('Monday, 30/11/2026');
    expect(formatLocalTime(at, HCM)).toBe('08:05');
  });

  it('uses the office date when the UTC date is still the day before', () => {
    // 2026-11-29 18:30 UTC is already Monday 30/11 01:30 in Hanoi.
    const at = Date.UTC(2026, 10, 29, 18, 30);
    expect(new Date(at).getUTCDate()).toBe(29);
    expect(formatLocalDate(at, HCM, 'vi')).toBe('Thứ Hai, 30/11/2026');
    expect(formatLocalTime(at, HCM)).toBe('01:30');
    // …and the same instant in UTC is Sunday the 29th: the zone argument decides, not the OS.
    expect(formatLocalDate(at, 'UTC', 'vi')).toBe('Chủ Nhật, 29/11/2026');
    expect(formatLocalDate(at, 'UTC', 'en')).toBe('Sunday, 29/11/2026');
  });

  it('names every weekday in Vietnamese and English', () => {
    const vi = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'];
    const en = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    for (let i = 0; i < 7; i++) {
      const at = Date.UTC(2026, 10, 30 + i, 3, 0); // Monday 30/11/2026 + i days
      expect(formatLocalDate(at, HCM, 'vi').split(',')[0]).toBe(vi[i]);
      expect(formatLocalDate(at, HCM, 'en').split(',')[0]).toBe(en[i]);
    }
  });

  it('pads day, month, hour and minute and uses a 24-hour clock with midnight as 00', () => {
    const at = Date.UTC(2027, 0, 4, 17, 0); // 00:00 on Tuesday 05/01/2027 in Hanoi
    expect(formatLocalDate(at, HCM, 'vi')).toBe('Thứ Ba, 05/01/2027');
    expect(formatLocalTime(at, HCM)).toBe('00:00');
    expect(formatLocalTime(Date.UTC(2026, 5, 1, 16, 59), HCM)).toBe('23:59');
    expect(formatLocalTime(Date.UTC(2026, 5, 1, 6, 7), HCM)).toBe('13:07');
  });

  it('returns NFC strings (precomposed letters), as the rest of the system stores them', () => {
    const text = formatLocalDate(Date.UTC(2026, 10, 30, 1), HCM, 'vi');
    expect(text).toBe(text.normalize('NFC'));
  });

  it('follows other zones, including half-hour offsets', () => {
    const at = Date.UTC(2026, 10, 30, 1, 5);
    expect(formatLocalTime(at, 'Asia/Kolkata')).toBe('06:35');
    expect(localFields(at, 'America/New_York')).toMatchObject({
      year: 2026,
      month: 11,
      day: 29,
      hour: 20,
      weekday: 0,
    });
  });

  it('rejects an unknown zone instead of silently using the OS zone', () => {
    expect(() => formatLocalTime(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
