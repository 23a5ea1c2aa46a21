/**
 * The account stores every auth test runs against: the embedded engine's file and the Redis
 * engine's keys (a real Redis, a fresh namespace per store, dropped on dispose).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountStore } from '../../server/auth/account-store.js';
import { FileAccountStore } from '../../server/auth/file-account-store.js';
import type { Clock } from '../../server/store/types.js';
import { REDIS_URL, redisEngine, TEST_TMP } from './engines.js';

export interface AccountsHandle {
  accounts: AccountStore;
  /** Another store on the same data (the file re-read; the same Redis namespace): a restart, or a second process. */
  reopen(): Promise<AccountStore>;
  dispose(): Promise<void>;
}

export interface AccountEngine {
  name: 'file' | 'redis';
  available: boolean;
  create(opts?: { clock?: Clock; dataDir?: string }): Promise<AccountsHandle>;
}

export const fileAccounts: AccountEngine = {
  name: 'file',
  available: true,
  async create(opts = {}) {
    const dataDir = opts.dataDir ?? (await mkdtemp(join(TEST_TMP, 'luot-accounts-')));
    const open = () => FileAccountStore.open({ dataDir, ...(opts.clock && { clock: opts.clock }) });
    const accounts = await open();
    const extra: AccountStore[] = [];
    return {
      accounts,
      async reopen() {
        const again = await open();
        extra.push(again);
        return again;
      },
      async dispose() {
        for (const s of [accounts, ...extra]) await s.close();
        if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

export const redisAccounts: AccountEngine = {
  name: 'redis',
  available: redisEngine.available,
  async create(opts = {}) {
    const { RedisAccountStore } = await import('../../server/auth/redis-account-store.js');
    const namespace = `ta${Math.random().toString(36).slice(2, 8)}`;
    const open = () =>
      RedisAccountStore.open({ url: REDIS_URL, namespace, ...(opts.clock && { clock: opts.clock }) });
    const accounts = await open();
    const extra: AccountStore[] = [];
    return {
      accounts,
      async reopen() {
        const again = await open();
        extra.push(again);
        return again;
      },
      async dispose() {
        await accounts.dropAll();
        for (const s of [accounts, ...extra]) await s.close();
      },
    };
  },
};

export const accountEngines: AccountEngine[] = [fileAccounts, redisAccounts];
