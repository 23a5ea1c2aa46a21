/**
 * The wait-time estimator's vocabulary (docs/wait-time.md, ../shared/brief/wait-time.md): the model
 * it runs with (learned online from the office's events, cold-started from the office's
 * configuration), the live picture it replays forward, and what it answers per ticket. Plain data,
 * isomorphic: the server, the simulator of the benchmark and the tests use the same types.
 */
import type { CounterStatus, OfficeConfig, Ticket } from '../types.js';

/** ln(duration in minutes) ~ N(mu, sigma²); `n` observations learned so far (0 = the cold-start default). */
export interface LogNormal {
  mu: number;
  sigma: number;
  n: number;
}

/** The estimator's parameters for one office. JSON-safe: stored as is by both engines. */
export interface WaitModel {
  /** The algorithm's version, logged with every shown prediction. */
  version: string;
  /** Service duration per service. */
  services: Record<string, LogNormal>;
  /** Per counter: duration = service duration ÷ speed; clipped to 0.5–2, 1 until learned. */
  counterSpeed: Record<string, number>;
  /**
   * Arrivals per hour by `<serviceId>|<p|n>|<weekday>|<slot>` (slot: 15-minute index of the local
   * day, 0–95); absent = 0 (cold start: no arrivals expected beyond those already waiting).
   */
  arrivals: Record<string, number>;
  /** Today's volume against the profile (same-day multiplier): `date` is the business date it is for. */
  today: { date: string; factor: number };
  /** P(absent when called) by wait bin of 15 minutes (the last bin is open-ended). */
  pAbsent: number[];
  /** What an absent citizen costs a counter (ms): the call, the wait, the no-show. */
  skipMs: number;
  /** Random pauses of an open counter: how many per hour open, and their mean length (ms). */
  pausePerHour: number;
  pauseMeanMs: number;
}

/** A counter as the replay sees it. */
export interface ReplayCounter {
  id: string;
  status: CounterStatus;
  normalsSincePriority: number;
  /** When `status` last changed (a pause's start). */
  since: number;
  /** The ticket it holds (called or serving): its service and since when (servingAt ?? calledAt). */
  busy?: { serviceId: string; since: number };
}

/** The live picture the replay starts from. */
export interface ReplayInput {
  office: OfficeConfig;
  now: number;
  counters: ReplayCounter[];
  /** Today's waiting tickets, any order (lists are rebuilt by sortKey, ordinal as the engine keeps them). */
  waiting: Ticket[];
  /**
   * Hypothetical tickets issued now (the display's per-service figure, the kiosk before issuing):
   * answered under their `key`, never taking a real ticket's place in the answer.
   */
  hypothetical?: { key: string; serviceId: string; priority: boolean }[];
}

/** What the estimator answers for one waiting (or hypothetical) ticket. Minutes from `now`. */
export interface TicketEta {
  /** The ticket id, or the hypothetical ticket's key. */
  id: string;
  /** The deterministic pass: minutes until called; null when not called before today's last session ends. */
  expected: number | null;
  /** Monte Carlo passes that called it today: median, 10th and 90th percentile (null if none did). */
  median: number | null;
  p10: number | null;
  p90: number | null;
  /** Share of passes in which it was not called today (0–1). */
  pNotToday: number;
}

export interface EstimateOptions {
  /** Monte Carlo passes (0: the deterministic pass only, median/p10/p90 null, pNotToday 0 or 1). */
  passes: number;
  /** Same seed, same input → the same answer (tests assert exact outputs). */
  seed: number;
}
