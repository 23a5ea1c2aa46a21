/** One waiting list, ordered by (sortKey, ordinal): a B+ tree, so head, insert and remove are O(log n). */
import BTreeModule from 'sorted-btree';
import type { QueueHead } from '../../../shared/domain/policy.js';

// sorted-btree is CommonJS with `exports.default`: Node's ESM loader hands us the exports object,
// bundlers hand us the class itself.
type BTreeClass = typeof BTreeModule.default;
const BTree: BTreeClass =
  (BTreeModule as { default?: BTreeClass }).default ?? (BTreeModule as unknown as BTreeClass);

type Key = readonly [sortKey: number, ordinal: number];
const compare = (a: Key, b: Key): number => a[0] - b[0] || a[1] - b[1];

export class WaitingList {
  private readonly tree = new BTree<Key, string>(undefined, compare);

  get size(): number {
    return this.tree.size;
  }

  add(sortKey: number, ordinal: number, ticketId: string): void {
    this.tree.set([sortKey, ordinal], ticketId);
  }

  remove(sortKey: number, ordinal: number): void {
    this.tree.delete([sortKey, ordinal]);
  }

  head(): QueueHead | undefined {
    const key = this.tree.minKey();
    if (!key) return undefined;
    return { sortKey: key[0], ordinal: key[1], ticketId: this.tree.get(key) as string };
  }

  /** Entries ordered before (sortKey, ordinal): O(log n) at either end, O(answer) between. */
  countBefore(sortKey: number, ordinal: number): number {
    const key = [sortKey, ordinal] as const;
    const first = this.tree.minKey();
    const last = this.tree.maxKey();
    if (!first || !last || compare(key, first) <= 0) return 0;
    // The common questions are O(log n): a ticket just issued (at the back) or behind everyone.
    const toLast = compare(key, last);
    if (toLast > 0) return this.tree.size;
    if (toLast === 0) return this.tree.size - 1;
    // Elsewhere: the B+ tree keeps no subtree sizes, so count (the phone page of a waiting ticket).
    return this.tree.forRange(first, key, false);
  }

  /** The ticket at (sortKey, ordinal), if any. */
  idAt(sortKey: number, ordinal: number): string | undefined {
    return this.tree.get([sortKey, ordinal]);
  }

  /** Ticket ids in calling order. */
  ids(): string[] {
    return this.tree.valuesArray();
  }
}
