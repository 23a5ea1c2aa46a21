import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parseOfficeConfig } from '../../shared/domain/office-config.js';
import { QueueError } from '../../shared/protocol/errors.js';
import { testOffice } from '../helpers/office.js';

function problemsOf(raw: unknown): string[] {
  try {
    parseOfficeConfig(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(QueueError);
    return (err as QueueError).details.problems ?? [];
  }
  throw new Error('expected INVALID_CONFIG');
}

describe('office configuration', () => {
  it('fills in the zone, the default policy and cut-offs', () => {
    const raw = {
      id: 'p1',
      name: 'Phường 1',
      sessions: { mon: [{ open: '07:30', close: '11:30' }] },
      services: [{ id: 'civ', name: { vi: 'Hộ tịch' }, numbering: { prefix: '1' } }],
      counters: [{ id: 'c1', number: 1, services: ['civ'] }],
    };
    const office = parseOfficeConfig(raw);
    expect(office.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(office.policy).toEqual(DEFAULT_POLICY);
    expect(office.sessions.mon?.[0]?.cutoff).toBe('11:30');
    expect(office.services[0]).toMatchObject({
      name: { vi: 'Hộ tịch', en: 'Hộ tịch' },
      numbering: { prefix: '1', start: 1, width: 3 },
    });
    expect(office.counters[0]).toMatchObject({ name: 'Quầy 1', services: [{ serviceId: 'civ' }] });
  });

  it('names the path of every problem', () => {
    const bad = testOffice();
    const raw = {
      ...bad,
      id: 'Bad Id',
      sessions: { mon: [{ open: '11:30', close: '07:30' }], funday: [] },
      holidays: ['2026-13-01'],
      policy: { kind: 'random' },
      counters: [...bad.counters, { id: 'c1', number: 1, services: ['ghost'] }],
    };
    expect(problemsOf(raw)).toEqual([
      'id: must be a slug (a-z, 0-9, - and _)',
      'holidays[0]: must be a date YYYY-MM-DD',
      'counters[4].services[0]: unknown service "ghost"',
      'counters[4].id: "c1" is used twice',
      'counters[4].number: 1 is used twice',
      'sessions.mon[0]: closes before it opens',
      'sessions.funday: unknown weekday (use mon, tue, wed, thu, fri, sat, sun)',
      'policy.kind: must be oldest, strict or ageing',
    ]);
  });

  it('rejects a non-object outright', () => {
    expect(problemsOf('office')).toEqual(['office: must be an object']);
  });
});
