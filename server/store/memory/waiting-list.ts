/** One waiting list, ordered by (sortKey, ordinal): a B+ tree, so head, insert and remove are O(log n). */
import BTreeModule from 'sorted-btree';
import type { QueueHead } from '../../../shared/domain/policy.js';

// sorted-btree is CommonJS with `exports.default`: Node's ESM loader hands us the exports object,
// bundlers hand us the class itself.
type BTreeClass = typeof BTreeModule.default;
const BTree: BTreeClass =
  (BTreeModule as { default?: BTreeClass }).default ?? (BTreeModule as unknown as BTreeClass);

type Key = readonly [sortKey: number, ordinal: number];
/** How far countBefore walks from the back before counting from the front instead. */
const BACK_WALK = 256;
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

  /**
   * Entries ordered before (sortKey, ordinal). The B+ tree keeps no subtree sizes, so this counts
   * from the nearer end when it can: a ticket just issued sits at or near the back (others may have
   * been issued after it while its answer was being prepared), an early ticket near the front.
   */
  countBefore(sortKey: number, ordinal: number): number {
    const key = [sortKey, ordinal] as const;
    const first = this.tree.minKey();
    if (!first || compare(key, first) <= 0) return 0;
    let after = 0;
    for (const [k] of this.tree.entriesReversed()) {
      const c = compare(k, key);
      if (c <= 0) return this.tree.size - after - (c === 0 ? 1 : 0);
      if (++after >= BACK_WALK) break;
    }
    return this.tree.forRange(first, key, false);
  }

  /** The ticket at (sortKey, ordinal), if any. */
  idAt(sortKey: number, ordinal: number): string | undefined {
    return this.tree.get([sortKey, ordinal]);
  }

  /** The ids of the first `k` entries, in list order: O(log n + k), the tree is not copied. */
  firstIds(k: number): string[] {
    const ids: string[] = [];
    if (k <= 0) return ids;
    for (const id of this.tree.values()) {
      ids.push(id);
      if (ids.length >= k) break;
    }
    return ids;
  }

  /** Ticket ids in calling order. */
  ids(): string[] {
    return this.tree.valuesArray();
  }
}
