/** A display reports its sound state; the office's staff see it live, nobody else does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisplayStatusEvent } from '../../shared/protocol/display.js';
import { startApi, type ApiRig } from '../helpers/api.js';
import { memoryEngine } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';
import { client, request, type LiveClient } from '../helpers/realtime.js';

describe('display status', () => {
  let rig: ApiRig;
  const office = testOffice();
  const sockets: LiveClient[] = [];
  beforeAll(async () => {
    rig = await startApi(memoryEngine, [office], { listen: true });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await rig.close();
  });
  const connect = async (token?: string) => {
    const socket = await client(rig.url, token === undefined ? {} : { token });
    sockets.push(socket);
    return socket;
  };

  it('relays a display’s blocked sound to the office’s staff, and refuses anyone but a display', async () => {
    const officer = await rig.user('officer', [office.id]);
    const staff = await connect(officer.token);
    expect((await request(staff, 'office:subscribe', { officeId: office.id })).ok).toBe(true);
    const seen: DisplayStatusEvent[] = [];
    staff.on('display:status', (e) => seen.push(e));
    const kioskDevice = await rig.device('kiosk', office.id);
    const kioskSocket = await connect(kioskDevice.token);
    expect((await request(kioskSocket, 'office:subscribe', { officeId: office.id })).ok).toBe(true);
    const kioskSeen: DisplayStatusEvent[] = [];
    kioskSocket.on('display:status', (e) => kioskSeen.push(e));

    const display = await rig.device('display', office.id);
    const tv = await connect(display.token);
    const ack = await request(tv, 'display:status', { audio: 'blocked', detail: 'autoplay policy' });
    expect(ack).toEqual({ ok: true, data: {} });
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toEqual({
      officeId: office.id,
      deviceId: display.deviceId,
      audio: 'blocked',
      detail: 'autoplay policy',
      at: rig.clock.now,
    });
    expect((await request(tv, 'display:status', { audio: 'loud' })).ok).toBe(false);
    expect(await request(kioskSocket, 'display:status', { audio: 'ok' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await request(await connect(), 'display:status', { audio: 'ok' })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    expect(kioskSeen).toEqual([]); // devices do not get staff-only news
    expect(seen).toHaveLength(1);
  });
});
