/**
 * Accuracy on real data, through the server on both engines: a ticket issued after the estimator's
 * first refresh is told an estimate and that very estimate is logged on it (Ticket.prediction, in
 * the staff view); the accuracy endpoint then compares what each ticket was told with when it was
 * first called — exact figures — for supervisors and admins only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../shared/domain/wait-time/index.js';
import type { TicketPrediction } from '../../shared/domain/types.js';
import type { AccuracyReport } from '../../shared/protocol/estimates.js';
import type { IssuedTicket, TicketView, WaitEstimate } from '../../shared/protocol/http.js';
import { ANONYMOUS_CALLER, startApi, type ApiRig, type Caller } from '../helpers/api.js';
import { engines } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

const MIN = 60_000;

/** The prediction an estimate is logged as. */
function loggedAs(e: WaitEstimate): TicketPrediction {
  const p: TicketPrediction = { minutes: e.minutes, version: MODEL_VERSION };
  if (e.low !== undefined && e.high !== undefined) {
    p.low = e.low;
    p.high = e.high;
  }
  if (/không kịp/.test(e.text.vi)) p.notToday = true;
  return p;
}

/** The figures the endpoint must give for (told, waited) pairs, computed the plain way. */
function expected(pairs: { told: TicketPrediction; waited: number }[]) {
  const n = pairs.length;
  const errors = pairs.map((p) => p.told.minutes - p.waited);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const ranged = pairs.filter((p) => p.told.low !== undefined);
  return {
    n,
    mae: r2(errors.reduce((s, e) => s + Math.abs(e), 0) / n),
    bias: r2(errors.reduce((s, e) => s + e, 0) / n),
    rmse: r2(Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / n)),
    within5: r3(errors.filter((e) => Math.abs(e) <= 5).length / n),
    coverage:
      ranged.length === 0
        ? null
        : r3(
            ranged.filter((p) => p.waited >= p.told.low! && p.waited <= p.told.high!).length / ranged.length,
          ),
    under10: r3(errors.filter((e) => e < -10).length / n),
    ranged: ranged.length,
  };
}

describe.each(engines.filter((e) => e.available))(
  'accuracy of shown estimates on the $name engine',
  (engine) => {
    let rig: ApiRig;
    beforeAll(async () => {
      rig = await startApi(engine, []);
    });
    afterAll(() => rig?.close());

    const call = async (caller: Caller, method: 'GET' | 'POST', url: string, payload?: object) => {
      const res = await rig.call(caller, { method, url, ...(payload && { payload }) });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
      return res.json() as unknown;
    };

    it('logs what each ticket was told, and measures it against its first call', async () => {
      const office = testOffice();
      await rig.store.putOffice(office);
      const base = `/api/offices/${office.id}`;
      const officer = await rig.user('officer', [office.id]);
      const boss = await rig.user('supervisor', [office.id]);
      const kiosk = await rig.device('kiosk', office.id);
      await call(officer, 'POST', `${base}/counters/c1/sign-in`);
      await call(officer, 'POST', `${base}/counters/c1/open`);

      const issue = async (serviceId: string, extra: object = {}) =>
        (await call(kiosk, 'POST', `${base}/tickets`, { serviceId, ...extra })) as IssuedTicket;
      const staffView = async (id: string) =>
        (await call(officer, 'GET', `${base}/tickets/${id}`)) as TicketView;
      const accuracy = async () => (await call(boss, 'GET', `${base}/estimates/accuracy`)) as AccuracyReport;

      // Before the estimator's first refresh: nothing shown, nothing logged.
      const early = await issue('land');
      expect(early.estimate).toBeNull();
      expect(await staffView(early.id)).not.toHaveProperty('prediction');
      await expect
        .poll(
          async () =>
            ((await call(ANONYMOUS_CALLER, 'GET', `/api/tickets/${early.id}`)) as IssuedTicket).estimate,
          {
            timeout: 5_000,
          },
        )
        .not.toBeNull();

      // A queue at c1 (one counter for civ, 8 minutes a ticket), and a refresh that has seen it: the
      // last of these is then told its own wait, some twenty minutes or more.
      const queue: IssuedTicket[] = [];
      for (let i = 0; i < 4; i++) queue.push(await issue('civ'));
      await expect
        .poll(
          async () =>
            ((await call(ANONYMOUS_CALLER, 'GET', `/api/tickets/${queue[3]!.id}`)) as IssuedTicket).estimate
              ?.minutes ?? 0,
          { timeout: 5_000 },
        )
        .toBeGreaterThanOrEqual(15);
      // Told something (or nothing, issued before the refresh) and never called: "not called" tomorrow.
      let neverCalled = 0;
      for (const t of queue) if ((await staffView(t.id)).prediction) neverCalled++;

      // Each ticket is told the last refresh's figure for its service and class, and that very figure
      // is what the ticket carries.
      const a = await issue('civ');
      const b = await issue('civ');
      const d = await issue('civ', { priority: true });
      const e = await issue('civ');
      const f = await issue('civ', { requestId: 'accuracy-f' });
      const told = new Map<string, TicketPrediction>();
      for (const t of [a, b, d, e, f]) {
        expect(t.estimate, t.number).not.toBeNull();
        // Behind the queue, a range; a priority ticket goes first ("dưới 5 phút", no range).
        if (t !== d) expect(t.estimate!.low, t.number).toBeDefined();
        const view = await staffView(t.id);
        expect(view.prediction, t.number).toEqual(loggedAs(t.estimate!));
        told.set(t.id, view.prediction!);
      }
      // A retried issue answers with the first ticket and what it was told then.
      const again = await issue('civ', { requestId: 'accuracy-f' });
      expect(again.id).toBe(f.id);
      expect(loggedAs(again.estimate!)).toEqual(told.get(f.id));

      // Nothing called yet: nothing to measure.
      const before = await accuracy();
      expect(before.today.date).toBe('2026-11-30');
      expect(before.today.all).toMatchObject({ n: 0, mae: null, coverage: null, notCalled: 0 });

      // e moves to another queue before its first call: not counted.
      await call(boss, 'POST', `${base}/tickets/${e.id}/transfer`, { serviceId: 'cert' });
      // a waits 12 min; d 20; b 31 (called, absent, requeued, called again at 50: its first call counts),
      // ahead of the queue issued before them (an explicit call).
      const callAt = async (ticketId: string, end: 'complete' | 'no-show') => {
        await call(officer, 'POST', `${base}/counters/c1/call`, { ticketId });
        await call(officer, 'POST', `${base}/counters/c1/${end}`, { ticketId });
      };
      rig.clock.advance(12 * MIN);
      await callAt(a.id, 'complete');
      rig.clock.advance(8 * MIN);
      await callAt(d.id, 'complete');
      rig.clock.advance(11 * MIN);
      await callAt(b.id, 'no-show');
      await call(officer, 'POST', `${base}/tickets/${b.id}/requeue`, { position: 'front' });
      rig.clock.advance(19 * MIN);
      await callAt(b.id, 'complete');

      const waited = { [a.id]: 12, [d.id]: 20, [b.id]: 31 };
      const pairs = [a, d, b].map((t) => ({ told: told.get(t.id)!, waited: waited[t.id]! }));
      const report = await accuracy();
      const civ = { serviceId: 'civ', ...expected(pairs), notCalled: 0, notTodayTold: 0, notTodayHit: 0 };
      expect(report.modelVersion).toBe(MODEL_VERSION);
      expect(report.today.date).toBe('2026-11-30');
      expect(report.today.services.map((s) => s.serviceId)).toEqual(['civ', 'cert', 'land']);
      expect(report.today.services[0]).toEqual(civ);
      expect(report.today.services[1]).toMatchObject({ serviceId: 'cert', n: 0, mae: null });
      const { serviceId: _s, ...all } = civ;
      expect(report.today.all).toEqual(all);
      expect(report.last30).toMatchObject({ from: '2026-11-01', to: '2026-11-30', all });

      // The next day: f and the queue, told an estimate, were never called (the early ticket was told
      // nothing; e's new entry is not counted).
      rig.clock.set('2026-12-01T08:00');
      const next = await accuracy();
      expect(next.today).toMatchObject({ date: '2026-12-01', all: { n: 0, notCalled: 0 } });
      expect(next.last30).toMatchObject({
        from: '2026-11-02',
        to: '2026-12-01',
        all: { ...all, notCalled: 1 + neverCalled },
      });
    });

    it('is for supervisors of the office and admins: officers 403, anonymous 401, unknown office 404', async () => {
      const office = testOffice();
      await rig.store.putOffice(office);
      const url = `/api/offices/${office.id}/estimates/accuracy`;
      const officer = await rig.user('officer', [office.id]);
      const elsewhere = testOffice();
      await rig.store.putOffice(elsewhere);
      const otherBoss = await rig.user('supervisor', [elsewhere.id]);
      const get = (caller: Caller, u = url) => rig.call(caller, { method: 'GET', url: u });
      expect((await get(officer)).statusCode).toBe(403);
      expect((await get(otherBoss)).statusCode).toBe(403);
      expect((await get(ANONYMOUS_CALLER)).statusCode).toBe(401);
      const fresh = await get(rig.admin);
      expect(fresh.statusCode).toBe(200);
      expect((fresh.json() as AccuracyReport).today.all.n).toBe(0);
      expect((await get(rig.admin, '/api/offices/no-such-office/estimates/accuracy')).statusCode).toBe(404);
    });
  },
);
