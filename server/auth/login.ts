/**
 * Password login, throttled (login-limiter.ts): the client IP and the username each take an
 * attempt before the password is checked. Every failure — unknown user, wrong password, disabled
 * account — is the same INVALID_CREDENTIALS after the same scrypt work, so nobody learns which
 * usernames exist.
 */
import { createHash } from 'node:crypto';
import { SLUG } from '../../shared/domain/ids.js';
import { QueueError } from '../../shared/protocol/errors.js';
import type { Clock } from '../store/types.js';
import type { AccountStore, User } from './account-store.js';
import { IP_ATTEMPTS, USERNAME_ATTEMPTS } from './login-limiter.js';
import { dummyHash, verifyPassword } from './passwords.js';

export interface LoginInput {
  username: string;
  password: string;
  /** The client's address (behind a proxy: with TRUST_PROXY, the forwarded one). */
  ip: string;
}

export interface LoginResult {
  token: string;
  expiresAt: number;
  user: User;
}

/** Usernames are slugs; people type "Admin " too. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Attempt-counter keys: hashed usernames (any string may arrive), plain IPs. */
export function usernameAttemptKey(username: string): string {
  return `u:${createHash('sha256').update(normaliseUsername(username)).digest('hex').slice(0, 32)}`;
}
export function ipAttemptKey(ip: string): string {
  return `ip:${ip}`;
}

function rateLimited(lockedMs: number): QueueError {
  return new QueueError('RATE_LIMITED', { retryAfterSeconds: Math.max(1, Math.ceil(lockedMs / 1000)) });
}

export async function login(
  accounts: AccountStore,
  input: LoginInput,
  opts: { sessionTtlMs: number; clock: Clock },
): Promise<LoginResult> {
  const username = normaliseUsername(input.username);
  const ipKey = ipAttemptKey(input.ip);
  const userKey = usernameAttemptKey(username);
  const ipLocked = await accounts.takeLoginAttempt(ipKey, IP_ATTEMPTS);
  if (ipLocked > 0) throw rateLimited(ipLocked);
  const userLocked = await accounts.takeLoginAttempt(userKey, USERNAME_ATTEMPTS);
  if (userLocked > 0) {
    // No password was tried: the IP keeps its attempt (an office behind one NAT address is not
    // punished for someone hammering a locked name).
    await accounts.settleLoginAttempt(ipKey, false);
    throw rateLimited(userLocked);
  }
  const user = SLUG.test(username) ? await accounts.getUser(username) : undefined;
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !matches || user.disabled) throw new QueueError('INVALID_CREDENTIALS');
  await Promise.all([accounts.settleLoginAttempt(userKey, true), accounts.settleLoginAttempt(ipKey, false)]);
  const expiresAt = opts.clock() + opts.sessionTtlMs;
  const token = await accounts.createSession(user.id, opts.sessionTtlMs);
  return { token, expiresAt, user };
}
