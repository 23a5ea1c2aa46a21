/**
 * The two reads the HTTP API added to the store contract: finding a ticket by its id alone (the
 * citizen's phone page) and a waiting ticket's position in its queue ("people ahead"). Same file
 * for both engines; differences are bugs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { peopleAhead } from '../../shared/domain/ahead.js';
import type { Command, OfficeConfig, OfficeEvent, Ticket } from '../../shared/domain/types.js';
import type { TicketStore } from '../../server/store/types.js';
import { TestClock } from '../helpers/clock.js';
import { engines, type EngineHandle } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

describe.each(engines)('$name engine: ticket lookup and queue position', (engine) => {
  let handle: EngineHandle;
  let store: TicketStore;
  let clock: TestClock;
  let office: OfficeConfig;

  const run = (cmd: Command, officeId = office.id): Promise<OfficeEvent> => store.execute(officeId, cmd);
  const issue = async (serviceId: string, priority = false, officeId = office.id): Promise<Ticket> => {
    clock.advance(1000);
    return (await run({ type: 'issue', serviceId, channel: 'kiosk', priority }, officeId)).ticket as Ticket;
  };
  const position = async (t: Ticket) =>
    store.queuePosition(office.id, (await store.getTicket(office.id, t.id))!);

  beforeEach(async (ctx) => {
    if (!engine.available) ctx.skip();
    clock = new TestClock('2026-11-30T09:00');
    handle = await engine.create({ clock: clock.fn });
    store = handle.store;
    office = testOffice();
    await store.putOffice(office);
  });

  afterEach(async () => {
    await handle?.dispose();
  });

  it('finds a ticket by its id alone, in whichever office issued it', async () => {
    const other = testOffice();
    await store.putOffice(other);
    const a = await issue('civ');
    const b = await issue('cert', false, other.id);
    expect(await store.findTicket(a.id)).toEqual(a);
    expect(await store.findTicket(b.id)).toEqual(b);
    expect(await store.findTicket('no-such-ticket-id-0000')).toBeUndefined();
    expect(await store.findTicket('')).toBeUndefined();
    expect(await store.findTicket('../../etc/passwd')).toBeUndefined();
  });

  it('finds the new entry a transfer makes, and follows the ticket through its changes', async () => {
    await run({ type: 'openCounter', counterId: 'c1' });
    const t = await issue('civ');
    await run({ type: 'callNext', counterId: 'c1' });
    const moved = await run({
      type: 'transfer',
      ticketId: t.id,
      to: { serviceId: 'cert' },
      position: 'back',
    });
    expect(await store.findTicket(moved.ticket!.id)).toEqual(moved.ticket);
    expect((await store.findTicket(t.id))?.status).toBe('transferred');
  });

  it('does not index a ticket a refused or repeated command never made', async () => {
    const first = await run({ type: 'issue', serviceId: 'civ', channel: 'kiosk', requestId: 'same' });
    const again = await run({ type: 'issue', serviceId: 'civ', channel: 'kiosk', requestId: 'same' });
    expect(again.ticket!.id).toBe(first.ticket!.id);
    for (let i = 0; i < 5; i++) await issue('land'); // land is capped at 5 a day
    await expect(issue('land')).rejects.toMatchObject({ code: 'CAP_REACHED' });
    expect(await store.findTicket(first.ticket!.id)).toEqual(first.ticket);
    if (store.kind === 'redis') {
      const { Redis } = await import('ioredis');
      const { REDIS_URL } = await import('../helpers/engines.js');
      const raw = new Redis(REDIS_URL);
      try {
        const ns = (store as unknown as { namespace: string }).namespace;
        const entries: string[] = [];
        let cursor = '0';
        do {
          const [next, keys] = await raw.scan(cursor, 'MATCH', `${ns}:tix:*`, 'COUNT', 1000);
          entries.push(...keys);
          cursor = next;
        } while (cursor !== '0');
        // One entry per ticket made: the requestId's ticket and the five land tickets.
        expect(entries).toHaveLength(6);
      } finally {
        raw.disconnect();
      }
    }
  });

  it('counts the tickets of the same list before a waiting ticket, and the other class', async () => {
    const n1 = await issue('civ');
    const p1 = await issue('civ', true);
    const n2 = await issue('civ');
    await issue('cert');
    const p2 = await issue('civ', true);
    const n3 = await issue('civ');
    expect(await position(n1)).toEqual({ sameClassBefore: 0, otherClassBefore: 0, otherClassTotal: 2 });
    expect(await position(n2)).toEqual({ sameClassBefore: 1, otherClassBefore: 1, otherClassTotal: 2 });
    expect(await position(n3)).toEqual({ sameClassBefore: 2, otherClassBefore: 2, otherClassTotal: 2 });
    expect(await position(p1)).toEqual({ sameClassBefore: 0, otherClassBefore: 1, otherClassTotal: 3 });
    expect(await position(p2)).toEqual({ sameClassBefore: 1, otherClassBefore: 2, otherClassTotal: 3 });
  });

  it('positions a ticket put at the front, and one reserved for a counter in that counter’s list', async () => {
    await run({ type: 'openCounter', counterId: 'c1' });
    const a = await issue('civ');
    const b = await issue('civ');
    const called = await run({ type: 'callNext', counterId: 'c1' });
    expect(called.ticket!.id).toBe(a.id);
    await run({ type: 'noShow', counterId: 'c1' });
    await run({ type: 'requeue', ticketId: a.id, position: 'front' });
    expect(await position(a)).toMatchObject({ sameClassBefore: 0 });
    expect(await position(b)).toMatchObject({ sameClassBefore: 1 });
    const moved = await run({ type: 'transfer', ticketId: b.id, to: { counterId: 'c2' }, position: 'back' });
    expect(await store.queuePosition(office.id, moved.ticket!)).toEqual({
      sameClassBefore: 0,
      otherClassBefore: 0,
      otherClassTotal: 0,
    });
    expect(await position(a)).toMatchObject({ sameClassBefore: 0, otherClassTotal: 0 });
  });

  it('has no position for a ticket that no longer waits, or for a stale copy of it', async () => {
    await run({ type: 'openCounter', counterId: 'c1' });
    const a = await issue('civ');
    await run({ type: 'callNext', counterId: 'c1' });
    expect(await position(a)).toBeUndefined();
    expect(await store.queuePosition(office.id, a)).toBeUndefined();
    expect(await store.queuePosition('no-such-office', a)).toBeUndefined();
  });

  it('gives the same people-ahead as the policy calls them, on one counter (oldest, 1 priority per 2)', async () => {
    // c1 serves civ only: call everything and check each ticket's people-ahead was its call order.
    const tickets: Ticket[] = [];
    for (const p of [false, false, true, false, false, true, true, false, false, false])
      tickets.push(await issue('civ', p));
    const ahead = new Map<string, number>();
    for (const t of tickets) ahead.set(t.id, peopleAhead(office.policy, t, (await position(t))!));
    await run({ type: 'openCounter', counterId: 'c1' });
    const order: string[] = [];
    for (let i = 0; i < tickets.length; i++) {
      const e = await run({ type: 'callNext', counterId: 'c1' });
      order.push(e.ticket!.id);
      await run({ type: 'complete', counterId: 'c1' });
    }
    for (const t of tickets) expect(ahead.get(t.id), t.number).toBe(order.indexOf(t.id));
  });
});
