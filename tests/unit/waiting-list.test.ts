import { describe, expect, it } from 'vitest';
import { WaitingList } from '../../server/store/memory/waiting-list.js';

describe('waiting list', () => {
  it('counts the entries before any position, at the ends and in between', () => {
    const list = new WaitingList();
    for (let i = 1; i <= 100; i++) list.add(i * 10, i, `t${i}`);
    expect(list.countBefore(10, 1)).toBe(0); // the head
    expect(list.countBefore(5, 0)).toBe(0); // before everyone
    expect(list.countBefore(1000, 100)).toBe(99); // the last one
    expect(list.countBefore(2000, 101)).toBe(100); // behind everyone
    expect(list.countBefore(500, 50)).toBe(49);
    expect(list.countBefore(500, 49)).toBe(49); // equal key, smaller ordinal: before 500/50
    expect(new WaitingList().countBefore(1, 1)).toBe(0);
  });

  it('counts the same from the back (near the end) as from the front (deep inside a long list)', () => {
    const list = new WaitingList();
    for (let i = 1; i <= 2000; i++) list.add(i, i, `t${i}`);
    for (const at of [1, 2, 500, 1000, 1744, 1745, 1990, 1999, 2000])
      expect(list.countBefore(at, at)).toBe(at - 1);
    expect(list.countBefore(1500, 0)).toBe(1499); // between two entries, far from both ends
  });
});
