/** Read-only office routes: configuration and live state. The full API arrives with the server issue. */
import type { FastifyInstance } from 'fastify';
import { isQueueError } from '../../shared/protocol/errors.js';
import type { TicketStore } from '../store/types.js';

export function officeRoutes(app: FastifyInstance, store: TicketStore): void {
  app.get('/api/offices', async () => ({ offices: await store.listOffices() }));
  app.get<{ Params: { officeId: string } }>('/api/offices/:officeId', async (req, reply) => {
    const config = await store.getOffice(req.params.officeId);
    if (!config) return reply.code(404).send({ code: 'OFFICE_NOT_FOUND', message: 'Office not found' });
    return { config, state: await store.getState(config.id) };
  });
  app.setErrorHandler((err, _req, reply) => {
    if (isQueueError(err))
      return reply.code(err.statusCode).send({ code: err.code, message: err.message, ...err.details });
    return reply.send(err);
  });
}
