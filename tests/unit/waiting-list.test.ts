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
});
