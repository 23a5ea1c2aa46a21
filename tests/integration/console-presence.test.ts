/**
 * One browser per counter, on the socket (server/realtime/handlers/console.ts): `counter:attach`
 * counts the OTHER consoles working a counter, `takeOver` detaches them and tells each with
 * `counter:replaced`, `counter:detach` and a disconnect drop out of the count. Who may attach is who
 * may operate the counter. Real server, real socket.io clients, real accounts — on the memory engine,
 * and across two server processes on one Redis (the socket.io Redis adapter), where the count and
 * the take-over reach the other process's sockets.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterAttachResult, CounterReplaced } from '../../shared/protocol/events.js';
import { TestClock } from '../helpers/clock.js';
import { memoryEngine, REDIS_URL, redisEngine, TEST_TMP } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';
import {
  client,
  closedAfterEach,
  code,
  ok,
  request,
  startRig,
  type LiveClient,
  type LiveRig,
} from '../helpers/realtime.js';
import { adminToken, http, startServer, type ServerProcess } from '../helpers/server-process.js';

const track = closedAfterEach();

async function rig(): Promise<{ rig: LiveRig; clock: TestClock }> {
  const clock = new TestClock('2026-11-30T09:00');
  return { rig: track(await startRig(memoryEngine, testOffice(), { clock: clock.fn })), clock };
}

/** A console socket of `token` (a new connection: another browser, tab or PC). */
async function socketOf(url: string, token: string): Promise<LiveClient> {
  return track(await client(url, { token, websocketOnly: true }));
}

async function attach(
  socket: LiveClient,
  officeId: string,
  counterId: string,
  takeOver?: boolean,
): Promise<number> {
  const res = await request(socket, 'counter:attach', {
    officeId,
    counterId,
    ...(takeOver !== undefined && { takeOver }),
  });
  return ok<CounterAttachResult>(res).others;
}

/** Every `counter:replaced` the socket receives, in order. */
function notices(socket: LiveClient): CounterReplaced[] {
  const seen: CounterReplaced[] = [];
  socket.on('counter:replaced', (n) => seen.push(n));
  return seen;
}

/** The next `counter:replaced` on `socket` (rejects after 5 s). */
function nextNotice(socket: LiveClient): Promise<CounterReplaced> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no counter:replaced within 5 s')), 5_000);
    socket.once('counter:replaced', (n) => {
      clearTimeout(timer);
      resolve(n);
    });
  });
}

const settle = () => new Promise((r) => setTimeout(r, 100));

/** An officer signed in at `counterId` (through a socket of their own), and their token. */
async function officerAt(rig: LiveRig, counterId: string): Promise<{ userId: string; token: string }> {
  const officer = await rig.user('officer', [rig.office.id]);
  const socket = await socketOf(rig.url, officer.token);
  ok(await request(socket, 'counter:command', { officeId: rig.office.id, counterId, action: 'sign-in' }));
  socket.disconnect();
  return officer;
}

describe('counter consoles on one server (memory engine)', () => {
  it('counts the other consoles of the counter, and a take-over stops them', async () => {
    const { rig: r, clock } = await rig();
    const officeId = r.office.id;
    const { token } = await officerAt(r, 'c1');
    // The same officer, two browsers: the sign-in cannot tell them apart, the consoles can.
    const a = await socketOf(r.url, token);
    const b = await socketOf(r.url, token);
    const toA = notices(a);
    const toB = notices(b);

    expect(await attach(a, officeId, 'c1')).toBe(0);
    expect(await attach(b, officeId, 'c1')).toBe(1);
    // Attaching again (a second effect, a reconnect) counts the same: never itself.
    expect(await attach(a, officeId, 'c1')).toBe(1);
    expect(await attach(a, officeId, 'c1', false)).toBe(1);

    clock.advance(5_000);
    const replaced = nextNotice(a);
    expect(await attach(b, officeId, 'c1', true)).toBe(0);
    expect(await replaced).toEqual({ officeId, counterId: 'c1', at: clock.now });
    // A was detached: B now counts nobody else.
    expect(await attach(b, officeId, 'c1')).toBe(0);
    // A attaching again (no take-over) is a newcomer, warned of B.
    expect(await attach(a, officeId, 'c1')).toBe(1);
    await settle();
    expect(toA).toHaveLength(1);
    expect(toB).toEqual([]);

    // Taking back: B is told, A works.
    const back = nextNotice(b);
    expect(await attach(a, officeId, 'c1', true)).toBe(0);
    expect((await back).counterId).toBe('c1');
    // A take-over with nobody else tells nobody.
    expect(await attach(a, officeId, 'c1', true)).toBe(0);
    await settle();
    expect(toA).toHaveLength(1);
    expect(toB).toHaveLength(1);

    // Detach and disconnect drop out of the count.
    const c = await socketOf(r.url, token);
    expect(await attach(c, officeId, 'c1')).toBe(1);
    expect(await attach(b, officeId, 'c1')).toBe(2);
    ok(await request(b, 'counter:detach', { officeId, counterId: 'c1' }));
    expect(await attach(c, officeId, 'c1')).toBe(1);
    a.disconnect();
    await settle();
    expect(await attach(c, officeId, 'c1')).toBe(0);
    // Detaching what the socket is not attached to is harmless.
    ok(await request(b, 'counter:detach', { officeId, counterId: 'c1' }));
    ok(await request(b, 'counter:detach', { officeId, counterId: 'c4' }));
    expect(await attach(c, officeId, 'c1')).toBe(0);
  });

  it('attaches a socket to one counter at a time, and counts each counter on its own', async () => {
    const { rig: r } = await rig();
    const officeId = r.office.id;
    const one = await officerAt(r, 'c1');
    const two = await officerAt(r, 'c2');
    const boss = await socketOf(r.url, (await r.user('supervisor', [officeId])).token);
    const atOne = await socketOf(r.url, one.token);
    const atTwo = await socketOf(r.url, two.token);

    expect(await attach(atOne, officeId, 'c1')).toBe(0);
    expect(await attach(atTwo, officeId, 'c2')).toBe(0);
    // A supervisor may look in at a counter's console: it counts there.
    expect(await attach(boss, officeId, 'c1')).toBe(1);
    expect(await attach(atOne, officeId, 'c1')).toBe(1);
    // Moving to another counter leaves the first.
    expect(await attach(boss, officeId, 'c2')).toBe(1);
    expect(await attach(atOne, officeId, 'c1')).toBe(0);
    expect(await attach(atTwo, officeId, 'c2')).toBe(1);
    // A take-over at c2 stops nobody at c1.
    const toOne = notices(atOne);
    const replaced = nextNotice(atTwo);
    expect(await attach(boss, officeId, 'c2', true)).toBe(0);
    await replaced;
    await settle();
    expect(toOne).toEqual([]);
    expect(await attach(atOne, officeId, 'c1')).toBe(0);
  });

  it('lets only whoever may operate the counter attach, and a refusal joins nothing', async () => {
    const { rig: r } = await rig();
    const officeId = r.office.id;
    const here = await officerAt(r, 'c1');
    const elsewhere = await officerAt(r, 'c2');
    const nowhere = await r.user('officer', [officeId]);
    const stranger = await r.user('supervisor', ['another-office']);
    const mine = await socketOf(r.url, here.token);
    expect(await attach(mine, officeId, 'c1')).toBe(0);

    const refused = async (socket: LiveClient, counterId = 'c1', office = officeId) =>
      code(await request(socket, 'counter:attach', { officeId: office, counterId, takeOver: true }));
    const toMine = notices(mine);

    // An officer of another counter, or of none: not theirs to work (a take-over least of all).
    expect(await refused(await socketOf(r.url, elsewhere.token))).toBe('FORBIDDEN');
    expect(await refused(await socketOf(r.url, nowhere.token))).toBe('FORBIDDEN');
    // Staff of another office.
    expect(await refused(await socketOf(r.url, stranger.token))).toBe('FORBIDDEN');
    // Devices never work a counter; anonymous sockets are told to sign in.
    const display = await socketOf(r.url, (await r.device('display', officeId)).token);
    const kiosk = await socketOf(r.url, (await r.device('kiosk', officeId)).token);
    expect(await refused(display)).toBe('FORBIDDEN');
    expect(await refused(kiosk)).toBe('FORBIDDEN');
    const anonymous = track(await client(r.url, { websocketOnly: true }));
    expect(await refused(anonymous)).toBe('UNAUTHENTICATED');
    // Nobody learns whether a well-formed request would have passed.
    expect(code(await request(anonymous, 'counter:attach', { nonsense: true }))).toBe('UNAUTHENTICATED');
    expect(code(await request(display, 'counter:attach', 42))).toBe('FORBIDDEN');

    // A supervisor of the office: an unknown counter is said so.
    const boss = await socketOf(r.url, (await r.user('supervisor', [officeId])).token);
    expect(await refused(boss, 'c9')).toBe('UNKNOWN_COUNTER');

    // None of them joined the room, nor stopped the console there.
    await settle();
    expect(toMine).toEqual([]);
    expect(await attach(mine, officeId, 'c1')).toBe(0);

    // Signed out at the counter, the officer may no longer attach there.
    ok(await request(mine, 'counter:command', { officeId, counterId: 'c1', action: 'sign-out' }));
    expect(await refused(mine)).toBe('FORBIDDEN');
  });

  it('leaves the console room once the user may no longer operate in the office', async () => {
    const { rig: r } = await rig();
    const officeId = r.office.id;
    const here = await officerAt(r, 'c1');
    const boss = await r.user('supervisor', [officeId]);
    const mine = await socketOf(r.url, here.token);
    const theirs = await socketOf(r.url, boss.token);
    expect(await attach(mine, officeId, 'c1')).toBe(0);
    expect(await attach(theirs, officeId, 'c1')).toBe(1);

    const user = await r.accounts.getUser(boss.userId);
    if (!user) throw new Error('no supervisor');
    await r.accounts.putUser({ ...user, officeIds: [] });
    // Its next request sees the change: out of the room, and refused.
    expect(code(await request(theirs, 'counter:attach', { officeId, counterId: 'c1' }))).toBe('FORBIDDEN');
    expect(await attach(mine, officeId, 'c1')).toBe(0);
  });

  it('answers malformed requests with INVALID_INPUT and keeps serving', async () => {
    const { rig: r } = await rig();
    const officeId = r.office.id;
    const { token } = await officerAt(r, 'c1');
    const socket = await socketOf(r.url, token);
    const bad: unknown[] = [
      undefined,
      null,
      'c1',
      42,
      [],
      {},
      { officeId },
      { counterId: 'c1' },
      { officeId, counterId: '' },
      { officeId, counterId: 'c'.repeat(65) },
      { officeId: 7, counterId: 'c1' },
      { officeId, counterId: 'c1', takeOver: 'yes' },
      { officeId, counterId: 'c1', takeOver: 1 },
      { officeId, counterId: 'c1', extra: true },
    ];
    for (const input of bad) {
      const res = await request(socket, 'counter:attach', input);
      expect(code(res), JSON.stringify(input) ?? String(input)).toBe('INVALID_INPUT');
      if (!res.ok) expect(res.details?.problems?.length ?? 0).toBeGreaterThan(0);
    }
    for (const input of [null, {}, { officeId }, { officeId, counterId: 'c1', takeOver: true }]) {
      expect(code(await request(socket, 'counter:detach', input)), JSON.stringify(input)).toBe(
        'INVALID_INPUT',
      );
    }
    // Without an ack callback: served all the same, nowhere to answer, nothing breaks.
    (socket as unknown as { emit(e: string, p: unknown): void }).emit('counter:attach', {
      officeId,
      counterId: 'c1',
    });
    (socket as unknown as { emit(e: string): void }).emit('counter:attach');
    // Still connected, still served; the ack-less attach counted as this socket's own.
    expect(await attach(socket, officeId, 'c1')).toBe(0);
    const other = await socketOf(r.url, token);
    expect(await attach(other, officeId, 'c1')).toBe(1);
    expect(socket.connected).toBe(true);
  });
});

describe.skipIf(!redisEngine.available)('counter consoles across two server processes on one Redis', () => {
  const namespace = `t${Math.random().toString(36).slice(2, 8)}`;
  const OFFICE = 'phuc-dien';
  const dirs: string[] = [];
  let one: ServerProcess;
  let two: ServerProcess;
  let officerToken = '';

  async function start(): Promise<ServerProcess> {
    const dir = await mkdtemp(join(TEST_TMP, 'luot-presence-'));
    dirs.push(dir);
    return startServer({ REDIS_URL, REDIS_NAMESPACE: namespace, DATA_DIR: dir });
  }

  beforeAll(async () => {
    // One after the other: the first seeds the demo office and the admin, the second finds them.
    one = await start();
    two = await start();
    const admin = await adminToken(one);
    const made = await http(`${one.url}/api/admin/users`, 'POST', admin, {
      username: 'lan',
      password: 'password-123',
      role: 'officer',
      officeIds: [OFFICE],
    });
    expect(made.status).toBe(201);
    const login = await http<{ token: string }>(`${two.url}/api/auth/login`, 'POST', undefined, {
      username: 'lan',
      password: 'password-123',
    });
    expect(login.status).toBe(200);
    officerToken = login.body.token;
    const signIn = await http(
      `${one.url}/api/offices/${OFFICE}/counters/q1/sign-in`,
      'POST',
      officerToken,
      {},
    );
    expect(signIn.status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    const { store } = await redisEngine.create({ namespace });
    await (store as unknown as { dropNamespace(): Promise<void> }).dropNamespace();
    await store.close();
  });

  it('counts a console on the other process, and a take-over there stops it', async () => {
    const onOne = await socketOf(one.url, officerToken);
    const onTwo = await socketOf(two.url, officerToken);
    expect(await attach(onOne, OFFICE, 'q1')).toBe(0);
    expect(await attach(onTwo, OFFICE, 'q1')).toBe(1);
    expect(await attach(onOne, OFFICE, 'q1')).toBe(1);

    const toTwo = notices(onTwo);
    const replaced = nextNotice(onOne);
    expect(await attach(onTwo, OFFICE, 'q1', true)).toBe(0);
    expect(await replaced).toMatchObject({ officeId: OFFICE, counterId: 'q1' });
    // Detached on its own process before it was told: attaching again at once counts the other.
    expect(await attach(onOne, OFFICE, 'q1')).toBe(1);
    expect(await attach(onTwo, OFFICE, 'q1')).toBe(1);

    // And back the other way.
    const back = nextNotice(onTwo);
    expect(await attach(onOne, OFFICE, 'q1', true)).toBe(0);
    expect((await back).counterId).toBe('q1');
    expect(toTwo).toHaveLength(1);
    expect(await attach(onOne, OFFICE, 'q1')).toBe(0);

    // A disconnect on one process drops out of the other's count.
    expect(await attach(onTwo, OFFICE, 'q1')).toBe(1);
    onOne.disconnect();
    await settle();
    expect(await attach(onTwo, OFFICE, 'q1')).toBe(0);
  });
});
