/**
 * The office board (GET …/board) on both engines: counters with officers, tickets and today's
 * figures; waiting per service with the longest wait; today's no-shows; the alerts of the office's
 * thresholds. And the supervisor's room actions: move an officer, transfer a waiting ticket.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OfficeConfig } from '../../shared/domain/types.js';
import type { OfficeBoard } from '../../shared/protocol/board.js';
import { startApi, type ApiRig, type Caller } from '../helpers/api.js';
import { engines } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

const MIN = 60_000;

describe.each(engines)('office board on the $name engine', (engine) => {
  let rig: ApiRig;
  let office: OfficeConfig;
  beforeAll(async () => {
    rig = await startApi(engine, []);
  });
  afterAll(() => rig.close());
  // A fresh office (and morning) per test; one server for all.
  beforeEach(async () => {
    rig.clock.set('2026-11-30T08:00');
    office = testOffice({ alerts: { waitMinutes: 20, idleMinutes: 4, serviceFactor: 2 } });
    await rig.store.putOffice(office);
  });

  const post = async (caller: Caller, path: string, payload: object = {}) => {
    const res = await rig.call(caller, { method: 'POST', url: `/api/offices/${office.id}${path}`, payload });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of several shapes, checked field by field
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };
  const board = async (caller: Caller): Promise<OfficeBoard> => {
    const res = await rig.call(caller, { method: 'GET', url: `/api/offices/${office.id}/board` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as OfficeBoard;
  };
  const counter = (b: OfficeBoard, id: string) => b.counters.find((c) => c.id === id)!;
  const service = (b: OfficeBoard, id: string) => b.services.find((s) => s.serviceId === id)!;

  async function openAt(counterId: string) {
    const officer = await rig.user('officer', [office.id]);
    expect((await post(officer, `/counters/${counterId}/sign-in`)).status).toBe(200);
    expect((await post(officer, `/counters/${counterId}/open`)).status).toBe(200);
    return officer;
  }

  it('shows counters, today’s figures, waiting, no-shows and alerts as the day goes', async () => {
    const lan = await openAt('c1');
    const minh = await openAt('c2');
    const kiosk = await rig.device('kiosk', office.id);
    const issuedAt = rig.clock.now;
    const civ = [];
    for (let i = 0; i < 3; i++) civ.push((await post(kiosk, '/tickets', { serviceId: 'civ' })).body);
    rig.clock.advance(2 * MIN);

    // c1: call, serve for 6 minutes, complete.
    const first = await post(lan, '/counters/c1/call-next');
    expect(first.body.ticket.number).toBe(civ[0]!.number);
    rig.clock.advance(MIN);
    await post(lan, '/counters/c1/start');
    rig.clock.advance(6 * MIN);
    expect((await post(lan, '/counters/c1/complete')).status).toBe(200);
    const freedAt = rig.clock.now;

    // c2: call and mark no-show.
    const second = await post(minh, '/counters/c2/call-next');
    expect(second.body.ticket.number).toBe(civ[1]!.number);
    rig.clock.advance(MIN);
    await post(minh, '/counters/c2/no-show');

    let b = await board(lan);
    expect(b.thresholds).toEqual({ waitMinutes: 20, idleMinutes: 4, serviceFactor: 2 });
    expect(counter(b, 'c1')).toMatchObject({
      status: 'open',
      officer: { id: lan.userId },
      ticket: null,
      idleSince: freedAt,
      today: { served: 1, serviceMs: 6 * MIN, noShows: 0 },
    });
    expect(counter(b, 'c2').today).toEqual({ served: 0, serviceMs: 0, noShows: 1 });
    expect(counter(b, 'c3')).toMatchObject({ status: 'closed', officer: null, ticket: null });
    expect(service(b, 'civ')).toEqual({ serviceId: 'civ', waiting: 1, oldestIssuedAt: issuedAt });
    expect(service(b, 'cert')).toEqual({ serviceId: 'cert', waiting: 0, oldestIssuedAt: null });
    expect(b.noShows.map((n) => n.number)).toEqual([civ[1]!.number]);
    expect(b.noShows[0]).toMatchObject({ counterId: 'c2', serviceId: 'civ' });
    expect(b.noShowTotal).toBe(1);
    // c1 has been free for 1 minute only; the remaining ticket has waited 10 minutes.
    expect(b.alerts).toEqual([]);

    // 11 minutes later: the civ ticket beyond 20 min; c1 and c2 idle beyond 4 min while civ waits.
    rig.clock.advance(11 * MIN);
    b = await board(lan);
    expect(b.alerts.map((a) => `${a.kind}:${a.serviceId ?? a.counterId}`)).toEqual([
      'long-wait:civ',
      'idle-counter:c1',
      'idle-counter:c2',
    ]);
    expect(b.alerts[0]).toMatchObject({ since: issuedAt, limitMinutes: 20 });

    // A requeued no-show is no longer one, at its counter or in the list.
    const requeued = await post(minh, `/tickets/${civ[1]!.id}/requeue`, { requestId: 'rq-1' });
    expect(requeued.status).toBe(200);
    b = await board(minh);
    expect(counter(b, 'c2').today.noShows).toBe(0);
    expect(b.noShows).toEqual([]);
    expect(service(b, 'civ').waiting).toBe(2);

    // A long service: c2 calls and holds the ticket beyond 2 × 8 minutes.
    await post(minh, '/counters/c2/call-next');
    rig.clock.advance(17 * MIN);
    b = await board(minh);
    expect(b.alerts.find((a) => a.kind === 'long-service')).toMatchObject({
      counterId: 'c2',
      serviceId: 'civ',
      limitMinutes: 16,
    });
    expect(counter(b, 'c2').ticket).toMatchObject({ status: 'called', serviceId: 'civ' });
    expect(counter(b, 'c2').idleSince).toBeUndefined();
  });

  it('lets a supervisor move an officer and transfer a waiting ticket; not an officer', async () => {
    const lan = await openAt('c1');
    const minh = await openAt('c2');
    const boss = await rig.user('supervisor', [office.id]);
    const kiosk = await rig.device('kiosk', office.id);
    const ticket = (await post(kiosk, '/tickets', { serviceId: 'civ' })).body;

    expect((await post(lan, `/officers/${minh.userId}/move`, { counterId: 'c3' })).status).toBe(403);
    const taken = await post(boss, `/officers/${lan.userId}/move`, { counterId: 'c2' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'COUNTER_TAKEN', details: { officerId: minh.userId } });
    expect((await post(boss, `/officers/nobody-here/move`, { counterId: 'c3' })).body.error.code).toBe(
      'USER_NOT_FOUND',
    );

    const moved = await post(boss, `/officers/${lan.userId}/move`, { counterId: 'c3', requestId: 'mv-1' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.counter).toMatchObject({ id: 'c3', officerId: lan.userId });
    // The same request again changes nothing more.
    expect(
      (await post(boss, `/officers/${lan.userId}/move`, { counterId: 'c3', requestId: 'mv-1' })).status,
    ).toBe(200);
    let b = await board(boss);
    expect(counter(b, 'c1')).toMatchObject({ officer: null, status: 'closed' });
    expect(counter(b, 'c3').officer?.id).toBe(lan.userId);

    // An officer holding a ticket cannot be moved away from it.
    await post(minh, '/counters/c2/call-next');
    expect((await post(boss, `/officers/${minh.userId}/move`, { counterId: 'c4' })).body.error.code).toBe(
      'COUNTER_BUSY',
    );

    // A waiting ticket moved by the supervisor to counter c4 only.
    const other = (await post(kiosk, '/tickets', { serviceId: 'civ' })).body;
    expect((await post(lan, `/tickets/${other.id}/transfer`, { counterId: 'c4' })).status).toBe(403);
    const bad = await post(boss, `/tickets/${other.id}/transfer`, { serviceId: 'cert', counterId: 'c4' });
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    const sent = await post(boss, `/tickets/${other.id}/transfer`, { counterId: 'c4', requestId: 'tr-1' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.ticket).toMatchObject({
      number: other.number,
      targetCounterId: 'c4',
      status: 'waiting',
    });
    expect(sent.body.from).toMatchObject({ id: other.id, status: 'transferred' });
    const queue = await rig.call(boss, { method: 'GET', url: `/api/offices/${office.id}/counters/c4/queue` });
    expect(queue.json().tickets.map((t: { number: string }) => t.number)).toEqual([other.number]);
    b = await board(boss);
    expect(service(b, 'civ')).toMatchObject({ waiting: 1 });
    expect(counter(b, 'c2').ticket?.number).toBe(ticket.number);
  });

  it('is for staff of the office only', async () => {
    const kiosk = await rig.device('kiosk', office.id);
    const get = (caller: Caller) =>
      rig.call(caller, { method: 'GET', url: `/api/offices/${office.id}/board` });
    expect((await get({ headers: {} })).statusCode).toBe(401);
    expect((await get(kiosk)).statusCode).toBe(403);
    const elsewhere = testOffice();
    await rig.store.putOffice(elsewhere);
    expect((await get(await rig.user('supervisor', [elsewhere.id]))).statusCode).toBe(403);
    const unknown = await rig.call(rig.admin, { method: 'GET', url: '/api/offices/no-such-office/board' });
    expect(unknown.json().error.code).toBe('OFFICE_NOT_FOUND');
  });
});
