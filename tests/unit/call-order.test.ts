import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callOrder } from '../../shared/domain/call-order.js';
import { issueSortKey, listIdOf, placementSortKey, PRIORITY_DUE } from '../../shared/domain/policy.js';
import type { CallingPolicy, OfficeConfig, Ticket } from '../../shared/domain/types.js';
import { QueueError } from '../../shared/protocol/errors.js';
import { testOffice } from '../helpers/office.js';

const MIN = 60_000;
const T0 = Date.parse('2026-11-30T09:00:00+07:00');
const PREFIX: Record<string, string> = { civ: '1', cert: '2', land: 'A' };

/**
 * A hand-made queue: tickets "civ", "civ!" (priority), "cert" … one minute apart, in this order,
 * placed in their lists exactly as the engines place them (issueSortKey, ordinal = arrival).
 */
function queue(
  policy: CallingPolicy,
  spec: string[],
): { lists: Record<string, Ticket[]>; tickets: Ticket[] } {
  const seqNo: Record<string, number> = {};
  const tickets = spec.map((s, i): Ticket => {
    const serviceId = s.replace('!', '');
    const priority = s.endsWith('!');
    const n = (seqNo[serviceId] = (seqNo[serviceId] ?? 0) + 1);
    const issuedAt = T0 + i * MIN;
    return {
      id: `t${i}`,
      officeId: 'o',
      serviceId,
      number: `${PREFIX[serviceId]}${String(n).padStart(3, '0')}`,
      seqNo: n,
      businessDate: '2026-11-30',
      priority,
      channel: 'kiosk',
      status: 'waiting',
      issuedAt,
      recalls: 0,
      sortKey: issueSortKey(policy, priority, issuedAt),
      ordinal: i + 1,
    };
  });
  return { lists: listsOf(tickets), tickets };
}

/** Tickets sorted into their lists, in list order (ascending sortKey, then ordinal). */
function listsOf(tickets: Ticket[]): Record<string, Ticket[]> {
  const lists: Record<string, Ticket[]> = {};
  for (const t of tickets) (lists[listIdOf(t)] ??= []).push(t);
  for (const l of Object.values(lists)) l.sort((a, b) => a.sortKey - b.sortKey || a.ordinal - b.ordinal);
  return lists;
}

const officeWith = (policy: CallingPolicy): OfficeConfig => testOffice({ policy });
const numbersOf = (tickets: Ticket[]) => tickets.map((t) => t.number);
const due = { normalsSincePriority: PRIORITY_DUE };

describe('callOrder', () => {
  const oldest: CallingPolicy = { kind: 'oldest', priorityEvery: 2 };
  const spec = ['civ', 'cert', 'civ!', 'civ', 'cert!', 'civ', 'civ'];

  it('oldest, one priority per two normal: a priority first when due, then two normal ones', () => {
    const { lists } = queue(oldest, spec);
    const order = callOrder(officeWith(oldest), 'c2', due, lists, 50);
    expect(numbersOf(order)).toEqual(['1002', '1001', '2001', '2002', '1003', '1004', '1005']);
  });

  it('starts from the counter’s interleave state: two normal ones owed, then one', () => {
    const { lists } = queue(oldest, spec);
    const office = officeWith(oldest);
    expect(numbersOf(callOrder(office, 'c2', { normalsSincePriority: 0 }, lists, 50))).toEqual([
      '1001',
      '2001',
      '1002',
      '1003',
      '1004',
      '2002',
      '1005',
    ]);
    expect(numbersOf(callOrder(office, 'c2', { normalsSincePriority: 1 }, lists, 50))).toEqual([
      '1001',
      '1002',
      '2001',
      '1003',
      '2002',
      '1004',
      '1005',
    ]);
  });

  it('calls the priority tickets first when priorityEvery is 0, and only the counter’s services', () => {
    const policy: CallingPolicy = { kind: 'oldest', priorityEvery: 0 };
    const { lists } = queue(policy, ['civ', 'cert', 'civ!', 'civ', 'cert!', 'civ', 'land']);
    expect(numbersOf(callOrder(officeWith(policy), 'c2', { normalsSincePriority: 0 }, lists, 50))).toEqual([
      '1002',
      '2002',
      '1001',
      '2001',
      '1003',
      '1004',
    ]);
    // c1 serves civ only; c3 land first, then civ (oldest across them).
    expect(numbersOf(callOrder(officeWith(policy), 'c1', due, lists, 50))).toEqual([
      '1002',
      '1001',
      '1003',
      '1004',
    ]);
    expect(numbersOf(callOrder(officeWith(policy), 'c3', due, lists, 50))).toEqual([
      '1002',
      '1001',
      '1003',
      '1004',
      'A001',
    ]);
  });

  it('strict: priority first, then the counter’s preferred service, then oldest', () => {
    const strict: CallingPolicy = { kind: 'strict' };
    const { lists } = queue(strict, ['cert', 'civ', 'cert!', 'civ', 'civ!']);
    expect(numbersOf(callOrder(officeWith(strict), 'c2', due, lists, 50))).toEqual([
      '1003',
      '2002',
      '1001',
      '1002',
      '2001',
    ]);
  });

  it('ageing: the priority head start and the counter’s service weight, in minutes of waiting', () => {
    const ageing: CallingPolicy = { kind: 'ageing', alphaPerMinute: 1, priorityWeight: 3 };
    const office = officeWith(ageing);
    office.counters[1]!.services = [{ serviceId: 'civ' }, { serviceId: 'cert', weight: 10 }];
    const { lists } = queue(ageing, [
      'civ',
      'civ',
      'civ!',
      ...Array.from({ length: 10 }, () => 'civ'),
      'cert', // issued at minute 13, with 10 minutes' weight: as if issued at minute 3
    ]);
    const order = callOrder(office, 'c2', due, lists, 50);
    expect(numbersOf(order.slice(0, 5))).toEqual(['1003', '1001', '1002', '1004', '2001']);
    expect(order).toHaveLength(14);
  });

  it('puts tickets transferred to the counter in competition with its services by sort key', () => {
    const { tickets } = queue(oldest, ['civ', 'civ', 'cert']);
    // The cert ticket moves to c1's own list at its original issue time; the first civ ticket to
    // c2's at the front.
    const [a, , c] = tickets as [Ticket, Ticket, Ticket];
    const toC1: Ticket = { ...c, id: 'c-moved', targetCounterId: 'c1', ordinal: 10 };
    toC1.sortKey = placementSortKey(oldest, 'issueTime', toC1, T0 + 20 * MIN);
    const toC2: Ticket = { ...a, id: 'a-moved', targetCounterId: 'c2', ordinal: 11 };
    toC2.sortKey = placementSortKey(oldest, 'front', toC2, T0 + 21 * MIN);
    const lists = listsOf([tickets[1]!, toC1, toC2]);
    expect(callOrder(officeWith(oldest), 'c1', due, lists, 50).map((t) => t.id)).toEqual(['t1', 'c-moved']);
    expect(callOrder(officeWith(oldest), 'c2', due, lists, 50).map((t) => t.id)).toEqual(['a-moved', 't1']);
    // Nobody else sees a ticket reserved for one counter.
    expect(callOrder(officeWith(oldest), 'c4', due, lists, 50)).toEqual([]);
    expect(callOrder(officeWith(oldest), 'c3', due, lists, 50).map((t) => t.id)).toEqual(['t1']);
  });

  it('stops at the limit', () => {
    const { lists } = queue(oldest, spec);
    const office = officeWith(oldest);
    expect(numbersOf(callOrder(office, 'c2', due, lists, 3))).toEqual(['1002', '1001', '2001']);
    expect(callOrder(office, 'c2', due, lists, 0)).toEqual([]);
    expect(callOrder(office, 'c2', due, lists, -1)).toEqual([]);
    expect(callOrder(office, 'c2', due, {}, 10)).toEqual([]);
  });

  it('leaves its input alone and refuses a counter the office does not have', () => {
    const { lists } = queue(oldest, spec);
    const before = structuredClone(lists);
    callOrder(officeWith(oldest), 'c2', due, lists, 50);
    expect(lists).toEqual(before);
    expect(() => callOrder(officeWith(oldest), 'c9', due, lists, 5)).toThrow(QueueError);
  });

  it('is exact for the first k calls when every list is read only k deep', () => {
    const policies = fc.constantFrom<CallingPolicy>(
      { kind: 'oldest', priorityEvery: 2 },
      { kind: 'oldest', priorityEvery: 1 },
      { kind: 'oldest', priorityEvery: 0 },
      { kind: 'strict' },
      { kind: 'ageing', alphaPerMinute: 1, priorityWeight: 15 },
    );
    const specs = fc.array(fc.constantFrom('civ', 'civ!', 'cert', 'cert!', 'land', 'land!'), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        policies,
        specs,
        fc.constantFrom('c1', 'c2', 'c3', 'c4'),
        fc.integer({ min: 0, max: PRIORITY_DUE }),
        fc.integer({ min: 1, max: 12 }),
        (policy, s, counterId, nsp, k) => {
          const office = officeWith(policy);
          const { lists } = queue(policy, s);
          const full = callOrder(office, counterId, { normalsSincePriority: nsp }, lists, 1000);
          const cut = Object.fromEntries(Object.entries(lists).map(([id, l]) => [id, l.slice(0, k)]));
          const partial = callOrder(office, counterId, { normalsSincePriority: nsp }, cut, k);
          expect(partial).toEqual(full.slice(0, k));
          // Everything the counter may call is in the full order, once.
          const eligible = office.counters.find((c) => c.id === counterId)!.services.map((x) => x.serviceId);
          expect(new Set(full.map((t) => t.id)).size).toBe(full.length);
          expect(full).toHaveLength(
            Object.values(lists)
              .flat()
              .filter((t) => eligible.includes(t.serviceId)).length,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
