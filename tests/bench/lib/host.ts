/**
 * How busy the whole machine was during a run (/proc/stat), so that CPU used by other processes
 * (a test suite running next to the bench, say) shows in the results instead of passing for noise.
 */
import { readFileSync } from 'node:fs';

const TICK_US = 10_000; // USER_HZ is 100 on Linux

export interface HostCpu {
  /** µs of CPU spent not idle, over all cores. */
  busyUs: number;
  at: number;
}

export function hostCpu(): HostCpu | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    return { busyUs: (total - idle) * TICK_US, at: performance.now() };
  } catch {
    return undefined;
  }
}

/** Cores kept busy by everything except `ownUs` of CPU, on average over the interval. */
export function othersCores(before: HostCpu | undefined, after: HostCpu | undefined, ownUs: number): number {
  if (!before || !after) return Number.NaN;
  const wallUs = (after.at - before.at) * 1000;
  return Math.max(0, after.busyUs - before.busyUs - ownUs) / wallUs;
}
