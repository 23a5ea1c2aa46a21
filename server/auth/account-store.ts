/**
 * Accounts and devices, kept beside the queue in the same engine family: a file in DATA_DIR for the
 * embedded engine, Redis keys for the Redis engine. Secrets (passwords, session and device tokens)
 * are stored only as hashes; tokens are random and returned once.
 */
import type { AttemptPolicy } from './login-limiter.js';
import type { PrinterHealth, PrinterSettings } from '../../shared/protocol/printing.js';
import type { DeviceKind, Role } from './principal.js';

/** Last-seen times are recorded at most this often per device (a kiosk makes many requests). */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface User {
  /** = username, a slug. */
  id: string;
  displayName: string;
  role: Role;
  officeIds: string[];
  disabled: boolean;
  /** scrypt, self-describing (`scrypt$N$r$p$salt$hash`). */
  passwordHash: string;
  createdAt: number;
  /**
   * Sessions remember the epoch they were created in; raising it (a password reset) ends every
   * existing session of the user. Absent = 0.
   */
  sessionEpoch?: number;
}

export interface Device {
  id: string;
  kind: DeviceKind;
  officeId: string;
  name: string;
  createdAt: number;
  lastSeenAt?: number;
  revokedAt?: number;
  /** Kiosks: how the ticket printer is reached (absent: no printer). */
  printer?: PrinterSettings;
  /** Kiosks: the printer's state at its last check. */
  printerHealth?: PrinterHealth;
}

export interface AccountStore {
  getUser(userId: string): Promise<User | undefined>;
  listUsers(): Promise<User[]>;
  /** Creates or replaces. */
  putUser(user: User): Promise<void>;
  /** Creates only if the id is free (atomically): false when the username is taken. */
  createUser(user: User): Promise<boolean>;

  /** A new session for the user; returns the token (only its hash is kept). */
  createSession(userId: string, ttlMs: number): Promise<string>;
  /** The user of a live session, or undefined (unknown, expired, user disabled). */
  sessionUser(token: string): Promise<User | undefined>;
  deleteSession(token: string): Promise<void>;

  /** A new device with its long-lived token (returned once). */
  createDevice(device: Omit<Device, 'id' | 'createdAt'>): Promise<{ device: Device; token: string }>;
  /** The device of a token, or undefined (unknown or revoked). Records last-seen. */
  deviceByToken(token: string): Promise<Device | undefined>;
  getDevice(deviceId: string): Promise<Device | undefined>;
  listDevices(officeId?: string): Promise<Device[]>;
  revokeDevice(deviceId: string): Promise<Device | undefined>;
  /** Sets how a kiosk's printer is reached; undefined when there is no such device. */
  setDevicePrinter(deviceId: string, printer: PrinterSettings): Promise<Device | undefined>;
  /**
   * Records a printer check (the server's own, or a print agent's report). Advisory: the embedded
   * store keeps it in memory only (one process; the next check refreshes it after a restart).
   */
  setPrinterHealth(deviceId: string, health: PrinterHealth): Promise<void>;

  /**
   * Atomically: unless `key` (a username or client IP, see login-limiter.ts) is locked, count one
   * login attempt and answer 0; otherwise answer how many ms it stays locked.
   */
  takeLoginAttempt(key: string, policy: AttemptPolicy): Promise<number>;
  /** After a successful login: `reset` forgets the key's attempts, otherwise takes back one. */
  settleLoginAttempt(key: string, reset: boolean): Promise<void>;

  close(): Promise<void>;
}
