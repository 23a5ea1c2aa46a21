/**
 * The wait-time benchmark's simulator (tests/bench/eta): a case with a known answer, and
 * determinism. The simulator drives the real engine (decide → pickNext → apply), so these also
 * check that what the benchmark scores is what the engine did.
 */
import { describe, expect, it } from 'vitest';
import type { OfficeConfig, Session } from '../../shared/domain/types.js';
import { pointMetrics } from '../bench/eta/metrics.js';
import { ORACLE, SHIPPED } from '../bench/eta/predictors.js';
import { Rng } from '../bench/eta/rng.js';
import { runScenarioSeed, type RunOutput, type RunSettings } from '../bench/eta/runner.js';
import type { Scenario } from '../bench/eta/scenarios.js';
import { sampleMmcPopulation } from '../bench/eta/simulator.js';

/** Service time (minutes), constant. */
const S = 6;
const OPEN = 7 * 60 + 30;
/**
 * Tickets issued at 07:30 + k·S, k = 0, 1, …: batch sizes chosen so that at every batch after the
 * first the counter is finishing a service at that very instant (or is idle with nobody waiting),
 * so the k-th ticket of a batch waits exactly (people ahead) × S.
 */
const BATCHES = [1, 2, 1, 0, 3, 1, 2, 0, 0, 1, 0, 0, 0, 1, 2, 0, 1];

function exactScenario(): Scenario {
  const day: Session[] = [{ open: '07:30', close: '11:30', cutoff: '11:00' }];
  const office: OfficeConfig = {
    id: 'sim-exact',
    name: 'One counter',
    timeZone: 'Asia/Ho_Chi_Minh',
    sessions: { mon: day, tue: day, wed: day, thu: day, fri: day },
    holidays: [],
    policy: { kind: 'oldest', priorityEvery: 0 },
    services: [
      {
        id: 'a',
        name: { vi: 'A', en: 'A' },
        numbering: { prefix: 'A', start: 1, width: 3 },
        serviceMinutes: S,
      },
    ],
    counters: [{ id: 'c1', number: 1, name: 'Quầy 1', services: [{ serviceId: 'a' }] }],
  };
  return {
    id: 'exact',
    description: 'one counter, one service, constant service time, a fixed arrival list',
    office,
    services: [{ id: 'a', meanMin: S, cv: 0, dist: 'lognormal', share: 1 }],
    arrivals: [],
    arrivalList: BATCHES.flatMap((n, k) =>
      Array.from({ length: n }, () => ({ minute: OPEN + k * S, serviceId: 'a' })),
    ),
    volumeCv: 0,
    priorityShare: 0,
    speedRange: [1, 1],
    noShowP: 0,
    skipMin: 1,
    absentP: 0,
    openEarlyMin: 0,
  };
}

/** FIFO, one server, constant service: called at max(issued, previous call + S). */
function exactWaits(): number[] {
  const issued = exactScenario().arrivalList?.map((a) => a.minute) ?? [];
  const waits: number[] = [];
  let lastCall = Number.NEGATIVE_INFINITY;
  for (const t of issued) {
    const call = Math.max(t, lastCall + S);
    waits.push(call - t);
    lastCall = call;
  }
  return waits;
}

const settings = (over: Partial<RunSettings>): RunSettings => ({
  scenario: 'exact',
  seed: 1,
  warmupDays: 1,
  testDays: 2,
  issuePasses: 10,
  displayPasses: 0,
  replayEvery: 1,
  tickMin: 5,
  ...over,
});

const called = (out: RunOutput): number[] => out.issue.actual.flatMap((a, i) => (a === null ? [] : [i]));

describe('a single deterministic server: the answer is known', () => {
  const out = runScenarioSeed(settings({}), () => {}, exactScenario());
  const truth = exactWaits();

  it('the simulated waits are the computed ones, every test day', () => {
    expect(truth.some((w) => w > 0)).toBe(true);
    expect(out.issue.actual).toEqual([...truth, ...truth]);
  });

  it('the oracle (the replay with the true parameters) is exact, at issue and on the display', () => {
    const idx = called(out);
    const actual = idx.map((i) => out.issue.actual[i] as number);
    const oracle = out.issue.preds[ORACLE];
    const m = pointMetrics(
      idx.map((i) => oracle?.point[i] as number),
      actual,
    );
    expect(m.n).toBe(2 * truth.length);
    expect(m.mae).toBeLessThanOrEqual(0.005);
    // Its Monte Carlo has nothing to vary: the range is the point.
    for (const i of idx) {
      expect(oracle?.p10[i]).toBeCloseTo(actual[idx.indexOf(i)] as number, 2);
      expect(oracle?.p90[i]).toBeCloseTo(actual[idx.indexOf(i)] as number, 2);
      expect(oracle?.pNotToday[i]).toBe(0);
    }
    const d = out.display.actual.flatMap((a, i) => (a === null ? [] : [i]));
    expect(d.length).toBeGreaterThan(10);
    const dm = pointMetrics(
      d.map((i) => out.display.preds[ORACLE]?.point[i] as number),
      d.map((i) => out.display.actual[i] as number),
    );
    expect(dm.mae).toBeLessThanOrEqual(0.005);
  });

  it('NAIVE_POS (people ahead × mean service time) equals the truth', () => {
    const idx = called(out);
    const pos = out.issue.preds.NAIVE_POS;
    expect(idx.map((i) => pos?.point[i])).toEqual(idx.map((i) => out.issue.actual[i]));
    expect(idx.map((i) => (out.issue.ahead[i] as number) * S)).toEqual(idx.map((i) => out.issue.actual[i]));
  });

  it('the shipped estimator, learning from the log, is close', () => {
    const idx = called(out);
    const m = pointMetrics(
      idx.map((i) => out.issue.preds[SHIPPED]?.point[i] as number),
      idx.map((i) => out.issue.actual[i] as number),
    );
    expect(m.mae).toBeLessThan(1);
  });
});

describe('determinism', () => {
  const base = settings({ scenario: 'base', seed: 7, testDays: 1, issuePasses: 5 });
  const strip = (o: RunOutput): unknown => ({
    issue: o.issue,
    display: o.display,
    flicker: o.flicker,
    days: o.days.map((d) => ({ ...d, seconds: 0 })),
    speeds: o.speeds,
    learned: o.learned,
  });

  it('the same seed gives the same numbers; another seed does not', () => {
    const a = runScenarioSeed(base);
    const b = runScenarioSeed(base);
    expect(a.issue.actual.length).toBeGreaterThan(100);
    expect(strip(a)).toEqual(strip(b));
    const c = runScenarioSeed({ ...base, seed: 8 });
    expect(c.issue.actual).not.toEqual(a.issue.actual);
  });
});

describe('the M/M/c start-up population', () => {
  it('has the stationary mean a + C(c, a)·ρ/(1 − ρ)', () => {
    const c = 5;
    const a = 4;
    // Erlang C
    let term = 1;
    let sum = 1;
    for (let n = 1; n < c; n++) {
      term *= a / n;
      sum += term;
    }
    term *= a / c;
    const rho = a / c;
    const erlangC = term / (1 - rho) / (sum + term / (1 - rho));
    const expected = a + (erlangC * rho) / (1 - rho);
    const rng = new Rng(3, 'mmc');
    let total = 0;
    const n = 40_000;
    for (let i = 0; i < n; i++) total += sampleMmcPopulation(rng, c, a);
    expect(total / n).toBeCloseTo(expected, 1);
  });
});
