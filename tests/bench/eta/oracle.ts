/**
 * The oracle's model: the shipped replay's `WaitModel` filled with the simulator's TRUE parameters
 * instead of learned ones — service lognormals, officer speeds, the arrival profile and the day's
 * true volume factor, P(absent at call) from the true patience and no-show rate, the skip time,
 * the random pauses. It does not know the realised future (who arrives when, how long each
 * service takes, who has left): the best a replay of this form can do, the yardstick instead of 0.
 *
 * What the model's form cannot say, the oracle does not know either: a staggered lunch is a
 * schedule, not a random pause; a counter absent for the day looks like any closed counter; the
 * mms service is exponential but the model is lognormal (the oracle gets a lognormal of the same
 * mean and CV 1).
 */
import { lognormalCdf, lognormalParams } from './rng.js';
import type { DayTruth } from './simulator.js';
import type { Scenario } from './scenarios.js';
import { arrivalKey, WAIT_BIN_MS } from '../../../shared/domain/wait-time/model.js';
import type { LogNormal, WaitModel } from '../../../shared/domain/wait-time/types.js';
import { SLOTS_PER_DAY, SLOT_MINUTES } from '../../../shared/domain/wait-time/day.js';
import { parseClock } from '../../../shared/domain/calendar.js';
import type { Weekday } from '../../../shared/domain/types.js';

/** Wait bins of P(absent): 15 min each, the last open-ended (4 h covers a lunch carry-over). */
export const ORACLE_BINS = 17;

/** P(absent when called after waiting `minutes`). */
export function trueAbsence(scn: Scenario, minutes: number): number {
  const left = scn.patience ? lognormalCdf(minutes, scn.patience.meanMin, scn.patience.cv) : 0;
  return 1 - (1 - scn.noShowP) * (1 - left);
}

/** Mean of trueAbsence over each 15-minute bin (the last bin: at its start + 7.5 min). */
export function trueAbsenceBins(scn: Scenario, bins = ORACLE_BINS): number[] {
  const width = WAIT_BIN_MS / 60_000;
  const out: number[] = [];
  for (let b = 0; b < bins; b++) {
    if (b === bins - 1) {
      out.push(trueAbsence(scn, b * width + width / 2));
      continue;
    }
    let s = 0;
    const k = 30;
    for (let i = 0; i < k; i++) s += trueAbsence(scn, b * width + ((i + 0.5) / k) * width);
    out.push(s / k);
  }
  return out;
}

/** Issue rate (tickets/hour, all services) in each 15-minute slot: the profile inside the kiosk's hours. */
export function trueSlotRates(scn: Scenario, weekday: Weekday): number[] {
  const sessions = (scn.office.sessions[weekday] ?? []).map((s) => ({
    open: parseClock(s.open),
    cutoff: parseClock(s.cutoff),
  }));
  const rates: number[] = [];
  for (let slot = 0; slot < SLOTS_PER_DAY; slot++) {
    const from = slot * SLOT_MINUTES;
    const to = from + SLOT_MINUTES;
    let perHourMinutes = 0;
    for (const seg of scn.arrivals) {
      for (const s of sessions) {
        const lo = Math.max(from, seg.from, s.open);
        const hi = Math.min(to, seg.to, s.cutoff);
        if (hi > lo) perHourMinutes += seg.perHour * (hi - lo);
      }
    }
    rates.push(perHourMinutes / SLOT_MINUTES);
  }
  return rates;
}

export function oracleModel(scn: Scenario, speeds: Record<string, number>, day: DayTruth): WaitModel {
  const services: Record<string, LogNormal> = {};
  for (const s of scn.services) services[s.id] = { ...lognormalParams(s.meanMin, s.cv), n: 1_000_000 };
  const arrivals: Record<string, number> = {};
  const rates = trueSlotRates(scn, day.weekday);
  rates.forEach((perHour, slot) => {
    if (perHour <= 0) return;
    for (const s of scn.services) {
      const p = perHour * s.share * scn.priorityShare;
      const n = perHour * s.share * (1 - scn.priorityShare);
      if (p > 0) arrivals[arrivalKey(s.id, true, day.weekday, slot)] = p;
      if (n > 0) arrivals[arrivalKey(s.id, false, day.weekday, slot)] = n;
    }
  });
  return {
    version: 'oracle',
    services,
    counterSpeed: { ...speeds },
    arrivals,
    today: { date: day.date, factor: day.factor },
    pAbsent: trueAbsenceBins(scn),
    skipMs: scn.skipMin * 60_000,
    pausePerHour: scn.pauses?.perHour ?? 0,
    pauseMeanMs: (scn.pauses?.meanMin ?? 10) * 60_000,
  };
}
