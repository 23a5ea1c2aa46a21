/** Small statistics helpers: medians across rounds, percentiles within a run. */

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile of an ascending array (p in 0–100); NaN when empty. */
export function percentile(ascending: readonly number[], p: number): number {
  if (ascending.length === 0) return Number.NaN;
  const rank = Math.min(ascending.length, Math.max(1, Math.ceil((p / 100) * ascending.length)));
  return ascending[rank - 1] as number;
}

export function median(values: readonly number[]): number {
  const s = sorted(values.filter((v) => Number.isFinite(v)));
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median and min–max of the finite values (one per round). */
export function spread(values: readonly number[]): Spread {
  const s = sorted(values.filter((v) => Number.isFinite(v)));
  return {
    median: median(s),
    min: s[0] ?? Number.NaN,
    max: s.at(-1) ?? Number.NaN,
    n: s.length,
  };
}

/** Latencies of one run, in µs. */
export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  count: number;
}

export function summarizeLatency(samplesUs: readonly number[]): LatencySummary {
  const s = sorted(samplesUs);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    p99: percentile(s, 99),
    max: s.at(-1) ?? Number.NaN,
    mean: s.length > 0 ? sum / s.length : Number.NaN,
    count: s.length,
  };
}

/** Rounds a figure for the JSON file and the table: 3 significant digits, integers kept whole. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value);
  return Number(value.toPrecision(3));
}
