/**
 * The accuracy tally of shown estimates (server/estimates/accuracy.ts) on hand-made event
 * sequences, with exact figures: the wait is issue → FIRST call, error = told − waited, and the
 * exclusions (transferred or cancelled before the first call), "not called" at the end of the day,
 * "not today" predictions, 31 days kept, a replayed event never counted twice.
 */
import { describe, expect, it } from 'vitest';
import {
  accuracyReport,
  AccuracyTracker,
  ACCURACY_KEY,
  emptyAccuracy,
  figuresOf,
  tallyEvent,
  type AccuracyState,
  type AccuracyTally,
} from '../../server/estimates/accuracy.js';
import type { EventsPage, TicketStore } from '../../server/store/types.js';
import type {
  EventType,
  OfficeConfig,
  OfficeEvent,
  Ticket,
  TicketPrediction,
} from '../../shared/domain/types.js';
import { TestClock } from '../helpers/clock.js';
import { testOffice } from '../helpers/office.js';

const V = 'replay-1';
const at = TestClock.vn;

/** Makes an office's events ticket by ticket, as the engines would (snapshots after each change). */
class Log {
  readonly events: OfficeEvent[] = [];
  private readonly tickets = new Map<string, Ticket>();
  constructor(readonly office: OfficeConfig) {}

  private push(type: EventType, time: number, ticket: Ticket, from?: Ticket): OfficeEvent {
    const e: OfficeEvent = { officeId: this.office.id, seq: this.events.length + 1, at: time, type, ticket };
    if (from) e.from = from;
    this.events.push(e);
    this.tickets.set(ticket.id, ticket);
    if (from) this.tickets.set(from.id, from);
    return e;
  }

  private get(id: string): Ticket {
    const t = this.tickets.get(id);
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }

  issue(id: string, local: string, prediction?: TicketPrediction, serviceId = 'civ'): OfficeEvent {
    const time = at(local);
    const t: Ticket = {
      id,
      officeId: this.office.id,
      serviceId,
      number: id,
      seqNo: 1,
      businessDate: local.slice(0, 10),
      priority: false,
      channel: 'kiosk',
      status: 'waiting',
      issuedAt: time,
      recalls: 0,
      sortKey: time,
      ordinal: this.events.length + 1,
    };
    if (prediction) t.prediction = prediction;
    return this.push('issued', time, t);
  }

  call(id: string, local: string): OfficeEvent {
    const time = at(local);
    return this.push('called', time, { ...this.get(id), status: 'called', calledAt: time, counterId: 'c1' });
  }

  recall(id: string, local: string): OfficeEvent {
    const t = this.get(id);
    return this.push('recalled', at(local), { ...t, recalls: t.recalls + 1 });
  }

  noShow(id: string, local: string): OfficeEvent {
    return this.push('no-show', at(local), { ...this.get(id), status: 'no_show', finishedAt: at(local) });
  }

  requeue(id: string, local: string): OfficeEvent {
    const { counterId: _c, finishedAt: _f, ...t } = this.get(id);
    return this.push('requeued', at(local), { ...t, status: 'waiting' });
  }

  complete(id: string, local: string): OfficeEvent {
    return this.push('completed', at(local), { ...this.get(id), status: 'done', finishedAt: at(local) });
  }

  cancel(id: string, local: string): OfficeEvent {
    return this.push('cancelled', at(local), { ...this.get(id), status: 'cancelled', finishedAt: at(local) });
  }

  /** The engines' transfer: the new entry keeps the prediction (and the issue time). */
  transfer(id: string, newId: string, local: string, serviceId = 'cert'): OfficeEvent {
    const t = this.get(id);
    const { calledAt: _a, counterId: _c, ...base } = t;
    const moved: Ticket = {
      ...base,
      id: newId,
      serviceId,
      status: 'waiting',
      recalls: 0,
      transferredFrom: id,
    };
    const from: Ticket = { ...t, status: 'transferred', finishedAt: at(local), transferredTo: newId };
    return this.push('transferred', at(local), moved, from);
  }

  /** Any event on `local` (a counter opening): moves the tally's day on. */
  tick(local: string): OfficeEvent {
    const e: OfficeEvent = {
      officeId: this.office.id,
      seq: this.events.length + 1,
      at: at(local),
      type: 'counter-updated',
      counter: { id: 'c1', status: 'open', normalsSincePriority: 0, since: at(local) },
    };
    this.events.push(e);
    return e;
  }

  tally(state = emptyAccuracy(0)): AccuracyState {
    for (const e of this.events) tallyEvent(state, e, this.office.timeZone);
    return state;
  }
}

const told = (minutes: number, low?: number, high?: number): TicketPrediction =>
  low === undefined || high === undefined ? { minutes, version: V } : { minutes, low, high, version: V };

const tallyOf = (s: AccuracyState, date: string, serviceId = 'civ'): AccuracyTally | undefined =>
  s.days[date]?.[serviceId];

describe('accuracy tally of shown estimates', () => {
  const office = testOffice();

  it('a ticket told 15 min (10–20) and called after 22: error −7, not within 5, outside the range, not under10', () => {
    const log = new Log(office);
    log.issue('a', '2026-11-30T08:00', told(15, 10, 20));
    log.call('a', '2026-11-30T08:22');
    const s = log.tally();
    expect(tallyOf(s, '2026-11-30')).toEqual({
      n: 1,
      sumAbs: 7,
      sumErr: -7,
      sumSq: 49,
      within5: 0,
      ranged: 1,
      inside: 0,
      under10: 0,
      notTodayTold: 0,
      notCalled: 0,
      notTodayHit: 0,
    });
    expect(figuresOf(tallyOf(s, '2026-11-30')!)).toEqual({
      n: 1,
      mae: 7,
      bias: -7,
      rmse: 7,
      within5: 0,
      coverage: 0,
      under10: 0,
      ranged: 1,
      notCalled: 0,
      notTodayTold: 0,
      notTodayHit: 0,
    });
    expect(s.pending).toEqual({});
  });

  it('sums tickets: MAE, bias, RMSE, within 5, coverage and under10 exactly', () => {
    const log = new Log(office);
    log.issue('a', '2026-11-30T08:00', told(15, 10, 20)); // waits 22: −7
    log.issue('b', '2026-11-30T08:05', told(20, 15, 25)); // waits 18: +2, within 5, inside
    log.issue('c', '2026-11-30T08:10', told(10, 5, 15)); // waits 25: −15, under10
    log.issue('d', '2026-11-30T08:15', told(5)); // "dưới 5 phút", waits 4: +1, no range
    log.issue('e', '2026-11-30T08:16'); // shown nothing: not counted
    log.call('b', '2026-11-30T08:23');
    log.call('a', '2026-11-30T08:22');
    log.call('c', '2026-11-30T08:35');
    log.call('d', '2026-11-30T08:19');
    log.call('e', '2026-11-30T08:40');
    const t = tallyOf(log.tally(), '2026-11-30')!;
    expect(t).toMatchObject({
      n: 4,
      sumAbs: 25,
      sumErr: -19,
      sumSq: 49 + 4 + 225 + 1,
      within5: 2,
      ranged: 3,
      inside: 1,
      under10: 1,
    });
    expect(figuresOf(t)).toEqual({
      n: 4,
      mae: 6.25, // 25 / 4
      bias: -4.75, // −19 / 4
      rmse: 8.35, // √(279 / 4) = 8.3516…
      within5: 0.5,
      coverage: 0.333,
      under10: 0.25,
      ranged: 3,
      notCalled: 0,
      notTodayTold: 0,
      notTodayHit: 0,
    });
  });

  it('counts the first call only: a recall, a no-show requeued and called again do not count again', () => {
    const log = new Log(office);
    log.issue('a', '2026-11-30T08:00', told(10, 5, 15));
    log.call('a', '2026-11-30T08:12');
    log.recall('a', '2026-11-30T08:13');
    log.noShow('a', '2026-11-30T08:14');
    log.requeue('a', '2026-11-30T08:30');
    log.call('a', '2026-11-30T08:40');
    log.complete('a', '2026-11-30T08:50');
    expect(tallyOf(log.tally(), '2026-11-30')).toMatchObject({ n: 1, sumErr: -2, inside: 1, within5: 1 });
  });

  it('leaves out tickets transferred or cancelled before their first call, and the entries transfers make', () => {
    const log = new Log(office);
    log.issue('a', '2026-11-30T08:00', told(10, 5, 15));
    log.transfer('a', 'a2', '2026-11-30T08:05');
    log.call('a2', '2026-11-30T08:20');
    log.issue('b', '2026-11-30T08:00', told(10, 5, 15));
    log.cancel('b', '2026-11-30T08:07');
    // Transferred after its call: its first call counts; the new entry's call does not.
    log.issue('c', '2026-11-30T08:00', told(20, 15, 25));
    log.call('c', '2026-11-30T08:20');
    log.transfer('c', 'c2', '2026-11-30T08:25');
    log.call('c2', '2026-11-30T08:40');
    const s = log.tally();
    expect(tallyOf(s, '2026-11-30')).toMatchObject({ n: 1, sumErr: 0, notCalled: 0 });
    expect(tallyOf(s, '2026-11-30', 'cert')).toBeUndefined();
    expect(s.pending).toEqual({});
  });

  it('counts tickets not called by the end of their day; "not today" is a hit then, and not in the errors', () => {
    const log = new Log(office);
    log.issue('a', '2026-11-30T16:00', told(40, 30, 55)); // never called
    log.issue('b', '2026-11-30T16:10', { minutes: 50, notToday: true, version: V }); // never called: a hit
    log.issue('c', '2026-11-30T16:20', { minutes: 45, notToday: true, version: V }); // called: a miss
    log.call('c', '2026-11-30T16:55');
    const s = log.tally();
    expect(tallyOf(s, '2026-11-30')).toMatchObject({ n: 0, notTodayTold: 1, notTodayHit: 0, notCalled: 0 });
    expect(Object.keys(s.pending).sort()).toEqual(['a', 'b']);

    // The next day's first event closes the day.
    log.tick('2026-12-01T07:30');
    log.tally(s);
    expect(tallyOf(s, '2026-11-30')).toMatchObject({ n: 0, notTodayTold: 2, notTodayHit: 1, notCalled: 2 });
    expect(s.pending).toEqual({});
    // So does a report on a later day, without any event.
    const quiet = new Log(office);
    quiet.issue('x', '2026-11-30T16:00', told(20, 15, 25));
    const q = quiet.tally();
    const report = accuracyReport(q, office, '2026-12-01', V);
    expect(report.last30.all).toMatchObject({ n: 0, notCalled: 1 });
    expect(report.today.all.notCalled).toBe(0);
  });

  it('never counts an event twice (seq at or before the last one tallied)', () => {
    const log = new Log(office);
    log.issue('a', '2026-11-30T08:00', told(15, 10, 20));
    log.call('a', '2026-11-30T08:22');
    const s = log.tally();
    const again = log.tally(s);
    expect(tallyOf(again, '2026-11-30')?.n).toBe(1);
    expect(s.seq).toBe(2);
  });

  it('keeps 31 days; the report gives today and the 30 days up to today, per service in the office’s order', () => {
    const log = new Log(office);
    // One ticket a day from 2026-11-01 to 2026-12-01, each told 10 and waiting 10 + (day index).
    for (let i = 0; i < 31; i++) {
      const date = new Date(Date.UTC(2026, 10, 1 + i)).toISOString().slice(0, 10);
      log.issue(`t${i}`, `${date}T08:00`, told(10, 5, 15), i % 2 === 0 ? 'civ' : 'cert');
      log.call(`t${i}`, `${date}T08:${String(10 + i).padStart(2, '0')}`);
    }
    const s = log.tally();
    expect(Object.keys(s.days)).toHaveLength(31);
    expect(s.days['2026-11-01']).toBeDefined();
    log.tick('2026-12-02T07:30');
    log.tally(s);
    // 2026-12-02 keeps 2026-11-02 … 2026-12-02: 2026-11-01 is gone.
    expect(s.days['2026-11-01']).toBeUndefined();
    expect(Object.keys(s.days).sort()[0]).toBe('2026-11-02');

    const report = accuracyReport(s, office, '2026-12-01', V);
    expect(report.today.date).toBe('2026-12-01');
    // 2026-12-01 is index 30 (civ): told 10, waited 40.
    expect(report.today.services.map((x) => x.serviceId)).toEqual(['civ', 'cert', 'land']);
    expect(report.today.services[0]).toMatchObject({ n: 1, bias: -30, under10: 1, coverage: 0 });
    expect(report.today.services[1]).toMatchObject({ n: 0, mae: null, within5: null, coverage: null });
    // last30: 2026-11-02 … 2026-12-01 (indexes 1–30): errors −1 … −30.
    expect(report.last30).toMatchObject({ from: '2026-11-02', to: '2026-12-01' });
    expect(report.last30.all).toMatchObject({
      n: 30,
      mae: 15.5,
      bias: -15.5,
      within5: 0.167,
      coverage: 0.167,
    });
    // civ: even indexes 2 … 30 (15 tickets, errors −2, −4 … −30); cert: odd 1 … 29.
    expect(report.last30.services[0]).toMatchObject({ serviceId: 'civ', n: 15, mae: 16 });
    expect(report.last30.services[1]).toMatchObject({ serviceId: 'cert', n: 15, mae: 15 });
    expect(report.modelVersion).toBe(V);
  });

  it('reports a service no longer configured after the office’s own', () => {
    const log = new Log(office);
    log.issue('a', '2026-11-30T08:00', told(15, 10, 20), 'old');
    log.call('a', '2026-11-30T08:15');
    const report = accuracyReport(log.tally(), office, '2026-11-30', V);
    expect(report.today.services.map((x) => x.serviceId)).toEqual(['civ', 'cert', 'land', 'old']);
    expect(report.today.all).toMatchObject({ n: 1, mae: 0, within5: 1, coverage: 1, under10: 0 });
  });
});

describe('accuracy tracker', () => {
  const office = testOffice();

  /** Office data and the event log, in memory: only what the tracker uses. */
  function fakeStore(events: OfficeEvent[]) {
    const data = new Map<string, unknown>();
    const store = {
      async loadOfficeData(_officeId: string, key: string) {
        return structuredClone(data.get(key));
      },
      async saveOfficeData(_officeId: string, key: string, value: unknown) {
        data.set(key, structuredClone(value));
      },
      async eventsSince(_officeId: string, afterSeq: number, limit = 1000): Promise<EventsPage> {
        const page = events.filter((e) => e.seq > afterSeq).slice(0, limit);
        return { events: page, seq: events.length } as EventsPage;
      },
    };
    return { store: store as unknown as TicketStore, data };
  }

  it('starts at the learner’s seq, saves, and fills in from the log what a save behind the learner missed', async () => {
    const log = new Log(office);
    log.issue('a', '2026-11-30T08:00', told(15, 10, 20));
    log.issue('b', '2026-11-30T08:01', told(20, 15, 25));
    log.call('a', '2026-11-30T08:22');
    const { store, data } = fakeStore(log.events);

    // A fresh tracker learns from where the learner is: nothing before.
    const fresh = await AccuracyTracker.open(store, office, 3);
    expect(fresh.state).toEqual(emptyAccuracy(3));

    // Saved after the first event only; the learner had got to 3.
    const behind = emptyAccuracy(0);
    tallyEvent(behind, log.events[0]!, office.timeZone);
    data.set(ACCURACY_KEY, behind);
    const tracker = await AccuracyTracker.open(store, office, 3);
    expect(tracker.state.seq).toBe(3);
    expect(tracker.state.days['2026-11-30']?.civ?.n).toBe(1);
    expect(Object.keys(tracker.state.pending)).toEqual(['b']);

    // Then the learner's catch-up feeds it; an event seen already is ignored.
    log.call('b', '2026-11-30T08:25');
    tracker.observe(office, log.events[2]!);
    tracker.observe(office, log.events[3]!);
    await tracker.save(store);
    const reopened = await AccuracyTracker.open(store, office, 4);
    expect(reopened.state).toEqual(tracker.state);
    expect(reopened.report(office, at('2026-11-30T09:00'), V).today.all).toMatchObject({
      n: 2,
      mae: 5.5, // |15 − 22| and |20 − 24|
      bias: -5.5,
    });
  });
});
