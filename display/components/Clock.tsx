/**
 * The office's time and date, composed by hand in the office's zone (shared/i18n/datetime.ts) on
 * the server's clock: a TV box's own clock and zone are often wrong.
 */
import { formatLocalDate, formatLocalTime } from '../../shared/i18n/datetime.js';

export function Clock({ now, timeZone }: { now: number; timeZone: string }) {
  let time = '';
  let date = '';
  try {
    time = formatLocalTime(now, timeZone);
    date = formatLocalDate(now, timeZone, 'vi');
  } catch {
    // An unknown zone: no clock rather than a wrong one.
  }
  return (
    <div class="clock">
      <span class="clock-time">{time}</span>
      <span class="clock-date">{date}</span>
    </div>
  );
}
