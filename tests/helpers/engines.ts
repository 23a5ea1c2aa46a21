/**
 * The engines every contract, differential and concurrency test runs against. The Redis engine
 * needs a real Redis (REDIS_URL, default redis://127.0.0.1:6379): without one the Redis suites skip
 * with one loud line — except in CI (CI=true), where a missing Redis fails the run.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { MemoryStore } from '../../server/store/memory/memory-store.js';
import type { StoreOptions, TicketStore } from '../../server/store/types.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface EngineHandle {
  store: TicketStore;
  /** Closes the store and removes what it wrote. */
  dispose(): Promise<void>;
}

export interface Engine {
  name: 'memory' | 'redis';
  available: boolean;
  /**
   * `dataDir` (memory) reopens existing files; `namespace` (redis) lets several stores — several
   * server processes, in effect — share one office's keys.
   */
  create(opts?: StoreOptions & { dataDir?: string; namespace?: string }): Promise<EngineHandle>;
}

async function redisAnswers(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const redisUp = await redisAnswers();
if (!redisUp) {
  const line = `Redis not reachable at ${REDIS_URL}: install and start redis-server (apt-get install redis-server) to run the Redis engine tests`;
  if (process.env.CI === 'true') throw new Error(`${line} — required in CI`);
  console.warn(`\n!!! SKIPPING REDIS ENGINE TESTS: ${line}\n`);
}

/**
 * Logic tests keep their journals in RAM when they can (fdatasync on tmpfs is free); durability
 * tests that need a real disk pass their own dataDir.
 */
export const TEST_TMP = process.env.LUOT_TEST_TMP ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

export const memoryEngine: Engine = {
  name: 'memory',
  available: true,
  async create(opts = {}) {
    const dataDir = opts.dataDir ?? (await mkdtemp(join(TEST_TMP, 'luot-test-')));
    const store = await MemoryStore.open({ ...opts, dataDir });
    return {
      store,
      async dispose() {
        await store.close();
        if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

export const redisEngine: Engine = {
  name: 'redis',
  available: redisUp,
  async create(opts = {}) {
    const { RedisStore } = await import('../../server/store/redis/redis-store.js');
    const store = await RedisStore.open({
      ...opts,
      url: REDIS_URL,
      namespace: opts.namespace ?? `t${Math.random().toString(36).slice(2, 8)}`,
    });
    return {
      store,
      async dispose() {
        // A namespace given by the caller is shared with other stores: its owner cleans it up.
        if (!opts.namespace) await store.dropNamespace();
        await store.close();
      },
    };
  },
};

export const engines: Engine[] = [memoryEngine, redisEngine];

export interface ReopenableStore {
  readonly store: TicketStore;
  /** Closes the store and opens a new one on the same data: what a restart of the server does. */
  restart(): Promise<void>;
  /** Closes it and removes its data. */
  dispose(): Promise<void>;
}

/**
 * A store of `engine` that can be closed and opened again on the same data: the memory engine on a
 * data directory of its own, the Redis engine on a namespace of its own.
 */
export async function reopenableStore(engine: Engine, clock: () => number): Promise<ReopenableStore> {
  const where: StoreOptions & { dataDir?: string; namespace?: string } = { clock };
  if (engine.name === 'memory') where.dataDir = await mkdtemp(join(TEST_TMP, 'luot-reopen-'));
  else where.namespace = `tr${Math.random().toString(36).slice(2, 8)}`;
  let handle: EngineHandle = await engine.create(where);
  return {
    get store(): TicketStore {
      return handle.store;
    },
    async restart(): Promise<void> {
      await handle.dispose();
      handle = await engine.create(where);
    },
    async dispose(): Promise<void> {
      const store = handle.store as TicketStore & { dropNamespace?: () => Promise<void> };
      if (engine.name === 'redis') await store.dropNamespace?.();
      await handle.dispose();
      if (where.dataDir) await rm(where.dataDir, { recursive: true, force: true });
    },
  };
}
