/**
 * Transport-level protection for every route:
 *
 * - Helmet's headers (CSP, no sniffing, frame denial, HSTS, referrer policy…).
 * - CORS closed unless `CORS_ORIGINS` lists origins: the apps are served by this server
 *   (same origin); a third-party web client must be listed. Listed origins may send credentials.
 * - A request body limit (BODY_LIMIT): the API's bodies are small; an office definition is the
 *   largest (tens of KiB for a provincial centre).
 * - CSRF: a browser attaches the session cookie to any request, including one a hostile page
 *   makes. So an unsafe method (POST, PUT, PATCH, DELETE) that carries the session cookie and no
 *   `Authorization` header must come from our own origin (or a CORS-listed one): its `Origin`
 *   (or, without one, its `Referer`) must name this host; neither present is refused too. Requests
 *   with a bearer token are exempt: a cross-site page cannot set `Authorization` without a CORS
 *   preflight, which is refused. The session cookie is also SameSite (server/auth), which stops
 *   most of this in the browser already; the Origin check is the second lock.
 */
import cors from '@fastify/cors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { QueueError } from '../shared/protocol/errors.js';
import { SESSION_COOKIE } from './auth/authenticator.js';
import type { ServerConfig } from './config.js';

/** Largest request body accepted (bytes). */
export const BODY_LIMIT = 64 * 1024;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hasSessionCookie(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(';').some((pair) => pair.trim().startsWith(`${SESSION_COOKIE}=`));
}

function originOf(value: string | undefined): URL | undefined {
  if (!value || value === 'null') return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Is this unsafe, cookie-authenticated request from a page of ours? Same host (host and port, as
 * the client addressed us — behind a proxy with TRUST_PROXY, the forwarded host) or a listed origin.
 */
export function isCrossSite(req: FastifyRequest, allowedOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  if (req.headers.authorization !== undefined) return false;
  if (!hasSessionCookie(req.headers.cookie)) return false;
  const source = originOf(req.headers.origin) ?? originOf(req.headers.referer);
  if (!source) return true;
  if (source.protocol !== 'http:' && source.protocol !== 'https:') return true;
  if (allowedOrigins.includes(source.origin)) return false;
  return source.host.toLowerCase() !== req.host.toLowerCase();
}

/** The apps and /docs load only their own scripts; Swagger UI styles inline and shows data: images. */
const HELMET: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", 'ws:', 'wss:'],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      // Ward offices run on plain HTTP in their LAN: upgrading subresources to HTTPS would break the apps.
      upgradeInsecureRequests: null,
    },
  },
};

/**
 * Helmet's headers, computed once. They depend only on the options (no CSP nonces here), and
 * building helmet's middleware per request (as @fastify/helmet does) cost ~10 % of a ticket issue.
 */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}

export async function registerSecurity(app: FastifyInstance, config: ServerConfig): Promise<void> {
  const headers = helmetHeaders(HELMET);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
    });
  }
  // Routes registered from here on (all of them: this runs first) get the limit unless they set one.
  app.addHook('onRoute', (route) => {
    route.bodyLimit ??= BODY_LIMIT;
  });
  app.addHook('onRequest', async (req) => {
    if (isCrossSite(req, config.corsOrigins)) throw new QueueError('CROSS_SITE_REQUEST');
  });
}
