/**
 * Bearer secrets: session tokens and device tokens. Each is 256 random bits (base64url) behind a
 * short prefix saying which kind it is, so a token is looked up in one place only and a leaked one
 * is recognisable in logs. Only the SHA-256 of a token is ever stored: a stolen accounts file or
 * Redis dump does not let anyone in. (A fast hash is right here: the token has 256 bits of entropy,
 * unlike a password.)
 */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_TOKEN_PREFIX = 'luot_s_';
export const DEVICE_TOKEN_PREFIX = 'luot_d_';

/** 32 bytes base64url = 43 characters. */
const BODY = '[A-Za-z0-9_-]{43}';
const TOKEN_SHAPE = new RegExp(`^luot_[sd]_${BODY}$`);

export type TokenKind = 'session' | 'device';

export function newToken(kind: TokenKind): string {
  const prefix = kind === 'session' ? SESSION_TOKEN_PREFIX : DEVICE_TOKEN_PREFIX;
  return prefix + randomBytes(32).toString('base64url');
}

/** The kind of a well-formed token; undefined for anything else (not worth a store lookup). */
export function tokenKind(token: string): TokenKind | undefined {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  return token.startsWith(SESSION_TOKEN_PREFIX) ? 'session' : 'device';
}

/** What the stores keep instead of the token: SHA-256, hex. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Random ids for devices: 16 lower-case hex characters, a slug (safe in URLs and keys). */
export function newDeviceId(): string {
  return randomBytes(8).toString('hex');
}
