/**
 * Password hashing with scrypt (node:crypto). Hashes describe themselves —
 * `scrypt$N$r$p$<salt>$<hash>` (salt and hash base64url) — so the cost can be raised later without
 * breaking stored hashes: verification reads the parameters from the hash.
 *
 * Passwords are NFC-normalised first: Vietnamese input methods may type "ệ" precomposed or as
 * "e" + combining marks, and the same password must match either way.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * One of OWASP's equivalent scrypt settings (N=2^15, r=8, p=3): 32 MiB per hash rather than the
 * 128 MiB of N=2^17, p=1 — the server may be the ward office's one Windows PC — at ~100–200 ms.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };

/** Cheap parameters for tests that create many users; never for real accounts. */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** A stored hash asking for more than this is refused (a corrupted or hostile file must not stall the server). */
const MAX_N = 2 ** 20;
const HASH = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{16,})$/;

function derive(
  password: string,
  salt: Buffer,
  keyBytes: number,
  { N, r, p }: ScryptParams,
): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) is exactly the default cost, with no headroom.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Does `password` match `stored`? A malformed hash never matches. Constant-time comparison. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = HASH.exec(stored);
  if (!m) return false;
  const params: ScryptParams = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  const validCost =
    params.N >= 2 &&
    params.N <= MAX_N &&
    (params.N & (params.N - 1)) === 0 &&
    params.r >= 1 &&
    params.r <= 32;
  if (!validCost || params.p < 1 || params.p > 16) return false;
  const salt = Buffer.from(m[4] ?? '', 'base64url');
  const expected = Buffer.from(m[5] ?? '', 'base64url');
  const actual = await derive(password, salt, expected.length, params);
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password with the default cost: a login for an unknown user is checked
 * against it, so it takes as long as a wrong password for a real one (no user enumeration by timing).
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('base64url'));
  return dummy;
}

/** A password for the first admin when none is configured: 20 URL-safe characters (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
