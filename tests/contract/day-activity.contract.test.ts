/**
 * `dayActivity`: today's figures of an office per counter (served, service time, no-shows) and its
 * no-show tickets. Same file for both engines; the figures are defined by ticket state, so each
 * hand-made sequence below has exact answers, which must also survive a restart (memory: snapshot
 * + journal in the same data dir; Redis: a new store on the same namespace).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemoryStore } from '../../server/store/memory/memory-store.js';
import {
  MAX_NO_SHOWS,
  type CounterDay,
  type DayActivity,
  type TicketStore,
} from '../../server/store/types.js';
import type { Command, OfficeConfig, OfficeEvent, Ticket } from '../../shared/domain/types.js';
import { TestClock } from '../helpers/clock.js';
import { engines, reopenableStore, type EngineHandle } from '../helpers/engines.js';
import { expectQueueError } from '../helpers/expect-error.js';
import { testOffice } from '../helpers/office.js';

const SEC = 1000;
const MIN = 60_000;
const COUNTERS = ['c1', 'c2', 'c3', 'c4'];
const ZERO: CounterDay = { served: 0, serviceMs: 0, noShows: 0 };

/** Every configured counter's figures: zeros except those given. */
function figures(
  given: Record<string, Partial<CounterDay>> = {},
  ids = COUNTERS,
): Record<string, CounterDay> {
  return Object.fromEntries(ids.map((id) => [id, { ...ZERO, ...given[id] }]));
}

/** The figures without `lastEndedAt`. */
function withoutEnds(day: DayActivity): DayActivity {
  const counters = Object.fromEntries(
    Object.entries(day.counters).map(([id, { lastEndedAt: _, ...rest }]) => [id, rest]),
  );
  return { ...day, counters };
}

/** Ids in the answer's tie order (ascending by their characters; ids are ASCII). */
const byId = (a: Ticket, b: Ticket): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe.each(engines)('$name engine: day activity', (engine) => {
  let handle: EngineHandle;
  let store: TicketStore;
  let clock: TestClock;
  let office: OfficeConfig;

  const run = (cmd: Command): Promise<OfficeEvent> => store.execute(office.id, cmd);
  const issue = async (serviceId = 'civ'): Promise<Ticket> =>
    (await run({ type: 'issue', serviceId, channel: 'officer' })).ticket as Ticket;
  const open = async (...counterIds: string[]): Promise<void> => {
    for (const counterId of counterIds) await run({ type: 'openCounter', counterId });
  };
  const call = async (counterId: string, t: Ticket): Promise<Ticket> =>
    (await run({ type: 'call', counterId, ticketId: t.id })).ticket as Ticket;
  const noShow = async (counterId: string): Promise<Ticket> =>
    (await run({ type: 'noShow', counterId })).ticket as Ticket;
  const complete = async (counterId: string): Promise<Ticket> =>
    (await run({ type: 'complete', counterId })).ticket as Ticket;
  /** The answer as it is. */
  const fullActivity = (): Promise<DayActivity> => store.dayActivity(office.id);
  /** The answer without `lastEndedAt`, which has a test of its own. */
  const activity = async (): Promise<DayActivity> => withoutEnds(await fullActivity());

  beforeEach(async (ctx) => {
    if (!engine.available) ctx.skip();
    clock = new TestClock('2026-11-30T09:00'); // a Monday
    handle = await engine.create({ clock: clock.fn });
    store = handle.store;
    office = testOffice();
    await store.putOffice(office);
  });

  afterEach(async () => {
    await handle?.dispose();
  });

  it('answers zeros for every configured counter of a quiet office', async () => {
    await open('c1', 'c2');
    await issue();
    expect(await activity()).toEqual({
      businessDate: '2026-11-30',
      counters: figures(),
      noShows: [],
      noShowTotal: 0,
    });
  });

  it('counts served tickets and their service time per counter, from start-serving or else the call', async () => {
    await open('c1', 'c2', 'c3');
    const [a, b, c, d] = [await issue(), await issue(), await issue('cert'), await issue()];
    await call('c1', a!); // 09:00
    await call('c2', c!); // 09:00
    clock.advance(2 * MIN);
    await run({ type: 'startServing', counterId: 'c1' }); // 09:02
    clock.advance(3 * MIN);
    await run({ type: 'startServing', counterId: 'c2' }); // 09:05
    clock.advance(5 * MIN);
    await complete('c1'); // 09:10: 8 min from start-serving
    await call('c1', b!); // 09:10
    await run({ type: 'recall', counterId: 'c1' });
    clock.advance(3 * MIN + 500);
    await run({ type: 'complete', counterId: 'c1', outcome: 'Xong' }); // 3 min 0.5 s from the call
    clock.advance(7 * MIN);
    await complete('c2'); // 09:20:00.5: 15 min 0.5 s from start-serving
    await call('c3', d!); // held, not finished: counts nothing yet
    await run({ type: 'startServing', counterId: 'c3' });

    expect(await activity()).toEqual({
      businessDate: '2026-11-30',
      counters: figures({
        c1: { served: 2, serviceMs: 8 * MIN + 3 * MIN + 500 },
        c2: { served: 1, serviceMs: 15 * MIN + 500 },
      }),
      noShows: [],
      noShowTotal: 0,
    });
  });

  it('counts a no-show at its counter until it is requeued, and a requeued one where it is then served', async () => {
    await open('c1', 'c2', 'c3');
    const t = await issue();
    await call('c1', t);
    clock.advance(MIN);
    const missed = await noShow('c1');
    expect(missed).toMatchObject({ status: 'no_show', counterId: 'c1' });
    let day = await activity();
    expect(day.counters).toEqual(figures({ c1: { noShows: 1 } }));
    expect(day.noShows).toEqual([missed]);
    expect(day.noShowTotal).toBe(1);
    // Copies: changing the answer changes nothing in the store.
    day.noShows[0]!.status = 'done';
    expect((await activity()).noShows[0]!.status).toBe('no_show');

    // Requeue clears the counter: the no-show is uncounted at c1, the counter it named.
    clock.advance(MIN);
    const requeued = (await run({ type: 'requeue', ticketId: t.id, position: 'front' })).ticket!;
    expect(requeued).not.toHaveProperty('counterId');
    expect(await activity()).toMatchObject({ counters: figures(), noShows: [], noShowTotal: 0 });

    // Missed again, at c2 this time: counted at c2 only.
    await call('c2', t);
    clock.advance(MIN);
    const again = await noShow('c2');
    day = await activity();
    expect(day.counters).toEqual(figures({ c2: { noShows: 1 } }));
    expect(day.noShows).toEqual([again]);

    // Requeued and served at c3: served there, a no-show nowhere.
    await run({ type: 'requeue', ticketId: t.id, position: 'original' });
    await call('c3', t);
    clock.advance(4 * MIN);
    await complete('c3');
    expect(await activity()).toEqual({
      businessDate: '2026-11-30',
      counters: figures({ c3: { served: 1, serviceMs: 4 * MIN } }),
      noShows: [],
      noShowTotal: 0,
    });
  });

  it('stops counting a cancelled no-show; cancelling a waiting ticket counts nothing', async () => {
    await open('c1', 'c2');
    const [a, b, w] = [await issue(), await issue(), await issue()];
    await call('c1', a!);
    const missedA = await noShow('c1');
    clock.advance(MIN);
    await call('c2', b!);
    const missedB = await noShow('c2');
    let day = await activity();
    expect(day.counters).toEqual(figures({ c1: { noShows: 1 }, c2: { noShows: 1 } }));
    expect(day.noShows).toEqual([missedB, missedA]);
    expect(day.noShowTotal).toBe(2);

    await run({ type: 'cancel', ticketId: a!.id });
    await run({ type: 'cancel', ticketId: w!.id });
    day = await activity();
    expect(day.counters).toEqual(figures({ c2: { noShows: 1 } }));
    expect(day.noShows).toEqual([missedB]);
    expect(day.noShowTotal).toBe(1);
  });

  it('counts nothing for a transfer; the new ticket counts where it is served', async () => {
    await open('c1', 'c2', 'c4');
    const [a, b] = [await issue(), await issue()];
    await call('c1', a!);
    await run({ type: 'startServing', counterId: 'c1' });
    clock.advance(5 * MIN);
    const moved = (
      await run({ type: 'transfer', ticketId: a!.id, to: { serviceId: 'cert' }, position: 'front' })
    ).ticket!;
    await run({ type: 'transfer', ticketId: b!.id, to: { counterId: 'c2' }, position: 'back' });
    expect(await activity()).toEqual({
      businessDate: '2026-11-30',
      counters: figures(),
      noShows: [],
      noShowTotal: 0,
    });
    clock.advance(MIN);
    await call('c4', moved);
    clock.advance(2 * MIN);
    await complete('c4');
    // Service time of the new ticket only: the transfer cleared the old call and start times.
    expect((await activity()).counters).toEqual(figures({ c4: { served: 1, serviceMs: 2 * MIN } }));
  });

  it('shows today only: yesterday’s figures stay on yesterday, also for a ticket finished after midnight', async () => {
    await open('c1', 'c2', 'c3');
    const [a, b, c] = [await issue(), await issue(), await issue()];
    await call('c1', a!);
    clock.advance(MIN);
    await complete('c1');
    await call('c2', b!);
    const missed = await noShow('c2');
    clock.set('2026-11-30T23:50');
    await call('c3', c!); // still held at midnight
    const yesterday = await activity();
    expect(yesterday).toEqual({
      businessDate: '2026-11-30',
      counters: figures({ c1: { served: 1, serviceMs: MIN }, c2: { noShows: 1 } }),
      noShows: [missed],
      noShowTotal: 1,
    });

    clock.set('2026-12-01T00:01'); // past local midnight, still 30 Nov in UTC
    const quiet = { businessDate: '2026-12-01', counters: figures(), noShows: [], noShowTotal: 0 };
    expect(await activity()).toEqual(quiet);

    // Yesterday's ticket finished today counts on its own day, 30 Nov; cancelling yesterday's
    // no-show takes it off 30 Nov. Today stays quiet.
    clock.set('2026-12-01T08:00');
    await complete('c3');
    await run({ type: 'cancel', ticketId: b!.id });
    await issue();
    expect(await activity()).toEqual({ ...quiet });
    clock.set('2026-11-30T23:59'); // read 30 Nov again
    expect(await activity()).toEqual({
      businessDate: '2026-11-30',
      counters: figures({
        c1: { served: 1, serviceMs: MIN },
        c3: { served: 1, serviceMs: 8 * 60 * MIN + 10 * MIN },
      }),
      noShows: [],
      noShowTotal: 0,
    });
  });

  it(`lists no-shows most recent first (then by id), at most ${MAX_NO_SHOWS}, with the full total`, async () => {
    await open('c1', 'c2', 'c3');
    const older: Ticket[] = [];
    for (let i = 0; i < MAX_NO_SHOWS - 2; i++) {
      await call('c1', await issue());
      older.push(await noShow('c1'));
      clock.advance(SEC);
    }
    // Three no-shows at one instant: ordered by id.
    const tied: Ticket[] = [];
    for (const counterId of ['c1', 'c2', 'c3']) await call(counterId, await issue());
    for (const counterId of ['c1', 'c2', 'c3']) tied.push(await noShow(counterId));
    expect(new Set(tied.map((t) => t.finishedAt)).size).toBe(1);

    let day = await activity();
    expect(day.noShowTotal).toBe(MAX_NO_SHOWS + 1);
    expect(day.noShows).toHaveLength(MAX_NO_SHOWS);
    const expected = [...[...tied].sort(byId), ...[...older].reverse()];
    expect(day.noShows.map((t) => t.id)).toEqual(expected.slice(0, MAX_NO_SHOWS).map((t) => t.id));
    expect(day.noShows).toEqual(expected.slice(0, MAX_NO_SHOWS)); // whole tickets, as the events gave them
    expect(day.counters).toEqual(
      figures({ c1: { noShows: MAX_NO_SHOWS - 1 }, c2: { noShows: 1 }, c3: { noShows: 1 } }),
    );

    // One fewer: the oldest, left out before, is listed now.
    await run({ type: 'requeue', ticketId: tied[1]!.id, position: 'front' });
    day = await activity();
    expect(day.noShowTotal).toBe(MAX_NO_SHOWS);
    expect(day.noShows.map((t) => t.id)).toEqual(expected.filter((t) => t !== tied[1]).map((t) => t.id));
    expect(day.counters).toEqual(figures({ c1: { noShows: MAX_NO_SHOWS - 1 }, c3: { noShows: 1 } }));
  }, 60_000);

  it('lists the counters of the current configuration', async () => {
    await open('c1');
    await call('c1', await issue());
    await complete('c1');
    const config: OfficeConfig = {
      ...office,
      counters: [
        ...office.counters.filter((c) => c.id !== 'c4'),
        { id: 'c5', number: 5, name: 'Quầy 5', services: [{ serviceId: 'civ' }] },
      ],
    };
    await store.putOffice(config);
    expect((await activity()).counters).toEqual(figures({ c1: { served: 1 } }, ['c1', 'c2', 'c3', 'c5']));
  });

  it('answers OFFICE_NOT_FOUND for an unknown office', async () => {
    await expectQueueError(store.dayActivity('no-such-office'), 'OFFICE_NOT_FOUND');
    await expectQueueError(store.dayActivity('Not A Slug!'), 'OFFICE_NOT_FOUND');
  });

  it('says when a ticket last left each counter: completed, no-show, or transferred away', async () => {
    await open('c1', 'c2', 'c3');
    const [a, b, c, d] = [await issue(), await issue(), await issue(), await issue()];
    const ends = async () =>
      Object.fromEntries(
        Object.entries((await fullActivity()).counters).map(([id, f]) => [id, f.lastEndedAt]),
      );
    expect(await ends()).toEqual({ c1: undefined, c2: undefined, c3: undefined, c4: undefined });
    const t0 = clock.now;
    await call('c1', a!);
    clock.advance(4 * MIN);
    await complete('c1'); // c1 free at t0 + 4
    await call('c2', b!);
    clock.advance(MIN);
    await noShow('c2'); // c2 free at t0 + 5
    await call('c3', c!);
    clock.advance(MIN);
    await run({ type: 'transfer', ticketId: c!.id, to: { serviceId: 'cert' }, position: 'back' }); // c3 at t0 + 6
    clock.advance(MIN);
    // A waiting ticket moved by a supervisor left no counter; a requeue or a cancel frees none.
    await run({ type: 'transfer', ticketId: d!.id, to: { counterId: 'c4' }, position: 'back' });
    await run({ type: 'requeue', ticketId: b!.id, position: 'original' });
    expect(await ends()).toEqual({ c1: t0 + 4 * MIN, c2: t0 + 5 * MIN, c3: t0 + 6 * MIN, c4: undefined });
    // Later ends move it on.
    await call('c1', b!);
    clock.advance(2 * MIN);
    await complete('c1');
    expect((await fullActivity()).counters.c1!.lastEndedAt).toBe(t0 + 9 * MIN);
  });

  it(
    engine.name === 'memory'
      ? 'gives the same answer after a restart from a snapshot and the journal after it'
      : 'gives the same answer to a new store on the same namespace',
    async () => {
      const reopened = await reopenableStore(engine, clock.fn);
      try {
        store = reopened.store;
        await store.putOffice(office);
        await open('c1', 'c2', 'c3');
        const t = [await issue(), await issue(), await issue(), await issue(), await issue(), await issue()];
        await call('c1', t[0]!);
        clock.advance(2 * MIN);
        await run({ type: 'startServing', counterId: 'c1' });
        clock.advance(5 * MIN);
        await complete('c1'); // c1: served, 5 min
        await call('c2', t[1]!);
        await noShow('c2'); // c2: a no-show (requeued after the restart point below)
        await call('c1', t[2]!);
        await noShow('c1');
        await run({ type: 'requeue', ticketId: t[2]!.id, position: 'front' });
        await call('c3', t[2]!);
        clock.advance(MIN);
        await complete('c3'); // c3: served, 1 min; c1: no no-show
        await call('c1', t[3]!);
        await noShow('c1');
        await run({ type: 'cancel', ticketId: t[3]!.id }); // c1: no no-show
        // The memory engine: a snapshot of all this, then a journal of what follows.
        if (engine.name === 'memory') await (store as MemoryStore).compact();
        clock.advance(MIN);
        await call('c2', t[4]!);
        const missed = await noShow('c2');
        await run({ type: 'requeue', ticketId: t[1]!.id, position: 'original' }); // from before the snapshot
        await call('c1', t[5]!);
        clock.advance(3 * MIN);
        await complete('c1'); // c1: served, 3 min more

        const before = await fullActivity();
        expect(withoutEnds(before)).toEqual({
          businessDate: '2026-11-30',
          counters: figures({
            c1: { served: 2, serviceMs: 8 * MIN },
            c2: { noShows: 1 },
            c3: { served: 1, serviceMs: MIN },
          }),
          noShows: [missed],
          noShowTotal: 1,
        });

        await reopened.restart();
        store = reopened.store;
        expect(await fullActivity()).toEqual(before);
        // The rebuilt figures keep following the tickets.
        await run({ type: 'requeue', ticketId: t[4]!.id, position: 'front' });
        await call('c2', t[4]!);
        clock.advance(2 * MIN);
        await complete('c2');
        const after = await fullActivity();
        expect(withoutEnds(after)).toEqual({
          ...withoutEnds(before),
          counters: figures({
            c1: { served: 2, serviceMs: 8 * MIN },
            c2: { served: 1, serviceMs: 2 * MIN },
            c3: { served: 1, serviceMs: MIN },
          }),
          noShows: [],
          noShowTotal: 0,
        });
        await reopened.restart();
        store = reopened.store;
        expect(await fullActivity()).toEqual(after);
      } finally {
        await reopened.dispose();
      }
    },
  );
});
