/**
 * Login, logout, who-am-I. A login answers the session token in the body (for `Authorization:
 * Bearer`) and sets it as the `luot_session` cookie (for the browser apps): HttpOnly, SameSite=Lax,
 * Path=/, Max-Age = the session TTL, and Secure when the request came over https.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { LoginBodySchema, LoginReplySchema, MeReplySchema } from '../../shared/protocol/accounts.js';
import { QueueError } from '../../shared/protocol/errors.js';
import type { AppContext } from '../app.js';
import { AUTHENTICATED } from '../openapi.js';
import { presentedToken, SESSION_COOKIE } from '../auth/authenticator.js';
import { login } from '../auth/login.js';
import { credentialsOf } from '../auth/plugin.js';
import { tokenKind } from '../auth/tokens.js';
import { publicDevice, publicUser } from '../auth/views.js';
import { AUTH_ERRORS, errors, typed } from './common.js';

/** Not in openapi.ts's TAGS yet (the api helper owns that list): shown after the listed tags. */
const AUTH_TAG = 'Authentication';

function sessionCookie(req: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const attributes = [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (req.protocol === 'https') attributes.push('Secure');
  return attributes.join('; ');
}

function addCookie(reply: FastifyReply, cookie: string): void {
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  reply.header('set-cookie', [...list, cookie]);
}

export async function authRoutes(parent: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const r = typed(parent);
  const { ctx } = opts;

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: [AUTH_TAG],
        summary: 'Log in with a username and password',
        description:
          'Answers a session token and sets the `luot_session` cookie. After 5 failed attempts for a username ' +
          '(20 from one address) further attempts wait 1 s, 2 s, 4 s … up to 15 min: 429 RATE_LIMITED with Retry-After.',
        body: LoginBodySchema,
        response: { 200: LoginReplySchema, ...errors('INVALID_CREDENTIALS', 'RATE_LIMITED') },
      },
    },
    async (req, reply) => {
      try {
        const { token, expiresAt, user } = await login(
          ctx.accounts,
          { username: req.body.username, password: req.body.password, ip: req.ip },
          { sessionTtlMs: ctx.config.sessionTtlMs, clock: ctx.clock },
        );
        addCookie(reply, sessionCookie(req, token, Math.floor(ctx.config.sessionTtlMs / 1000)));
        reply.header('cache-control', 'no-store');
        return { token, expiresAt, user: publicUser(user) };
      } catch (err) {
        if (err instanceof QueueError && err.details.retryAfterSeconds !== undefined) {
          reply.header('retry-after', String(err.details.retryAfterSeconds));
        }
        throw err;
      }
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: {
        tags: [AUTH_TAG],
        security: AUTHENTICATED,
        summary: 'End the session (cookie or bearer token) and clear the cookie',
        description:
          'Always 204, also without a session. Device tokens are not affected (revoke those instead).',
        response: { 204: Type.Null({ description: 'Logged out' }) },
      },
    },
    async (req, reply) => {
      const token = presentedToken(credentialsOf(req));
      if (token !== undefined && tokenKind(token) === 'session') await ctx.accounts.deleteSession(token);
      addCookie(reply, sessionCookie(req, '', 0));
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    {
      schema: {
        tags: [AUTH_TAG],
        security: AUTHENTICATED,
        summary: 'Who the presented credentials belong to: a user or a device',
        response: { 200: MeReplySchema, ...errors(...AUTH_ERRORS) },
      },
    },
    async (req) => {
      const p = req.principal;
      if (p.kind === 'user') {
        const user = await ctx.accounts.getUser(p.userId);
        if (user) return { kind: 'user' as const, user: publicUser(user) };
      } else if (p.kind === 'device') {
        const device = await ctx.accounts.getDevice(p.deviceId);
        if (device) return { kind: 'device' as const, device: publicDevice(device) };
      }
      throw new QueueError('UNAUTHENTICATED');
    },
  );
}
