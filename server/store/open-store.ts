/** Chooses the engine: Redis when REDIS_URL is set, the embedded journal otherwise. */
import type { ServerConfig } from '../config.js';
import { MemoryStore, type StoreLogger } from './memory/memory-store.js';
import type { TicketStore } from './types.js';

export async function openStore(config: ServerConfig, log: StoreLogger): Promise<TicketStore> {
  if (config.redisUrl) {
    const { RedisStore } = await import('./redis/redis-store.js');
    return RedisStore.open({
      url: config.redisUrl,
      ...(config.redisNamespace === undefined ? {} : { namespace: config.redisNamespace }),
    });
  }
  return MemoryStore.open({ dataDir: config.dataDir, log });
}
