/**
 * Office administration (admins only): create an office, replace its definition. The schema
 * checks the shape; parseOfficeConfig checks the meaning (times, references, duplicates) and
 * answers INVALID_CONFIG with every problem, each with its path. A change takes effect at once:
 * waiting tickets stay, new counters start closed.
 */
import type { FastifyInstance } from 'fastify';
import { parseOfficeConfig } from '../../shared/domain/office-config.js';
import type { OfficeConfig } from '../../shared/domain/types.js';
import { QueueError } from '../../shared/protocol/errors.js';
import {
  OfficeConfigSchema,
  OfficeDefinitionSchema,
  OfficeParamsSchema,
} from '../../shared/protocol/http.js';
import type { AppContext } from '../app.js';
import { AUTHENTICATED, TAGS } from '../openapi.js';
import { AUTH_ERRORS, errors, guard, typed } from './common.js';

const DESCRIPTION =
  'An office definition: id, name, timeZone (default Asia/Ho_Chi_Minh), sessions per weekday ' +
  '({open, close, cutoff} as HH:MM), holidays (YYYY-MM-DD), policy, services (id, name {vi, en}, numbering, ' +
  'dailyCap, serviceMinutes) and counters (id, number, name, services in preference order). Problems are ' +
  'answered 400 INVALID_INPUT (shape) or INVALID_CONFIG (meaning), with details.problems.';

export async function adminOfficeRoutes(parent: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const app = typed(parent);
  const { store } = opts.ctx;

  app.post(
    '/api/admin/offices',
    {
      ...guard('admin:offices'),
      schema: {
        tags: [TAGS.admin],
        summary: 'Create an office',
        description: DESCRIPTION,
        security: AUTHENTICATED,
        body: OfficeDefinitionSchema,
        response: { 201: OfficeConfigSchema, ...errors(...AUTH_ERRORS, 'OFFICE_EXISTS', 'INVALID_CONFIG') },
      },
    },
    async (req, reply) => {
      if (req.body.id === undefined) {
        throw new QueueError('INVALID_INPUT', { problems: ['body.id: is required'], fields: ['body.id'] });
      }
      const config = parseOfficeConfig(req.body);
      await store.putOffice(config, { create: true });
      return reply.code(201).send(config);
    },
  );

  app.put(
    '/api/admin/offices/:officeId',
    {
      ...guard('admin:offices'),
      schema: {
        tags: [TAGS.admin],
        summary: 'Replace an office’s definition',
        description: `${DESCRIPTION} The id in the body may be omitted; if given it must be the one in the URL.`,
        security: AUTHENTICATED,
        params: OfficeParamsSchema,
        body: OfficeDefinitionSchema,
        response: {
          200: OfficeConfigSchema,
          ...errors(...AUTH_ERRORS, 'OFFICE_NOT_FOUND', 'INVALID_CONFIG'),
        },
      },
    },
    async (req): Promise<OfficeConfig> => {
      const { officeId } = req.params;
      if (req.body.id !== undefined && req.body.id !== officeId) {
        throw new QueueError('INVALID_INPUT', {
          problems: [`body.id: must be the office of the URL ("${officeId}")`],
          fields: ['body.id'],
        });
      }
      const config = parseOfficeConfig({ ...req.body, id: officeId });
      if (!(await store.getOffice(officeId))) throw new QueueError('OFFICE_NOT_FOUND');
      await store.putOffice(config);
      return config;
    },
  );
}
