/**
 * Realtime test rig: a real listening server (port 0) with the socket.io layer over an engine, real
 * accounts (sessions and device tokens from the account store), and real socket.io clients that
 * keep an office's picture with the same LiveFeed and reducer the apps use.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach } from 'vitest';
import { createContext } from '../../server/app.js';
import type { AccountStore } from '../../server/auth/account-store.js';
import { AccountAuthenticator } from '../../server/auth/authenticator.js';
import { FileAccountStore } from '../../server/auth/file-account-store.js';
import type { DeviceKind, Role } from '../../server/auth/principal.js';
import { loadConfig } from '../../server/config.js';
import { snapshot } from '../../server/realtime/live-event.js';
import { registerRealtime } from '../../server/realtime/socket-server.js';
import type { StoreOptions, TicketStore } from '../../server/store/types.js';
import type { Command, OfficeConfig, OfficeEvent } from '../../shared/domain/types.js';
import {
  LIVE_EVENT_NAMES,
  type Ack,
  type ClientToServerEvents,
  type LiveEvent,
  type ReplayResult,
  type ServerToClientEvents,
  type Snapshot,
} from '../../shared/protocol/events.js';
import { applyLiveEvent, LiveFeed } from '../../shared/protocol/live-sync.js';
import { TEST_TMP, type Engine, type EngineHandle } from './engines.js';

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveRig {
  url: string;
  app: FastifyInstance;
  /** The publishing store: commands here reach the sockets. */
  store: TicketStore;
  accounts: AccountStore;
  office: OfficeConfig;
  /** A session token for a new user of `role` in `officeIds`. */
  user(role: Role, officeIds: string[]): Promise<{ userId: string; token: string }>;
  /** A device token for a new device of `kind` in `officeId`. */
  device(kind: DeviceKind, officeId: string): Promise<{ deviceId: string; token: string }>;
  exec(command: Command): Promise<OfficeEvent>;
  /** The office's snapshot now, as a subscriber would get it. */
  snapshot(): Promise<Snapshot>;
  close(): Promise<void>;
}

let serial = 0;

export async function startRig(
  engine: Engine,
  office: OfficeConfig,
  storeOptions: StoreOptions = {},
): Promise<LiveRig> {
  const handle: EngineHandle = await engine.create(storeOptions);
  const accountsDir = await mkdtemp(join(TEST_TMP, 'luot-accounts-'));
  const accounts = await FileAccountStore.open({ dataDir: accountsDir });
  const ctx = createContext({
    store: handle.store,
    accounts,
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    ...(storeOptions.clock && { clock: storeOptions.clock }),
  });
  const store = ctx.store;
  await store.putOffice(office);
  const app = Fastify();
  await registerRealtime(app, ctx, { authenticator: new AccountAuthenticator(accounts), revalidateMs: 200 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    accounts,
    office,
    async user(role, officeIds) {
      const userId = `u${++serial}-${role}`;
      await accounts.putUser({
        id: userId,
        displayName: userId,
        role,
        officeIds,
        disabled: false,
        passwordHash: 'unused',
        createdAt: Date.now(),
      });
      return { userId, token: await accounts.createSession(userId, 3_600_000) };
    },
    async device(kind, officeId) {
      const { device, token } = await accounts.createDevice({ kind, officeId, name: `${kind} ${++serial}` });
      return { deviceId: device.id, token };
    },
    exec: (command) => store.execute(office.id, command),
    snapshot: () => snapshot(store, office.id),
    async close() {
      await app.close();
      await accounts.close();
      await rm(accountsDir, { recursive: true, force: true });
      await handle.dispose();
    },
  };
}

export interface ClientOptions {
  token?: string;
  /** Extra handshake headers (Cookie, Origin): Node clients may send any. */
  headers?: Record<string, string>;
  /** Displays and kiosks: websocket only. */
  websocketOnly?: boolean;
}

/** A connected client (resolves on the first `connect`). */
export async function client(url: string, opts: ClientOptions = {}): Promise<LiveClient> {
  const socket: LiveClient = connect(url, {
    transports: opts.websocketOnly ? ['websocket'] : ['polling', 'websocket'],
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    ...(opts.token !== undefined && { auth: { token: opts.token } }),
    ...(opts.headers && { extraHeaders: opts.headers }),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** A request with its ack, or a rejection after 5 s. */
export function request<E extends keyof ClientToServerEvents>(
  socket: LiveClient,
  event: E,
  payload: unknown,
): Promise<Ack<unknown>> {
  // Untyped on purpose: the tests also send malformed requests.
  const timed = socket.timeout(5000) as unknown as {
    emitWithAck(e: string, p: unknown): Promise<Ack<unknown>>;
  };
  return timed.emitWithAck(event, payload);
}

function unwrap(res: Ack<unknown>): ReplayResult {
  if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
  return res.data as ReplayResult;
}

/**
 * An office's picture on a client, the way a display keeps it: LiveFeed (ordering, gaps, resync)
 * and applyLiveEvent. `received` is every raw event as it arrived; `applied` what the feed applied.
 */
export class Watcher {
  state: Snapshot | undefined;
  readonly received: LiveEvent[] = [];
  readonly applied: LiveEvent[] = [];
  readonly results: ReplayResult['kind'][] = [];
  readonly feed: LiveFeed;

  constructor(
    readonly socket: LiveClient,
    readonly officeId: string,
  ) {
    this.feed = new LiveFeed(
      {
        subscribe: async (since) => {
          const r = unwrap(
            await request(
              socket,
              'office:subscribe',
              since === undefined ? { officeId } : { officeId, since },
            ),
          );
          this.results.push(r.kind);
          return r;
        },
        replay: async (since) => {
          const r = unwrap(await request(socket, 'office:replay', { officeId, since }));
          this.results.push(r.kind);
          return r;
        },
      },
      {
        snapshot: (s) => {
          this.state = s;
        },
        event: (e) => {
          this.applied.push(e);
          if (this.state) this.state = applyLiveEvent(this.state, e);
        },
      },
    );
    for (const name of Object.values(LIVE_EVENT_NAMES)) {
      socket.on(name, (e: LiveEvent) => {
        if (e.officeId !== officeId) return;
        this.received.push(e);
        this.feed.push(e);
      });
    }
    // Every reconnect: rooms do not survive one.
    socket.io.on('reconnect', () => void this.feed.join());
  }

  join(): Promise<void> {
    return this.feed.join();
  }

  /** Resolves once the picture is at `seq` (rejects after `ms`). */
  async until(seq: number, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while ((this.feed.seq ?? -1) < seq) {
      if (Date.now() > deadline) throw new Error(`watcher stuck at seq ${this.feed.seq} waiting for ${seq}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** A picture, plain (JSON: no undefined fields), to compare with the server's snapshot. */
export function picture(state: Snapshot | undefined): unknown {
  return state === undefined ? undefined : JSON.parse(JSON.stringify(state));
}

/** The data of an ok ack; throws with the code otherwise. */
export function ok<T = unknown>(res: Ack<unknown>): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.code}: ${res.message}`);
  return res.data as T;
}

/** 'ok' or the error code of an ack. */
export function code(res: Ack<unknown>): string {
  return res.ok ? 'ok' : res.code;
}

export interface Tracker {
  /** Closes (rigs, servers) or disconnects (clients) `thing` after the test, newest first. */
  <T extends { close(): Promise<void> } | LiveClient>(thing: T): T;
  /** Runs `work` after the test, after everything tracked (e.g. dropping a Redis namespace). */
  last(work: () => Promise<void>): void;
}

/** Call once at the top of a test file: what it tracks is cleaned up after each test. */
export function closedAfterEach(): Tracker {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
  });
  const track = <T extends { close(): Promise<void> } | LiveClient>(thing: T): T => {
    cleanups.push(async () => {
      if ('disconnect' in thing) thing.disconnect();
      else await thing.close();
    });
    return thing;
  };
  return Object.assign(track, { last: (work: () => Promise<void>) => void cleanups.unshift(work) });
}
