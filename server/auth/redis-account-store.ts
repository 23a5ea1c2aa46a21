/**
 * The Redis engine's accounts: every process of a deployment sees the same users, sessions,
 * devices and login-attempt counters. Key layout: `accountKeys` in server/store/redis/keys.ts.
 *
 * The hot path — resolving a bearer token on every request — is one script call: the session (or
 * device token) and its user (or device) are read together, and a device's last-seen time is
 * recorded in the same call when it is more than a minute old.
 *
 * Times come from the injected clock, not Redis's: a session stores its own expiry and the scripts
 * compare it with the caller's `now`; the key's PX TTL is only there so Redis forgets it.
 */
import type { Redis } from 'ioredis';
import { QueueError } from '../../shared/protocol/errors.js';
import {
  connectWithin,
  createRedisClient,
  unavailable,
  type ConnectionOptions,
} from '../store/redis/connection.js';
import { accountKeys, DEFAULT_NAMESPACE, type AccountKeys } from '../store/redis/keys.js';
import type { Clock } from '../store/types.js';
import type { PrinterHealth, PrinterSettings } from '../../shared/protocol/printing.js';
import { LAST_SEEN_RESOLUTION_MS, type AccountStore, type Device, type User } from './account-store.js';
import type { AttemptPolicy } from './login-limiter.js';
import { newDeviceId, newToken, tokenHash } from './tokens.js';

export interface RedisAccountStoreOptions extends ConnectionOptions {
  url: string;
  /** Prefix of every key (default `luot`, the queue engine's default too). */
  namespace?: string;
  clock?: Clock;
  log?: { warn(obj: object, msg: string): void };
}

interface StoredDevice extends Omit<Device, 'lastSeenAt'> {
  tokenHash: string;
}

/**
 * The scripts, each with its KEYS and ARGV. Keys arrive only through KEYS and all carry the
 * `{acct}` hash tag, so each script touches one slot.
 */
/**
 * Device lookups are answered from memory for a moment: a kiosk issuing all day costs one script
 * per DEVICE_CACHE_MS, not one per request. A revocation through this process takes effect at once,
 * through another process within DEVICE_CACHE_MS (the revoked device's sockets are swept anyway).
 */
const DEVICE_CACHE_MS = 2_000;
const DEVICE_CACHE_MAX = 10_000;

const SCRIPTS = {
  /**
   * KEYS[1] session key, KEYS[2] users hash. ARGV[1] now.
   * Returns false (no live session or no such user) or {epoch, user JSON}; the caller checks the
   * epoch and `disabled`.
   */
  luotSessionUser: {
    keys: 2,
    lua: `
local v = redis.call('GET', KEYS[1])
if not v then return false end
local epoch, expiresAt, userId = string.match(v, '^(%d+):(%d+):(.+)$')
if not userId or tonumber(expiresAt) <= tonumber(ARGV[1]) then return false end
local json = redis.call('HGET', KEYS[2], userId)
if not json then return false end
return {epoch, json}`,
  },
  /**
   * KEYS[1] device-token hash, KEYS[2] devices hash, KEYS[3] last-seen hash, KEYS[4] printers hash.
   * ARGV[1] sha256 of the token, ARGV[2] now, ARGV[3] last-seen resolution (ms).
   * Returns false (unknown or revoked token) or {device JSON, last seen, printer JSON or false}.
   */
  luotDeviceByToken: {
    keys: 4,
    lua: `
local id = redis.call('HGET', KEYS[1], ARGV[1])
if not id then return false end
local json = redis.call('HGET', KEYS[2], id)
if not json then return false end
local seen = redis.call('HGET', KEYS[3], id)
if not seen or tonumber(ARGV[2]) - tonumber(seen) >= tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[3], id, ARGV[2])
  seen = ARGV[2]
end
return {json, seen, redis.call('HGET', KEYS[4], id)}`,
  },
  /**
   * KEYS[1] attempts hash (n, last). ARGV: now, free, baseDelayMs, maxDelayMs, forgetAfterMs.
   * Returns 0 (attempt counted) or the ms the key stays locked. Same rule as lockRemainingMs.
   */
  luotTakeAttempt: {
    keys: 1,
    lua: `
local now = tonumber(ARGV[1])
local free, base, maxDelay, forget = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local rec = redis.call('HMGET', KEYS[1], 'n', 'last')
local n, last = tonumber(rec[1] or '0'), tonumber(rec[2] or '0')
if n > 0 and now - last >= forget then n = 0 end
if n >= free then
  local delay = math.min(base * 2 ^ (n - free), maxDelay)
  if now < last + delay then return math.ceil(last + delay - now) end
end
redis.call('HSET', KEYS[1], 'n', n + 1, 'last', ARGV[1])
redis.call('PEXPIRE', KEYS[1], forget)
return 0`,
  },
  /** KEYS[1] attempts hash. ARGV[1] "1": forget the key; "0": take back one attempt. */
  luotSettleAttempt: {
    keys: 1,
    lua: `
if ARGV[1] == '1' then redis.call('DEL', KEYS[1]) return 0 end
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
if n > 1 then redis.call('HINCRBY', KEYS[1], 'n', -1) elseif n == 1 then redis.call('DEL', KEYS[1]) end
return 0`,
  },
} as const;

type ScriptName = keyof typeof SCRIPTS;
type ScriptFn = (...args: (string | number)[]) => Promise<unknown>;

/** MULTI reports a failed command in its result, not by rejecting. */
function checkExec(results: [Error | null, unknown][] | null): void {
  if (results === null) throw new Error('transaction aborted');
  for (const [err] of results) if (err) throw err;
}

/** A device as the store answers it, from its hash entry and the per-device side hashes. */
function publicDevice(
  d: StoredDevice,
  lastSeen: string | null | undefined,
  printer?: string | null,
  health?: string | null,
): Device {
  const { tokenHash: _hidden, ...device } = d as StoredDevice & Partial<Device>;
  if (lastSeen) device.lastSeenAt = Number(lastSeen);
  if (printer) device.printer = JSON.parse(printer) as PrinterSettings;
  if (health) device.printerHealth = JSON.parse(health) as PrinterHealth;
  return device;
}

export class RedisAccountStore implements AccountStore {
  readonly kind = 'redis' as const;
  readonly namespace: string;
  private readonly keys: AccountKeys;
  private readonly client: Redis;
  private readonly deviceCache = new Map<string, { device: Device; until: number }>();
  private readonly clock: Clock;
  private closed = false;

  private constructor(opts: RedisAccountStoreOptions) {
    this.namespace = opts.namespace ?? DEFAULT_NAMESPACE;
    this.keys = accountKeys(this.namespace);
    this.clock = opts.clock ?? Date.now;
    this.client = createRedisClient(opts.url, opts);
    const log = opts.log;
    this.client.on('error', (err: unknown) => log?.warn({ err }, 'redis (accounts) connection error'));
    for (const [name, script] of Object.entries(SCRIPTS)) {
      this.client.defineCommand(name, { numberOfKeys: script.keys, lua: script.lua });
    }
  }

  /** Connects, rejecting with STORE_UNAVAILABLE when Redis does not answer in time. */
  static async open(opts: RedisAccountStoreOptions): Promise<RedisAccountStore> {
    const store = new RedisAccountStore(opts);
    // On failure connectWithin has disconnected the client, and the store is never handed out.
    await connectWithin(store.client, opts);
    return store;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new QueueError('STORE_UNAVAILABLE');
    try {
      return await work();
    } catch (err) {
      if (err instanceof QueueError) throw err;
      throw unavailable(err);
    }
  }

  private run(name: ScriptName, keys: string[], args: (string | number)[]): Promise<unknown> {
    const fn = (this.client as unknown as Record<ScriptName, ScriptFn>)[name];
    return fn.call(this.client, ...keys, ...args);
  }

  // ── users ────────────────────────────────────────────────────────────────

  async getUser(userId: string): Promise<User | undefined> {
    return this.guard(async () => {
      const json = await this.client.hget(this.keys.users, userId);
      return json === null ? undefined : (JSON.parse(json) as User);
    });
  }

  async listUsers(): Promise<User[]> {
    return this.guard(async () => {
      const all = await this.client.hgetall(this.keys.users);
      return Object.values(all)
        .map((json) => JSON.parse(json) as User)
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    });
  }

  async putUser(user: User): Promise<void> {
    return this.guard(async () => {
      await this.client.hset(this.keys.users, user.id, JSON.stringify(user));
    });
  }

  async createUser(user: User): Promise<boolean> {
    return this.guard(
      async () => (await this.client.hsetnx(this.keys.users, user.id, JSON.stringify(user))) === 1,
    );
  }

  // ── sessions ─────────────────────────────────────────────────────────────

  async createSession(userId: string, ttlMs: number): Promise<string> {
    return this.guard(async () => {
      const json = await this.client.hget(this.keys.users, userId);
      const epoch = json === null ? 0 : ((JSON.parse(json) as User).sessionEpoch ?? 0);
      const token = newToken('session');
      const expiresAt = this.clock() + ttlMs;
      await this.client.set(
        this.keys.session(tokenHash(token)),
        `${epoch}:${expiresAt}:${userId}`,
        'PX',
        ttlMs,
      );
      return token;
    });
  }

  async sessionUser(token: string): Promise<User | undefined> {
    return this.guard(async () => {
      const found = (await this.run(
        'luotSessionUser',
        [this.keys.session(tokenHash(token)), this.keys.users],
        [this.clock()],
      )) as [string, string] | null;
      if (!found) return undefined;
      const user = JSON.parse(found[1]) as User;
      if (user.disabled || (user.sessionEpoch ?? 0) !== Number(found[0])) return undefined;
      return user;
    });
  }

  async deleteSession(token: string): Promise<void> {
    return this.guard(async () => {
      await this.client.del(this.keys.session(tokenHash(token)));
    });
  }

  // ── devices ──────────────────────────────────────────────────────────────

  async createDevice(input: Omit<Device, 'id' | 'createdAt'>): Promise<{ device: Device; token: string }> {
    return this.guard(async () => {
      const token = newToken('device');
      const device: StoredDevice = {
        id: newDeviceId(),
        kind: input.kind,
        officeId: input.officeId,
        name: input.name,
        createdAt: this.clock(),
        tokenHash: tokenHash(token),
      };
      checkExec(
        await this.client
          .multi()
          .hset(this.keys.devices, device.id, JSON.stringify(device))
          .hset(this.keys.deviceTokens, device.tokenHash, device.id)
          .exec(),
      );
      return { device: publicDevice(device, undefined), token };
    });
  }

  async deviceByToken(token: string): Promise<Device | undefined> {
    const hash = tokenHash(token);
    const cached = this.deviceCache.get(hash);
    if (cached && cached.until > this.clock()) return cached.device;
    return this.guard(async () => {
      const found = (await this.run(
        'luotDeviceByToken',
        [this.keys.deviceTokens, this.keys.devices, this.keys.seen, this.keys.printers],
        [hash, this.clock(), LAST_SEEN_RESOLUTION_MS],
      )) as [string, string, string | null] | null;
      if (!found) return undefined;
      const stored = JSON.parse(found[0]) as StoredDevice;
      if (stored.revokedAt !== undefined) return undefined;
      const device = publicDevice(stored, found[1], found[2]);
      if (this.deviceCache.size >= DEVICE_CACHE_MAX) this.deviceCache.clear();
      this.deviceCache.set(hash, { device, until: this.clock() + DEVICE_CACHE_MS });
      return device;
    });
  }

  async getDevice(deviceId: string): Promise<Device | undefined> {
    return this.guard(async () => {
      const [json, seen, printer, health] = await Promise.all([
        this.client.hget(this.keys.devices, deviceId),
        this.client.hget(this.keys.seen, deviceId),
        this.client.hget(this.keys.printers, deviceId),
        this.client.hget(this.keys.printerHealth, deviceId),
      ]);
      return json === null
        ? undefined
        : publicDevice(JSON.parse(json) as StoredDevice, seen, printer, health);
    });
  }

  async listDevices(officeId?: string): Promise<Device[]> {
    return this.guard(async () => {
      const [devices, seen, printers, health] = await Promise.all([
        this.client.hgetall(this.keys.devices),
        this.client.hgetall(this.keys.seen),
        this.client.hgetall(this.keys.printers),
        this.client.hgetall(this.keys.printerHealth),
      ]);
      return Object.values(devices)
        .map((json) => JSON.parse(json) as StoredDevice)
        .filter((d) => officeId === undefined || d.officeId === officeId)
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
        .map((d) => publicDevice(d, seen[d.id], printers[d.id], health[d.id]));
    });
  }

  async setDevicePrinter(deviceId: string, printer: PrinterSettings): Promise<Device | undefined> {
    return this.guard(async () => {
      // Devices are never deleted, so "exists, then set" cannot race with a removal.
      if (!(await this.client.hexists(this.keys.devices, deviceId))) return undefined;
      await this.client.hset(this.keys.printers, deviceId, JSON.stringify(printer));
      this.forgetCached(deviceId);
      return this.getDevice(deviceId);
    });
  }

  async setPrinterHealth(deviceId: string, health: PrinterHealth): Promise<void> {
    await this.guard(() => this.client.hset(this.keys.printerHealth, deviceId, JSON.stringify(health)));
  }

  private forgetCached(deviceId: string): void {
    for (const [hash, entry] of this.deviceCache)
      if (entry.device.id === deviceId) this.deviceCache.delete(hash);
  }

  async revokeDevice(deviceId: string): Promise<Device | undefined> {
    this.forgetCached(deviceId);
    return this.guard(async () => {
      const [json, seen] = await Promise.all([
        this.client.hget(this.keys.devices, deviceId),
        this.client.hget(this.keys.seen, deviceId),
      ]);
      if (json === null) return undefined;
      const device = JSON.parse(json) as StoredDevice;
      if (device.revokedAt === undefined) {
        device.revokedAt = this.clock();
        // Two admins revoking at once both write; the later time wins, and the token is gone either way.
        checkExec(
          await this.client
            .multi()
            .hset(this.keys.devices, device.id, JSON.stringify(device))
            .hdel(this.keys.deviceTokens, device.tokenHash)
            .exec(),
        );
      }
      return publicDevice(device, seen);
    });
  }

  // ── login attempts ───────────────────────────────────────────────────────

  async takeLoginAttempt(key: string, policy: AttemptPolicy): Promise<number> {
    return this.guard(async () => {
      const locked = await this.run(
        'luotTakeAttempt',
        [this.keys.loginAttempts(key)],
        [this.clock(), policy.free, policy.baseDelayMs, policy.maxDelayMs, policy.forgetAfterMs],
      );
      return Number(locked);
    });
  }

  async settleLoginAttempt(key: string, reset: boolean): Promise<void> {
    return this.guard(async () => {
      await this.run('luotSettleAttempt', [this.keys.loginAttempts(key)], [reset ? '1' : '0']);
    });
  }

  /** Deletes every account key of the namespace (tests). */
  async dropAll(): Promise<void> {
    return this.guard(async () => {
      const pattern = `${this.keys.base.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`;
      let cursor = '0';
      do {
        const [next, batch] = await this.client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (batch.length > 0) await this.client.del(...batch);
      } while (cursor !== '0');
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
