/**
 * What only the Redis engine has to get right: failing fast when Redis goes away or hangs, several
 * processes sharing an office whose configuration changes under them, keys that fit Redis Cluster,
 * Lua scripts that follow the conventions, and the corners the random differential test rarely
 * reaches (event trimming, requestId expiry, configuration changes, extreme sort keys).
 * Real Redis throughout; a small TCP proxy in front of it plays the network failures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../server/store/redis/redis-store.js';
import {
  OFFICE_KEY_SUFFIXES,
  officeKeys,
  officesKey,
  ticketIndexKey,
} from '../../server/store/redis/keys.js';
import { scriptSources } from '../../server/store/redis/scripts.js';
import type { TicketStore } from '../../server/store/types.js';
import type { Command, OfficeConfig } from '../../shared/domain/types.js';
import { ErrorCodes, QueueError } from '../../shared/protocol/errors.js';
import { TestClock } from '../helpers/clock.js';
import { memoryEngine, REDIS_URL, redisEngine, type EngineHandle } from '../helpers/engines.js';
import { expectQueueError } from '../helpers/expect-error.js';
import { testOffice } from '../helpers/office.js';

const redisAddress = new URL(REDIS_URL);
const REDIS_HOST = redisAddress.hostname;
const REDIS_PORT = Number(redisAddress.port || 6379);

/** A TCP proxy in front of the real Redis that can drop every connection or stop answering. */
class FlakyProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private hung = false;
  port = 0;

  async start(port = 0): Promise<void> {
    this.hung = false;
    const server = net.createServer((client) => {
      const upstream = net.connect(REDIS_PORT, REDIS_HOST);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.on('data', (d) => {
        if (!this.hung) upstream.write(d);
      });
      upstream.on('data', (d) => {
        if (!this.hung) client.write(d);
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Redis "dies": connections drop and new ones are refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Redis "hangs": connections stay up, nothing comes back. */
  hang(): void {
    this.hung = true;
  }
}

async function timed(work: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const t0 = performance.now();
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ms: performance.now() - t0, error };
}

function expectUnavailable(error: unknown): void {
  expect(error).toBeInstanceOf(QueueError);
  expect((error as QueueError).code).toBe('STORE_UNAVAILABLE');
}

const namespace = (): string => `t${Math.random().toString(36).slice(2, 8)}`;

describe.skipIf(!redisEngine.available)('Redis engine', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  let raw: Redis;

  beforeEach(() => {
    raw = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    cleanup.push(() => raw.quit());
  });

  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
  });

  /** A store on its own namespace, dropped after the test. */
  async function openStore(opts: Partial<Parameters<typeof RedisStore.open>[0]> = {}): Promise<RedisStore> {
    const ns = opts.namespace ?? namespace();
    const store = await RedisStore.open({ url: REDIS_URL, ...opts, namespace: ns });
    cleanup.push(async () => {
      if (opts.namespace === undefined) await store.dropNamespace();
      await store.close();
    });
    return store;
  }

  describe('when Redis goes away', () => {
    let proxy: FlakyProxy;
    const clock = new TestClock('2026-11-30T09:00');
    const office = testOffice();
    const issue: Command = { type: 'issue', serviceId: 'civ', channel: 'kiosk' };

    beforeEach(async () => {
      proxy = new FlakyProxy();
      await proxy.start();
      cleanup.push(() => proxy.stop());
    });

    it('answers STORE_UNAVAILABLE at once while it is down, and works again when it is back', async () => {
      const ns = namespace();
      const store = await openStore({ url: proxy.url, namespace: ns, clock: clock.fn });
      cleanup.push(async () => {
        const direct = await RedisStore.open({ url: REDIS_URL, namespace: ns });
        await direct.dropNamespace();
        await direct.close();
      });
      await store.putOffice(office);
      expect((await store.execute(office.id, issue)).ticket?.number).toBe('1001');

      const port = proxy.port;
      await proxy.stop();
      for (const work of [
        () => store.execute(office.id, issue),
        () => store.getState(office.id),
        () => store.eventsSince(office.id, 0),
        () => store.getTicket(office.id, 'AAAAAAAAAAAAAAAAAAAAAA'),
        () => store.ping(),
      ]) {
        const { ms, error } = await timed(work());
        expectUnavailable(error);
        expect(ms).toBeLessThan(1000);
      }

      await proxy.start(port);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const { error } = await timed(store.ping());
        if (!error) break;
        if (Date.now() > deadline) throw new Error('the store did not reconnect');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await store.execute(office.id, issue)).ticket?.number).toBe('1002');
    });

    it('answers STORE_UNAVAILABLE within about a second when Redis hangs', async () => {
      const ns = namespace();
      const store = await openStore({ url: proxy.url, namespace: ns, clock: clock.fn });
      await store.putOffice(office);
      cleanup.push(async () => {
        const direct = await RedisStore.open({ url: REDIS_URL, namespace: ns });
        await direct.dropNamespace();
        await direct.close();
      });
      proxy.hang();
      const { ms, error } = await timed(store.execute(office.id, issue));
      expectUnavailable(error);
      expect(ms).toBeGreaterThan(800);
      expect(ms).toBeLessThan(2000);
    });

    it('refuses to open quickly when nothing listens, or when the server never answers', async () => {
      const port = proxy.port;
      await proxy.stop();
      const refused = await timed(RedisStore.open({ url: `redis://127.0.0.1:${port}` }));
      expectUnavailable(refused.error);
      expect(refused.ms).toBeLessThan(1000);

      const silent = net.createServer((socket) => socket.resume()); // reads, never answers
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      cleanup.push(() => new Promise((resolve) => silent.close(resolve)));
      const silentPort = (silent.address() as net.AddressInfo).port;
      const mute = await timed(RedisStore.open({ url: `redis://127.0.0.1:${silentPort}` }));
      expectUnavailable(mute.error);
      expect(mute.ms).toBeLessThan(2000);
    });

    it('answers STORE_UNAVAILABLE after close', async () => {
      const store = await RedisStore.open({ url: REDIS_URL, namespace: namespace() });
      await store.close();
      await expectQueueError(store.ping(), 'STORE_UNAVAILABLE');
      await expectQueueError(store.execute('x', issue), 'STORE_UNAVAILABLE');
    });
  });

  describe('configuration shared by several processes', () => {
    let a: RedisStore;
    let b: RedisStore;
    let office: OfficeConfig;
    const clock = new TestClock('2026-11-30T09:00');

    beforeEach(async () => {
      a = await openStore({ clock: clock.fn });
      b = await openStore({ clock: clock.fn, namespace: a.namespace });
      office = testOffice();
      await a.putOffice(office);
    });

    it('reloads a configuration another process changed and runs the command against it', async () => {
      await a.execute(office.id, { type: 'openCounter', counterId: 'c2' }); // a caches the config
      await a.execute(office.id, { type: 'issue', serviceId: 'cert', channel: 'kiosk' });
      clock.advance(60_000);
      await a.execute(office.id, { type: 'issue', serviceId: 'civ', channel: 'kiosk' });

      // b adds a counter and switches to strict: c2 now prefers civ over the older cert ticket.
      const changed: OfficeConfig = {
        ...office,
        policy: { kind: 'strict' },
        counters: [
          ...office.counters,
          { id: 'c9', number: 9, name: 'Quầy 9', services: [{ serviceId: 'civ' }] },
        ],
      };
      await b.putOffice(changed);

      // a's cached copy knows neither: the script says STALE_CONFIG, a reloads and retries.
      expect((await a.execute(office.id, { type: 'callNext', counterId: 'c2' })).ticket?.serviceId).toBe(
        'civ',
      );
      // Here the cached copy fails the command before Redis (UNKNOWN_COUNTER): a checks the version.
      const opened = await b.execute(office.id, { type: 'openCounter', counterId: 'c9' });
      await b.execute(office.id, { type: 'closeCounter', counterId: 'c9' });
      expect(opened.counter).toMatchObject({ id: 'c9', status: 'open' });

      const removed: OfficeConfig = { ...changed, counters: changed.counters.filter((c) => c.id !== 'c9') };
      await b.putOffice(removed);
      await expectQueueError(
        a.execute(office.id, { type: 'openCounter', counterId: 'c9' }),
        'UNKNOWN_COUNTER',
      );
      expect((await a.getState(office.id)).counters.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
      expect((await a.getOffice(office.id))?.policy).toEqual({ kind: 'strict' });
    });

    it('sees an office created by another process, and lists offices in creation order', async () => {
      const second = testOffice();
      await b.putOffice(second);
      const e = await a.execute(second.id, { type: 'issue', serviceId: 'civ', channel: 'officer' });
      expect(e.seq).toBe(1);
      const listed = await a.listOffices();
      expect(listed.indexOf(office.id)).toBeLessThan(listed.indexOf(second.id));
      await b.putOffice(office); // again: listed once
      expect((await a.listOffices()).filter((id) => id === office.id)).toHaveLength(1);
    });

    it('answers OFFICE_NOT_FOUND, not an endless retry, when Redis lost the office', async () => {
      await a.execute(office.id, { type: 'openCounter', counterId: 'c1' });
      await raw.del(officeKeys(a.namespace, office.id).cfg);
      await expectQueueError(
        a.execute(office.id, { type: 'openCounter', counterId: 'c2' }),
        'OFFICE_NOT_FOUND',
      );
      await expectQueueError(a.getState(office.id), 'OFFICE_NOT_FOUND');
    });

    it('keeps the configuration version moving forward even if Redis lost it', async () => {
      const k = officeKeys(a.namespace, office.id);
      const before = Number(await raw.hget(k.cfg, 'v'));
      await raw.del(k.cfg);
      await a.putOffice(office);
      expect(Number(await raw.hget(k.cfg, 'v'))).toBeGreaterThan(before);
    });
  });

  describe('Redis Cluster', () => {
    /** CRC16/XMODEM, as Redis Cluster hashes keys. */
    function crc16(bytes: Uint8Array): number {
      let crc = 0;
      for (const byte of bytes) {
        crc ^= byte << 8;
        for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
      }
      return crc;
    }

    /** The part of a key Redis Cluster hashes: the first non-empty {…}, else the whole key. */
    function hashedPart(key: string): string {
      const open = key.indexOf('{');
      if (open === -1) return key;
      const close = key.indexOf('}', open + 1);
      return close === -1 || close === open + 1 ? key : key.slice(open + 1, close);
    }

    const slotOf = (key: string): number => crc16(Buffer.from(hashedPart(key))) % 16384;

    it('hashes keys as Redis Cluster does (self-check)', () => {
      expect(crc16(Buffer.from('123456789'))).toBe(0x31c3);
      expect(hashedPart('luot:{o:x}:t:{abc}')).toBe('o:x');
      expect(hashedPart('foo{}{bar}')).toBe('foo{}{bar}');
    });

    it('writes only keys of the documented shapes, each office in one slot', async () => {
      const clock = new TestClock('2026-11-30T09:00');
      const store = await openStore({ clock: clock.fn });
      const offices = [testOffice(), testOffice()];
      const run = (officeId: string, cmd: Command) => store.execute(officeId, cmd);
      for (const office of offices) {
        await store.putOffice(office);
        const id = office.id;
        await run(id, { type: 'signIn', counterId: 'c1', officerId: 'lan' });
        for (const c of ['c1', 'c2', 'c3', 'c4']) await run(id, { type: 'openCounter', counterId: c });
        const t = [];
        for (const serviceId of ['civ', 'civ', 'cert', 'land', 'civ']) {
          t.push(
            (
              await run(id, {
                type: 'issue',
                serviceId,
                channel: 'kiosk',
                priority: t.length === 1,
                requestId: `r${t.length}`,
              })
            ).ticket!,
          );
        }
        await run(id, { type: 'callNext', counterId: 'c1' });
        await run(id, { type: 'noShow', counterId: 'c1' });
        await run(id, { type: 'requeue', ticketId: t[1]!.id, position: 'front' });
        await run(id, { type: 'transfer', ticketId: t[2]!.id, to: { counterId: 'c2' }, position: 'back' });
        await run(id, {
          type: 'transfer',
          ticketId: t[3]!.id,
          to: { serviceId: 'cert' },
          position: 'issueTime',
        });
        await run(id, { type: 'call', counterId: 'c3', ticketId: t[0]!.id });
        await run(id, { type: 'recall', counterId: 'c3' });
        await run(id, { type: 'startServing', counterId: 'c3' });
        await run(id, { type: 'complete', counterId: 'c3', outcome: 'Xong' });
        await run(id, { type: 'cancel', ticketId: t[4]!.id });
        // A no-show left standing: its day keeps it in ns:<date> (the one above was requeued).
        await run(id, { type: 'callNext', counterId: 'c3' });
        await run(id, { type: 'noShow', counterId: 'c3' });
        await run(id, { type: 'pauseCounter', counterId: 'c4', reason: 'Họp' });
        await store.getState(id);
        await store.eventsSince(id, 0);
      }

      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await raw.scan(cursor, 'MATCH', `${store.namespace}:*`, 'COUNT', 1000);
        keys.push(...batch);
        cursor = next;
      } while (cursor !== '0');
      expect(keys).toContain(officesKey(store.namespace));

      // The ticket index (outside the office slots): one entry per ticket made, naming its office.
      const index = keys.filter((k) => k.startsWith(`${store.namespace}:tix:`));
      expect(index.length).toBeGreaterThan(0);
      for (const key of index) {
        const ticketId = key.slice(`${store.namespace}:tix:`.length);
        expect(key).toBe(ticketIndexKey(store.namespace, ticketId));
        const officeId = await raw.get(key);
        expect(offices.map((o) => o.id)).toContain(officeId);
        expect(await raw.exists(officeKeys(store.namespace, officeId!).ticket(ticketId))).toBe(1);
      }

      const slots = new Map<string, Set<number>>();
      const suffixes = new Set<string>();
      for (const key of keys.filter((k) => k !== officesKey(store.namespace) && !index.includes(k))) {
        const m = /^([^:]+):\{o:([^}]+)\}:(.+)$/.exec(key);
        expect(m, key).not.toBeNull();
        const [, ns, officeId, suffix] = m!;
        expect(ns).toBe(store.namespace);
        expect(offices.map((o) => o.id)).toContain(officeId);
        expect(hashedPart(key)).toBe(`o:${officeId}`);
        expect(
          OFFICE_KEY_SUFFIXES.some((re) => re.test(suffix!)),
          key,
        ).toBe(true);
        suffixes.add(suffix!.split(':')[0]!);
        const set = slots.get(officeId!) ?? new Set<number>();
        set.add(slotOf(key));
        slots.set(officeId!, set);
      }
      // Every kind of key was written, and every office sits in exactly one slot.
      expect([...suffixes].sort()).toEqual([
        'cfg',
        'ctr',
        'day',
        'ev',
        'ns',
        'num',
        'officers',
        'q',
        'recent',
        'rq',
        'seq',
        't',
        'wc',
      ]);
      for (const set of slots.values()) expect(set.size).toBe(1);
      // Keys derived inside the scripts are the keys keys.ts names.
      const k = officeKeys(store.namespace, offices[0]!.id);
      expect(
        await raw.exists(
          k.list('2026-11-30', 'c:c2:n'),
          k.list('2026-11-30', 's:cert:n'),
          k.waiting('2026-11-30'),
          k.day('2026-11-30'),
          k.noShows('2026-11-30'),
        ),
      ).toBe(5);
    });

    it('has scripts that follow the conventions', () => {
      const dir = fileURLToPath(new URL('../../server/store/redis/lua/', import.meta.url));
      const files = readdirSync(dir).filter((f) => f.endsWith('.lua'));
      const sources = scriptSources();
      expect(files).toHaveLength(sources.size);
      const codes = new Map<number, string>(Object.entries(ErrorCodes).map(([code, v]) => [v.lua, code]));
      for (const s of sources.values()) {
        const raw = readFileSync(`${dir}${s.file}`, 'utf8');
        const header = /^--\[\[([\s\S]*?)\]\]/.exec(raw)?.[1];
        expect(header, `${s.file} starts with a header comment`).toBeDefined();
        for (let i = 1; i <= s.numberOfKeys; i++) expect(header).toContain(`KEYS[${i}]`);
        expect(header).not.toContain(`KEYS[${s.numberOfKeys + 1}]`);
        expect(/\bARGV\[1\b/.test(header!) || !/ARGV/.test(s.lua), `${s.file} lists its ARGV`).toBe(true);
        expect(header!.includes('@variadic')).toBe(s.variadic);
        // Every error code a script can return is listed in its header, and is a known code.
        const returned = new Set<number>();
        for (const m of s.lua.matchAll(/return (-\d+)\b/g)) returned.add(Number(m[1]));
        for (const m of s.lua.matchAll(/return (?:nil, )*E_([A-Z_]+)\b/g)) {
          returned.add(ErrorCodes[m[1] as keyof typeof ErrorCodes].lua);
        }
        for (const code of returned) {
          expect(codes.has(code), `${s.file}: ${code}`).toBe(true);
          expect(header, `${s.file} lists ${code}`).toContain(String(code));
        }
        // No keyspace walks, no key spelled outside keys.lua.
        expect(s.lua).not.toMatch(/'(KEYS|SCAN|FLUSHDB|FLUSHALL)'/);
        expect(raw).not.toMatch(/'(t|ctr|q|wc|num|rq|cfg|seq|ev):'/);
      }
    });
  });

  describe('corners, against the embedded engine', () => {
    const handles: EngineHandle[] = [];
    afterEach(async () => {
      for (const h of handles.splice(0)) await h.dispose();
    });

    /** Runs the same calls on both engines in lockstep and demands the same answers. */
    async function pair(maxEvents: number) {
      const clock = new TestClock('2026-11-30T08:00');
      const memory = await memoryEngine.create({ clock: clock.fn, maxEvents });
      const redis = await redisEngine.create({ clock: clock.fn, maxEvents });
      handles.push(memory, redis);
      const sides = [memory.store, redis.store].map((store) => ({ store, names: new Map<string, string>() }));
      const canon = (names: Map<string, string>, value: unknown): unknown => {
        if (Array.isArray(value)) return value.map((v) => canon(names, v));
        if (typeof value === 'string') return names.get(value) ?? value;
        if (typeof value !== 'object' || value === null) return value;
        const obj = value as Record<string, unknown>;
        for (const key of ['from', 'ticket']) {
          const id = (obj[key] as { id?: string } | undefined)?.id;
          if (id !== undefined && !names.has(id)) names.set(id, `T${names.size}`);
        }
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, canon(names, v)]));
      };
      const both = async (work: (store: TicketStore, id: (name: string) => string) => Promise<unknown>) => {
        const results = [];
        for (const side of sides) {
          const id = (name: string): string =>
            [...side.names.entries()].find(([, n]) => n === name)?.[0] ?? 'AAAAAAAAAAAAAAAAAAAAAA';
          const r = await work(side.store, id).then(
            (v) => ({ ok: canon(side.names, v) }),
            (e: unknown) => {
              if (!(e instanceof QueueError)) throw e;
              return { error: e.code, details: e.details };
            },
          );
          results.push(r);
        }
        expect(results[1]).toEqual(results[0]);
        return results[0];
      };
      return { clock, both };
    }

    it('trims events, forgets requestIds and follows configuration changes exactly like it', async () => {
      const { clock, both } = await pair(7);
      const office = testOffice({
        policy: { kind: 'ageing', alphaPerMinute: 0.000001, priorityWeight: 100_000 },
      });
      office.counters[1]!.services = [{ serviceId: 'civ' }, { serviceId: 'cert', weight: 99_999.5 }];
      await both((s) => s.putOffice(office));
      const run = (cmd: Command | ((id: (n: string) => string) => Command)) =>
        both((s, id) => s.execute(office.id, typeof cmd === 'function' ? cmd(id) : cmd));
      for (const c of ['c1', 'c2', 'c3', 'c4']) await run({ type: 'openCounter', counterId: c });
      for (let i = 0; i < 12; i++) {
        await run({
          type: 'issue',
          serviceId: ['civ', 'cert', 'land'][i % 3]!,
          channel: 'kiosk',
          priority: i % 4 === 1,
          requestId: `x${i === 7 ? 2 : i}`,
        });
        clock.advance(45_000);
      }
      await run({ type: 'callNext', counterId: 'c2' });
      await run((id) => ({
        type: 'transfer',
        ticketId: id('T3'),
        to: { counterId: 'c2' },
        position: 'issueTime',
      }));
      await run((id) => ({
        type: 'transfer',
        ticketId: id('T4'),
        to: { serviceId: 'civ' },
        position: 'front',
      }));
      await run({ type: 'callNext', counterId: 'c4' });
      await run({ type: 'callNext', counterId: 'c3' });

      // The configuration changes: c4 (holding a ticket) goes, c5 comes, the policy changes.
      const changed: OfficeConfig = {
        ...office,
        policy: { kind: 'oldest', priorityEvery: 1 },
        counters: [
          ...office.counters.filter((c) => c.id !== 'c4'),
          { id: 'c5', number: 5, name: 'Quầy 5', services: [{ serviceId: 'cert' }, { serviceId: 'civ' }] },
        ],
      };
      clock.advance(1000);
      await both((s) => s.putOffice(changed));
      await run({ type: 'openCounter', counterId: 'c4' });
      await run({ type: 'openCounter', counterId: 'c5' });
      for (let i = 0; i < 4; i++) {
        await run({ type: 'callNext', counterId: 'c5' });
        await run({ type: 'complete', counterId: 'c5' });
      }
      for (let n = 0; n < 8; n++)
        await run((id) => ({
          type: 'transfer',
          ticketId: id(`T${n}`),
          to: { serviceId: 'land' },
          position: 'back',
        }));

      // A day later the requestIds are forgotten; yesterday's tickets can still be cancelled.
      clock.advance(24 * 3_600_000);
      await run({ type: 'issue', serviceId: 'civ', channel: 'officer', requestId: 'x1' });
      await run({ type: 'issue', serviceId: 'civ', channel: 'officer', requestId: 'x1' });
      for (let n = 0; n < 16; n++) await run((id) => ({ type: 'cancel', ticketId: id(`T${n}`) }));

      const {
        ok: { seq },
      } = (await both((s) => s.getState(office.id))) as { ok: { seq: number } };
      expect(seq).toBeGreaterThan(35);
      for (let after = -2; after <= seq + 1; after++) {
        for (const limit of [1, 3, 1000]) await both((s) => s.eventsSince(office.id, after, limit));
      }
      for (let n = 0; n < 20; n++) await both((s, id) => s.getTicket(office.id, id(`T${n}`)));
      await both((s) => s.getOffice(office.id));
    });
  });
});
