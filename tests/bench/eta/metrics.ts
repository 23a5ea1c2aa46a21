/**
 * The benchmark's accuracy metrics (../shared/brief/wait-time.md, "Metrics"). Pure functions of
 * arrays of minutes; unit-tested with exact answers in tests/unit/eta-metrics.test.ts.
 *
 * Sign convention: error = predicted − actual, so a positive bias is conservative (the citizen
 * was told longer than it took) and `under10` counts the promises broken by more than 10 minutes.
 */

export interface PointMetrics {
  n: number;
  /** Mean of the actual waits (minutes). */
  meanActual: number;
  mae: number;
  rmse: number;
  /** RMSE ÷ mean actual wait. */
  rmseOverMean: number;
  /** 90th percentile of |error| (nearest rank). */
  p90AbsError: number;
  /** Share with |error| ≤ 5 min. */
  within5: number;
  /** Mean of predicted − actual. */
  bias: number;
  /** Share that waited more than 10 min longer than told (actual − predicted > 10). */
  under10: number;
}

export interface IntervalMetrics {
  n: number;
  /** Share of actual waits inside [p10, p90] (bounds included; a missing range counts as a miss). */
  coverage: number;
  /** Share below p10 and above p90 (a missing range counts in neither). */
  below: number;
  above: number;
  /** Mean of p90 − p10 over the ranges given. */
  meanWidth: number;
  /** Predictions without a range (the Monte Carlo never called the ticket today). */
  missing: number;
}

export interface ReliabilityBin {
  /** Predicted probabilities in [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  n: number;
  meanPredicted: number;
  observed: number;
}

export interface Calibration {
  n: number;
  /** Mean of (p − outcome)²: 0 is perfect, 0.25 is a coin flip at p = 0.5. */
  brier: number;
  /** Brier score of always predicting the observed base rate (the no-skill reference). */
  brierReference: number;
  meanPredicted: number;
  baseRate: number;
  bins: ReliabilityBin[];
}

const sum = (xs: readonly number[]): number => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

const mean = (xs: readonly number[]): number => (xs.length === 0 ? Number.NaN : sum(xs) / xs.length);

/** Nearest-rank percentile (p in 0–100) of unsorted values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1] as number;
}

function checkLengths(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new Error(`metrics: ${a.length} predictions for ${b.length} outcomes`);
}

/** Point-prediction metrics; predicted[i] and actual[i] in minutes. */
export function pointMetrics(predicted: readonly number[], actual: readonly number[]): PointMetrics {
  checkLengths(predicted, actual);
  const n = actual.length;
  const errors = predicted.map((p, i) => p - (actual[i] as number));
  const abs = errors.map(Math.abs);
  const meanActual = mean(actual);
  const rmse = Math.sqrt(mean(errors.map((e) => e * e)));
  return {
    n,
    meanActual,
    mae: mean(abs),
    rmse,
    rmseOverMean: rmse / meanActual,
    p90AbsError: percentile(abs, 90),
    within5: n === 0 ? Number.NaN : abs.filter((e) => e <= 5).length / n,
    bias: mean(errors),
    under10: n === 0 ? Number.NaN : errors.filter((e) => e < -10).length / n,
  };
}

/**
 * Relative squared error as in Whitt (1999) and Ibrahim & Whitt (2009): mean squared error divided
 * by the square of the mean actual wait. For the queue-length predictor in an M/M/s queue, over
 * the customers who have to wait, it equals 1 − ρ (the wait given n ahead is a sum of n + 1
 * exponentials of rate sμ; n is geometric with parameter ρ).
 */
export function relativeSquaredError(predicted: readonly number[], actual: readonly number[]): number {
  checkLengths(predicted, actual);
  const m = mean(actual);
  return mean(predicted.map((p, i) => (p - (actual[i] as number)) ** 2)) / (m * m);
}

/** Coverage and width of the p10–p90 ranges. */
export function intervalMetrics(
  p10: readonly (number | null)[],
  p90: readonly (number | null)[],
  actual: readonly number[],
): IntervalMetrics {
  checkLengths(p10, actual);
  checkLengths(p90, actual);
  const n = actual.length;
  let inside = 0;
  let below = 0;
  let above = 0;
  let missing = 0;
  const widths: number[] = [];
  for (let i = 0; i < n; i++) {
    const lo = p10[i];
    const hi = p90[i];
    const a = actual[i] as number;
    if (lo === null || lo === undefined || hi === null || hi === undefined) {
      missing++;
      continue;
    }
    widths.push(hi - lo);
    if (a < lo) below++;
    else if (a > hi) above++;
    else inside++;
  }
  const share = (k: number): number => (n === 0 ? Number.NaN : k / n);
  return {
    n,
    coverage: share(inside),
    below: share(below),
    above: share(above),
    meanWidth: mean(widths),
    missing,
  };
}

/** Brier score and a reliability table of probabilities against what happened. */
export function calibration(p: readonly number[], outcome: readonly boolean[], bins = 10): Calibration {
  checkLengths(p, outcome);
  const n = p.length;
  const y = outcome.map((o) => (o ? 1 : 0));
  const baseRate = mean(y);
  const table: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const idx: number[] = [];
    for (let i = 0; i < n; i++) {
      const q = p[i] as number;
      if (q >= from && (q < to || (b === bins - 1 && q <= to))) idx.push(i);
    }
    table.push({
      from,
      to,
      n: idx.length,
      meanPredicted: mean(idx.map((i) => p[i] as number)),
      observed: mean(idx.map((i) => y[i] as number)),
    });
  }
  return {
    n,
    brier: mean(p.map((q, i) => (q - (y[i] as number)) ** 2)),
    brierReference: mean(y.map((v) => (v - baseRate) ** 2)),
    meanPredicted: mean(p),
    baseRate,
    bins: table,
  };
}

/** The gates' arithmetic: is `value` within [lo, hi]? NaN is never within. */
export const within = (value: number, lo: number, hi: number): boolean => value >= lo && value <= hi;
