/**
 * What the header says about the office's hours: nothing while a session is open; "Tạm nghỉ trưa"
 * between two sessions of the same day (waiting tickets carry over to the afternoon); "Ngoài giờ
 * làm việc" otherwise. Decided from the public office alone (the server's `openNow`,
 * `businessDate` and `nextOpening`, re-read every minute), never from the TV's own clock.
 */
import { DISPLAY_TEXT as T } from '../shared/i18n/display.js';
import { formatLocalTime, localFields } from '../shared/i18n/datetime.js';
import type { PublicOffice } from '../shared/protocol/http.js';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const pad2 = (n: number) => String(n).padStart(2, '0');

export function officeStatus(office: PublicOffice): string | undefined {
  if (office.openNow) return undefined;
  if (office.nextOpening === undefined) return T.outOfHours;
  try {
    const tz = office.timeZone;
    const next = localFields(office.nextOpening, tz);
    const nextDate = `${next.year}-${pad2(next.month)}-${pad2(next.day)}`;
    if (nextDate !== office.businessDate) return T.outOfHours;
    // Reopening later today after an earlier session of today: the lunch break.
    const opensAt = formatLocalTime(office.nextOpening, tz);
    const today = office.sessions[WEEKDAYS[next.weekday] ?? 'mon'] ?? [];
    return today.some((s) => s.open < opensAt) ? T.lunchBreak : T.outOfHours;
  } catch {
    return T.outOfHours;
  }
}
