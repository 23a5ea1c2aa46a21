/**
 * The bench office: one service numbered B000001… (width 6, no daily cap, so 100 000 tickets fit
 * in one business day) and `counters` counters serving it. Tickets are issued on the 'officer'
 * channel, which ignores opening hours; the injected clock sits inside them anyway.
 */
import { randomUUID } from 'node:crypto';
import type { OfficeConfig, Session } from '../../../shared/domain/types.js';

export const BENCH_SERVICE = 'svc';

const day: Session[] = [{ open: '07:00', close: '17:00', cutoff: '16:30' }];

export function benchOfficeId(label: string): string {
  return `bench-${label}-${randomUUID().slice(0, 8)}`;
}

export const counterIds = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `k${String(i + 1).padStart(2, '0')}`);

export function benchOffice(id: string, counters: number): OfficeConfig {
  return {
    id,
    name: 'Bench office',
    timeZone: 'Asia/Ho_Chi_Minh',
    sessions: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
    holidays: [],
    policy: { kind: 'oldest', priorityEvery: 2 },
    services: [
      {
        id: BENCH_SERVICE,
        name: { vi: 'Đo tải', en: 'Bench' },
        numbering: { prefix: 'B', start: 1, width: 6 },
        serviceMinutes: 5,
      },
    ],
    counters: counterIds(counters).map((id, i) => ({
      id,
      number: i + 1,
      name: `Quầy ${i + 1}`,
      services: [{ serviceId: BENCH_SERVICE }],
    })),
  };
}

/**
 * Monday 2026-11-30 08:00 in Asia/Ho_Chi_Minh, moving forward with real (monotonic) time so issue
 * times stay realistic. A whole bench run stays well inside the 07:00–16:30 issuing window.
 */
export const BENCH_EPOCH = Date.parse('2026-11-30T08:00:00+07:00');

export function benchClock(): () => number {
  const t0 = performance.now();
  return () => BENCH_EPOCH + Math.floor(performance.now() - t0);
}
