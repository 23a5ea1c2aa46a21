import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { isLocalRequest } from '../../server/metrics.js';
import { fileAccounts, type AccountsHandle } from '../helpers/accounts.js';
import { TestClock } from '../helpers/clock.js';
import { engines, type EngineHandle } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

/** Value of one sample line `name{labels} value` in an exposition text (labels in any order). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const have = new Map([...(m[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) return Number(m[2]);
  }
  return undefined;
}

const REMOTE = '203.0.113.7';

for (const engine of engines) {
  describe.skipIf(!engine.available)(`metrics on the ${engine.name} engine`, () => {
    const clock = new TestClock('2026-11-30T09:00');
    const office = testOffice();
    let handle: EngineHandle;
    let accounts: AccountsHandle;
    let app: FastifyInstance;
    let admin: string;
    let officer: string;

    beforeAll(async () => {
      handle = await engine.create({ clock: clock.fn });
      accounts = await fileAccounts.create({ clock: clock.fn });
      await handle.store.putOffice(office);
      const user = { displayName: 'U', disabled: false, passwordHash: 'x', createdAt: clock.now };
      await accounts.accounts.createUser({ ...user, id: 'root', role: 'admin', officeIds: [] });
      await accounts.accounts.createUser({ ...user, id: 'lan', role: 'officer', officeIds: [office.id] });
      admin = await accounts.accounts.createSession('root', 3_600_000);
      officer = await accounts.accounts.createSession('lan', 3_600_000);
      const config = loadConfig({ LOG_LEVEL: 'silent', REDIS_URL: '' });
      app = await buildApp({ store: handle.store, accounts: accounts.accounts, config, clock: clock.fn });
      await app.ready();
    });

    afterAll(async () => {
      await app?.close();
      await accounts?.dispose();
      await handle?.dispose();
    });

    const post = (url: string, token: string, payload: object = {}) =>
      app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${token}` } });
    const scrape = async (): Promise<string> => {
      const res = await app.inject('/metrics');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.body;
    };

    it('counts issued, called and completed tickets per office and service, as commands succeed', async () => {
      const labels = (service: string) => ({ office: office.id, service });
      const before = await scrape();
      expect(sample(before, 'luot_tickets_issued_total', labels('civ'))).toBeUndefined();

      const base = `/api/offices/${office.id}`;
      for (const serviceId of ['civ', 'civ', 'cert']) {
        const res = await post(`${base}/tickets`, officer, { serviceId });
        expect(res.statusCode, res.body).toBe(201);
      }
      // A refused command (unknown service) counts nothing.
      expect((await post(`${base}/tickets`, officer, { serviceId: 'nope' })).statusCode).toBe(404);
      // The same requestId twice: one ticket, counted once.
      for (let i = 0; i < 2; i++) {
        const res = await post(`${base}/tickets`, officer, { serviceId: 'cert', requestId: 'kiosk-1-0001' });
        expect(res.statusCode, res.body).toBeLessThan(300);
      }
      let text = await scrape();
      expect(sample(text, 'luot_tickets_issued_total', labels('civ'))).toBe(2);
      expect(sample(text, 'luot_tickets_issued_total', labels('cert'))).toBe(2);
      expect(sample(text, 'luot_tickets_called_total', labels('civ'))).toBeUndefined();

      const counter = `${base}/counters/c2`;
      for (const action of ['sign-in', 'open']) {
        const res = await post(`${counter}/${action}`, officer);
        expect(res.statusCode, `${action}: ${res.body}`).toBeLessThan(300);
      }
      const call = await post(`${counter}/call-next`, officer);
      expect(call.statusCode, call.body).toBe(200);
      text = await scrape();
      expect(sample(text, 'luot_tickets_called_total', labels('civ'))).toBe(1);
      expect(sample(text, 'luot_tickets_completed_total', labels('civ'))).toBeUndefined();

      const done = await post(`${counter}/complete`, officer);
      expect(done.statusCode, done.body).toBe(200);
      text = await scrape();
      expect(sample(text, 'luot_tickets_completed_total', labels('civ'))).toBe(1);
      expect(sample(text, 'luot_tickets_issued_total', labels('civ'))).toBe(2);
    });

    it('labels request latency with the route pattern, never the raw URL', async () => {
      await app.inject(`/api/offices/${office.id}`);
      await app.inject('/api/offices/an-office-that-does-not-exist');
      await app.inject('/no/such/path/12345');
      const text = await scrape();
      const count = (labels: Record<string, string>) =>
        sample(text, 'luot_http_request_duration_seconds_count', labels);
      expect(count({ method: 'GET', route: '/api/offices/:officeId', status: '200' })).toBeGreaterThanOrEqual(
        1,
      );
      expect(count({ method: 'GET', route: '/api/offices/:officeId', status: '404' })).toBe(1);
      expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
      expect(
        count({ method: 'POST', route: '/api/offices/:officeId/tickets', status: '201' }),
      ).toBeGreaterThanOrEqual(3);
      expect(
        sample(text, 'luot_http_request_duration_seconds_bucket', {
          route: '/api/offices/:officeId/tickets',
          status: '201',
          le: '+Inf',
        }),
      ).toBeGreaterThanOrEqual(3);
      // No raw URL, office id or unmatched path in any label.
      const labelValues = [...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]);
      expect(labelValues.length).toBeGreaterThan(0);
      for (const v of labelValues) expect(v === 'unmatched' || v?.startsWith('/')).toBe(true);
      expect(text).not.toContain('an-office-that-does-not-exist');
      expect(text).not.toContain('/no/such/path');
    });

    it('exposes sockets by kind, event-loop delay and process metrics', async () => {
      const text = await scrape();
      expect(text).toContain('# TYPE luot_sockets_connected gauge');
      expect(sample(text, 'luot_sockets_connected', { kind: 'display' })).toBe(0);
      app.metrics.setSocketSource(() => ({ display: 3, kiosk: 1 }));
      const again = await scrape();
      expect(sample(again, 'luot_sockets_connected', { kind: 'display' })).toBe(3);
      expect(sample(again, 'luot_sockets_connected', { kind: 'kiosk' })).toBe(1);
      expect(again).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
      expect(again).toMatch(/^process_cpu_seconds_total \d/m);
      expect(again).toMatch(/^process_resident_memory_bytes \d/m);
    });

    it('serves loopback scrapers and admins; refuses others, and proxied requests from loopback', async () => {
      expect((await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);

      const anonymous = await app.inject({ url: '/metrics', remoteAddress: REMOTE });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      const asOfficer = await app.inject({
        url: '/metrics',
        remoteAddress: REMOTE,
        headers: { authorization: `Bearer ${officer}` },
      });
      expect(asOfficer.statusCode).toBe(403);
      expect(asOfficer.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      const asAdmin = await app.inject({
        url: '/metrics',
        remoteAddress: REMOTE,
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(asAdmin.statusCode).toBe(200);
      expect(asAdmin.body).toContain('luot_tickets_issued_total');

      // A reverse proxy on the same host connects over loopback: what it forwards is not local.
      const proxied = await app.inject({
        url: '/metrics',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': REMOTE },
      });
      expect(proxied.statusCode).toBe(401);
    });
  });
}

describe('metrics access rule', () => {
  it('METRICS_PUBLIC=true opens /metrics to everyone', async () => {
    const handle = await engines[0]!.create();
    const accounts = await fileAccounts.create();
    const config = loadConfig({ LOG_LEVEL: 'silent', REDIS_URL: '', METRICS_PUBLIC: 'true' });
    expect(config.metricsPublic).toBe(true);
    expect(loadConfig({}).metricsPublic).toBeUndefined();
    const app = await buildApp({ store: handle.store, accounts: accounts.accounts, config });
    try {
      const res = await app.inject({ url: '/metrics', remoteAddress: REMOTE });
      expect(res.statusCode).toBe(200);
    } finally {
      await app.close();
      await accounts.dispose();
      await handle.dispose();
    }
  });

  it('tells loopback peers from others', () => {
    const req = (remoteAddress: string, headers: Record<string, string> = {}) =>
      ({ raw: { socket: { remoteAddress } }, headers }) as unknown as Parameters<typeof isLocalRequest>[0];
    expect(isLocalRequest(req('127.0.0.1'))).toBe(true);
    expect(isLocalRequest(req('127.8.0.2'))).toBe(true);
    expect(isLocalRequest(req('::1'))).toBe(true);
    expect(isLocalRequest(req('::ffff:127.0.0.1'))).toBe(true);
    expect(isLocalRequest(req('10.0.0.1'))).toBe(false);
    expect(isLocalRequest(req('::ffff:10.0.0.1'))).toBe(false);
    expect(isLocalRequest(req('127.0.0.1', { forwarded: 'for=203.0.113.7' }))).toBe(false);
  });

  it('keeps apps apart: each app counts its own commands in its own registry', async () => {
    const one = await engines[0]!.create();
    const accounts = await fileAccounts.create();
    const config = loadConfig({ LOG_LEVEL: 'silent', REDIS_URL: '' });
    const a = await buildApp({ store: one.store, accounts: accounts.accounts, config });
    const b = await buildApp({ store: one.store, accounts: accounts.accounts, config });
    try {
      expect(a.metrics.registry).not.toBe(b.metrics.registry);
      expect((await a.inject('/metrics')).statusCode).toBe(200);
      expect((await b.inject('/metrics')).statusCode).toBe(200);
    } finally {
      await a.close();
      await b.close();
      await accounts.dispose();
      await one.dispose();
    }
  });
});
