/**
 * One business day's figures for TicketStore.dayActivity, kept up to date by OfficeRuntime's
 * reducer as tickets change (never by scanning tickets): per counter served / service time /
 * no-shows, and the day's no-show tickets ordered as the answer lists them.
 */
import BTreeModule from 'sorted-btree';
import type { Ticket } from '../../../shared/domain/types.js';
import type { CounterDay } from '../types.js';

// sorted-btree is CommonJS with `exports.default` (see waiting-list.ts).
type BTreeClass = typeof BTreeModule.default;
const BTree: BTreeClass =
  (BTreeModule as { default?: BTreeClass }).default ?? (BTreeModule as unknown as BTreeClass);

type Key = readonly [finishedAt: number, ticketId: string];
/**
 * The most recent no-show first, then ids in ascending order of their characters — what the Redis
 * engine's `ns:<date>` zset gives (scored by −finishedAt, equal scores by member bytes; ids are ASCII).
 */
const compare = (a: Key, b: Key): number => b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/** Service time of a completed ticket, as CounterDay.serviceMs sums it. */
export function serviceMsOf(t: Ticket): number {
  const end = t.finishedAt ?? 0;
  return end - (t.servingAt ?? t.calledAt ?? end);
}

export class DayActivityFigures {
  /** counterId → figures */
  private readonly counters = new Map<string, CounterDay>();
  /** (finishedAt, id) → id, of the day's tickets now in status 'no_show'. */
  private readonly noShowTree = new BTree<Key, string>(undefined, compare);

  private counter(counterId: string): CounterDay {
    let c = this.counters.get(counterId);
    if (!c) this.counters.set(counterId, (c = { served: 0, serviceMs: 0, noShows: 0 }));
    return c;
  }

  /** A ticket of this day became 'done'. */
  served(t: Ticket): void {
    if (t.counterId === undefined) return;
    const c = this.counter(t.counterId);
    c.served += 1;
    c.serviceMs += serviceMsOf(t);
  }

  /** A ticket of this day left its counter (done, no_show, transferred) at `at`. */
  ended(counterId: string, at: number): void {
    const c = this.counter(counterId);
    if (c.lastEndedAt === undefined || c.lastEndedAt < at) c.lastEndedAt = at;
  }

  /** A ticket of this day became 'no_show'. */
  addNoShow(t: Ticket): void {
    const key: Key = [t.finishedAt ?? 0, t.id];
    if (!this.noShowTree.set(key, t.id, false)) return;
    if (t.counterId !== undefined) this.counter(t.counterId).noShows += 1;
  }

  /** A ticket of this day left 'no_show' (`t` as it was): only one this day counted is uncounted. */
  dropNoShow(t: Ticket): void {
    if (!this.noShowTree.delete([t.finishedAt ?? 0, t.id])) return;
    if (t.counterId !== undefined) this.counter(t.counterId).noShows -= 1;
  }

  /** A copy of a counter's figures (zeros when nothing happened there). */
  counterDay(counterId: string): CounterDay {
    const c = this.counters.get(counterId);
    return c ? { ...c } : { served: 0, serviceMs: 0, noShows: 0 };
  }

  get noShowTotal(): number {
    return this.noShowTree.size;
  }

  /** The ids of the first `k` no-shows in answer order: O(log n + k). */
  noShowIds(k: number): string[] {
    const ids: string[] = [];
    if (k <= 0) return ids;
    for (const id of this.noShowTree.values()) {
      ids.push(id);
      if (ids.length >= k) break;
    }
    return ids;
  }
}
