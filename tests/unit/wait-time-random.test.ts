import { describe, expect, it } from 'vitest';
import {
  normalInv,
  normalSf,
  residualMean,
  sampleResidual,
} from '../../shared/domain/wait-time/distributions.js';
import { nextPoissonTime, Rng } from '../../shared/domain/wait-time/random.js';

const draw = (n: number, f: () => number): number[] => Array.from({ length: n }, f);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('Rng', () => {
  it('is deterministic per seed, and seeds differ', () => {
    const a = new Rng(1);
    const b = new Rng(1);
    const c = new Rng(2);
    const xa = draw(5, () => a.uniform());
    expect(draw(5, () => b.uniform())).toEqual(xa);
    expect(draw(5, () => c.uniform())).not.toEqual(xa);
  });

  it('pins its stream (the same on every platform: integer arithmetic only)', () => {
    const r = new Rng(42);
    expect(draw(3, () => r.uniform())).toEqual(PINNED_UNIFORM);
  });

  it('uniform in [0, 1), mean ½', () => {
    const r = new Rng(3);
    const xs = draw(20_000, () => r.uniform());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
  });

  it('normal: mean 0, variance 1', () => {
    const r = new Rng(4);
    const xs = draw(40_000, () => r.normal());
    expect(mean(xs)).toBeCloseTo(0, 1);
    expect(mean(xs.map((x) => x * x))).toBeCloseTo(1, 1);
  });

  it('lognormal, exponential and Poisson have their means', () => {
    const r = new Rng(5);
    expect(mean(draw(40_000, () => r.lognormal(Math.log(8) - 0.18, 0.6))) / 8).toBeCloseTo(1, 1);
    expect(mean(draw(40_000, () => r.exponential(10))) / 10).toBeCloseTo(1, 1);
    expect(mean(draw(10_000, () => r.poisson(3)))).toBeCloseTo(3, 1);
    expect(mean(draw(5_000, () => r.poisson(75))) / 75).toBeCloseTo(1, 1);
    expect(r.poisson(0)).toBe(0);
  });
});

describe('nextPoissonTime', () => {
  // Two segments: rate 1/ms on [0, 10), nothing on [10, 20), 2/ms on [20, 30).
  const start = [0, 20];
  const end = [10, 30];
  const rate = [1, 2];

  it('inverts the cumulative rate across segments and gaps', () => {
    const cursor = new Int32Array(1);
    expect(nextPoissonTime(0, 4, start, end, rate, cursor, 0)).toBe(4);
    expect(nextPoissonTime(4, 8, start, end, rate, cursor, 0)).toBe(21); // 6 in the first, 2 in the second
    expect(cursor[0]).toBe(1);
    expect(nextPoissonTime(21, 100, start, end, rate, cursor, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('starts at the first segment after `from`', () => {
    expect(nextPoissonTime(12, 1, start, end, rate, new Int32Array(1), 0)).toBe(20.5);
  });
});

describe('lognormal residuals', () => {
  it('normalSf and normalInv agree with the tables', () => {
    expect(normalSf(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalSf(0)).toBeCloseTo(0.5, 7);
    expect(normalInv(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalInv(0.001)).toBeCloseTo(-3.090232, 5);
  });

  it('residualMean: the full mean at 0 elapsed, and E[D − e | D > e] later (checked by sampling)', () => {
    const mu = Math.log(8);
    expect(residualMean(mu, 0.6, 0)).toBeCloseTo(8 * Math.exp(0.18), 10);
    expect(residualMean(mu, 0, 3)).toBeCloseTo(5, 10);
    expect(residualMean(mu, 0, 30)).toBe(0);
    const r = new Rng(6);
    for (const e of [4, 12, 25]) {
      const xs = draw(20_000, () => sampleResidual(r, mu, 0.6, e));
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(mean(xs) / residualMean(mu, 0.6, e)).toBeCloseTo(1, 1);
    }
  });

  it('stays finite far in the tail', () => {
    const far = residualMean(Math.log(8), 0.3, 10_000);
    expect(Number.isFinite(far)).toBe(true);
    expect(far).toBeGreaterThan(0);
    expect(Number.isFinite(sampleResidual(new Rng(1), Math.log(8), 0.3, 10_000))).toBe(true);
  });
});

/** mulberry32 after splitmix32's finaliser, seed 42: recomputed independently (Python, 32-bit ints). */
const PINNED_UNIFORM = [0.1778232182841748, 0.6313992536161095, 0.49404995795339346];
