/**
 * The HTTP API test rig: the whole app (buildApp) over an engine, with real accounts — the admin
 * seeded as on first start, logging in through POST /api/auth/login, users made through
 * POST /api/admin/users and device tokens through POST /api/admin/devices — driven with inject().
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../server/app.js';
import { FileAccountStore } from '../../server/auth/file-account-store.js';
import { TEST_SCRYPT } from '../../server/auth/passwords.js';
import type { DeviceKind, Role } from '../../server/auth/principal.js';
import { ensureAdmin } from '../../server/auth/seed-admin.js';
import { loadConfig, type ServerConfig } from '../../server/config.js';
import type { TicketStore } from '../../server/store/types.js';
import type { OfficeConfig } from '../../shared/domain/types.js';
import { TestClock } from './clock.js';
import { TEST_TMP, type Engine, type EngineHandle } from './engines.js';

export const ADMIN_PASSWORD = 'admin-password-1';
const PASSWORD = 'password-123';

export interface Caller {
  /** Headers that authenticate as this caller (none for anonymous). */
  headers: Record<string, string>;
}

export const ANONYMOUS_CALLER: Caller = { headers: {} };

export interface ApiRig {
  app: FastifyInstance;
  /** The engine itself (not the app's publishing wrapper): for setting up state. */
  store: TicketStore;
  clock: TestClock;
  admin: Caller;
  /** A new user of `role` in `officeIds`, made through the admin API, logged in through the login route. */
  user(role: Role, officeIds: string[]): Promise<Caller & { userId: string; token: string }>;
  /** A new device of `kind` for `officeId`, made through the admin API. */
  device(kind: DeviceKind, officeId: string): Promise<Caller & { deviceId: string; token: string }>;
  /** inject() as `caller`. */
  call(caller: Caller, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** With `listen: true`: the server's base address (http://127.0.0.1:<port>), for browsers and sockets. */
  url: string;
  close(): Promise<void>;
}

let serial = 0;

export const bearer = (token: string): Caller => ({ headers: { authorization: `Bearer ${token}` } });

export async function startApi(
  engine: Engine,
  offices: OfficeConfig[],
  opts: { clock?: TestClock; env?: Record<string, string>; listen?: boolean } = {},
): Promise<ApiRig> {
  const clock = opts.clock ?? new TestClock('2026-11-30T09:00'); // a Monday, open
  const handle: EngineHandle = await engine.create({ clock: clock.fn });
  for (const office of offices) await handle.store.putOffice(office);
  const accountsDir = await mkdtemp(join(TEST_TMP, 'luot-api-accounts-'));
  const accounts = await FileAccountStore.open({ dataDir: accountsDir });
  // The server's own files (uploaded voice packs) go to a fresh folder, never the checkout's ./data.
  const dataDir = opts.env?.DATA_DIR ?? (await mkdtemp(join(TEST_TMP, 'luot-api-data-')));
  const config: ServerConfig = loadConfig({
    LOG_LEVEL: 'silent',
    ADMIN_PASSWORD,
    DATA_DIR: dataDir,
    ...opts.env,
  });
  await ensureAdmin(accounts, config, { info() {}, warn() {} }, { scrypt: TEST_SCRYPT });
  const app = await buildApp({ store: handle.store, accounts, config, clock: clock.fn });
  await app.ready();
  const url = opts.listen ? await app.listen({ port: 0, host: '127.0.0.1' }) : '';

  const call = (caller: Caller, o: InjectOptions) =>
    app.inject({ ...o, headers: { ...caller.headers, ...(o.headers ?? {}) } });

  const login = async (username: string, password: string): Promise<string> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { token: string }).token;
  };
  const admin = bearer(await login(config.adminUsername, ADMIN_PASSWORD));

  return {
    app,
    store: handle.store,
    clock,
    admin,
    async user(role, officeIds) {
      const userId = `u${++serial}-${role}`;
      const res = await call(admin, {
        method: 'POST',
        url: '/api/admin/users',
        payload: { username: userId, password: PASSWORD, role, officeIds },
      });
      expect(res.statusCode, res.body).toBe(201);
      const token = await login(userId, PASSWORD);
      return { userId, token, ...bearer(token) };
    },
    async device(kind, officeId) {
      const res = await call(admin, {
        method: 'POST',
        url: '/api/admin/devices',
        payload: { kind, officeId, name: `${kind} ${++serial}` },
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json() as { device: { id: string }; token: string };
      return { deviceId: body.device.id, token: body.token, ...bearer(body.token) };
    },
    call,
    url,
    async close() {
      await app.close();
      await accounts.close();
      await handle.dispose();
      await rm(accountsDir, { recursive: true, force: true });
      if (opts.env?.DATA_DIR === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
