/**
 * The contract every TicketStore engine honours. The same file runs against the embedded engine
 * and against Redis; differences between them are bugs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Command, OfficeConfig, OfficeEvent, Ticket } from '../../shared/domain/types.js';
import type { TicketStore } from '../../server/store/types.js';
import { TestClock } from '../helpers/clock.js';
import { engines, type EngineHandle } from '../helpers/engines.js';
import { expectQueueError } from '../helpers/expect-error.js';
import { testOffice } from '../helpers/office.js';

const MIN = 60_000;

describe.each(engines)('$name engine', (engine) => {
  let handle: EngineHandle;
  let store: TicketStore;
  let clock: TestClock;
  let office: OfficeConfig;

  const run = (cmd: Command): Promise<OfficeEvent> => store.execute(office.id, cmd);
  const issue = async (
    serviceId: string,
    extra: Partial<Extract<Command, { type: 'issue' }>> = {},
  ): Promise<Ticket> =>
    (await run({ type: 'issue', serviceId, channel: 'kiosk', ...extra })).ticket as Ticket;
  const open = (...counterIds: string[]): Promise<OfficeEvent[]> =>
    Promise.all(counterIds.map((counterId) => run({ type: 'openCounter', counterId })));
  const callNext = async (counterId: string): Promise<Ticket> =>
    (await run({ type: 'callNext', counterId })).ticket as Ticket;
  const setUp = async (config: OfficeConfig = testOffice()): Promise<void> => {
    office = config;
    await store.putOffice(office);
  };

  beforeEach(async (ctx) => {
    if (!engine.available) ctx.skip();
    clock = new TestClock('2026-11-30T09:00'); // a Monday
    handle = await engine.create({ clock: clock.fn });
    store = handle.store;
    await setUp();
  });

  afterEach(async () => {
    await handle?.dispose();
  });

  describe('issuing', () => {
    it('numbers each service from its own prefix, start and width, in order', async () => {
      const a = await issue('civ');
      const b = await issue('civ');
      const c = await issue('cert');
      const d = await issue('land');
      expect([a.number, b.number, c.number, d.number]).toEqual(['1001', '1002', '2001', 'A001']);
      expect([a.seqNo, b.seqNo, c.seqNo]).toEqual([1, 2, 1]);
      expect(a).toMatchObject({
        status: 'waiting',
        businessDate: '2026-11-30',
        channel: 'kiosk',
        recalls: 0,
        priority: false,
      });
      expect(a.issuedAt).toBe(clock.now);
    });

    it('gives unguessable URL-safe ids of at least 128 bits', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 20; i++) ids.add((await issue('civ')).id);
      expect(ids.size).toBe(20);
      for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    });

    it('records priority with its reason, and only for priority tickets', async () => {
      const p = await issue('civ', { priority: true, priorityReason: '  Người cao tuổi ' });
      expect(p).toMatchObject({ priority: true, priorityReason: 'Người cao tuổi' });
      const n = await issue('civ', { priorityReason: 'ignored' });
      expect(n.priority).toBe(false);
      expect(n).not.toHaveProperty('priorityReason');
    });

    it('stores and returns the ticket by id, and nothing for another office', async () => {
      const t = await issue('cert');
      expect(await store.getTicket(office.id, t.id)).toEqual(t);
      expect(await store.getTicket('another-office', t.id)).toBeUndefined();
    });

    it('refuses unknown offices, services and malformed input with clear codes', async () => {
      await expectQueueError(
        store.execute('no-such-office', { type: 'issue', serviceId: 'civ', channel: 'kiosk' }),
        'OFFICE_NOT_FOUND',
      );
      await expectQueueError(run({ type: 'issue', serviceId: 'nope', channel: 'kiosk' }), 'UNKNOWN_SERVICE');
      const bad = await expectQueueError(
        run({ type: 'issue', serviceId: 'Civ Status!', channel: 'kiosk' }),
        'INVALID_INPUT',
      );
      expect(bad.details.problems?.[0]).toMatch(/serviceId/);
      await expectQueueError(
        run({ type: 'issue', serviceId: 'civ', channel: 'fax' as 'kiosk' }),
        'INVALID_INPUT',
      );
      await expectQueueError(
        run({
          type: 'issue',
          serviceId: 'civ',
          channel: 'kiosk',
          priority: true,
          priorityReason: 'x'.repeat(500),
        }),
        'INVALID_INPUT',
      );
      expect((await store.getState(office.id)).seq).toBe(0);
    });
  });

  describe('the prediction shown at issue', () => {
    const told = { minutes: 20, low: 15, high: 25, version: 'replay-1' };

    it('is kept on the ticket through call, recall, start, complete, no-show and requeue; none without', async () => {
      await open('c1', 'c2');
      const a = await issue('civ', { prediction: told });
      const b = await issue('civ', { prediction: { minutes: 60, notToday: true, version: 'replay-1' } });
      const c = await issue('civ');
      expect(a.prediction).toEqual(told);
      expect(b.prediction).toEqual({ minutes: 60, notToday: true, version: 'replay-1' });
      expect(c).not.toHaveProperty('prediction');
      // Round trip through the store: read back exactly, also with the events.
      expect(await store.getTicket(office.id, a.id)).toEqual(a);
      expect(await store.getTicket(office.id, c.id)).toEqual(c);

      clock.advance(7 * MIN);
      expect((await callNext('c1')).prediction).toEqual(told);
      expect((await run({ type: 'recall', counterId: 'c1' })).ticket?.prediction).toEqual(told);
      expect((await run({ type: 'startServing', counterId: 'c1' })).ticket?.prediction).toEqual(told);
      const done = (await run({ type: 'complete', counterId: 'c1', outcome: 'Xong' })).ticket!;
      expect(done).toMatchObject({ status: 'done', prediction: told });
      expect(await store.getTicket(office.id, a.id)).toEqual(done);

      expect((await callNext('c2')).id).toBe(b.id);
      const absent = (await run({ type: 'noShow', counterId: 'c2' })).ticket!;
      expect(absent.prediction).toEqual(b.prediction);
      const back = (await run({ type: 'requeue', ticketId: b.id, position: 'front' })).ticket!;
      expect(back.prediction).toEqual(b.prediction);

      const plain = await callNext('c1');
      expect(plain.id).toBe(b.id);
      expect((await callNext('c2')).id).toBe(c.id);
      const finished = (await run({ type: 'complete', counterId: 'c2' })).ticket!;
      expect(finished).not.toHaveProperty('prediction');

      const { events } = await store.eventsSince(office.id, 0);
      const issued = events.filter((e) => e.type === 'issued').map((e) => e.ticket?.prediction);
      expect(issued).toEqual([told, b.prediction, undefined]);
    });

    it('stays with the entry a transfer makes (the same paper ticket)', async () => {
      const a = await issue('civ', { prediction: told });
      const e = await run({ type: 'transfer', ticketId: a.id, to: { serviceId: 'cert' }, position: 'back' });
      expect(e.from?.prediction).toEqual(told);
      expect(e.ticket).toMatchObject({ transferredFrom: a.id, prediction: told });
      expect(await store.getTicket(office.id, e.ticket!.id)).toEqual(e.ticket);
    });

    it('refuses a malformed prediction, and stores a well-formed one in its own field order', async () => {
      const bad = [
        { minutes: 20, low: 25, high: 30, version: 'replay-1' },
        { minutes: 20, low: 15, version: 'replay-1' },
        { minutes: -5, version: 'replay-1' },
        { minutes: 1445, version: 'replay-1' },
        { minutes: 12.5, version: 'replay-1' },
        { minutes: 20, notToday: false, version: 'replay-1' },
        { minutes: 20, version: '' },
        { minutes: 20, version: 'x'.repeat(41) },
        { minutes: 20, version: 'replay-1', text: 'khoảng 20 phút' },
        'khoảng 20 phút',
      ];
      for (const prediction of bad) {
        const err = await expectQueueError(
          run({ type: 'issue', serviceId: 'civ', channel: 'kiosk', prediction } as Command),
          'INVALID_INPUT',
        );
        expect(err.details.problems?.join(' ')).toMatch(/prediction/);
      }
      expect((await store.getState(office.id)).seq).toBe(0);
      const t = await issue('civ', { prediction: { version: 'replay-1', high: 1440, low: 0, minutes: -0 } });
      expect(Object.keys(t.prediction!)).toEqual(['minutes', 'low', 'high', 'version']);
      expect(Object.is(t.prediction!.minutes, 0)).toBe(true);
      expect(await store.getTicket(office.id, t.id)).toEqual(t);
    });
  });

  describe('hours, cut-off, holidays and caps', () => {
    it('refuses before opening and tells when the office opens', async () => {
      clock.set('2026-11-30T07:00');
      const err = await expectQueueError(issue('civ'), 'OFFICE_CLOSED');
      expect(err.details.nextOpening).toBe(TestClock.vn('2026-11-30T07:30'));
    });

    it('refuses past the cut-off and during lunch, pointing at the afternoon session', async () => {
      clock.set('2026-11-30T11:05');
      const cut = await expectQueueError(issue('civ'), 'PAST_CUTOFF');
      expect(cut.details.nextOpening).toBe(TestClock.vn('2026-11-30T13:30'));
      clock.set('2026-11-30T12:00');
      await expectQueueError(issue('civ'), 'OFFICE_CLOSED');
      clock.set('2026-11-30T13:30');
      expect((await issue('civ')).number).toBe('1001');
      clock.set('2026-11-30T16:30');
      await expectQueueError(issue('civ'), 'PAST_CUTOFF');
    });

    it('is closed on Sunday and Saturday afternoon, open Saturday morning', async () => {
      clock.set('2026-12-05T14:00'); // Saturday afternoon
      const sat = await expectQueueError(issue('civ'), 'OFFICE_CLOSED');
      expect(sat.details.nextOpening).toBe(TestClock.vn('2026-12-07T07:30'));
      clock.set('2026-12-06T09:00'); // Sunday
      await expectQueueError(issue('civ'), 'OFFICE_CLOSED');
      clock.set('2026-12-05T08:00');
      expect((await issue('civ')).businessDate).toBe('2026-12-05');
    });

    it('is closed on a holiday and names the next working day', async () => {
      clock.set('2026-12-24T09:00');
      const err = await expectQueueError(issue('civ'), 'HOLIDAY');
      expect(err.details.nextOpening).toBe(TestClock.vn('2026-12-25T07:30'));
    });

    it('lets an officer issue for a walk-in outside ticket hours', async () => {
      clock.set('2026-11-30T17:30');
      const t = await issue('civ', { channel: 'officer' });
      expect(t.channel).toBe('officer');
    });

    it('stops at the daily cap and starts again the next day', async () => {
      for (let i = 0; i < 5; i++) await issue('land');
      await expectQueueError(issue('land'), 'CAP_REACHED');
      expect((await issue('civ')).number).toBe('1001');
      clock.set('2026-12-01T08:00');
      expect((await issue('land')).number).toBe('A001');
    });

    it('refuses when the number range is used up, unless the service wraps', async () => {
      const config = testOffice();
      config.services[0]!.numbering = { prefix: '1', start: 998, width: 3 };
      config.services[1]!.numbering = { prefix: '2', start: 1, width: 1, end: 2, wrap: true };
      await setUp(config);
      expect((await issue('civ')).number).toBe('1998');
      expect((await issue('civ')).number).toBe('1999');
      await expectQueueError(issue('civ'), 'NUMBERS_EXHAUSTED');
      const wrapped = [await issue('cert'), await issue('cert'), await issue('cert')];
      expect(wrapped.map((t) => t.number)).toEqual(['21', '22', '21']);
      expect(wrapped.map((t) => t.seqNo)).toEqual([1, 2, 3]);
    });
  });

  describe('business day', () => {
    it('restarts numbering at local midnight, not at UTC midnight', async () => {
      clock.set('2026-11-30T06:50'); // 23:50 UTC the day before
      expect((await issue('civ', { channel: 'officer' })).number).toBe('1001');
      clock.set('2026-11-30T07:10'); // 00:10 UTC: same local day
      expect((await issue('civ', { channel: 'officer' })).number).toBe('1002');
      clock.set('2026-11-30T23:59');
      expect((await issue('civ', { channel: 'officer' })).number).toBe('1003');
      clock.set('2026-12-01T00:01');
      const next = await issue('civ', { channel: 'officer' });
      expect(next).toMatchObject({ number: '1001', businessDate: '2026-12-01' });
    });

    it('does not carry yesterday’s waiting tickets into today', async () => {
      const old = await issue('civ');
      clock.set('2026-12-01T08:00');
      await open('c1');
      await expectQueueError(callNext('c1'), 'QUEUE_EMPTY');
      expect((await store.getState(office.id)).waiting.civ).toBe(0);
      await expectQueueError(run({ type: 'call', counterId: 'c1', ticketId: old.id }), 'TICKET_EXPIRED');
      await expectQueueError(
        run({ type: 'transfer', ticketId: old.id, to: { serviceId: 'cert' }, position: 'back' }),
        'TICKET_EXPIRED',
      );
    });
  });

  describe('calling', () => {
    it('calls the oldest eligible ticket and records counter, officer and time', async () => {
      await run({ type: 'signIn', counterId: 'c1', officerId: 'lan' });
      await open('c1');
      const a = await issue('civ');
      clock.advance(MIN);
      await issue('civ');
      clock.advance(MIN);
      const called = await callNext('c1');
      expect(called).toMatchObject({
        id: a.id,
        status: 'called',
        counterId: 'c1',
        officerId: 'lan',
        calledAt: clock.now,
      });
      const state = await store.getState(office.id);
      expect(state.counters.find((c) => c.id === 'c1')?.currentTicketId).toBe(a.id);
      expect(state.waiting.civ).toBe(1);
      expect(state.recentCalls[0]).toMatchObject({
        ticketId: a.id,
        number: '1001',
        counterId: 'c1',
        kind: 'called',
      });
    });

    it('refuses a closed or paused counter, a busy counter, and an empty queue', async () => {
      await issue('civ');
      await expectQueueError(callNext('c1'), 'COUNTER_NOT_OPEN');
      await open('c1');
      await run({ type: 'pauseCounter', counterId: 'c1', reason: 'Nghỉ trưa' });
      await expectQueueError(callNext('c1'), 'COUNTER_NOT_OPEN');
      await open('c1');
      await callNext('c1');
      await expectQueueError(callNext('c1'), 'COUNTER_BUSY');
      await open('c4');
      await expectQueueError(callNext('c4'), 'QUEUE_EMPTY');
      await expectQueueError(callNext('nope'), 'UNKNOWN_COUNTER');
    });

    it('only calls services the counter serves', async () => {
      await issue('land');
      await open('c1');
      await expectQueueError(callNext('c1'), 'QUEUE_EMPTY');
    });

    it('calls a chosen waiting ticket, even of another service', async () => {
      await open('c1');
      await issue('civ');
      const cert = await issue('cert');
      const called = await run({ type: 'call', counterId: 'c1', ticketId: cert.id });
      expect(called.ticket).toMatchObject({ id: cert.id, status: 'called', counterId: 'c1' });
      await open('c2');
      await expectQueueError(run({ type: 'call', counterId: 'c2', ticketId: cert.id }), 'INVALID_TRANSITION');
      await expectQueueError(
        run({ type: 'call', counterId: 'c2', ticketId: 'AAAAAAAAAAAAAAAAAAAAAA' }),
        'TICKET_NOT_FOUND',
      );
    });

    it('recalls, starts, completes with an outcome, and frees the counter', async () => {
      await open('c1');
      const t = await issue('civ');
      await callNext('c1');
      clock.advance(30_000);
      const r = await run({ type: 'recall', counterId: 'c1' });
      expect(r.ticket?.recalls).toBe(1);
      expect((await run({ type: 'recall', counterId: 'c1', ticketId: t.id })).ticket?.recalls).toBe(2);
      const recent = (await store.getState(office.id)).recentCalls;
      expect(recent.map((c) => c.kind)).toEqual(['recalled', 'recalled', 'called']);
      clock.advance(MIN);
      const s = await run({ type: 'startServing', counterId: 'c1' });
      expect(s.ticket).toMatchObject({ status: 'serving', servingAt: clock.now });
      await expectQueueError(run({ type: 'recall', counterId: 'c1' }), 'INVALID_TRANSITION');
      clock.advance(5 * MIN);
      const done = await run({ type: 'complete', counterId: 'c1', outcome: 'Đã tiếp nhận hồ sơ' });
      expect(done.ticket).toMatchObject({
        status: 'done',
        finishedAt: clock.now,
        outcome: 'Đã tiếp nhận hồ sơ',
      });
      expect(done.counter?.currentTicketId).toBeUndefined();
      await expectQueueError(run({ type: 'complete', counterId: 'c1' }), 'COUNTER_IDLE');
    });

    it('completes straight from called, and refuses to act on a ticket the counter no longer holds', async () => {
      await open('c1');
      const a = await issue('civ');
      const b = await issue('civ');
      await callNext('c1');
      await expectQueueError(
        run({ type: 'complete', counterId: 'c1', ticketId: b.id }),
        'TICKET_NOT_CURRENT',
      );
      expect((await run({ type: 'complete', counterId: 'c1', ticketId: a.id })).ticket?.status).toBe('done');
    });
  });

  describe('no-show and requeue', () => {
    it('marks a no-show and requeues it at the front or at its original place', async () => {
      await open('c1');
      const a = await issue('civ');
      clock.advance(MIN);
      const b = await issue('civ');
      clock.advance(MIN);
      const c = await issue('civ');
      await callNext('c1');
      const ns = await run({ type: 'noShow', counterId: 'c1' });
      expect(ns.ticket).toMatchObject({ id: a.id, status: 'no_show' });
      expect(ns.counter?.currentTicketId).toBeUndefined();
      await expectQueueError(run({ type: 'noShow', counterId: 'c1' }), 'COUNTER_IDLE');

      const back = await run({ type: 'requeue', ticketId: a.id, position: 'original' });
      expect(back.ticket).toMatchObject({ status: 'waiting' });
      expect(back.ticket).not.toHaveProperty('counterId');
      expect((await callNext('c1')).id).toBe(a.id); // its original place is the head again
      await run({ type: 'noShow', counterId: 'c1' });
      await expectQueueError(
        run({ type: 'requeue', ticketId: b.id, position: 'front' }),
        'INVALID_TRANSITION',
      );

      // Front: ahead of b and c although issued first anyway; check with a later no-show instead.
      expect((await callNext('c1')).id).toBe(b.id);
      await run({ type: 'noShow', counterId: 'c1' });
      await run({ type: 'requeue', ticketId: b.id, position: 'front' });
      expect((await callNext('c1')).id).toBe(b.id);
      await run({ type: 'complete', counterId: 'c1' });
      expect((await callNext('c1')).id).toBe(c.id);
    });
  });

  describe('transfer and cancel', () => {
    it('transfers to another service, keeping the number and original issue time', async () => {
      await open('c1', 'c4');
      const a = await issue('civ');
      clock.advance(MIN);
      const cert = await issue('cert');
      clock.advance(MIN);
      await callNext('c1');
      await run({ type: 'startServing', counterId: 'c1' });
      const e = await run({
        type: 'transfer',
        ticketId: a.id,
        to: { serviceId: 'cert' },
        position: 'issueTime',
      });
      expect(e.type).toBe('transferred');
      expect(e.from).toMatchObject({
        id: a.id,
        status: 'transferred',
        finishedAt: clock.now,
        transferredTo: e.ticket?.id,
      });
      expect(e.ticket).toMatchObject({
        serviceId: 'cert',
        number: '1001',
        status: 'waiting',
        issuedAt: a.issuedAt,
        transferredFrom: a.id,
        recalls: 0,
      });
      expect(e.ticket?.id).not.toBe(a.id);
      expect(e.counter).toMatchObject({ id: 'c1' });
      expect(e.counter?.currentTicketId).toBeUndefined();
      // By original issue time it is ahead of the cert ticket issued after it.
      expect((await callNext('c4')).id).toBe(e.ticket?.id);
      await run({ type: 'complete', counterId: 'c4' });
      expect((await callNext('c4')).id).toBe(cert.id);
    });

    it('puts a transfer at the back or the front of the target queue', async () => {
      await open('c4');
      const a = await issue('civ');
      const x = await issue('cert');
      const y = await issue('cert');
      const back = await run({
        type: 'transfer',
        ticketId: a.id,
        to: { serviceId: 'cert' },
        position: 'back',
      });
      expect((await callNext('c4')).id).toBe(x.id);
      await run({ type: 'complete', counterId: 'c4' });
      const front = await run({
        type: 'transfer',
        ticketId: back.ticket!.id,
        to: { serviceId: 'cert' },
        position: 'front',
      });
      expect((await callNext('c4')).id).toBe(front.ticket?.id);
      await run({ type: 'complete', counterId: 'c4' });
      expect((await callNext('c4')).id).toBe(y.id);
    });

    it('reserves a ticket transferred to one counter for that counter only', async () => {
      await open('c1', 'c2');
      const a = await issue('civ');
      const e = await run({ type: 'transfer', ticketId: a.id, to: { counterId: 'c2' }, position: 'back' });
      expect(e.ticket).toMatchObject({ targetCounterId: 'c2', serviceId: 'civ' });
      await expectQueueError(callNext('c1'), 'QUEUE_EMPTY');
      await expectQueueError(run({ type: 'call', counterId: 'c1', ticketId: e.ticket!.id }), 'NOT_ELIGIBLE');
      expect((await store.getState(office.id)).waiting.civ).toBe(1);
      expect((await callNext('c2')).id).toBe(e.ticket?.id);
    });

    it('refuses to transfer a finished ticket or to an unknown target', async () => {
      await open('c1');
      const a = await issue('civ');
      await expectQueueError(
        run({ type: 'transfer', ticketId: a.id, to: { serviceId: 'nope' }, position: 'back' }),
        'UNKNOWN_SERVICE',
      );
      await expectQueueError(
        run({ type: 'transfer', ticketId: a.id, to: { counterId: 'nope' }, position: 'back' }),
        'UNKNOWN_COUNTER',
      );
      await callNext('c1');
      await run({ type: 'complete', counterId: 'c1' });
      await expectQueueError(
        run({ type: 'transfer', ticketId: a.id, to: { serviceId: 'cert' }, position: 'back' }),
        'INVALID_TRANSITION',
      );
    });

    it('cancels waiting tickets and no-shows, not called ones', async () => {
      await open('c1');
      const a = await issue('civ');
      const b = await issue('civ');
      const e = await run({ type: 'cancel', ticketId: b.id });
      expect(e.ticket).toMatchObject({ status: 'cancelled', finishedAt: clock.now });
      expect((await store.getState(office.id)).waiting.civ).toBe(1);
      await callNext('c1');
      await expectQueueError(run({ type: 'cancel', ticketId: a.id }), 'INVALID_TRANSITION');
      await run({ type: 'noShow', counterId: 'c1' });
      expect((await run({ type: 'cancel', ticketId: a.id })).ticket?.status).toBe('cancelled');
      await expectQueueError(run({ type: 'cancel', ticketId: a.id }), 'INVALID_TRANSITION');
    });
  });

  describe('counters and officers', () => {
    it('opens, pauses with a reason, and closes', async () => {
      const o = await run({ type: 'openCounter', counterId: 'c1' });
      expect(o).toMatchObject({
        type: 'counter-updated',
        counter: { id: 'c1', status: 'open', since: clock.now },
      });
      await expectQueueError(run({ type: 'openCounter', counterId: 'c1' }), 'INVALID_TRANSITION');
      clock.advance(MIN);
      const p = await run({ type: 'pauseCounter', counterId: 'c1', reason: 'Họp' });
      expect(p.counter).toMatchObject({ status: 'paused', pauseReason: 'Họp', since: clock.now });
      await expectQueueError(
        run({ type: 'pauseCounter', counterId: 'c1', reason: 'Họp' }),
        'INVALID_TRANSITION',
      );
      expect(
        (await run({ type: 'pauseCounter', counterId: 'c1', reason: 'Nghỉ trưa' })).counter?.pauseReason,
      ).toBe('Nghỉ trưa');
      await expectQueueError(run({ type: 'pauseCounter', counterId: 'c1', reason: '   ' }), 'INVALID_INPUT');
      const c = await run({ type: 'closeCounter', counterId: 'c1' });
      expect(c.counter).toMatchObject({ status: 'closed' });
      expect(c.counter).not.toHaveProperty('pauseReason');
      await expectQueueError(run({ type: 'closeCounter', counterId: 'c1' }), 'INVALID_TRANSITION');
      await expectQueueError(
        run({ type: 'pauseCounter', counterId: 'c1', reason: 'Họp' }),
        'COUNTER_NOT_OPEN',
      );
    });

    it('will not pause or close a counter that holds a citizen', async () => {
      await open('c1');
      await issue('civ');
      await callNext('c1');
      await expectQueueError(run({ type: 'pauseCounter', counterId: 'c1', reason: 'Họp' }), 'COUNTER_BUSY');
      await expectQueueError(run({ type: 'closeCounter', counterId: 'c1' }), 'COUNTER_BUSY');
    });

    it('keeps one officer per counter and one counter per officer', async () => {
      const s = await run({ type: 'signIn', counterId: 'c1', officerId: 'lan' });
      expect(s.counter).toMatchObject({ officerId: 'lan' });
      await expectQueueError(
        run({ type: 'signIn', counterId: 'c1', officerId: 'lan' }),
        'INVALID_TRANSITION',
      );
      await expectQueueError(run({ type: 'signIn', counterId: 'c1', officerId: 'minh' }), 'COUNTER_TAKEN');
      await expectQueueError(run({ type: 'signIn', counterId: 'c2', officerId: 'lan' }), 'OFFICER_ELSEWHERE');
      await open('c1');
      const out = await run({ type: 'signOut', counterId: 'c1' });
      expect(out.counter).toMatchObject({ status: 'closed' });
      expect(out.counter).not.toHaveProperty('officerId');
      expect((await run({ type: 'signIn', counterId: 'c2', officerId: 'lan' })).counter?.officerId).toBe(
        'lan',
      );
      await expectQueueError(run({ type: 'signOut', counterId: 'c1' }), 'INVALID_TRANSITION');
    });

    it('will not sign out an officer whose counter holds a citizen', async () => {
      await run({ type: 'signIn', counterId: 'c1', officerId: 'lan' });
      await open('c1');
      await issue('civ');
      await callNext('c1');
      await expectQueueError(run({ type: 'signOut', counterId: 'c1' }), 'COUNTER_BUSY');
    });

    it('starts new counters closed when the configuration grows', async () => {
      const grown = {
        ...office,
        counters: [
          ...office.counters,
          { id: 'c9', number: 9, name: 'Quầy 9', services: [{ serviceId: 'civ' }] },
        ],
      };
      await store.putOffice(grown);
      const c9 = (await store.getState(office.id)).counters.find((c) => c.id === 'c9');
      expect(c9).toMatchObject({ status: 'closed' });
      expect((await store.getOffice(office.id))?.counters).toHaveLength(5);
      expect(await store.listOffices()).toContain(office.id);
    });

    it('creates an office only once, even when two creates race', async () => {
      const fresh = testOffice();
      const results = await Promise.allSettled([
        store.putOffice(fresh, { create: true }),
        store.putOffice({ ...fresh, name: 'Phường Khác' }, { create: true }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'OFFICE_EXISTS' });
      await expectQueueError(store.putOffice(office, { create: true }), 'OFFICE_EXISTS');
      // Replacing (no create flag) still works.
      await store.putOffice({ ...fresh, name: 'Phường Mới' });
      expect((await store.getOffice(fresh.id))?.name).toBe('Phường Mới');
    });

    it('rejects an invalid configuration with every problem and its path', async () => {
      const bad = testOffice({ timeZone: 'Mars/Olympus' });
      bad.services[0]!.numbering.width = 9;
      const err = await expectQueueError(store.putOffice(bad), 'INVALID_CONFIG');
      expect(err.details.problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^timeZone:/),
          expect.stringMatching(/^services\[0\]\.numbering\.width:/),
        ]),
      );
      expect(await store.getOffice(bad.id)).toBeUndefined();
    });
  });

  describe('calling policies on hand-made queues', () => {
    async function drain(counterId: string): Promise<string[]> {
      const order: string[] = [];
      for (;;) {
        const t = await callNext(counterId).catch(() => undefined);
        if (!t) return order;
        order.push(t.number);
        await run({ type: 'complete', counterId });
      }
    }

    async function queue(spec: string[]): Promise<void> {
      // "civ", "civ!" (priority), "cert" … one minute apart, in this order
      for (const s of spec) {
        await issue(s.replace('!', ''), { priority: s.endsWith('!') });
        clock.advance(MIN);
      }
    }

    it('oldest first with one priority ticket per two normal ones (the default)', async () => {
      await open('c2');
      await queue(['civ', 'cert', 'civ!', 'civ', 'cert!', 'civ', 'civ']);
      // 1001 2001 1002! 1003 2002! 1004 1005: a priority is due at the first call, then two normals.
      expect(await drain('c2')).toEqual(['1002', '1001', '2001', '2002', '1003', '1004', '1005']);
    });

    it('oldest first with priority always first when priorityEvery is 0', async () => {
      await setUp(testOffice({ policy: { kind: 'oldest', priorityEvery: 0 } }));
      await open('c2');
      await queue(['civ', 'cert', 'civ!', 'civ', 'cert!', 'civ']);
      expect(await drain('c2')).toEqual(['1002', '2002', '1001', '2001', '1003', '1004']);
    });

    it('strict: priority first, then the counter’s preferred service, then oldest', async () => {
      await setUp(testOffice({ policy: { kind: 'strict' } }));
      await open('c2');
      await queue(['cert', 'civ', 'cert!', 'civ', 'civ!']);
      expect(await drain('c2')).toEqual(['1003', '2002', '1001', '1002', '2001']);
    });

    it('ageing: a priority head start and a counter’s service weight, both in minutes of waiting', async () => {
      const config = testOffice({ policy: { kind: 'ageing', alphaPerMinute: 1, priorityWeight: 3 } });
      config.counters[1]!.services = [{ serviceId: 'civ' }, { serviceId: 'cert', weight: 10 }];
      await setUp(config);
      await open('c2');
      // t=0 civ 1001, t=1 civ 1002, t=2 civ! 1003 (key t−3 = −1), t=3..12 civ 1004…, cert at t=13 (effective 3)
      await queue([
        'civ',
        'civ',
        'civ!',
        'civ',
        'civ',
        'civ',
        'civ',
        'civ',
        'civ',
        'civ',
        'civ',
        'civ',
        'civ',
        'cert',
      ]);
      const order = await drain('c2');
      expect(order.slice(0, 5)).toEqual(['1003', '1001', '1002', '1004', '2001']);
      expect(order).toHaveLength(14);
    });

    it('puts tickets transferred to a counter in competition with its services by sort key', async () => {
      await open('c1', 'c2');
      const a = await issue('cert');
      clock.advance(MIN);
      await issue('civ');
      await run({ type: 'transfer', ticketId: a.id, to: { counterId: 'c1' }, position: 'issueTime' });
      expect((await callNext('c1')).number).toBe('2001');
    });
  });

  describe('events', () => {
    it('emits exactly one event per change, with consecutive seqs from 1', async () => {
      await open('c1');
      const a = await issue('civ');
      await callNext('c1');
      await run({ type: 'recall', counterId: 'c1' });
      await run({ type: 'startServing', counterId: 'c1' });
      await run({ type: 'complete', counterId: 'c1' });
      await expectQueueError(callNext('c1'), 'QUEUE_EMPTY');
      const page = await store.eventsSince(office.id, 0);
      expect(page.events.map((e) => e.type)).toEqual([
        'counter-updated',
        'issued',
        'called',
        'recalled',
        'serving',
        'completed',
      ]);
      expect(page.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(page.seq).toBe(6);
      for (const e of page.events) expect(e).toMatchObject({ officeId: office.id, at: clock.now });
      expect(page.events[1]?.ticket).toEqual(a);
      expect((await store.eventsSince(office.id, 4)).events.map((e) => e.seq)).toEqual([5, 6]);
      expect((await store.eventsSince(office.id, 6)).events).toEqual([]);
      expect((await store.eventsSince(office.id, 0, 2)).events.map((e) => e.seq)).toEqual([1, 2]);
    });

    it('says when the events asked for are no longer kept', async () => {
      await handle.dispose();
      handle = await engine.create({ clock: clock.fn, maxEvents: 10 });
      store = handle.store;
      await setUp(testOffice());
      for (let i = 0; i < 400; i++) await issue('civ', { channel: 'officer' });
      await expectQueueError(store.eventsSince(office.id, 0), 'EVENTS_TRIMMED');
      expect((await store.eventsSince(office.id, 395)).events.map((e) => e.seq)).toEqual([
        396, 397, 398, 399, 400,
      ]);
    });
  });

  describe('idempotency', () => {
    it('answers a repeated requestId with the first result and changes nothing', async () => {
      const first = await run({ type: 'issue', serviceId: 'civ', channel: 'kiosk', requestId: 'tap-1' });
      const again = await run({ type: 'issue', serviceId: 'civ', channel: 'kiosk', requestId: 'tap-1' });
      expect(again).toEqual(first);
      expect((await store.getState(office.id)).seq).toBe(1);
      expect((await issue('civ')).number).toBe('1002');
    });

    it('still answers the first result after the cut-off has passed', async () => {
      const first = await run({ type: 'issue', serviceId: 'civ', channel: 'kiosk', requestId: 'late-retry' });
      clock.set('2026-11-30T11:10');
      expect(
        await run({ type: 'issue', serviceId: 'civ', channel: 'kiosk', requestId: 'late-retry' }),
      ).toEqual(first);
    });

    it('does not call twice for a repeated call-next', async () => {
      await open('c1');
      await issue('civ');
      await issue('civ');
      const first = await run({ type: 'callNext', counterId: 'c1', requestId: 'space-1' });
      const again = await run({ type: 'callNext', counterId: 'c1', requestId: 'space-1' });
      expect(again).toEqual(first);
      expect((await store.getState(office.id)).waiting.civ).toBe(1);
    });

    it('does not remember failures: a retry after the cause is gone succeeds', async () => {
      await open('c1');
      await expectQueueError(run({ type: 'callNext', counterId: 'c1', requestId: 'r-empty' }), 'QUEUE_EMPTY');
      await issue('civ');
      expect((await run({ type: 'callNext', counterId: 'c1', requestId: 'r-empty' })).type).toBe('called');
    });
  });

  describe('state', () => {
    it('reports counters, waiting per service and recent calls at one seq', async () => {
      await open('c1', 'c4');
      await issue('civ');
      await issue('civ');
      await issue('cert');
      await callNext('c4');
      await run({ type: 'pauseCounter', counterId: 'c1', reason: 'Họp' });
      const s = await store.getState(office.id);
      expect(s).toMatchObject({
        officeId: office.id,
        seq: 7,
        businessDate: '2026-11-30',
        waiting: { civ: 2, cert: 0, land: 0 },
      });
      expect(s.counters.map((c) => [c.id, c.status])).toEqual([
        ['c1', 'paused'],
        ['c2', 'closed'],
        ['c3', 'closed'],
        ['c4', 'open'],
      ]);
      expect(s.recentCalls).toHaveLength(1);
    });
  });
});
