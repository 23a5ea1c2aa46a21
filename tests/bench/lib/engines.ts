/**
 * The two engines as the bench opens them: the embedded one on a real DATA_DIR in a temp dir (so
 * the fdatasync per group commit is real), the Redis one in a namespace of its own that is deleted
 * afterwards. Both get the bench clock and a ticket-id source the bench can steer once (to find
 * its own script call in the traffic).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '../../../server/store/memory/memory-store.js';
import { namespacePattern } from '../../../server/store/redis/keys.js';
import type { TicketStore } from '../../../server/store/types.js';
import { randomTicketId } from '../../../shared/domain/ids.js';
import type { RedisProbe } from './redis-probe.js';

export interface BenchEngine {
  name: 'memory' | 'redis';
  store: TicketStore;
  /** Makes the next ticket id `id` (once). */
  forceNextId(id: string): void;
  /** Where it writes: the data directory, or the Redis namespace. */
  where: string;
  close(): Promise<void>;
}

/** Events kept per office: enough for the checker to read a whole run back. */
export const BENCH_MAX_EVENTS = 50_000;

function idSource(): { newId: () => string; force: (id: string) => void } {
  let forced: string | undefined;
  return {
    newId: () => {
      if (forced === undefined) return randomTicketId();
      const id = forced;
      forced = undefined;
      return id;
    },
    force: (id) => {
      forced = id;
    },
  };
}

export async function openMemory(clock: () => number): Promise<BenchEngine> {
  const dataDir = await mkdtemp(join(tmpdir(), 'luot-bench-'));
  const ids = idSource();
  const store = await MemoryStore.open({
    dataDir,
    clock,
    newId: ids.newId,
    maxEvents: BENCH_MAX_EVENTS,
    // Compaction (a snapshot of every ticket) is a periodic pause, not a per-command cost; keep it
    // out of the measured runs. Its own cost belongs in a separate measurement.
    compactBytes: 2 ** 40,
  });
  return {
    name: 'memory',
    store,
    forceNextId: ids.force,
    where: dataDir,
    async close() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

interface RedisStoreModule {
  RedisStore: {
    open(opts: {
      url: string;
      namespace: string;
      clock?: () => number;
      newId?: () => string;
      maxEvents?: number;
    }): Promise<TicketStore>;
  };
}

/** The Redis engine's module, or why it could not be loaded (not written yet, no build). */
export async function loadRedisEngine(): Promise<RedisStoreModule | string> {
  try {
    // A variable specifier: the bench must still type-check and run while the engine is absent.
    const path = '../../../server/store/redis/redis-store.js';
    return (await import(path)) as RedisStoreModule;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export async function openRedis(
  mod: RedisStoreModule,
  url: string,
  probe: RedisProbe,
  clock: () => number,
): Promise<BenchEngine> {
  const namespace = `luotbench${Math.random().toString(36).slice(2, 8)}`;
  const ids = idSource();
  const before = await probe.clientIds();
  const store = await mod.RedisStore.open({
    url,
    namespace,
    clock,
    newId: ids.newId,
    maxEvents: BENCH_MAX_EVENTS,
  });
  await store.ping();
  await probe.adoptNewClients(before);
  return {
    name: 'redis',
    store,
    forceNextId: ids.force,
    where: `namespace ${namespace}`,
    async close() {
      await store.close();
      await deleteNamespace(probe, namespace);
    },
  };
}

/** Deletes every key of the namespace (`<ns>:*`), in batches. */
export async function deleteNamespace(probe: RedisProbe, namespace: string): Promise<number> {
  const pattern = namespacePattern(namespace);
  let cursor = '0';
  let deleted = 0;
  do {
    const [nextCursor, keys] = await probe.client.scan(cursor, 'MATCH', pattern, 'COUNT', 2000);
    cursor = nextCursor;
    if (keys.length > 0) deleted += await probe.client.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
