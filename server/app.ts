/**
 * buildApp(deps) → a Fastify instance with every plugin and route; it never listens (tests use
 * inject(), or listen on port 0 for sockets). main.ts owns the process: config, stores, listen,
 * shutdown.
 */
import { resolve } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerApps } from './apps.js';
import type { AccountStore } from './auth/account-store.js';
import { registerAuth } from './auth/plugin.js';
import type { ServerConfig } from './config.js';
import { EventBus, PublishingStore } from './realtime/event-bus.js';
import { registerRealtime } from './realtime/socket-server.js';
import { frameworkErrors, registerErrorHandling } from './errors.js';
import { registerMetrics } from './metrics.js';
import { PrintDispatcher } from './printing/dispatch.js';
import { registerOpenApi } from './openapi.js';
import { adminDeviceRoutes } from './routes/admin-devices.js';
import { adminOfficeRoutes } from './routes/admin-offices.js';
import { adminUserRoutes } from './routes/admin-users.js';
import { adminVoicePackRoutes } from './routes/admin-voice-packs.js';
import { authRoutes } from './routes/auth.js';
import { healthRoutes } from './routes/health.js';
import { boardRoutes } from './routes/board.js';
import { counterRoutes } from './routes/counters.js';
import { estimateRoutes } from './routes/estimates.js';
import { officeRoutes } from './routes/offices.js';
import { ticketPrintPageRoutes } from './routes/ticket-print-page.js';
import { ticketRoutes } from './routes/tickets.js';
import { registerSecurity } from './security.js';
import { EstimateService } from './estimates/estimate-service.js';
import type { Clock, TicketStore } from './store/types.js';

export interface AppDeps {
  /** The engine; buildApp wraps it so every command's event reaches the bus. */
  store: TicketStore;
  accounts: AccountStore;
  config: ServerConfig;
  clock?: Clock;
}

export interface AppContext {
  store: TicketStore;
  accounts: AccountStore;
  config: ServerConfig;
  bus: EventBus;
  clock: Clock;
  /** Kiosk ticket printers: direct (server mode) or through print agents. */
  printing: PrintDispatcher;
  /** Wait-time estimates, recomputed after events and every 30 s; read from its cache by the routes. */
  estimates: EstimateService;
}

/** The services every plugin and route shares; the engine is wrapped so its events reach the bus. */
export function createContext(deps: AppDeps, log?: FastifyBaseLogger): AppContext {
  const bus = new EventBus();
  const clock = deps.clock ?? Date.now;
  return {
    store: new PublishingStore(deps.store, bus),
    accounts: deps.accounts,
    config: deps.config,
    bus,
    clock,
    printing: new PrintDispatcher({ accounts: deps.accounts, ...(deps.clock && { clock: deps.clock }) }),
    // The engine itself: the estimator reads, it never commands.
    estimates: new EstimateService({ store: deps.store, bus, clock, ...(log && { log }) }),
  };
}

export async function buildApp(deps: AppDeps, opts: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ trustProxy: deps.config.trustProxy, frameworkErrors, ...opts });
  const ctx = createContext(deps, app.log);
  // Registration order matters: errors and security first, then auth (decorates request.principal),
  // then documentation and routes; realtime and metrics listen on the bus.
  registerErrorHandling(app);
  await registerSecurity(app, ctx.config);
  registerAuth(app, ctx);
  await registerOpenApi(app);
  // The auth helper's routes come after the OpenAPI plugin: swagger only sees routes added after it.
  await app.register(authRoutes, { ctx });
  await app.register(adminUserRoutes, { ctx });
  await app.register(adminDeviceRoutes, { ctx });
  healthRoutes(app, ctx.store);
  await app.register(officeRoutes, { ctx });
  await app.register(ticketRoutes, { ctx });
  await app.register(ticketPrintPageRoutes, { ctx });
  await app.register(counterRoutes, { ctx });
  await app.register(boardRoutes, { ctx });
  await app.register(estimateRoutes, { ctx });
  await app.register(adminOfficeRoutes, { ctx });
  await app.register(adminVoicePackRoutes, { ctx });
  await registerApps(app, {
    ...(ctx.config.appsDir !== undefined && { appsDir: ctx.config.appsDir }),
    voicePacksDir: resolve(ctx.config.dataDir, 'voice-packs'),
  });
  registerMetrics(app, ctx);
  await registerRealtime(app, ctx);
  ctx.estimates.start();
  app.addHook('onClose', () => ctx.estimates.stop());
  return app;
}
