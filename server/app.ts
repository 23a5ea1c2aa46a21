/** buildApp(store) → a Fastify instance with every route; it never listens (tests use inject()). */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { healthRoutes } from './routes/health.js';
import { officeRoutes } from './routes/offices.js';
import type { TicketStore } from './store/types.js';

export function buildApp(store: TicketStore, opts: FastifyServerOptions = {}): FastifyInstance {
  const app = Fastify(opts);
  healthRoutes(app, store);
  officeRoutes(app, store);
  return app;
}
