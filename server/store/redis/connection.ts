/**
 * How Lượt connects to Redis, in one place (the queue engine and the account store share it):
 * fail fast instead of queueing — while Redis is away every call answers STORE_UNAVAILABLE at once,
 * and nothing is sent twice (a resent transition could apply twice) — and reconnect in the
 * background.
 */
import { Redis } from 'ioredis';
import { QueueError } from '../../../shared/protocol/errors.js';

export interface ConnectionOptions {
  /** Give up connecting (TCP, handshake and ready check) after this long (ms, default 1000). */
  connectTimeoutMs?: number;
  /** Give up on one command after this long (ms, default 1000): a hung Redis answers 503 quickly. */
  commandTimeoutMs?: number;
}

/** A client that has not connected yet (see connectWithin). */
export function createRedisClient(url: string, opts: ConnectionOptions): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // Commands issued in the same tick (many requests at once) share one write to the socket.
    enableAutoPipelining: true,
    connectTimeout: opts.connectTimeoutMs ?? 1000,
    commandTimeout: opts.commandTimeoutMs ?? 1000,
    retryStrategy: (times) => Math.min(100 * times, 2000),
  });
}

/** The store's answer to any Redis failure: 503 with a stable code, the cause kept for the log. */
export function unavailable(cause: unknown): QueueError {
  const err = new QueueError('STORE_UNAVAILABLE');
  err.cause = cause;
  return err;
}

/**
 * Connects, rejecting with STORE_UNAVAILABLE when Redis does not answer in time. ioredis's
 * connectTimeout covers the TCP connection only; a server that accepts and then says nothing would
 * hold the ready check for long, so the whole handshake gets the deadline.
 */
export async function connectWithin(client: Redis, opts: ConnectionOptions): Promise<void> {
  const deadlineMs = opts.connectTimeoutMs ?? 1000;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${deadlineMs} ms`)), deadlineMs);
  });
  try {
    await Promise.race([client.connect(), deadline]);
  } catch (err) {
    client.disconnect();
    throw unavailable(err);
  } finally {
    clearTimeout(timer);
  }
}
