import { describe, expect, it } from 'vitest';
import { peopleAhead, type QueuePosition } from '../../shared/domain/ahead.js';

const pos = (sameClassBefore: number, otherClassBefore: number, otherClassTotal: number): QueuePosition => ({
  sameClassBefore,
  otherClassBefore,
  otherClassTotal,
});

describe('peopleAhead', () => {
  it('puts every waiting priority ticket ahead of a normal one under strict priority', () => {
    expect(peopleAhead({ kind: 'strict' }, { priority: false }, pos(3, 1, 4))).toBe(7);
    expect(peopleAhead({ kind: 'strict' }, { priority: true }, pos(2, 5, 9))).toBe(2);
  });

  it('treats "oldest" with priorityEvery 0 as priority always first', () => {
    const policy = { kind: 'oldest', priorityEvery: 0 } as const;
    expect(peopleAhead(policy, { priority: false }, pos(1, 0, 2))).toBe(3);
    expect(peopleAhead(policy, { priority: true }, pos(1, 4, 6))).toBe(1);
  });

  it('follows the sort keys under ageing (the head start is already in them)', () => {
    const policy = { kind: 'ageing', alphaPerMinute: 1, priorityWeight: 30 } as const;
    expect(peopleAhead(policy, { priority: false }, pos(4, 2, 5))).toBe(6);
    expect(peopleAhead(policy, { priority: true }, pos(0, 3, 10))).toBe(3);
  });

  it('interleaves one priority ticket per N normal calls, starting with priority due', () => {
    const policy = { kind: 'oldest', priorityEvery: 2 } as const;
    // normal ticket: 1 + ⌊k/N⌋ priority slots before it, at most the priority tickets waiting
    expect(peopleAhead(policy, { priority: false }, pos(0, 0, 5))).toBe(1);
    expect(peopleAhead(policy, { priority: false }, pos(3, 0, 5))).toBe(3 + 2);
    expect(peopleAhead(policy, { priority: false }, pos(9, 0, 2))).toBe(9 + 2);
    expect(peopleAhead(policy, { priority: false }, pos(4, 0, 0))).toBe(4);
    // priority ticket: p × N normal calls before it, at most the normal tickets waiting
    expect(peopleAhead(policy, { priority: true }, pos(0, 7, 7))).toBe(0);
    expect(peopleAhead(policy, { priority: true }, pos(2, 7, 7))).toBe(2 + 4);
    expect(peopleAhead(policy, { priority: true }, pos(5, 3, 3))).toBe(5 + 3);
  });
});
