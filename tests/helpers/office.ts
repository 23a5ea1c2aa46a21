/** Test offices: a fresh id per test, a small ward centre with overlapping counters. */
import { randomUUID } from 'node:crypto';
import type { OfficeConfig } from '../../shared/domain/types.js';

const day = [
  { open: '07:30', close: '11:30', cutoff: '11:00' },
  { open: '13:30', close: '17:00', cutoff: '16:30' },
];

export function uniqueOfficeId(label = 'test'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/**
 * Services civ (1xxx), cert (2xxx), land (A prefix, capped at 5/day); counters:
 * c1 [civ], c2 [civ, cert], c3 [land, civ], c4 [cert].
 * Mon–Fri two sessions, Saturday morning; 2026-12-24 is a holiday. 2026-11-30 is a Monday.
 */
export function testOffice(overrides: Partial<OfficeConfig> = {}): OfficeConfig {
  return {
    id: uniqueOfficeId(),
    name: 'Phường Thử Nghiệm',
    timeZone: 'Asia/Ho_Chi_Minh',
    sessions: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [day[0]!] },
    holidays: ['2026-12-24'],
    policy: { kind: 'oldest', priorityEvery: 2 },
    services: [
      {
        id: 'civ',
        name: { vi: 'Hộ tịch', en: 'Civil status' },
        numbering: { prefix: '1', start: 1, width: 3 },
        serviceMinutes: 8,
      },
      {
        id: 'cert',
        name: { vi: 'Chứng thực', en: 'Certification' },
        numbering: { prefix: '2', start: 1, width: 3 },
        serviceMinutes: 5,
      },
      {
        id: 'land',
        name: { vi: 'Đất đai', en: 'Land' },
        numbering: { prefix: 'A', start: 1, width: 3 },
        dailyCap: 5,
        serviceMinutes: 15,
      },
    ],
    counters: [
      { id: 'c1', number: 1, name: 'Quầy 1', services: [{ serviceId: 'civ' }] },
      { id: 'c2', number: 2, name: 'Quầy 2', services: [{ serviceId: 'civ' }, { serviceId: 'cert' }] },
      { id: 'c3', number: 3, name: 'Quầy 3', services: [{ serviceId: 'land' }, { serviceId: 'civ' }] },
      { id: 'c4', number: 4, name: 'Quầy 4', services: [{ serviceId: 'cert' }] },
    ],
    ...overrides,
  };
}
