/**
 * socket.io on the app's HTTP server: who a socket is (handshake cookie or `auth.token`), the
 * per-role handlers, the broadcaster, the Redis adapter when REDIS_URL is set, connected-socket
 * counts for metrics, and a clean close with the app.
 */
import type { FastifyInstance, FastifyBaseLogger } from 'fastify';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.js';
import type { AppContext } from '../app.js';
import type { Authenticator, Credentials } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { startBroadcaster } from './broadcaster.js';
import { registerCommandHandlers } from './handlers/commands.js';
import { registerConsoleHandlers } from './handlers/console.js';
import {
  currentPrincipal,
  type HandlerContext,
  type LiveServer,
  type LiveSocket,
  type SocketData,
} from './handlers/common.js';
import { registerDisplayStatusHandlers } from './handlers/display-status.js';
import { registerLiveHandlers } from './handlers/live.js';
import { connectPrinting, isPrintAgent, registerPrintAgentHandlers } from './handlers/print-agent.js';
import { registerWatchHandlers } from './handlers/watch.js';
import { DEFAULT_NAMESPACE } from '../store/redis/keys.js';
import { attachRedisAdapter } from './redis-adapter.js';
import { AUDIENCES, officeRoom } from './rooms.js';

/** Kinds of connected sockets, for the metrics. */
export const SOCKET_KINDS = ['anonymous', 'display', 'kiosk', 'officer', 'supervisor', 'admin'] as const;
export type SocketKind = (typeof SOCKET_KINDS)[number];

export function socketKind(p: Principal): SocketKind {
  if (p.kind === 'device') return p.deviceKind;
  if (p.kind === 'user') return p.role;
  return 'anonymous';
}

export interface RealtimeOptions {
  /** Default: `app.authenticator`, the one HTTP uses (server/auth/plugin.ts). */
  authenticator?: Authenticator;
  /**
   * How often every socket's credentials are checked again (ms, default 60 s): a revoked device or
   * an expired session is disconnected even if it only listens. 0 disables the sweep.
   */
  revalidateMs?: number;
}

export interface Realtime {
  io: LiveServer;
  /** Sockets connected to this process, by kind. */
  connectedByKind(): Record<SocketKind, number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by registerRealtime: the socket.io server and its counts (metrics read them). */
    realtime: Realtime;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A cookie rides along with any cross-site WebSocket handshake (SameSite does not cover every
 * browser's WebSocket), so it counts only from the app's own origin or a configured CORS origin —
 * the rule of the HTTP API's CSRF check (server/security.ts). No Origin at all: not a browser, or a
 * same-origin polling GET (browsers omit it there). Tokens are not ambient and need no such check.
 */
export function cookieOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  corsOrigins: string[],
): boolean {
  if (origin === undefined) return true;
  try {
    const source = new URL(origin);
    if (source.protocol !== 'http:' && source.protocol !== 'https:') return false;
    if (corsOrigins.includes(source.origin)) return true;
    return host !== undefined && source.host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

function credentialsOf(socket: LiveSocket, corsOrigins: string[], trustProxy: boolean): Credentials {
  const { auth, headers } = socket.handshake;
  const credentials: Credentials = {};
  const authToken = (auth as { token?: unknown } | undefined)?.token;
  const bearer = /^Bearer +(\S+) *$/i.exec(headerValue(headers.authorization) ?? '')?.[1];
  const token = typeof authToken === 'string' && authToken !== '' ? authToken : bearer;
  if (token !== undefined) credentials.token = token;
  const cookie = headerValue(headers.cookie);
  // Behind a trusted proxy the host the browser addressed is the forwarded one.
  const forwarded = trustProxy ? headerValue(headers['x-forwarded-host'])?.split(',')[0]?.trim() : undefined;
  const host = forwarded || headerValue(headers.host);
  if (cookie && cookieOriginAllowed(headerValue(headers.origin), host, corsOrigins)) {
    credentials.cookieHeader = cookie;
  }
  return credentials;
}

/** Attaches socket.io to `app.server`; resolves once the adapter (if any) is listening. */
export async function registerRealtime(
  app: FastifyInstance,
  ctx: AppContext,
  opts: RealtimeOptions = {},
): Promise<Realtime> {
  const authenticator = opts.authenticator ?? app.authenticator;
  const log: FastifyBaseLogger = app.log.child({ component: 'realtime' });
  const { corsOrigins } = ctx.config;
  const io: LiveServer = new Server<
    ClientToServerEvents,
    ServerToClientEvents,
    Record<string, never>,
    SocketData
  >(app.server, {
    // Displays and kiosks connect with `transports: ['websocket']` (no sticky sessions needed
    // behind a load balancer); browsers of staff may start with polling.
    transports: ['polling', 'websocket'],
    serveClient: false,
    // Commands and subscriptions are small; this bounds what one message may cost.
    maxHttpBufferSize: 64 * 1024,
    cors: corsOrigins.length > 0 ? { origin: corsOrigins, credentials: true } : { origin: false },
  });

  const adapter = ctx.config.redisUrl
    ? await attachRedisAdapter(io, ctx.config.redisUrl, ctx.config.redisNamespace ?? DEFAULT_NAMESPACE, log)
    : undefined;

  const hctx: HandlerContext = {
    store: ctx.store,
    authenticator,
    log,
    clock: ctx.clock,
    estimates: ctx.estimates,
  };

  io.use((socket, next) => {
    const credentials = credentialsOf(socket, corsOrigins, ctx.config.trustProxy);
    authenticator.principal(credentials).then(
      (principal) => {
        socket.data.principal = principal;
        socket.data.credentials = credentials;
        socket.data.offices = new Set();
        socket.data.watching = new Map();
        socket.data.signedIn = principal.kind !== 'anonymous';
        socket.data.attachedCounter = undefined;
        next();
      },
      (err: unknown) => {
        log.error({ err }, 'socket authentication failed');
        next(new Error('INTERNAL'));
      },
    );
  });

  io.on('connection', (socket) => {
    // Anonymous sockets may connect: the citizen's phone page watches its ticket without signing
    // in (ticket:watch and ticket:unwatch, the only requests open to them), and a staff page can
    // connect first and sign in later without a special path. Anything else answers them
    // UNAUTHENTICATED.
    if (isPrintAgent(socket)) {
      // A print agent does one thing: it gets no office stream and sends no commands.
      void registerPrintAgentHandlers(io, socket, hctx, ctx.printing);
      return;
    }
    registerLiveHandlers(socket, hctx);
    registerCommandHandlers(socket, hctx);
    registerWatchHandlers(socket, hctx);
    registerDisplayStatusHandlers(io, socket, hctx);
    registerConsoleHandlers(io, socket, hctx);
  });
  connectPrinting(io, ctx.printing, ctx.clock);

  const stopBroadcasting = startBroadcaster(ctx.bus, io, {
    crossProcess: adapter !== undefined,
    officeConfig: (officeId) => ctx.store.officeConfig(officeId),
    log,
  });

  // Every member of the office may read the estimates (they are on the public ticket anyway).
  const stopEstimates = ctx.estimates.onRefresh((officeId, services) => {
    const rooms = AUDIENCES.map((a) => officeRoom(officeId, a));
    io.to(rooms).emit('office:estimates', { officeId, at: ctx.clock(), services });
  });

  const revalidateMs = opts.revalidateMs ?? 60_000;
  const sweep =
    revalidateMs > 0
      ? setInterval(() => {
          for (const socket of io.of('/').sockets.values()) {
            // Anonymous from the start (a phone watching its ticket): nothing to lose, stays.
            if (!socket.data.signedIn) continue;
            currentPrincipal(socket, hctx).then(
              (p) => {
                if (p.kind === 'anonymous') socket.disconnect(true);
              },
              (err: unknown) => log.warn({ err }, 'socket revalidation failed'),
            );
          }
        }, revalidateMs)
      : undefined;
  sweep?.unref();

  const realtime: Realtime = {
    io,
    connectedByKind() {
      const counts = Object.fromEntries(SOCKET_KINDS.map((k) => [k, 0])) as Record<SocketKind, number>;
      for (const socket of io.of('/').sockets.values()) counts[socketKind(socket.data.principal)]++;
      return counts;
    },
  };
  app.decorate('realtime', realtime);

  // Before the HTTP server closes: it would otherwise wait for every WebSocket. Closing the
  // transports (not disconnecting the sockets) lets clients reconnect, to another process or to
  // this one once it is back.
  app.addHook('preClose', (done) => {
    clearInterval(sweep);
    stopBroadcasting();
    stopEstimates();
    io.engine.close();
    done();
  });
  app.addHook('onClose', async () => {
    for (const socket of io.of('/').sockets.values()) socket.disconnect(true);
    await adapter?.close();
  });
  return realtime;
}
