/**
 * The socket.io Redis adapter: a broadcast on one process reaches the room's sockets on every
 * process. Two connections of its own (a subscriber connection can do nothing else), closed with
 * the app. The classic (pattern-subscribe) adapter is used: it subscribes once at start, so no
 * event can slip past a room's first subscriber while a per-room subscription is being set up.
 */
import type { FastifyBaseLogger } from 'fastify';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { LiveServer } from './handlers/common.js';

export interface AdapterHandle {
  close(): Promise<void>;
}

/** How long start-up waits for the adapter's subscription before going on without it. */
const READY_TIMEOUT_MS = 3000;

export async function attachRedisAdapter(
  io: LiveServer,
  url: string,
  namespace: string,
  log: FastifyBaseLogger,
): Promise<AdapterHandle> {
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
  const sub = pub.duplicate();
  pub.on('error', (err: unknown) => log.warn({ err }, 'socket.io adapter: redis (pub) error'));
  sub.on('error', (err: unknown) => log.warn({ err }, 'socket.io adapter: redis (sub) error'));
  // Channels carry the namespace: two deployments (or test runs) on one Redis never hear each other.
  io.adapter(createAdapter(pub, sub, { key: `${namespace}:socket.io` }));
  // The PING is queued behind the adapter's PSUBSCRIBE on the same connection: once it answers,
  // broadcasts from other processes reach this one.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    sub.ping().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.warn('socket.io adapter: Redis did not answer in time; continuing, it keeps trying');
        resolve();
      }, READY_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  return {
    async close() {
      await io.of('/').adapter.close();
      await Promise.all(
        [pub, sub].map((client) =>
          client.quit().then(
            () => undefined,
            () => client.disconnect(),
          ),
        ),
      );
    },
  };
}
