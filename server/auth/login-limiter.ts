/**
 * Login throttling: every login attempt is counted per username and per client IP *before* the
 * password is checked (so a burst of parallel guesses cannot slip past the count), and taken back
 * when the login succeeds. Past `free` attempts a key is locked for `baseDelayMs · 2^(n − free)`
 * after its last attempt (capped at `maxDelayMs`); a locked key answers 429 with Retry-After.
 * A key is forgotten `forgetAfterMs` after its last attempt.
 *
 * The counters live in the account store: in memory for the embedded engine (one process), in
 * Redis for the Redis engine (shared by every process). `lockRemainingMs` is the rule; the Redis
 * script in redis-account-store.ts is the same rule in Lua.
 */

export interface AttemptPolicy {
  /** Attempts allowed back to back before delays start. */
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

const MINUTE = 60_000;

/** Per username: 5 tries, then 1 s, 2 s, 4 s … up to 15 min between tries. */
export const USERNAME_ATTEMPTS: AttemptPolicy = {
  free: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * MINUTE,
  forgetAfterMs: 60 * MINUTE,
};

/**
 * Per client IP: looser, because a whole office's officers may reach a central server through one
 * NAT address, and successful logins give their attempt back.
 */
export const IP_ATTEMPTS: AttemptPolicy = {
  free: 20,
  baseDelayMs: 1000,
  maxDelayMs: 15 * MINUTE,
  forgetAfterMs: 60 * MINUTE,
};

export interface AttemptRecord {
  /** Attempts counted (not taken back). */
  n: number;
  /** Time of the last counted attempt. */
  last: number;
}

/** How long `record` stays locked at `now` (0: an attempt may go ahead). */
export function lockRemainingMs(
  record: AttemptRecord | undefined,
  now: number,
  policy: AttemptPolicy,
): number {
  if (!record || record.n < policy.free || now - record.last >= policy.forgetAfterMs) return 0;
  const delay = Math.min(policy.baseDelayMs * 2 ** (record.n - policy.free), policy.maxDelayMs);
  return Math.max(0, record.last + delay - now);
}

/** Upper bound on keys kept in memory: random usernames must not grow the map without end. */
const MAX_KEYS = 50_000;

/** The embedded engine's counters. */
export class MemoryAttempts {
  private readonly records = new Map<string, AttemptRecord & { forgetAt: number }>();

  /** 0: counted, go ahead; > 0: locked for that many ms (nothing counted). */
  take(key: string, policy: AttemptPolicy, now: number): number {
    let record = this.records.get(key);
    if (record && now >= record.forgetAt) {
      this.records.delete(key);
      record = undefined;
    }
    const locked = lockRemainingMs(record, now, policy);
    if (locked > 0) return locked;
    // Re-inserting keeps the map in order of last attempt, so the oldest entries go first.
    this.records.delete(key);
    this.records.set(key, { n: (record?.n ?? 0) + 1, last: now, forgetAt: now + policy.forgetAfterMs });
    if (this.records.size > MAX_KEYS) this.evict(now);
    return 0;
  }

  /** After a successful login: `reset` forgets the key, otherwise one attempt is taken back. */
  settle(key: string, reset: boolean): void {
    const record = this.records.get(key);
    if (!record) return;
    if (reset || record.n <= 1) this.records.delete(key);
    else record.n -= 1;
  }

  private evict(now: number): void {
    for (const [key, record] of this.records) {
      if (this.records.size <= MAX_KEYS && now < record.forgetAt) break;
      this.records.delete(key);
    }
  }
}
