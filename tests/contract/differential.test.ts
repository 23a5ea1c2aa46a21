/**
 * Differential property test: the same random command sequences, applied to the embedded engine
 * and to the Redis engine, must give identical results (events or error codes), identical event
 * streams and identical final state — including every counter's waiting lists as the officer
 * console reads them (`waitingLists`) and the order it shows (`callOrder`) — and today's activity
 * (`dayActivity`) after every command, which must also be what the tickets themselves say (served,
 * service time and no-shows per counter, the no-show list). Ticket ids are random
 * in each engine, so they are renamed T0, T1, … in order of first appearance before comparing;
 * nothing else may differ.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOrder } from '../../shared/domain/call-order.js';
import { counterOf } from '../../shared/domain/commands.js';
import { candidateLists } from '../../shared/domain/policy.js';
import {
  EVENT_TYPES,
  type CallingPolicy,
  type Command,
  type OfficeConfig,
  type OfficeEvent,
  type Position,
  type Ticket,
} from '../../shared/domain/types.js';
import { QueueError } from '../../shared/protocol/errors.js';
import { MAX_NO_SHOWS, type DayActivity, type TicketStore } from '../../server/store/types.js';
import { TestClock } from '../helpers/clock.js';
import { memoryEngine, redisEngine, type EngineHandle } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

const RUNS = Number(process.env.DIFF_RUNS ?? 200);
const COUNTERS = ['c1', 'c2', 'c3', 'c4'];
const SERVICES = ['civ', 'cert', 'land'];
const OFFICERS = ['lan', 'minh', 'hoa'];

/** A step refers to tickets by index into the tickets seen so far, so it means the same in both engines. */
type Step =
  { kind: 'advance'; ms: number } | { kind: 'cmd'; cmd: Command; ref?: number; refField?: 'ticketId' };

const requestId = fc.option(fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'r6'), { freq: 4, nil: undefined });
const counter = fc.constantFrom(...COUNTERS);
const service = fc.constantFrom(...SERVICES);
/** Counted back from the newest ticket: recent tickets are the ones still in play. */
const ref = fc.nat(8);
const position = fc.constantFrom<Position>('front', 'back', 'issueTime');

/**
 * The estimate shown at issue (Ticket.prediction), on about half the issues: a range around the
 * figure, "dưới 5 phút", "not today", and now and then a malformed one both engines must refuse.
 */
const VERSION = 'replay-1';
const prediction = fc.option(
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(fc.integer({ min: 1, max: 48 }), fc.nat(3), fc.nat(3)).map(([m, down, up]) => ({
        minutes: m * 5,
        low: Math.max(5, (m - down) * 5),
        high: (m + up + 1) * 5,
        version: VERSION,
      })),
    },
    { weight: 1, arbitrary: fc.constant({ minutes: 5, version: VERSION }) },
    { weight: 1, arbitrary: fc.constant({ minutes: 120, notToday: true as const, version: VERSION }) },
    { weight: 1, arbitrary: fc.constant({ minutes: 20, low: 25, high: 30, version: VERSION }) },
  ),
  { freq: 2, nil: undefined },
);

function withRequest<C extends Command>(cmd: C, rid: string | undefined): C {
  return rid === undefined ? cmd : { ...cmd, requestId: rid };
}

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(0, 5_000, 60_000, 60_000, 180_000, 180_000, 600_000, 2 * 3_600_000, 14 * 3_600_000)
      .map((ms) => ({ kind: 'advance' as const, ms })),
  },
  {
    weight: 10,
    arbitrary: fc
      .tuple(
        service,
        fc.boolean(),
        fc.constantFrom<'kiosk' | 'officer'>('kiosk', 'kiosk', 'officer'),
        requestId,
        prediction,
      )
      .map(([serviceId, priority, channel, rid, shown]) => ({
        kind: 'cmd' as const,
        cmd: withRequest<Command>(
          {
            ...(priority
              ? { type: 'issue', serviceId, channel, priority, priorityReason: 'Người cao tuổi' }
              : { type: 'issue', serviceId, channel }),
            ...(shown && { prediction: shown }),
          },
          rid,
        ),
      })),
  },
  {
    weight: 10,
    arbitrary: fc.tuple(counter, requestId).map(([counterId, rid]) => ({
      kind: 'cmd' as const,
      cmd: withRequest<Command>({ type: 'callNext', counterId }, rid),
    })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(counter, ref).map(([counterId, r]) => ({
      kind: 'cmd' as const,
      cmd: { type: 'call', counterId, ticketId: '?' } as Command,
      ref: r,
      refField: 'ticketId' as const,
    })),
  },
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.constantFrom('recall', 'startServing', 'complete', 'complete', 'noShow', 'noShow'),
        counter,
        requestId,
      )
      .map(([type, counterId, rid]) => ({
        kind: 'cmd' as const,
        cmd: withRequest(
          (type === 'complete' ? { type, counterId, outcome: 'Đã xong' } : { type, counterId }) as Command,
          rid,
        ),
      })),
  },
  {
    weight: 5,
    arbitrary: fc.tuple(ref, fc.constantFrom<'front' | 'original'>('front', 'original')).map(([r, pos]) => ({
      kind: 'cmd' as const,
      cmd: { type: 'requeue', ticketId: '?', position: pos } as Command,
      ref: r,
      refField: 'ticketId' as const,
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        ref,
        fc.oneof(
          service.map((serviceId) => ({ serviceId })),
          counter.map((counterId) => ({ counterId })),
        ),
        position,
      )
      .map(([r, to, pos]) => ({
        kind: 'cmd' as const,
        cmd: { type: 'transfer', ticketId: '?', to, position: pos } as Command,
        ref: r,
        refField: 'ticketId' as const,
      })),
  },
  {
    weight: 1,
    arbitrary: ref.map((r) => ({
      kind: 'cmd' as const,
      cmd: { type: 'cancel', ticketId: '?' } as Command,
      ref: r,
      refField: 'ticketId' as const,
    })),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom('openCounter', 'openCounter', 'pauseCounter', 'closeCounter'),
        counter,
        fc.constantFrom('Nghỉ trưa', 'Họp'),
      )
      .map(([type, counterId, reason]) => ({
        kind: 'cmd' as const,
        cmd: (type === 'pauseCounter' ? { type, counterId, reason } : { type, counterId }) as Command,
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('signIn', 'signIn', 'signOut'), counter, fc.constantFrom(...OFFICERS))
      .map(([type, counterId, officerId]) => ({
        kind: 'cmd' as const,
        cmd: (type === 'signIn' ? { type, counterId, officerId } : { type, counterId }) as Command,
      })),
  },
);

const policy = fc.constantFrom<CallingPolicy>(
  { kind: 'oldest', priorityEvery: 2 },
  { kind: 'oldest', priorityEvery: 0 },
  { kind: 'strict' },
  { kind: 'ageing', alphaPerMinute: 1, priorityWeight: 15 },
);

interface Side {
  store: TicketStore;
  clock: TestClock;
  /** Ticket ids in order of first appearance; index = canonical name. */
  ids: string[];
  names: Map<string, string>;
}

function learnIds(side: Side, value: unknown): void {
  if (Array.isArray(value)) return value.forEach((v) => learnIds(side, v));
  if (typeof value !== 'object' || value === null) return;
  const obj = value as Record<string, unknown>;
  for (const key of ['from', 'ticket']) {
    const t = obj[key] as { id?: string } | undefined;
    if (t?.id && !side.names.has(t.id)) {
      side.names.set(t.id, `T${side.ids.length}`);
      side.ids.push(t.id);
    }
  }
}

function canon(side: Side, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => canon(side, v));
  if (typeof value === 'string') return side.names.get(value) ?? value;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canon(side, v)]));
}

async function apply(side: Side, officeId: string, s: Step): Promise<unknown> {
  if (s.kind === 'advance') {
    side.clock.advance(s.ms);
    return 'advanced';
  }
  let cmd = s.cmd;
  if (s.ref !== undefined) {
    const id =
      side.ids.length === 0
        ? 'AAAAAAAAAAAAAAAAAAAAAA'
        : (side.ids[side.ids.length - 1 - (s.ref % side.ids.length)] as string);
    cmd = { ...cmd, ticketId: id } as Command;
  }
  try {
    const event = await side.store.execute(officeId, cmd);
    learnIds(side, event);
    return { ok: canon(side, event) };
  } catch (err) {
    if (!(err instanceof QueueError)) throw err;
    return { error: err.code, details: err.details };
  }
}

/**
 * dayActivity as its definition reads (types.ts CounterDay, DayActivity): the figures from the
 * tickets themselves, `lastEndedAt` from the events in which a counter let a ticket go.
 */
function dayFromTickets(
  office: OfficeConfig,
  today: string,
  tickets: readonly (Ticket | undefined)[],
  events: readonly OfficeEvent[],
): DayActivity {
  const counters: DayActivity['counters'] = {};
  for (const c of office.counters) counters[c.id] = { served: 0, serviceMs: 0, noShows: 0 };
  const noShows: Ticket[] = [];
  for (const t of tickets) {
    if (t?.businessDate !== today) continue;
    const figures = t.counterId === undefined ? undefined : counters[t.counterId];
    if (t.status === 'done' && figures) {
      figures.served += 1;
      figures.serviceMs += t.finishedAt! - (t.servingAt ?? t.calledAt!);
    }
    if (t.status === 'no_show') {
      noShows.push(t);
      if (figures) figures.noShows += 1;
    }
  }
  noShows.sort((a, b) => b.finishedAt! - a.finishedAt! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of events) {
    // Completed or no-show at a counter; transferred away from the counter that held it.
    const left =
      e.type === 'completed' || e.type === 'no-show'
        ? e.ticket
        : e.type === 'transferred' && e.counter
          ? e.from
          : undefined;
    if (left?.businessDate !== today || left.counterId === undefined) continue;
    const figures = counters[left.counterId];
    if (figures) figures.lastEndedAt = Math.max(figures.lastEndedAt ?? 0, e.at);
  }
  return {
    businessDate: today,
    counters,
    noShows: noShows.slice(0, MAX_NO_SHOWS),
    noShowTotal: noShows.length,
  };
}

/**
 * dayActivity renamed for comparing: no-shows finished at the same instant are ordered by id, and
 * the ids differ between the engines, so ties are put in canonical-name order (each engine's own
 * order, by its own ids, is checked against dayFromTickets).
 */
function canonDay(side: Side, day: DayActivity): unknown {
  const named = canon(side, day) as DayActivity;
  const num = (id: string): number => Number(id.slice(1));
  named.noShows.sort((a, b) => b.finishedAt! - a.finishedAt! || num(a.id) - num(b.id));
  return named;
}

async function finalPicture(side: Side, office: OfficeConfig): Promise<unknown> {
  const officeId = office.id;
  const state = await side.store.getState(officeId);
  const events = await side.store.eventsSince(officeId, 0, 100_000);
  const tickets = await Promise.all(side.ids.map((id) => side.store.getTicket(officeId, id)));
  const day = await side.store.dayActivity(officeId);
  expect(day, `${side.store.kind}: dayActivity as the tickets say`).toEqual(
    dayFromTickets(office, state.businessDate, tickets, events.events),
  );
  // What the officer console of each counter would show.
  const consoles = await Promise.all(
    COUNTERS.map(async (counterId) => {
      const lists = candidateLists(counterOf(office, counterId), office.policy).map((l) => l.listId);
      const waiting = await side.store.waitingLists(officeId, lists, 50);
      const counter = state.counters.find((c) => c.id === counterId)!;
      const order = callOrder(office, counterId, counter, waiting.lists, 50).map((t) => t.id);
      return { counterId, waiting, order };
    }),
  );
  return { ...(canon(side, { state, events, tickets, consoles }) as object), day: canonDay(side, day) };
}

describe.skipIf(!redisEngine.available)('differential: embedded engine ≡ Redis engine', () => {
  let memory: EngineHandle;
  let redis: EngineHandle;
  const clocks = { memory: new TestClock(), redis: new TestClock() };

  beforeAll(async () => {
    memory = await memoryEngine.create({ clock: clocks.memory.fn });
    redis = await redisEngine.create({ clock: clocks.redis.fn });
  });

  afterAll(async () => {
    await memory?.dispose();
    await redis?.dispose();
  });

  it(`agrees on ${RUNS} random sequences of 50–80 commands`, async () => {
    let commands = 0;
    let shownTickets = 0;
    /** Served tickets and no-shows seen in the dayActivity answers compared: they must not all be zero. */
    let dayFigures = 0;
    /** Tickets issued with a prediction: both engines must have kept it through their lives. */
    let predicted = 0;
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 50, maxLength: 80 }), policy, async (steps, pol) => {
        const config: OfficeConfig = testOffice({ policy: pol });
        config.counters[1]!.services = [{ serviceId: 'civ' }, { serviceId: 'cert', weight: 20 }];
        clocks.memory.set('2026-11-30T07:35');
        clocks.redis.set('2026-11-30T07:35');
        const sides: Side[] = [
          { store: memory.store, clock: clocks.memory, ids: [], names: new Map() },
          { store: redis.store, clock: clocks.redis, ids: [], names: new Map() },
        ];
        await Promise.all(sides.map((s) => s.store.putOffice(config)));
        const opening: Step[] = COUNTERS.slice(0, 3).map((counterId) => ({
          kind: 'cmd',
          cmd: { type: 'openCounter', counterId },
        }));
        for (const [i, s] of [...opening, ...steps].entries()) {
          const [a, b] = await Promise.all(sides.map((side) => apply(side, config.id, s)));
          expect(b, `step ${i}: ${JSON.stringify(s)}`).toEqual(a);
          const r = a as { ok?: { type: string; ticket?: Ticket }; error?: string };
          if (r.ok?.type === 'issued' && r.ok.ticket?.prediction) predicted++;
          if (r.ok) {
            const [dayA, dayB] = await Promise.all(
              sides.map(async (side) => canonDay(side, await side.store.dayActivity(config.id))),
            );
            expect(dayB, `dayActivity after step ${i}: ${JSON.stringify(s)}`).toEqual(dayA);
            const d = dayA as DayActivity;
            dayFigures += d.noShowTotal + Object.values(d.counters).reduce((n, c) => n + c.served, 0);
          }
          const key = r.ok?.type ?? r.error ?? 'advance';
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        }
        commands += steps.length;
        const [a, b] = await Promise.all(sides.map((side) => finalPicture(side, config)));
        expect(b).toEqual(a);
        for (const c of (a as { consoles: { order: string[] }[] }).consoles) shownTickets += c.order.length;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(commands).toBeGreaterThanOrEqual(RUNS * 50);
    // The consoles compared must have shown tickets, not only empty queues.
    console.info('differential console tickets', shownTickets);
    expect(shownTickets).toBeGreaterThan(RUNS);
    console.info('differential day figures', dayFigures);
    expect(dayFigures).toBeGreaterThan(RUNS);
    console.info('differential tickets with a prediction', predicted);
    expect(predicted).toBeGreaterThan(RUNS);
    console.info('differential outcomes', Object.fromEntries([...outcomes].sort((x, y) => y[1] - x[1])));
    // The sequences must reach every transition, not just bounce off errors.
    for (const type of EVENT_TYPES) {
      // A requeue needs a no-show among the newest tickets: rarer by construction.
      expect(outcomes.get(type) ?? 0, type).toBeGreaterThan(type === 'requeued' ? RUNS / 40 : RUNS / 20);
    }
  }, 600_000);
});
