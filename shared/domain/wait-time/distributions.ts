/**
 * The lognormal arithmetic of the replay: the mean of a service, and what is left of a service
 * already under way (the counter's residual time), in the mean and as a draw. A ticket served for
 * 20 minutes of a service whose median is 8 is probably a long one: conditioning on the elapsed
 * time is what makes "free at" right for the counters that are busy now.
 *
 * Units are the caller's: `mu` is the log of whatever unit `elapsed` is in.
 */
import type { Rng } from './random.js';

/** Numerical Recipes' Chebyshev fit of erfc (`erfcc`): c0 + c1·t + … + c9·t⁹. */
const ERFC = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
] as const;

/**
 * erfc with fractional error < 1.2e-7 everywhere: relative, not absolute, accuracy in the far
 * tail, which the ratio of two tails in `residualMean` needs.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  let poly = 0;
  for (let i = ERFC.length - 1; i >= 0; i--) poly = (ERFC[i] as number) + t * poly;
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

/** P(Z > z) for a standard normal Z. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

// Acklam's coefficients (module constants: normalInv runs in the Monte Carlo loop).
const A0 = -39.6968302866538;
const A1 = 220.946098424521;
const A2 = -275.928510446969;
const A3 = 138.357751867269;
const A4 = -30.6647980661472;
const A5 = 2.50662827745924;
const B0 = -54.4760987982241;
const B1 = 161.585836858041;
const B2 = -155.698979859887;
const B3 = 66.8013118877197;
const B4 = -13.2806815528857;
const C0 = -0.00778489400243029;
const C1 = -0.322396458041136;
const C2 = -2.40075827716184;
const C3 = -2.54973253934373;
const C4 = 4.37466414146497;
const C5 = 2.93816398269878;
const D0 = 0.00778469570904146;
const D1 = 0.32246712907004;
const D2 = 2.445134137143;
const D3 = 3.75440866190742;
const P_LOW = 0.02425;

/** Φ⁻¹(p) for 0 < p < 1 (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalInv(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) /
      ((((D0 * q + D1) * q + D2) * q + D3) * q + 1)
    );
  }
  if (p > 1 - P_LOW) return -normalInv(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q) /
    (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1)
  );
}

/** Below this the lognormal is treated as a constant exp(mu) (tests use sigma 0 for exact answers). */
const SIGMA_EPS = 1e-9;

/** E[D] for ln D ~ N(mu, sigma²). */
export function lognormalMean(mu: number, sigma: number): number {
  return Math.exp(mu + (sigma * sigma) / 2);
}

/**
 * E[D − e | D > e]: the expected time left of a service that has lasted `elapsed` already.
 * E[D | D > e] = exp(mu + σ²/2) · P(Z > z − σ) / P(Z > z), z = (ln e − mu)/σ.
 */
export function residualMean(mu: number, sigma: number, elapsed: number): number {
  if (elapsed <= 0) return lognormalMean(mu, sigma);
  if (sigma < SIGMA_EPS) return Math.max(0, Math.exp(mu) - elapsed);
  const z = (Math.log(elapsed) - mu) / sigma;
  const tail = normalSf(z);
  // Past ~38 σ the tail underflows; the Mills-ratio limit E[D − e | D > e] ≈ e·σ/z takes over.
  if (tail < 1e-300) return (elapsed * sigma) / z;
  return Math.max(0, (lognormalMean(mu, sigma) * normalSf(z - sigma)) / tail - elapsed);
}

/** A draw of D − e given D > e, by inversion of the upper tail (no rejection loop, however long e is). */
export function sampleResidual(rng: Rng, mu: number, sigma: number, elapsed: number): number {
  if (elapsed <= 0) return rng.lognormal(mu, sigma);
  if (sigma < SIGMA_EPS) return Math.max(0, Math.exp(mu) - elapsed);
  const z = (Math.log(elapsed) - mu) / sigma;
  const tail = normalSf(z);
  if (tail < 1e-300) return rng.exponential((elapsed * sigma) / z);
  // P(Z > x) = u·tail, u ∈ (0, 1): x = −Φ⁻¹(u·tail), accurate because u·tail is small, not near 1.
  const x = -normalInv(rng.uniformOpen() * tail);
  return Math.max(0, Math.exp(mu + sigma * x) - elapsed);
}
