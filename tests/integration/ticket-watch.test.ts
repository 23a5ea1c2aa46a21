/**
 * The citizen's phone page over the socket: an anonymous connection watches its ticket by id
 * (`ticket:watch`) and hears that ticket's changes (`ticket:changed`) and nothing else — called
 * with the counter, transferred (and where to), completed — on both engines and across processes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { TicketStore } from '../../server/store/types.js';
import { createContext } from '../../server/app.js';
import { AccountAuthenticator } from '../../server/auth/authenticator.js';
import { FileAccountStore } from '../../server/auth/file-account-store.js';
import { loadConfig } from '../../server/config.js';
import { MAX_WATCHED_TICKETS } from '../../server/realtime/handlers/watch.js';
import { registerRealtime } from '../../server/realtime/socket-server.js';
import { randomTicketId } from '../../shared/domain/ids.js';
import type { Ticket } from '../../shared/domain/types.js';
import {
  TICKET_CHANGED,
  type Ack,
  type LiveEvent,
  type PublicTicket,
  type TicketChange,
} from '../../shared/protocol/events.js';
import { TestClock } from '../helpers/clock.js';
import { engines, REDIS_URL, redisEngine, TEST_TMP } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';
import {
  client,
  closedAfterEach,
  code,
  ok,
  request,
  startRig,
  Watcher,
  type LiveClient,
  type LiveRig,
} from '../helpers/realtime.js';

const track = closedAfterEach();

/**
 * A phone: an anonymous websocket-only connection that keeps every packet it receives (events by
 * name, and the acks of its watches) to check later that nothing personal ever reached it.
 */
class Phone {
  readonly changes: TicketChange[] = [];
  readonly everything: { name: string; payload: unknown }[] = [];

  constructor(readonly socket: LiveClient) {
    socket.onAny((name: string, payload: unknown) => this.everything.push({ name, payload }));
    socket.on(TICKET_CHANGED, (change) => this.changes.push(change));
  }

  static async connect(url: string): Promise<Phone> {
    return new Phone(track(await client(url, { websocketOnly: true })));
  }

  async watch(ticketId: string): Promise<Ack<unknown>> {
    const res = await request(this.socket, 'ticket:watch', { ticketId });
    this.everything.push({ name: 'ack', payload: res });
    return res;
  }

  /** The next change (of `ticketId`, if given) after the ones already seen; rejects after `ms`. */
  async next(count: number, ms = 5000): Promise<TicketChange> {
    const deadline = Date.now() + ms;
    while (this.changes.length < count) {
      if (Date.now() > deadline) throw new Error(`no change #${count} within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return this.changes[count - 1] as TicketChange;
  }
}

async function rigFor(engineIndex: number): Promise<LiveRig> {
  const clock = new TestClock('2026-11-30T09:00');
  const engine = engines[engineIndex];
  if (!engine) throw new Error('no engine');
  return track(await startRig(engine, testOffice(), { clock: clock.fn }));
}

async function issue(rig: LiveRig, serviceId = 'civ', extra: Partial<{ priorityReason: string }> = {}) {
  const e = await rig.exec({
    type: 'issue',
    serviceId,
    channel: 'kiosk',
    ...(extra.priorityReason !== undefined && { priority: true, priorityReason: extra.priorityReason }),
  });
  return e.ticket as Ticket;
}

async function openCounter(rig: LiveRig, counterId: string): Promise<void> {
  await rig.exec({ type: 'signIn', counterId, officerId: `officer-${counterId}` });
  await rig.exec({ type: 'openCounter', counterId });
}

/** Lets a few event-loop turns pass, for "nothing else arrived" checks. */
const settle = (ms = 100) => new Promise((r) => setTimeout(r, ms));

describe.each(engines.map((e, i) => [e.name, i, e.available] as const))(
  'watching a ticket on the %s engine',
  (_name, index, available) => {
    it.skipIf(!available)(
      'answers the public view, then tells the watcher its own ticket is called at counter 1, served, done',
      async () => {
        const rig = await rigFor(index);
        const first = await issue(rig);
        const mine = await issue(rig);
        await openCounter(rig, 'c1');
        const phone = await Phone.connect(rig.url);

        const view = ok<PublicTicket>(await phone.watch(mine.id));
        expect(view).toMatchObject({
          id: mine.id,
          number: mine.number,
          serviceId: 'civ',
          service: { vi: 'Hộ tịch', en: 'Civil status' },
          status: 'waiting',
          ahead: 1,
        });

        // Someone else's call is not this phone's business.
        const other = await rig.exec({ type: 'callNext', counterId: 'c1' });
        expect(other.ticket?.id).toBe(first.id);
        await rig.exec({ type: 'complete', counterId: 'c1' });
        await settle();
        expect(phone.changes).toEqual([]);

        const called = await rig.exec({ type: 'callNext', counterId: 'c1' });
        expect(await phone.next(1)).toEqual({
          id: mine.id,
          officeId: rig.office.id,
          seq: called.seq,
          at: called.at,
          type: 'called',
          status: 'called',
          number: mine.number,
          serviceId: 'civ',
          recalls: 0,
          counter: { id: 'c1', number: 1, name: 'Quầy 1' },
          calledAt: called.at,
        });

        await rig.exec({ type: 'recall', counterId: 'c1' });
        expect(await phone.next(2)).toMatchObject({ type: 'recalled', status: 'called', recalls: 1 });
        await rig.exec({ type: 'startServing', counterId: 'c1' });
        expect(await phone.next(3)).toMatchObject({
          type: 'serving',
          status: 'serving',
          counter: { number: 1 },
        });
        await rig.exec({ type: 'complete', counterId: 'c1' });
        const done = await phone.next(4);
        expect(done).toMatchObject({ type: 'completed', status: 'done' });
        expect(done.counter).toBeUndefined();

        // Nothing of the office's stream: only this ticket's changes, and in seq order.
        expect(new Set(phone.everything.map((p) => p.name))).toEqual(new Set(['ack', TICKET_CHANGED]));
        const seqs = phone.changes.map((c) => c.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      },
    );

    it.skipIf(!available)(
      'tells the watcher of a transferred ticket its new id, and watching the old id again follows it',
      async () => {
        const rig = await rigFor(index);
        const mine = await issue(rig);
        await openCounter(rig, 'c4');
        const phone = await Phone.connect(rig.url);
        ok(await phone.watch(mine.id));

        const moved = await rig.exec({
          type: 'transfer',
          ticketId: mine.id,
          to: { serviceId: 'cert' },
          position: 'back',
        });
        const newId = moved.ticket?.id as string;
        expect(newId).not.toBe(mine.id);
        expect(await phone.next(1)).toMatchObject({
          id: mine.id,
          type: 'transferred',
          status: 'transferred',
          transferredTo: newId,
        });

        // The phone keeps the id of its QR: watching it again lands on the new entry.
        const followed = ok<PublicTicket>(await phone.watch(mine.id));
        expect(followed).toMatchObject({ id: newId, serviceId: 'cert', status: 'waiting', ahead: 0 });
        await rig.exec({ type: 'callNext', counterId: 'c4' });
        expect(await phone.next(2)).toMatchObject({
          id: newId,
          type: 'called',
          counter: { id: 'c4', number: 4, name: 'Quầy 4' },
        });
        // The old room was left: one change per event, not two.
        await settle();
        expect(phone.changes).toHaveLength(2);
      },
    );

    it.skipIf(!available)(
      'tells the watcher when its ticket is completed after a no-show and requeue',
      async () => {
        const rig = await rigFor(index);
        const mine = await issue(rig);
        await openCounter(rig, 'c1');
        const phone = await Phone.connect(rig.url);
        ok(await phone.watch(mine.id));
        await rig.exec({ type: 'callNext', counterId: 'c1' });
        await rig.exec({ type: 'noShow', counterId: 'c1' });
        expect(await phone.next(2)).toMatchObject({ type: 'no-show', status: 'no_show' });
        await rig.exec({ type: 'requeue', ticketId: mine.id, position: 'front' });
        expect(await phone.next(3)).toMatchObject({ type: 'requeued', status: 'waiting' });
        await rig.exec({ type: 'callNext', counterId: 'c1' });
        await rig.exec({ type: 'complete', counterId: 'c1' });
        expect(await phone.next(5)).toMatchObject({ type: 'completed', status: 'done' });
        // A watch after the end still answers: the page shows its thanks on a reload.
        expect(ok<PublicTicket>(await phone.watch(mine.id))).toMatchObject({ status: 'done', ahead: 0 });
      },
    );

    it.skipIf(!available)(
      'answers TICKET_NOT_FOUND for an unknown id and INVALID_INPUT for nonsense',
      async () => {
        const rig = await rigFor(index);
        const phone = await Phone.connect(rig.url);
        expect(code(await phone.watch(randomTicketId()))).toBe('TICKET_NOT_FOUND');
        for (const bad of [
          undefined,
          null,
          'abc',
          {},
          { ticketId: 5 },
          { ticketId: '' },
          { ticketId: 'has space' },
          { ticketId: '../x' },
          { ticketId: 'x'.repeat(129) },
          { ticketId: 'abc', officeId: 'extra' },
        ]) {
          expect(code(await request(phone.socket, 'ticket:watch', bad)), JSON.stringify(bad)).toBe(
            'INVALID_INPUT',
          );
        }
        expect(code(await request(phone.socket, 'ticket:unwatch', { nope: 1 }))).toBe('INVALID_INPUT');
        // Failed watches take no slot.
        expect(phone.socket.connected).toBe(true);
        const tickets = await Promise.all(Array.from({ length: MAX_WATCHED_TICKETS }, () => issue(rig)));
        for (const t of tickets) expect(code(await phone.watch(t.id))).toBe('ok');
      },
    );

    it.skipIf(!available)(`lets one connection watch at most ${MAX_WATCHED_TICKETS} tickets`, async () => {
      const rig = await rigFor(index);
      const tickets: Ticket[] = [];
      for (let i = 0; i <= MAX_WATCHED_TICKETS; i++) tickets.push(await issue(rig));
      const extra = tickets.pop() as Ticket;
      const phone = await Phone.connect(rig.url);
      // At once: the bound holds against concurrent requests too.
      const answers = await Promise.all([...tickets, extra].map((t) => phone.watch(t.id)));
      expect(answers.map(code).filter((c) => c === 'ok')).toHaveLength(MAX_WATCHED_TICKETS);
      expect(answers.map(code).filter((c) => c !== 'ok')).toEqual(['RATE_LIMITED']);
      const refused = [...tickets, extra].find((_, i) => code(answers[i] as Ack<unknown>) === 'RATE_LIMITED');
      const kept = [...tickets, extra].filter((t) => t !== refused);
      // Watching one already watched again (a reconnect, a transfer) takes no new slot.
      expect(code(await phone.watch(kept[0]?.id as string))).toBe('ok');
      expect(code(await phone.watch(randomTicketId()))).toBe('RATE_LIMITED');
      // Letting one go frees its slot, and its changes stop.
      ok(await request(phone.socket, 'ticket:unwatch', { ticketId: kept[0]?.id }));
      expect(code(await phone.watch((refused as Ticket).id))).toBe('ok');
      // Another connection has slots of its own.
      const other = await Phone.connect(rig.url);
      expect(code(await other.watch(kept[0]?.id as string))).toBe('ok');
      await openCounter(rig, 'c1');
      await rig.exec({ type: 'call', counterId: 'c1', ticketId: kept[0]?.id as string });
      expect(await other.next(1)).toMatchObject({ id: kept[0]?.id, type: 'called' });
      await settle();
      expect(phone.changes).toEqual([]);
    });

    it.skipIf(!available)(
      'never gives an anonymous watcher the priority reason, the officer or the office stream',
      async () => {
        const rig = await rigFor(index);
        const reason = 'Người khuyết tật — thẻ số 0042';
        const mine = await issue(rig, 'civ', { priorityReason: reason });
        await openCounter(rig, 'c1');
        await openCounter(rig, 'c2');
        // Staff and a display watch the office too: the broadcaster then shapes per audience.
        const staff = new Watcher(
          track(await client(rig.url, { token: (await rig.user('supervisor', [rig.office.id])).token })),
          rig.office.id,
        );
        await staff.join();
        const display = new Watcher(
          track(
            await client(rig.url, {
              token: (await rig.device('display', rig.office.id)).token,
              websocketOnly: true,
            }),
          ),
          rig.office.id,
        );
        await display.join();
        const phone = await Phone.connect(rig.url);
        ok(await phone.watch(mine.id));
        // Office requests stay closed to it.
        expect(code(await request(phone.socket, 'office:subscribe', { officeId: rig.office.id }))).toBe(
          'UNAUTHENTICATED',
        );

        await rig.exec({ type: 'callNext', counterId: 'c1' });
        await rig.exec({ type: 'recall', counterId: 'c1' });
        const moved = await rig.exec({
          type: 'transfer',
          ticketId: mine.id,
          to: { counterId: 'c2' },
          position: 'front',
        });
        ok(await phone.watch(mine.id));
        await rig.exec({ type: 'callNext', counterId: 'c2' });
        await rig.exec({ type: 'startServing', counterId: 'c2' });
        await rig.exec({ type: 'complete', counterId: 'c2', outcome: 'ok' });
        await phone.next(6);
        await staff.until(moved.seq + 3);

        // The staff stream did carry the reason: the check below is not vacuous.
        expect(JSON.stringify(staff.received)).toContain(reason);
        const seen = JSON.stringify(phone.everything);
        expect(seen).not.toContain(reason);
        expect(seen).not.toContain('priorityReason');
        expect(seen).not.toContain('"priority"');
        expect(seen).not.toContain('officer-c');
        expect(seen).not.toContain('channel');
        expect(phone.everything.every((p) => p.name === 'ack' || p.name === TICKET_CHANGED)).toBe(true);
        // Nor the display, as before.
        expect(JSON.stringify(display.received satisfies LiveEvent[])).not.toContain(reason);
      },
    );

    it.skipIf(!available)('keeps anonymous watchers through the credentials sweep', async () => {
      const rig = await rigFor(index);
      const mine = await issue(rig);
      await openCounter(rig, 'c1');
      const phone = await Phone.connect(rig.url);
      ok(await phone.watch(mine.id));
      // The rig sweeps every 200 ms: several sweeps pass.
      await settle(700);
      expect(phone.socket.connected).toBe(true);
      expect(rig.app.realtime.connectedByKind()).toMatchObject({ anonymous: 1 });
      await rig.exec({ type: 'callNext', counterId: 'c1' });
      expect(await phone.next(1)).toMatchObject({ type: 'called' });
    });
  },
);

describe.skipIf(!redisEngine.available)('watching a ticket across processes (Redis adapter)', () => {
  /** One "process": an app with the socket layer and the adapter, its own store on a shared namespace. */
  async function serverOn(
    namespace: string,
  ): Promise<{ url: string; store: TicketStore; app: FastifyInstance }> {
    const clock = new TestClock('2026-11-30T09:00');
    const handle = await redisEngine.create({ namespace, clock: clock.fn });
    const accountsDir = await mkdtemp(join(TEST_TMP, 'luot-watch-accounts-'));
    const accounts = await FileAccountStore.open({ dataDir: accountsDir });
    const ctx = createContext({
      store: handle.store,
      accounts,
      config: loadConfig({ LOG_LEVEL: 'silent', REDIS_URL, REDIS_NAMESPACE: namespace }),
      clock: clock.fn,
    });
    const store = ctx.store;
    const app = Fastify();
    await registerRealtime(app, ctx, { authenticator: new AccountAuthenticator(accounts) });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    track({
      async close() {
        await app.close();
        await accounts.close();
        await rm(accountsDir, { recursive: true, force: true });
        await handle.dispose();
      },
    });
    return { url, store, app };
  }

  it('tells a phone connected to process B that its ticket was called through process A', async () => {
    const namespace = `tw${Math.random().toString(36).slice(2, 8)}`;
    const office = testOffice();
    const b = await serverOn(namespace);
    const a = await serverOn(namespace);
    track.last(async () => {
      const { store } = await redisEngine.create({ namespace });
      await (store as unknown as { dropNamespace(): Promise<void> }).dropNamespace();
      await store.close();
    });
    await a.store.putOffice(office);
    const mine = (await a.store.execute(office.id, { type: 'issue', serviceId: 'civ', channel: 'kiosk' }))
      .ticket as Ticket;
    await a.store.execute(office.id, { type: 'signIn', counterId: 'c3', officerId: 'o3' });
    await a.store.execute(office.id, { type: 'openCounter', counterId: 'c3' });

    const phone = await Phone.connect(b.url);
    expect(ok<PublicTicket>(await phone.watch(mine.id))).toMatchObject({ id: mine.id, status: 'waiting' });
    await a.store.execute(office.id, { type: 'callNext', counterId: 'c3' });
    expect(await phone.next(1)).toMatchObject({
      id: mine.id,
      type: 'called',
      counter: { id: 'c3', number: 3, name: 'Quầy 3' },
    });
    // Each event went out once (from A only): no duplicate on B.
    await settle();
    expect(phone.changes).toHaveLength(1);
  });
});
