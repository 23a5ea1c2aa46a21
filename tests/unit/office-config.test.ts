import { describe, expect, it } from 'vitest';
import {
  alertThresholds,
  DEFAULT_ALERTS,
  DEFAULT_POLICY,
  parseOfficeConfig,
} from '../../shared/domain/office-config.js';
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

  it('keeps service outcomes trimmed and in NFC, an empty list not at all', () => {
    const base = testOffice();
    const office = parseOfficeConfig({
      ...base,
      services: base.services.map((s, i) =>
        i === 0
          ? {
              ...s,
              outcomes: ['Đã tiếp nhận hồ sơ'.normalize('NFD'), '  Hẹn bổ sung giấy tờ ', 'Đã trả kết quả'],
            }
          : i === 1
            ? { ...s, outcomes: [] }
            : s,
      ),
    });
    expect(office.services[0]?.outcomes).toEqual([
      'Đã tiếp nhận hồ sơ',
      'Hẹn bổ sung giấy tờ',
      'Đã trả kết quả',
    ]);
    expect(office.services[0]?.outcomes?.[0]).toBe('Đã tiếp nhận hồ sơ'.normalize('NFC'));
    expect(office.services[1]).not.toHaveProperty('outcomes');
    expect(office.services[2]).not.toHaveProperty('outcomes');
    // Stored as parsed: parsing it again changes nothing.
    expect(parseOfficeConfig(office)).toEqual(office);
    // 20 texts of 120 characters are the most.
    const most = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(120, 'x'));
    const services = base.services.map((s, i) => (i === 0 ? { ...s, outcomes: most } : s));
    expect(parseOfficeConfig({ ...base, services }).services[0]?.outcomes).toEqual(most);
  });

  it('names what is wrong with service outcomes', () => {
    const base = testOffice();
    const withOutcomes = (...lists: unknown[]) => ({
      ...base,
      services: base.services.map((s, i) => (i < lists.length ? { ...s, outcomes: lists[i] } : s)),
    });
    expect(
      problemsOf(
        withOutcomes(
          [
            'Đã tiếp nhận hồ sơ',
            '',
            '   ',
            42,
            'x'.repeat(121),
            'Đã tiếp nhận hồ sơ'.normalize('NFD'),
            ' Đã tiếp nhận hồ sơ',
          ],
          'Đã trả kết quả',
          Array.from({ length: 21 }, (_, i) => `Kết quả ${i}`),
        ),
      ),
    ).toEqual([
      'services[0].outcomes[1]: must not be empty',
      'services[0].outcomes[2]: must not be empty',
      'services[0].outcomes[3]: must be a text of at most 120 characters',
      'services[0].outcomes[4]: must be at most 120 characters (it has 121)',
      'services[0].outcomes[5]: "Đã tiếp nhận hồ sơ" is listed twice',
      'services[0].outcomes[6]: "Đã tiếp nhận hồ sơ" is listed twice',
      'services[1].outcomes: must be a list of at most 20 texts',
      'services[2].outcomes: must be a list of at most 20 texts',
    ]);
  });

  it('keeps the alert thresholds that differ from the defaults, and fills the rest in', () => {
    const base = testOffice();
    expect(DEFAULT_ALERTS).toEqual({ waitMinutes: 30, idleMinutes: 3, serviceFactor: 2 });
    expect(parseOfficeConfig(base)).not.toHaveProperty('alerts');
    expect(alertThresholds(parseOfficeConfig(base))).toEqual(DEFAULT_ALERTS);

    const office = parseOfficeConfig({
      ...base,
      alerts: { waitMinutes: 45, idleMinutes: 3, serviceFactor: 1.5 },
    });
    expect(office.alerts).toEqual({ waitMinutes: 45, serviceFactor: 1.5 }); // idleMinutes is the default
    expect(alertThresholds(office)).toEqual({ waitMinutes: 45, idleMinutes: 3, serviceFactor: 1.5 });
    expect(parseOfficeConfig(office)).toEqual(office);
    // Only defaults (or nothing): nothing stored.
    expect(parseOfficeConfig({ ...base, alerts: { ...DEFAULT_ALERTS } })).not.toHaveProperty('alerts');
    expect(parseOfficeConfig({ ...base, alerts: {} })).not.toHaveProperty('alerts');
    // The ends of each range are allowed.
    const ends = parseOfficeConfig({
      ...base,
      alerts: { waitMinutes: 480, idleMinutes: 1, serviceFactor: 1.1 },
    });
    expect(alertThresholds(ends)).toEqual({ waitMinutes: 480, idleMinutes: 1, serviceFactor: 1.1 });
    expect(
      alertThresholds(
        parseOfficeConfig({ ...base, alerts: { waitMinutes: 1, idleMinutes: 120, serviceFactor: 10 } }),
      ),
    ).toEqual({ waitMinutes: 1, idleMinutes: 120, serviceFactor: 10 });
  });

  it('names what is wrong with the alert thresholds', () => {
    const base = testOffice();
    expect(
      problemsOf({
        ...base,
        alerts: { waitMinutes: 481, idleMinutes: '5', serviceFactor: 1, waitMinute: 20 },
      }),
    ).toEqual([
      'alerts.waitMinute: is not an alert setting (use waitMinutes, idleMinutes, serviceFactor)',
      'alerts.waitMinutes: must be a number of minutes 1–480 (default 30), not 481',
      'alerts.idleMinutes: must be a number of minutes 1–120 (default 3), not "5"',
      'alerts.serviceFactor: must be a number 1.1–10, times the service’s serviceMinutes (default 2), not 1',
    ]);
    expect(
      problemsOf({ ...base, alerts: { waitMinutes: 0, idleMinutes: 121, serviceFactor: 10.5 } }),
    ).toEqual([
      'alerts.waitMinutes: must be a number of minutes 1–480 (default 30), not 0',
      'alerts.idleMinutes: must be a number of minutes 1–120 (default 3), not 121',
      'alerts.serviceFactor: must be a number 1.1–10, times the service’s serviceMinutes (default 2), not 10.5',
    ]);
    expect(problemsOf({ ...base, alerts: { waitMinutes: null, serviceFactor: true } })).toEqual([
      'alerts.waitMinutes: must be a number of minutes 1–480 (default 30), not null',
      'alerts.serviceFactor: must be a number 1.1–10, times the service’s serviceMinutes (default 2), not true',
    ]);
    expect(problemsOf({ ...base, alerts: 30 })).toEqual([
      'alerts: must be an object {waitMinutes?, idleMinutes?, serviceFactor?}',
    ]);
    expect(problemsOf({ ...base, alerts: [30] })).toEqual([
      'alerts: must be an object {waitMinutes?, idleMinutes?, serviceFactor?}',
    ]);
  });

  it('rejects a non-object outright', () => {
    expect(problemsOf('office')).toEqual(['office: must be an object']);
  });
});
