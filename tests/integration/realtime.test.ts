/**
 * Live events over a real listening server and real socket.io clients, on both engines: order and
 * completeness under load, convergence after a disconnect (replay, or a snapshot when the events
 * are gone), and who may read or command what.
 */
import { describe, expect, it } from 'vitest';
import { toLiveEvent } from '../../server/realtime/live-event.js';
import { cookieOriginAllowed } from '../../server/realtime/socket-server.js';
import { EVENT_TYPES } from '../../shared/domain/types.js';
import type { CommandResult, LiveEvent, Snapshot } from '../../shared/protocol/events.js';
import { TestClock } from '../helpers/clock.js';
import { engines } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';
import {
  client,
  closedAfterEach,
  code,
  ok,
  picture,
  request,
  startRig,
  Watcher,
  type LiveClient,
  type LiveRig,
} from '../helpers/realtime.js';

const track = closedAfterEach();

async function rigFor(
  engineIndex: number,
  opts: { maxEvents?: number } = {},
): Promise<{ rig: LiveRig; clock: TestClock }> {
  const clock = new TestClock('2026-11-30T09:00');
  const engine = engines[engineIndex];
  if (!engine) throw new Error('no engine');
  const rig = track(await startRig(engine, testOffice(), { clock: clock.fn, ...opts }));
  return { rig, clock };
}

/** An officer signed in at `counterId` with the counter open, over the socket. */
async function officerAt(rig: LiveRig, counterId: string): Promise<LiveClient> {
  const { token } = await rig.user('officer', [rig.office.id]);
  const socket = track(await client(rig.url, { token }));
  const officeId = rig.office.id;
  ok(await request(socket, 'counter:command', { officeId, counterId, action: 'sign-in' }));
  ok(await request(socket, 'counter:command', { officeId, counterId, action: 'open', body: {} }));
  return socket;
}

/** The snapshot a subscriber would get now. */
async function storeState(rig: LiveRig): Promise<Snapshot> {
  return rig.snapshot();
}

describe.each(engines.map((e, i) => [e.name, i, e.available] as const))(
  'live events on the %s engine',
  (_name, index, available) => {
    it.skipIf(!available)(
      'gives a display every call in seq order, none lost, while 120 tickets are called',
      async () => {
        const { rig } = await rigFor(index);
        const officeId = rig.office.id;
        const display = track(
          await client(rig.url, {
            token: (await rig.device('display', officeId)).token,
            websocketOnly: true,
          }),
        );
        const watcher = new Watcher(display, officeId);
        await watcher.join();
        const start = watcher.feed.seq ?? 0;

        const consoles = await Promise.all(
          ['c1', 'c2', 'c4'].map(async (c) => [c, await officerAt(rig, c)] as const),
        );
        const TOTAL = 120;
        let issued = 0;
        let called = 0;
        const issuing = (async () => {
          for (; issued < TOTAL; issued++) {
            await rig.exec({ type: 'issue', serviceId: issued % 2 === 0 ? 'civ' : 'cert', channel: 'kiosk' });
          }
        })();
        // Officers call and complete as fast as the queue lets them, concurrently with the kiosk.
        await Promise.all(
          consoles.map(async ([counterId, socket]) => {
            while (called < TOTAL) {
              const res = ok<CommandResult>(
                await request(socket, 'counter:command', { officeId, counterId, action: 'call-next' }),
              );
              if (!res.ticket) {
                await new Promise((r) => setTimeout(r, 2));
                continue;
              }
              called++;
              ok(await request(socket, 'counter:command', { officeId, counterId, action: 'complete' }));
            }
          }),
        );
        await issuing;

        const final = await storeState(rig);
        await watcher.until(final.seq);
        const seqs = watcher.received.map((e) => e.seq);
        // In order as they arrived, no gap, no resync needed.
        expect(seqs).toEqual(Array.from({ length: final.seq - start }, (_, i) => start + 1 + i));
        expect(watcher.results).toEqual(['snapshot']);
        const calls = watcher.received.filter((e) => e.type === 'called');
        expect(calls).toHaveLength(TOTAL);
        expect(new Set(calls.map((e) => e.ticket?.id)).size).toBe(TOTAL);
        // The display's events are the store's own, shaped for devices.
        const logged = await rig.store.eventsSince(officeId, start, 10_000);
        expect(watcher.received).toEqual(logged.events.map((e) => toLiveEvent(e, 'device')));
        // And its picture, built from snapshot + events, is the store's.
        expect(picture(watcher.state)).toEqual(picture(final));
      },
    );

    it.skipIf(!available)(
      'keeps a display’s picture equal to the snapshot through every kind of event',
      async () => {
        const { rig } = await rigFor(index);
        const officeId = rig.office.id;
        const display = track(
          await client(rig.url, {
            token: (await rig.device('display', officeId)).token,
            websocketOnly: true,
          }),
        );
        const watcher = new Watcher(display, officeId);
        await watcher.join();
        const boss = track(
          await client(rig.url, { token: (await rig.user('supervisor', [officeId])).token }),
        );
        const c2 = await officerAt(rig, 'c2');
        const c3 = await officerAt(rig, 'c3');
        const at = async (
          socket: LiveClient,
          counterId: string,
          action: string,
          body: object = {},
        ): Promise<CommandResult> =>
          ok<CommandResult>(await request(socket, 'counter:command', { officeId, counterId, action, body }));
        const onTicket = async (
          action: string,
          ticketId: string,
          body: object = {},
        ): Promise<CommandResult> =>
          ok<CommandResult>(await request(boss, 'ticket:command', { officeId, ticketId, action, body }));
        const issue = async (serviceId: string): Promise<string> => {
          const e = await rig.exec({ type: 'issue', serviceId, channel: 'kiosk' });
          return e.ticket?.id ?? '';
        };
        const steps: (() => Promise<unknown>)[] = [
          () => issue('civ'),
          () => issue('cert'),
          () => issue('civ'),
          () => issue('land'),
          () => at(c2, 'c2', 'call-next'),
          () => at(c2, 'c2', 'recall'),
          () => at(c2, 'c2', 'start'),
          () => at(c2, 'c2', 'transfer', { serviceId: 'land', position: 'front' }),
          () => at(c3, 'c3', 'call-next'),
          () => at(c3, 'c3', 'no-show'),
          async () =>
            onTicket('requeue', (await rig.snapshot()).recentCalls[0]?.ticketId ?? '', { position: 'front' }),
          () => at(c3, 'c3', 'call-next'),
          () => at(c3, 'c3', 'transfer', { counterId: 'c2', position: 'issueTime' }),
          () => at(c2, 'c2', 'call-next'),
          () => at(c2, 'c2', 'complete', { outcome: 'Đã xong' }),
          async () => onTicket('cancel', await issue('cert')),
          () => at(c3, 'c3', 'pause', {}),
          () => at(boss, 'c3', 'open'),
          () => at(c2, 'c2', 'call-next'),
          () => at(c2, 'c2', 'no-show'),
          async () => onTicket('cancel', (await rig.snapshot()).recentCalls[0]?.ticketId ?? ''),
          () => at(c3, 'c3', 'close'),
          () => at(c3, 'c3', 'sign-out'),
        ];
        for (const step of steps) {
          await step();
          const expected = await rig.snapshot();
          await watcher.until(expected.seq);
          expect(picture(watcher.state)).toEqual(picture(expected));
        }
        expect(new Set(watcher.applied.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
        expect(watcher.results).toEqual(['snapshot']);
      },
    );

    it.skipIf(!available)(
      'brings a display that was away up to date by replaying what it missed',
      async () => {
        const { rig } = await rigFor(index);
        const officeId = rig.office.id;
        const display = track(
          await client(rig.url, {
            token: (await rig.device('display', officeId)).token,
            websocketOnly: true,
          }),
        );
        const watcher = new Watcher(display, officeId);
        await watcher.join();
        const c1 = await officerAt(rig, 'c1');
        for (let i = 0; i < 5; i++) await rig.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk' });
        await watcher.until((await storeState(rig)).seq);

        display.disconnect();
        for (let i = 0; i < 3; i++) {
          ok(await request(c1, 'counter:command', { officeId, counterId: 'c1', action: 'call-next' }));
          ok(await request(c1, 'counter:command', { officeId, counterId: 'c1', action: 'complete' }));
        }
        await rig.exec({
          type: 'issue',
          serviceId: 'cert',
          channel: 'kiosk',
          priority: true,
          priorityReason: 'Người cao tuổi',
        });
        display.connect();
        await new Promise<void>((r) => display.once('connect', () => r()));
        await watcher.join();

        const final = await storeState(rig);
        await watcher.until(final.seq);
        expect(watcher.results).toEqual(['snapshot', 'events']);
        const seqs = watcher.applied.map((e) => e.seq);
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => (seqs[0] ?? 0) + i));
        expect(seqs.at(-1)).toBe(final.seq);
        expect(picture(watcher.state)).toEqual(picture(final));
        // Replayed events are shaped for the device like live ones.
        expect(watcher.applied.at(-1)?.ticket).not.toHaveProperty('priorityReason');
      },
    );

    it.skipIf(!available)(
      'answers a gap in seq with the missing events, and never applies one twice',
      async () => {
        const { rig } = await rigFor(index);
        const officeId = rig.office.id;
        const display = track(
          await client(rig.url, {
            token: (await rig.device('display', officeId)).token,
            websocketOnly: true,
          }),
        );
        const watcher = new Watcher(display, officeId);
        await watcher.join();
        // Leave the room behind the feed's back: it misses these events and only learns from the next.
        ok(await request(display, 'office:unsubscribe', { officeId }));
        for (let i = 0; i < 10; i++) await rig.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk' });
        ok(await request(display, 'office:subscribe', { officeId }));
        // A retried command republishes its first event (old seq): the feed ignores it.
        await rig.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk', requestId: 'retry-1' });
        await rig.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk', requestId: 'retry-1' });
        await rig.exec({ type: 'issue', serviceId: 'cert', channel: 'kiosk' });

        const final = await storeState(rig);
        await watcher.until(final.seq);
        expect(watcher.results).toEqual(['snapshot', 'events']);
        expect(watcher.applied.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
        expect(watcher.received.filter((e) => e.seq === 11)).toHaveLength(2);
        expect(picture(watcher.state)).toEqual(picture(final));
      },
    );

    it.skipIf(!available)(
      'gives a fresh snapshot instead when the missed events are no longer kept',
      async () => {
        const { rig } = await rigFor(index, { maxEvents: 5 });
        const officeId = rig.office.id;
        const display = track(
          await client(rig.url, {
            token: (await rig.device('display', officeId)).token,
            websocketOnly: true,
          }),
        );
        const watcher = new Watcher(display, officeId);
        await watcher.join();
        const c2 = await officerAt(rig, 'c2');
        for (let i = 0; i < 3; i++) await rig.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk' });
        await watcher.until((await storeState(rig)).seq);

        display.disconnect();
        for (let i = 0; i < 20; i++)
          await rig.exec({ type: 'issue', serviceId: i % 2 ? 'civ' : 'cert', channel: 'kiosk' });
        ok(await request(c2, 'counter:command', { officeId, counterId: 'c2', action: 'call-next' }));
        display.connect();
        await new Promise<void>((r) => display.once('connect', () => r()));
        await watcher.join();

        const final = await storeState(rig);
        await watcher.until(final.seq);
        expect(watcher.results).toEqual(['snapshot', 'snapshot']);
        expect(picture(watcher.state)).toEqual(picture(final));
        // Live again afterwards.
        ok(await request(c2, 'counter:command', { officeId, counterId: 'c2', action: 'complete' }));
        await watcher.until(final.seq + 1);
        expect(picture(watcher.state)).toEqual(picture(await storeState(rig)));
      },
    );

    it.skipIf(!available)(
      'replays events when few are missing and a snapshot when too many are',
      async () => {
        const { rig } = await rigFor(index);
        const officeId = rig.office.id;
        const { token } = await rig.device('kiosk', officeId);
        const kiosk = track(await client(rig.url, { token, websocketOnly: true }));
        for (let i = 0; i < 520; i++)
          await rig.exec({ type: 'issue', serviceId: i % 2 ? 'civ' : 'cert', channel: 'kiosk' });
        const near = ok<{ kind: string; events: LiveEvent[]; seq: number }>(
          await request(kiosk, 'office:replay', { officeId, since: 100 }),
        );
        expect(near.kind).toBe('events');
        expect(near.events.map((e) => e.seq)).toEqual(Array.from({ length: 420 }, (_, i) => 101 + i));
        const far = ok<{ kind: string; snapshot: Snapshot }>(
          await request(kiosk, 'office:replay', { officeId, since: 3 }),
        );
        expect(far.kind).toBe('snapshot');
        expect(far.snapshot.seq).toBe(520);
        const ahead = ok<{ kind: string }>(await request(kiosk, 'office:replay', { officeId, since: 9999 }));
        expect(ahead.kind).toBe('snapshot');
        const current = ok<{ kind: string; events: LiveEvent[] }>(
          await request(kiosk, 'office:replay', { officeId, since: 520 }),
        );
        expect(current).toEqual({ kind: 'events', events: [], seq: 520 });
      },
    );

    it.skipIf(!available)('checks who may read and command, with the codes of the HTTP API', async () => {
      const { rig } = await rigFor(index);
      const officeId = rig.office.id;
      const other = testOffice();
      await rig.store.putOffice(other);
      const sub = { officeId };
      const callNext = (counterId: string): Record<string, string> => ({
        officeId,
        counterId,
        action: 'call-next',
      });

      const anonymous = track(await client(rig.url));
      expect(code(await request(anonymous, 'office:subscribe', sub))).toBe('UNAUTHENTICATED');
      expect(code(await request(anonymous, 'office:replay', { officeId, since: 0 }))).toBe('UNAUTHENTICATED');
      expect(code(await request(anonymous, 'counter:command', callNext('c1')))).toBe('UNAUTHENTICATED');
      expect(
        code(await request(anonymous, 'ticket:command', { officeId, ticketId: 'x', action: 'cancel' })),
      ).toBe('UNAUTHENTICATED');
      // Anonymous callers learn nothing about the request format either.
      expect(code(await request(anonymous, 'office:subscribe', { nonsense: true }))).toBe('UNAUTHENTICATED');

      const foreignDisplay = track(
        await client(rig.url, { token: (await rig.device('display', other.id)).token, websocketOnly: true }),
      );
      expect(code(await request(foreignDisplay, 'office:subscribe', sub))).toBe('FORBIDDEN');
      expect(code(await request(foreignDisplay, 'office:replay', { officeId, since: 0 }))).toBe('FORBIDDEN');
      expect(code(await request(foreignDisplay, 'office:subscribe', { officeId: other.id }))).toBe('ok');

      const display = track(
        await client(rig.url, { token: (await rig.device('display', officeId)).token, websocketOnly: true }),
      );
      expect(code(await request(display, 'office:subscribe', sub))).toBe('ok');
      expect(code(await request(display, 'counter:command', callNext('c1')))).toBe('FORBIDDEN');
      expect(
        code(await request(display, 'counter:command', { officeId, counterId: 'c1', action: 'sign-in' })),
      ).toBe('FORBIDDEN');
      expect(
        code(await request(display, 'ticket:command', { officeId, ticketId: 'x', action: 'cancel' })),
      ).toBe('FORBIDDEN');
      const kiosk = track(
        await client(rig.url, { token: (await rig.device('kiosk', officeId)).token, websocketOnly: true }),
      );
      expect(code(await request(kiosk, 'office:subscribe', sub))).toBe('ok');
      expect(code(await request(kiosk, 'counter:command', callNext('c1')))).toBe('FORBIDDEN');

      const stranger = track(await client(rig.url, { token: (await rig.user('officer', [other.id])).token }));
      expect(code(await request(stranger, 'office:subscribe', sub))).toBe('FORBIDDEN');
      expect(
        code(await request(stranger, 'counter:command', { officeId, counterId: 'c1', action: 'sign-in' })),
      ).toBe('FORBIDDEN');
      expect(
        code(await request(stranger, 'ticket:command', { officeId, ticketId: 'x', action: 'cancel' })),
      ).toBe('FORBIDDEN');

      // An officer operates only the counter they are signed in at.
      const anna = track(await client(rig.url, { token: (await rig.user('officer', [officeId])).token }));
      expect(code(await request(anna, 'counter:command', callNext('c1')))).toBe('FORBIDDEN');
      expect(
        code(await request(anna, 'counter:command', { officeId, counterId: 'c1', action: 'sign-in' })),
      ).toBe('ok');
      expect(code(await request(anna, 'counter:command', callNext('c1')))).toBe('COUNTER_NOT_OPEN');
      expect(
        code(await request(anna, 'counter:command', { officeId, counterId: 'c1', action: 'open' })),
      ).toBe('ok');
      expect(ok(await request(anna, 'counter:command', callNext('c1')))).toMatchObject({
        event: null,
        ticket: null,
        counter: { id: 'c1', status: 'open' },
      });
      expect(code(await request(anna, 'counter:command', callNext('c2')))).toBe('FORBIDDEN');
      const binh = track(await client(rig.url, { token: (await rig.user('officer', [officeId])).token }));
      expect(code(await request(binh, 'counter:command', callNext('c1')))).toBe('FORBIDDEN');
      expect(
        code(await request(binh, 'counter:command', { officeId, counterId: 'c1', action: 'sign-in' })),
      ).toBe('COUNTER_TAKEN');
      expect(
        code(await request(binh, 'counter:command', { officeId, counterId: 'c9', action: 'sign-in' })),
      ).toBe('UNKNOWN_COUNTER');

      // A supervisor acts at any counter of the office; an admin reads any office.
      const boss = track(await client(rig.url, { token: (await rig.user('supervisor', [officeId])).token }));
      const ticket = await rig.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk' });
      const called = ok<CommandResult>(await request(boss, 'counter:command', callNext('c1')));
      expect(called.ticket?.id).toBe(ticket.ticket?.id);
      expect(called.counter?.currentTicketId).toBe(ticket.ticket?.id);
      expect(called.event).toMatchObject({ type: 'called', seq: expect.any(Number) });
      const admin = track(await client(rig.url, { token: (await rig.user('admin', [])).token }));
      expect(code(await request(admin, 'office:subscribe', { officeId: other.id }))).toBe('ok');
      expect(code(await request(admin, 'office:subscribe', { officeId: 'no-such-office' }))).toBe(
        'OFFICE_NOT_FOUND',
      );

      // Malformed requests from staff: INVALID_INPUT with what is wrong.
      const fly = await request(anna, 'counter:command', { officeId, counterId: 'c1', action: 'fly' });
      expect(code(fly)).toBe('INVALID_INPUT');
      const call = await request(anna, 'counter:command', {
        officeId,
        counterId: 'c1',
        action: 'call',
        body: {},
      });
      expect(call).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        details: { problems: [expect.stringMatching(/ticketId/)] },
      });
      expect(
        code(await request(anna, 'counter:command', { officeId, counterId: 'c1', action: 'open', extra: 1 })),
      ).toBe('INVALID_INPUT');
      expect(
        code(
          await request(anna, 'counter:command', {
            officeId,
            counterId: 'c1',
            action: 'open',
            body: { requestId: 5 },
          }),
        ),
      ).toBe('INVALID_INPUT');
      expect(code(await request(display, 'office:replay', { officeId, since: -1 }))).toBe('INVALID_INPUT');
      expect(code(await request(anna, 'counter:command', 'not an object'))).toBe('INVALID_INPUT');
      // The engine's own checks come back in the same envelope.
      expect(
        code(
          await request(boss, 'counter:command', {
            officeId,
            counterId: 'c1',
            action: 'call',
            body: { ticketId: 'nope' },
          }),
        ),
      ).toBe('TICKET_NOT_FOUND');
    });

    it.skipIf(!available)('sends staff the whole ticket and devices no priority reason', async () => {
      const { rig } = await rigFor(index);
      const officeId = rig.office.id;
      const display = track(
        await client(rig.url, { token: (await rig.device('display', officeId)).token, websocketOnly: true }),
      );
      const boss = track(await client(rig.url, { token: (await rig.user('supervisor', [officeId])).token }));
      ok(await request(display, 'office:subscribe', { officeId }));
      ok(await request(boss, 'office:subscribe', { officeId }));
      const seen = (socket: LiveClient): Promise<LiveEvent> =>
        new Promise((r) => socket.once('ticket:issued', r));
      const [onDisplay, onBoss] = [seen(display), seen(boss)];
      await rig.exec({
        type: 'issue',
        serviceId: 'civ',
        channel: 'kiosk',
        priority: true,
        priorityReason: 'Khuyết tật',
        requestId: 'r1',
      });
      const [d, b] = await Promise.all([onDisplay, onBoss]);
      expect(b.ticket).toMatchObject({ priority: true, priorityReason: 'Khuyết tật' });
      expect(d.ticket).toMatchObject({ priority: true });
      expect(d.ticket).not.toHaveProperty('priorityReason');
      expect(d).not.toHaveProperty('requestId');
      expect(b).not.toHaveProperty('requestId');
      expect(Object.keys(d).sort()).toEqual(['at', 'officeId', 'seq', 'ticket', 'type']);
    });

    it.skipIf(!available)(
      'stops a revoked display at its next request and disconnects it soon after',
      async () => {
        const { rig } = await rigFor(index);
        const officeId = rig.office.id;
        const { token, deviceId } = await rig.device('display', officeId);
        const display = track(await client(rig.url, { token, websocketOnly: true }));
        ok(await request(display, 'office:subscribe', { officeId }));
        expect(rig.app.realtime.connectedByKind()).toMatchObject({ display: 1 });
        const gone = new Promise<string>((r) => display.once('disconnect', r));
        await rig.accounts.revokeDevice(deviceId);
        expect(code(await request(display, 'office:replay', { officeId, since: 0 }))).toBe('UNAUTHENTICATED');
        // Then the server ends the connection (and says so: the client does not reconnect).
        expect(await gone).toBe('io server disconnect');
        expect(rig.app.realtime.connectedByKind()).toMatchObject({ display: 0 });

        // One that only listens is found by the sweep (every 200 ms in the rig).
        const second = await rig.device('display', officeId);
        const listener = track(await client(rig.url, { token: second.token, websocketOnly: true }));
        ok(await request(listener, 'office:subscribe', { officeId }));
        const ended = new Promise<string>((r) => listener.once('disconnect', r));
        await rig.accounts.revokeDevice(second.deviceId);
        expect(await ended).toBe('io server disconnect');
      },
    );
  },
);

describe('the handshake', () => {
  it('takes the session cookie only from the app’s own origin or a configured one', async () => {
    const { rig } = await rigFor(0);
    const officeId = rig.office.id;
    const { token } = await rig.user('officer', [officeId]);
    const cookie = `luot_session=${token}`;
    const host = new URL(rig.url).host;
    const same = track(await client(rig.url, { headers: { cookie, origin: `http://${host}` } }));
    expect(code(await request(same, 'office:subscribe', { officeId }))).toBe('ok');
    const noOrigin = track(await client(rig.url, { headers: { cookie } }));
    expect(code(await request(noOrigin, 'office:subscribe', { officeId }))).toBe('ok');
    const foreign = track(
      await client(rig.url, { headers: { cookie, origin: 'https://evil.example' }, websocketOnly: true }),
    );
    expect(code(await request(foreign, 'office:subscribe', { officeId }))).toBe('UNAUTHENTICATED');
    // A token is no ambient credential: it counts from anywhere.
    const withToken = track(
      await client(rig.url, { token, headers: { origin: 'https://evil.example' }, websocketOnly: true }),
    );
    expect(code(await request(withToken, 'office:subscribe', { officeId }))).toBe('ok');
    expect(rig.app.realtime.connectedByKind()).toMatchObject({ officer: 3, anonymous: 1, display: 0 });
  });

  it('judges a cookie’s origin as the HTTP API’s CSRF check does', () => {
    const listed = ['https://tv.example.vn'];
    expect(cookieOriginAllowed(undefined, 'luot.local:8080', [])).toBe(true);
    expect(cookieOriginAllowed('http://luot.local:8080', 'luot.local:8080', [])).toBe(true);
    expect(cookieOriginAllowed('http://LUOT.local:8080', 'luot.local:8080', [])).toBe(true);
    expect(cookieOriginAllowed('http://luot.local:9090', 'luot.local:8080', [])).toBe(false);
    expect(cookieOriginAllowed('https://tv.example.vn', 'luot.local:8080', listed)).toBe(true);
    expect(cookieOriginAllowed('null', 'luot.local:8080', listed)).toBe(false);
    expect(cookieOriginAllowed('file:///kiosk.html', 'luot.local:8080', listed)).toBe(false);
  });

  it('closes with the app at once, leaving clients free to reconnect', async () => {
    const { rig } = await rigFor(0);
    const officeId = rig.office.id;
    const display = track(
      await client(rig.url, { token: (await rig.device('display', officeId)).token, websocketOnly: true }),
    );
    const staff = track(await client(rig.url, { token: (await rig.user('officer', [officeId])).token }));
    ok(await request(display, 'office:subscribe', { officeId }));
    const reasons = Promise.all(
      [display, staff].map((s) => new Promise<string>((r) => s.once('disconnect', r))),
    );
    const started = Date.now();
    await rig.app.close();
    expect(Date.now() - started).toBeLessThan(2000);
    // A transport that went away (not "io server disconnect"): socket.io-client tries again.
    for (const reason of await reasons) expect(reason).toMatch(/^transport (close|error)$/);
    expect(display.active && staff.active).toBe(true);
  });
});
