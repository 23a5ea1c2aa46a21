import { describe, expect, it } from 'vitest';
import {
  BASELINES,
  hol,
  interCallEwma,
  les,
  naiveDiv,
  naivePos,
  ql,
  qlEwma,
  rollAvg,
  type BaselineContext,
  type CalledTicket,
} from '../../shared/domain/wait-time/baselines.js';

const MIN = 60_000;
const NOW = Date.parse('2026-11-30T09:00:00+07:00');

/** A call `minutesAgo` before NOW of a ticket that had waited `waited` minutes. */
const call = (minutesAgo: number, waited: number, priority = false): CalledTicket => ({
  calledAt: NOW - minutesAgo * MIN,
  issuedAt: NOW - (minutesAgo + waited) * MIN,
  priority,
});

/** A normal ticket issued now, 4 people ahead, 8-minute service, two open counters of speed 1. */
const ctx = (over: Partial<BaselineContext> = {}): BaselineContext => ({
  now: NOW,
  issuedAt: NOW,
  priority: false,
  ahead: 4,
  meanServiceMinutes: 8,
  counterSpeeds: [1, 1],
  recentCalls: [],
  oldestWaitingIssuedAt: NOW - 30 * MIN,
  interCallEwmaMinutes: 3,
  ...over,
});

describe('baselines', () => {
  it('NAIVE_POS: ahead × mean service time', () => {
    expect(naivePos(ctx())).toBe(32);
    expect(naivePos(ctx({ ahead: 0 }))).toBe(0);
  });

  it('NAIVE_DIV: NAIVE_POS ÷ open counters serving the service (none: ÷ 1)', () => {
    expect(naiveDiv(ctx())).toBe(16);
    expect(naiveDiv(ctx({ counterSpeeds: [] }))).toBe(32);
  });

  it('ROLLAVG: mean wait of the last ≤ 10 same-service calls of the last hour', () => {
    // Calls 5, 10, … 60 minutes ago, having waited 1, 2, … 12 minutes; one 70 minutes ago waited 99.
    const calls = [...Array.from({ length: 12 }, (_, k) => call(5 * (k + 1), k + 1)), call(70, 99)];
    expect(rollAvg(ctx({ recentCalls: calls }))).toBe(5.5); // the 10 newest: 1…10
    expect(rollAvg(ctx({ recentCalls: calls.slice(8) }))).toBe(10.5); // 9…12 (the 70-min one is out)
    // A ticket that has waited 2 minutes already: 2 fewer.
    expect(rollAvg(ctx({ recentCalls: calls, issuedAt: NOW - 2 * MIN }))).toBe(3.5);
    // Nothing in the last hour: NAIVE_DIV.
    expect(rollAvg(ctx({ recentCalls: [call(70, 99)] }))).toBe(16);
  });

  it('LES: the wait of the last called ticket of the same service and class', () => {
    const calls = [call(10, 12), call(3, 20), call(1, 2, true)];
    expect(les(ctx({ recentCalls: calls }))).toBe(20);
    expect(les(ctx({ recentCalls: calls, priority: true }))).toBe(2);
    expect(les(ctx({ recentCalls: calls, issuedAt: NOW - 25 * MIN }))).toBe(0);
    expect(les(ctx({ recentCalls: [] }))).toBe(16);
  });

  it('HOL: the elapsed wait of the oldest waiting ticket of the same service and class', () => {
    expect(hol(ctx())).toBe(30);
    expect(hol(ctx({ issuedAt: NOW - 10 * MIN }))).toBe(20);
    const { oldestWaitingIssuedAt: _, ...empty } = ctx();
    expect(hol(empty)).toBe(0);
  });

  it('QL: (ahead + 1) ÷ Σ speed / mean over the open counters', () => {
    expect(ql(ctx())).toBe(20); // 5 ÷ (2/8)
    expect(ql(ctx({ counterSpeeds: [2, 0.5] }))).toBe(16); // 5 ÷ (2.5/8)
    expect(ql(ctx({ counterSpeeds: [] }))).toBe(40); // as one counter of speed 1
  });

  it('QL_EWMA: (ahead + 1) × EWMA of inter-call intervals (none yet: QL)', () => {
    expect(qlEwma(ctx())).toBe(15);
    const { interCallEwmaMinutes: _, ...noEwma } = ctx();
    expect(qlEwma(noEwma)).toBe(20);
  });

  it('interCallEwma: seeded by the first interval, then α = 0.2', () => {
    const times = [0, 2, 4, 10].map((m) => NOW + m * MIN);
    expect(interCallEwma(times)).toBeCloseTo(2.8, 12); // gaps 2, 2, 6
    expect(interCallEwma(times.slice(0, 1))).toBeUndefined();
  });

  it('BASELINES names the seven of the brief', () => {
    expect(Object.keys(BASELINES)).toEqual([
      'NAIVE_POS',
      'NAIVE_DIV',
      'ROLLAVG',
      'LES',
      'HOL',
      'QL',
      'QL_EWMA',
    ]);
    expect(Object.values(BASELINES).map((f) => f(ctx()))).toEqual([32, 16, 16, 16, 30, 20, 15]);
  });
});
