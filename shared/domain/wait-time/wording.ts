/**
 * How an estimate is shown (../shared/brief/wait-time.md, "Showing it"): a promise citizens judge
 * us by, so rounded to 5 minutes and given as a range, never "0 minutes" to someone still waiting,
 * honest about lunch and about the end of the day. And how a display refreshes it without
 * flickering: up at once (bad news must not lag), down slowly, and small changes not at all.
 */
import { localTime } from '../calendar.js';
import type { OfficeConfig } from '../types.js';
import { sessionWindows } from './day.js';
import type { TicketEta } from './types.js';

/** A superset of the API's WaitEstimate ({ minutes, low?, high?, text }). */
export interface WaitDisplay {
  /** The central figure (median, else the deterministic pass), rounded to 5 minutes, at least 5. */
  minutes: number;
  /** The p10–p90 range rounded to 5 minutes, at least 5 wide (absent without Monte Carlo passes). */
  low?: number;
  high?: number;
  text: { vi: string; en: string };
  /** P(not today) > 0.5, or no pass called it. */
  notToday: boolean;
  /** The ETA lies past a session that has not opened yet: that opening, local `HH:MM`. */
  afterLunch?: string;
}

const MINUTE = 60_000;
const STEP = 5;
/** Display smoothing: how fast a shown figure may fall (minutes per minute), and the dead band. */
export const SMOOTH_LOWER_PER_MINUTE = 2;
export const SMOOTH_MIN_CHANGE = 2;

const round5 = (x: number): number => Math.round(x / STEP) * STEP;

const NOT_TODAY = { vi: 'có thể không kịp trong hôm nay', en: 'may not be served today' };
const UNDER_5 = { vi: 'dưới 5 phút', en: 'under 5 min' };

/**
 * The shown form of an ETA at `now`. Rules, first match wins:
 * 1. P(not today) > 0.5 (or never called): "có thể không kịp trong hôm nay"; `minutes` is then the
 *    central figure if any, else the time left until today's last close (at least 5).
 * 2. The ETA falls after a session that opens later today (lunch; before opening, the first one):
 *    "dự kiến sau 13:30" with that session's configured opening.
 * 3. The upper end (p90, else the central figure) under 5 minutes: "dưới 5 phút".
 * 4. "khoảng 15–25 phút" (p10–p90, the low end at least 5), or "khoảng 15 phút" without a range.
 *
 * @example
 *   describeWait({ id: 't', expected: 18, median: 19, p10: 13, p90: 27, pNotToday: 0 }, office, now).text.vi
 *   // 'khoảng 15–25 phút'
 */
export function describeWait(eta: TicketEta, office: OfficeConfig, now: number): WaitDisplay {
  const central = eta.median ?? eta.expected;
  const windows = sessionWindows(office, localTime(now, office.timeZone).date);
  if (central === null || eta.pNotToday > 0.5) {
    const close = windows[windows.length - 1]?.close ?? now;
    const minutes = central ?? Math.ceil((close - now) / MINUTE / STEP) * STEP;
    return { minutes: Math.max(STEP, round5(minutes)), text: { ...NOT_TODAY }, notToday: true };
  }

  const minutes = Math.max(STEP, round5(central));
  const out: WaitDisplay = { minutes, text: { vi: '', en: '' }, notToday: false };
  let top = central;
  if (eta.p10 !== null && eta.p90 !== null) {
    const low = Math.max(STEP, round5(eta.p10));
    const high = Math.max(round5(eta.p90), low + STEP);
    out.low = low;
    out.high = high;
    out.minutes = Math.min(high, Math.max(low, minutes));
    top = eta.p90;
  }

  const callAt = now + central * MINUTE;
  let after: string | undefined;
  for (const w of windows) if (w.open > now && w.open <= callAt) after = w.openClock;
  if (after !== undefined) {
    out.afterLunch = after;
    out.text = { vi: `dự kiến sau ${after}`, en: `expected after ${after}` };
  } else if (top < STEP) {
    delete out.low;
    delete out.high;
    out.minutes = STEP;
    out.text = { ...UNDER_5 };
  } else if (out.low !== undefined && out.high !== undefined) {
    out.text = { vi: `khoảng ${out.low}–${out.high} phút`, en: `about ${out.low}–${out.high} min` };
  } else {
    out.text = { vi: `khoảng ${minutes} phút`, en: `about ${minutes} min` };
  }
  return out;
}

/**
 * The figure a display shows after a refresh: `previous` is what it shows, set `elapsedMs` ago (the
 * time since it last *changed*, not since the last refresh, or slow lowering would never move);
 * `next` is the new estimate (minutes). Up at once; down by at most SMOOTH_LOWER_PER_MINUTE per
 * minute elapsed (2: the natural fall of 1 per minute, plus 1 to catch up); a change under
 * SMOOTH_MIN_CHANGE minutes either way is ignored.
 */
export function smoothDisplay(previous: number | undefined, next: number, elapsedMs: number): number {
  if (previous === undefined) return next;
  if (next >= previous) return next - previous >= SMOOTH_MIN_CHANGE ? next : previous;
  const floor = previous - (SMOOTH_LOWER_PER_MINUTE * Math.max(0, elapsedMs)) / MINUTE;
  const lowered = Math.max(next, floor);
  return previous - lowered >= SMOOTH_MIN_CHANGE ? lowered : previous;
}
