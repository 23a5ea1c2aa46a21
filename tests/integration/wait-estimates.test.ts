/**
 * Wait-time estimates through the server: recomputed shortly after the office's events (never on
 * the way of a request), they reach the issue answer, the citizen's ticket (HTTP and the phone
 * page's socket) and — per service — the office's displays (`office:estimates`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstimatesUpdate, PublicTicket } from '../../shared/protocol/events.js';
import { startApi, type ApiRig, type Caller } from '../helpers/api.js';
import { engines } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';
import { client, closedAfterEach, ok, request } from '../helpers/realtime.js';

describe.each(engines.filter((e) => e.available))('wait-time estimates on the $name engine', (engine) => {
  let rig: ApiRig;
  const sockets = closedAfterEach();
  beforeAll(async () => {
    rig = await startApi(engine, [], { listen: true });
  });
  afterAll(() => rig?.close());

  const post = async (caller: Caller, path: string, payload: object = {}) => {
    const res = await rig.call(caller, { method: 'POST', url: path, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json() as Record<string, unknown>;
  };
  const publicTicket = async (id: string) =>
    (await rig.call({ headers: {} }, { method: 'GET', url: `/api/tickets/${id}` })).json() as PublicTicket;

  it('answers "Đang cập nhật" (null) at first, then an estimate worded for citizens everywhere', async () => {
    const office = testOffice();
    await rig.store.putOffice(office);
    const officer = await rig.user('officer', [office.id]);
    await post(officer, `/api/offices/${office.id}/counters/c1/sign-in`);
    await post(officer, `/api/offices/${office.id}/counters/c1/open`);
    const display = await rig.device('display', office.id);
    const tv = sockets(await client(rig.url, { token: display.token, websocketOnly: true }));
    const updates: EstimatesUpdate[] = [];
    tv.on('office:estimates', (u) => updates.push(u));
    ok(await request(tv, 'office:subscribe', { officeId: office.id }));

    const kiosk = await rig.device('kiosk', office.id);
    const first = await post(kiosk, `/api/offices/${office.id}/tickets`, { serviceId: 'civ' });
    // Before the office's first refresh nothing is known: never a made-up figure.
    expect(first.estimate).toBeNull();
    const ids = [String(first.id)];
    for (let i = 0; i < 4; i++)
      ids.push(String((await post(kiosk, `/api/offices/${office.id}/tickets`, { serviceId: 'civ' })).id));

    // Shortly after the events: the last of five waiting civ tickets at one 8-minute counter
    // (c1 serves civ only; c2 and c3 are closed) waits about half an hour.
    await expect.poll(async () => (await publicTicket(ids[4]!)).estimate, { timeout: 5_000 }).not.toBeNull();
    const last = (await publicTicket(ids[4]!)).estimate!;
    expect(last.minutes).toBeGreaterThanOrEqual(20);
    expect(last.minutes).toBeLessThanOrEqual(60);
    expect(last.text.vi).toMatch(/phút/);
    expect(last.text.en).toMatch(/min/);
    const firstNow = (await publicTicket(ids[0]!)).estimate!;
    expect(firstNow.minutes).toBeLessThan(last.minutes);

    // A ticket issued now gets the last refresh's figure for its service at once.
    const sixth = await post(kiosk, `/api/offices/${office.id}/tickets`, { serviceId: 'civ' });
    expect(sixth.estimate).toMatchObject({ text: { vi: expect.stringMatching(/phút/) } });

    // The displays hear the per-service figure.
    await expect
      .poll(() => updates.at(-1)?.services.find((s) => s.serviceId === 'civ'), { timeout: 5_000 })
      .toBeTruthy();
    expect(updates.at(-1)).toMatchObject({ officeId: office.id });

    // Called: no estimate any more.
    await post(officer, `/api/offices/${office.id}/counters/c1/call-next`);
    expect((await publicTicket(ids[0]!)).estimate).toBeUndefined();
  });

  it('expects the counters to open in the morning: a ticket taken before any counter opens is not "not today"', async () => {
    // Configured the evening before; the kiosk opens at 07:30, the officers are a little late.
    rig.clock.set('2026-11-29T18:00');
    const office = testOffice();
    await rig.store.putOffice(office);
    rig.clock.set('2026-11-30T07:32');
    const kiosk = await rig.device('kiosk', office.id);
    const ticket = await post(kiosk, `/api/offices/${office.id}/tickets`, { serviceId: 'civ' });
    await expect
      .poll(async () => (await publicTicket(String(ticket.id))).estimate, { timeout: 5_000 })
      .not.toBeNull();
    const estimate = (await publicTicket(String(ticket.id))).estimate!;
    expect(estimate.text.vi).not.toMatch(/không kịp/);
    expect(estimate.minutes).toBeLessThanOrEqual(30);
  });
});
