/**
 * Every queue route and every error it can answer, through inject(), on both engines: the whole
 * app (buildApp) with real logins and real device tokens. Each test gets a fresh office.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OfficeConfig } from '../../shared/domain/types.js';
import { ErrorCodes, type ErrorCode } from '../../shared/protocol/errors.js';
import { ANONYMOUS_CALLER as anonymous, startApi, type ApiRig, type Caller } from '../helpers/api.js';
import { TestClock } from '../helpers/clock.js';
import { engines } from '../helpers/engines.js';
import { testOffice, uniqueOfficeId } from '../helpers/office.js';

/** Offices the staff users belong to; each test takes the next one. */
const POOL = 90;

interface Body {
  [key: string]: unknown;
}

export function expectError(
  res: LightMyRequestResponse,
  code: ErrorCode,
  status: number = ErrorCodes[code].http,
): Body {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { error: { code: string; message: string; details?: Body } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  // Vietnamese / English
  expect(body.error.message).toMatch(/ \/ /);
  return body.error.details ?? {};
}

describe.each(engines)('HTTP API on the $name engine', (engine) => {
  let rig: ApiRig;
  let officer: Caller & { userId: string };
  let officer2: Caller & { userId: string };
  let supervisor: Caller & { userId: string };
  let otherOfficer: Caller;
  let kiosk: Caller;
  let display: Caller;
  let office: OfficeConfig;
  const pool = Array.from({ length: POOL }, () => uniqueOfficeId('api'));
  const other = testOffice({ id: uniqueOfficeId('other') });
  let next = 0;

  const post = (caller: Caller, url: string, payload?: unknown) =>
    rig.call(caller, { method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as Body }) });
  const get = (caller: Caller, url: string) => rig.call(caller, { method: 'GET', url });
  const at = (path = '') => `/api/offices/${office.id}${path}`;
  const counter = (counterId: string, action: string, payload?: unknown, caller: Caller = officer) =>
    post(caller, at(`/counters/${counterId}/${action}`), payload);
  const issue = async (payload: Body = { serviceId: 'civ' }, caller: Caller = kiosk): Promise<Body> => {
    const res = await post(caller, at('/tickets'), payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Body;
  };
  const ok = (res: LightMyRequestResponse): Body => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Body;
  };
  /** The officer signs in at c1 and opens it. */
  const openC1 = async (caller: Caller = officer) => {
    ok(await counter('c1', 'sign-in', undefined, caller));
    ok(await counter('c1', 'open', undefined, caller));
  };
  const ticketOf = (res: LightMyRequestResponse) => ok(res).ticket as Body;

  beforeAll(async () => {
    if (!engine.available) return;
    rig = await startApi(engine, [other, ...pool.map((id) => testOffice({ id }))]);
    officer = await rig.user('officer', pool);
    officer2 = await rig.user('officer', pool);
    supervisor = await rig.user('supervisor', pool);
    otherOfficer = await rig.user('officer', [other.id]);
  });

  afterAll(async () => {
    await rig?.close();
  });

  beforeEach(async (ctx) => {
    if (!engine.available) ctx.skip();
    rig.clock.set('2026-11-30T09:00'); // Monday, morning session
    const id = pool[next++];
    if (!id) throw new Error('office pool exhausted: raise POOL');
    office = (await rig.store.getOffice(id))!;
    kiosk = await rig.device('kiosk', office.id);
    display = await rig.device('display', office.id);
  });

  describe('offices', () => {
    it('lists offices publicly with id and name only', async () => {
      const body = ok(await get(anonymous, '/api/offices')) as { offices: Body[] };
      expect(body.offices).toContainEqual({ id: office.id, name: office.name });
      for (const o of body.offices) expect(Object.keys(o).sort()).toEqual(['id', 'name']);
    });

    it('serves the public configuration with services, counters, sessions and opening state', async () => {
      const body = ok(await get(anonymous, at()));
      expect(body).toMatchObject({
        id: office.id,
        name: office.name,
        timeZone: 'Asia/Ho_Chi_Minh',
        businessDate: '2026-11-30',
        openNow: true,
        issuingNow: true,
        holidays: ['2026-12-24'],
      });
      expect(body).not.toHaveProperty('closedReason');
      expect(body.services).toEqual(office.services);
      expect(body.counters).toContainEqual({
        id: 'c2',
        number: 2,
        name: 'Quầy 2',
        services: ['civ', 'cert'],
      });
      expect((body.sessions as Body).mon).toEqual(office.sessions.mon);
      expect(body).not.toHaveProperty('policy');
    });

    it('says when tickets cannot be taken and when the office opens next', async () => {
      rig.clock.set('2026-11-30T11:10'); // past the morning cut-off, still open
      expect(ok(await get(anonymous, at()))).toMatchObject({
        openNow: true,
        issuingNow: false,
        closedReason: 'PAST_CUTOFF',
        nextOpening: TestClock.vn('2026-11-30T13:30'),
      });
      rig.clock.set('2026-11-30T12:00'); // lunch
      expect(ok(await get(anonymous, at()))).toMatchObject({
        openNow: false,
        issuingNow: false,
        closedReason: 'OFFICE_CLOSED',
        nextOpening: TestClock.vn('2026-11-30T13:30'),
      });
      rig.clock.set('2026-12-06T10:00'); // Sunday
      expect(ok(await get(anonymous, at()))).toMatchObject({
        openNow: false,
        closedReason: 'OFFICE_CLOSED',
        nextOpening: TestClock.vn('2026-12-07T07:30'),
      });
      rig.clock.set('2026-12-24T09:00'); // holiday
      expect(ok(await get(anonymous, at()))).toMatchObject({ openNow: false, closedReason: 'HOLIDAY' });
    });

    it('answers 404 OFFICE_NOT_FOUND for an unknown office and 400 for a malformed id', async () => {
      expectError(await get(anonymous, '/api/offices/no-such-office'), 'OFFICE_NOT_FOUND');
      const details = expectError(await get(anonymous, '/api/offices/Not_A_Slug!'), 'INVALID_INPUT');
      expect(details.fields).toEqual(['params.officeId']);
    });

    it('gives members a snapshot: counters with their tickets, waiting per service, recent calls', async () => {
      await openC1();
      const t1 = await issue();
      await issue({ serviceId: 'cert' });
      await issue();
      ok(await counter('c1', 'call-next'));
      for (const caller of [display, kiosk, officer, supervisor, rig.admin]) {
        const snap = ok(await get(caller, at('/snapshot')));
        expect(snap).toMatchObject({
          officeId: office.id,
          seq: 6,
          businessDate: '2026-11-30',
          waiting: { civ: 1, cert: 1, land: 0 },
        });
        const counters = snap.counters as Body[];
        expect(counters.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
        expect(counters[0]).toMatchObject({
          id: 'c1',
          number: 1,
          name: 'Quầy 1',
          status: 'open',
          officerId: officer.userId,
          currentTicket: { id: t1.id, number: '1001', serviceId: 'civ', status: 'called', priority: false },
        });
        expect(counters[1]).toMatchObject({ status: 'closed', currentTicket: null });
        expect(snap.recentCalls).toEqual([
          expect.objectContaining({ ticketId: t1.id, number: '1001', counterId: 'c1', kind: 'called' }),
        ]);
      }
      expectError(await get(rig.admin, '/api/offices/no-such-office/snapshot'), 'OFFICE_NOT_FOUND');
      expectError(await get(anonymous, at('/snapshot')), 'UNAUTHENTICATED');
      expectError(await get(otherOfficer, at('/snapshot')), 'FORBIDDEN');
    });
  });

  describe('issuing tickets', () => {
    it('issues a kiosk ticket with id, number, service, status, issue time and people ahead', async () => {
      const body = await issue({ serviceId: 'civ' });
      expect(body).toEqual({
        id: expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/),
        officeId: office.id,
        number: '1001',
        serviceId: 'civ',
        priority: false,
        status: 'waiting',
        businessDate: '2026-11-30',
        issuedAt: rig.clock.now,
        ahead: 0,
        service: { vi: 'Hộ tịch', en: 'Civil status' },
        // No PUBLIC_URL in this rig: the phone page's address is where the request came from.
        phoneUrl: `http://localhost:80/t/${String(body.id)}`,
        estimate: null,
      });
      const stored = await rig.store.getTicket(office.id, body.id as string);
      expect(stored).toMatchObject({ channel: 'kiosk', number: '1001' });
      expect((await issue({ serviceId: 'civ' })).ahead).toBe(1);
      expect((await issue({ serviceId: 'cert' })).ahead).toBe(0);
    });

    it('counts people ahead as the policy calls them: a priority ticket goes before normal ones', async () => {
      const n1 = await issue();
      const n2 = await issue();
      const p1 = await issue({ serviceId: 'civ', priority: true, priorityReason: 'Người cao tuổi' });
      const n3 = await issue();
      // A new counter has priority due, then one priority per 2 normal calls.
      expect([n1.ahead, n2.ahead, p1.ahead, n3.ahead]).toEqual([0, 1, 0, 3]);
      const now = async (t: Body) => ok(await get(anonymous, `/api/tickets/${String(t.id)}`)).ahead as number;
      expect(await now(n1)).toBe(1);
      await openC1();
      const order: unknown[] = [];
      for (let i = 0; i < 4; i++) {
        order.push(ticketOf(await counter('c1', 'call-next')).id);
        ok(await counter('c1', 'complete'));
      }
      expect(order).toEqual([p1.id, n1.id, n2.id, n3.id]);
    });

    it('issues for staff on the officer channel, also outside the ticket hours', async () => {
      rig.clock.set('2026-11-30T18:00');
      for (const caller of [officer, supervisor, rig.admin]) {
        const body = await issue({ serviceId: 'cert', priority: true, priorityReason: 'Khuyết tật' }, caller);
        expect(body).toMatchObject({ status: 'waiting', priority: true });
        expect(await rig.store.getTicket(office.id, body.id as string)).toMatchObject({
          channel: 'officer',
          priorityReason: 'Khuyết tật',
        });
      }
    });

    it('refuses a kiosk outside the hours with a stable code, a bilingual message and the next opening', async () => {
      rig.clock.set('2026-11-30T18:00');
      let details = expectError(await post(kiosk, at('/tickets'), { serviceId: 'civ' }), 'OFFICE_CLOSED');
      expect(details).toEqual({ nextOpening: TestClock.vn('2026-12-01T07:30') });
      rig.clock.set('2026-11-30T11:05');
      details = expectError(await post(kiosk, at('/tickets'), { serviceId: 'civ' }), 'PAST_CUTOFF');
      expect(details.nextOpening).toBe(TestClock.vn('2026-11-30T13:30'));
      rig.clock.set('2026-12-24T09:00');
      details = expectError(await post(kiosk, at('/tickets'), { serviceId: 'civ' }), 'HOLIDAY');
      expect(details.nextOpening).toBe(TestClock.vn('2026-12-25T07:30'));
    });

    it('refuses an unknown service and a service whose daily cap is reached', async () => {
      expectError(await post(kiosk, at('/tickets'), { serviceId: 'no-such-service' }), 'UNKNOWN_SERVICE');
      for (let i = 0; i < 5; i++) await issue({ serviceId: 'land' });
      // Monday 09:00, cap reached: back on Tuesday's opening (not this afternoon's session).
      expect(expectError(await post(kiosk, at('/tickets'), { serviceId: 'land' }), 'CAP_REACHED')).toEqual({
        nextOpening: TestClock.vn('2026-12-01T07:30'),
      });
      expectError(
        await post(rig.admin, '/api/offices/no-such-office/tickets', { serviceId: 'civ' }),
        'OFFICE_NOT_FOUND',
      );
    });

    it('answers a repeated requestId with the first ticket', async () => {
      const a = await issue({ serviceId: 'civ', requestId: 'tap-1' });
      const b = await issue({ serviceId: 'civ', requestId: 'tap-1' });
      expect(b.id).toBe(a.id);
      expect(b.number).toBe('1001');
      expect((await issue()).number).toBe('1002');
    });

    it('names every offending field of a malformed request', async () => {
      const details = expectError(
        await post(kiosk, at('/tickets'), {
          serviceId: 5,
          priority: 'yes',
          priorityReason: 'x'.repeat(500),
          requestId: 'has spaces',
          extra: true,
        }),
        'INVALID_INPUT',
      );
      expect([...(details.fields as string[])].sort()).toEqual([
        'body.extra',
        'body.priority',
        'body.priorityReason',
        'body.requestId',
        'body.serviceId',
      ]);
      expect(details.problems).toContain('body.extra: is not allowed');
      const missing = expectError(await post(kiosk, at('/tickets'), {}), 'INVALID_INPUT');
      expect(missing).toEqual({ problems: ['body.serviceId: is required'], fields: ['body.serviceId'] });
      expectError(await post(kiosk, at('/tickets')), 'INVALID_INPUT');
      expectError(await post(kiosk, at('/tickets'), [1, 2]), 'INVALID_INPUT');
    });
  });

  describe('public ticket status', () => {
    it('shows number, service, status and people ahead, then the counter once called — no personal data', async () => {
      const first = await issue();
      const mine = await issue({ serviceId: 'civ', priority: true, priorityReason: 'Phụ nữ mang thai' });
      ok(await counter('c2', 'sign-in', undefined, supervisor));
      ok(await counter('c2', 'open', undefined, supervisor));
      let body = ok(await get(anonymous, `/api/tickets/${String(first.id)}`));
      // The estimate: null until the estimator's first refresh of the office (wait-estimates.test.ts).
      const { estimate, ...status } = body;
      expect(estimate === null || typeof (estimate as { minutes: unknown }).minutes === 'number').toBe(true);
      expect(status).toEqual({
        id: first.id,
        officeId: office.id,
        number: '1001',
        serviceId: 'civ',
        service: { vi: 'Hộ tịch', en: 'Civil status' },
        status: 'waiting',
        businessDate: '2026-11-30',
        issuedAt: first.issuedAt,
        ahead: 1,
        expired: false,
      });
      ok(await counter('c2', 'call-next', undefined, supervisor));
      body = ok(await get(anonymous, `/api/tickets/${String(mine.id)}`));
      expect(body).toMatchObject({
        status: 'called',
        ahead: 0,
        counter: { id: 'c2', number: 2, name: 'Quầy 2' },
        calledAt: rig.clock.now,
      });
      expect(body).not.toHaveProperty('priorityReason');
      expect(body).not.toHaveProperty('officerId');
      expect(body).not.toHaveProperty('priority');
      ok(await counter('c2', 'complete', undefined, supervisor));
      body = ok(await get(anonymous, `/api/tickets/${String(mine.id)}`));
      expect(body.status).toBe('done');
      expect(body).not.toHaveProperty('counter');
    });

    it('answers 404 for an unknown ticket and 400 for a malformed id', async () => {
      expectError(await get(anonymous, '/api/tickets/AAAAAAAAAAAAAAAAAAAAAA'), 'TICKET_NOT_FOUND');
      expectError(await get(anonymous, `/api/tickets/${'a'.repeat(129)}`), 'INVALID_INPUT', 414);
      expectError(await get(anonymous, '/api/tickets/a!b'), 'INVALID_INPUT');
      expectError(await get(anonymous, '/api/tickets/not%20a%20ticket'), 'INVALID_INPUT');
    });

    it('counts nobody ahead of a ticket of an earlier day, and says it expired', async () => {
      const t = await issue();
      rig.clock.set('2026-12-01T09:00');
      expect(ok(await get(anonymous, `/api/tickets/${String(t.id)}`))).toMatchObject({
        status: 'waiting',
        ahead: 0,
        expired: true,
      });
    });
  });

  describe('counter operations', () => {
    it('runs a whole service: sign in, open, call, recall, start, complete, pause, close, sign out', async () => {
      let res = ok(await counter('c1', 'sign-in', { requestId: 'si-1' }));
      expect(res).toMatchObject({
        event: { type: 'counter-updated', at: rig.clock.now },
        ticket: null,
        counter: { id: 'c1', status: 'closed', officerId: officer.userId },
      });
      res = ok(await counter('c1', 'open'));
      expect(res.counter).toMatchObject({ status: 'open' });
      expect(ok(await counter('c1', 'call-next'))).toEqual({
        event: null,
        ticket: null,
        counter: expect.objectContaining({ id: 'c1', status: 'open' }),
      });
      const t = await issue();
      res = ok(await counter('c1', 'call-next', { requestId: 'cn-1' }));
      expect(res).toMatchObject({
        event: { type: 'called' },
        ticket: { id: t.id, number: '1001', status: 'called', counterId: 'c1', officerId: officer.userId },
        counter: { currentTicketId: t.id },
      });
      expect(res.ticket).not.toHaveProperty('sortKey');
      // A retried call-next answers the first result instead of calling another ticket.
      expect(ok(await counter('c1', 'call-next', { requestId: 'cn-1' })).ticket).toMatchObject({ id: t.id });
      expect(ticketOf(await counter('c1', 'recall', { ticketId: t.id }))).toMatchObject({ recalls: 1 });
      expect(ticketOf(await counter('c1', 'start'))).toMatchObject({ status: 'serving' });
      res = ok(await counter('c1', 'complete', { ticketId: t.id, outcome: 'Đã trả kết quả' }));
      expect(res.ticket).toMatchObject({ status: 'done', outcome: 'Đã trả kết quả' });
      expect(res.counter).not.toHaveProperty('currentTicketId');
      expect(ok(await counter('c1', 'pause', { reason: 'Họp giao ban' })).counter).toMatchObject({
        status: 'paused',
        pauseReason: 'Họp giao ban',
      });
      ok(await counter('c1', 'open'));
      expect(ok(await counter('c1', 'pause')).counter).toMatchObject({ pauseReason: 'Tạm nghỉ' });
      expect(ok(await counter('c1', 'close')).counter).toMatchObject({ status: 'closed' });
      res = ok(await counter('c1', 'sign-out'));
      expect(res.counter).not.toHaveProperty('officerId');
    });

    it('calls a chosen ticket, marks a no-show, and transfers to a service or to one counter', async () => {
      await openC1();
      const a = await issue();
      const b = await issue();
      expect(ticketOf(await counter('c1', 'call', { ticketId: b.id }))).toMatchObject({
        id: b.id,
        status: 'called',
      });
      expect(ticketOf(await counter('c1', 'no-show', { ticketId: b.id }))).toMatchObject({
        status: 'no_show',
      });
      ticketOf(await counter('c1', 'call-next'));
      let res = ok(await counter('c1', 'transfer', { serviceId: 'cert', position: 'front' }));
      expect(res.from).toMatchObject({ id: a.id, status: 'transferred' });
      expect(res.ticket).toMatchObject({ serviceId: 'cert', status: 'waiting', transferredFrom: a.id });
      const moved = res.ticket as Body;
      expect(ok(await get(anonymous, `/api/tickets/${String(moved.id)}`))).toMatchObject({
        number: '1001',
        ahead: 0,
      });
      expect(res.from).toMatchObject({ transferredTo: moved.id });
      // The citizen's QR still holds the first id: the phone page follows the transfer.
      expect(ok(await get(anonymous, `/api/tickets/${String(a.id)}`))).toMatchObject({
        id: moved.id,
        number: '1001',
        serviceId: 'cert',
        status: 'waiting',
        ahead: 0,
      });
      expectError(await counter('c1', 'requeue'), 'NOT_FOUND');
      ok(await post(officer, at(`/tickets/${String(b.id)}/requeue`), { position: 'front' }));
      ticketOf(await counter('c1', 'call-next'));
      res = ok(await counter('c1', 'transfer', { counterId: 'c4', position: 'back' }));
      expect(res.ticket).toMatchObject({
        id: expect.any(String),
        targetCounterId: 'c4',
        transferredFrom: b.id,
      });
    });

    it('refuses a transfer without exactly one destination, or to an unknown service', async () => {
      await openC1();
      await issue();
      ticketOf(await counter('c1', 'call-next'));
      let details = expectError(await counter('c1', 'transfer', {}), 'INVALID_INPUT');
      expect(details.fields).toEqual(['body.serviceId', 'body.counterId']);
      details = expectError(
        await counter('c1', 'transfer', { serviceId: 'cert', counterId: 'c2' }),
        'INVALID_INPUT',
      );
      expect(details.problems).toEqual(['body: give exactly one of serviceId or counterId']);
      expectError(await counter('c1', 'transfer', { serviceId: 'nope' }), 'UNKNOWN_SERVICE');
      expectError(await counter('c1', 'transfer', { counterId: 'nope' }), 'UNKNOWN_COUNTER');
      expectError(
        await counter('c1', 'transfer', { serviceId: 'cert', position: 'middle' }),
        'INVALID_INPUT',
      );
    });

    it('protects the current ticket: TICKET_NOT_CURRENT when the counter holds another', async () => {
      await openC1();
      await issue();
      const b = await issue();
      ticketOf(await counter('c1', 'call-next'));
      for (const action of ['recall', 'start', 'complete', 'no-show', 'transfer']) {
        const payload = action === 'transfer' ? { ticketId: b.id, serviceId: 'cert' } : { ticketId: b.id };
        expectError(await counter('c1', action, payload), 'TICKET_NOT_CURRENT');
      }
    });

    it('answers the engine’s refusals with their codes', async () => {
      ok(await counter('c1', 'sign-in'));
      expectError(await counter('c1', 'call-next'), 'COUNTER_NOT_OPEN');
      ok(await counter('c1', 'open'));
      for (const action of ['recall', 'start', 'complete', 'no-show', 'transfer']) {
        expectError(
          await counter('c1', action, action === 'transfer' ? { serviceId: 'cert' } : {}),
          'COUNTER_IDLE',
        );
      }
      const a = await issue();
      const b = await issue();
      ticketOf(await counter('c1', 'call-next'));
      expectError(await counter('c1', 'call-next'), 'COUNTER_BUSY');
      expectError(await counter('c1', 'call', { ticketId: b.id }), 'COUNTER_BUSY');
      ok(await counter('c1', 'start'));
      expectError(await counter('c1', 'recall'), 'INVALID_TRANSITION');
      expectError(await counter('c1', 'no-show'), 'INVALID_TRANSITION');
      ok(await counter('c1', 'complete'));
      expectError(await counter('c1', 'call', { ticketId: a.id }), 'INVALID_TRANSITION');
      expectError(await counter('c1', 'call', { ticketId: 'AAAAAAAAAAAAAAAAAAAAAA' }), 'TICKET_NOT_FOUND');
      expectError(await counter('c1', 'call'), 'INVALID_INPUT');
      // Another officer cannot take c1; the officer cannot sign in twice.
      expectError(await counter('c1', 'sign-in', undefined, officer2), 'COUNTER_TAKEN');
      expectError(await counter('c2', 'sign-in'), 'OFFICER_ELSEWHERE');
      expectError(await counter('c9', 'sign-in'), 'UNKNOWN_COUNTER');
      expectError(await counter('c9', 'open', undefined, supervisor), 'UNKNOWN_COUNTER');
      expectError(
        await counter('c1', 'open', undefined, { headers: rig.admin.headers }),
        'INVALID_TRANSITION',
      );
      expectError(await post(supervisor, '/api/offices/no-such-office/counters/c1/open'), 'FORBIDDEN');
      expectError(await post(rig.admin, '/api/offices/no-such-office/counters/c1/open'), 'OFFICE_NOT_FOUND');
    });

    it('calls only tickets the counter may serve, and only of today', async () => {
      await openC1();
      const cert = await issue({ serviceId: 'cert' });
      // c1 serves civ only; a ticket reserved for c4 cannot be called at c1.
      ok(await counter('c4', 'sign-in', undefined, officer2));
      ok(await counter('c4', 'open', undefined, officer2));
      ok(await counter('c4', 'call-next', undefined, officer2));
      const moved = ok(await counter('c4', 'transfer', { counterId: 'c4' }, officer2)).ticket as Body;
      expectError(await counter('c1', 'call', { ticketId: moved.id }), 'NOT_ELIGIBLE');
      const old = await issue();
      rig.clock.set('2026-12-01T09:00');
      expectError(await counter('c1', 'call', { ticketId: old.id }), 'TICKET_EXPIRED');
      expect(cert.id).toBeDefined();
    });

    it('lets an officer operate only the counter they are signed in at; supervisors any counter', async () => {
      await openC1();
      await issue();
      expectError(await counter('c2', 'open'), 'FORBIDDEN');
      expectError(await counter('c1', 'call-next', undefined, officer2), 'FORBIDDEN');
      expectError(await counter('c1', 'call-next', undefined, otherOfficer), 'FORBIDDEN');
      expectError(await counter('c1', 'call-next', undefined, kiosk), 'FORBIDDEN');
      expectError(await counter('c1', 'call-next', undefined, display), 'FORBIDDEN');
      expectError(await counter('c1', 'call-next', undefined, anonymous), 'UNAUTHENTICATED');
      expect(ticketOf(await counter('c1', 'call-next', undefined, supervisor))).toMatchObject({
        number: '1001',
        officerId: officer.userId,
      });
      ok(await counter('c2', 'open', undefined, rig.admin));
      ok(await counter('c1', 'complete', undefined, supervisor));
      ok(await counter('c1', 'sign-out', undefined, supervisor));
      expectError(await counter('c1', 'open'), 'FORBIDDEN');
    });
  });

  describe('cancel and requeue', () => {
    it('cancels a waiting ticket once, and requeues a no-show to the front or its original place', async () => {
      const a = await issue();
      const b = await issue();
      const c = await issue();
      let res = ok(await post(officer, at(`/tickets/${String(a.id)}/cancel`), { requestId: 'cx-1' }));
      expect(res).toMatchObject({ event: { type: 'cancelled' }, ticket: { id: a.id, status: 'cancelled' } });
      expectError(await post(officer, at(`/tickets/${String(a.id)}/cancel`)), 'INVALID_TRANSITION');
      expectError(await post(officer, at(`/tickets/${String(b.id)}/requeue`)), 'INVALID_TRANSITION');
      await openC1();
      ticketOf(await counter('c1', 'call-next'));
      ok(await counter('c1', 'no-show'));
      res = ok(await post(supervisor, at(`/tickets/${String(b.id)}/requeue`)));
      expect(res).toMatchObject({ event: { type: 'requeued' }, ticket: { id: b.id, status: 'waiting' } });
      expect(ok(await get(anonymous, `/api/tickets/${String(b.id)}`)).ahead).toBe(0);
      ticketOf(await counter('c1', 'call-next'));
      ok(await counter('c1', 'no-show'));
      ok(await post(officer, at(`/tickets/${String(b.id)}/requeue`), { position: 'front' }));
      expect(ticketOf(await counter('c1', 'call-next')).id).toBe(b.id);
      expect(c.id).toBeDefined();
      expectError(await post(officer, at('/tickets/AAAAAAAAAAAAAAAAAAAAAA/cancel')), 'TICKET_NOT_FOUND');
      expectError(
        await post(officer, at(`/tickets/${String(c.id)}/requeue`), { position: 'back' }),
        'INVALID_INPUT',
      );
      expectError(await post(kiosk, at(`/tickets/${String(c.id)}/cancel`)), 'FORBIDDEN');
    });
  });

  describe('counter queue (officer console)', () => {
    const queue = (counterId: string, caller: Caller = officer, query = '') =>
      get(caller, at(`/counters/${counterId}/queue${query}`));

    it('shows the waiting list in calling order with priority marks and waiting times; call-next then calls exactly that order', async () => {
      const tickets: Body[] = [];
      for (const payload of [
        { serviceId: 'civ' },
        { serviceId: 'cert' },
        { serviceId: 'civ', priority: true, priorityReason: 'Người cao tuổi' },
        { serviceId: 'civ' },
        { serviceId: 'cert', priority: true },
        { serviceId: 'civ' },
      ]) {
        tickets.push(await issue(payload));
        rig.clock.advance(60_000);
      }
      const [n1, n2, p1, n3, p2, n4] = tickets as [Body, Body, Body, Body, Body, Body];
      // c4 calls the cert priority ticket and hands it to c2 only, keeping its place by issue time.
      ok(await counter('c4', 'sign-in', undefined, officer2));
      ok(await counter('c4', 'open', undefined, officer2));
      expect(ticketOf(await counter('c4', 'call-next', undefined, officer2)).id).toBe(p2.id);
      const moved = ok(await counter('c4', 'transfer', { counterId: 'c2', position: 'issueTime' }, officer2))
        .ticket as Body;
      // c1 calls the civ priority ticket, who does not show up and is put back at their place.
      await openC1();
      expect(ticketOf(await counter('c1', 'call-next')).id).toBe(p1.id);
      ok(await counter('c1', 'no-show'));
      ok(await post(officer, at(`/tickets/${String(p1.id)}/requeue`), { position: 'original' }));
      rig.clock.advance(5 * 60_000);

      // The officer at c1 looks at c2's queue: c2 has a priority call due, then two normal ones.
      const shown = ok(await queue('c2'));
      expect(shown.counterId).toBe('c2');
      expect(shown.total).toBe(6);
      const list = shown.tickets as Body[];
      expect(list.map((t) => t.number)).toEqual(['1002', '1001', '2001', '2002', '1003', '1004']);
      expect(list[0]).toEqual({
        id: p1.id,
        number: '1002',
        serviceId: 'civ',
        priority: true,
        priorityReason: 'Người cao tuổi',
        issuedAt: p1.issuedAt,
        waitingMs: rig.clock.now - (p1.issuedAt as number),
        requeued: true,
      });
      expect(list[1]).toEqual({
        id: n1.id,
        number: '1001',
        serviceId: 'civ',
        priority: false,
        issuedAt: n1.issuedAt,
        waitingMs: 11 * 60_000,
      });
      expect(list[3]).toEqual({
        id: moved.id,
        number: '2002',
        serviceId: 'cert',
        priority: true,
        issuedAt: p2.issuedAt,
        waitingMs: rig.clock.now - (p2.issuedAt as number),
        targetCounterId: 'c2',
      });
      expect(list.map((t) => t.id)).toEqual([p1.id, n1.id, n2.id, moved.id, n3.id, n4.id]);
      // c1 serves civ only, and its last call was a priority one: two normal tickets come first.
      expect((ok(await queue('c1')).tickets as Body[]).map((t) => t.number)).toEqual([
        '1001',
        '1003',
        '1002',
        '1004',
      ]);
      // Fewer on request; the total still counts everyone waiting in c2's lists.
      expect(ok(await queue('c2', supervisor, '?limit=2'))).toEqual({
        counterId: 'c2',
        tickets: list.slice(0, 2),
        total: 6,
      });
      expect(ok(await queue('c2', rig.admin))).toEqual(shown);

      // c2 calls them one by one: exactly the order shown.
      ok(await counter('c2', 'open', undefined, supervisor));
      const called: unknown[] = [];
      for (let i = 0; i < list.length; i++) {
        called.push(ticketOf(await counter('c2', 'call-next', undefined, supervisor)).id);
        ok(await counter('c2', 'complete', undefined, supervisor));
      }
      expect(called).toEqual(list.map((t) => t.id));
      expect(ok(await queue('c2'))).toEqual({ counterId: 'c2', tickets: [], total: 0 });
    });

    it('shows only today’s tickets, and refuses devices, outsiders, unknown counters and bad limits', async () => {
      await issue();
      expect(ok(await queue('c3'))).toMatchObject({ total: 1 });
      expect(ok(await queue('c4'))).toEqual({ counterId: 'c4', tickets: [], total: 0 });
      rig.clock.set('2026-12-01T09:00');
      expect(ok(await queue('c3'))).toEqual({ counterId: 'c3', tickets: [], total: 0 });
      expectError(await queue('c1', kiosk), 'FORBIDDEN');
      expectError(await queue('c1', display), 'FORBIDDEN');
      expectError(await queue('c1', otherOfficer), 'FORBIDDEN');
      expectError(await queue('c1', anonymous), 'UNAUTHENTICATED');
      expectError(await queue('c9'), 'UNKNOWN_COUNTER');
      expectError(await get(rig.admin, '/api/offices/no-such-office/counters/c1/queue'), 'OFFICE_NOT_FOUND');
      expectError(await get(supervisor, '/api/offices/no-such-office/counters/c1/queue'), 'FORBIDDEN');
      for (const [query, field] of [
        ['?limit=0', 'limit'],
        ['?limit=201', 'limit'],
        ['?limit=ten', 'limit'],
        ['?since=5', 'since'],
      ]) {
        const details = expectError(await queue('c1', officer, query), 'INVALID_INPUT');
        expect(details.fields, query).toEqual([`querystring.${field}`]);
      }
      expect((ok(await queue('c1', officer, '?limit=200')).tickets as Body[]).length).toBe(0);
    });
  });

  describe('office administration', () => {
    const definition = (id: string): Body => ({
      id,
      name: 'Phường Mới',
      sessions: { mon: [{ open: '08:00', close: '12:00', cutoff: '11:30' }] },
      services: [{ id: 'civ', name: { vi: 'Hộ tịch' } }],
      counters: [{ id: 'q1', number: 1, services: ['civ'] }],
    });

    it('creates an office with defaults filled in, then refuses to create it again', async () => {
      const id = uniqueOfficeId('new');
      const res = await post(rig.admin, '/api/admin/offices', definition(id));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        id,
        timeZone: 'Asia/Ho_Chi_Minh',
        holidays: [],
        policy: { kind: 'oldest', priorityEvery: 2 },
        services: [
          {
            id: 'civ',
            name: { vi: 'Hộ tịch', en: 'Hộ tịch' },
            numbering: { prefix: '', start: 1, width: 3 },
          },
        ],
        counters: [{ id: 'q1', number: 1, name: 'Quầy 1', services: [{ serviceId: 'civ' }] }],
      });
      expect(ok(await get(anonymous, `/api/offices/${id}`))).toMatchObject({ id, name: 'Phường Mới' });
      expectError(await post(rig.admin, '/api/admin/offices', definition(id)), 'OFFICE_EXISTS');
    });

    it('answers every problem of a definition with its path', async () => {
      const bad = definition(uniqueOfficeId('bad'));
      bad.counters = [{ id: 'q1', number: 1, services: ['nope'] }];
      bad.sessions = { mon: [{ open: '12:00', close: '08:00' }], funday: [] };
      const details = expectError(await post(rig.admin, '/api/admin/offices', bad), 'INVALID_CONFIG');
      expect(details.problems).toEqual(
        expect.arrayContaining([
          'counters[0].services[0]: unknown service "nope"',
          'sessions.mon[0]: closes before it opens',
          expect.stringMatching(/^sessions\.funday/),
        ]),
      );
      const shape = expectError(
        await post(rig.admin, '/api/admin/offices', { id: 'x1', name: 'X', services: 'civ', counters: [] }),
        'INVALID_INPUT',
      );
      expect(shape.fields).toContain('body.services');
      const noId = { ...definition('x'), id: undefined };
      expect(expectError(await post(rig.admin, '/api/admin/offices', noId), 'INVALID_INPUT').fields).toEqual([
        'body.id',
      ]);
    });

    it('replaces a definition; the change shows at once', async () => {
      const put = (url: string, payload: Body, caller: Caller = rig.admin) =>
        rig.call(caller, { method: 'PUT', url, payload });
      const url = `/api/admin/offices/${office.id}`;
      const body: Body = { ...definition(office.id), name: 'Phường Đổi Tên' };
      delete body.id;
      const res = await put(url, body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: office.id, name: 'Phường Đổi Tên' });
      expect(ok(await get(anonymous, at()))).toMatchObject({
        name: 'Phường Đổi Tên',
        counters: [{ id: 'q1' }],
      });
      expect(expectError(await put(url, definition('other-id')), 'INVALID_INPUT').fields).toEqual([
        'body.id',
      ]);
      expectError(
        await put('/api/admin/offices/no-such-office', definition('no-such-office')),
        'OFFICE_NOT_FOUND',
      );
      const invalid = { ...definition(office.id), counters: [{ id: 'q1', number: 0, services: ['civ'] }] };
      expectError(await put(url, invalid), 'INVALID_CONFIG');
      expectError(await put(url, definition(office.id), supervisor), 'FORBIDDEN');
      expectError(await post(supervisor, '/api/admin/offices', definition(uniqueOfficeId())), 'FORBIDDEN');
    });
  });

  describe('errors, limits and security', () => {
    it('answers unknown routes, malformed URLs, bad JSON, wrong media types and big bodies in the envelope', async () => {
      expect(expectError(await get(anonymous, '/api/nothing-here?x=1'), 'NOT_FOUND').problems).toEqual([
        'GET /api/nothing-here: no such route',
      ]);
      expectError(await rig.call(anonymous, { method: 'DELETE', url: '/api/offices' }), 'NOT_FOUND');
      expectError(await get(anonymous, '/api/offices/%zz'), 'INVALID_INPUT');
      const json = { 'content-type': 'application/json' };
      expectError(
        await rig.call(kiosk, {
          method: 'POST',
          url: at('/tickets'),
          headers: json,
          payload: '{"serviceId":',
        }),
        'INVALID_INPUT',
      );
      expectError(
        await rig.call(kiosk, { method: 'POST', url: at('/tickets'), headers: json, payload: '' }),
        'INVALID_INPUT',
      );
      expectError(
        await rig.call(kiosk, {
          method: 'POST',
          url: at('/tickets'),
          headers: json,
          payload: '{"__proto__":{"x":1},"serviceId":"civ"}',
        }),
        'INVALID_INPUT',
      );
      expectError(
        await rig.call(kiosk, {
          method: 'POST',
          url: at('/tickets'),
          headers: { 'content-type': 'application/xml' },
          payload: '<a/>',
        }),
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expectError(
        await post(kiosk, at('/tickets'), { serviceId: 'civ', priorityReason: 'x'.repeat(70_000) }),
        'PAYLOAD_TOO_LARGE',
      );
      const big = { ...testOffice({ id: uniqueOfficeId() }), name: 'x'.repeat(70_000) };
      expectError(await post(rig.admin, '/api/admin/offices', big), 'PAYLOAD_TOO_LARGE');
    });

    it('never answers 500 to any input (fuzzed)', async () => {
      await openC1();
      const t = await issue();
      const text = fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(
          '',
          '.',
          '..',
          '%',
          '%zz',
          'c1',
          'civ',
          office.id,
          String(t.id),
          'AAAAAAAAAAAAAAAAAAAAAA',
          '__proto__',
          'constructor',
        ),
        fc.string({ unit: 'binary', maxLength: 10 }),
      );
      const segment = text.map((v) => (v.startsWith('%') ? v : encodeURIComponent(v)));
      const routes: ((a: string, b: string) => [string, string])[] = [
        () => ['GET', '/api/offices'],
        (a) => ['GET', `/api/offices/${a}`],
        (a) => ['GET', `/api/offices/${a}/snapshot`],
        (a) => ['POST', `/api/offices/${a}/tickets`],
        (a) => ['GET', `/api/tickets/${a}`],
        (a, b) => ['POST', `/api/offices/${a}/tickets/${b}/cancel`],
        (a, b) => ['POST', `/api/offices/${a}/tickets/${b}/requeue`],
        () => ['POST', '/api/admin/offices'],
        (a) => ['PUT', `/api/admin/offices/${a}`],
        ...[
          'sign-in',
          'sign-out',
          'open',
          'pause',
          'close',
          'call-next',
          'call',
          'recall',
          'start',
          'complete',
          'no-show',
          'transfer',
        ].map((action) => (a: string, b: string): [string, string] => [
          'POST',
          `/api/offices/${a}/counters/${b}/${action}`,
        ]),
      ];
      const value = fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        text,
        fc.constantFrom(
          'civ',
          'cert',
          'c1',
          'c2',
          String(t.id),
          'front',
          'back',
          'issueTime',
          'original',
          true,
          1e308,
          -1,
        ),
      );
      const keys = fc.constantFrom(
        'serviceId',
        'priority',
        'priorityReason',
        'requestId',
        'ticketId',
        'counterId',
        'position',
        'reason',
        'outcome',
        'id',
        'name',
        'services',
        'counters',
        'sessions',
        'policy',
        'holidays',
        'timeZone',
        '__proto__',
      );
      const body = fc.oneof(
        fc.dictionary(keys, value, { maxKeys: 6 }),
        fc.jsonValue({ maxDepth: 4 }),
        fc.constant(undefined),
      );
      const callers = [anonymous, kiosk, display, officer, supervisor, rig.admin];
      await fc.assert(
        fc.asyncProperty(
          fc.nat(routes.length - 1),
          fc.oneof(segment, fc.constant(office.id)),
          fc.oneof(segment, fc.constantFrom('c1', 'c2', String(t.id))),
          body,
          fc.nat(callers.length - 1),
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-8',
            'text/plain',
            'application/x-www-form-urlencoded',
          ),
          async (r, a, b, payload, who, contentType) => {
            const [method, url] = routes[r]!(a, b);
            const res = await rig.call(callers[who]!, {
              method: method as 'GET',
              url,
              ...(payload === undefined || method === 'GET'
                ? {}
                : {
                    payload: contentType.startsWith('application/json')
                      ? JSON.stringify(payload)
                      : typeof payload === 'string'
                        ? payload
                        : JSON.stringify(payload),
                    headers: { 'content-type': contentType },
                  }),
            });
            expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)} → ${res.body}`).toBeLessThan(
              500,
            );
            if (res.statusCode >= 400) {
              const err = (res.json() as { error: { code: string; message: string } }).error;
              expect(Object.keys(ErrorCodes)).toContain(err.code);
              expect(typeof err.message).toBe('string');
            }
          },
        ),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
      );
    });

    it('sends helmet headers and keeps CORS closed by default', async () => {
      const res = await rig.call(anonymous, {
        url: '/api/offices',
        headers: { origin: 'https://elsewhere.example' },
      });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-frame-options']).toBeDefined();
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await rig.call(anonymous, {
        method: 'OPTIONS',
        url: at('/tickets'),
        headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('refuses cookie-authenticated mutations from another origin (CSRF), not bearer-token ones', async () => {
      const login = await rig.call(anonymous, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: officer.userId, password: 'password-123' },
      });
      const setCookie = String(login.headers['set-cookie']);
      expect(setCookie).toMatch(/SameSite=(Lax|Strict)/i);
      expect(setCookie).toMatch(/HttpOnly/i);
      const cookie = setCookie.split(';')[0]!;
      const asCookie = (headers: Record<string, string>): Caller => ({ headers: { cookie, ...headers } });
      const host = 'luot.local:8080';
      const issueAs = (caller: Caller) =>
        rig.call(caller, {
          method: 'POST',
          url: at('/tickets'),
          headers: { host },
          payload: { serviceId: 'civ' },
        });
      expectError(await issueAs(asCookie({ origin: 'https://evil.example' })), 'CROSS_SITE_REQUEST');
      expectError(await issueAs(asCookie({ referer: 'https://evil.example/page' })), 'CROSS_SITE_REQUEST');
      expectError(await issueAs(asCookie({})), 'CROSS_SITE_REQUEST');
      expectError(await issueAs(asCookie({ origin: 'null' })), 'CROSS_SITE_REQUEST');
      expectError(await issueAs(asCookie({ origin: 'http://luot.local:9999' })), 'CROSS_SITE_REQUEST');
      expect((await issueAs(asCookie({ origin: `http://${host}` }))).statusCode).toBe(201);
      expect((await issueAs(asCookie({ referer: `https://${host}/officer/` }))).statusCode).toBe(201);
      // A bearer token cannot be attached by a cross-site page: no Origin check needed.
      expect(
        (await issueAs({ headers: { ...officer.headers, cookie, origin: 'https://evil.example' } }))
          .statusCode,
      ).toBe(201);
      // Reads are not mutations.
      expect(
        (await rig.call(asCookie({ origin: 'https://evil.example' }), { url: at('/snapshot') })).statusCode,
      ).toBe(200);
    });
  });

  describe('with CORS_ORIGINS and a failing store', () => {
    it('lets listed origins (and only them) call with credentials', async () => {
      const allowed = 'https://portal.example';
      const corsRig = await startApi(engine, [testOffice({ id: uniqueOfficeId('cors') })], {
        env: { CORS_ORIGINS: `${allowed}, https://other.example` },
      });
      try {
        const ask = (origin: string) =>
          corsRig.call(anonymous, {
            method: 'OPTIONS',
            url: '/api/offices',
            headers: { origin, 'access-control-request-method': 'POST' },
          });
        const yes = await ask(allowed);
        expect(yes.headers['access-control-allow-origin']).toBe(allowed);
        expect(yes.headers['access-control-allow-credentials']).toBe('true');
        expect((await ask('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await corsRig.close();
      }
    });

    it('answers 503 STORE_UNAVAILABLE in the envelope when the store is gone', async () => {
      const office = testOffice({ id: uniqueOfficeId('down') });
      const downRig = await startApi(engine, [office]);
      const kiosk = await downRig.device('kiosk', office.id);
      await downRig.store.close();
      try {
        expectError(
          await downRig.call(kiosk, {
            method: 'POST',
            url: `/api/offices/${office.id}/tickets`,
            payload: { serviceId: 'civ' },
          }),
          'STORE_UNAVAILABLE',
        );
      } finally {
        await downRig.close().catch(() => undefined);
      }
    });
  });
});
