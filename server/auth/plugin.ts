/**
 * Authentication for HTTP: `registerAuth(app, ctx)` gives every request a `request.principal`
 * (anonymous when nothing valid is presented) and the app an `app.authenticator` that socket.io
 * uses for handshakes; `requirePermission` guards routes with the table of access.ts.
 *
 * @example
 * app.post('/api/offices/:officeId/tickets', { preHandler: requirePermission('ticket:issue') }, handler);
 * app.post('/api/admin/devices', { preHandler: requirePermission('admin:devices', fromBody('officeId')) }, handler);
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { QueueError } from '../../shared/protocol/errors.js';
import type { AccountStore } from './account-store.js';
import { can, type Permission } from './access.js';
import { AccountAuthenticator, type Authenticator, type Credentials } from './authenticator.js';
import type { Principal } from './principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; set for every request before any handler runs. */
    principal: Principal;
  }
  interface FastifyInstance {
    /** The one authenticator, shared with socket.io. */
    authenticator: Authenticator;
  }
}

const BEARER = /^Bearer +(\S+) *$/i;

/** What an HTTP request presents: `Authorization: Bearer <token>` and the `Cookie` header. */
export function credentialsOf(req: FastifyRequest): Credentials {
  const credentials: Credentials = {};
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (token !== undefined) credentials.token = token;
  if (req.headers.cookie !== undefined) credentials.cookieHeader = req.headers.cookie;
  return credentials;
}

export function registerAuth(app: FastifyInstance, ctx: { accounts: AccountStore }): Authenticator {
  const authenticator = new AccountAuthenticator(ctx.accounts);
  app.decorate('authenticator', authenticator);
  // Fastify wants null for reference-typed request decorations; the hook below always sets it.
  app.decorateRequest('principal', null, []);
  // onRequest: before the body is even read, so an anonymous flood costs no parsing.
  app.addHook('onRequest', async (req) => {
    req.principal = await authenticator.principal(credentialsOf(req));
  });
  return authenticator;
}

/** 401 for anonymous callers (log in first), 403 for everyone else. */
export function denied(principal: Principal): QueueError {
  return new QueueError(principal.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
}

export type OfficeIdFrom = (req: FastifyRequest) => string | undefined;

const stringField = (source: unknown, field: string): string | undefined => {
  const value = (source as Record<string, unknown> | null | undefined)?.[field];
  return typeof value === 'string' ? value : undefined;
};

/** The office id in a route parameter (the default: `:officeId`). */
export const fromParams =
  (field = 'officeId'): OfficeIdFrom =>
  (req) =>
    stringField(req.params, field);
/** The office id in the (validated) body. */
export const fromBody =
  (field = 'officeId'): OfficeIdFrom =>
  (req) =>
    stringField(req.body, field);
/** The office id in the query string. */
export const fromQuery =
  (field = 'officeId'): OfficeIdFrom =>
  (req) =>
    stringField(req.query, field);

/**
 * A preHandler refusing callers without `permission` in the office named by the request
 * (`:officeId` unless `officeIdFrom` says otherwise). It runs after validation, so `fromBody`
 * reads a checked body. The counter rule (an officer only at their own counter) needs live state:
 * check it in the handler with `mayOperateCounter`.
 */
export function requirePermission(
  permission: Permission,
  officeIdFrom: OfficeIdFrom = fromParams(),
): (req: FastifyRequest) => Promise<void> {
  return async (req) => {
    if (!can(req.principal, permission, officeIdFrom(req))) throw denied(req.principal);
  };
}
