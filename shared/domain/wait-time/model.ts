/**
 * The estimator's parameters: a cold start from the office's configuration, then online learning
 * as a pure reducer over the engine's events. `LearnerState` is what the server keeps per office
 * (plain JSON, stored as is by both engines): the `WaitModel` the replay reads, plus the running
 * tallies the model is made from (today's arrivals, per-bin call counts, open hours…).
 *
 * Every learned figure is shrunk toward its prior while few observations exist, then becomes an
 * EWMA with a floor on its weight, so a new office starts from what the admin typed and an old one
 * follows drift (a new officer, a new procedure) within a few weeks.
 */
import { businessDate, localTime } from '../calendar.js';
import { classOf } from '../policy.js';
import type { CounterStatus, OfficeConfig, OfficeEvent, ServiceConfig, Ticket, Weekday } from '../types.js';
import { SLOT_MINUTES, SLOTS_PER_DAY, sessionWindows, weekdayOf, type SessionWindow } from './day.js';
import type { LogNormal, WaitModel } from './types.js';

/** Logged with every shown prediction: bump it when the replay or the learning changes meaning. */
export const MODEL_VERSION = 'replay-1';

/** An admin's `serviceMinutes` is read as the mean; its spread is unknown, so a typical CV. */
export const DEFAULT_CV = 0.6;
export const DEFAULT_SIGMA = Math.sqrt(Math.log(1 + DEFAULT_CV * DEFAULT_CV));
/** A service without any configuration (removed, or not yet in the office's config). */
const FALLBACK_SERVICE_MINUTES = 10;

/** P(absent when called) per 15-minute wait bin: few leave early, more after an hour or two. */
export const DEFAULT_P_ABSENT: readonly number[] = [0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.12];
export const WAIT_BIN_MS = 15 * 60_000;
/** Calling, waiting a little, recalling, marking no-show. */
export const DEFAULT_SKIP_MS = 60_000;
/** Used only once a pause rate is learned (the cold start expects no random pauses). */
export const DEFAULT_PAUSE_MEAN_MS = 10 * 60_000;
export const SPEED_MIN = 0.5;
export const SPEED_MAX = 2;

// Learning rates: `PRIOR_*` = the prior's weight in observations; `ALPHA_*` = the EWMA's floor.
const PRIOR_SERVICE = 3;
const ALPHA_SERVICE = 0.05;
// Speed learns slower than the service: both explain the same duration, and a slow service must not
// be mistaken for a slow officer while one counter does all of it.
const PRIOR_SPEED = 10;
const ALPHA_SPEED = 0.02;
const SIGMA_MIN = 0.1;
const SIGMA_MAX = 1.5;
/** Durations outside this are clipped before learning (a mis-click, a ticket left open over lunch). */
const DURATION_MIN_MS = 10_000;
const DURATION_MAX_MS = 4 * 3_600_000;
const ALPHA_ARRIVALS = 0.2;
/** The same-day multiplier (today ÷ profile) counts as many pseudo-tickets on each side: 1 early on. */
const PRIOR_TODAY = 20;
const TODAY_MIN = 0.25;
const TODAY_MAX = 4;
const PRIOR_ABSENT = 20;
const DECAY_ABSENT = 0.97;
const PRIOR_SKIP = 3;
const ALPHA_SKIP = 0.1;
const SKIP_MIN_MS = 5_000;
const SKIP_MAX_MS = 10 * 60_000;
/** Open hours the pause rate is shrunk with (toward 0 pauses). */
const PRIOR_OPEN_HOURS = 1;
const DECAY_PAUSES = 0.9;
const PRIOR_PAUSE = 3;
const ALPHA_PAUSE = 0.1;
/** A pause this long is lunch or the end of the day, not a random pause; this short, a mis-click. */
const PAUSE_MAX_MS = 90 * 60_000;
const PAUSE_MIN_MS = 30_000;
/** A pause started this close to closing is the end of the session, not a random pause. */
const PAUSE_END_MARGIN_MS = 10 * 60_000;
/** Profile rates below this (per hour) are dropped: the map stays small. */
const ARRIVALS_EPS = 0.01;

const clip = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** The weight of the next observation after `n`: a running mean with a prior, then an EWMA. */
const weight = (n: number, prior: number, alpha: number): number => Math.max(1 / (prior + n + 1), alpha);

/** ln D ~ N(mu, σ²) with mean `minutes` and the default spread. */
export function priorFor(service: Pick<ServiceConfig, 'serviceMinutes'> | undefined): LogNormal {
  const minutes = service && service.serviceMinutes > 0 ? service.serviceMinutes : FALLBACK_SERVICE_MINUTES;
  return { mu: Math.log(minutes) - (DEFAULT_SIGMA * DEFAULT_SIGMA) / 2, sigma: DEFAULT_SIGMA, n: 0 };
}

/** The duration model of a service: learned, else the cold start from its configuration. */
export function serviceDistribution(model: WaitModel, office: OfficeConfig, serviceId: string): LogNormal {
  return model.services[serviceId] ?? priorFor(office.services.find((s) => s.id === serviceId));
}

/** The 15-minute wait bin of `pAbsent` (the last bin is open-ended). */
export function waitBin(waitMs: number, bins: number): number {
  return Math.max(0, Math.min(bins - 1, Math.floor(waitMs / WAIT_BIN_MS)));
}

/** The key of the arrival profile: `<serviceId>|<p|n>|<weekday>|<slot>`. */
export function arrivalKey(serviceId: string, priority: boolean, weekday: Weekday, slot: number): string {
  return `${serviceId}|${classOf(priority)}|${weekday}|${slot}`;
}

/** A new office's model: what the admin configured, no arrivals expected, speeds 1. */
export function coldStartModel(office: OfficeConfig, date: string): WaitModel {
  const services: Record<string, LogNormal> = {};
  for (const s of office.services) services[s.id] = priorFor(s);
  const counterSpeed: Record<string, number> = {};
  for (const c of office.counters) counterSpeed[c.id] = 1;
  return {
    version: MODEL_VERSION,
    services,
    counterSpeed,
    arrivals: {},
    today: { date, factor: 1 },
    pAbsent: [...DEFAULT_P_ABSENT],
    skipMs: DEFAULT_SKIP_MS,
    pausePerHour: 0,
    pauseMeanMs: DEFAULT_PAUSE_MEAN_MS,
  };
}

/** Today's arrivals, counted per `<serviceId>|<p|n>` and 15-minute slot until the day is folded in. */
export interface DayTally {
  date: string;
  weekday: Weekday;
  /** The first slot counted (a learner started mid-day has not seen the morning). */
  startSlot: number;
  counts: Record<string, number[]>;
  total: number;
  /** The profile's expected tickets (all services) before each slot of this day: length 97. */
  expectedCum: number[];
}

export interface LearnerState {
  model: WaitModel;
  /** Completions learned per counter (the speed's shrinkage toward 1). */
  speedN: Record<string, number>;
  /** The business day being counted; null before the first event. */
  day: DayTally | null;
  /** Days folded into the profile per weekday (the first few are a plain average). */
  daysSeen: Partial<Record<Weekday, number>>;
  /** Citizens called per wait bin and how many of them were absent (decayed daily). */
  called: number[];
  absent: number[];
  /** No-shows learned (the skip time's shrinkage). */
  skipN: number;
  /** Random pauses started and hours open within sessions (decayed daily); pause lengths learned. */
  pauses: number;
  openHours: number;
  pauseN: number;
  /** Each counter's last status and since when. */
  counters: Record<string, { status: CounterStatus; since: number }>;
}

/** A fresh learner for an office, starting at `now` (its day's earlier slots are not counted). */
export function initialLearnerState(office: OfficeConfig, now: number): LearnerState {
  const model = coldStartModel(office, businessDate(now, office.timeZone));
  const bins = model.pAbsent.length;
  return {
    model,
    speedN: {},
    day: newDay(model, office, now, true),
    daysSeen: {},
    called: new Array<number>(bins).fill(0),
    absent: new Array<number>(bins).fill(0),
    skipN: 0,
    pauses: 0,
    openHours: 0,
    pauseN: 0,
    counters: {},
  };
}

function newDay(model: WaitModel, office: OfficeConfig, at: number, midDay: boolean): DayTally {
  const t = localTime(at, office.timeZone);
  const weekday = weekdayOf(t.date);
  const expectedCum = new Array<number>(SLOTS_PER_DAY + 1).fill(0);
  for (let slot = 0; slot < SLOTS_PER_DAY; slot++) {
    let perHour = 0;
    for (const s of office.services) {
      perHour += model.arrivals[arrivalKey(s.id, true, weekday, slot)] ?? 0;
      perHour += model.arrivals[arrivalKey(s.id, false, weekday, slot)] ?? 0;
    }
    expectedCum[slot + 1] = (expectedCum[slot] as number) + (perHour * SLOT_MINUTES) / 60;
  }
  return {
    date: t.date,
    weekday,
    startSlot: midDay ? Math.floor(t.minutes / SLOT_MINUTES) : 0,
    counts: {},
    total: 0,
    expectedCum,
  };
}

/**
 * One event into the learner: returns a new state (the input is never mutated; unchanged parts are
 * shared). Learns from `issued` (arrivals), `serving` / `completed` / `no-show` (presence at call,
 * durations, speeds, skip time) and `counter-updated` (pauses); other events only move the day on.
 *
 * @example
 *   let learner = initialLearnerState(office, Date.now());
 *   for (const e of events) learner = learn(learner, office, e);
 *   estimateWaits(input, learner.model, { passes: 100, seed: 1 });
 */
export function learn(state: LearnerState, office: OfficeConfig, event: OfficeEvent): LearnerState {
  let s = rollDay(state, office, event.at);
  const t = event.ticket;
  switch (event.type) {
    case 'issued':
      if (t) s = learnArrival(s, office, t, event.at);
      break;
    case 'serving':
      if (t) s = learnPresence(s, t, false);
      break;
    case 'completed':
      if (t) {
        // Completed straight from "called": the citizen was there all the same.
        if (t.servingAt === undefined) s = learnPresence(s, t, false);
        s = learnDuration(s, office, t);
      }
      break;
    case 'no-show':
      if (t) s = learnNoShow(learnPresence(s, t, true), t);
      break;
    case 'counter-updated':
      if (event.counter) s = learnCounter(s, office, event.counter.id, event.counter.status, event.at);
      break;
    default:
      break;
  }
  return s;
}

/** A new business day: fold the finished day's arrivals into the profile and decay the tallies. */
function rollDay(state: LearnerState, office: OfficeConfig, at: number): LearnerState {
  const date = businessDate(at, office.timeZone);
  const day = state.day;
  if (day && date <= day.date) return state;
  let model = state.model;
  let daysSeen = state.daysSeen;
  let openHours = state.openHours;
  let counters = state.counters;
  if (day) {
    const windows = sessionWindows(office, day.date);
    if (windows.length > 0) {
      model = { ...model, arrivals: foldArrivals(model.arrivals, office, day, windows, daysSeen) };
      daysSeen = { ...daysSeen, [day.weekday]: (daysSeen[day.weekday] ?? 0) + 1 };
    }
    // Counters left open overnight: count their open time up to the end of that day's sessions.
    const last = windows[windows.length - 1];
    if (last) {
      counters = { ...counters };
      for (const [id, c] of Object.entries(counters)) {
        if (c.status !== 'open') continue;
        openHours += openOverlapMs(windows, c.since, last.close) / 3_600_000;
        counters[id] = { status: 'open', since: Math.max(c.since, last.close) };
      }
    }
  }
  model = { ...model, today: { date, factor: 1 } };
  return {
    ...state,
    model,
    daysSeen,
    counters,
    day: newDay(model, office, at, false),
    called: state.called.map((x) => x * DECAY_ABSENT),
    absent: state.absent.map((x) => x * DECAY_ABSENT),
    pauses: state.pauses * DECAY_PAUSES,
    openHours: openHours * DECAY_PAUSES,
  };
}

/** EWMA across days of each slot's count (as a rate per hour), zeros included: quiet days count. */
function foldArrivals(
  arrivals: Record<string, number>,
  office: OfficeConfig,
  day: DayTally,
  windows: SessionWindow[],
  daysSeen: Partial<Record<Weekday, number>>,
): Record<string, number> {
  const next = { ...arrivals };
  const w = weight(daysSeen[day.weekday] ?? 0, 0, ALPHA_ARRIVALS);
  for (const win of windows) {
    const first = Math.max(day.startSlot, Math.floor(win.openMinutes / SLOT_MINUTES));
    const cutoffMinutes = win.openMinutes + (win.cutoff - win.open) / 60_000;
    for (let slot = first; slot * SLOT_MINUTES < cutoffMinutes; slot++) {
      for (const s of office.services) {
        for (const priority of [true, false]) {
          const key = arrivalKey(s.id, priority, day.weekday, slot);
          const count = day.counts[`${s.id}|${classOf(priority)}`]?.[slot] ?? 0;
          const old = next[key] ?? 0;
          const v = old + w * ((count * 60) / SLOT_MINUTES - old);
          if (v < ARRIVALS_EPS) delete next[key];
          else next[key] = v;
        }
      }
    }
  }
  return next;
}

function learnArrival(state: LearnerState, office: OfficeConfig, t: Ticket, at: number): LearnerState {
  const day = state.day;
  if (!day || businessDate(t.issuedAt, office.timeZone) !== day.date) return state;
  const minutes = localTime(t.issuedAt, office.timeZone).minutes;
  const slot = Math.floor(minutes / SLOT_MINUTES);
  const key = `${t.serviceId}|${classOf(t.priority)}`;
  const counts = [...(day.counts[key] ?? new Array<number>(SLOTS_PER_DAY).fill(0))];
  counts[slot] = (counts[slot] ?? 0) + 1;
  const total = day.total + 1;
  // Today so far ÷ what the profile expected so far, both padded with PRIOR_TODAY tickets.
  const nowMinutes = localTime(at, office.timeZone).minutes;
  const nowSlot = Math.min(SLOTS_PER_DAY - 1, Math.floor(nowMinutes / SLOT_MINUTES));
  const cum = day.expectedCum;
  const at0 = (i: number): number => cum[i] ?? 0;
  const expected =
    at0(nowSlot) -
    at0(day.startSlot) +
    ((nowMinutes % SLOT_MINUTES) / SLOT_MINUTES) * (at0(nowSlot + 1) - at0(nowSlot));
  const factor =
    expected > 0 ? clip((total + PRIOR_TODAY) / (expected + PRIOR_TODAY), TODAY_MIN, TODAY_MAX) : 1;
  return {
    ...state,
    model: { ...state.model, today: { date: day.date, factor } },
    day: { ...day, counts: { ...day.counts, [key]: counts }, total },
  };
}

/** P(absent at call) by the wait at the call: a running share per bin, shrunk to the default. */
function learnPresence(state: LearnerState, t: Ticket, absent: boolean): LearnerState {
  if (t.calledAt === undefined) return state;
  const bins = state.model.pAbsent.length;
  const b = waitBin(t.calledAt - t.issuedAt, bins);
  const called = [...state.called];
  const absents = [...state.absent];
  called[b] = (called[b] ?? 0) + 1;
  if (absent) absents[b] = (absents[b] ?? 0) + 1;
  const pAbsent = [...state.model.pAbsent];
  const prior = DEFAULT_P_ABSENT[Math.min(b, DEFAULT_P_ABSENT.length - 1)] ?? 0;
  pAbsent[b] = ((absents[b] ?? 0) + PRIOR_ABSENT * prior) / ((called[b] ?? 0) + PRIOR_ABSENT);
  return { ...state, called, absent: absents, model: { ...state.model, pAbsent } };
}

/** What an absent citizen costs: from the call to the no-show. */
function learnNoShow(state: LearnerState, t: Ticket): LearnerState {
  if (t.calledAt === undefined || t.finishedAt === undefined) return state;
  const x = clip(t.finishedAt - t.calledAt, SKIP_MIN_MS, SKIP_MAX_MS);
  const w = weight(state.skipN, PRIOR_SKIP, ALPHA_SKIP);
  const m = state.model;
  return { ...state, skipN: state.skipN + 1, model: { ...m, skipMs: m.skipMs + w * (x - m.skipMs) } };
}

/**
 * A completed service: ln(duration) = mu(service) − ln(speed(counter)) + noise. The speed learns from
 * the residual against the service's mu; the service learns from the duration scaled back to speed 1.
 */
function learnDuration(state: LearnerState, office: OfficeConfig, t: Ticket): LearnerState {
  const start = t.servingAt ?? t.calledAt;
  if (start === undefined || t.finishedAt === undefined) return state;
  const x = Math.log(clip(t.finishedAt - start, DURATION_MIN_MS, DURATION_MAX_MS) / 60_000);
  const m = state.model;
  const prior = serviceDistribution(m, office, t.serviceId);
  let counterSpeed = m.counterSpeed;
  let speedN = state.speedN;
  let speed = 1;
  if (t.counterId !== undefined) {
    const id = t.counterId;
    speed = m.counterSpeed[id] ?? 1;
    const n = speedN[id] ?? 0;
    const logSpeed = Math.log(speed);
    const next = logSpeed + weight(n, PRIOR_SPEED, ALPHA_SPEED) * (prior.mu - x - logSpeed);
    counterSpeed = { ...counterSpeed, [id]: clip(Math.exp(next), SPEED_MIN, SPEED_MAX) };
    speedN = { ...speedN, [id]: n + 1 };
  }
  // The speed before this observation: the same duration must not explain itself twice.
  const y = x + Math.log(speed);
  const w = weight(prior.n, PRIOR_SERVICE, ALPHA_SERVICE);
  const d = y - prior.mu;
  const mu = prior.mu + w * d;
  const variance = (1 - w) * (prior.sigma * prior.sigma + w * d * d);
  const sigma = clip(Math.sqrt(variance), SIGMA_MIN, SIGMA_MAX);
  return {
    ...state,
    speedN,
    model: { ...m, counterSpeed, services: { ...m.services, [t.serviceId]: { mu, sigma, n: prior.n + 1 } } },
  };
}

/** Milliseconds of [from, to) inside the windows (open → close). */
function openOverlapMs(windows: readonly SessionWindow[], from: number, to: number): number {
  let ms = 0;
  for (const w of windows) ms += Math.max(0, Math.min(to, w.close) - Math.max(from, w.open));
  return ms;
}

const inSession = (windows: readonly SessionWindow[], at: number, margin: number): boolean =>
  windows.some((w) => at >= w.open && at < w.close - margin);

/**
 * Pauses: a pause started by an open counter inside a session (not at its end) counts toward the
 * rate; its length is learned when the counter opens again, unless it ran into lunch or the night.
 */
function learnCounter(
  state: LearnerState,
  office: OfficeConfig,
  counterId: string,
  status: CounterStatus,
  at: number,
): LearnerState {
  const prev = state.counters[counterId];
  if (prev && prev.status === status) return state;
  const counters = { ...state.counters, [counterId]: { status, since: at } };
  if (!prev) return { ...state, counters };
  const windows = sessionWindows(office, businessDate(at, office.timeZone));
  let { openHours, pauses, pauseN, model } = state;
  if (prev.status === 'open') openHours += openOverlapMs(windows, prev.since, at) / 3_600_000;
  if (prev.status === 'open' && status === 'paused' && inSession(windows, at, PAUSE_END_MARGIN_MS)) {
    pauses += 1;
  }
  if (prev.status === 'paused' && status === 'open') {
    const length = at - prev.since;
    if (length >= PAUSE_MIN_MS && length <= PAUSE_MAX_MS && inSession(windows, prev.since, 0)) {
      const w = weight(pauseN, PRIOR_PAUSE, ALPHA_PAUSE);
      model = { ...model, pauseMeanMs: model.pauseMeanMs + w * (length - model.pauseMeanMs) };
      pauseN += 1;
    }
  }
  const pausePerHour = pauses / (openHours + PRIOR_OPEN_HOURS);
  return { ...state, counters, openHours, pauses, pauseN, model: { ...model, pausePerHour } };
}
