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

  it('keeps kiosk icons, service groups and the priority question, and checks them', () => {
    const base = testOffice();
    const office = parseOfficeConfig({
      ...base,
      serviceGroups: [{ id: 'land-all', name: { vi: 'Đất đai' }, icon: 'land' }],
      services: base.services.map((s, i) => (i === 0 ? { ...s, icon: 'family', groupId: 'land-all' } : s)),
      priorityAtKiosk: false,
    });
    expect(office.serviceGroups).toEqual([
      { id: 'land-all', name: { vi: 'Đất đai', en: 'Đất đai' }, icon: 'land' },
    ]);
    expect(office.services[0]).toMatchObject({ icon: 'family', groupId: 'land-all' });
    expect(office.priorityAtKiosk).toBe(false);
    expect(parseOfficeConfig(base).priorityAtKiosk).toBeUndefined(); // the default (ask) is not stored

    expect(
      problemsOf({
        ...base,
        serviceGroups: [
          { id: 'g', name: { vi: 'Nhóm' }, icon: 'rocket' },
          { id: 'g', name: { vi: 'Lặp' } },
        ],
        services: base.services.map((s, i) =>
          i === 0 ? { ...s, icon: 'unicorn' } : i === 1 ? { ...s, groupId: 'nowhere' } : s,
        ),
        priorityAtKiosk: 'yes',
      }),
    ).toEqual([
      expect.stringMatching(/^services\[0\]\.icon: must be one of document, /),
      expect.stringMatching(/^serviceGroups\[0\]\.icon: must be one of /),
      'serviceGroups[1].id: "g" is used twice',
      'services[1].groupId: unknown group "nowhere"',
      'priorityAtKiosk: must be true or false',
    ]);
    expect(problemsOf({ ...base, services: base.services.map((s) => ({ ...s, groupId: 'g' })) })).toContain(
      'services[0].groupId: needs serviceGroups to be defined',
    );
  });

  it('keeps voice settings and display notices, and names what is wrong with them', () => {
    const base = testOffice();
    const office = parseOfficeConfig({
      ...base,
      voice: { dialect: 'south', repeat: 3, packId: 'phuong-1-recorded' },
      notices: ['Giờ làm việc thứ Bảy: 7:30 – 11:30'],
    });
    expect(office.voice).toEqual({ dialect: 'south', repeat: 3, packId: 'phuong-1-recorded' });
    expect(office.notices).toEqual(['Giờ làm việc thứ Bảy: 7:30 – 11:30']);
    const problems = problemsOf({
      ...base,
      voice: {
        repeat: 9,
        dialect: 'central',
        template: 'Mời số',
        loudness: 11,
        chime: 'yes',
        packId: 'Bad Id',
      },
      notices: ['ok', 42],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'voice.loudness: is not a voice setting',
        'voice.packId: must be a voice pack id (a slug)',
        'voice.chime: must be true or false',
        'voice: repeat must be a whole number 1–5, not 9',
        'voice: dialect must be north or south',
        'notices[1]: must be a text of at most 300 characters',
      ]),
    );
    expect(problems.some((x) => x.startsWith('voice: ') && x.includes('{số}'))).toBe(true);
  });

  it('rejects a non-object outright', () => {
    expect(problemsOf('office')).toEqual(['office: must be an object']);
  });
});
