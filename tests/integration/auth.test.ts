/**
 * Authentication and account administration through the whole app (buildApp, inject()), with
 * both account stores: login / logout / me by cookie and by bearer token, session expiry, login
 * throttling, disabled users, devices and their revocation, first-start admin seeding — and no
 * password, hash or token hash in any answer.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import type { AccountStore } from '../../server/auth/account-store.js';
import { hashPassword, TEST_SCRYPT } from '../../server/auth/passwords.js';
import { ensureAdmin } from '../../server/auth/seed-admin.js';
import { loadConfig, type ServerConfig } from '../../server/config.js';
import { accountEngines, type AccountsHandle } from '../helpers/accounts.js';
import { TestClock } from '../helpers/clock.js';
import { memoryEngine, type EngineHandle } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const ADMIN_PASSWORD = 'Quản-trị 2026';
const PASSWORDS = {
  lan: 'lan-password-1',
  minh: 'minh-password-1',
  hoa: 'hoa-password-1',
  new: 'brand-new-pass',
};
/** Host and matching Origin for cookie-authenticated mutations (the CSRF check wants our own origin). */
const HOST = 'luot.test';
const silent = { info() {}, warn() {} };

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
const codeOf = (res: LightMyRequestResponse): string => (res.json() as ErrorBody).error.code;

describe.each(accountEngines)('auth over HTTP, $name account store', (engine) => {
  let clock: TestClock;
  let storeHandle: EngineHandle;
  let accountsHandle: AccountsHandle;
  let accounts: AccountStore;
  let config: ServerConfig;
  let app: FastifyInstance;
  let officeA: string;
  let officeB: string;
  /** Every answer of the test, body and headers, checked for secrets afterwards. */
  let answers: string[];

  const call = async (opts: InjectOptions): Promise<LightMyRequestResponse> => {
    const res = await app.inject({ ...opts, headers: { host: HOST, ...(opts.headers ?? {}) } });
    answers.push(res.body, JSON.stringify(res.headers));
    return res;
  };
  const login = (username: string, password: string, remoteAddress = '10.0.0.1') =>
    call({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  const tokenOf = async (username: string, password: string): Promise<string> => {
    const res = await login(username, password);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { token: string }).token;
  };
  const asBearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const asCookie = (token: string) => ({ cookie: `luot_session=${token}`, origin: `http://${HOST}` });
  const me = (headers: Record<string, string>) => call({ method: 'GET', url: '/api/auth/me', headers });

  beforeEach(async (ctx) => {
    if (!engine.available) ctx.skip();
    answers = [];
    clock = new TestClock('2026-11-30T09:00');
    storeHandle = await memoryEngine.create({ clock: clock.fn });
    const a = testOffice();
    const b = testOffice();
    officeA = a.id;
    officeB = b.id;
    await storeHandle.store.putOffice(a);
    await storeHandle.store.putOffice(b);
    accountsHandle = await engine.create({ clock: clock.fn });
    accounts = accountsHandle.accounts;
    config = loadConfig({ LOG_LEVEL: 'silent', ADMIN_PASSWORD, SESSION_TTL_HOURS: '1', TRUST_PROXY: '1' });
    await ensureAdmin(accounts, config, silent, { scrypt: TEST_SCRYPT, clock: clock.fn });
    const person = async (id: string, role: 'officer' | 'supervisor', officeIds: string[]) =>
      accounts.createUser({
        id,
        displayName: id.toUpperCase(),
        role,
        officeIds,
        disabled: false,
        passwordHash: await hashPassword(PASSWORDS[id as keyof typeof PASSWORDS], TEST_SCRYPT),
        createdAt: clock.now,
      });
    await person('lan', 'officer', [officeA]);
    await person('minh', 'supervisor', [officeA]);
    await person('hoa', 'officer', [officeB]);
    app = await buildApp({ store: storeHandle.store, accounts, config, clock: clock.fn });
    await app.ready();
  });

  afterEach(async (ctx) => {
    if (!engine.available) return;
    await app.close();
    await accountsHandle.dispose();
    await storeHandle.dispose();
    // Whatever the test did, no answer carried a secret.
    if (ctx.task.result?.state !== 'fail') {
      const all = answers.join('\n');
      for (const secret of [
        ADMIN_PASSWORD,
        ...Object.values(PASSWORDS),
        'scrypt$',
        '"passwordHash":',
        '"tokenHash":',
      ]) {
        expect(all).not.toContain(secret);
      }
    }
  });

  describe('login, me, logout', () => {
    it('logs in: a token in the body, the same session as an HttpOnly SameSite=Lax cookie', async () => {
      const res = await login('lan', PASSWORDS.lan);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { token: string; expiresAt: number; user: Record<string, unknown> };
      expect(body.user).toEqual({
        id: 'lan',
        displayName: 'LAN',
        role: 'officer',
        officeIds: [officeA],
        disabled: false,
        createdAt: clock.now,
      });
      expect(body.expiresAt).toBe(clock.now + HOUR);
      expect(res.headers['cache-control']).toBe('no-store');
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toBe(`luot_session=${body.token}; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax`);
    });

    it('marks the cookie Secure when the request came over https', async () => {
      const res = await call({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'lan', password: PASSWORDS.lan },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure$/);
    });

    it('accepts the username in any case and with stray spaces, and a Vietnamese password in either Unicode form', async () => {
      expect((await login(' Admin ', ADMIN_PASSWORD)).statusCode).toBe(200);
      // "ả" and "ị" typed as base letter + combining marks (NFD), as some input methods do.
      expect((await login('admin', ADMIN_PASSWORD.normalize('NFD'))).statusCode).toBe(200);
    });

    it('answers who is logged in, by cookie and by bearer token; 401 for nobody', async () => {
      const token = await tokenOf('lan', PASSWORDS.lan);
      for (const headers of [asBearer(token), { cookie: `other=1; luot_session=${token}` }]) {
        const res = await me(headers);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ kind: 'user', user: { id: 'lan', role: 'officer' } });
      }
      const anonymous = await me({});
      expect(anonymous.statusCode).toBe(401);
      expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
      expect((await me(asBearer('luot_s_made-up'))).statusCode).toBe(401);
    });

    it('prefers an explicit bearer token over the cookie', async () => {
      const lan = await tokenOf('lan', PASSWORDS.lan);
      const minh = await tokenOf('minh', PASSWORDS.minh);
      const res = await me({ ...asBearer(minh), cookie: `luot_session=${lan}` });
      expect(res.json()).toMatchObject({ user: { id: 'minh' } });
    });

    it('logs out by cookie: the session ends and the cookie is cleared', async () => {
      const token = await tokenOf('lan', PASSWORDS.lan);
      const res = await call({ method: 'POST', url: '/api/auth/logout', headers: asCookie(token) });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(String(res.headers['set-cookie'])).toBe(
        'luot_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
      );
      expect((await me(asCookie(token))).statusCode).toBe(401);
    });

    it('logs out by bearer token, leaving the user’s other sessions alone', async () => {
      const phone = await tokenOf('lan', PASSWORDS.lan);
      const desk = await tokenOf('lan', PASSWORDS.lan);
      expect(
        (await call({ method: 'POST', url: '/api/auth/logout', headers: asBearer(phone) })).statusCode,
      ).toBe(204);
      expect((await me(asBearer(phone))).statusCode).toBe(401);
      expect((await me(asBearer(desk))).statusCode).toBe(200);
      // Without any session: still 204.
      expect((await call({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    });

    it('refuses a cookie-authenticated logout from another site', async () => {
      const token = await tokenOf('lan', PASSWORDS.lan);
      const res = await call({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: `luot_session=${token}`, origin: 'http://evil.example' },
      });
      expect(res.statusCode).toBe(403);
      expect((await me(asBearer(token))).statusCode).toBe(200);
    });

    it('ends sessions after SESSION_TTL', async () => {
      const token = await tokenOf('lan', PASSWORDS.lan);
      clock.advance(HOUR - 1000);
      expect((await me(asBearer(token))).statusCode).toBe(200);
      clock.advance(1000);
      expect((await me(asBearer(token))).statusCode).toBe(401);
    });

    it('gives the same answer for an unknown user and a wrong password', async () => {
      const unknown = await login('nobody', 'whatever-123');
      const wrong = await login('lan', 'whatever-123');
      for (const res of [unknown, wrong]) {
        expect(res.statusCode).toBe(401);
        expect(codeOf(res)).toBe('INVALID_CREDENTIALS');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      expect(unknown.body).toBe(wrong.body);
      // Even a name no account could have.
      expect((await login('Robert"); DROP', 'x')).body).toBe(wrong.body);
    });

    it('validates the login body (400 with the field)', async () => {
      const res = await call({ method: 'POST', url: '/api/auth/login', payload: { username: 'lan' } });
      expect(res.statusCode).toBe(400);
      expect(codeOf(res)).toBe('INVALID_INPUT');
    });
  });

  describe('disabled users', () => {
    it('cannot log in (401, the same answer as a wrong password) and their open sessions stop working', async () => {
      const admin = await tokenOf('admin', ADMIN_PASSWORD);
      const session = await tokenOf('lan', PASSWORDS.lan);
      const res = await call({
        method: 'PATCH',
        url: '/api/admin/users/lan',
        headers: asBearer(admin),
        payload: { disabled: true },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ user: { id: 'lan', disabled: true } });
      expect((await me(asBearer(session))).statusCode).toBe(401);
      const again = await login('lan', PASSWORDS.lan);
      expect(again.statusCode).toBe(401);
      expect(codeOf(again)).toBe('INVALID_CREDENTIALS');
    });
  });

  describe('login throttling', () => {
    it('after 5 failures for a username: 429 with Retry-After, doubling, even for the right password', async () => {
      for (let i = 0; i < 5; i++) expect((await login('lan', `wrong-${i}`)).statusCode).toBe(401);
      const locked = await login('lan', PASSWORDS.lan);
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['retry-after']).toBe('1');
      expect(codeOf(locked)).toBe('RATE_LIMITED');
      expect((locked.json() as ErrorBody).error.details).toMatchObject({ retryAfterSeconds: 1 });
      // From another address too: the lock is the username's.
      expect((await login('lan', PASSWORDS.lan, '10.9.9.9')).statusCode).toBe(429);
      clock.advance(1000);
      expect((await login('lan', 'wrong-again')).statusCode).toBe(401);
      const longer = await login('lan', PASSWORDS.lan);
      expect(longer.statusCode).toBe(429);
      expect(longer.headers['retry-after']).toBe('2');
      // Other users are not affected.
      expect((await login('minh', PASSWORDS.minh)).statusCode).toBe(200);
      clock.advance(2000);
      expect((await login('lan', PASSWORDS.lan)).statusCode).toBe(200);
      // A success clears the count.
      for (let i = 0; i < 5; i++) expect((await login('lan', `wrong-${i}`)).statusCode).toBe(401);
    });

    it('after 20 failures from one address: 429 for that address only, whatever the username', async () => {
      // In parallel: a burst is counted as exactly as a sequence.
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login(`guess${i}`, 'x', '10.6.6.6')),
      );
      expect(burst.map((r) => r.statusCode)).toEqual(Array(20).fill(401));
      const res = await login('lan', PASSWORDS.lan, '10.6.6.6');
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe('1');
      expect((await login('lan', PASSWORDS.lan, '10.7.7.7')).statusCode).toBe(200);
    });

    it('does not count successful logins against the address (an office behind one NAT)', async () => {
      for (let i = 0; i < 30; i++)
        expect((await login('lan', PASSWORDS.lan, '10.5.5.5')).statusCode).toBe(200);
    });

    it('lifts a lock-out when an admin resets the password', async () => {
      const admin = await tokenOf('admin', ADMIN_PASSWORD);
      for (let i = 0; i < 6; i++) await login('lan', `wrong-${i}`);
      expect((await login('lan', PASSWORDS.lan)).statusCode).toBe(429);
      const res = await call({
        method: 'PATCH',
        url: '/api/admin/users/lan',
        headers: asBearer(admin),
        payload: { password: PASSWORDS.new },
      });
      expect(res.statusCode).toBe(200);
      expect((await login('lan', PASSWORDS.new)).statusCode).toBe(200);
    });

    // Only the Redis store is shared between processes (registered only there: nothing to skip).
    if (engine.name === 'redis')
      it('shares the counters between two server processes on one Redis', async () => {
        const other = await buildApp({
          store: storeHandle.store,
          accounts: await accountsHandle.reopen(),
          config,
          clock: clock.fn,
        });
        try {
          for (let i = 0; i < 5; i++) expect((await login('lan', `wrong-${i}`)).statusCode).toBe(401);
          const res = await other.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'lan', password: PASSWORDS.lan },
          });
          expect(res.statusCode).toBe(429);
        } finally {
          await other.close();
        }
      });
  });

  describe('admin: users', () => {
    let admin: Record<string, string>;
    beforeEach(async () => {
      admin = asBearer(await tokenOf('admin', ADMIN_PASSWORD));
    });

    it('creates a user who can then log in; lists users without secrets', async () => {
      const res = await call({
        method: 'POST',
        url: '/api/admin/users',
        headers: admin,
        payload: {
          username: 'thu',
          password: PASSWORDS.new,
          role: 'officer',
          officeIds: [officeA],
          displayName: 'Chị Thu',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({
        user: {
          id: 'thu',
          displayName: 'Chị Thu',
          role: 'officer',
          officeIds: [officeA],
          disabled: false,
          createdAt: clock.now,
        },
      });
      expect((await login('thu', PASSWORDS.new)).statusCode).toBe(200);
      const list = await call({ method: 'GET', url: '/api/admin/users', headers: admin });
      expect((list.json() as { users: { id: string }[] }).users.map((u) => u.id)).toEqual([
        'admin',
        'hoa',
        'lan',
        'minh',
        'thu',
      ]);
    });

    it('refuses a taken username (409), an unknown office (400) and a short password (400)', async () => {
      const base = { password: PASSWORDS.new, role: 'officer', officeIds: [officeA] };
      const taken = await call({
        method: 'POST',
        url: '/api/admin/users',
        headers: admin,
        payload: { ...base, username: 'lan' },
      });
      expect(taken.statusCode).toBe(409);
      expect(codeOf(taken)).toBe('USERNAME_TAKEN');
      const office = await call({
        method: 'POST',
        url: '/api/admin/users',
        headers: admin,
        payload: { ...base, username: 'x1', officeIds: ['no-such-office'] },
      });
      expect(office.statusCode).toBe(400);
      expect((office.json() as ErrorBody).error.details?.problems).toEqual([
        'officeIds: unknown office "no-such-office"',
      ]);
      const short = await call({
        method: 'POST',
        url: '/api/admin/users',
        headers: admin,
        payload: { ...base, username: 'x2', password: 'short' },
      });
      expect(short.statusCode).toBe(400);
      const badName = await call({
        method: 'POST',
        url: '/api/admin/users',
        headers: admin,
        payload: { ...base, username: 'Has Spaces' },
      });
      expect(badName.statusCode).toBe(400);
      // Unknown fields are refused, not ignored: nobody smuggles in a hash.
      const smuggled = await call({
        method: 'POST',
        url: '/api/admin/users',
        headers: admin,
        payload: { ...base, username: 'x3', passwordHash: 'scrypt-lookalike' },
      });
      expect(smuggled.statusCode).toBe(400);
      expect(await accounts.getUser('x3')).toBeUndefined();
    });

    it('changes role and offices, effective in open sessions', async () => {
      const session = await tokenOf('lan', PASSWORDS.lan);
      const res = await call({
        method: 'PATCH',
        url: '/api/admin/users/lan',
        headers: admin,
        payload: { role: 'supervisor', officeIds: [officeA, officeB], displayName: 'Lan (tổ trưởng)' },
      });
      expect(res.statusCode).toBe(200);
      expect((await me(asBearer(session))).json()).toMatchObject({
        user: { role: 'supervisor', officeIds: [officeA, officeB], displayName: 'Lan (tổ trưởng)' },
      });
    });

    it('resets a password: the old one and every open session stop working', async () => {
      const session = await tokenOf('lan', PASSWORDS.lan);
      const res = await call({
        method: 'PATCH',
        url: '/api/admin/users/lan',
        headers: admin,
        payload: { password: PASSWORDS.new },
      });
      expect(res.statusCode).toBe(200);
      expect((await me(asBearer(session))).statusCode).toBe(401);
      expect((await login('lan', PASSWORDS.lan)).statusCode).toBe(401);
      expect((await login('lan', PASSWORDS.new)).statusCode).toBe(200);
    });

    it('answers 404 for an unknown user and 400 for an empty change', async () => {
      const missing = await call({
        method: 'PATCH',
        url: '/api/admin/users/ghost',
        headers: admin,
        payload: { disabled: true },
      });
      expect(missing.statusCode).toBe(404);
      expect(codeOf(missing)).toBe('USER_NOT_FOUND');
      const empty = await call({ method: 'PATCH', url: '/api/admin/users/lan', headers: admin, payload: {} });
      expect(empty.statusCode).toBe(400);
    });

    it('never lets the last active admin be disabled or demoted', async () => {
      for (const payload of [{ disabled: true }, { role: 'supervisor' }]) {
        const res = await call({ method: 'PATCH', url: '/api/admin/users/admin', headers: admin, payload });
        expect(res.statusCode).toBe(409);
        expect(codeOf(res)).toBe('LAST_ADMIN');
      }
      await call({
        method: 'PATCH',
        url: '/api/admin/users/minh',
        headers: admin,
        payload: { role: 'admin' },
      });
      const res = await call({
        method: 'PATCH',
        url: '/api/admin/users/admin',
        headers: admin,
        payload: { disabled: true },
      });
      expect(res.statusCode).toBe(200);
    });

    it('is for admins only: 401 anonymous, 403 supervisor, officer and device', async () => {
      const supervisor = asBearer(await tokenOf('minh', PASSWORDS.minh));
      const officer = asBearer(await tokenOf('lan', PASSWORDS.lan));
      const kiosk = await call({
        method: 'POST',
        url: '/api/admin/devices',
        headers: admin,
        payload: { kind: 'kiosk', officeId: officeA, name: 'K' },
      });
      const device = asBearer((kiosk.json() as { token: string }).token);
      const attempts: InjectOptions[] = [
        { method: 'GET', url: '/api/admin/users' },
        {
          method: 'POST',
          url: '/api/admin/users',
          payload: { username: 'x9', password: PASSWORDS.new, role: 'admin', officeIds: [] },
        },
        { method: 'PATCH', url: '/api/admin/users/lan', payload: { role: 'admin' } },
      ];
      for (const attempt of attempts) {
        expect(codeOf(await call(attempt))).toBe('UNAUTHENTICATED');
        for (const headers of [supervisor, officer, device]) {
          const res = await call({ ...attempt, headers });
          expect(res.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
          expect(codeOf(res)).toBe('FORBIDDEN');
        }
      }
      expect((await accounts.getUser('lan'))?.role).toBe('officer');
    });
  });

  describe('admin: devices', () => {
    const pair = (headers: Record<string, string>, officeId: string, kind = 'kiosk') =>
      call({
        method: 'POST',
        url: '/api/admin/devices',
        headers,
        payload: { kind, officeId, name: 'Kiosk sảnh A' },
      });

    it('pairs a kiosk: its token is answered once and authenticates the device', async () => {
      const supervisor = asBearer(await tokenOf('minh', PASSWORDS.minh));
      const res = await pair(supervisor, officeA);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const { device, token } = res.json() as { device: { id: string }; token: string };
      expect(device).toEqual({
        id: device.id,
        kind: 'kiosk',
        officeId: officeA,
        name: 'Kiosk sảnh A',
        createdAt: clock.now,
      });
      const who = await me(asBearer(token));
      expect(who.statusCode).toBe(200);
      expect(who.json()).toEqual({ kind: 'device', device: { ...device, lastSeenAt: clock.now } });
      const list = await call({
        method: 'GET',
        url: `/api/admin/devices?officeId=${officeA}`,
        headers: supervisor,
      });
      expect(list.json()).toEqual({ devices: [{ ...device, lastSeenAt: clock.now }] });
      expect(list.body).not.toContain(token);
    });

    it('scopes devices by office: a supervisor manages their offices only; officers none', async () => {
      const supervisor = asBearer(await tokenOf('minh', PASSWORDS.minh));
      const officer = asBearer(await tokenOf('lan', PASSWORDS.lan));
      expect((await pair(supervisor, officeB)).statusCode).toBe(403);
      expect((await pair(officer, officeA)).statusCode).toBe(403);
      expect((await pair({}, officeA)).statusCode).toBe(401);
      expect(
        (await call({ method: 'GET', url: `/api/admin/devices?officeId=${officeB}`, headers: supervisor }))
          .statusCode,
      ).toBe(403);
      // Without an office: only an admin may list everything.
      expect((await call({ method: 'GET', url: '/api/admin/devices', headers: supervisor })).statusCode).toBe(
        403,
      );
      const admin = asBearer(await tokenOf('admin', ADMIN_PASSWORD));
      const inB = (await pair(admin, officeB, 'display')).json() as { device: { id: string } };
      expect((await call({ method: 'GET', url: '/api/admin/devices', headers: admin })).json()).toMatchObject(
        {
          devices: [{ id: inB.device.id }],
        },
      );
      const revoke = await call({
        method: 'POST',
        url: `/api/admin/devices/${inB.device.id}/revoke`,
        headers: supervisor,
      });
      expect(revoke.statusCode).toBe(403);
      expect(codeOf(revoke)).toBe('FORBIDDEN');
    });

    it('refuses a device for an unknown office (404)', async () => {
      const admin = asBearer(await tokenOf('admin', ADMIN_PASSWORD));
      const res = await pair(admin, 'no-such-office');
      expect(res.statusCode).toBe(404);
      expect(codeOf(res)).toBe('OFFICE_NOT_FOUND');
    });

    it('revokes a device: its token is anonymous from then on; revoking again changes nothing', async () => {
      const supervisor = asBearer(await tokenOf('minh', PASSWORDS.minh));
      const { device, token } = (await pair(supervisor, officeA)).json() as {
        device: { id: string };
        token: string;
      };
      clock.advance(MIN);
      const res = await call({
        method: 'POST',
        url: `/api/admin/devices/${device.id}/revoke`,
        headers: supervisor,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ device: { id: device.id, revokedAt: clock.now } });
      const who = await me(asBearer(token));
      expect(who.statusCode).toBe(401);
      expect(codeOf(who)).toBe('UNAUTHENTICATED');
      // A revoked kiosk can no longer issue tickets: it is anonymous.
      const issue = await call({
        method: 'POST',
        url: `/api/offices/${officeA}/tickets`,
        headers: asBearer(token),
        payload: { serviceId: 'civ' },
      });
      expect(issue.statusCode).toBe(401);
      clock.advance(MIN);
      const again = await call({
        method: 'POST',
        url: `/api/admin/devices/${device.id}/revoke`,
        headers: supervisor,
      });
      expect(again.json()).toMatchObject({ device: { revokedAt: clock.now - MIN } });
    });

    it('answers 404 for an unknown device to those who manage devices, 401/403 to others', async () => {
      const supervisor = asBearer(await tokenOf('minh', PASSWORDS.minh));
      const officer = asBearer(await tokenOf('lan', PASSWORDS.lan));
      const url = '/api/admin/devices/0123456789abcdef/revoke';
      const res = await call({ method: 'POST', url, headers: supervisor });
      expect(res.statusCode).toBe(404);
      expect(codeOf(res)).toBe('DEVICE_NOT_FOUND');
      expect((await call({ method: 'POST', url, headers: officer })).statusCode).toBe(403);
      expect((await call({ method: 'POST', url })).statusCode).toBe(401);
    });
  });
});

describe('first-start admin seeding', () => {
  const config = (env: Record<string, string> = {}) => loadConfig({ ADMIN_USERNAME: 'quantri', ...env });

  it.each(accountEngines)(
    'prints a generated password once, and nothing on the next start ($name store)',
    async (engine) => {
      if (!engine.available) return;
      const handle = await engine.create();
      try {
        const printed: string[] = [];
        const logged: string[] = [];
        const log = {
          info: (_: object, msg: string) => logged.push(msg),
          warn: (_: object, msg: string) => logged.push(msg),
        };
        const first = await ensureAdmin(handle.accounts, config(), log, {
          print: (t) => printed.push(t),
          scrypt: TEST_SCRYPT,
        });
        expect(first.created).toBe(true);
        const password = first.created ? first.generatedPassword : undefined;
        expect(password).toMatch(/^[A-Za-z0-9_-]{16,}$/);
        expect(printed).toHaveLength(1);
        expect(printed[0]).toContain(password);
        expect(printed[0]).toContain('quantri');
        expect(logged.join('\n')).not.toContain(password);
        expect(await handle.accounts.getUser('quantri')).toMatchObject({ role: 'admin', disabled: false });

        const restarted = await handle.reopen();
        const second = await ensureAdmin(restarted, config(), log, {
          print: (t) => printed.push(t),
          scrypt: TEST_SCRYPT,
        });
        expect(second).toEqual({ created: false });
        expect(printed).toHaveLength(1);
      } finally {
        await handle.dispose();
      }
    },
  );

  it('uses ADMIN_PASSWORD when set, printing nothing', async () => {
    const handle = await accountEngines[0]!.create();
    try {
      const printed: string[] = [];
      const result = await ensureAdmin(
        handle.accounts,
        config({ ADMIN_PASSWORD: 'from-the-env-1' }),
        silent,
        {
          print: (t) => printed.push(t),
          scrypt: TEST_SCRYPT,
        },
      );
      expect(result).toEqual({ created: true, username: 'quantri' });
      expect(printed).toEqual([]);
      const { verifyPassword } = await import('../../server/auth/passwords.js');
      expect(
        await verifyPassword('from-the-env-1', (await handle.accounts.getUser('quantri'))!.passwordHash),
      ).toBe(true);
    } finally {
      await handle.dispose();
    }
  });

  it('creates nothing when users exist, even if none is an admin', async () => {
    const handle = await accountEngines[0]!.create();
    try {
      await handle.accounts.createUser({
        id: 'lan',
        displayName: 'Lan',
        role: 'officer',
        officeIds: [],
        disabled: false,
        passwordHash: await hashPassword('lan-password-1', TEST_SCRYPT),
        createdAt: 0,
      });
      expect(await ensureAdmin(handle.accounts, config(), silent, { print: () => undefined })).toEqual({
        created: false,
      });
      expect(await handle.accounts.getUser('quantri')).toBeUndefined();
    } finally {
      await handle.dispose();
    }
  });

  it.runIf(accountEngines[1]!.available)(
    'creates one admin when two processes start at once on one Redis',
    async () => {
      const handle = await accountEngines[1]!.create();
      try {
        const other = await handle.reopen();
        const printed: string[] = [];
        const results = await Promise.all(
          [handle.accounts, other].map((a) =>
            ensureAdmin(a, config(), silent, { print: (t) => printed.push(t), scrypt: TEST_SCRYPT }),
          ),
        );
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(printed).toHaveLength(1);
      } finally {
        await handle.dispose();
      }
    },
  );
});
