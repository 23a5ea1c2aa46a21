/**
 * The API's documentation, generated from the route schemas: OpenAPI 3.1 at `/docs/json` (and
 * `/docs/yaml`), Swagger UI at `/docs`. Registered before the routes so it sees all of them.
 * tests/integration/openapi.test.ts checks the document against the OpenAPI 3.1 schema.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from './auth/authenticator.js';

export const DOCS_PREFIX = '/docs';

/** Route tags, in the order the UI shows them. */
export const TAGS = {
  offices: 'Offices',
  tickets: 'Tickets',
  counters: 'Counters',
  admin: 'Administration',
} as const;

/** `security` of a route: a session (token or cookie) or a device token. */
export const AUTHENTICATED = [{ bearerAuth: [] }, { sessionCookie: [] }];

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lượt API',
        version: '1',
        description:
          'Queue tickets for public service centres. Errors are always `{error: {code, message, details?}}` ' +
          'with a stable `code`. Authenticate with `Authorization: Bearer <token>` (a login session or a ' +
          'device token) or, from the browser apps, the session cookie. See docs/api.md.',
      },
      tags: Object.values(TAGS).map((name) => ({ name })),
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'A session token from POST /api/auth/login, or a kiosk/display device token',
          },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: false,
    uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null },
  });
}
