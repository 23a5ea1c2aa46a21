/**
 * Many officers and kiosks at once. For Redis the commands really run in parallel: several store
 * instances (as several server processes would) share one office through one namespace.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Command, OfficeConfig, OfficeEvent } from '../../shared/domain/types.js';
import { QueueError } from '../../shared/protocol/errors.js';
import type { TicketStore } from '../../server/store/types.js';
import { TestClock } from '../helpers/clock.js';
import { engines, type EngineHandle } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

function busyOffice(counters: number): OfficeConfig {
  const base = testOffice();
  base.services[0]!.numbering = { prefix: '1', start: 1, width: 4 };
  base.counters = Array.from({ length: counters }, (_, i) => ({
    id: `k${i + 1}`,
    number: i + 1,
    name: `Quầy ${i + 1}`,
    services: [{ serviceId: 'civ' }],
  }));
  return base;
}

/** Runs `count` async loops; each loop sees a store in turn (several instances for Redis). */
async function inParallel(
  stores: TicketStore[],
  count: number,
  loop: (store: TicketStore, i: number) => Promise<void>,
): Promise<void> {
  await Promise.all(Array.from({ length: count }, (_, i) => loop(stores[i % stores.length]!, i)));
}

describe.each(engines)('$name engine under concurrency', (engine) => {
  const handles: EngineHandle[] = [];
  const clock = new TestClock('2026-11-30T08:00');

  /** One store for memory (one process owns the journal); four peers on one namespace for Redis. */
  async function stores(): Promise<TicketStore[]> {
    if (engine.name === 'memory') {
      const h = await engine.create({ clock: clock.fn });
      handles.push(h);
      return [h.store];
    }
    const owner = await engine.create({ clock: clock.fn });
    handles.push(owner);
    const ns = (owner.store as unknown as { namespace: string }).namespace;
    const peers = await Promise.all([1, 2, 3].map(() => engine.create({ clock: clock.fn, namespace: ns })));
    handles.push(...peers);
    return [owner.store, ...peers.map((p) => p.store)];
  }

  afterEach(async () => {
    // Peers first; the owner (first) drops the namespace.
    for (const h of handles.splice(0).reverse()) await h.dispose();
  });

  it('gives 20 counters calling in parallel every one of 1 000 tickets exactly once', async (ctx) => {
    if (!engine.available) ctx.skip();
    const all = await stores();
    const office = busyOffice(20);
    await all[0]!.putOffice(office);
    for (let i = 0; i < 1000; i++)
      await all[0]!.execute(office.id, { type: 'issue', serviceId: 'civ', channel: 'officer' });
    for (const c of office.counters)
      await all[0]!.execute(office.id, { type: 'openCounter', counterId: c.id });

    const calledBy = new Map<string, string[]>();
    await inParallel(all, 20, async (store, i) => {
      const counterId = `k${i + 1}`;
      for (;;) {
        let called: OfficeEvent;
        try {
          called = await store.execute(office.id, { type: 'callNext', counterId });
        } catch (err) {
          if (err instanceof QueueError && err.code === 'QUEUE_EMPTY') return;
          throw err;
        }
        const id = called.ticket!.id;
        calledBy.set(id, [...(calledBy.get(id) ?? []), counterId]);
        await store.execute(office.id, { type: 'complete', counterId, ticketId: id });
      }
    });

    expect(calledBy.size).toBe(1000);
    for (const counters of calledBy.values()) expect(counters).toHaveLength(1);
    const { events } = await all[0]!.eventsSince(office.id, 0, 10_000);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
    // Per counter, calls and completions strictly alternate: never two open tickets at one counter.
    const open = new Map<string, string | undefined>();
    for (const e of events) {
      const counterId = e.counter?.id;
      if (e.type === 'called' && counterId) {
        expect(open.get(counterId), `${counterId} called while holding a ticket`).toBeUndefined();
        open.set(counterId, e.ticket!.id);
      }
      if (e.type === 'completed' && counterId) {
        expect(open.get(counterId)).toBe(e.ticket!.id);
        open.set(counterId, undefined);
      }
    }
    const state = await all[0]!.getState(office.id);
    expect(state.waiting.civ).toBe(0);
    expect(state.counters.every((c) => c.currentTicketId === undefined)).toBe(true);
    expect(new Set(events.filter((e) => e.type === 'called').map((e) => e.counter!.id)).size).toBeGreaterThan(
      1,
    );
  }, 120_000);

  it('gives 50 kiosks issuing in parallel unique, gapless numbers', async (ctx) => {
    if (!engine.available) ctx.skip();
    const all = await stores();
    const office = busyOffice(2);
    await all[0]!.putOffice(office);
    const numbers: string[] = [];
    await inParallel(all, 50, async (store) => {
      for (let i = 0; i < 20; i++) {
        const e = await store.execute(office.id, { type: 'issue', serviceId: 'civ', channel: 'kiosk' });
        numbers.push(e.ticket!.number);
      }
    });
    expect(numbers).toHaveLength(1000);
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 1000 }, (_, i) => `1${String(i + 1).padStart(4, '0')}`),
    );
  }, 120_000);

  it('changes nothing for repeated requestIds, even when the repeats race', async (ctx) => {
    if (!engine.available) ctx.skip();
    const all = await stores();
    const office = busyOffice(2);
    await all[0]!.putOffice(office);
    const byRequest = new Map<string, OfficeEvent[]>();
    await inParallel(all, 50, async (store, i) => {
      const requestId = `tap-${i % 10}`;
      const cmd: Command = { type: 'issue', serviceId: 'civ', channel: 'kiosk', requestId };
      const e = await store.execute(office.id, cmd);
      byRequest.set(requestId, [...(byRequest.get(requestId) ?? []), e]);
    });
    expect(byRequest.size).toBe(10);
    for (const results of byRequest.values()) {
      expect(results).toHaveLength(5);
      for (const r of results) expect(r).toEqual(results[0]);
    }
    const state = await all[0]!.getState(office.id);
    expect(state.seq).toBe(10);
    expect(state.waiting.civ).toBe(10);
  }, 60_000);
});
