/**
 * The contract both account stores honour: DATA_DIR/accounts.json for the embedded engine, Redis
 * keys for the Redis engine. Time comes from an injected clock.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountStore, User } from '../../server/auth/account-store.js';
import { ACCOUNTS_FILE, AccountsFileError, FileAccountStore } from '../../server/auth/file-account-store.js';
import { USERNAME_ATTEMPTS } from '../../server/auth/login-limiter.js';
import { openAccounts } from '../../server/auth/open-accounts.js';
import { hashPassword, TEST_SCRYPT } from '../../server/auth/passwords.js';
import type { RedisAccountStore } from '../../server/auth/redis-account-store.js';
import { DEVICE_TOKEN_PREFIX, SESSION_TOKEN_PREFIX, tokenHash } from '../../server/auth/tokens.js';
import { loadConfig } from '../../server/config.js';
import { accountEngines, type AccountsHandle } from '../helpers/accounts.js';
import { TestClock } from '../helpers/clock.js';
import { REDIS_URL, TEST_TMP } from '../helpers/engines.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

async function aUser(id: string, extra: Partial<User> = {}): Promise<User> {
  return {
    id,
    displayName: id,
    role: 'officer',
    officeIds: ['o1'],
    disabled: false,
    passwordHash: await hashPassword(`pw-of-${id}`, TEST_SCRYPT),
    createdAt: 1,
    ...extra,
  };
}

describe.each(accountEngines)('$name account store', (engine) => {
  let handle: AccountsHandle;
  let accounts: AccountStore;
  let clock: TestClock;

  beforeEach(async (ctx) => {
    if (!engine.available) ctx.skip();
    clock = new TestClock('2026-11-30T09:00');
    handle = await engine.create({ clock: clock.fn });
    accounts = handle.accounts;
  });

  afterEach(async () => {
    await handle?.dispose();
  });

  describe('users', () => {
    it('creates, reads, lists in id order and replaces users', async () => {
      const lan = await aUser('lan');
      expect(await accounts.createUser(await aUser('minh'))).toBe(true);
      expect(await accounts.createUser(lan)).toBe(true);
      expect(await accounts.getUser('lan')).toEqual(lan);
      expect((await accounts.listUsers()).map((u) => u.id)).toEqual(['lan', 'minh']);
      await accounts.putUser({ ...lan, role: 'supervisor', officeIds: ['o1', 'o2'] });
      expect(await accounts.getUser('lan')).toMatchObject({ role: 'supervisor', officeIds: ['o1', 'o2'] });
      expect(await accounts.getUser('nobody')).toBeUndefined();
    });

    it('refuses to create a user whose id is taken, leaving the first one alone', async () => {
      const first = await aUser('lan', { displayName: 'Lan 1' });
      await accounts.createUser(first);
      expect(await accounts.createUser(await aUser('lan', { displayName: 'Lan 2' }))).toBe(false);
      expect(await accounts.getUser('lan')).toEqual(first);
    });

    it('gives only one of many concurrent creations of a username', async () => {
      const users = await Promise.all([1, 2, 3, 4, 5].map((i) => aUser('same', { displayName: `n${i}` })));
      const results = await Promise.all(users.map((u) => accounts.createUser(u)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('hands out copies: changing a returned user changes nothing stored', async () => {
      await accounts.createUser(await aUser('lan'));
      const copy = (await accounts.getUser('lan'))!;
      copy.officeIds.push('o9');
      copy.disabled = true;
      expect(await accounts.getUser('lan')).toMatchObject({ officeIds: ['o1'], disabled: false });
    });

    it('keeps users across a restart (or for another process)', async () => {
      await accounts.createUser(await aUser('lan'));
      const again = await handle.reopen();
      expect(await again.getUser('lan')).toEqual(await accounts.getUser('lan'));
    });
  });

  describe('sessions', () => {
    beforeEach(async () => {
      await accounts.createUser(await aUser('lan'));
    });

    it('resolves a session token to its user until the session expires', async () => {
      const token = await accounts.createSession('lan', HOUR);
      expect(token.startsWith(SESSION_TOKEN_PREFIX)).toBe(true);
      expect((await accounts.sessionUser(token))?.id).toBe('lan');
      clock.advance(HOUR - 1);
      expect((await accounts.sessionUser(token))?.id).toBe('lan');
      clock.advance(1);
      expect(await accounts.sessionUser(token)).toBeUndefined();
    });

    it('gives a different random token to every session', async () => {
      const tokens = await Promise.all([1, 2, 3].map(() => accounts.createSession('lan', HOUR)));
      expect(new Set(tokens).size).toBe(3);
      for (const t of tokens) expect((await accounts.sessionUser(t))?.id).toBe('lan');
    });

    it('forgets a deleted session, and only that one', async () => {
      const a = await accounts.createSession('lan', HOUR);
      const b = await accounts.createSession('lan', HOUR);
      await accounts.deleteSession(a);
      expect(await accounts.sessionUser(a)).toBeUndefined();
      expect((await accounts.sessionUser(b))?.id).toBe('lan');
      await accounts.deleteSession(a); // twice: no error
    });

    it('answers nothing for unknown or made-up tokens', async () => {
      expect(await accounts.sessionUser(`${SESSION_TOKEN_PREFIX}${'A'.repeat(43)}`)).toBeUndefined();
      expect(await accounts.sessionUser('')).toBeUndefined();
    });

    it("stops a disabled user's sessions at once, and they work again when re-enabled", async () => {
      const token = await accounts.createSession('lan', HOUR);
      const lan = (await accounts.getUser('lan'))!;
      await accounts.putUser({ ...lan, disabled: true });
      expect(await accounts.sessionUser(token)).toBeUndefined();
      await accounts.putUser({ ...lan, disabled: false });
      expect((await accounts.sessionUser(token))?.id).toBe('lan');
    });

    it('ends every earlier session when the session epoch moves (a password reset)', async () => {
      const before = await accounts.createSession('lan', HOUR);
      const lan = (await accounts.getUser('lan'))!;
      await accounts.putUser({ ...lan, sessionEpoch: 1 });
      expect(await accounts.sessionUser(before)).toBeUndefined();
      const after = await accounts.createSession('lan', HOUR);
      expect((await accounts.sessionUser(after))?.id).toBe('lan');
    });

    it('sees a user change in an existing session (role, offices)', async () => {
      const token = await accounts.createSession('lan', HOUR);
      const lan = (await accounts.getUser('lan'))!;
      await accounts.putUser({ ...lan, role: 'supervisor', officeIds: ['o2'] });
      expect(await accounts.sessionUser(token)).toMatchObject({ role: 'supervisor', officeIds: ['o2'] });
    });

    it('shares sessions with a restarted store or another process', async () => {
      const token = await accounts.createSession('lan', HOUR);
      const again = await handle.reopen();
      expect((await again.sessionUser(token))?.id).toBe('lan');
      await again.deleteSession(token);
      if (engine.name === 'redis') expect(await accounts.sessionUser(token)).toBeUndefined();
    });
  });

  describe('devices', () => {
    it('pairs a device with a token shown once, and finds the device by it, recording when it was seen', async () => {
      const { device, token } = await accounts.createDevice({
        kind: 'kiosk',
        officeId: 'o1',
        name: 'Sảnh A',
      });
      expect(token.startsWith(DEVICE_TOKEN_PREFIX)).toBe(true);
      expect(device).toEqual({
        id: device.id,
        kind: 'kiosk',
        officeId: 'o1',
        name: 'Sảnh A',
        createdAt: clock.now,
      });
      expect(device).not.toHaveProperty('tokenHash');
      clock.advance(5 * MIN);
      const seen = await accounts.deviceByToken(token);
      expect(seen).toMatchObject({ id: device.id, lastSeenAt: clock.now });
      expect(seen).not.toHaveProperty('tokenHash');
      expect(await accounts.getDevice(device.id)).toMatchObject({ lastSeenAt: clock.now });
    });

    it('records last-seen to the minute, not on every request', async () => {
      const { device, token } = await accounts.createDevice({ kind: 'display', officeId: 'o1', name: 'TV' });
      await accounts.deviceByToken(token);
      const first = clock.now;
      clock.advance(30_000);
      await accounts.deviceByToken(token);
      expect((await accounts.getDevice(device.id))?.lastSeenAt).toBe(first);
      clock.advance(30_000);
      await accounts.deviceByToken(token);
      expect((await accounts.getDevice(device.id))?.lastSeenAt).toBe(first + MIN);
      expect((await accounts.listDevices('o1'))[0]?.lastSeenAt).toBe(first + MIN);
    });

    it('lists devices in pairing order, all or of one office', async () => {
      const a = await accounts.createDevice({ kind: 'kiosk', officeId: 'o1', name: 'A' });
      clock.advance(1);
      const b = await accounts.createDevice({ kind: 'display', officeId: 'o2', name: 'B' });
      clock.advance(1);
      const c = await accounts.createDevice({ kind: 'display', officeId: 'o1', name: 'C' });
      expect((await accounts.listDevices()).map((d) => d.id)).toEqual([
        a.device.id,
        b.device.id,
        c.device.id,
      ]);
      expect((await accounts.listDevices('o1')).map((d) => d.name)).toEqual(['A', 'C']);
      expect(await accounts.listDevices('o3')).toEqual([]);
    });

    it('revokes a device: its token stops working at once; revoking again keeps the first time', async () => {
      const { device, token } = await accounts.createDevice({ kind: 'kiosk', officeId: 'o1', name: 'A' });
      const other = await accounts.createDevice({ kind: 'kiosk', officeId: 'o1', name: 'B' });
      clock.advance(MIN);
      const revoked = await accounts.revokeDevice(device.id);
      expect(revoked).toMatchObject({ id: device.id, revokedAt: clock.now });
      expect(await accounts.deviceByToken(token)).toBeUndefined();
      expect((await accounts.deviceByToken(other.token))?.id).toBe(other.device.id);
      clock.advance(MIN);
      expect((await accounts.revokeDevice(device.id))?.revokedAt).toBe(clock.now - MIN);
      expect(await accounts.revokeDevice('nope')).toBeUndefined();
      expect((await accounts.listDevices()).find((d) => d.id === device.id)?.revokedAt).toBe(clock.now - MIN);
    });

    it('keeps devices and revocations across a restart', async () => {
      const kept = await accounts.createDevice({ kind: 'kiosk', officeId: 'o1', name: 'A' });
      const gone = await accounts.createDevice({ kind: 'kiosk', officeId: 'o1', name: 'B' });
      await accounts.revokeDevice(gone.device.id);
      const again = await handle.reopen();
      expect((await again.deviceByToken(kept.token))?.id).toBe(kept.device.id);
      expect(await again.deviceByToken(gone.token)).toBeUndefined();
    });

    it("keeps a kiosk's printer settings, seen through its token, across a restart", async () => {
      const { device, token } = await accounts.createDevice({ kind: 'kiosk', officeId: 'o1', name: 'A' });
      expect((await accounts.deviceByToken(token))?.printer).toBeUndefined();
      const printer = { mode: 'server', url: 'tcp://127.0.0.1:9100', paper: 58 } as const;
      expect((await accounts.setDevicePrinter(device.id, printer))?.printer).toEqual(printer);
      // The token lookup (cached for a moment on Redis) sees the change made through this store at once.
      expect((await accounts.deviceByToken(token))?.printer).toEqual(printer);
      expect((await accounts.getDevice(device.id))?.printer).toEqual(printer);
      expect((await accounts.listDevices('o1'))[0]?.printer).toEqual(printer);
      expect(await accounts.setDevicePrinter('nope', printer)).toBeUndefined();
      const again = await handle.reopen();
      expect((await again.getDevice(device.id))?.printer).toEqual(printer);
    });

    it('records the last printer health of a device and hands out copies', async () => {
      const { device } = await accounts.createDevice({ kind: 'kiosk', officeId: 'o1', name: 'A' });
      await accounts.setPrinterHealth(device.id, { state: 'near_end', checkedAt: clock.now });
      await accounts.setPrinterHealth(device.id, { state: 'paper_end', checkedAt: clock.now + 1 });
      const seen = await accounts.getDevice(device.id);
      expect(seen?.printerHealth).toEqual({ state: 'paper_end', checkedAt: clock.now + 1 });
      if (seen?.printerHealth) seen.printerHealth.state = 'ok';
      expect((await accounts.listDevices('o1'))[0]?.printerHealth?.state).toBe('paper_end');
      await accounts.setPrinterHealth('nope', { state: 'ok', checkedAt: clock.now });
      expect(await accounts.getDevice('nope')).toBeUndefined();
    });

    it('answers nothing for a session token presented as a device token, and vice versa', async () => {
      await accounts.createUser(await aUser('lan'));
      const session = await accounts.createSession('lan', HOUR);
      const { token } = await accounts.createDevice({ kind: 'kiosk', officeId: 'o1', name: 'A' });
      expect(await accounts.deviceByToken(session)).toBeUndefined();
      expect(await accounts.sessionUser(token)).toBeUndefined();
    });
  });

  describe('secrets at rest', () => {
    it('stores no token and no password, only their hashes', async () => {
      await accounts.createUser(await aUser('lan'));
      const session = await accounts.createSession('lan', HOUR);
      const { token } = await accounts.createDevice({ kind: 'kiosk', officeId: 'o1', name: 'A' });
      const everything = await dump(engine.name, accounts);
      expect(everything).not.toContain(session);
      expect(everything).not.toContain(token);
      expect(everything).not.toContain('pw-of-lan');
      expect(everything).toContain(tokenHash(session));
      expect(everything).toContain(tokenHash(token));
      expect(everything).toMatch(/scrypt\$1024\$8\$1\$/);
    });
  });

  describe('login attempts', () => {
    const policy = USERNAME_ATTEMPTS;

    it('lets 5 attempts through, then locks for 1 s, 2 s, 4 s … after each further attempt', async () => {
      for (let i = 0; i < 5; i++) expect(await accounts.takeLoginAttempt('u:x', policy)).toBe(0);
      expect(await accounts.takeLoginAttempt('u:x', policy)).toBe(1000);
      clock.advance(400);
      expect(await accounts.takeLoginAttempt('u:x', policy)).toBe(600);
      clock.advance(600);
      expect(await accounts.takeLoginAttempt('u:x', policy)).toBe(0);
      expect(await accounts.takeLoginAttempt('u:x', policy)).toBe(2000);
      clock.advance(2000);
      expect(await accounts.takeLoginAttempt('u:x', policy)).toBe(0);
      expect(await accounts.takeLoginAttempt('u:x', policy)).toBe(4000);
      expect(await accounts.takeLoginAttempt('u:other', policy)).toBe(0);
    });

    it('caps the delay at 15 minutes and forgets a key an hour after its last attempt', async () => {
      const locks: number[] = [];
      for (let i = 0; i < 40; i++) {
        const locked = await accounts.takeLoginAttempt('u:x', policy);
        if (locked === 0) continue;
        locks.push(locked);
        clock.advance(locked);
      }
      // 1 s, 2 s, … 512 s, then 900 s (15 min) from the 11th lock on.
      expect(locks.slice(0, 11)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900].map((s) => s * 1000));
      expect(new Set(locks.slice(10))).toEqual(new Set([15 * MIN]));
      clock.advance(15 * MIN);
      expect(await accounts.takeLoginAttempt('u:x', policy)).toBe(0);
      expect(await accounts.takeLoginAttempt('u:x', policy)).toBe(15 * MIN);
      clock.advance(HOUR);
      for (let i = 0; i < 5; i++) expect(await accounts.takeLoginAttempt('u:x', policy)).toBe(0);
    });

    it('forgets a key on a reset and takes back one attempt otherwise', async () => {
      for (let i = 0; i < 5; i++) await accounts.takeLoginAttempt('u:x', policy);
      await accounts.settleLoginAttempt('u:x', false);
      expect(await accounts.takeLoginAttempt('u:x', policy)).toBe(0);
      expect(await accounts.takeLoginAttempt('u:x', policy)).toBeGreaterThan(0);
      await accounts.settleLoginAttempt('u:x', true);
      for (let i = 0; i < 5; i++) expect(await accounts.takeLoginAttempt('u:x', policy)).toBe(0);
      await accounts.settleLoginAttempt('u:never-seen', false);
      await accounts.settleLoginAttempt('u:never-seen', true);
    });

    it('counts parallel attempts exactly: a burst cannot slip past the limit', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => accounts.takeLoginAttempt('u:x', policy)),
      );
      expect(results.filter((ms) => ms === 0)).toHaveLength(5);
    });

    // Registered only for Redis: the file store lives in one process.
    if (engine.name === 'redis')
      it('shares the counters between processes', async () => {
        const other = await handle.reopen();
        for (let i = 0; i < 5; i++) await accounts.takeLoginAttempt('ip:10.0.0.1', policy);
        expect(await other.takeLoginAttempt('ip:10.0.0.1', policy)).toBe(1000);
      });
  });
});

/** Everything a store has written, as text: the file, or every value of the namespace's keys. */
async function dump(kind: 'file' | 'redis', accounts: AccountStore): Promise<string> {
  if (kind === 'file') return readFile((accounts as FileAccountStore).path, 'utf8');
  const namespace = (accounts as RedisAccountStore).namespace;
  const raw = new Redis(REDIS_URL);
  try {
    const parts: string[] = [];
    for (const key of await raw.keys(`${namespace}:*`)) {
      const type = await raw.type(key);
      parts.push(key);
      if (type === 'string') parts.push((await raw.get(key)) ?? '');
      else if (type === 'hash') parts.push(JSON.stringify(await raw.hgetall(key)));
    }
    return parts.join('\n');
  } finally {
    raw.disconnect();
  }
}

describe('file account store on disk', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(TEST_TMP, 'luot-accounts-file-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('saves every change of a burst of concurrent writes, with no temporary file left behind', async () => {
    const store = await FileAccountStore.open({ dataDir });
    const users = await Promise.all(Array.from({ length: 20 }, (_, i) => aUser(`u${i}`)));
    await Promise.all(users.map((u) => store.createUser(u)));
    await Promise.all(users.map((u) => store.createSession(u.id, HOUR)));
    await store.close();
    expect((await readdir(dataDir)).sort()).toEqual([ACCOUNTS_FILE]);
    const again = await FileAccountStore.open({ dataDir });
    expect(await again.listUsers()).toHaveLength(20);
    const file = JSON.parse(await readFile(join(dataDir, ACCOUNTS_FILE), 'utf8')) as { sessions: unknown[] };
    expect(file.sessions).toHaveLength(20);
    await again.close();
  });

  it('drops expired sessions from the file', async () => {
    const clock = new TestClock();
    const store = await FileAccountStore.open({ dataDir, clock: clock.fn });
    await store.createUser(await aUser('lan'));
    await store.createSession('lan', MIN);
    clock.advance(2 * MIN);
    await store.createSession('lan', HOUR);
    const file = JSON.parse(await readFile(store.path, 'utf8')) as { sessions: unknown[] };
    expect(file.sessions).toHaveLength(1);
    await store.close();
  });

  it('refuses to start on a damaged accounts file rather than overwrite it', async () => {
    await writeFile(join(dataDir, ACCOUNTS_FILE), '{"format": 1, "users": [');
    await expect(FileAccountStore.open({ dataDir })).rejects.toBeInstanceOf(AccountsFileError);
    await writeFile(join(dataDir, ACCOUNTS_FILE), '{"hello": "world"}');
    await expect(FileAccountStore.open({ dataDir })).rejects.toThrow(/not a Lượt accounts file/);
    expect(await readFile(join(dataDir, ACCOUNTS_FILE), 'utf8')).toBe('{"hello": "world"}');
  });

  it('saves last-seen times in the background, kept across a restart', async () => {
    const clock = new TestClock();
    const store = await FileAccountStore.open({ dataDir, clock: clock.fn });
    const { device, token } = await store.createDevice({ kind: 'display', officeId: 'o1', name: 'TV' });
    clock.advance(MIN);
    await store.deviceByToken(token);
    await store.close();
    const again = await FileAccountStore.open({ dataDir });
    expect((await again.getDevice(device.id))?.lastSeenAt).toBe(clock.now);
    await again.close();
  });
});

describe('openAccounts', () => {
  it('opens DATA_DIR/accounts.json without REDIS_URL, and Redis with it', async () => {
    const dataDir = await mkdtemp(join(TEST_TMP, 'luot-open-accounts-'));
    try {
      const file = await openAccounts(loadConfig({ DATA_DIR: dataDir }));
      expect(file).toBeInstanceOf(FileAccountStore);
      await file.createUser(await aUser('lan'));
      await file.close();
      expect(JSON.parse(await readFile(join(dataDir, ACCOUNTS_FILE), 'utf8'))).toMatchObject({
        users: [{ id: 'lan' }],
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    if (!accountEngines[1]!.available) return;
    const namespace = `ta${Math.random().toString(36).slice(2, 8)}`;
    const redis = (await openAccounts(loadConfig({ REDIS_URL }), { namespace })) as RedisAccountStore;
    try {
      expect(redis.kind).toBe('redis');
      expect(redis.namespace).toBe(namespace);
    } finally {
      await redis.dropAll();
      await redis.close();
    }
  });
});
