import { describe, expect, it } from 'vitest';
import type {
  CounterState,
  EventType,
  OfficeConfig,
  OfficeEvent,
  Ticket,
} from '../../shared/domain/types.js';
import {
  arrivalKey,
  coldStartModel,
  DEFAULT_P_ABSENT,
  DEFAULT_SIGMA,
  initialLearnerState,
  learn,
  MODEL_VERSION,
  type LearnerState,
} from '../../shared/domain/wait-time/model.js';
import { testOffice } from '../helpers/office.js';

const MIN = 60_000;
/** Monday 30/11/2026 unless said otherwise. */
const at = (hhmm: string, date = '2026-11-30'): number => Date.parse(`${date}T${hhmm}:00+07:00`);

let seq = 0;
function event(
  office: OfficeConfig,
  type: EventType,
  when: number,
  parts: { ticket?: Ticket; counter?: CounterState },
): OfficeEvent {
  return { officeId: office.id, seq: ++seq, at: when, type, ...parts };
}

function ticket(
  office: OfficeConfig,
  serviceId: string,
  issuedAt: number,
  extra: Partial<Ticket> = {},
): Ticket {
  return {
    id: `t${++seq}`,
    officeId: office.id,
    serviceId,
    number: '1001',
    seqNo: 1,
    businessDate: new Date(issuedAt + 7 * 3_600_000).toISOString().slice(0, 10),
    priority: false,
    channel: 'kiosk',
    status: 'waiting',
    issuedAt,
    recalls: 0,
    sortKey: issuedAt,
    ordinal: seq,
    ...extra,
  };
}

/** A `completed` event: called at `calledAt`, done `minutes` later at `counterId`. */
function completed(
  office: OfficeConfig,
  serviceId: string,
  calledAt: number,
  minutes: number,
  counterId = 'c1',
) {
  const t = ticket(office, serviceId, calledAt - 10 * MIN, {
    status: 'done',
    calledAt,
    finishedAt: calledAt + minutes * MIN,
    counterId,
  });
  return event(office, 'completed', calledAt + minutes * MIN, { ticket: t });
}

function noShow(office: OfficeConfig, issuedAt: number, calledAt: number, finishedAt: number): OfficeEvent {
  const t = ticket(office, 'civ', issuedAt, { status: 'no_show', calledAt, finishedAt, counterId: 'c1' });
  return event(office, 'no-show', finishedAt, { ticket: t });
}

function counterEvent(office: OfficeConfig, id: string, status: CounterState['status'], when: number) {
  return event(office, 'counter-updated', when, {
    counter: { id, status, normalsSincePriority: 0, since: when },
  });
}

const run = (state: LearnerState, office: OfficeConfig, events: OfficeEvent[]): LearnerState =>
  events.reduce((s, e) => learn(s, office, e), state);

/** Recursively frozen: any mutation by the reducer throws (ES modules are strict). */
function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object') {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

const PRIOR_MU_CIV = Math.log(8) - (DEFAULT_SIGMA * DEFAULT_SIGMA) / 2;

describe('coldStartModel', () => {
  it('reads serviceMinutes as the mean, with a CV of 0.6; speeds 1; no arrivals; modest absences', () => {
    const office = testOffice();
    const m = coldStartModel(office, '2026-11-30');
    expect(m.version).toBe(MODEL_VERSION);
    expect(Object.keys(m.services)).toEqual(['civ', 'cert', 'land']);
    for (const s of office.services) {
      const d = m.services[s.id]!;
      expect(Math.exp(d.mu + (d.sigma * d.sigma) / 2)).toBeCloseTo(s.serviceMinutes, 10);
      expect(d.sigma).toBeCloseTo(0.5545, 4);
      expect(d.n).toBe(0);
    }
    expect(m.counterSpeed).toEqual({ c1: 1, c2: 1, c3: 1, c4: 1 });
    expect(m.arrivals).toEqual({});
    expect(m.today).toEqual({ date: '2026-11-30', factor: 1 });
    expect(m.pAbsent).toEqual([...DEFAULT_P_ABSENT]);
    expect(m.skipMs).toBe(60_000);
    expect(m.pausePerHour).toBe(0);
  });
});

describe('learn: durations and speeds', () => {
  it('the first completion moves mu a quarter of the way (prior worth 3 observations)', () => {
    const office = testOffice();
    const s = learn(
      initialLearnerState(office, at('08:00')),
      office,
      completed(office, 'civ', at('08:30'), 12),
    );
    const civ = s.model.services.civ!;
    expect(civ.n).toBe(1);
    expect(civ.mu).toBeCloseTo(PRIOR_MU_CIV + 0.25 * (Math.log(12) - PRIOR_MU_CIV), 12);
    // The speed moves 1/11 of the way (prior worth 10) toward exp(mu − ln 12): slower than 1.
    expect(s.model.counterSpeed.c1).toBeCloseTo(Math.exp((PRIOR_MU_CIV - Math.log(12)) / 11), 12);
    expect(s.model.services.cert).toEqual(coldStartModel(office, '2026-11-30').services.cert);
  });

  it('serving time counts from servingAt when there is one', () => {
    const office = testOffice();
    const state = initialLearnerState(office, at('08:00'));
    const t = ticket(office, 'civ', at('08:00'), {
      status: 'done',
      calledAt: at('08:20'),
      servingAt: at('08:26'),
      finishedAt: at('08:38'),
      counterId: 'c1',
    });
    const viaServing = learn(state, office, event(office, 'completed', at('08:38'), { ticket: t }));
    const direct = learn(state, office, completed(office, 'civ', at('08:26'), 12));
    expect(viaServing.model.services.civ).toEqual(direct.model.services.civ);
  });

  it('many completions: the counter’s predicted duration converges to the observed one', () => {
    const office = testOffice();
    const events = Array.from({ length: 200 }, (_, i) =>
      completed(office, 'civ', at('08:00') + i * 13 * MIN, 12, i % 2 ? 'c1' : 'c2'),
    );
    const s = run(initialLearnerState(office, at('07:00')), office, events);
    const civ = s.model.services.civ!;
    expect(civ.n).toBe(200);
    expect(civ.mu).toBeGreaterThan(PRIOR_MU_CIV);
    for (const c of ['c1', 'c2']) {
      expect(civ.mu - Math.log(s.model.counterSpeed[c]!)).toBeCloseTo(Math.log(12), 1);
    }
    // All durations equal: the spread shrinks to its floor.
    expect(civ.sigma).toBeCloseTo(0.1, 2);
  });

  it('speeds are clipped to 0.5–2', () => {
    const office = testOffice();
    // Two counters share civ, one 16 times faster: the service settles between them (ln 4) and the
    // speeds it implies, 4 and 1/4, are clipped.
    const events = Array.from({ length: 1200 }, (_, i) =>
      i % 2
        ? completed(office, 'civ', at('08:00') + i * MIN, 1, 'c2')
        : completed(office, 'civ', at('08:00') + i * MIN, 16, 'c1'),
    );
    const s = run(initialLearnerState(office, at('07:00')), office, events);
    expect(s.model.counterSpeed.c2).toBe(2);
    expect(s.model.counterSpeed.c1).toBe(0.5);
    expect(s.model.counterSpeed.c3).toBe(1);
  });
});

describe('learn: arrivals', () => {
  const issue = (office: OfficeConfig, serviceId: string, when: number, priority = false) =>
    event(office, 'issued', when, { ticket: ticket(office, serviceId, when, { priority }) });

  it('a finished day is folded into its weekday’s 15-minute slots, as tickets per hour', () => {
    const office = testOffice();
    const monday = [
      issue(office, 'civ', at('08:05')),
      issue(office, 'civ', at('08:06')),
      issue(office, 'civ', at('08:07'), true),
      issue(office, 'civ', at('08:14')),
      issue(office, 'cert', at('09:40')),
    ];
    let s = run(initialLearnerState(office, at('07:00')), office, monday);
    expect(s.model.arrivals).toEqual({}); // not before the day is over
    s = learn(s, office, counterEvent(office, 'c1', 'open', at('07:30', '2026-12-01')));
    // 08:00–08:15 is slot 32, 09:30–09:45 slot 38.
    expect(s.model.arrivals).toEqual({
      [arrivalKey('civ', false, 'mon', 32)]: 12,
      [arrivalKey('civ', true, 'mon', 32)]: 4,
      [arrivalKey('cert', false, 'mon', 38)]: 4,
    });
    expect(s.daysSeen).toEqual({ mon: 1 });

    // The next Monday: one civ ticket in slot 32. Second day of the weekday: the plain mean.
    s = run(s, office, [
      issue(office, 'civ', at('08:10', '2026-12-07')),
      counterEvent(office, 'c1', 'closed', at('07:00', '2026-12-08')),
    ]);
    expect(s.model.arrivals[arrivalKey('civ', false, 'mon', 32)]).toBe(8);
    expect(s.model.arrivals[arrivalKey('civ', true, 'mon', 32)]).toBe(2);
    expect(s.model.arrivals[arrivalKey('cert', false, 'mon', 38)]).toBe(2);
    // Tuesday (folded too) had no tickets: nothing above the floor.
    expect(Object.keys(s.model.arrivals).some((k) => k.includes('|tue|'))).toBe(false);
  });

  it('a learner started mid-day does not count the morning it missed as empty', () => {
    const office = testOffice();
    let s = initialLearnerState(office, at('10:00'));
    s = run(s, office, [
      issue(office, 'civ', at('10:05')),
      counterEvent(office, 'c1', 'open', at('08:00', '2026-12-01')),
    ]);
    expect(s.model.arrivals).toEqual({ [arrivalKey('civ', false, 'mon', 40)]: 4 });
  });

  it('the same-day multiplier: today so far ÷ the profile so far, shrunk to 1 early on', () => {
    const office = testOffice();
    let s = initialLearnerState(office, at('07:00'));
    // Learn a Monday with 4 tickets 08:00–08:15 (16 an hour).
    s = run(s, office, [
      ...['08:01', '08:04', '08:08', '08:12'].map((h) => issue(office, 'civ', at(h))),
      counterEvent(office, 'c1', 'open', at('07:30', '2026-12-07')),
    ]);
    expect(s.model.today).toEqual({ date: '2026-12-07', factor: 1 });
    // Before 08:00 the profile expects nothing yet: the factor stays 1.
    s = learn(s, office, issue(office, 'civ', at('07:45', '2026-12-07')));
    expect(s.model.today.factor).toBe(1);
    // By 08:12, 3.2 were expected (12/15 of the slot); 9 came: (9 + 20)/(3.2 + 20).
    s = run(
      s,
      office,
      Array.from({ length: 8 }, (_, i) => issue(office, 'civ', at('08:12', '2026-12-07') + i)),
    );
    expect(s.model.today.date).toBe('2026-12-07');
    expect(s.model.today.factor).toBeCloseTo(29 / 23.2, 10);
  });
});

describe('learn: absences, skips, pauses', () => {
  it('P(absent) per wait bin: no-shows against citizens present, shrunk to the default (weight 20)', () => {
    const office = testOffice();
    const issued = at('09:00');
    const calledAt = issued + 5 * MIN; // bin 0
    const present = (i: number) =>
      event(office, 'serving', calledAt + i, {
        ticket: ticket(office, 'civ', issued, { status: 'serving', calledAt, servingAt: calledAt + i }),
      });
    const events = [
      ...Array.from({ length: 10 }, (_, i) => noShow(office, issued, calledAt, calledAt + MIN + i)),
      ...Array.from({ length: 10 }, (_, i) => present(i)),
    ];
    const s = run(initialLearnerState(office, at('08:00')), office, events);
    expect(s.model.pAbsent[0]).toBeCloseTo((10 + 20 * 0.02) / (20 + 20), 12);
    expect(s.model.pAbsent.slice(1)).toEqual(DEFAULT_P_ABSENT.slice(1));
    // A wait of 50 minutes lands in bin 3; beyond the last bin, the last one.
    const late = learn(s, office, noShow(office, issued, issued + 50 * MIN, issued + 51 * MIN));
    expect(late.model.pAbsent[3]).toBeCloseTo((1 + 20 * 0.05) / 21, 12);
    const later = learn(s, office, noShow(office, issued, issued + 300 * MIN, issued + 301 * MIN));
    expect(later.model.pAbsent[7]).toBeCloseTo((1 + 20 * 0.12) / 21, 12);
  });

  it('a completion straight from "called" counts as present; one after "serving" is not counted twice', () => {
    const office = testOffice();
    const s0 = initialLearnerState(office, at('08:00'));
    const s1 = learn(s0, office, completed(office, 'civ', at('09:00'), 5));
    expect(s1.called[0]).toBe(1);
    const t = ticket(office, 'civ', at('08:55'), {
      status: 'done',
      calledAt: at('09:00'),
      servingAt: at('09:01'),
      finishedAt: at('09:06'),
      counterId: 'c1',
    });
    const s2 = learn(s0, office, event(office, 'completed', at('09:06'), { ticket: t }));
    expect(s2.called[0]).toBe(0);
  });

  it('skip time: from the call to the no-show, shrunk to 60 s (prior worth 3)', () => {
    const office = testOffice();
    const s = learn(
      initialLearnerState(office, at('08:00')),
      office,
      noShow(office, at('09:00'), at('09:10'), at('09:12')),
    );
    expect(s.model.skipMs).toBe(60_000 + 0.25 * (120_000 - 60_000));
  });

  it('pauses: rate per open hour and mean length, from open → paused → open', () => {
    const office = testOffice();
    let s = run(initialLearnerState(office, at('07:00')), office, [
      counterEvent(office, 'c1', 'open', at('08:00')),
      counterEvent(office, 'c1', 'paused', at('09:00')),
    ]);
    // One pause in one open hour, shrunk with one hour of no pauses.
    expect(s.model.pausePerHour).toBe(0.5);
    s = learn(s, office, counterEvent(office, 'c1', 'open', at('09:12')));
    expect(s.model.pauseMeanMs).toBe(10 * MIN + 0.25 * (12 * MIN - 10 * MIN));
    // A pause at 11:25 is lunch, not a random pause; a lunch-long pause's length is not learned.
    const lunch = run(s, office, [
      counterEvent(office, 'c1', 'paused', at('11:25')),
      counterEvent(office, 'c1', 'open', at('13:30')),
    ]);
    expect(lunch.pauses).toBe(s.pauses);
    expect(lunch.model.pauseMeanMs).toBe(s.model.pauseMeanMs);
    expect(lunch.openHours).toBeCloseTo(s.openHours + (11 * 60 + 25 - (9 * 60 + 12)) / 60, 10);
  });
});

describe('learn: a pure reducer over JSON', () => {
  it('never mutates its input, and its state survives JSON', () => {
    const office = testOffice();
    const events = [
      counterEvent(office, 'c1', 'open', at('07:30')),
      event(office, 'issued', at('08:00'), { ticket: ticket(office, 'civ', at('08:00')) }),
      completed(office, 'civ', at('08:10'), 7),
      noShow(office, at('08:00'), at('08:20'), at('08:21')),
      counterEvent(office, 'c1', 'paused', at('09:00')),
      counterEvent(office, 'c1', 'open', at('09:05')),
      counterEvent(office, 'c1', 'open', at('08:00', '2026-12-01')),
    ];
    let s = deepFreeze(initialLearnerState(office, at('07:00')));
    for (const e of events) {
      const next = learn(s, office, e);
      expect(JSON.parse(JSON.stringify(next))).toEqual(next);
      s = deepFreeze(next);
    }
    expect(s.model.services.civ!.n).toBe(1);
  });
});
