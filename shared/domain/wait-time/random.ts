/**
 * The estimator's seeded randomness: the Monte Carlo passes must give the same answer for the same
 * seed (tests assert exact outputs) on every machine. mulberry32 keeps 32 bits of state and uses
 * integer operations only (Math.imul, >>>), so its stream is bit-identical on every JS engine; the
 * transforms use only Math.log and Math.sqrt (sqrt is correctly rounded by IEEE 754; V8 computes
 * log with its own fdlibm port, not the platform's libm) — no sin/cos, hence the polar method
 * instead of Box–Muller. Not for anything secret: 2³² states are plenty for 100 passes.
 */

/** splitmix32's finaliser: nearby seeds (1, 2, 3…) start far apart in mulberry32's sequence. */
function mix(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Knuth's product method is exact but O(λ); sums of independent Poissons are Poisson, so chunk it. */
const POISSON_CHUNK = 30;

export class Rng {
  private state: number;
  /** The polar method makes normals in pairs: the second one waits here. */
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    this.state = mix(Math.floor(seed) | 0);
  }

  /** Uniform in [0, 1), 32 bits (mulberry32). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in (0, 1): safe to take the log of. */
  uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /** Standard normal (Marsaglia's polar method: log and sqrt only). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /** exp(N(mu, sigma²)). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Exponential with the given mean (the gap of a Poisson process of rate 1/mean). */
  exponential(mean: number): number {
    return -mean * Math.log(this.uniformOpen());
  }

  /** A Poisson count of mean `lambda` (exact: Knuth's method, in chunks of at most 30). */
  poisson(lambda: number): number {
    let n = 0;
    for (let left = lambda; left > 0; left -= POISSON_CHUNK) {
      const limit = Math.exp(-Math.min(left, POISSON_CHUNK));
      let p = this.uniform();
      while (p > limit) {
        n++;
        p *= this.uniform();
      }
    }
    return n;
  }
}

/**
 * The next event of a Poisson process with a piecewise-constant rate, by inversion of its
 * cumulative intensity: start at `from`, walk the segments [start[i], end[i]) (sorted, disjoint)
 * spending `need` units of rate × time (an Exp(1) draw for a random arrival; a fixed amount for
 * the deterministic pass's evenly spread arrivals). Returns the time, or Infinity past the last.
 *
 * `cursor` (a one-element array) keeps the segment index between calls, so a stream walks its
 * segments once in total instead of once per arrival.
 */
export function nextPoissonTime(
  from: number,
  need: number,
  start: ArrayLike<number>,
  end: ArrayLike<number>,
  rate: ArrayLike<number>,
  cursor: Int32Array,
  slot: number,
): number {
  let i = cursor[slot] as number;
  let t = from;
  let left = need;
  while (i < start.length) {
    const s = start[i] as number;
    const e = end[i] as number;
    if (t < s) t = s;
    if (t < e) {
      const r = rate[i] as number;
      if (r > 0) {
        const room = r * (e - t);
        if (left <= room) {
          cursor[slot] = i;
          return t + left / r;
        }
        left -= room;
      }
    }
    i++;
  }
  cursor[slot] = i;
  return Number.POSITIVE_INFINITY;
}
