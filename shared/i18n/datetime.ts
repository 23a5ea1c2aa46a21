/**
 * Office-local date and time strings composed by hand, for tickets, the kiosk and the display.
 *
 * Why by hand: `Intl.DateTimeFormat('vi-VN', { dateStyle: 'full' })` gives an order and wording that
 * nobody writes on a ticket ("Thứ Hai, 30 tháng 11, 2026"), and runtimes disagree on it. We only ask
 * Intl for the numeric fields in an explicit zone (`formatToParts`), never for the wording, and never
 * use the OS zone: kiosks and TVs often run in the wrong one.
 *
 * Isomorphic: no Node built-ins (the kiosk app imports this file).
 */

/** Languages the strings here exist in. */
export type DateLang = 'vi' | 'en';

/** Weekday names indexed like `Date#getUTCDay()` (0 = Sunday). */
const WEEKDAY_NAMES: Readonly<Record<DateLang, readonly string[]>> = {
  vi: ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** The numeric wall-clock fields of an instant in one zone. */
export interface LocalFields {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** One formatter per zone: building an `Intl.DateTimeFormat` costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // 'en-US' with numeric fields only: the digits are ASCII in every runtime; h23 avoids "24:05".
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The wall-clock fields of `epochMs` in `timeZone` (an IANA name such as `Asia/Ho_Chi_Minh`).
 * Throws a `RangeError` for a zone the runtime does not know.
 */
export function localFields(epochMs: number, timeZone: string): LocalFields {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  // `hour12: false` prints midnight as "24" in some ICU versions; h23 should not, but a ticket
  // must never read 24:05, so fold it back defensively.
  if (fields.hour === 24) fields.hour = 0;
  // The weekday follows from the local calendar date alone, so compute it instead of parsing a name.
  const weekday = new Date(Date.UTC(fields.year, fields.month - 1, fields.day)).getUTCDay();
  return { ...fields, weekday };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * "Thứ Hai, 30/11/2026" (vi) or "Monday, 30/11/2026" (en): weekday, then day/month/year as
 * Vietnamese forms write it, in the office zone.
 */
export function formatLocalDate(epochMs: number, timeZone: string, lang: DateLang): string {
  const f = localFields(epochMs, timeZone);
  const weekday = WEEKDAY_NAMES[lang][f.weekday] ?? '';
  return `${weekday}, ${pad2(f.day)}/${pad2(f.month)}/${f.year}`;
}

/** "08:05": 24-hour clock, zero-padded, in the office zone. */
export function formatLocalTime(epochMs: number, timeZone: string): string {
  const f = localFields(epochMs, timeZone);
  return `${pad2(f.hour)}:${pad2(f.minute)}`;
}
