import { describe, expect, it } from 'vitest';
import { displayNumber, rangeEnd } from '../../shared/domain/numbering.js';

describe('ticket numbers', () => {
  it('reads as service digit + three-digit sequence by default', () => {
    const n = { prefix: '1', start: 1, width: 3 };
    expect([1, 5, 42, 999].map((i) => displayNumber(n, i))).toEqual(['1001', '1005', '1042', '1999']);
    expect(displayNumber(n, 1000)).toBeUndefined();
  });

  it('supports letter prefixes, a start and an explicit end', () => {
    const n = { prefix: 'A', start: 100, width: 3, end: 102 };
    expect(rangeEnd(n)).toBe(102);
    expect([1, 2, 3, 4].map((i) => displayNumber(n, i))).toEqual(['A100', 'A101', 'A102', undefined]);
  });

  it('wraps back to the start when the service allows it', () => {
    const n = { prefix: '', start: 1, width: 2, end: 3, wrap: true };
    expect([1, 2, 3, 4, 5, 7].map((i) => displayNumber(n, i))).toEqual(['01', '02', '03', '01', '02', '01']);
  });
});
