import { describe, expect, it } from 'vitest';
import {
  candidateLists,
  classHeadStartMs,
  FRONT_OFFSET_MS,
  issueSortKey,
  nextNormalsSincePriority,
  pickNext,
  placementSortKey,
  PRIORITY_DUE,
  type QueueHead,
} from '../../shared/domain/policy.js';
import type { CallingPolicy, CounterConfig } from '../../shared/domain/types.js';

const counter: CounterConfig = {
  id: 'c2',
  number: 2,
  name: 'Quầy 2',
  services: [{ serviceId: 'civ' }, { serviceId: 'cert', weight: 10 }],
};

/** A queue given as list id → head. */
const queue = (heads: Record<string, [sortKey: number, ordinal: number]>) => ({
  head: (listId: string): QueueHead | undefined => {
    const h = heads[listId];
    return h && { ticketId: `${listId}#${h[1]}`, sortKey: h[0], ordinal: h[1] };
  },
});

const pick = (policy: CallingPolicy, heads: Record<string, [number, number]>, nsp = PRIORITY_DUE) =>
  pickNext(candidateLists(counter, policy), queue(heads), policy, nsp)?.list.listId;

describe('pickNext', () => {
  const oldest: CallingPolicy = { kind: 'oldest', priorityEvery: 2 };

  it('calls the oldest eligible ticket across the counter’s services', () => {
    expect(pick(oldest, { 's:civ:n': [200, 2], 's:cert:n': [100, 1] })).toBe('s:cert:n');
    expect(pick(oldest, { 's:civ:n': [100, 2], 's:cert:n': [100, 1] })).toBe('s:cert:n'); // tie → ordinal
    expect(pick(oldest, { 's:land:n': [1, 1] })).toBeUndefined();
  });

  it('interleaves one priority ticket per N normal ones', () => {
    const heads = { 's:civ:n': [100, 1], 's:civ:p': [900, 9] } as Record<string, [number, number]>;
    expect(pick(oldest, heads, PRIORITY_DUE)).toBe('s:civ:p');
    expect(pick(oldest, heads, 0)).toBe('s:civ:n');
    expect(pick(oldest, heads, 1)).toBe('s:civ:n');
    expect(pick(oldest, heads, 2)).toBe('s:civ:p');
    expect(pick({ kind: 'oldest', priorityEvery: 0 }, heads, 0)).toBe('s:civ:p');
    expect(pick(oldest, { 's:civ:p': [900, 9] }, 0)).toBe('s:civ:p'); // nobody normal waiting
  });

  it('strict: priority first, then preference order, whatever the age', () => {
    const strict: CallingPolicy = { kind: 'strict' };
    expect(pick(strict, { 's:civ:n': [900, 9], 's:cert:n': [1, 1] })).toBe('s:civ:n');
    expect(pick(strict, { 's:civ:n': [1, 1], 's:cert:p': [900, 9] })).toBe('s:cert:p');
    expect(pick(strict, { 's:civ:p': [900, 9], 'c:c2:p': [950, 10] })).toBe('c:c2:p');
  });

  it('ageing: the counter’s service weight is a head start in minutes', () => {
    const ageing: CallingPolicy = { kind: 'ageing', alphaPerMinute: 2, priorityWeight: 20 };
    // weight 10 at α = 2/min → 5 minutes' head start for cert at this counter.
    expect(pick(ageing, { 's:civ:n': [0, 1], 's:cert:n': [4 * 60_000, 2] })).toBe('s:cert:n');
    expect(pick(ageing, { 's:civ:n': [0, 1], 's:cert:n': [6 * 60_000, 2] })).toBe('s:civ:n');
    expect(classHeadStartMs(ageing, true)).toBe(10 * 60_000);
    expect(issueSortKey(ageing, true, 1_000_000)).toBe(1_000_000 - 600_000);
    expect(issueSortKey(ageing, false, 1_000_000)).toBe(1_000_000);
  });

  it('places tickets at the front, the back or by issue time', () => {
    const t = { priority: false, issuedAt: 5_000 };
    expect(placementSortKey(oldest, 'front', t, 9_000)).toBe(9_000 - FRONT_OFFSET_MS);
    expect(placementSortKey(oldest, 'back', t, 9_000)).toBe(9_000);
    expect(placementSortKey(oldest, 'issueTime', t, 9_000)).toBe(5_000);
  });

  it('counts normal calls since the last priority one, capped', () => {
    expect(nextNormalsSincePriority(3, true)).toBe(0);
    expect(nextNormalsSincePriority(3, false)).toBe(4);
    expect(nextNormalsSincePriority(PRIORITY_DUE, false)).toBe(PRIORITY_DUE);
  });
});
