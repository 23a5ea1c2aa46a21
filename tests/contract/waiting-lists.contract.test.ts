/**
 * The officer console's read: `waitingLists` (the first tickets of some waiting lists, in list
 * order) and, on top of it, `callOrder` (shared/domain/call-order.ts). Same file for both engines;
 * differences are bugs. The property that matters most: the order shown is the order callNext then
 * calls — checked here against each engine's real callNext, not against pickNext.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callOrder } from '../../shared/domain/call-order.js';
import { counterOf } from '../../shared/domain/commands.js';
import { candidateLists } from '../../shared/domain/policy.js';
import type {
  CallingPolicy,
  Command,
  OfficeConfig,
  OfficeEvent,
  Position,
  Ticket,
} from '../../shared/domain/types.js';
import { MAX_WAITING_PER_LIST, type TicketStore } from '../../server/store/types.js';
import { TestClock } from '../helpers/clock.js';
import { engines, type EngineHandle } from '../helpers/engines.js';
import { expectQueueError } from '../helpers/expect-error.js';
import { testOffice } from '../helpers/office.js';

const MIN = 60_000;
const COUNTERS = ['c1', 'c2', 'c3', 'c4'];

describe.each(engines)('$name engine: waiting lists and call order', (engine) => {
  let handle: EngineHandle;
  let store: TicketStore;
  let clock: TestClock;
  let office: OfficeConfig;

  const run = (cmd: Command): Promise<OfficeEvent> => store.execute(office.id, cmd);
  const issue = async (serviceId: string, priority = false, channel: 'kiosk' | 'officer' = 'kiosk') =>
    (await run({ type: 'issue', serviceId, channel, priority })).ticket as Ticket;
  const numbers = (tickets: readonly Ticket[] | undefined) => (tickets ?? []).map((t) => t.number);
  const setUp = async (config: OfficeConfig): Promise<void> => {
    office = config;
    await store.putOffice(office);
  };

  /** What the console shows for a counter: its lists read with `limit` each, then callOrder. */
  const shownOrder = async (counterId: string, limit = 50): Promise<Ticket[]> => {
    const lists = candidateLists(counterOf(office, counterId), office.policy).map((l) => l.listId);
    const waiting = await store.waitingLists(office.id, lists, limit);
    const state = await store.getState(office.id);
    const counter = state.counters.find((c) => c.id === counterId)!;
    return callOrder(office, counterId, counter, waiting.lists, limit);
  };

  beforeEach(async (ctx) => {
    if (!engine.available) ctx.skip();
    clock = new TestClock('2026-11-30T09:00'); // a Monday
    handle = await engine.create({ clock: clock.fn });
    store = handle.store;
    await setUp(testOffice());
  });

  afterEach(async () => {
    await handle?.dispose();
  });

  describe('waitingLists', () => {
    it('lists each list in list order (sort key, then arrival), with every list’s size', async () => {
      const a = await issue('civ');
      const b = await issue('civ'); // same instant as a: arrival decides
      clock.advance(MIN);
      const p = await issue('civ', true);
      const c = await issue('cert');
      await run({ type: 'openCounter', counterId: 'c1' });
      await run({ type: 'callNext', counterId: 'c1' }); // the priority ticket is due first
      await run({ type: 'noShow', counterId: 'c1' });
      clock.advance(MIN);
      const d = await issue('civ');
      await run({ type: 'requeue', ticketId: p.id, position: 'front' });
      const front = await run({
        type: 'transfer',
        ticketId: d.id,
        to: { serviceId: 'civ' },
        position: 'front',
      });

      const got = await store.waitingLists(office.id, ['s:civ:n', 's:civ:p', 's:cert:n', 's:land:n'], 10);
      expect(Object.keys(got.lists).sort()).toEqual(['s:cert:n', 's:civ:n', 's:civ:p', 's:land:n']);
      expect(got.lists['s:civ:n']!.map((t) => t.id)).toEqual([front.ticket!.id, a.id, b.id]);
      expect(got.lists['s:civ:p']!.map((t) => t.id)).toEqual([p.id]);
      expect(got.lists['s:cert:n']!.map((t) => t.id)).toEqual([c.id]);
      expect(got.lists['s:land:n']).toEqual([]);
      expect(got.sizes).toEqual({ 's:civ:n': 3, 's:civ:p': 1, 's:cert:n': 1, 's:land:n': 0 });
      // Whole tickets, exactly as getTicket reads them.
      for (const t of Object.values(got.lists).flat())
        expect(t).toEqual(await store.getTicket(office.id, t.id));
      expect(got.lists['s:civ:p']![0]).toMatchObject({
        status: 'waiting',
        priority: true,
        calledAt: expect.any(Number),
      });
    });

    it('returns at most limitPerList tickets per list, capped, with the full sizes', async () => {
      for (let i = 0; i < 7; i++) await issue('civ');
      await issue('cert');
      const three = await store.waitingLists(office.id, ['s:civ:n', 's:cert:n'], 3);
      expect(numbers(three.lists['s:civ:n'])).toEqual(['1001', '1002', '1003']);
      expect(numbers(three.lists['s:cert:n'])).toEqual(['2001']);
      expect(three.sizes).toEqual({ 's:civ:n': 7, 's:cert:n': 1 });
      for (const limit of [0, -5, Number.NaN]) {
        const none = await store.waitingLists(office.id, ['s:civ:n'], limit);
        expect(none).toEqual({ lists: { 's:civ:n': [] }, sizes: { 's:civ:n': 7 } });
      }
      expect(numbers((await store.waitingLists(office.id, ['s:civ:n'], 2.9)).lists['s:civ:n'])).toEqual([
        '1001',
        '1002',
      ]);
      expect(await store.waitingLists(office.id, [], 5)).toEqual({ lists: {}, sizes: {} });
    });

    it(`never returns more than ${MAX_WAITING_PER_LIST} tickets of a list`, async () => {
      const config = testOffice();
      config.services[0]!.numbering = { prefix: '1', start: 1, width: 4 };
      await setUp(config);
      for (let i = 0; i < MAX_WAITING_PER_LIST + 3; i++) await issue('civ', false, 'officer');
      const got = await store.waitingLists(office.id, ['s:civ:n'], 1_000_000);
      expect(got.lists['s:civ:n']).toHaveLength(MAX_WAITING_PER_LIST);
      expect(got.lists['s:civ:n']!.at(-1)!.number).toBe(`1${String(MAX_WAITING_PER_LIST).padStart(4, '0')}`);
      expect(got.sizes['s:civ:n']).toBe(MAX_WAITING_PER_LIST + 3);
    });

    it('reads only today’s lists (the office’s business date by the store’s clock)', async () => {
      await issue('civ');
      await issue('civ', true);
      clock.set('2026-11-30T23:59');
      expect((await store.waitingLists(office.id, ['s:civ:n'], 10)).sizes['s:civ:n']).toBe(1);
      clock.set('2026-12-01T00:01'); // past local midnight, still 30 Nov in UTC
      expect(await store.waitingLists(office.id, ['s:civ:n', 's:civ:p'], 10)).toEqual({
        lists: { 's:civ:n': [], 's:civ:p': [] },
        sizes: { 's:civ:n': 0, 's:civ:p': 0 },
      });
      clock.set('2026-12-01T08:00');
      const today = await issue('civ');
      expect((await store.waitingLists(office.id, ['s:civ:n'], 10)).lists['s:civ:n']).toEqual([today]);
    });

    it('puts a ticket transferred to a counter in that counter’s list only', async () => {
      const a = await issue('civ');
      const p = await issue('cert', true);
      const moved = await run({
        type: 'transfer',
        ticketId: a.id,
        to: { counterId: 'c2' },
        position: 'back',
      });
      const movedP = await run({
        type: 'transfer',
        ticketId: p.id,
        to: { counterId: 'c2' },
        position: 'back',
      });
      const got = await store.waitingLists(
        office.id,
        ['s:civ:n', 's:cert:p', 'c:c2:n', 'c:c2:p', 'c:c1:n'],
        10,
      );
      expect(got.lists['c:c2:n']).toEqual([moved.ticket]);
      expect(got.lists['c:c2:p']).toEqual([movedP.ticket]);
      expect(got.lists['c:c2:n']![0]).toMatchObject({ targetCounterId: 'c2', transferredFrom: a.id });
      expect(got.sizes).toEqual({ 's:civ:n': 0, 's:cert:p': 0, 'c:c2:n': 1, 'c:c2:p': 1, 'c:c1:n': 0 });
    });

    it('leaves out called, serving, no-show and cancelled tickets; a requeued one is back', async () => {
      await run({ type: 'openCounter', counterId: 'c1' });
      await run({ type: 'openCounter', counterId: 'c2' });
      const a = await issue('civ');
      await issue('civ');
      const c = await issue('civ');
      const d = await issue('civ');
      await run({ type: 'callNext', counterId: 'c1' }); // the first: called
      await run({ type: 'callNext', counterId: 'c2' }); // the second: called …
      await run({ type: 'startServing', counterId: 'c2' }); // … and served
      await run({ type: 'cancel', ticketId: c.id });
      const ids = async () =>
        (await store.waitingLists(office.id, ['s:civ:n'], 10)).lists['s:civ:n']!.map((t) => t.id);
      expect(await ids()).toEqual([d.id]);
      await run({ type: 'noShow', counterId: 'c1' });
      expect(await ids()).toEqual([d.id]);
      await run({ type: 'requeue', ticketId: a.id, position: 'original' });
      expect(await ids()).toEqual([a.id, d.id]);
    });

    it('hands out copies: changing them changes nothing in the store', async () => {
      const a = await issue('civ');
      const first = await store.waitingLists(office.id, ['s:civ:n'], 10);
      const copy = first.lists['s:civ:n']![0]!;
      copy.status = 'done';
      copy.number = '9999';
      copy.sortKey = -1;
      first.lists['s:civ:n']!.length = 0;
      const again = await store.waitingLists(office.id, ['s:civ:n'], 10);
      expect(again.lists['s:civ:n']).toEqual([a]);
      expect(await store.getTicket(office.id, a.id)).toEqual(a);
      await run({ type: 'openCounter', counterId: 'c1' });
      expect((await run({ type: 'callNext', counterId: 'c1' })).ticket?.id).toBe(a.id);
    });

    it('answers OFFICE_NOT_FOUND for an unknown office, and an empty list for a list nobody uses', async () => {
      await expectQueueError(store.waitingLists('no-such-office', ['s:civ:n'], 5), 'OFFICE_NOT_FOUND');
      await expectQueueError(store.waitingLists('Not A Slug!', ['s:civ:n'], 5), 'OFFICE_NOT_FOUND');
      expect(await store.waitingLists(office.id, ['s:nope:n'], 5)).toEqual({
        lists: { 's:nope:n': [] },
        sizes: { 's:nope:n': 0 },
      });
    });
  });

  describe('callOrder over waitingLists', () => {
    /** Calls everything the counter can call, completing each: the order callNext really takes. */
    async function drain(counterId: string): Promise<string[]> {
      const order: string[] = [];
      for (;;) {
        const e = await run({ type: 'callNext', counterId }).catch(() => undefined);
        if (!e) return order;
        order.push(e.ticket!.id);
        await run({ type: 'complete', counterId });
      }
    }

    it('shows the order the engine then calls, with the counter’s interleave state (oldest, 1 per 2)', async () => {
      await run({ type: 'openCounter', counterId: 'c2' });
      for (const s of ['civ', 'cert', 'civ!', 'civ', 'cert!', 'civ', 'civ']) {
        await issue(s.replace('!', ''), s.endsWith('!'));
        clock.advance(MIN);
      }
      expect(numbers(await shownOrder('c2'))).toEqual([
        '1002',
        '1001',
        '2001',
        '2002',
        '1003',
        '1004',
        '1005',
      ]);
      // After the priority call the counter owes two normal tickets before the next priority one.
      expect((await run({ type: 'callNext', counterId: 'c2' })).ticket?.number).toBe('1002');
      await run({ type: 'complete', counterId: 'c2' });
      const shown = await shownOrder('c2');
      expect(numbers(shown)).toEqual(['1001', '2001', '2002', '1003', '1004', '1005']);
      expect(await drain('c2')).toEqual(shown.map((t) => t.id));
    });

    it('stops at the limit, and is exact that far even when lists are read only that far', async () => {
      await run({ type: 'openCounter', counterId: 'c2' });
      for (let i = 0; i < 6; i++) {
        await issue(i % 2 ? 'cert' : 'civ', i % 3 === 0);
        clock.advance(MIN);
      }
      const all = await shownOrder('c2', 50);
      expect(all).toHaveLength(6);
      expect((await shownOrder('c2', 2)).map((t) => t.id)).toEqual(all.slice(0, 2).map((t) => t.id));
      expect(await shownOrder('c2', 0)).toEqual([]);
    });

    const policies: CallingPolicy[] = [
      { kind: 'oldest', priorityEvery: 2 },
      { kind: 'oldest', priorityEvery: 0 },
      { kind: 'strict' },
      { kind: 'ageing', alphaPerMinute: 1, priorityWeight: 15 },
    ];

    type Op =
      | { kind: 'issue'; serviceId: string; priority: boolean; minutes: number }
      | { kind: 'call'; counterId: string }
      | { kind: 'transfer'; counterId: string | undefined; serviceId: string; position: Position };

    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .record({
            serviceId: fc.constantFrom('civ', 'cert', 'land'),
            priority: fc.boolean(),
            minutes: fc.constantFrom(0, 0, 1, 3),
          })
          .map((r) => ({ kind: 'issue' as const, ...r })),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(...COUNTERS).map((counterId) => ({ kind: 'call' as const, counterId })),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({
            counterId: fc.option(fc.constantFrom(...COUNTERS), { nil: undefined }),
            serviceId: fc.constantFrom('civ', 'cert'),
            position: fc.constantFrom<Position>('front', 'back', 'issueTime'),
          })
          .map((r) => ({ kind: 'transfer' as const, ...r })),
      },
    );

    it('puts first exactly the ticket callNext calls next, for every counter, after any history', async () => {
      let drainedTickets = 0;
      let firstTickets = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...policies),
          fc.array(op, { minLength: 15, maxLength: 50, size: 'max' }),
          fc.constantFrom(...COUNTERS),
          async (policy, ops, drained) => {
            const config = testOffice({ policy });
            config.counters[1]!.services = [{ serviceId: 'civ' }, { serviceId: 'cert', weight: 20 }];
            await setUp(config);
            clock.set('2026-11-30T08:00');
            for (const c of COUNTERS) await run({ type: 'openCounter', counterId: c });
            for (const o of ops) {
              if (o.kind === 'issue') {
                clock.advance(o.minutes * MIN);
                await issue(o.serviceId, o.priority).catch((err: unknown) => {
                  if ((err as { code?: string }).code !== 'CAP_REACHED') throw err; // land: 5 a day
                });
              } else if (o.kind === 'call') {
                // Calls and completes, so the counter's interleave state moves; an empty queue is fine.
                const e = await run({ type: 'callNext', counterId: o.counterId }).catch(() => undefined);
                if (e) await run({ type: 'complete', counterId: o.counterId });
              } else {
                const waiting = await store.waitingLists(office.id, ['s:civ:n', 's:cert:p'], 1);
                const t = waiting.lists['s:civ:n']![0] ?? waiting.lists['s:cert:p']![0];
                if (!t) continue;
                const to = o.counterId ? { counterId: o.counterId } : { serviceId: o.serviceId };
                await run({ type: 'transfer', ticketId: t.id, to, position: o.position });
              }
            }
            for (const c of COUNTERS) {
              const first = (await shownOrder(c, 1))[0];
              const next = await run({ type: 'callNext', counterId: c }).catch(() => undefined);
              expect(next?.ticket?.id, `${policy.kind} ${c}`).toBe(first?.id);
              if (first) firstTickets++;
              // Idle again, so the order can be checked once more below.
              if (next) await run({ type: 'complete', counterId: c });
            }
            // And the whole order, for one counter: what it shows is what it then calls, one by one.
            const shown = await shownOrder(drained, 500);
            expect(await drain(drained)).toEqual(shown.map((t) => t.id));
            drainedTickets += shown.length;
          },
        ),
        { numRuns: 50 },
      );
      // The runs must have had queues to order, not only empty ones.
      expect(firstTickets).toBeGreaterThan(80);
      expect(drainedTickets).toBeGreaterThan(80);
    }, 120_000);
  });
});
