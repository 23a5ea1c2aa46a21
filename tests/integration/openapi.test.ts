/**
 * The API documentation is real: /docs/json is a valid OpenAPI 3.1 document (checked against the
 * specification's own JSON Schema), every operation documents its responses, every $ref
 * resolves, every schema compiles with Ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect), every
 * route of the app is in it, and /docs serves the browsable UI.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, ANONYMOUS_CALLER as anonymous, type ApiRig } from '../helpers/api.js';
import { memoryEngine } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

type Json = Record<string, unknown>;

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Every route the issue names as the public contract, as OpenAPI spells its paths. */
const CONTRACT: [string, string][] = [
  ['get', '/api/offices'],
  ['get', '/api/offices/{officeId}'],
  ['get', '/api/offices/{officeId}/snapshot'],
  ['post', '/api/offices/{officeId}/tickets'],
  ['get', '/api/tickets/{ticketId}'],
  ['post', '/api/offices/{officeId}/tickets/{ticketId}/cancel'],
  ['post', '/api/offices/{officeId}/tickets/{ticketId}/requeue'],
  ['post', '/api/offices/{officeId}/tickets/{ticketId}/transfer'],
  ['get', '/api/offices/{officeId}/board'],
  ['post', '/api/offices/{officeId}/officers/{officerId}/move'],
  ['post', '/api/admin/offices'],
  ['put', '/api/admin/offices/{officeId}'],
  ...[
    'sign-in',
    'sign-out',
    'open',
    'pause',
    'close',
    'call-next',
    'call',
    'recall',
    'start',
    'complete',
    'no-show',
    'transfer',
  ].map((a): [string, string] => ['post', `/api/offices/{officeId}/counters/{counterId}/${a}`]),
];

/** Every value under `node` with its JSON pointer. */
function* walk(node: unknown, pointer = ''): Generator<[string, unknown]> {
  yield [pointer, node];
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      yield* walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  }
}

function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

/**
 * The app's routes from Fastify's route tree (`printRoutes`): each line is a path segment under
 * its parent (4 characters of indentation per level) with its methods. API routes only, without
 * HEAD twins, in OpenAPI's spelling (`{param}`).
 */
function servedRoutes(tree: string): [string, string][] {
  const out: [string, string][] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('').replace(/:([A-Za-z]+)/g, '{$1}');
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD' && path.startsWith('/api/')) out.push([method, path]);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  let rig: ApiRig;
  let doc: Json;
  const routes: [string, string][] = [];

  beforeAll(async () => {
    rig = await startApi(memoryEngine, [testOffice()]);
    routes.push(...servedRoutes(rig.app.printRoutes({ commonPrefix: false })));
    const res = await rig.call(anonymous, { url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    doc = res.json() as Json;
  });

  afterAll(async () => {
    await rig?.close();
  });

  it('is valid against the OpenAPI 3.1 schema', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every contract route, each operation with a summary and responses', () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    for (const [method, path] of CONTRACT) {
      expect(paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    }
    let operations = 0;
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        operations++;
        const where = `${method.toUpperCase()} ${path}`;
        const responses = op.responses as Record<string, Json> | undefined;
        expect(responses && Object.keys(responses).length, `${where} has responses`).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(responses ?? {})) {
          expect(typeof response.description, `${where} ${status} has a description`).toBe('string');
        }
        if (path.startsWith('/api/')) expect(op.summary, `${where} has a summary`).toBeTruthy();
        // Path parameters are all declared.
        const declared = new Set(
          ((op.parameters as Json[] | undefined) ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        );
        for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) expect(declared, where).toContain(name);
      }
    }
    expect(operations).toBeGreaterThanOrEqual(CONTRACT.length);
  });

  it('documents the error envelope on the API’s error answers', () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    for (const [method, path] of CONTRACT) {
      const responses = paths[path]![method]!.responses as Record<string, Json>;
      const errors = Object.keys(responses).filter((s) => s.startsWith('4'));
      // The office list takes no input and needs no credentials: it has no error answer of its own.
      if (path !== '/api/offices') expect(errors, `${method} ${path}`).not.toHaveLength(0);
      for (const status of errors) {
        const schema = (responses[status]!.content as Record<string, { schema: Json }>)['application/json']!
          .schema;
        expect((schema.properties as Json | undefined)?.error, `${method} ${path} ${status}`).toBeDefined();
      }
    }
  });

  it('has only $refs that resolve inside the document', () => {
    let refs = 0;
    for (const [pointer, node] of walk(doc)) {
      if (!pointer.endsWith('/$ref') || typeof node !== 'string') continue;
      refs++;
      expect(resolvePointer(doc, node), `${pointer} → ${node}`).toBeDefined();
    }
    expect(refs).toBeGreaterThanOrEqual(0);
  });

  it('has schemas that Ajv compiles (JSON Schema 2020-12)', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    // OpenAPI's own schema keywords; the generator may leave these on schemas.
    for (const keyword of ['example', 'discriminator', 'xml', 'externalDocs']) ajv.addKeyword(keyword);
    // Components first, so $refs to them resolve.
    ajv.addSchema({ $id: 'doc', components: doc.components ?? {} });
    const rewrite = (schema: unknown): unknown =>
      JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"doc#/')) as unknown;
    let compiled = 0;
    for (const [pointer, node] of walk(doc.paths)) {
      if (!/\/schema$/.test(pointer) || !node || typeof node !== 'object') continue;
      expect(() => ajv.compile(rewrite(node) as Json), pointer).not.toThrow();
      compiled++;
    }
    expect(compiled).toBeGreaterThan(CONTRACT.length * 2);
  });

  it('lists every API route the app serves', () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const documented = new Set(
      Object.entries(paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => METHODS.includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const served = routes.map(([method, path]) => `${method} ${path}`);
    expect(served).toContain('POST /api/offices/{officeId}/counters/{counterId}/call-next');
    expect(served.length).toBeGreaterThan(CONTRACT.length);
    for (const route of served) expect(documented).toContain(route);
  });

  it('serves the browsable UI at /docs', async () => {
    let res = await rig.call(anonymous, { url: '/docs' });
    if (res.statusCode === 302) res = await rig.call(anonymous, { url: String(res.headers.location) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('swagger-ui');
    const script = /src="([^"]*swagger-initializer\.js)"/.exec(res.body)?.[1];
    expect(script).toBeDefined();
    expect((await rig.call(anonymous, { url: script! })).statusCode).toBe(200);
  });
});
