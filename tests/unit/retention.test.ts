/** Both engines keep a bounded amount of live data: tickets for 8 days after their last change, day keys for 2. */
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { MemoryStore } from '../../server/store/memory/memory-store.js';
import { DAY_KEY_TTL_MS, TICKET_TTL_MS } from '../../server/store/types.js';
import { TestClock } from '../helpers/clock.js';
import { memoryEngine, redisEngine, REDIS_URL, type EngineHandle } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

const DAY = 86_400_000;

describe('retention', () => {
  let handle: EngineHandle | undefined;
  afterEach(async () => {
    await handle?.dispose();
    handle = undefined;
  });

  it('embedded: compaction forgets old finished tickets but keeps one a counter still holds', async () => {
    const clock = new TestClock('2026-11-30T09:00');
    handle = await memoryEngine.create({ clock: clock.fn });
    const store = handle.store as MemoryStore;
    const office = testOffice();
    await store.putOffice(office);
    await store.execute(office.id, { type: 'openCounter', counterId: 'c1' });
    const old = (await store.execute(office.id, { type: 'issue', serviceId: 'civ', channel: 'kiosk' }))
      .ticket!;
    const held = (await store.execute(office.id, { type: 'issue', serviceId: 'civ', channel: 'kiosk' }))
      .ticket!;
    await store.execute(office.id, { type: 'cancel', ticketId: old.id });
    await store.execute(office.id, { type: 'call', counterId: 'c1', ticketId: held.id });

    clock.advance(7 * DAY);
    await store.compact();
    expect(await store.getTicket(office.id, old.id)).toBeDefined(); // 7 days: still kept

    clock.advance(2 * DAY);
    await store.compact();
    expect(await store.getTicket(office.id, old.id)).toBeUndefined();
    expect((await store.getTicket(office.id, held.id))?.status).toBe('called');
    // Numbering of the new day is unaffected, and the counter can finish its citizen.
    clock.set('2026-12-09T09:00');
    const fresh = await store.execute(office.id, { type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    expect(fresh.ticket?.number).toBe('1001');
    expect((await store.execute(office.id, { type: 'complete', counterId: 'c1' })).ticket?.id).toBe(held.id);
  });

  it.skipIf(!redisEngine.available)('redis: ticket and day keys carry the same lifetimes', async () => {
    const clock = new TestClock('2026-11-30T09:00');
    handle = await redisEngine.create({ clock: clock.fn });
    const office = testOffice();
    await handle.store.putOffice(office);
    const t = (await handle.store.execute(office.id, { type: 'issue', serviceId: 'civ', channel: 'kiosk' }))
      .ticket!;
    const ns = (handle.store as unknown as { namespace: string }).namespace;
    const redis = new Redis(REDIS_URL);
    try {
      const base = `${ns}:{o:${office.id}}:`;
      const ticketTtl = await redis.pttl(`${base}t:${t.id}`);
      const numTtl = await redis.pttl(`${base}num:2026-11-30:civ`);
      expect(ticketTtl).toBeGreaterThan(TICKET_TTL_MS - 60_000);
      expect(ticketTtl).toBeLessThanOrEqual(TICKET_TTL_MS);
      expect(numTtl).toBeGreaterThan(DAY_KEY_TTL_MS - 60_000);
      expect(numTtl).toBeLessThanOrEqual(DAY_KEY_TTL_MS);
    } finally {
      redis.disconnect();
    }
  });
});
