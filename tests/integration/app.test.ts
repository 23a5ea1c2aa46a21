import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { DEMO_OFFICE } from '../../server/demo-office.js';
import { fileAccounts, type AccountsHandle } from '../helpers/accounts.js';
import { memoryEngine, type EngineHandle } from '../helpers/engines.js';

describe('server skeleton on the embedded engine', () => {
  let handle: EngineHandle;
  let accounts: AccountsHandle;
  let app: FastifyInstance;

  beforeAll(async () => {
    handle = await memoryEngine.create();
    await handle.store.putOffice(DEMO_OFFICE);
    accounts = await fileAccounts.create();
    app = await buildApp({ store: handle.store, accounts: accounts.accounts, config: loadConfig({}) });
  });

  afterAll(async () => {
    await app.close();
    await accounts.dispose();
    await handle.dispose();
  });

  it('answers health and readiness', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ ok: true });
    expect((await app.inject('/readyz')).json()).toEqual({ ok: true, store: 'memory' });
  });

  it('serves the demo office configuration and its live state', async () => {
    const res = await app.inject('/api/offices/phuc-dien');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { services: unknown[]; counters: unknown[] };
    expect(body.services).toHaveLength(8);
    expect(body.counters).toHaveLength(6);
    expect((await app.inject('/api/offices')).json()).toEqual({
      offices: [{ id: 'phuc-dien', name: DEMO_OFFICE.name }],
    });
  });

  it('says 404 with a stable code for an unknown office', async () => {
    const res = await app.inject('/api/offices/nowhere');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'OFFICE_NOT_FOUND' } });
  });

  it('validates the demo office like any other configuration', async () => {
    const { parseOfficeConfig } = await import('../../shared/domain/office-config.js');
    expect(parseOfficeConfig(DEMO_OFFICE)).toEqual(DEMO_OFFICE);
  });
});
