/** Chooses the account store to match the engine: Redis when REDIS_URL is set, DATA_DIR/accounts.json otherwise. */
import type { ServerConfig } from '../config.js';
import type { Clock } from '../store/types.js';
import type { AccountStore } from './account-store.js';

export interface OpenAccountsOptions {
  clock?: Clock;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Redis key prefix (default: REDIS_NAMESPACE, as the queue engine's). */
  namespace?: string;
}

export async function openAccounts(
  config: ServerConfig,
  opts: OpenAccountsOptions = {},
): Promise<AccountStore> {
  const { clock, log } = opts;
  const namespace = opts.namespace ?? config.redisNamespace;
  if (config.redisUrl) {
    const { RedisAccountStore } = await import('./redis-account-store.js');
    return RedisAccountStore.open({
      url: config.redisUrl,
      ...(namespace !== undefined && { namespace }),
      ...(clock && { clock }),
      ...(log && { log }),
    });
  }
  const { FileAccountStore } = await import('./file-account-store.js');
  return FileAccountStore.open({ dataDir: config.dataDir, ...(clock && { clock }), ...(log && { log }) });
}
