/**
 * Two server processes on one Redis (one key namespace), each on its own port, as behind a load
 * balancer: a call made through one reaches a display connected to the other (socket.io Redis
 * adapter), and tickets issued through both get unique numbers (one engine state).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult, LiveEvent, Snapshot } from '../../shared/protocol/events.js';
import { REDIS_URL, redisEngine, TEST_TMP } from '../helpers/engines.js';
import { client, picture, Watcher, type LiveClient } from '../helpers/realtime.js';
import { adminToken, http, startServer, type ServerProcess } from '../helpers/server-process.js';

const OFFICE = 'phuc-dien';

describe.skipIf(!redisEngine.available)('two server processes on one Redis', () => {
  const namespace = `t${Math.random().toString(36).slice(2, 8)}`;
  const dirs: string[] = [];
  const sockets: LiveClient[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  let tokenA = '';
  let tokenB = '';

  async function start(): Promise<ServerProcess> {
    const dir = await mkdtemp(join(TEST_TMP, 'luot-cluster-'));
    dirs.push(dir);
    return startServer({ REDIS_URL, REDIS_NAMESPACE: namespace, DATA_DIR: dir });
  }

  beforeAll(async () => {
    // One after the other: the first seeds the demo office and the admin, the second finds them.
    a = await start();
    b = await start();
    [tokenA, tokenB] = await Promise.all([adminToken(a), adminToken(b)]);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    // Everything the two processes wrote lives under the test's namespace.
    const { store } = await redisEngine.create({ namespace });
    await (store as unknown as { dropNamespace(): Promise<void> }).dropNamespace();
    await store.close();
  });

  async function display(server: ServerProcess, adminTokenOf: string): Promise<Watcher> {
    const paired = await http<{ token: string }>(`${server.url}/api/admin/devices`, 'POST', adminTokenOf, {
      kind: 'display',
      officeId: OFFICE,
      name: 'TV sảnh',
    });
    expect(paired.status).toBe(201);
    const socket = await client(server.url, { token: paired.body.token, websocketOnly: true });
    sockets.push(socket);
    const watcher = new Watcher(socket, OFFICE);
    await watcher.join();
    return watcher;
  }

  const snapshotOf = async (server: ServerProcess, token: string): Promise<Snapshot> =>
    (await http<Snapshot>(`${server.url}/api/offices/${OFFICE}/snapshot`, 'GET', token)).body;

  it('delivers a ticket called through process A to a display connected to process B', async () => {
    // The device is paired through A and used on B: one account store too.
    const onB = await display(a, tokenA);
    const issued = await http<{ id: string; number: string }>(
      `${b.url}/api/offices/${OFFICE}/tickets`,
      'POST',
      tokenB,
      {
        serviceId: 'ho-tich',
      },
    );
    expect(issued.status).toBe(201);
    const counter = `${a.url}/api/offices/${OFFICE}/counters/q1`;
    expect((await http(`${counter}/sign-in`, 'POST', tokenA, {})).status).toBe(200);
    expect((await http(`${counter}/open`, 'POST', tokenA, {})).status).toBe(200);
    const called = new Promise<LiveEvent>((resolve) => onB.socket.on('ticket:called', resolve));
    const res = await http<CommandResult>(`${counter}/call-next`, 'POST', tokenA, {});
    expect(res.body.ticket?.id).toBe(issued.body.id);

    const event = await called;
    expect(event).toMatchObject({
      officeId: OFFICE,
      type: 'called',
      ticket: { number: issued.body.number, counterId: 'q1' },
    });
    const expected = await snapshotOf(b, tokenB);
    await onB.until(expected.seq);
    expect(picture(onB.state)).toEqual(picture(expected));
    expect(onB.state?.recentCalls[0]).toMatchObject({ number: issued.body.number, counterId: 'q1' });
  });

  it('numbers tickets issued through both processes uniquely, and both displays see them all', async () => {
    const onA = await display(a, tokenA);
    const onB = await display(b, tokenB);
    const before = await snapshotOf(a, tokenA);
    const N = 40;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        http<{ id: string; number: string }>(
          `${(i % 2 === 0 ? a : b).url}/api/offices/${OFFICE}/tickets`,
          'POST',
          i % 2 === 0 ? tokenA : tokenB,
          { serviceId: 'chung-thuc' },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: N }, () => 201));
    const numbers = results.map((r) => r.body.number);
    expect(new Set(numbers).size).toBe(N);
    // One sequence of numbers with no hole, whichever process issued each.
    const digits = numbers.map((n) => Number(n.slice(-3))).sort((x, y) => x - y);
    expect(digits).toEqual(Array.from({ length: N }, (_, i) => (digits[0] ?? 0) + i));

    const expected = await snapshotOf(b, tokenB);
    expect(expected.seq).toBe(before.seq + N);
    expect(expected.waiting['chung-thuc']).toBe((before.waiting['chung-thuc'] ?? 0) + N);
    for (const watcher of [onA, onB]) {
      await watcher.until(expected.seq);
      // Every event once, in seq order, whichever process made it (a gap is filled by replay).
      const seqs = watcher.applied.map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: N }, (_, i) => before.seq + 1 + i));
      expect(picture(watcher.state)).toEqual(picture(expected));
    }
  });
});
