/**
 * How good the shown estimates are, on the office's real tickets (../shared/brief/wait-time.md,
 * "Showing it"): every ticket carries the estimate it was issued with (Ticket.prediction), and the
 * office's event log says when it was called. This module tallies the two, per business date and
 * service, in additive figures (sums and counts), so any span of days is a sum and the API derives
 * MAE, bias, RMSE, the share within ±5 min, the p10–p90 coverage and under10 from them.
 *
 * The rules (docs/api.md, "Accuracy on real data"):
 * - The wait is D = calledAt − issuedAt of the ticket's FIRST call (a citizen found absent counts:
 *   that is what the screen promised); a requeued no-show called again is not counted twice.
 * - error = told − waited, in minutes (positive: conservative). within5: |error| ≤ 5. under10: waited
 *   more than 10 minutes longer than told. coverage: waited within [low, high] when a range was shown.
 * - A ticket told "có thể không kịp trong hôm nay" (notToday) is not in the error figures (no wait was
 *   promised): it counts in `notTodayTold`, and as a hit when it was not called by the end of its day.
 * - Tickets not called by the end of their business day count as `notCalled`.
 * - Excluded: tickets transferred before their first call (their wait was for another queue), the
 *   entries a transfer makes, and tickets cancelled before being called (their wait is unknown).
 *
 * Deterministic and without I/O: `tallyEvent` folds one event into the state (in place), given the
 * office's time zone. Every server process reads the same log, so every process computes the same
 * state and saves from several processes agree. `AccuracyTracker` is the server's holder: fed by
 * the learner's catch-up (learner.ts), kept in the store's office data under `eta-accuracy`.
 */
import { addDays, businessDate } from '../../shared/domain/calendar.js';
import type { OfficeConfig, OfficeEvent, TicketPrediction } from '../../shared/domain/types.js';
import type { AccuracyFigures, AccuracyReport, ServiceAccuracy } from '../../shared/protocol/estimates.js';
import { isQueueError } from '../../shared/protocol/errors.js';
import type { TicketStore } from '../store/types.js';

/** The office data key the tallies are saved under. */
export const ACCURACY_KEY = 'eta-accuracy';
/** Days kept: the last 30 days' window, plus the day before it. */
export const KEEP_DAYS = 31;
/** The span of the API's `last30`: today and the 29 days before. */
export const WINDOW_DAYS = 30;
/** |error| within this many minutes is "within 5". */
export const WITHIN_MINUTES = 5;
/** Waiting more than this many minutes longer than told is "under10" (the estimate was too low). */
export const UNDER_MINUTES = 10;

const MINUTE = 60_000;
/** Events read per page while filling a gap behind the learner. */
const PAGE = 1000;

/** Additive figures of one business date and service. */
export interface AccuracyTally {
  /** Called tickets that were told a wait (not "not today"). */
  n: number;
  /** Σ |error|, Σ error and Σ error² (minutes; error = told − waited). */
  sumAbs: number;
  sumErr: number;
  sumSq: number;
  /** Of n: |error| ≤ 5 min. */
  within5: number;
  /** Of n: told a range (low–high). */
  ranged: number;
  /** Of ranged: waited within [low, high]. */
  inside: number;
  /** Of n: waited more than 10 min longer than told. */
  under10: number;
  /** Told "may not be served today" (called or not). */
  notTodayTold: number;
  /** Not called by the end of their business day (whatever they were told). */
  notCalled: number;
  /** Told "not today" and indeed not called that day. */
  notTodayHit: number;
}

/** A ticket told an estimate, not called yet. */
export interface PendingTicket {
  date: string;
  serviceId: string;
  issuedAt: number;
  prediction: TicketPrediction;
}

/** Everything the tracker keeps (JSON-safe: saved as is). */
export interface AccuracyState {
  format: 1;
  /** The last event tallied. */
  seq: number;
  /** The latest business date seen ('' before the first event). */
  date: string;
  /** Business date → service id → figures; the last KEEP_DAYS dates. */
  days: Record<string, Record<string, AccuracyTally>>;
  /** Ticket id → what it was told, until its first call (or the end of its day). */
  pending: Record<string, PendingTicket>;
}

export function emptyTally(): AccuracyTally {
  return {
    n: 0,
    sumAbs: 0,
    sumErr: 0,
    sumSq: 0,
    within5: 0,
    ranged: 0,
    inside: 0,
    under10: 0,
    notTodayTold: 0,
    notCalled: 0,
    notTodayHit: 0,
  };
}

export function emptyAccuracy(seq: number): AccuracyState {
  return { format: 1, seq, date: '', days: {}, pending: {} };
}

function tallyOf(state: AccuracyState, date: string, serviceId: string): AccuracyTally {
  const day = (state.days[date] ??= {});
  return (day[serviceId] ??= emptyTally());
}

/** A ticket's first call, `waitedMs` after its issue. */
function recordCall(state: AccuracyState, p: PendingTicket, waitedMs: number): void {
  const t = tallyOf(state, p.date, p.serviceId);
  const told = p.prediction;
  if (told.notToday) {
    t.notTodayTold += 1;
    return;
  }
  const waited = waitedMs / MINUTE;
  const error = told.minutes - waited;
  t.n += 1;
  t.sumAbs += Math.abs(error);
  t.sumErr += error;
  t.sumSq += error * error;
  if (Math.abs(error) <= WITHIN_MINUTES) t.within5 += 1;
  if (-error > UNDER_MINUTES) t.under10 += 1;
  if (told.low !== undefined && told.high !== undefined) {
    t.ranged += 1;
    if (waited >= told.low && waited <= told.high) t.inside += 1;
  }
}

/** A ticket its day ended for without a call. */
function recordNotCalled(state: AccuracyState, p: PendingTicket): void {
  const t = tallyOf(state, p.date, p.serviceId);
  t.notCalled += 1;
  if (p.prediction.notToday) {
    t.notTodayTold += 1;
    t.notTodayHit += 1;
  }
}

/**
 * Moves the state to business date `today`: tickets of earlier days still waiting for their first
 * call are "not called", and dates older than KEEP_DAYS are dropped. Idempotent; never goes back.
 */
export function closeDaysBefore(state: AccuracyState, today: string): void {
  if (today <= state.date) return;
  state.date = today;
  for (const [id, p] of Object.entries(state.pending)) {
    if (p.date >= today) continue;
    recordNotCalled(state, p);
    delete state.pending[id];
  }
  const oldest = addDays(today, -(KEEP_DAYS - 1));
  for (const date of Object.keys(state.days)) if (date < oldest) delete state.days[date];
}

/**
 * Folds one event of the office's log into the state (events in seq order; one already tallied —
 * seq ≤ state.seq — is ignored, so a replay after a restart never counts twice).
 */
export function tallyEvent(state: AccuracyState, event: OfficeEvent, timeZone: string): void {
  if (event.seq <= state.seq) return;
  state.seq = event.seq;
  closeDaysBefore(state, businessDate(event.at, timeZone));
  const t = event.ticket;
  switch (event.type) {
    case 'issued':
      if (t?.prediction && t.transferredFrom === undefined)
        state.pending[t.id] = {
          date: t.businessDate,
          serviceId: t.serviceId,
          issuedAt: t.issuedAt,
          prediction: t.prediction,
        };
      break;
    case 'called': {
      const p = t && state.pending[t.id];
      if (!t || !p) break;
      delete state.pending[t.id];
      recordCall(state, p, (t.calledAt ?? event.at) - p.issuedAt);
      break;
    }
    case 'transferred':
      // Transferred before its first call: its wait was for another queue. Not counted.
      if (event.from) delete state.pending[event.from.id];
      break;
    case 'cancelled':
      // Cancelled before its first call: when it would have been called is unknown. Not counted.
      if (t) delete state.pending[t.id];
      break;
    default:
      break;
  }
}

/** The sum of tallies. */
export function addTallies(into: AccuracyTally, t: AccuracyTally): AccuracyTally {
  for (const k of Object.keys(into) as (keyof AccuracyTally)[]) into[k] += t[k];
  return into;
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f + 0;
};
const minutes = (x: number): number => round(x, 2);
const share = (part: number, whole: number): number | null => (whole === 0 ? null : round(part / whole, 3));

/** The API's figures of a tally: minutes to 0.01, shares (0–1) to 0.001, null without tickets. */
export function figuresOf(t: AccuracyTally): AccuracyFigures {
  const n = t.n;
  return {
    n,
    mae: n === 0 ? null : minutes(t.sumAbs / n),
    bias: n === 0 ? null : minutes(t.sumErr / n),
    rmse: n === 0 ? null : minutes(Math.sqrt(t.sumSq / n)),
    within5: share(t.within5, n),
    coverage: share(t.inside, t.ranged),
    under10: share(t.under10, n),
    ranged: t.ranged,
    notCalled: t.notCalled,
    notTodayTold: t.notTodayTold,
    notTodayHit: t.notTodayHit,
  };
}

/** Per service (the office's services in its order, then any other tallied one) and all together. */
function spanOf(
  state: AccuracyState,
  office: OfficeConfig,
  dates: readonly string[],
): { services: ServiceAccuracy[]; all: AccuracyFigures } {
  const per = new Map<string, AccuracyTally>(office.services.map((s) => [s.id, emptyTally()]));
  const others: string[] = [];
  for (const date of dates) {
    for (const [serviceId, t] of Object.entries(state.days[date] ?? {})) {
      let sum = per.get(serviceId);
      if (!sum) {
        sum = emptyTally();
        per.set(serviceId, sum);
        others.push(serviceId);
      }
      addTallies(sum, t);
    }
  }
  const all = emptyTally();
  for (const t of per.values()) addTallies(all, t);
  const order = [...office.services.map((s) => s.id), ...others.sort()];
  return {
    services: order.map((serviceId) => ({ serviceId, ...figuresOf(per.get(serviceId) ?? emptyTally()) })),
    all: figuresOf(all),
  };
}

/**
 * Today's and the last 30 days' accuracy (today included) at business date `today`. Tickets of
 * earlier days not called yet are closed as "not called" first.
 */
export function accuracyReport(
  state: AccuracyState,
  office: OfficeConfig,
  today: string,
  modelVersion: string,
): AccuracyReport {
  closeDaysBefore(state, today);
  const from = addDays(today, -(WINDOW_DAYS - 1));
  const window = Array.from({ length: WINDOW_DAYS }, (_, i) => addDays(from, i));
  return {
    today: { date: today, ...spanOf(state, office, [today]) },
    last30: { from, to: today, ...spanOf(state, office, window) },
    modelVersion,
  };
}

function isSaved(v: unknown): v is AccuracyState {
  const s = v as Partial<AccuracyState> | undefined;
  return (
    typeof s === 'object' &&
    s !== null &&
    s.format === 1 &&
    typeof s.seq === 'number' &&
    typeof s.date === 'string' &&
    typeof s.days === 'object' &&
    s.days !== null &&
    typeof s.pending === 'object' &&
    s.pending !== null
  );
}

/** One office's tallies in the server: fed with the events the learner reads, saved with it. */
export class AccuracyTracker {
  private dirty = false;

  private constructor(
    private readonly officeId: string,
    public state: AccuracyState,
  ) {}

  /**
   * The saved tallies of the office, brought up to the learner's `seq` (a save behind the learner's,
   * after a crash between the two, is filled in from the log), or fresh ones starting there.
   */
  static async open(store: TicketStore, office: OfficeConfig, learnerSeq: number): Promise<AccuracyTracker> {
    const saved = await store.loadOfficeData(office.id, ACCURACY_KEY);
    if (!isSaved(saved)) {
      const fresh = new AccuracyTracker(office.id, emptyAccuracy(learnerSeq));
      fresh.dirty = true;
      return fresh;
    }
    const tracker = new AccuracyTracker(office.id, saved);
    await tracker.fillTo(store, office, learnerSeq);
    return tracker;
  }

  private async fillTo(store: TicketStore, office: OfficeConfig, seq: number): Promise<void> {
    while (this.state.seq < seq) {
      let page;
      try {
        page = await store.eventsSince(this.officeId, this.state.seq, PAGE);
      } catch (err) {
        if (!isQueueError(err) || err.code !== 'EVENTS_TRIMMED') throw err;
        // Gone from the log: those tickets are not counted.
        this.state.seq = seq;
        break;
      }
      for (const e of page.events) if (e.seq <= seq) this.observe(office, e);
      if (page.events.length < PAGE) break;
    }
    if (this.state.seq < seq) this.state.seq = seq;
    this.dirty = true;
  }

  /** One event of the log, in seq order (the learner's catch-up calls this). */
  observe(office: OfficeConfig, event: OfficeEvent): void {
    if (event.seq <= this.state.seq) return;
    tallyEvent(this.state, event, office.timeZone);
    this.dirty = true;
  }

  /** Today's and the last 30 days' figures at `now`. */
  report(office: OfficeConfig, now: number, modelVersion: string): AccuracyReport {
    const before = this.state.date;
    const report = accuracyReport(this.state, office, businessDate(now, office.timeZone), modelVersion);
    if (this.state.date !== before) this.dirty = true;
    return report;
  }

  /** Saves the tallies if they changed since the last save. */
  async save(store: TicketStore): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    try {
      await store.saveOfficeData(this.officeId, ACCURACY_KEY, this.state);
    } catch (err) {
      this.dirty = true;
      throw err;
    }
  }
}
