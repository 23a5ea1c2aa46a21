import { describe, expect, it } from 'vitest';
import { boardAlerts, type AlertInput } from '../../shared/domain/board-alerts.js';

const MIN = 60_000;
const NOW = 1_800_000_000_000;

function input(over: Partial<AlertInput> = {}): AlertInput {
  return {
    now: NOW,
    thresholds: { waitMinutes: 30, idleMinutes: 3, serviceFactor: 2 },
    serviceMinutes: { birth: 10, land: 25 },
    services: [
      { serviceId: 'birth', waiting: 0, oldestIssuedAt: null },
      { serviceId: 'land', waiting: 0, oldestIssuedAt: null },
    ],
    counters: [],
    ...over,
  };
}

describe('boardAlerts', () => {
  it('raises nothing on a calm room', () => {
    expect(boardAlerts(input())).toEqual([]);
  });

  it('raises a long wait only beyond the threshold, from the oldest ticket', () => {
    const at = (waited: number) =>
      boardAlerts(
        input({ services: [{ serviceId: 'birth', waiting: 4, oldestIssuedAt: NOW - waited * MIN }] }),
      );
    expect(at(30)).toEqual([]);
    expect(at(31)).toEqual([
      { kind: 'long-wait', serviceId: 'birth', since: NOW - 31 * MIN, limitMinutes: 30 },
    ]);
  });

  it('raises an idle counter only while open, free, and one of its services has a queue', () => {
    const counter = {
      id: 'c1',
      status: 'open' as const,
      services: ['birth'],
      idleSince: NOW - 5 * MIN,
      ticket: null,
    };
    const queue = [{ serviceId: 'birth', waiting: 2, oldestIssuedAt: NOW - MIN }];
    expect(boardAlerts(input({ services: queue, counters: [counter] }))).toEqual([
      { kind: 'idle-counter', counterId: 'c1', since: NOW - 5 * MIN, limitMinutes: 3 },
    ]);
    // Nobody waits for its services: free is fine.
    expect(boardAlerts(input({ counters: [counter] }))).toEqual([]);
    // Paused or closed counters are not idle.
    expect(boardAlerts(input({ services: queue, counters: [{ ...counter, status: 'paused' }] }))).toEqual([]);
    // Not yet beyond the threshold.
    expect(
      boardAlerts(input({ services: queue, counters: [{ ...counter, idleSince: NOW - 2 * MIN }] })),
    ).toEqual([]);
    // A queue of another service does not count.
    expect(
      boardAlerts(
        input({ services: [{ serviceId: 'land', waiting: 3, oldestIssuedAt: NOW }], counters: [counter] }),
      ),
    ).toEqual([]);
  });

  it('raises a long service beyond factor × the service norm, from the start of service (else the call)', () => {
    const counter = (ticket: AlertInput['counters'][number]['ticket']) => ({
      id: 'c2',
      status: 'open' as const,
      services: ['land'],
      ticket,
    });
    // land: 25 min × 2 = 50 min.
    expect(
      boardAlerts(
        input({
          counters: [
            counter({
              number: '2003',
              serviceId: 'land',
              calledAt: NOW - 70 * MIN,
              servingAt: NOW - 49 * MIN,
            }),
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      boardAlerts(
        input({ counters: [counter({ number: '2003', serviceId: 'land', calledAt: NOW - 51 * MIN })] }),
      ),
    ).toEqual([
      {
        kind: 'long-service',
        counterId: 'c2',
        serviceId: 'land',
        number: '2003',
        since: NOW - 51 * MIN,
        limitMinutes: 50,
      },
    ]);
  });

  it('orders waits, then idle counters, then long services; the oldest first within a kind', () => {
    const alerts = boardAlerts(
      input({
        services: [
          { serviceId: 'birth', waiting: 1, oldestIssuedAt: NOW - 40 * MIN },
          { serviceId: 'land', waiting: 1, oldestIssuedAt: NOW - 90 * MIN },
        ],
        counters: [
          {
            id: 'c3',
            status: 'open',
            services: ['birth'],
            ticket: { number: '1001', serviceId: 'birth', calledAt: NOW - 25 * MIN },
          },
          { id: 'c1', status: 'open', services: ['land'], idleSince: NOW - 4 * MIN, ticket: null },
        ],
      }),
    );
    expect(alerts.map((a) => `${a.kind}:${a.serviceId ?? a.counterId}`)).toEqual([
      'long-wait:land',
      'long-wait:birth',
      'idle-counter:c1',
      'long-service:birth',
    ]);
  });
});
