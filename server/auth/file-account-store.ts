/**
 * The embedded engine's accounts: everything in memory, saved to one JSON file,
 * `DATA_DIR/accounts.json`, after every change and before the change is acknowledged.
 *
 * Saving is atomic — write a temporary file, fsync it, rename it over the old one, fsync the
 * directory — so a crash leaves either the old file or the new one, never half of one. Writes are
 * serialised; changes made while a write is running share the next write (the file always holds
 * the whole state, so one write covers them all).
 *
 * Device last-seen times are saved in the background (at most once a minute per device); login
 * attempt counters are kept in memory only (one process; a restart forgets them).
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { QueueError } from '../../shared/protocol/errors.js';
import { fsyncDir } from '../store/memory/journal.js';
import type { Clock } from '../store/types.js';
import type { PrinterHealth, PrinterSettings } from '../../shared/protocol/printing.js';
import { LAST_SEEN_RESOLUTION_MS, type AccountStore, type Device, type User } from './account-store.js';
import { MemoryAttempts, type AttemptPolicy } from './login-limiter.js';
import { newDeviceId, newToken, tokenHash } from './tokens.js';

export const ACCOUNTS_FILE = 'accounts.json';

export interface AccountsLogger {
  error(obj: object, msg: string): void;
}

export interface FileAccountStoreOptions {
  dataDir: string;
  clock?: Clock;
  log?: AccountsLogger;
}

interface StoredDevice extends Device {
  tokenHash: string;
}

interface StoredSession {
  userId: string;
  epoch: number;
  expiresAt: number;
}

interface AccountsFile {
  format: 1;
  users: User[];
  devices: StoredDevice[];
  sessions: (StoredSession & { tokenHash: string })[];
}

export class AccountsFileError extends Error {}

const silent: AccountsLogger = { error() {} };

function publicDevice(d: StoredDevice): Device {
  const { tokenHash: _hidden, ...device } = d;
  // Every other field is a primitive: spreads are a full copy (structuredClone cost ~3 % of an issue).
  return device.printer ? { ...device, printer: { ...device.printer } } : { ...device };
}

export class FileAccountStore implements AccountStore {
  readonly kind = 'file' as const;
  readonly path: string;
  private readonly users = new Map<string, User>();
  private readonly devices = new Map<string, StoredDevice>();
  private readonly deviceIdByHash = new Map<string, string>();
  /** Printer health, in memory only (advisory, refreshed by the next check). */
  private readonly health = new Map<string, PrinterHealth>();
  private readonly sessions = new Map<string, StoredSession>();
  private readonly attempts = new MemoryAttempts();
  private readonly clock: Clock;
  private readonly log: AccountsLogger;
  /** A write not started yet: changes made now join it. */
  private queued: Promise<void> | undefined;
  /** The last write scheduled (settled, never rejects): the next one starts after it. */
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(private readonly opts: FileAccountStoreOptions) {
    this.path = join(opts.dataDir, ACCOUNTS_FILE);
    this.clock = opts.clock ?? Date.now;
    this.log = opts.log ?? silent;
  }

  /** Reads `DATA_DIR/accounts.json` (an absent file is an empty store; an unreadable one is an error). */
  static async open(opts: FileAccountStoreOptions): Promise<FileAccountStore> {
    const store = new FileAccountStore(opts);
    await mkdir(opts.dataDir, { recursive: true });
    await rm(`${store.path}.tmp`, { force: true });
    let text: string | undefined;
    try {
      text = await readFile(store.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (text !== undefined) store.load(text);
    return store;
  }

  private load(text: string): void {
    let file: AccountsFile;
    try {
      file = JSON.parse(text) as AccountsFile;
    } catch (err) {
      throw new AccountsFileError(`${this.path}: not valid JSON (${(err as Error).message})`);
    }
    if (file?.format !== 1 || !Array.isArray(file.users) || !Array.isArray(file.devices)) {
      throw new AccountsFileError(`${this.path}: not a Lượt accounts file (format 1 with users and devices)`);
    }
    for (const user of file.users) this.users.set(user.id, user);
    for (const device of file.devices) {
      this.devices.set(device.id, device);
      if (device.revokedAt === undefined) this.deviceIdByHash.set(device.tokenHash, device.id);
    }
    const now = this.clock();
    for (const { tokenHash: hash, ...session } of file.sessions ?? []) {
      if (session.expiresAt > now) this.sessions.set(hash, session);
    }
  }

  private snapshot(): AccountsFile {
    const now = this.clock();
    const sessions: AccountsFile['sessions'] = [];
    for (const [hash, session] of this.sessions) {
      if (session.expiresAt > now) sessions.push({ tokenHash: hash, ...session });
      else this.sessions.delete(hash);
    }
    return { format: 1, users: [...this.users.values()], devices: [...this.devices.values()], sessions };
  }

  /** Resolves once the state as it is now is on disk. */
  private persist(): Promise<void> {
    if (this.queued) return this.queued;
    const write = this.tail.then(() => {
      // The state is serialised synchronously below: changes from here on need the next write.
      this.queued = undefined;
      return this.writeFile(JSON.stringify(this.snapshot(), null, 2) + '\n');
    });
    this.queued = write;
    this.tail = write.catch(() => undefined);
    return write;
  }

  private async writeFile(text: string): Promise<void> {
    const tmp = `${this.path}.tmp`;
    try {
      // Hashes only, but still nobody else's business: owner-only where the OS supports modes.
      const h = await open(tmp, 'w', 0o600);
      try {
        await h.writeFile(text);
        await h.sync();
      } finally {
        await h.close();
      }
      await rename(tmp, this.path);
      await fsyncDir(this.opts.dataDir);
    } catch (err) {
      this.log.error({ err, path: this.path }, 'could not save the accounts file');
      const failure = new QueueError('STORE_UNAVAILABLE');
      failure.cause = err;
      throw failure;
    }
  }

  private check(): void {
    if (this.closed) throw new QueueError('STORE_UNAVAILABLE');
  }

  // ── users ────────────────────────────────────────────────────────────────

  async getUser(userId: string): Promise<User | undefined> {
    const user = this.users.get(userId);
    return user && structuredClone(user);
  }

  async listUsers(): Promise<User[]> {
    return [...this.users.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((u) => structuredClone(u));
  }

  async putUser(user: User): Promise<void> {
    this.check();
    this.users.set(user.id, structuredClone(user));
    await this.persist();
  }

  async createUser(user: User): Promise<boolean> {
    this.check();
    if (this.users.has(user.id)) return false;
    this.users.set(user.id, structuredClone(user));
    await this.persist();
    return true;
  }

  // ── sessions ─────────────────────────────────────────────────────────────

  async createSession(userId: string, ttlMs: number): Promise<string> {
    this.check();
    const token = newToken('session');
    const epoch = this.users.get(userId)?.sessionEpoch ?? 0;
    this.sessions.set(tokenHash(token), { userId, epoch, expiresAt: this.clock() + ttlMs });
    await this.persist();
    return token;
  }

  async sessionUser(token: string): Promise<User | undefined> {
    const hash = tokenHash(token);
    const session = this.sessions.get(hash);
    if (!session) return undefined;
    if (session.expiresAt <= this.clock()) {
      // Forgotten in memory now, on disk with the next write.
      this.sessions.delete(hash);
      return undefined;
    }
    const user = this.users.get(session.userId);
    if (!user || user.disabled || (user.sessionEpoch ?? 0) !== session.epoch) return undefined;
    return structuredClone(user);
  }

  async deleteSession(token: string): Promise<void> {
    this.check();
    if (this.sessions.delete(tokenHash(token))) await this.persist();
  }

  // ── devices ──────────────────────────────────────────────────────────────

  private view(d: StoredDevice): Device {
    const device = publicDevice(d);
    const health = this.health.get(d.id);
    return health ? { ...device, printerHealth: { ...health } } : device;
  }

  async createDevice(input: Omit<Device, 'id' | 'createdAt'>): Promise<{ device: Device; token: string }> {
    this.check();
    const token = newToken('device');
    const hash = tokenHash(token);
    const device: StoredDevice = {
      id: newDeviceId(),
      kind: input.kind,
      officeId: input.officeId,
      name: input.name,
      createdAt: this.clock(),
      tokenHash: hash,
    };
    this.devices.set(device.id, device);
    this.deviceIdByHash.set(hash, device.id);
    await this.persist();
    return { device: this.view(device), token };
  }

  async deviceByToken(token: string): Promise<Device | undefined> {
    const id = this.deviceIdByHash.get(tokenHash(token));
    const device = id === undefined ? undefined : this.devices.get(id);
    if (!device || device.revokedAt !== undefined) return undefined;
    const now = this.clock();
    if (device.lastSeenAt === undefined || now - device.lastSeenAt >= LAST_SEEN_RESOLUTION_MS) {
      device.lastSeenAt = now;
      // Advisory data: saved in the background; a failure is logged by writeFile.
      if (!this.closed) this.persist().catch(() => undefined);
    }
    return this.view(device);
  }

  async getDevice(deviceId: string): Promise<Device | undefined> {
    const device = this.devices.get(deviceId);
    return device && this.view(device);
  }

  async listDevices(officeId?: string): Promise<Device[]> {
    return [...this.devices.values()]
      .filter((d) => officeId === undefined || d.officeId === officeId)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
      .map((d) => this.view(d));
  }

  async setDevicePrinter(deviceId: string, printer: PrinterSettings): Promise<Device | undefined> {
    this.check();
    const device = this.devices.get(deviceId);
    if (!device) return undefined;
    device.printer = { ...printer };
    await this.persist();
    return this.view(device);
  }

  async setPrinterHealth(deviceId: string, health: PrinterHealth): Promise<void> {
    if (this.devices.has(deviceId)) this.health.set(deviceId, { ...health });
  }

  async revokeDevice(deviceId: string): Promise<Device | undefined> {
    this.check();
    const device = this.devices.get(deviceId);
    if (!device) return undefined;
    if (device.revokedAt === undefined) {
      device.revokedAt = this.clock();
      this.deviceIdByHash.delete(device.tokenHash);
      await this.persist();
    }
    return this.view(device);
  }

  // ── login attempts ───────────────────────────────────────────────────────

  async takeLoginAttempt(key: string, policy: AttemptPolicy): Promise<number> {
    return this.attempts.take(key, policy, this.clock());
  }

  async settleLoginAttempt(key: string, reset: boolean): Promise<void> {
    this.attempts.settle(key, reset);
  }

  /** Waits for pending writes (last-seen times included). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
  }
}
