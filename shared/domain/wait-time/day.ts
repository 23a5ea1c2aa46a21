/**
 * Today's sessions as instants: the replay lets counters call only inside them (a counter free at
 * 11:40 waits for 13:30), spreads expected arrivals over the kiosk's hours (open → cut-off), and
 * the wording names the session after lunch. Computed once per estimate, not per call.
 */
import { parseClock, WEEKDAYS, zonedTimeToEpoch } from '../calendar.js';
import type { OfficeConfig, Weekday } from '../types.js';

export interface SessionWindow {
  /** Epoch ms. Counters call from `open` until `close`; the kiosk issues from `open` until `cutoff`. */
  open: number;
  cutoff: number;
  close: number;
  /** Minutes since local midnight of `open` (arrival slots are 15-minute steps of the local day). */
  openMinutes: number;
  /** The session's opening as configured, `HH:MM` (what the wording shows). */
  openClock: string;
}

/** The 15-minute slot of the local day (0–95) the arrival profile is kept in. */
export const SLOT_MINUTES = 15;
export const SLOTS_PER_DAY = (24 * 60) / SLOT_MINUTES;

/** The weekday of a local date `YYYY-MM-DD` (calendar arithmetic, no zone involved). */
export function weekdayOf(date: string): Weekday {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()] ?? 'sun';
}

/** The sessions of `date` (none on a holiday), sorted by opening; malformed clocks are skipped. */
export function sessionWindows(office: OfficeConfig, date: string): SessionWindow[] {
  if (office.holidays.includes(date)) return [];
  const windows: SessionWindow[] = [];
  for (const s of office.sessions[weekdayOf(date)] ?? []) {
    const open = parseClock(s.open);
    const close = parseClock(s.close);
    const cutoff = parseClock(s.cutoff);
    if (!(open < close)) continue;
    const at = (minutes: number): number => zonedTimeToEpoch(date, minutes, office.timeZone);
    windows.push({
      open: at(open),
      close: at(close),
      // A cut-off outside the session (or malformed) means "issue until closing".
      cutoff: at(cutoff >= open && cutoff <= close ? cutoff : close),
      openMinutes: open,
      openClock: s.open,
    });
  }
  return windows.sort((a, b) => a.open - b.open);
}
