import { describe, expect, it } from 'vitest';
import { readCookie } from '../../server/auth/authenticator.js';
import { lockRemainingMs, MemoryAttempts, USERNAME_ATTEMPTS } from '../../server/auth/login-limiter.js';
import {
  DEFAULT_SCRYPT,
  generatePassword,
  hashPassword,
  TEST_SCRYPT,
  verifyPassword,
} from '../../server/auth/passwords.js';
import { newToken, tokenHash, tokenKind } from '../../server/auth/tokens.js';

describe('passwords', () => {
  it('hashes to a self-describing scrypt string with a fresh salt each time', async () => {
    const a = await hashPassword('mật khẩu 123', TEST_SCRYPT);
    const b = await hashPassword('mật khẩu 123', TEST_SCRYPT);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu 123', a)).toBe(true);
    expect(await verifyPassword('mật khẩu 124', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('uses the default cost unless told otherwise, and verifies by the parameters stored in the hash', async () => {
    const hash = await hashPassword('default-cost', DEFAULT_SCRYPT);
    expect(hash.startsWith(`scrypt$${DEFAULT_SCRYPT.N}$${DEFAULT_SCRYPT.r}$${DEFAULT_SCRYPT.p}$`)).toBe(true);
    expect(await verifyPassword('default-cost', hash)).toBe(true);
  });

  it('matches a Vietnamese password typed precomposed or decomposed', async () => {
    const hash = await hashPassword('Phúc Diễn'.normalize('NFC'), TEST_SCRYPT);
    expect(await verifyPassword('Phúc Diễn'.normalize('NFD'), hash)).toBe(true);
  });

  it('never matches a malformed or hostile hash', async () => {
    const good = await hashPassword('x', TEST_SCRYPT);
    for (const bad of [
      '',
      'plain-text',
      good.replace('scrypt$', 'bcrypt$'),
      good.replace('$1024$', '$1000$'), // N not a power of two
      good.replace('$1024$', `$${2 ** 24}$`), // absurd cost
      good.replace('$8$1$', '$8$99$'),
    ]) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('generates first-admin passwords of 20 URL-safe characters', () => {
    const p = generatePassword();
    expect(p).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(generatePassword()).not.toBe(p);
  });
});

describe('tokens', () => {
  it('carry 256 random bits behind a prefix saying their kind; only well-formed ones have a kind', () => {
    const s = newToken('session');
    const d = newToken('device');
    expect(s).toMatch(/^luot_s_[A-Za-z0-9_-]{43}$/);
    expect(d).toMatch(/^luot_d_[A-Za-z0-9_-]{43}$/);
    expect(tokenKind(s)).toBe('session');
    expect(tokenKind(d)).toBe('device');
    for (const bad of ['', 'luot_s_short', `luot_x_${'a'.repeat(43)}`, `${s}x`, ` ${s}`])
      expect(tokenKind(bad)).toBeUndefined();
    expect(tokenHash(s)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('readCookie', () => {
  it('finds the named cookie among others, quoted or not', () => {
    expect(readCookie('a=1; luot_session=abc; b=2', 'luot_session')).toBe('abc');
    expect(readCookie('luot_session="abc"', 'luot_session')).toBe('abc');
    expect(readCookie('xluot_session=abc', 'luot_session')).toBeUndefined();
    expect(readCookie('', 'luot_session')).toBeUndefined();
    expect(readCookie(undefined, 'luot_session')).toBeUndefined();
  });
});

describe('login throttling rule', () => {
  const policy = USERNAME_ATTEMPTS;

  it('locks from the 5th counted attempt on, doubling, capped, forgotten after an hour', () => {
    expect(lockRemainingMs(undefined, 0, policy)).toBe(0);
    expect(lockRemainingMs({ n: 4, last: 0 }, 0, policy)).toBe(0);
    expect(lockRemainingMs({ n: 5, last: 0 }, 0, policy)).toBe(1000);
    expect(lockRemainingMs({ n: 7, last: 0 }, 1000, policy)).toBe(3000);
    expect(lockRemainingMs({ n: 60, last: 0 }, 0, policy)).toBe(15 * 60_000);
    expect(lockRemainingMs({ n: 60, last: 0 }, 60 * 60_000, policy)).toBe(0);
  });

  it('keeps memory bounded when an attacker sprays random usernames', () => {
    const attempts = new MemoryAttempts();
    for (let i = 0; i < 60_000; i++) attempts.take(`u:${i}`, policy, i);
    const size = (attempts as unknown as { records: Map<string, unknown> }).records.size;
    expect(size).toBeLessThanOrEqual(50_000);
    // The newest keys are kept.
    for (let i = 0; i < 4; i++) attempts.take('u:59999', policy, 60_000);
    expect(attempts.take('u:59999', policy, 60_000)).toBeGreaterThan(0);
  });
});
