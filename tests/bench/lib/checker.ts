/**
 * Correctness after every run, read back from the store's own event log (not from what the bench
 * thinks it did): seqs consecutive; per service and business day, numbers unique and gapless and
 * printed as configured; every ticket called at most once and only while waiting, in FIFO order
 * (one service, no priority: the n-th call takes the n-th ticket); no counter holding two tickets;
 * every completion for the ticket its counter holds. Then the counts are compared with the
 * commands the bench had acknowledged, and the store's state with the log.
 */
import { displayNumber } from '../../../shared/domain/numbering.js';
import type { OfficeConfig, OfficeEvent } from '../../../shared/domain/types.js';
import type { TicketStore } from '../../../server/store/types.js';

export interface Acknowledged {
  issued: number;
  called: number;
  completed: number;
}

type TicketState = 'waiting' | 'called' | 'done';

export class OfficeChecker {
  private seq = 0;
  private readonly tickets = new Map<string, TicketState>();
  /** date|service → last seqNo issued, last seqNo called */
  private readonly issuedSeqNo = new Map<string, number>();
  private readonly calledSeqNo = new Map<string, number>();
  private readonly holding = new Map<string, string>();
  private waiting = 0;
  readonly seen: Acknowledged = { issued: 0, called: 0, completed: 0 };
  readonly acked: Acknowledged = { issued: 0, called: 0, completed: 0 };
  readonly violations: string[] = [];
  events = 0;

  constructor(
    private readonly store: Pick<TicketStore, 'eventsSince' | 'getState'>,
    private readonly office: OfficeConfig,
  ) {}

  get officeId(): string {
    return this.office.id;
  }

  private fail(what: string): void {
    // Keep the report readable: the first few problems say enough.
    if (this.violations.length < 20) this.violations.push(`${this.office.id}: ${what}`);
    else if (this.violations.length === 20) this.violations.push(`${this.office.id}: … more`);
  }

  /** Reads and checks every event written since the last drain. */
  async drain(): Promise<void> {
    for (;;) {
      const page = await this.store.eventsSince(this.office.id, this.seq, 1000);
      for (const e of page.events) this.check(e);
      if (page.events.length === 0 || this.seq >= page.seq) return;
    }
  }

  private check(e: OfficeEvent): void {
    this.events++;
    if (e.seq !== this.seq + 1) this.fail(`event seq ${e.seq} follows ${this.seq}`);
    this.seq = e.seq;
    const t = e.ticket;
    switch (e.type) {
      case 'issued': {
        if (!t) return this.fail(`issued event ${e.seq} without a ticket`);
        if (this.tickets.has(t.id)) this.fail(`ticket id ${t.id} issued twice`);
        this.tickets.set(t.id, 'waiting');
        this.waiting++;
        this.seen.issued++;
        const key = `${t.businessDate}|${t.serviceId}`;
        const last = this.issuedSeqNo.get(key) ?? 0;
        if (t.seqNo !== last + 1) this.fail(`${key}: number #${t.seqNo} follows #${last} (gap or duplicate)`);
        this.issuedSeqNo.set(key, t.seqNo);
        const service = this.office.services.find((s) => s.id === t.serviceId);
        const expected = service ? displayNumber(service.numbering, t.seqNo) : undefined;
        if (t.number !== expected) this.fail(`${key}: #${t.seqNo} printed ${t.number}, expected ${expected}`);
        return;
      }
      case 'called': {
        if (!t || !e.counter) return this.fail(`called event ${e.seq} without ticket or counter`);
        if (this.tickets.get(t.id) !== 'waiting')
          this.fail(`ticket ${t.number} called while ${this.tickets.get(t.id) ?? 'unknown'}`);
        this.tickets.set(t.id, 'called');
        this.waiting--;
        this.seen.called++;
        const counterId = e.counter.id;
        const held = this.holding.get(counterId);
        if (held !== undefined) this.fail(`counter ${counterId} called ${t.number} while holding another`);
        if (t.counterId !== counterId || e.counter.currentTicketId !== t.id)
          this.fail(`called event ${e.seq}: ticket and counter disagree`);
        this.holding.set(counterId, t.id);
        const key = `${t.businessDate}|${t.serviceId}`;
        const last = this.calledSeqNo.get(key) ?? 0;
        if (t.seqNo !== last + 1) this.fail(`${key}: called #${t.seqNo} after #${last} (not FIFO)`);
        this.calledSeqNo.set(key, t.seqNo);
        return;
      }
      case 'completed': {
        if (!t || !e.counter) return this.fail(`completed event ${e.seq} without ticket or counter`);
        if (this.tickets.get(t.id) !== 'called')
          this.fail(`ticket ${t.number} completed while ${this.tickets.get(t.id) ?? 'unknown'}`);
        this.tickets.set(t.id, 'done');
        this.seen.completed++;
        if (this.holding.get(e.counter.id) !== t.id)
          this.fail(`counter ${e.counter.id} completed ${t.number} it did not hold`);
        if (e.counter.currentTicketId !== undefined)
          this.fail(`counter ${e.counter.id} still holds a ticket after completing`);
        this.holding.delete(e.counter.id);
        return;
      }
      case 'counter-updated':
        return;
      default:
        this.fail(`unexpected event type ${e.type} at seq ${e.seq}`);
    }
  }

  /** Drains, then compares the log with the acknowledged commands and with the store's state. */
  async verify(): Promise<string[]> {
    await this.drain();
    for (const k of ['issued', 'called', 'completed'] as const) {
      if (this.seen[k] !== this.acked[k])
        this.fail(`${k}: ${this.acked[k]} acknowledged but ${this.seen[k]} in the event log`);
    }
    const state = await this.store.getState(this.office.id);
    if (state.seq !== this.seq) this.fail(`state seq ${state.seq}, log ends at ${this.seq}`);
    const waiting = Object.values(state.waiting).reduce((a, b) => a + b, 0);
    if (waiting !== this.waiting) this.fail(`state says ${waiting} waiting, the log ${this.waiting}`);
    const held = new Set<string>();
    for (const c of state.counters) {
      if (c.currentTicketId === undefined) continue;
      if (held.has(c.currentTicketId)) this.fail(`ticket ${c.currentTicketId} held by two counters`);
      held.add(c.currentTicketId);
      if (this.holding.get(c.id) !== c.currentTicketId) this.fail(`counter ${c.id}: state and log disagree`);
    }
    return this.violations;
  }

  get waitingCount(): number {
    return this.waiting;
  }
}
