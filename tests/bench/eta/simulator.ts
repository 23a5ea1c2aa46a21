/**
 * A seeded discrete-event simulation of office days that drives the REAL engine: every command
 * goes through `prepareCommand` → the memory engine's `decide()` (so `pickNext()` and the
 * transitions of shared/domain) → `OfficeRuntime.apply()`, exactly as `MemoryStore.execute` does
 * minus the journal. The clock is simulated and injected through the transition context.
 *
 * The simulator only plays the people: citizens arrive and take a ticket at the kiosk (inside
 * the kiosk hours; those who come before the opening queue at the kiosk and get theirs at the
 * opening, 15 s apart), officers open their counter, press "call next" when free, serve (a
 * lognormal job ÷ the officer's hidden speed) or, if the citizen is gone, mark a no-show after
 * the skip time, pause now and then, and close at the end of the session. Which ticket a counter
 * calls is decided by the engine alone.
 *
 * The hidden truth (job sizes, patience, speeds, the day's volume) never leaves this module except
 * through `hidden()` / `truth`, which the benchmark uses to score and to build the oracle.
 */
import { decide } from '../../../server/store/memory/decide.js';
import { OfficeRuntime } from '../../../server/store/memory/office-runtime.js';
import { addDays, parseClock, WEEKDAYS, zonedTimeToEpoch } from '../../../shared/domain/calendar.js';
import { prepareCommand, transitionContext } from '../../../shared/domain/commands.js';
import type { Command, OfficeEvent, Session, Weekday } from '../../../shared/domain/types.js';
import { QueueError } from '../../../shared/protocol/errors.js';
import { Rng } from './rng.js';
import type { Scenario } from './scenarios.js';

const MIN = 60_000;

/** What only the simulation knows about a ticket. */
export interface HiddenTicket {
  id: string;
  serviceId: string;
  priority: boolean;
  /** When the citizen came (before the kiosk opened, earlier than issuedAt). */
  arrivedAt: number;
  issuedAt: number;
  /** Service need at speed 1 (minutes). */
  jobMin: number;
  /** Leaves after this long (minutes; Infinity: never). */
  patienceMin: number;
  /** Gone whatever the wait. */
  noShow: boolean;
  /** Scored by the benchmark (false for the mms start-up population). */
  scored: boolean;
  calledAt?: number;
  counterId?: string;
  /** Called while absent (no-show after the skip). */
  absent?: boolean;
}

export interface DayTruth {
  date: string;
  weekday: Weekday;
  /** The day's volume factor (lognormal, mean 1). */
  factor: number;
  absentCounters: string[];
}

export interface SimHooks {
  /** Every event, right after it is applied: the server's event log. */
  onEvent?(e: OfficeEvent): void;
  /** Right after a kiosk ticket is issued, before any counter reacts. */
  onIssued?(ticketId: string, now: number): void;
  /** Every `tickMin` of simulated time from the first opening to the last closing. */
  onTick?(now: number): void;
}

interface Agent {
  id: string;
  index: number;
  speed: number;
  present: boolean;
  state: 'closed' | 'idle' | 'busy' | 'paused';
  idleSince: number;
  /** Bumped whenever pending timers of this counter become void. */
  gen: number;
  sessionEnd: number;
  /** The current session is the day's last (close, not pause, at its end). */
  lastSession: boolean;
  nextPauseAt: number;
  lunchAt: number;
  lunchMin: number;
  lunchTaken: boolean;
}

interface Timer {
  at: number;
  seq: number;
  run: () => void;
}

/** Binary min-heap on (at, seq). */
class TimerQueue {
  private readonly items: Timer[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(at: number, run: () => void): void {
    const item = { at, seq: this.seq++, run };
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i] as Timer, a[p] as Timer)) break;
      [a[i], a[p]] = [a[p] as Timer, a[i] as Timer];
      i = p;
    }
  }

  pop(): Timer | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l] as Timer, a[m] as Timer)) m = l;
        if (r < a.length && this.less(a[r] as Timer, a[m] as Timer)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as Timer, a[i] as Timer];
        i = m;
      }
    }
    return top;
  }

  private less(x: Timer, y: Timer): boolean {
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }
}

function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? 'sun';
}

/** The next `count` business days (the office's weekdays with sessions) from `first`, inclusive. */
export function businessDays(scn: Scenario, first: string, count: number): string[] {
  const out: string[] = [];
  for (let date = first; out.length < count; date = addDays(date, 1)) {
    if ((scn.office.sessions[weekdayOf(date)] ?? []).length > 0 && !scn.office.holidays.includes(date))
      out.push(date);
  }
  return out;
}

/** Sample the number in system of a stationary M/M/c at offered load a = λ/μ (a < c). */
export function sampleMmcPopulation(rng: Rng, c: number, a: number): number {
  const rho = a / c;
  // log of a^n / n! for n ≤ c
  const logTerms: number[] = [0];
  for (let n = 1; n <= c; n++) logTerms.push((logTerms[n - 1] as number) + Math.log(a) - Math.log(n));
  const top = Math.max(...logTerms);
  const below = logTerms.slice(0, c).map((l) => Math.exp(l - top));
  const tail = Math.exp((logTerms[c] as number) - top) / (1 - rho);
  const total = below.reduce((x, y) => x + y, 0) + tail;
  let u = rng.next() * total;
  for (let n = 0; n < c; n++) {
    u -= below[n] as number;
    if (u < 0) return n;
  }
  // P(N = c + k | N ≥ c) = (1 − ρ) ρ^k
  let k = 0;
  while (rng.next() < rho) k++;
  return c + k;
}

/**
 * One command through the real engine, as `MemoryStore.execute` runs it minus the journal:
 * prepareCommand → decide (pickNext, transitions) → apply. Returns the applied event.
 */
export function executeCommand(
  rt: OfficeRuntime,
  cmd: Command,
  now: number,
  newId: () => string,
): OfficeEvent {
  const prepared = prepareCommand(rt.config, cmd);
  const pending = decide(rt, prepared, transitionContext(rt.config, now), newId);
  const event: OfficeEvent = { ...pending, seq: rt.seq + 1 };
  rt.apply(event);
  return event;
}

export class Simulation {
  readonly rt: OfficeRuntime;
  /** Hidden speeds per counter, fixed for the seed. */
  readonly speeds: Record<string, number> = {};
  private readonly hiddenTickets = new Map<string, HiddenTicket>();
  private readonly agents: Agent[];
  private readonly timers = new TimerQueue();
  private now: number;
  private nextId = 0;
  private waitingToday = 0;
  private hooks: SimHooks = {};
  private readonly rngs: Record<
    'volume' | 'absence' | 'arrivals' | 'citizens' | 'service' | 'pauses' | 'opening',
    Rng
  >;
  truth: DayTruth | undefined;
  /** Ticket ids of the current day, in issue order. */
  dayTickets: string[] = [];

  constructor(
    readonly scn: Scenario,
    readonly seed: number,
    readonly tickMin = 5,
  ) {
    const first = scn.office.counters[0];
    if (!first) throw new Error('office without counters');
    this.now = Date.parse('2026-11-30T00:00:00+07:00');
    // Enough events kept for the runtime's own bookkeeping; the benchmark reads them live.
    this.rt = new OfficeRuntime(scn.office, 1000, this.now);
    const named = (label: string): Rng => Rng.stream(seed, `${scn.id === 'mms' ? 'mms' : 'ward'}:${label}`);
    this.rngs = {
      volume: named('volume'),
      absence: named('absence'),
      arrivals: named('arrivals'),
      citizens: named('citizens'),
      service: named('service'),
      pauses: named('pauses'),
      opening: named('opening'),
    };
    const speedRng = named('speed');
    this.agents = scn.office.counters.map((c, index) => {
      const speed = speedRng.uniform(scn.speedRange[0], scn.speedRange[1]);
      this.speeds[c.id] = speed;
      return {
        id: c.id,
        index,
        speed,
        present: false,
        state: 'closed',
        idleSince: 0,
        gen: 0,
        sessionEnd: 0,
        lastSession: true,
        nextPauseAt: Infinity,
        lunchAt: Infinity,
        lunchMin: 0,
        lunchTaken: false,
      };
    });
  }

  hidden(ticketId: string): HiddenTicket | undefined {
    return this.hiddenTickets.get(ticketId);
  }

  get clock(): number {
    return this.now;
  }

  /** Runs one business day from midnight to the last closing; `hooks` see everything as it happens. */
  runDay(date: string, hooks: SimHooks = {}): DayTruth {
    this.hooks = hooks;
    const scn = this.scn;
    const tz = scn.office.timeZone;
    const dayStart = zonedTimeToEpoch(date, 0, tz);
    const at = (minutes: number): number => dayStart + Math.round(minutes * MIN);
    const weekday = weekdayOf(date);
    const sessions: Session[] = scn.office.sessions[weekday] ?? [];
    this.now = dayStart;
    this.waitingToday = 0;
    this.dayTickets = [];
    // Tickets of past days are history: keep the runtime's memory bounded like the server does.
    this.rt.prune(dayStart);
    for (const h of this.hiddenTickets.values()) if (h.issuedAt < dayStart) this.hiddenTickets.delete(h.id);

    const factor = scn.volumeCv > 0 ? this.rngs.volume.lognormal(1, scn.volumeCv) : 1;
    const absentCounters = this.agents.filter(() => this.rngs.absence.chance(scn.absentP)).map((a) => a.id);
    this.truth = { date, weekday, factor, absentCounters };
    for (const a of this.agents) {
      a.present = !absentCounters.includes(a.id);
      a.lunchTaken = false;
      const lunch = scn.lunches?.[a.id];
      a.lunchAt = lunch ? at(lunch.at) : Infinity;
      a.lunchMin = lunch?.minutes ?? 0;
    }

    const parsed = sessions.map((s) => ({
      open: parseClock(s.open),
      close: parseClock(s.close),
      cutoff: parseClock(s.cutoff),
    }));
    parsed.forEach((s, i) => {
      const last = i === parsed.length - 1;
      for (const a of this.agents) {
        if (!a.present) continue;
        const early = scn.openEarlyMin > 0 ? this.rngs.opening.uniform(0, scn.openEarlyMin) : 0;
        this.timers.push(at(s.open - early), () => this.openSession(a, at(s.open), at(s.close), last));
      }
      this.timers.push(at(s.close), () => this.closeSession());
      for (const a of this.agents)
        if (a.present && a.lunchAt >= at(s.open) && a.lunchAt < at(s.close))
          this.timers.push(a.lunchAt, () => this.pauseIfIdle(a));
    });

    if (scn.stationaryStart && parsed[0]) this.schedulePreload(at(parsed[0].open));
    this.scheduleArrivals(parsed, at, factor);

    const first = parsed[0];
    const last = parsed.at(-1);
    if (first && last && this.hooks.onTick) {
      for (let m = first.open; m <= last.close; m += this.tickMin) {
        const t = at(m);
        this.timers.push(t, () => this.hooks.onTick?.(t));
      }
    }

    for (let timer = this.timers.pop(); timer; timer = this.timers.pop()) {
      this.now = timer.at;
      timer.run();
    }
    return this.truth;
  }

  private execute(cmd: Command): OfficeEvent {
    const event = executeCommand(this.rt, cmd, this.now, () => `t${++this.nextId}`);
    if (event.type === 'issued') this.waitingToday++;
    if (event.type === 'called') this.waitingToday--;
    this.hooks.onEvent?.(event);
    return event;
  }

  // ---- citizens ----

  private newCitizen(
    serviceId: string,
    arrivedAt: number,
    scored: boolean,
  ): Omit<HiddenTicket, 'id' | 'issuedAt'> {
    const scn = this.scn;
    const spec = scn.services.find((s) => s.id === serviceId);
    if (!spec) throw new Error(`unknown service ${serviceId}`);
    const r = this.rngs.citizens;
    const priority = scn.priorityShare > 0 && r.chance(scn.priorityShare);
    const patienceMin = scn.patience ? r.lognormal(scn.patience.meanMin, scn.patience.cv) : Infinity;
    const noShow = scn.noShowP > 0 && r.chance(scn.noShowP);
    const jobMin =
      spec.dist === 'exponential'
        ? this.rngs.service.exponential(spec.meanMin)
        : this.rngs.service.lognormal(spec.meanMin, spec.cv);
    return { serviceId, priority, arrivedAt, jobMin, patienceMin, noShow, scored };
  }

  private issue(citizen: Omit<HiddenTicket, 'id' | 'issuedAt'>): void {
    const cmd: Command = { type: 'issue', serviceId: citizen.serviceId, channel: 'kiosk' };
    if (citizen.priority) cmd.priority = true;
    const e = this.execute(cmd);
    const t = e.ticket;
    if (!t) throw new Error('issued without a ticket');
    this.hiddenTickets.set(t.id, { ...citizen, id: t.id, issuedAt: t.issuedAt });
    this.dayTickets.push(t.id);
    this.hooks.onIssued?.(t.id, this.now);
    this.dispatch();
  }

  private scheduleArrivals(
    sessions: { open: number; close: number; cutoff: number }[],
    at: (m: number) => number,
    factor: number,
  ): void {
    const scn = this.scn;
    const r = this.rngs.arrivals;
    const shares = scn.services.map((s) => s.share);
    const scoreFrom = scn.scoreFromMin === undefined ? -Infinity : at(scn.scoreFromMin);
    const beforeOpen = new Map<number, number>();
    if (scn.arrivalList) {
      for (const a of scn.arrivalList) {
        const citizen = {
          ...this.newCitizen(a.serviceId, at(a.minute), true),
          priority: a.priority === true,
        };
        this.timers.push(at(a.minute), () => this.issue(citizen));
      }
      return;
    }
    for (const seg of scn.arrivals) {
      const rate = seg.perHour * factor;
      if (rate <= 0) continue;
      let m = seg.from;
      for (;;) {
        m += r.exponential(60 / rate);
        if (m >= seg.to) break;
        const service = scn.services[r.pick(shares)];
        if (!service) continue;
        // The kiosk: open from a session's opening to its cut-off; earlier arrivals wait for the opening.
        const session = sessions.find((s) => m < s.cutoff);
        if (!session) continue;
        let issueAt = at(m);
        if (m < session.open) {
          const k = beforeOpen.get(session.open) ?? 0;
          beforeOpen.set(session.open, k + 1);
          issueAt = at(session.open) + k * 15_000;
        }
        const arrivedAt = at(m);
        const citizen = this.newCitizen(service.id, arrivedAt, arrivedAt >= scoreFrom);
        this.timers.push(issueAt, () => this.issue(citizen));
      }
    }
  }

  /** mms: the day starts in the stationary state (memoryless service makes this exact). */
  private schedulePreload(openAt: number): void {
    const scn = this.scn;
    const spec = scn.services[0];
    if (!spec) return;
    const c = scn.office.counters.length;
    const perHour = scn.arrivals[0]?.perHour ?? 0;
    const offered = (perHour / 60) * spec.meanMin;
    const n = sampleMmcPopulation(this.rngs.arrivals, c, offered);
    this.timers.push(openAt, () => {
      for (let i = 0; i < n; i++) this.issue(this.newCitizen(spec.id, openAt, false));
    });
  }

  // ---- officers ----

  private openSession(a: Agent, openAt: number, closeAt: number, last: boolean): void {
    a.sessionEnd = closeAt;
    a.lastSession = last;
    // Still serving the last ticket of the previous session: it carries on.
    if (a.state === 'busy' || a.state === 'idle') return;
    a.gen++;
    const p = this.scn.pauses;
    a.nextPauseAt = p ? openAt + this.rngs.pauses.exponential(60 / p.perHour) * MIN : Infinity;
    if (a.nextPauseAt < closeAt) this.schedulePauseCheck(a);
    this.execute({ type: 'openCounter', counterId: a.id });
    a.state = 'idle';
    this.afterFree(a);
  }

  private schedulePauseCheck(a: Agent): void {
    const gen = a.gen;
    this.timers.push(a.nextPauseAt, () => {
      if (a.gen === gen) this.pauseIfIdle(a);
    });
  }

  /**
   * End of a session: a free counter closes after the day's last session and pauses for the
   * office's lunch otherwise (the display shows "Tạm nghỉ trưa"; the counter reopens at the next
   * session). A busy counter does the same when its ticket ends.
   */
  private closeSession(): void {
    for (const a of this.agents) if (a.state === 'idle' || a.state === 'paused') this.endSession(a);
  }

  private endSession(a: Agent): void {
    a.gen++;
    if (a.lastSession) {
      this.execute({ type: 'closeCounter', counterId: a.id });
      a.state = 'closed';
    } else {
      this.execute({ type: 'pauseCounter', counterId: a.id, reason: 'Nghỉ trưa' });
      a.state = 'paused';
    }
  }

  /** Lunch or a random pause that fell due while the counter was idle. */
  private pauseIfIdle(a: Agent): void {
    if (a.state === 'idle') this.afterFree(a);
  }

  private pause(a: Agent, reason: string, minutes: number): void {
    this.execute({ type: 'pauseCounter', counterId: a.id, reason });
    a.state = 'paused';
    const gen = ++a.gen;
    this.timers.push(this.now + Math.round(minutes * MIN), () => {
      if (a.gen !== gen) return;
      this.execute({ type: 'openCounter', counterId: a.id });
      a.state = 'idle';
      this.afterFree(a);
    });
  }

  /** The counter has just become free: close, lunch, a pause, or ready to call. */
  private afterFree(a: Agent): void {
    const now = this.now;
    if (now >= a.sessionEnd) {
      this.endSession(a);
      return;
    }
    if (!a.lunchTaken && a.lunchAt <= now) {
      a.lunchTaken = true;
      this.pause(a, 'Nghỉ trưa', a.lunchMin);
      const p = this.scn.pauses;
      if (p) {
        // The pause clock restarts after lunch.
        a.nextPauseAt = now + (a.lunchMin + this.rngs.pauses.exponential(60 / p.perHour)) * MIN;
        if (a.nextPauseAt < a.sessionEnd) this.schedulePauseCheck(a);
      }
      return;
    }
    const p = this.scn.pauses;
    if (p && a.nextPauseAt <= now) {
      const length = this.rngs.pauses.lognormal(p.meanMin, p.cv);
      this.pause(a, 'Nghỉ giải lao', length);
      a.nextPauseAt = now + (length + this.rngs.pauses.exponential(60 / p.perHour)) * MIN;
      if (a.nextPauseAt < a.sessionEnd) this.schedulePauseCheck(a);
      return;
    }
    a.state = 'idle';
    a.idleSince = now;
    this.dispatch();
  }

  /** Free officers press "call next", the longest idle first; the engine decides whom they get. */
  private dispatch(): void {
    if (this.waitingToday <= 0) return;
    const idle = this.agents.filter((a) => a.state === 'idle');
    if (idle.length === 0) return;
    idle.sort((x, y) => x.idleSince - y.idleSince || x.index - y.index);
    for (const a of idle) {
      if (this.waitingToday <= 0) return;
      let e: OfficeEvent;
      try {
        e = this.execute({ type: 'callNext', counterId: a.id });
      } catch (err) {
        if (err instanceof QueueError && err.code === 'QUEUE_EMPTY') continue;
        throw err;
      }
      const t = e.ticket;
      const h = t ? this.hiddenTickets.get(t.id) : undefined;
      if (!t || !h) throw new Error('called an unknown ticket');
      h.calledAt = this.now;
      h.counterId = a.id;
      const waitedMin = (this.now - h.issuedAt) / MIN;
      const absent = h.noShow || waitedMin > h.patienceMin;
      h.absent = absent;
      a.state = 'busy';
      const gen = a.gen;
      const minutes = absent ? this.scn.skipMin : h.jobMin / a.speed;
      this.timers.push(this.now + Math.max(1, Math.round(minutes * MIN)), () => {
        if (a.gen !== gen) throw new Error('a busy counter lost its ticket');
        this.execute({ type: absent ? 'noShow' : 'complete', counterId: a.id, ticketId: t.id });
        this.afterFree(a);
      });
    }
  }
}
