/**
 * The one error envelope: every error answer is `{ error: { code, message, details? } }` with a
 * stable `code` from shared/protocol/errors.ts and a Vietnamese / English message.
 *
 * - QueueError (engine, auth, routes): its status, code, message and details.
 * - Schema violations: 400 INVALID_INPUT, `details.fields` naming the offending request fields and
 *   `details.problems` saying what is wrong with each.
 * - Fastify's own client errors (bad JSON, body too large, wrong content type, bad URL): their 4xx
 *   status with a code of ours.
 * - Unknown routes: 404 NOT_FOUND in the same envelope.
 * - Anything else is a bug or an outage: 500 INTERNAL, logged with its stack, never its details
 *   sent (no input may cause one: tests/integration/api.test.ts fuzzes for it).
 */
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';
import type { ErrorEnvelope } from '../shared/protocol/http.js';
import {
  ErrorCodes,
  isQueueError,
  type ErrorCode,
  type QueueErrorDetails,
} from '../shared/protocol/errors.js';

interface Answer {
  status: number;
  body: ErrorEnvelope;
}

function envelope(
  code: ErrorCode,
  details?: QueueErrorDetails & { fields?: string[] },
  message?: string,
): Answer {
  const body: ErrorEnvelope = { error: { code, message: message ?? ErrorCodes[code].message } };
  if (details && Object.keys(details).length > 0) body.error.details = details;
  return { status: ErrorCodes[code].http, body };
}

/** `/a/0/b` (JSON pointer) → `a[0].b`. */
function pathOf(context: string, pointer: string, child?: string): string {
  let path = context;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(part) ? `[${part}]` : `.${part}`;
  }
  return child === undefined ? path : `${path}.${child}`;
}

/**
 * Validation errors → one line per problem. Both validators' shapes are read: TypeBox (our routes)
 * lists missing or extra properties in `requiredProperties` / `additionalProperties`; Ajv (the
 * default for routes without a TypeBox compiler) in `missingProperty` / `additionalProperty`.
 */
export function describeValidation(
  context: string,
  errors: readonly FastifySchemaValidationError[],
): { problems: string[]; fields: string[] } {
  const problems: string[] = [];
  const fields: string[] = [];
  const add = (path: string, what: string): void => {
    const line = `${path}: ${what}`;
    if (!problems.includes(line)) problems.push(line);
    if (!fields.includes(path)) fields.push(path);
  };
  for (const e of errors) {
    const params = (e.params ?? {}) as Record<string, unknown>;
    const pointer = e.instancePath ?? '';
    const names = (v: unknown): string[] =>
      Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
    if (e.keyword === 'required') {
      for (const name of [...names(params.requiredProperties), ...names(params.missingProperty)])
        add(pathOf(context, pointer, name), 'is required');
    } else if (e.keyword === 'additionalProperties') {
      for (const name of [...names(params.additionalProperties), ...names(params.additionalProperty)])
        add(pathOf(context, pointer, name), 'is not allowed');
    } else if (e.keyword === 'boolean' && e.message === 'schema is false') {
      // TypeBox also reports each extra property as a `false` schema: already said above.
    } else if (e.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      add(pathOf(context, pointer), `must be one of ${params.allowedValues.map(String).join(', ')}`);
    } else {
      add(pathOf(context, pointer), e.message ?? 'is invalid');
    }
  }
  if (problems.length === 0) add(context, 'is invalid');
  return { problems, fields };
}

/** Fastify's own 4xx errors, by status. */
const BY_STATUS: Partial<Record<number, ErrorCode>> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

export function errorAnswer(err: unknown): Answer | undefined {
  if (isQueueError(err)) {
    const details = err.details;
    const answer = envelope(err.code, details, err.message);
    answer.status = err.statusCode;
    return answer;
  }
  const fe = err as Partial<FastifyError> | null;
  if (fe && Array.isArray(fe.validation)) {
    return envelope('INVALID_INPUT', describeValidation(fe.validationContext ?? 'request', fe.validation));
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = BY_STATUS[status];
    if (code) return envelope(code);
    // Malformed JSON, an empty JSON body, a bad URL, a bad Content-Length: the client's doing.
    const what =
      fe?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? 'body: is empty'
        : `request: ${fe?.message ?? 'malformed'}`;
    const answer = envelope('INVALID_INPUT', { problems: [what] });
    answer.status = status;
    return answer;
  }
  return undefined;
}

function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const answer = errorAnswer(err);
  if (answer) {
    if (answer.status >= 500) req.log.warn({ err }, 'request failed');
    const retry = answer.body.error.details?.retryAfterSeconds;
    if (typeof retry === 'number' && !reply.hasHeader('retry-after'))
      reply.header('retry-after', String(retry));
    return reply.code(answer.status).send(answer.body);
  }
  req.log.error({ err }, 'unexpected error');
  const internal = envelope('INTERNAL');
  return reply.code(internal.status).send(internal.body);
}

/** Installs the error handler and the not-found handler on the root instance. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    const answer = envelope('NOT_FOUND', {
      problems: [`${req.method} ${(req.url.split('?')[0] ?? '').slice(0, 200)}: no such route`],
    });
    return reply.code(answer.status).send(answer.body);
  });
}

/**
 * For Fastify's `frameworkErrors` option (errors raised before routing, e.g. a URL that is not
 * valid percent-encoding): the same envelope instead of Fastify's own shape.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  void errorHandler(err, req, reply);
}
