/** Liveness and readiness: `/healthz` answers while the process runs, `/readyz` only while the store does. */
import type { FastifyInstance } from 'fastify';
import type { TicketStore } from '../store/types.js';

export function healthRoutes(app: FastifyInstance, store: TicketStore): void {
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await store.ping();
      return { ok: true, store: store.kind };
    } catch {
      return reply.code(503).send({ ok: false, code: 'STORE_UNAVAILABLE', store: store.kind });
    }
  });
}
