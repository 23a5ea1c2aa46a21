/** The benchmark's accuracy metrics (tests/bench/eta/metrics.ts) on hand-made inputs with exact answers. */
import { describe, expect, it } from 'vitest';
import {
  calibration,
  intervalMetrics,
  percentile,
  pointMetrics,
  relativeSquaredError,
  within,
} from '../bench/eta/metrics.js';

describe('pointMetrics', () => {
  // errors (predicted − actual): +2, −4, 0, +6, −12
  const predicted = [12, 16, 30, 16, 8];
  const actual = [10, 20, 30, 10, 20];

  it('MAE, RMSE, bias, mean', () => {
    const m = pointMetrics(predicted, actual);
    expect(m.n).toBe(5);
    expect(m.meanActual).toBe(18);
    expect(m.mae).toBe(24 / 5);
    expect(m.rmse).toBeCloseTo(Math.sqrt((4 + 16 + 0 + 36 + 144) / 5), 12); // √40
    expect(m.rmseOverMean).toBeCloseTo(Math.sqrt(40) / 18, 12);
    expect(m.bias).toBe(-8 / 5);
  });

  it('p90 |error| is the nearest rank; ±5 min and under10 are shares', () => {
    const m = pointMetrics(predicted, actual);
    // |errors| sorted 0 2 4 6 12: rank ⌈0.9 × 5⌉ = 5 → 12
    expect(m.p90AbsError).toBe(12);
    // |e| ≤ 5: 2, 4, 0
    expect(m.within5).toBe(3 / 5);
    // waited more than 10 min longer than told: only −12
    expect(m.under10).toBe(1 / 5);
  });

  it('the boundaries: exactly 5 min off is within ±5, exactly 10 min late is not under10', () => {
    const m = pointMetrics([5, 0, 20], [0, 10, 10]);
    expect(m.within5).toBe(1 / 3);
    expect(m.under10).toBe(0);
  });

  it('a perfect predictor', () => {
    const m = pointMetrics([1, 2, 3], [1, 2, 3]);
    expect([m.mae, m.rmse, m.bias, m.p90AbsError, m.under10, m.within5]).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('empty input gives NaN, not an exception', () => {
    const m = pointMetrics([], []);
    expect(m.n).toBe(0);
    expect(m.mae).toBeNaN();
    expect(m.within5).toBeNaN();
  });

  it('refuses arrays of different lengths', () => {
    expect(() => pointMetrics([1], [1, 2])).toThrow();
  });
});

describe('percentile', () => {
  it('nearest rank on unsorted values', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 100)).toBe(5);
    expect(percentile([5, 1, 4, 2, 3], 0)).toBe(1);
    expect(percentile([10, 20, 30, 40], 90)).toBe(40);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('relativeSquaredError', () => {
  it('mean squared error ÷ (mean actual)², not ÷ mean of squares', () => {
    // errors 1, −1, 2, −2 → MSE 2.5; mean actual 5 → 2.5 / 25 (the mean of squares would be 26)
    expect(relativeSquaredError([5, 3, 8, 4], [4, 4, 6, 6])).toBeCloseTo(0.1, 12);
  });
});

describe('intervalMetrics', () => {
  it('coverage with bounds included, below/above, width, missing ranges count as misses', () => {
    const m = intervalMetrics([0, 5, 10, 2, null], [10, 15, 20, 4, null], [10, 4, 21, 3, 7]);
    // 10 ∈ [0,10] yes (bound); 4 < 5 below; 21 > 20 above; 3 ∈ [2,4] yes; missing
    expect(m.n).toBe(5);
    expect(m.coverage).toBe(2 / 5);
    expect(m.below).toBe(1 / 5);
    expect(m.above).toBe(1 / 5);
    expect(m.missing).toBe(1);
    expect(m.meanWidth).toBe((10 + 10 + 10 + 2) / 4);
  });
});

describe('calibration', () => {
  it('Brier score, its no-skill reference, and the reliability table', () => {
    const p = [0, 0.05, 0.5, 0.5, 1, 0.95];
    const y = [false, false, true, false, true, true];
    const c = calibration(p, y, 2);
    // (0 + 0.0025 + 0.25 + 0.25 + 0 + 0.0025) / 6
    expect(c.brier).toBeCloseTo(0.505 / 6, 12);
    expect(c.baseRate).toBe(0.5);
    expect(c.brierReference).toBe(0.25);
    expect(c.meanPredicted).toBeCloseTo(3 / 6, 12);
    expect(c.bins).toHaveLength(2);
    // [0, 0.5): 0 and 0.05, none happened
    expect(c.bins[0]).toMatchObject({ from: 0, to: 0.5, n: 2, observed: 0 });
    expect(c.bins[0]?.meanPredicted).toBeCloseTo(0.025, 12);
    // [0.5, 1]: 0.5, 0.5, 1, 0.95 → 3 of 4 happened; 1 falls in the last bin
    expect(c.bins[1]).toMatchObject({ from: 0.5, to: 1, n: 4, observed: 0.75 });
    expect(c.bins[1]?.meanPredicted).toBeCloseTo(2.95 / 4, 12);
  });

  it('a perfectly sure and right forecaster scores 0', () => {
    expect(calibration([1, 0, 1], [true, false, true]).brier).toBe(0);
  });
});

describe('within', () => {
  it('inclusive bounds, NaN never within', () => {
    expect(within(0.045, 0.045, 0.056)).toBe(true);
    expect(within(0.056, 0.045, 0.056)).toBe(true);
    expect(within(0.0561, 0.045, 0.056)).toBe(false);
    expect(within(Number.NaN, 0, 1)).toBe(false);
  });
});
