/**
 * The benchmark's offices and their hidden truth (../shared/brief/wait-time.md, "The benchmark").
 * Everything here is known to the simulator and, for the oracle only, to the oracle; the other
 * predictors see the office configuration and the event log, nothing else.
 */
import type { CallingPolicy, OfficeConfig, Session } from '../../../shared/domain/types.js';

export type ScenarioId = 'base' | 'oldest' | 'staggered' | 'mms';
export const SCENARIO_IDS: readonly ScenarioId[] = ['base', 'oldest', 'staggered', 'mms'];

export interface ServiceSpec {
  id: string;
  /** True mean service time at speed 1 (minutes) and its coefficient of variation. */
  meanMin: number;
  cv: number;
  dist: 'lognormal' | 'exponential';
  /** Share of arrivals. */
  share: number;
}

/** A piece of the arrival profile: `perHour` tickets per hour (all services) from `from` to `to` (minutes of the local day). */
export interface Segment {
  from: number;
  to: number;
  perHour: number;
}

export interface Scenario {
  /** A ScenarioId, or a test's own name. */
  id: string;
  description: string;
  office: OfficeConfig;
  services: ServiceSpec[];
  /** Arrival profile (before the day's volume factor). */
  arrivals: Segment[];
  /** A fixed list of arrivals every day instead of the Poisson profile (tests with exact answers). */
  arrivalList?: { minute: number; serviceId: string; priority?: boolean }[];
  /** Day-to-day volume: a lognormal factor of mean 1 and this CV multiplies the whole day's rate. */
  volumeCv: number;
  priorityShare: number;
  /** Hidden officer speed per counter and seed, uniform in this range. */
  speedRange: [number, number];
  /** Citizens leave after a lognormal patience (mean, CV in minutes) but stay in the queue. */
  patience?: { meanMin: number; cv: number };
  /** Share of tickets whose citizen is gone whatever the wait. */
  noShowP: number;
  /** What calling an absent citizen costs the counter (minutes). */
  skipMin: number;
  /** Random pauses: a Poisson process per open counter; a pause starts when the counter is free. */
  pauses?: { perHour: number; meanMin: number; cv: number };
  /** Probability that a counter is absent for the whole day. */
  absentP: number;
  /** Staggered lunch: per counter, the minute of day its lunch pause becomes due and how long it lasts. */
  lunches?: Record<string, { at: number; minutes: number }>;
  /** Officers open their counter up to this many minutes before the session opens. */
  openEarlyMin: number;
  /** Start each day in the stationary state of an M/M/c queue (mms). */
  stationaryStart?: boolean;
  /** Tickets issued before this minute of the day are not scored (the mms start-up). */
  scoreFromMin?: number;
}

const hhmm = (h: number, m = 0): number => h * 60 + m;

const TZ = 'Asia/Ho_Chi_Minh';
const weekdays = (sessions: Session[]): OfficeConfig['sessions'] => ({
  mon: sessions,
  tue: sessions,
  wed: sessions,
  thu: sessions,
  fri: sessions,
});

const TWO_SESSIONS: Session[] = [
  { open: '07:30', close: '11:30', cutoff: '11:00' },
  { open: '13:30', close: '17:00', cutoff: '16:30' },
];
/** Staggered lunch: one long session; counters take their lunch pause in turns. */
const ONE_SESSION: Session[] = [{ open: '07:30', close: '17:00', cutoff: '16:30' }];

/**
 * The ward office of the brief: 6 counters, services in preference order. serviceMinutes are the
 * administrator's round guesses (the estimator's cold start), not the truth.
 */
function wardOffice(id: string, policy: CallingPolicy, sessions: Session[]): OfficeConfig {
  const svc = (sid: string, vi: string, en: string, prefix: string, serviceMinutes: number) => ({
    id: sid,
    name: { vi, en },
    numbering: { prefix, start: 1, width: 3 },
    serviceMinutes,
  });
  const counter = (n: number, services: string[]) => ({
    id: `c${n}`,
    number: n,
    name: `Quầy ${n}`,
    services: services.map((serviceId) => ({ serviceId })),
  });
  return {
    id,
    name: 'Phường Mô Phỏng',
    timeZone: TZ,
    sessions: weekdays(sessions),
    holidays: [],
    policy,
    services: [
      svc('civ', 'Hộ tịch', 'Civil registration', '1', 10),
      svc('land', 'Đất đai', 'Land', '2', 15),
      svc('soc', 'Chính sách xã hội', 'Social affairs', '3', 10),
      svc('pick', 'Trả kết quả', 'Result pickup', '4', 5),
    ],
    counters: [
      counter(1, ['civ']),
      counter(2, ['civ', 'soc']),
      counter(3, ['land']),
      counter(4, ['land', 'civ']),
      counter(5, ['pick', 'civ']),
      counter(6, ['soc', 'pick']),
    ],
  };
}

export const WARD_SERVICES: ServiceSpec[] = [
  { id: 'civ', meanMin: 8, cv: 0.6, dist: 'lognormal', share: 0.38 },
  { id: 'land', meanMin: 15, cv: 0.8, dist: 'lognormal', share: 0.14 },
  { id: 'soc', meanMin: 10, cv: 0.7, dist: 'lognormal', share: 0.2 },
  { id: 'pick', meanMin: 3, cv: 0.5, dist: 'lognormal', share: 0.28 },
];

/** Morning peak of the brief (07:15–11:00), a quieter afternoon until the cut-off. */
const MORNING: Segment[] = [
  { from: hhmm(7, 15), to: hhmm(8), perHour: 36 },
  { from: hhmm(8), to: hhmm(9), perHour: 54 },
  { from: hhmm(9), to: hhmm(10), perHour: 60 },
  { from: hhmm(10), to: hhmm(11), perHour: 46 },
];
const AFTERNOON: Segment[] = [
  { from: hhmm(13, 30), to: hhmm(14, 30), perHour: 36 },
  { from: hhmm(14, 30), to: hhmm(15, 30), perHour: 32 },
  { from: hhmm(15, 30), to: hhmm(16, 30), perHour: 26 },
];
/** Staggered lunch keeps the kiosk open over midday: a trickle of arrivals. */
const MIDDAY: Segment[] = [{ from: hhmm(11), to: hhmm(13, 30), perHour: 16 }];

const WARD_COMMON = {
  services: WARD_SERVICES,
  volumeCv: 0.15,
  priorityShare: 0.1,
  speedRange: [0.85, 1.15] as [number, number],
  patience: { meanMin: 75, cv: 0.5 },
  noShowP: 0.03,
  skipMin: 1,
  pauses: { perHour: 0.25, meanMin: 7, cv: 0.5 },
  absentP: 0.04,
  openEarlyMin: 3,
};

/** c1, c4 lunch 11:00–12:00; c2, c5 12:00–13:00; c3, c6 13:00–14:00 (4 of 6 open at midday). */
const STAGGERED_LUNCH: Record<string, { at: number; minutes: number }> = {
  c1: { at: hhmm(11), minutes: 60 },
  c4: { at: hhmm(11), minutes: 60 },
  c2: { at: hhmm(12), minutes: 60 },
  c5: { at: hhmm(12), minutes: 60 },
  c3: { at: hhmm(13), minutes: 60 },
  c6: { at: hhmm(13), minutes: 60 },
};

export const MMS_COUNTERS = 100;
export const MMS_LOAD = 0.95;
export const MMS_SERVICE_MIN = 10;

function mmsOffice(id: string): OfficeConfig {
  // A long day: the queue of an M/M/100 at load 0.95 forgets slowly, so the check needs many customers.
  const session: Session[] = [{ open: '07:00', close: '19:00', cutoff: '18:45' }];
  return {
    id,
    name: 'M/M/100',
    timeZone: TZ,
    sessions: weekdays(session),
    holidays: [],
    policy: { kind: 'oldest', priorityEvery: 0 },
    services: [
      {
        id: 'mm',
        name: { vi: 'Một dịch vụ', en: 'One service' },
        numbering: { prefix: 'M', start: 1, width: 5 },
        serviceMinutes: MMS_SERVICE_MIN,
      },
    ],
    counters: Array.from({ length: MMS_COUNTERS }, (_, i) => ({
      id: `k${String(i + 1).padStart(3, '0')}`,
      number: i + 1,
      name: `Quầy ${i + 1}`,
      services: [{ serviceId: 'mm' }],
    })),
  };
}

export function scenario(id: ScenarioId): Scenario {
  switch (id) {
    case 'base':
      return {
        id,
        description:
          'strict preference (priority first, then each counter’s services in order), lunch 11:30–13:30',
        office: wardOffice('sim-base', { kind: 'strict' }, TWO_SESSIONS),
        arrivals: [...MORNING, ...AFTERNOON],
        ...WARD_COMMON,
      };
    case 'oldest':
      return {
        id,
        description:
          'oldest eligible ticket first, one priority ticket per 2 normal calls, lunch 11:30–13:30',
        office: wardOffice('sim-oldest', { kind: 'oldest', priorityEvery: 2 }, TWO_SESSIONS),
        arrivals: [...MORNING, ...AFTERNOON],
        ...WARD_COMMON,
      };
    case 'staggered':
      return {
        id,
        description:
          'strict preference, one session 07:30–17:00 (kiosk open over midday), each counter pauses 60 min for lunch in turns from 11:00, 12:00 or 13:00',
        office: wardOffice('sim-staggered', { kind: 'strict' }, ONE_SESSION),
        arrivals: [...MORNING, ...MIDDAY, ...AFTERNOON],
        ...WARD_COMMON,
        lunches: STAGGERED_LUNCH,
      };
    case 'mms': {
      const perHour = ((MMS_LOAD * MMS_COUNTERS) / MMS_SERVICE_MIN) * 60;
      return {
        id,
        description: `stationary M/M/${MMS_COUNTERS} at load ${MMS_LOAD}: one service, exponential ${MMS_SERVICE_MIN}-min service, Poisson ${perHour}/h, FIFO; each day starts in the stationary state`,
        office: mmsOffice('sim-mms'),
        services: [{ id: 'mm', meanMin: MMS_SERVICE_MIN, cv: 1, dist: 'exponential', share: 1 }],
        arrivals: [{ from: hhmm(7), to: hhmm(18, 45), perHour }],
        volumeCv: 0,
        priorityShare: 0,
        speedRange: [1, 1],
        noShowP: 0,
        skipMin: 1,
        absentP: 0,
        openEarlyMin: 0,
        stationaryStart: true,
        scoreFromMin: hhmm(7, 15),
      };
    }
  }
}

/** Capacity in tickets/hour of the open counters at speed 1 (no pauses, no skips). */
export function nominalCapacityPerHour(s: Scenario): number {
  const meanService = s.services.reduce((a, x) => a + x.share * x.meanMin, 0);
  return (s.office.counters.length * 60) / meanService;
}
