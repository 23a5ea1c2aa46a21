/**
 * The newcomer's path: `npm start` (tsx server/main.ts) on an empty DATA_DIR seeds the demo office
 * and the admin account, answers, serves live events, and keeps its tickets across a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ack, ReplayResult } from '../../shared/protocol/events.js';
import { TEST_TMP } from '../helpers/engines.js';
import { client, request } from '../helpers/realtime.js';
import { adminToken, http, startServer, type ServerProcess } from '../helpers/server-process.js';

describe('start-up', () => {
  let dataDir = '';
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo office on an empty DATA_DIR, answers, and keeps a ticket across a restart', async () => {
    dataDir = await mkdtemp(join(TEST_TMP, 'luot-start-'));
    server = await startServer({ DATA_DIR: dataDir });
    expect((await http(`${server.url}/healthz`, 'GET')).body).toEqual({ ok: true });
    const offices = await http<{ offices: { id: string }[] }>(`${server.url}/api/offices`, 'GET');
    expect(offices.body.offices.map((o) => o.id)).toEqual(['phuc-dien']);
    const office = await http<{ counters: unknown[]; services: unknown[] }>(
      `${server.url}/api/offices/phuc-dien`,
      'GET',
    );
    expect(office.status).toBe(200);
    expect(office.body.counters).toHaveLength(6);

    // Staff issue for a walk-in at any hour (kiosks only within opening hours): the test runs any time.
    const token = await adminToken(server);
    const issued = await http<{ id: string; number: string; status: string }>(
      `${server.url}/api/offices/phuc-dien/tickets`,
      'POST',
      token,
      { serviceId: 'ho-tich' },
    );
    expect(issued.status).toBe(201);
    expect(issued.body.status).toBe('waiting');

    // The live layer is part of the real app: a subscriber sees the ticket waiting.
    const socket = await client(server.url, { token, websocketOnly: true });
    const sub = (await request(socket, 'office:subscribe', { officeId: 'phuc-dien' })) as Ack<ReplayResult>;
    socket.disconnect();
    expect(sub.ok && sub.data.kind === 'snapshot' && sub.data.snapshot.waiting['ho-tich']).toBe(1);

    expect(await server.stop()).toBe(0);
    server = await startServer({ DATA_DIR: dataDir });
    const again = await http<{ id: string; number: string; status: string }>(
      `${server.url}/api/tickets/${issued.body.id}`,
      'GET',
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: issued.body.id, number: issued.body.number, status: 'waiting' });
    // Accounts survive too, and the office is not seeded twice.
    const after = await adminToken(server);
    const snapshot = await http<{ waiting: Record<string, number> }>(
      `${server.url}/api/offices/phuc-dien/snapshot`,
      'GET',
      after,
    );
    expect(snapshot.body.waiting['ho-tich']).toBe(1);
    expect(
      (await http<{ offices: unknown[] }>(`${server.url}/api/offices`, 'GET')).body.offices,
    ).toHaveLength(1);
  });
});
