/**
 * The speed gate: one deterministic pass + 100 Monte Carlo passes for a 60-ticket queue across 6
 * counters. The state is built through the real engine (the ward office, 66 kiosk tickets between
 * 08:00 and 09:00, every counter calls one); the model is the one the shipped learner built over
 * warm-up days of the base scenario (so arrivals, pauses and absences are in it).
 */
import { OfficeRuntime } from '../../../server/store/memory/office-runtime.js';
import { estimateWaits } from '../../../shared/domain/wait-time/replay.js';
import type { ReplayInput } from '../../../shared/domain/wait-time/types.js';
import type { WaitModel } from '../../../shared/domain/wait-time/types.js';
import { percentile } from './metrics.js';
import { ShippedPredictor } from './predictors.js';
import { Rng } from './rng.js';
import { scenario } from './scenarios.js';
import { businessDays, executeCommand, Simulation } from './simulator.js';
import { allListIds, replayInput } from './view.js';

/** One round of timed calls: wall-clock and this process's CPU time per call (ms). */
export interface SpeedRound {
  reps: number;
  msP50: number;
  msP95: number;
  msMax: number;
  cpuMsP50: number;
  cpuMsP95: number;
  /** 1-minute load average when the round ended (other processes share the 2 cores). */
  load1: number;
}

export interface SpeedResult {
  waiting: number;
  counters: number;
  passes: number;
  warmupReps: number;
  rounds: SpeedRound[];
  /** Medians over the rounds (the gate reads msP95). */
  msP50: number;
  msP95: number;
  cpuMsP95: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** The learned model after `days` days of the base scenario (seed 1). */
export function learnedBaseModel(days: number): WaitModel {
  const scn = scenario('base');
  const sim = new Simulation(scn, 1);
  const shipped = new ShippedPredictor(scn.office, sim.clock);
  for (const date of businessDays(scn, '2026-11-30', days))
    sim.runDay(date, { onEvent: (e) => shipped.observe(e) });
  return shipped.model;
}

/** A live picture with `waiting` tickets and every counter busy, on the day after the warm-up. */
export function speedInput(waiting: number, date: string): ReplayInput {
  const scn = scenario('base');
  const office = scn.office;
  const at = (hh: number, mm: number, ss = 0): number =>
    Date.parse(
      `${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}+07:00`,
    );
  const rt = new OfficeRuntime(office, 1000, at(7, 0));
  let id = 0;
  const newId = (): string => `s${++id}`;
  for (const c of office.counters)
    executeCommand(rt, { type: 'openCounter', counterId: c.id }, at(7, 29), newId);
  const rng = new Rng(7, 'speed');
  const total = waiting + office.counters.length;
  for (let i = 0; i < total; i++) {
    const service = scn.services[rng.pick(scn.services.map((s) => s.share))]?.id ?? 'civ';
    const t = at(8, 0) + Math.floor((i * 3_600_000) / total);
    executeCommand(
      rt,
      { type: 'issue', serviceId: service, channel: 'kiosk', priority: rng.chance(0.1) },
      t,
      newId,
    );
  }
  // Every counter calls one: 6 busy counters, `waiting` tickets left.
  office.counters.forEach((c, i) =>
    executeCommand(rt, { type: 'callNext', counterId: c.id }, at(8, 55) + i * 30_000, newId),
  );
  const input = replayInput(rt, at(9, 0), allListIds(office));
  if (input.waiting.length !== waiting || input.counters.some((c) => !c.busy))
    throw new Error(`speed input: ${input.waiting.length} waiting`);
  return input;
}

/**
 * `rounds` rounds of `reps` calls after `warmupReps` untimed ones. CPU time (process.cpuUsage)
 * survives other processes' load better than wall-clock time; both are kept.
 */
export function speedBenchmark(
  model: WaitModel,
  input: ReplayInput,
  rounds: number,
  reps: number,
  warmupReps: number,
  load1: () => number,
  passes = 100,
): SpeedResult {
  for (let i = 0; i < warmupReps; i++) estimateWaits(input, model, { passes, seed: i });
  const out: SpeedRound[] = [];
  for (let r = 0; r < rounds; r++) {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < reps; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      estimateWaits(input, model, { passes, seed: 1000 + r * reps + i });
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    out.push({
      reps,
      msP50: percentile(wall, 50),
      msP95: percentile(wall, 95),
      msMax: Math.max(...wall),
      cpuMsP50: percentile(cpu, 50),
      cpuMsP95: percentile(cpu, 95),
      load1: load1(),
    });
  }
  return {
    waiting: input.waiting.length,
    counters: input.counters.length,
    passes,
    warmupReps,
    rounds: out,
    msP50: median(out.map((r) => r.msP50)),
    msP95: median(out.map((r) => r.msP95)),
    cpuMsP95: median(out.map((r) => r.cpuMsP95)),
  };
}
