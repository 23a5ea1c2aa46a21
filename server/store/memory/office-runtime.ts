/**
 * The in-memory state of one office, changed only by `apply(event)`. Live commands and journal
 * replay go through the same reducer, so what a restart rebuilds is exactly what was served.
 */
import type { QueuePosition } from '../../../shared/domain/ahead.js';
import { listIdOf, type QueueView } from '../../../shared/domain/policy.js';
import { initialCounterState } from '../../../shared/domain/transitions.js';
import type {
  CounterState,
  OfficeConfig,
  OfficeEvent,
  OfficeState,
  RecentCall,
  Ticket,
  TicketStatus,
} from '../../../shared/domain/types.js';
import { QueueError } from '../../../shared/protocol/errors.js';
import { addDays, businessDate } from '../../../shared/domain/calendar.js';
import {
  DAY_KEY_TTL_MS,
  MAX_NO_SHOWS,
  RECENT_CALLS,
  REQUEST_TTL_MS,
  TICKET_TTL_MS,
  type DayActivity,
  type WaitingLists,
} from '../types.js';
import { DayActivityFigures } from './day-activity.js';
import { WaitingList } from './waiting-list.js';

/**
 * Everything a snapshot file holds for one office; lists, counts and the day figures of
 * dayActivity are rebuilt from tickets.
 */
export interface OfficeSnapshot {
  config: OfficeConfig;
  seq: number;
  counters: CounterState[];
  tickets: Ticket[];
  numbers: [string, number][];
  recentCalls: RecentCall[];
  events: OfficeEvent[];
  /** Results of requestIds still remembered. */
  requests: OfficeEvent[];
}

const dayKey = (date: string, id: string): string => `${date}|${id}`;

/** Statuses a ticket ends in when it leaves the counter holding it. */
const LEFT_COUNTER: ReadonlySet<TicketStatus> = new Set(['done', 'no_show', 'transferred']);

export class OfficeRuntime {
  config: OfficeConfig;
  seq = 0;
  readonly counters = new Map<string, CounterState>();
  readonly tickets = new Map<string, Ticket>();
  /** date|listId → list */
  private readonly lists = new Map<string, WaitingList>();
  /** date|serviceId → tickets issued (numbers allocated) */
  private readonly numbers = new Map<string, number>();
  /** date|serviceId → waiting tickets */
  private readonly waitingCounts = new Map<string, number>();
  /**
   * date → that business day's dayActivity figures, following ticket state (see putTicket): a
   * ticket counts on its own businessDate, at the counter in its counterId.
   */
  private readonly days = new Map<string, DayActivityFigures>();
  private readonly officers = new Map<string, string>();
  private recent: RecentCall[] = [];
  /** Oldest first; trimmed to maxEvents. */
  private events: OfficeEvent[] = [];
  /** requestId → the event it produced; Map order is insertion order, i.e. time order. */
  private readonly requests = new Map<string, OfficeEvent>();

  constructor(
    config: OfficeConfig,
    private readonly maxEvents: number,
    now: number,
  ) {
    this.config = config;
    this.configure(config, now);
  }

  /** New counters start closed; counters removed from the configuration are dropped. */
  configure(config: OfficeConfig, now: number): void {
    this.config = config;
    const ids = new Set(config.counters.map((c) => c.id));
    for (const id of [...this.counters.keys()]) if (!ids.has(id)) this.counters.delete(id);
    for (const c of config.counters)
      if (!this.counters.has(c.id)) this.counters.set(c.id, initialCounterState(c.id, now));
    this.rebuildOfficers();
  }

  private rebuildOfficers(): void {
    this.officers.clear();
    for (const c of this.counters.values())
      if (c.officerId !== undefined) this.officers.set(c.officerId, c.id);
  }

  counter(counterId: string): CounterState {
    const c = this.counters.get(counterId);
    if (!c) throw new QueueError('UNKNOWN_COUNTER');
    return c;
  }

  ticket(ticketId: string): Ticket {
    const t = this.tickets.get(ticketId);
    if (!t) throw new QueueError('TICKET_NOT_FOUND');
    return t;
  }

  counterOfOfficer(officerId: string): string | undefined {
    return this.officers.get(officerId);
  }

  issuedCount(date: string, serviceId: string): number {
    return this.numbers.get(dayKey(date, serviceId)) ?? 0;
  }

  /** The waiting lists of one business day. */
  queueView(date: string): QueueView {
    return { head: (listId) => this.lists.get(dayKey(date, listId))?.head() };
  }

  /** Where a waiting ticket stands in its queue; undefined when this copy of it is not in its list. */
  queuePosition(t: Ticket): QueuePosition | undefined {
    const own = this.lists.get(dayKey(t.businessDate, listIdOf(t)));
    if (own?.idAt(t.sortKey, t.ordinal) !== t.id) return undefined;
    const other = this.lists.get(dayKey(t.businessDate, listIdOf({ ...t, priority: !t.priority })));
    return {
      sameClassBefore: own.countBefore(t.sortKey, t.ordinal),
      otherClassBefore: other?.countBefore(t.sortKey, t.ordinal) ?? 0,
      otherClassTotal: other?.size ?? 0,
    };
  }

  /**
   * The first `k` waiting tickets of each list of one business day, as copies (a caller must never
   * hold the objects the reducer replaces), and each list's size.
   */
  waitingLists(date: string, listIds: readonly string[], k: number): WaitingLists {
    const out: WaitingLists = { lists: {}, sizes: {} };
    for (const listId of listIds) {
      const list = this.lists.get(dayKey(date, listId));
      out.lists[listId] = (list?.firstIds(k) ?? []).map((id) => ({ ...this.ticket(id) }));
      out.sizes[listId] = list?.size ?? 0;
    }
    return out;
  }

  /**
   * dayActivity of one business day: the figures kept by the reducer, the first MAX_NO_SHOWS
   * no-shows as copies. O(counters + log n + MAX_NO_SHOWS), no ticket scan.
   */
  dayActivity(date: string): DayActivity {
    const day = this.days.get(date);
    const counters: DayActivity['counters'] = {};
    for (const c of this.config.counters)
      counters[c.id] = day?.counterDay(c.id) ?? { served: 0, serviceMs: 0, noShows: 0 };
    return {
      businessDate: date,
      counters,
      noShows: (day?.noShowIds(MAX_NO_SHOWS) ?? []).flatMap((id) => {
        const t = this.tickets.get(id);
        return t ? [{ ...t }] : [];
      }),
      noShowTotal: day?.noShowTotal ?? 0,
    };
  }

  /** The first result of a requestId still remembered at `now`. */
  priorResult(requestId: string, now: number): OfficeEvent | undefined {
    const e = this.requests.get(requestId);
    return e && e.at + REQUEST_TTL_MS > now ? e : undefined;
  }

  apply(e: OfficeEvent): void {
    if (e.seq !== this.seq + 1)
      throw new Error(`office ${this.config.id}: event seq ${e.seq} after ${this.seq}`);
    this.seq = e.seq;
    if (e.from) this.putTicket(e.from);
    if (e.ticket) this.putTicket(e.ticket);
    if (e.counter) this.putCounter(e.counter);
    if (e.type === 'issued' && e.ticket) {
      const key = dayKey(e.ticket.businessDate, e.ticket.serviceId);
      this.numbers.set(key, Math.max(this.numbers.get(key) ?? 0, e.ticket.seqNo));
    }
    if ((e.type === 'called' || e.type === 'recalled') && e.ticket?.counterId !== undefined) {
      const t = e.ticket;
      this.recent.unshift({
        ticketId: t.id,
        number: t.number,
        serviceId: t.serviceId,
        counterId: t.counterId as string,
        at: e.at,
        kind: e.type,
      });
      if (this.recent.length > RECENT_CALLS) this.recent.length = RECENT_CALLS;
    }
    if (e.requestId !== undefined) this.requests.set(e.requestId, e);
    this.forgetExpiredRequests(e.at);
    this.events.push(e);
    // Trim in batches: one splice per maxEvents/4 events keeps appends O(1) amortised.
    if (this.events.length > this.maxEvents * 1.25) this.events = this.events.slice(-this.maxEvents);
  }

  private forgetExpiredRequests(now: number): void {
    for (const [id, e] of this.requests) {
      if (e.at + REQUEST_TTL_MS > now) break;
      this.requests.delete(id);
    }
  }

  /**
   * Every ticket change goes through here (live events, journal replay, snapshot load), so the
   * derived structures follow the ticket's state: waiting lists and counts, and the day figures —
   * served when it becomes 'done' (complete); a no-show while it is 'no_show' (no-show adds it;
   * requeue and cancel, which move it out of 'no_show', take it off the day and counter its old
   * copy names; requeue clears counterId). A transfer ends a ticket as 'transferred': no figure.
   */
  private putTicket(t: Ticket): void {
    const prev = this.tickets.get(t.id);
    if (prev?.status === 'waiting') this.unlist(prev);
    if (prev?.status === 'no_show' && t.status !== 'no_show')
      this.days.get(prev.businessDate)?.dropNoShow(prev);
    this.tickets.set(t.id, t);
    if (t.status === 'waiting') this.enlist(t);
    if (t.status === 'done' && prev?.status !== 'done') this.day(t.businessDate).served(t);
    // Left its counter: live, from called or serving; rebuilt from a snapshot, whatever it was.
    if (
      LEFT_COUNTER.has(t.status) &&
      t.counterId !== undefined &&
      t.finishedAt !== undefined &&
      (prev === undefined || prev.status === 'called' || prev.status === 'serving')
    )
      this.day(t.businessDate).ended(t.counterId, t.finishedAt);
    if (t.status === 'no_show' && prev?.status !== 'no_show') this.day(t.businessDate).addNoShow(t);
  }

  private day(date: string): DayActivityFigures {
    let day = this.days.get(date);
    if (!day) this.days.set(date, (day = new DayActivityFigures()));
    return day;
  }

  private enlist(t: Ticket): void {
    const key = dayKey(t.businessDate, listIdOf(t));
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = new WaitingList()));
    list.add(t.sortKey, t.ordinal, t.id);
    const count = dayKey(t.businessDate, t.serviceId);
    this.waitingCounts.set(count, (this.waitingCounts.get(count) ?? 0) + 1);
  }

  private unlist(t: Ticket): void {
    const key = dayKey(t.businessDate, listIdOf(t));
    const list = this.lists.get(key);
    list?.remove(t.sortKey, t.ordinal);
    if (list?.size === 0) this.lists.delete(key);
    const count = dayKey(t.businessDate, t.serviceId);
    const n = (this.waitingCounts.get(count) ?? 0) - 1;
    if (n > 0) this.waitingCounts.set(count, n);
    else this.waitingCounts.delete(count);
  }

  private putCounter(c: CounterState): void {
    const prev = this.counters.get(c.id);
    if (prev?.officerId !== undefined) this.officers.delete(prev.officerId);
    this.counters.set(c.id, c);
    if (c.officerId !== undefined) this.officers.set(c.officerId, c.id);
  }

  state(today: string): OfficeState {
    const waiting: Record<string, number> = {};
    for (const s of this.config.services) waiting[s.id] = this.waitingCounts.get(dayKey(today, s.id)) ?? 0;
    return {
      officeId: this.config.id,
      seq: this.seq,
      businessDate: today,
      counters: this.config.counters.map((c) => this.counter(c.id)),
      waiting,
      recentCalls: [...this.recent],
    };
  }

  /** Events after `afterSeq`; EVENTS_TRIMMED when the oldest of them is no longer kept. */
  eventsSince(afterSeq: number, limit: number): OfficeEvent[] {
    if (afterSeq >= this.seq) return [];
    const first = this.events[0];
    if (!first || first.seq > afterSeq + 1) throw new QueueError('EVENTS_TRIMMED');
    const start = afterSeq + 1 - first.seq;
    return this.events.slice(start, start + limit);
  }

  /**
   * Applies the retention of types.ts at `now` (called before a snapshot, so memory and snapshots
   * stay bounded over months): tickets untouched for TICKET_TTL_MS go, unless a counter still
   * holds them; day counters and lists older than DAY_KEY_TTL_MS go. Returns tickets dropped.
   */
  prune(now: number): number {
    const held = new Set([...this.counters.values()].map((c) => c.currentTicketId));
    let dropped = 0;
    for (const t of this.tickets.values()) {
      const touched = Math.max(t.issuedAt, t.calledAt ?? 0, t.servingAt ?? 0, t.finishedAt ?? 0);
      if (touched + TICKET_TTL_MS > now || held.has(t.id)) continue;
      if (t.status === 'waiting') this.unlist(t);
      if (t.status === 'no_show') this.days.get(t.businessDate)?.dropNoShow(t);
      this.tickets.delete(t.id);
      dropped++;
    }
    this.pruneDays(now);
    return dropped;
  }

  /** Drops day-keyed state (lists, counters, day figures) of days older than DAY_KEY_TTL_MS. */
  private pruneDays(now: number): void {
    const oldestDay = this.oldestDay(now);
    const stale = (key: string): boolean => key.slice(0, key.indexOf('|')) < oldestDay;
    for (const map of [this.lists, this.numbers, this.waitingCounts]) {
      for (const key of map.keys()) if (stale(key)) map.delete(key);
    }
    this.pruneDayFigures(oldestDay);
  }

  /** The oldest business date whose day-keyed state is kept at `now`. */
  private oldestDay(now: number): string {
    return addDays(businessDate(now, this.config.timeZone), -Math.ceil(DAY_KEY_TTL_MS / 86_400_000));
  }

  private pruneDayFigures(oldestDay: string): void {
    for (const date of this.days.keys()) if (date < oldestDay) this.days.delete(date);
  }

  snapshot(): OfficeSnapshot {
    return {
      config: this.config,
      seq: this.seq,
      counters: [...this.counters.values()],
      tickets: [...this.tickets.values()],
      numbers: [...this.numbers.entries()],
      // A copy: compaction serialises the snapshot later, after newer calls may have changed `recent`.
      recentCalls: [...this.recent],
      events: this.events.slice(-this.maxEvents),
      requests: [...this.requests.values()],
    };
  }

  static fromSnapshot(s: OfficeSnapshot, maxEvents: number, now: number): OfficeRuntime {
    const rt = new OfficeRuntime(s.config, maxEvents, now);
    rt.seq = s.seq;
    for (const c of s.counters) rt.counters.set(c.id, c);
    rt.rebuildOfficers();
    // Lists, waiting counts and day figures follow from the tickets (putTicket).
    for (const t of s.tickets) rt.putTicket(t);
    for (const [k, v] of s.numbers) rt.numbers.set(k, v);
    rt.recent = [...s.recentCalls];
    rt.events = [...s.events];
    for (const e of s.requests) if (e.requestId !== undefined) rt.requests.set(e.requestId, e);
    // Tickets outlive day-keyed state: the figures of days past retention are not brought back.
    rt.pruneDayFigures(rt.oldestDay(now));
    return rt;
  }
}
