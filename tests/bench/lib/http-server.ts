/**
 * A server under test for the HTTP bench, in a process of its own (forked with `--import tsx`, the
 * way `npm start` runs server/main.ts, so /proc/<pid>/stat is this server's CPU alone).
 *
 * BENCH_SERVER=hello: Fastify hello-world, the reference. It answers the very requests the issue
 * scenarios send (`POST /api/offices/:officeId/tickets`, JSON body, bearer header) with
 * `{hello: 'world'}`, and `GET /` the same; the same logger as the app.
 *
 * BENCH_SERVER=app: the real application, assembled as main.ts assembles it (the engine, the
 * account store of the same family, the first admin, offices from OFFICES_FILE, buildApp with
 * every plugin, route, metrics and socket.io), with three bench settings: the bench clock (a
 * Monday 08:00 in Asia/Ho_Chi_Minh, moving with real time, so kiosks are inside opening hours), a
 * Redis namespace of its own, and events kept / compaction as in the engine bench.
 *
 * Both log through pino at BENCH_LOG_LEVEL (default warn: no line per request; see
 * docs/benchmarks.md). The parent talks over IPC: `ready {port}` once listening; then `events` and
 * `state` (read the store's own event log and state for the correctness check, between runs),
 * `profile-start` / `profile-stop` (a CPU profile of the measured runs only) and `stop`.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../../server/app.js';
import type { AccountStore } from '../../../server/auth/account-store.js';
import { openAccounts } from '../../../server/auth/open-accounts.js';
import { ensureAdmin } from '../../../server/auth/seed-admin.js';
import { loadConfig } from '../../../server/config.js';
import { loadOfficesFile, seedOffices } from '../../../server/offices-file.js';
import { MemoryStore } from '../../../server/store/memory/memory-store.js';
import type { TicketStore } from '../../../server/store/types.js';
import { benchClock } from './office.js';

export type ServerRequest =
  | { id: number; op: 'events'; officeId: string; after: number; limit: number }
  | { id: number; op: 'state'; officeId: string }
  /** V8's sampling profiler on this process's main thread, from now (inspector, no restart). */
  | { id: number; op: 'profile-start' }
  /** Stops it and writes the profile (a .cpuprofile file, as node --cpu-prof would) to `file`. */
  | { id: number; op: 'profile-stop'; file: string }
  | { id: number; op: 'stop' };

export type ServerMessage =
  | { kind: 'ready'; port: number; pid: number }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string };

/** Events kept per office: more than one run writes to one office, so the checker reads them all. */
export const HTTP_BENCH_MAX_EVENTS = 120_000;

const env = process.env;
const log = pino({ level: env.BENCH_LOG_LEVEL ?? 'warn' });

async function helloWorld(): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const app = Fastify({ loggerInstance: log }) as unknown as FastifyInstance;
  app.get('/', async () => ({ hello: 'world' }));
  app.post('/api/offices/:officeId/tickets', async () => ({ hello: 'world' }));
  return { app, close: () => app.close() };
}

async function application(): Promise<{
  app: FastifyInstance;
  store: TicketStore;
  close(): Promise<void>;
}> {
  const config = loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1' });
  const clock = benchClock();
  const namespace = env.BENCH_NAMESPACE;
  let store: TicketStore;
  if (config.redisUrl) {
    const { RedisStore } = await import('../../../server/store/redis/redis-store.js');
    store = await RedisStore.open({
      url: config.redisUrl,
      clock,
      maxEvents: HTTP_BENCH_MAX_EVENTS,
      ...(namespace !== undefined && { namespace }),
    });
  } else {
    store = await MemoryStore.open({
      dataDir: config.dataDir,
      clock,
      maxEvents: HTTP_BENCH_MAX_EVENTS,
      // As in the engine bench: a snapshot of 100 000 tickets is a periodic pause, not a
      // per-request cost, and would land in a random run.
      compactBytes: 2 ** 40,
      log,
    });
  }
  if (config.officesFile) await seedOffices(store, await loadOfficesFile(config.officesFile), log);
  const accounts: AccountStore = await openAccounts(config, {
    clock,
    log,
    ...(namespace !== undefined && { namespace }),
  });
  await ensureAdmin(accounts, config, log, { clock });
  const app = await buildApp({ store, accounts, config, clock }, { loggerInstance: log });
  return {
    app,
    store,
    async close() {
      await app.close();
      await accounts.close();
      await store.close();
    },
  };
}

function post(session: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function main(): Promise<void> {
  const server: { app: FastifyInstance; store?: TicketStore; close(): Promise<void> } =
    env.BENCH_SERVER === 'hello' ? await helloWorld() : await application();
  const store = server.store;
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let session: Session | undefined;
  const send = (m: ServerMessage): void => {
    process.send?.(m);
  };

  process.on('message', (msg: ServerRequest) => {
    const answer = async (): Promise<unknown> => {
      switch (msg.op) {
        case 'events':
          if (!store) throw new Error('no store');
          return store.eventsSince(msg.officeId, msg.after, msg.limit);
        case 'state':
          if (!store) throw new Error('no store');
          return store.getState(msg.officeId);
        case 'profile-start':
          session ??= new Session();
          session.connect();
          await post(session, 'Profiler.enable');
          // 100 µs between samples: a few thousand samples per measured second.
          await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
          await post(session, 'Profiler.start');
          return null;
        case 'profile-stop': {
          if (!session) throw new Error('no profile running');
          const { profile } = (await post(session, 'Profiler.stop')) as { profile: unknown };
          session.disconnect();
          await writeFile(msg.file, JSON.stringify(profile));
          return msg.file;
        }
        case 'stop':
          await server.close();
          return null;
      }
    };
    answer().then(
      (value) => {
        send({ kind: 'reply', id: msg.id, ok: true, value });
        if (msg.op === 'stop') setImmediate(() => process.exit(0));
      },
      (err: unknown) => send({ kind: 'reply', id: msg.id, ok: false, error: String(err) }),
    );
  });
  // The parent went away (Ctrl-C, crash): do not linger.
  process.on('disconnect', () => {
    void server.close().finally(() => process.exit(0));
  });
  send({ kind: 'ready', port, pid: process.pid });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
