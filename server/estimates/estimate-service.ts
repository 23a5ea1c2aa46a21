/**
 * Wait-time estimates for the server: per office, the learned model (learner.ts), and the
 * estimator's answer for every waiting ticket and for a ticket of each service issued now, worded
 * for citizens (shared/domain/wait-time). Recomputed shortly after the office's events and every
 * 30 s while the office is active, never on the path of a request: issuing a ticket, the phone page
 * and the display read the last answer (or, before the first one, say "Đang cập nhật").
 *
 * A ticket is issued with the estimate of a ticket of its service and class from the last refresh
 * (`estimateForNew`), and that estimate is logged on it (Ticket.prediction); the accuracy of those
 * predictions is tallied from the same event log the learner reads (accuracy.ts, `accuracy`).
 */
import { businessDate } from '../../shared/domain/calendar.js';
import type { OfficeConfig, OfficeEvent, Ticket, TicketPrediction } from '../../shared/domain/types.js';
import {
  describeWait,
  estimateWaits,
  smoothDisplay,
  type TicketEta,
  type WaitDisplay,
} from '../../shared/domain/wait-time/index.js';
import { predictionProblems } from '../../shared/domain/commands.js';
import { QueueError } from '../../shared/protocol/errors.js';
import type { AccuracyReport } from '../../shared/protocol/estimates.js';
import type { WaitEstimate } from '../../shared/protocol/http.js';
import type { EventBus } from '../realtime/event-bus.js';
import type { Clock, TicketStore } from '../store/types.js';
import { AccuracyTracker } from './accuracy.js';
import { OfficeLearner } from './learner.js';
import { hypotheticalKey, replayInputOf } from './replay-input.js';

/** Monte Carlo passes per refresh: the brief's budget (≤ 20 ms for 60 waiting tickets). */
export const MC_PASSES = 100;
/**
 * Tickets × passes per refresh at most: a long queue gets fewer passes (the range is then a little
 * rougher), so that a refresh of a busy office stays a few milliseconds of the event loop.
 */
export const MC_TICKET_PASSES = 6_000;
/** Never fewer passes than this: p10 and p90 need a few draws. */
export const MC_MIN_PASSES = 20;
/** After an event, wait this long for the burst to end before recomputing. */
export const REFRESH_DEBOUNCE_MS = 500;
/** Recomputed this often while active (waits grow while nothing happens). */
export const REFRESH_EVERY_MS = 30_000;
/** The learner is saved at most this often. */
export const SAVE_EVERY_MS = 60_000;
/** An office with no event for this long is no longer refreshed (it is again at its next event). */
export const IDLE_AFTER_MS = 2 * 60 * 60_000;

/** A service's figure on the display: the estimate of a normal ticket issued now, smoothed. */
export interface ServiceEstimate {
  serviceId: string;
  estimate: WaitEstimate;
}

interface OfficeEstimates {
  learner: OfficeLearner;
  /** The accuracy of the predictions shown, fed by the learner's catch-up. */
  accuracy: AccuracyTracker;
  /** Ticket id (or hypothetical key) → its last ETA. */
  etas: Map<string, TicketEta>;
  computedAt: number;
  /** The display's smoothed figure per service: minutes shown and when. */
  shown: Map<string, { minutes: number; at: number }>;
  services: ServiceEstimate[];
  lastEventAt: number;
  savedAt: number;
}

export interface EstimateServiceOptions {
  store: TicketStore;
  bus: EventBus;
  clock: Clock;
  log?: { warn(obj: object, msg: string): void };
  /** 0 disables the timers (tests call refresh() themselves). */
  refreshEveryMs?: number;
  debounceMs?: number;
}

/** The API's WaitEstimate of a shown estimate. */
function toEstimate(d: WaitDisplay): WaitEstimate {
  const e: WaitEstimate = { minutes: d.minutes, text: d.text };
  if (d.low !== undefined) e.low = d.low;
  if (d.high !== undefined) e.high = d.high;
  return e;
}

/** What a ticket issued now is told, and what is logged on it. */
export interface NewTicketEstimate {
  estimate: WaitEstimate;
  /** Absent only if the shown estimate cannot be logged (it always can: a safeguard). */
  prediction: TicketPrediction | undefined;
}

/** The prediction logged for a shown estimate: its figures as worded, and the model's version. */
function predictionOf(d: WaitDisplay, version: string): TicketPrediction | undefined {
  const p: TicketPrediction = { minutes: d.minutes, version };
  if (d.low !== undefined && d.high !== undefined) {
    p.low = d.low;
    p.high = d.high;
  }
  if (d.notToday) p.notToday = true;
  // Issuing must never fail for the estimate's sake: a figure the command would refuse is not logged.
  return predictionProblems(p).length === 0 ? p : undefined;
}

/** A seed that changes every minute: the same picture gives the same answer within a minute. */
function seedOf(officeId: string, now: number): number {
  let h = Math.floor(now / 60_000) | 0;
  for (let i = 0; i < officeId.length; i++) h = Math.imul(h ^ officeId.charCodeAt(i), 0x9e3779b1);
  return h >>> 0;
}

export class EstimateService {
  private readonly offices = new Map<string, OfficeEstimates>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  private readonly listeners = new Set<(officeId: string, services: ServiceEstimate[]) => void>();

  constructor(private readonly opts: EstimateServiceOptions) {}

  /** Told after each refresh of an office (the realtime layer sends the display's figures on). */
  onRefresh(listener: (officeId: string, services: ServiceEstimate[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.unsubscribe = this.opts.bus.subscribe((e) => this.onEvent(e));
    const every = this.opts.refreshEveryMs ?? REFRESH_EVERY_MS;
    if (every > 0) {
      this.timer = setInterval(() => this.refreshActive(), every);
      this.timer.unref();
    }
  }

  /** Stops the timers and saves every learner. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.timer);
    for (const t of this.pending.values()) clearTimeout(t);
    await Promise.allSettled(this.running.values());
    await Promise.allSettled(
      [...this.offices.values()].flatMap((o) => [
        o.learner.save(this.opts.store),
        o.accuracy.save(this.opts.store),
      ]),
    );
  }

  /**
   * The estimate to give with `ticket`, from the last refresh: its own if it was waiting then,
   * else that of a ticket of its service and class issued at that moment. Null before the first
   * refresh of the office, or once the ticket no longer waits.
   */
  estimateFor(office: OfficeConfig, ticket: Ticket, now: number): WaitEstimate | null {
    const o = this.offices.get(office.id);
    if (!o || ticket.status !== 'waiting') return null;
    if (ticket.businessDate !== businessDate(now, office.timeZone)) return null;
    const eta = o.etas.get(ticket.id) ?? o.etas.get(hypotheticalKey(ticket.serviceId, ticket.priority));
    if (!eta) return null;
    // The answer was for `computedAt`: time has passed since, for the ticket as for everyone.
    const aged = (m: number | null) => (m === null ? null : Math.max(0, m - (now - o.computedAt) / 60_000));
    const fresh = o.etas.has(ticket.id)
      ? {
          ...eta,
          expected: aged(eta.expected),
          median: aged(eta.median),
          p10: aged(eta.p10),
          p90: aged(eta.p90),
        }
      : eta;
    return toEstimate(describeWait(fresh, office, now));
  }

  /**
   * The estimate for a ticket of `serviceId` and class `priority` issued now, from the last
   * refresh (the figure of that refresh's hypothetical ticket), with the prediction to log on it.
   * Null before the office's first refresh, or when the last one was on an earlier business day.
   * Nothing is computed here: it is on the way of an issue.
   */
  estimateForNew(
    office: OfficeConfig,
    serviceId: string,
    priority: boolean,
    now: number,
  ): NewTicketEstimate | null {
    const o = this.offices.get(office.id);
    if (!o || o.computedAt === 0) return null;
    if (businessDate(o.computedAt, office.timeZone) !== businessDate(now, office.timeZone)) return null;
    const eta = o.etas.get(hypotheticalKey(serviceId, priority));
    if (!eta) return null;
    const shown = describeWait(eta, office, now);
    return { estimate: toEstimate(shown), prediction: predictionOf(shown, o.learner.state.model.version) };
  }

  /**
   * The estimate a logged prediction was shown as, worded again (an issue retried with its
   * requestId answers with the first ticket, told what it was told then). The figures are the
   * logged ones; the words follow the same rules at the ticket's issue time.
   */
  estimateOfPrediction(office: OfficeConfig, p: TicketPrediction, issuedAt: number): WaitEstimate {
    const ranged = p.low !== undefined && p.high !== undefined;
    // 5 minutes without a range (and not "not today") was worded "dưới 5 phút".
    const central = !ranged && !p.notToday && p.minutes <= 5 ? 0 : p.minutes;
    const eta: TicketEta = {
      id: '',
      expected: central,
      median: central,
      p10: ranged ? (p.low ?? null) : null,
      p90: ranged ? (p.high ?? null) : null,
      pNotToday: p.notToday ? 1 : 0,
    };
    return toEstimate(describeWait(eta, office, issuedAt));
  }

  /**
   * Today's and the last 30 days' accuracy of the predictions shown in the office: the learner (and
   * with it the tally) first catches up with the event log, so a server that just started answers
   * from everything saved and logged. OFFICE_NOT_FOUND for an unknown office.
   */
  accuracy(officeId: string): Promise<AccuracyReport> {
    return this.serially(officeId, async () => {
      const { store, clock } = this.opts;
      const office = await store.officeConfig(officeId);
      if (!office) throw new QueueError('OFFICE_NOT_FOUND');
      const o = await this.opened(office);
      await o.learner.catchUp(store, office, (e) => o.accuracy.observe(office, e));
      return o.accuracy.report(office, clock(), o.learner.state.model.version);
    });
  }

  /** The display's per-service figures, as last refreshed (empty before the first refresh). */
  serviceEstimates(officeId: string): ServiceEstimate[] {
    return this.offices.get(officeId)?.services ?? [];
  }

  /** Recomputes an office now (one refresh at a time per office; a second call waits for the first). */
  refresh(officeId: string): Promise<void> {
    const next = this.serially(officeId, () => this.compute(officeId));
    next.catch((err: unknown) => {
      this.opts.log?.warn({ err, officeId }, 'wait-time estimate failed');
    });
    return next;
  }

  /**
   * Runs `work` after the office's previous work: the learner (and the tally it feeds) is caught up
   * by one at a time, or two catch-ups would learn the same events twice.
   */
  private serially<T>(officeId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.running.get(officeId) ?? Promise.resolve();
    const next = previous.then(work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(officeId, settled);
    void settled.then(() => {
      if (this.running.get(officeId) === settled) this.running.delete(officeId);
    });
    return next;
  }

  /** The office's learner and tally, opened from the store on first use. */
  private async opened(office: OfficeConfig): Promise<OfficeEstimates> {
    const known = this.offices.get(office.id);
    if (known) return known;
    const { store, clock } = this.opts;
    const learner = await OfficeLearner.open(store, office, clock());
    const o: OfficeEstimates = {
      learner,
      accuracy: await AccuracyTracker.open(store, office, learner.seq),
      etas: new Map(),
      computedAt: 0,
      shown: new Map(),
      services: [],
      lastEventAt: clock(),
      savedAt: clock(),
    };
    this.offices.set(office.id, o);
    return o;
  }

  private onEvent(e: OfficeEvent): void {
    if (this.stopped) return;
    const o = this.offices.get(e.officeId);
    if (o) o.lastEventAt = this.opts.clock();
    clearTimeout(this.pending.get(e.officeId));
    const timer = setTimeout(() => {
      this.pending.delete(e.officeId);
      void this.refresh(e.officeId).catch(() => undefined);
    }, this.opts.debounceMs ?? REFRESH_DEBOUNCE_MS);
    timer.unref();
    this.pending.set(e.officeId, timer);
  }

  private refreshActive(): void {
    const now = this.opts.clock();
    for (const [officeId, o] of this.offices)
      if (now - o.lastEventAt < IDLE_AFTER_MS) void this.refresh(officeId).catch(() => undefined);
  }

  private async compute(officeId: string): Promise<void> {
    if (this.stopped) return;
    const { store, clock } = this.opts;
    const office = await store.officeConfig(officeId);
    if (!office) {
      this.offices.delete(officeId);
      return;
    }
    const o = await this.opened(office);
    await o.learner.catchUp(store, office, (e) => o.accuracy.observe(office, e));
    const now = clock();
    const input = await replayInputOf(store, office, now);
    const etas = estimateWaits(input, o.learner.state.model, {
      passes: MC_PASSES,
      seed: seedOf(officeId, now),
    });
    o.etas = new Map(etas.map((e) => [e.id, e]));
    o.computedAt = now;
    o.services = office.services.flatMap((s) => {
      const eta = o.etas.get(hypotheticalKey(s.id, false));
      if (!eta) return [];
      const shown = describeWait(eta, office, now);
      // The display raises at once and lowers slowly (no flicker): the smoothing is on the minutes.
      const before = o.shown.get(s.id);
      const minutes = shown.notToday
        ? shown.minutes
        : smoothDisplay(before?.minutes, shown.minutes, now - (before?.at ?? now));
      o.shown.set(s.id, { minutes, at: now });
      const smoothed = minutes === shown.minutes ? eta : { ...eta, median: minutes, p10: null, p90: null };
      return [{ serviceId: s.id, estimate: toEstimate(describeWait(smoothed, office, now)) }];
    });
    if (now - o.savedAt >= SAVE_EVERY_MS) {
      o.savedAt = now;
      await o.learner.save(store);
      await o.accuracy.save(store);
    }
    for (const listener of this.listeners) listener(officeId, o.services);
  }
}
