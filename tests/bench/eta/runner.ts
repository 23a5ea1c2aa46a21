/**
 * One scenario × one seed: warm-up days (everyone learns from the event log, nothing is scored),
 * then test days on which every predictor is asked
 *   - at issue: the new ticket's wait until it is called (the kiosk's printed promise), and
 *   - every `tickMin` simulated minutes: every waiting ticket's remaining wait (the display);
 * and the truth is written next to the answers when the day is over. Columnar, JSON-safe output.
 */
import { peopleAhead } from '../../../shared/domain/ahead.js';
import { sessionWindows } from '../../../shared/domain/wait-time/day.js';
import type { OfficeEvent } from '../../../shared/domain/types.js';
import type { WaitModel } from '../../../shared/domain/wait-time/types.js';
import { oracleModel } from './oracle.js';
import { smoothDisplay } from '../../../shared/domain/wait-time/wording.js';
import {
  BaselineSuite,
  OraclePredictor,
  SHIPPED,
  SHIPPED_SHOWN,
  ShippedPredictor,
  type Prediction,
  type PredictorGroup,
} from './predictors.js';
import { scenario, type Scenario, type ScenarioId } from './scenarios.js';
import { businessDays, Simulation } from './simulator.js';
import { allListIds, replayInput } from './view.js';

export const FIRST_DATE = '2026-11-30';
const MIN = 60_000;

export interface RunSettings {
  /** A ScenarioId (or, with an explicit Scenario, its id). */
  scenario: string;
  seed: number;
  warmupDays: number;
  testDays: number;
  /** Monte Carlo passes of the replay predictors at issue (the range and P(not today)). */
  issuePasses: number;
  /**
   * Ask the replay predictors (shipped, oracle) at every k-th scored issue only (1: every issue);
   * the baselines answer every issue. The mms uses this: 7 000 tickets a day × 100 counters.
   */
  replayEvery: number;
  /** Monte Carlo passes on the display ticks (0: the deterministic pass, enough for the point). */
  displayPasses: number;
  tickMin: number;
}

export interface PredColumns {
  /**
   * The point scored: `expected`, or for "not today" the minutes left until the day's last
   * closing; null when the predictor was not asked (see `replayEvery`).
   */
  point: (number | null)[];
  notToday: boolean[];
  p10: (number | null)[];
  p90: (number | null)[];
  pNotToday: (number | null)[];
}

export interface IssueColumns {
  day: number[];
  service: string[];
  priority: boolean[];
  /** Minute of the local day the ticket was issued. */
  issuedMin: number[];
  /** People ahead at issue, as the kiosk prints it. */
  ahead: number[];
  /** Minutes from issue to call; null: not called today. */
  actual: (number | null)[];
  /** Called and present (served); false for no-shows and tickets not called. */
  served: boolean[];
  preds: Record<string, PredColumns>;
}

export interface DisplayColumns {
  service: string[];
  priority: boolean[];
  atMin: number[];
  /** Minutes from the tick to the call; null: not called today. */
  actual: (number | null)[];
  preds: Record<string, { point: number[] }>;
}

export interface DaySummary {
  date: string;
  test: boolean;
  tickets: number;
  meanWait: number;
  notCalled: number;
  absentCalls: number;
  factor: number;
  absentCounters: string[];
  seconds: number;
}

/** Refreshes of one display series: how often the figure went up, and changed by less than 2 min. */
export interface FlickerCounts {
  refreshes: number;
  ups: number;
  smallChanges: number;
}

export interface RunOutput {
  settings: RunSettings;
  predictorIds: string[];
  /** predictorIds plus the display-only series (REPLAY_SHOWN: the shipped figure after smoothDisplay). */
  displayIds: string[];
  flicker: Record<string, FlickerCounts>;
  days: DaySummary[];
  issue: IssueColumns;
  display: DisplayColumns;
  /** Wall-clock seconds spent in each predictor group on test days. */
  predictSeconds: Record<string, number>;
  simSeconds: number;
  totalSeconds: number;
  /** Hidden speeds (for the report) and the shipped model's learned parameters at the end. */
  speeds: Record<string, number>;
  learned: {
    counterSpeed: Record<string, number>;
    serviceMeanMin: Record<string, number>;
    pausePerHour: number;
    pauseMeanMin: number;
    skipMin: number;
    pAbsent: number[];
  };
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

function emptyPred(): PredColumns {
  return { point: [], notToday: [], p10: [], p90: [], pNotToday: [] };
}

/** `scn` overrides the scenario named in the settings (tests use offices of their own). */
export function runScenarioSeed(
  settings: RunSettings,
  progress: (line: string) => void = () => {},
  scn: Scenario = scenario(settings.scenario as ScenarioId),
): RunOutput {
  const t0 = performance.now();
  const sim = new Simulation(scn, settings.seed, settings.tickMin);
  const rt = sim.rt;
  const office = scn.office;
  const listIds = allListIds(office);
  const shipped = new ShippedPredictor(office, sim.clock);
  // The oracle's model: the simulator's truth for the day, rebuilt once per day.
  let oracleCache: { date: string; model: WaitModel } | undefined;
  const oracle = (): WaitModel => {
    const truth = sim.truth;
    if (!truth) throw new Error('oracle asked before the day started');
    if (oracleCache?.date !== truth.date)
      oracleCache = { date: truth.date, model: oracleModel(scn, sim.speeds, truth) };
    return oracleCache.model;
  };
  const baselines = new BaselineSuite(rt);
  const groups: PredictorGroup[] = [shipped, new OraclePredictor(oracle), baselines];
  const predictorIds = groups.flatMap((g) => [...g.ids]);
  const displayIds = [...predictorIds, SHIPPED_SHOWN];
  const flicker: Record<string, FlickerCounts> = {
    [SHIPPED]: { refreshes: 0, ups: 0, smallChanges: 0 },
    [SHIPPED_SHOWN]: { refreshes: 0, ups: 0, smallChanges: 0 },
  };
  const predictSeconds: Record<string, number> = {};
  for (const g of groups) predictSeconds[g.ids.join('+')] = 0;

  const issue: IssueColumns = {
    day: [],
    service: [],
    priority: [],
    issuedMin: [],
    ahead: [],
    actual: [],
    served: [],
    preds: Object.fromEntries(predictorIds.map((id) => [id, emptyPred()])),
  };
  const display: DisplayColumns = {
    service: [],
    priority: [],
    atMin: [],
    actual: [],
    preds: Object.fromEntries(displayIds.map((id) => [id, { point: [] as number[] }])),
  };

  let seedCounter = 0;
  let scoredIssues = 0;
  const ask = (
    ticketIds: string[],
    now: number,
    passes: number,
    replay = true,
  ): Record<string, Prediction[]> => {
    const input = replayInput(rt, now, listIds);
    const req = { input, ticketIds, passes, seed: (settings.seed * 1_000_003 + ++seedCounter) | 0 };
    const out: Record<string, Prediction[]> = {};
    for (const g of groups) {
      if (!replay && g !== baselines) continue;
      const s = performance.now();
      Object.assign(out, g.predict(req));
      predictSeconds[g.ids.join('+')] =
        (predictSeconds[g.ids.join('+')] ?? 0) + (performance.now() - s) / 1000;
    }
    return out;
  };

  const dates = businessDays(scn, FIRST_DATE, settings.warmupDays + settings.testDays);
  const days: DaySummary[] = [];
  let simSeconds = 0;
  dates.forEach((date, dayIndex) => {
    const test = dayIndex >= settings.warmupDays;
    const dayT0 = performance.now();
    let predictT = 0;
    const windows = sessionWindows(office, date);
    const endOfDay = windows.at(-1)?.close ?? 0;
    const dayStart = windows[0] ? windows[0].open - windows[0].openMinutes * MIN : 0;
    /** The minutes scored: "not today" counts as the time left until the day's last closing. */
    const point = (p: Prediction, now: number): number =>
      p.expected === null ? Math.max(0, (endOfDay - now) / MIN) : p.expected;
    /** At issue: ticket id → answers per predictor, and when asked. */
    const atIssue = new Map<
      string,
      { now: number; ahead: number; answers: Record<string, Prediction | undefined> }
    >();
    /** Display ticks: rows waiting for their truth. */
    const ticks: { now: number; ids: string[]; answers: Record<string, Prediction[]>; shown: number[] }[] =
      [];
    /** Per ticket on the display: the shipped figure last computed, the one shown, and since when. */
    const screen = new Map<string, { raw: number; shown: number; changedAt: number }>();
    const count = (c: FlickerCounts | undefined, prev: number, next: number): void => {
      if (!c) return;
      c.refreshes++;
      if (next > prev) c.ups++;
      if (next !== prev && Math.abs(next - prev) < 2) c.smallChanges++;
    };
    const hooks = {
      onEvent: (e: OfficeEvent) => {
        for (const g of groups) g.observe(e);
      },
      ...(test
        ? {
            onIssued: (ticketId: string, now: number) => {
              if (!sim.hidden(ticketId)?.scored) return;
              const s = performance.now();
              const replay = scoredIssues++ % settings.replayEvery === 0;
              const out = ask([ticketId], now, settings.issuePasses, replay);
              predictT += performance.now() - s;
              const answers: Record<string, Prediction | undefined> = {};
              for (const id of predictorIds) answers[id] = out[id]?.[0];
              const t = rt.ticket(ticketId);
              const pos = rt.queuePosition(t);
              atIssue.set(ticketId, { now, ahead: pos ? peopleAhead(office.policy, t, pos) : 0, answers });
            },
            onTick: (now: number) => {
              const input = replayInput(rt, now, listIds);
              const ids = input.waiting.map((t) => t.id).filter((id) => sim.hidden(id)?.scored === true);
              if (ids.length === 0) return;
              const s = performance.now();
              const answers = ask(ids, now, settings.displayPasses);
              predictT += performance.now() - s;
              const shown = ids.map((id, i) => {
                const p = answers[SHIPPED]?.[i];
                const raw = p ? r2(point(p, now)) : 0;
                const was = screen.get(id);
                const next = was ? r2(smoothDisplay(was.shown, raw, now - was.changedAt)) : raw;
                if (was) {
                  count(flicker[SHIPPED], was.raw, raw);
                  count(flicker[SHIPPED_SHOWN], was.shown, next);
                }
                screen.set(id, {
                  raw,
                  shown: next,
                  changedAt: was && was.shown === next ? was.changedAt : now,
                });
                return next;
              });
              ticks.push({ now, ids, answers, shown });
            },
          }
        : {}),
    };
    const result = sim.runDay(date, hooks);

    // The truth, now that the day is over.
    let waitSum = 0;
    let called = 0;
    let absentCalls = 0;
    for (const id of sim.dayTickets) {
      const h = sim.hidden(id);
      if (!h) continue;
      if (h.calledAt !== undefined) {
        waitSum += (h.calledAt - h.issuedAt) / MIN;
        called++;
        if (h.absent) absentCalls++;
      }
      const asked = atIssue.get(id);
      if (!asked) continue;
      issue.day.push(dayIndex);
      issue.service.push(h.serviceId);
      issue.priority.push(h.priority);
      issue.issuedMin.push(r2((h.issuedAt - dayStart) / MIN));
      issue.ahead.push(asked.ahead);
      issue.actual.push(h.calledAt === undefined ? null : r2((h.calledAt - h.issuedAt) / MIN));
      issue.served.push(h.calledAt !== undefined && h.absent !== true);
      for (const pid of predictorIds) {
        const p = asked.answers[pid];
        const col = issue.preds[pid] as PredColumns;
        col.point.push(p ? r2(point(p, asked.now)) : null);
        col.notToday.push(p?.expected === null);
        col.p10.push(p?.p10 ?? null);
        col.p90.push(p?.p90 ?? null);
        col.pNotToday.push(p?.pNotToday ?? null);
      }
    }
    for (const tick of ticks) {
      tick.ids.forEach((id, i) => {
        const h = sim.hidden(id);
        if (!h) return;
        display.service.push(h.serviceId);
        display.priority.push(h.priority);
        display.atMin.push(r2((tick.now - dayStart) / MIN));
        display.actual.push(h.calledAt === undefined ? null : r2((h.calledAt - tick.now) / MIN));
        for (const pid of predictorIds) {
          const p = tick.answers[pid]?.[i] as Prediction;
          display.preds[pid]?.point.push(r2(point(p, tick.now)));
        }
        display.preds[SHIPPED_SHOWN]?.point.push(tick.shown[i] as number);
      });
    }
    const seconds = (performance.now() - dayT0) / 1000;
    simSeconds += seconds - predictT / 1000;
    const summary: DaySummary = {
      date,
      test,
      tickets: sim.dayTickets.length,
      meanWait: called > 0 ? r2(waitSum / called) : Number.NaN,
      notCalled: sim.dayTickets.length - called,
      absentCalls,
      factor: r2(result.factor),
      absentCounters: result.absentCounters,
      seconds: r2(seconds),
    };
    days.push(summary);
    progress(
      `[${settings.scenario} seed ${settings.seed}] day ${dayIndex + 1}/${dates.length} ${test ? 'test  ' : 'warm-up'} ${date}: ` +
        `${summary.tickets} tickets, mean wait ${summary.meanWait.toFixed(1)} min, not called ${summary.notCalled}, ${seconds.toFixed(1)} s`,
    );
  });

  const m = shipped.model;
  return {
    settings,
    predictorIds,
    displayIds,
    flicker,
    days,
    issue,
    display,
    predictSeconds,
    simSeconds,
    totalSeconds: (performance.now() - t0) / 1000,
    speeds: sim.speeds,
    learned: {
      counterSpeed: m.counterSpeed,
      serviceMeanMin: Object.fromEntries(
        office.services.map((s) => {
          const d = m.services[s.id];
          return [s.id, d ? r2(Math.exp(d.mu + (d.sigma * d.sigma) / 2)) : s.serviceMinutes];
        }),
      ),
      pausePerHour: m.pausePerHour,
      pauseMeanMin: m.pauseMeanMs / MIN,
      skipMin: m.skipMs / MIN,
      pAbsent: m.pAbsent,
    },
  };
}
