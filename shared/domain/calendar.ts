/**
 * Office time: business date, opening hours, cut-off, holidays, next opening. Pure functions of
 * (office, now); the zone is always explicit because kiosks and servers often run in the wrong one.
 */
import type { OfficeConfig, Session, Weekday } from './types.js';

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface LocalTime {
  /** `YYYY-MM-DD` */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function fieldsAt(ms: number, timeZone: string): Fields {
  const out: Fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type in out) out[part.type as keyof Fields] = Number(part.value);
  }
  return out;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The office-local date, weekday and minute of day at `ms`, from the zone database. */
function zoneLocalTime(ms: number, timeZone: string): LocalTime {
  const f = fieldsAt(ms, timeZone);
  const weekdayIndex = new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay();
  return {
    date: `${f.year}-${pad2(f.month)}-${pad2(f.day)}`,
    weekday: WEEKDAYS[weekdayIndex] ?? 'sun',
    minutes: f.hour * 60 + f.minute,
  };
}

/** The office-local date, weekday and minute of day at `ms`. */
export function localTime(ms: number, timeZone: string): LocalTime {
  const day = localDay(ms, timeZone);
  // A day of exactly 24 h has no offset change: its minutes are plain arithmetic from midnight.
  if (day.until - day.from !== 86_400_000) return zoneLocalTime(ms, timeZone);
  return { date: day.date, weekday: day.weekday, minutes: Math.floor((ms - day.from) / 60_000) };
}

interface LocalDay {
  date: string;
  weekday: Weekday;
  /** The instants where this local day starts and ends. */
  from: number;
  until: number;
}

/** Per zone, the last local day looked up. */
const dayCache = new Map<string, LocalDay>();

/**
 * The local day around `ms`. Every command asks (business date, opening hours), so the answer is
 * memoised per zone until local midnight: Intl formatting costs microseconds, a comparison nothing.
 */
function localDay(ms: number, timeZone: string): LocalDay {
  const hit = dayCache.get(timeZone);
  if (hit && ms >= hit.from && ms < hit.until) return hit;
  const t = zoneLocalTime(ms, timeZone);
  const day: LocalDay = {
    date: t.date,
    weekday: t.weekday,
    from: zonedTimeToEpoch(t.date, 0, timeZone),
    until: zonedTimeToEpoch(addDays(t.date, 1), 0, timeZone),
  };
  dayCache.set(timeZone, day);
  return day;
}

/** The business date: the office-local calendar date. Ticket numbers restart with it. */
export function businessDate(ms: number, timeZone: string): string {
  return localDay(ms, timeZone).date;
}

/** `HH:MM` → minutes since midnight; NaN when malformed. */
export function parseClock(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}

/** Epoch ms of a local date + minute of day in `timeZone`. */
export function zonedTimeToEpoch(date: string, minutes: number, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, Math.floor(minutes / 60), minutes % 60);
  // Two passes settle the offset also next to a DST change (Vietnam has none; other offices may).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const f = fieldsAt(guess, timeZone);
    const shown = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
    guess += asUtc - shown;
  }
  return guess;
}

/** The local date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d + days));
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

function weekdayOf(date: string): Weekday {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()] ?? 'sun';
}

function sessionsOn(office: OfficeConfig, date: string): Session[] {
  if (office.holidays.includes(date)) return [];
  return office.sessions[weekdayOf(date)] ?? [];
}

/** The next moment (epoch ms, strictly after `now`) at which a session opens; undefined if none within a year. */
export function nextOpening(office: OfficeConfig, now: number): number | undefined {
  const today = localTime(now, office.timeZone);
  for (let i = 0; i <= 366; i++) {
    const date = addDays(today.date, i);
    const opens = sessionsOn(office, date)
      .map((s) => parseClock(s.open))
      .sort((a, b) => a - b);
    for (const open of opens) {
      if (i === 0 && open <= today.minutes) continue;
      return zonedTimeToEpoch(date, open, office.timeZone);
    }
  }
  return undefined;
}

/**
 * The first opening on a later business day than `now`'s: when today's numbers are used up (a
 * daily cap), that is when the citizen can come back.
 */
export function nextDayOpening(office: OfficeConfig, now: number): number | undefined {
  const today = localTime(now, office.timeZone).date;
  return nextOpening(office, zonedTimeToEpoch(addDays(today, 1), 0, office.timeZone) - 1);
}

export type IssueWindow =
  | { open: true; session: Session }
  | { open: false; reason: 'HOLIDAY' | 'OFFICE_CLOSED' | 'PAST_CUTOFF'; nextOpening?: number };

/** May a citizen take a ticket at `now`? Open from a session's `open` until its `cutoff`. */
export function issueWindow(office: OfficeConfig, now: number): IssueWindow {
  const next = (): { nextOpening?: number } => {
    const n = nextOpening(office, now);
    return n === undefined ? {} : { nextOpening: n };
  };
  const t = localTime(now, office.timeZone);
  if (office.holidays.includes(t.date)) return { open: false, reason: 'HOLIDAY', ...next() };
  const session = sessionAt(office, now);
  if (!session) return { open: false, reason: 'OFFICE_CLOSED', ...next() };
  if (t.minutes < parseClock(session.cutoff)) return { open: true, session };
  return { open: false, reason: 'PAST_CUTOFF', ...next() };
}

/** The session the office is in at `now` (open ≤ t < close; tickets may have stopped at its cut-off). */
export function sessionAt(office: OfficeConfig, now: number): Session | undefined {
  const t = localTime(now, office.timeZone);
  if (office.holidays.includes(t.date)) return undefined;
  return (office.sessions[t.weekday] ?? []).find(
    (s) => t.minutes >= parseClock(s.open) && t.minutes < parseClock(s.close),
  );
}
