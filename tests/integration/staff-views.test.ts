/** What the officer console needs from the server: a clear sign-in answer, and a ticket as staff see it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiRig, type Caller } from '../helpers/api.js';
import { memoryEngine } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

describe('staff views', () => {
  let rig: ApiRig;
  const office = testOffice();
  beforeAll(async () => {
    rig = await startApi(memoryEngine, [office]);
  });
  afterAll(() => rig.close());
  const post = (caller: Caller, path: string, payload: object = {}) =>
    rig.call(caller, { method: 'POST', url: `/api/offices/${office.id}${path}`, payload });

  it('answers a second sign-in at one’s own counter with the counter; says who holds a taken one and where one is', async () => {
    const lan = await rig.user('officer', [office.id]);
    const minh = await rig.user('officer', [office.id]);
    expect((await post(lan, '/counters/c1/sign-in')).statusCode).toBe(200);
    const again = await post(lan, '/counters/c1/sign-in');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      event: null,
      ticket: null,
      counter: { id: 'c1', officerId: lan.userId },
    });

    const taken = await post(minh, '/counters/c1/sign-in');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'COUNTER_TAKEN', details: { officerId: lan.userId } });

    const elsewhere = await post(lan, '/counters/c2/sign-in');
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error).toMatchObject({ code: 'OFFICER_ELSEWHERE', details: { counterId: 'c1' } });
  });

  it('shows staff of the office a ticket with every field, and nobody else', async () => {
    const kiosk = await rig.device('kiosk', office.id);
    const issued = await post(kiosk, '/tickets', {
      serviceId: 'civ',
      priority: true,
      priorityReason: 'elderly',
    });
    const id = issued.json().id as string;
    const officer = await rig.user('officer', [office.id]);
    const res = await rig.call(officer, { method: 'GET', url: `/api/offices/${office.id}/tickets/${id}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id,
      number: issued.json().number,
      priority: true,
      priorityReason: 'elderly',
      channel: 'kiosk',
      recalls: 0,
      status: 'waiting',
    });
    const get = (caller: Caller, ticketId = id) =>
      rig.call(caller, { method: 'GET', url: `/api/offices/${office.id}/tickets/${ticketId}` });
    expect((await get(kiosk)).statusCode).toBe(403);
    expect((await get({ headers: {} })).statusCode).toBe(401);
    const another = testOffice();
    await rig.store.putOffice(another);
    const stranger = await rig.user('officer', [another.id]);
    expect((await get(stranger)).statusCode).toBe(403);
    expect((await get(officer, 'AAAAAAAAAAAAAAAAAAAAAA')).json().error.code).toBe('TICKET_NOT_FOUND');
  });
});
