import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config.js';
import {
  loadOfficesFile,
  OfficesFileError,
  parseOfficesFile,
  seedOffices,
  type OfficesFile,
} from '../../server/offices-file.js';
import { memoryEngine } from '../helpers/engines.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const office = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  name: `Phường ${id}`,
  sessions: { mon: [{ open: '07:30', close: '11:30', cutoff: '11:00' }] },
  services: [{ id: 'ho-tich', name: { vi: 'Hộ tịch' }, numbering: { prefix: '1' } }],
  counters: [{ id: 'q1', number: 1, services: ['ho-tich'] }],
  ...extra,
});

const YAML_LIST = `# two wards
- id: tay-mo
  name: Phường Tây Mỗ
  sessions:
    mon:
      - { open: '07:30', close: '11:30', cutoff: '11:00' }
  services:
    - id: ho-tich
      name: { vi: Hộ tịch, en: Civil status }
      numbering: { prefix: '1', width: 3 }
  counters:
    - { id: q1, number: 1, services: [ho-tich] }
- id: xuan-phuong
  name: Phường Xuân Phương
  sessions: {}
  services:
    - { id: chung-thuc, name: { vi: Chứng thực } }
  counters: []
`;

/** The message of the OfficesFileError `fn` throws (and checks it is one, with the file named). */
function messageOf(fn: () => unknown, file: string): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(OfficesFileError);
    expect(err).toBeInstanceOf(ConfigError); // main.ts: exit code 2, no stack trace
    const message = (err as Error).message;
    expect(message).toContain(file);
    return message;
  }
  throw new Error('expected an OfficesFileError');
}

describe('offices file: accepted shapes', () => {
  it('reads a YAML list of offices, times and dates kept as text', () => {
    const { offices, warnings } = parseOfficesFile(YAML_LIST, 'wards.yaml');
    expect(offices.map((o) => o.id)).toEqual(['tay-mo', 'xuan-phuong']);
    expect(offices[0]?.sessions.mon).toEqual([{ open: '07:30', close: '11:30', cutoff: '11:00' }]);
    expect(offices[0]?.services[0]?.name).toEqual({ vi: 'Hộ tịch', en: 'Civil status' });
    expect(offices[1]?.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(warnings).toEqual([]);
  });

  it('reads YAML {offices: [...]} with anchors, and unquoted dates as text', () => {
    const text = [
      'offices:',
      '  - id: a',
      '    name: A',
      '    holidays: [2027-09-02]',
      '    sessions:',
      '      mon: &day',
      "        - { open: '08:00', close: '11:00' }",
      '      tue: *day',
      '    services: [{ id: s, name: { vi: Dịch vụ } }]',
      '    counters: []',
    ].join('\n');
    const [a] = parseOfficesFile(text, 'offices.yml').offices;
    expect(a?.holidays).toEqual(['2027-09-02']);
    expect(a?.sessions.tue).toEqual([{ open: '08:00', close: '11:00', cutoff: '11:00' }]);
  });

  it('reads JSON, as a list and as {offices}', () => {
    const list = parseOfficesFile(JSON.stringify([office('a'), office('b')]), 'o.json');
    expect(list.offices.map((o) => o.id)).toEqual(['a', 'b']);
    const wrapped = parseOfficesFile(JSON.stringify({ offices: [office('c')] }, null, 2), 'o.json');
    expect(wrapped.offices.map((o) => o.id)).toEqual(['c']);
  });

  it('picks the format by content when the extension says nothing', () => {
    expect(parseOfficesFile(JSON.stringify([office('a')]), 'offices').offices).toHaveLength(1);
    expect(parseOfficesFile(YAML_LIST, 'offices.conf').offices).toHaveLength(2);
  });

  it('normalises Vietnamese text to NFC (files saved in NFD by some editors)', () => {
    const nfd = 'Phường Tây Mỗ'.normalize('NFD');
    const [o] = parseOfficesFile(JSON.stringify([office('a', { name: nfd })]), 'o.json').offices;
    expect(o?.name).toBe('Phường Tây Mỗ'.normalize('NFC'));
  });

  it('reads service outcomes and alert thresholds without a warning', () => {
    const text = [
      '- id: a', // 1
      '  name: A', // 2
      '  alerts: { waitMinutes: 45, serviceFactor: 2.5 }', // 3
      '  services:', // 4
      '    - id: ho-tich', // 5
      '      name: { vi: Hộ tịch }', // 6
      '      outcomes:', // 7
      '        - Đã tiếp nhận hồ sơ', // 8
      "        - 'Hẹn bổ sung giấy tờ'", // 9
      '        - Đã trả kết quả', // 10
      '  counters: []', // 11
    ].join('\n');
    const { offices, warnings } = parseOfficesFile(text, 'o.yaml');
    expect(warnings).toEqual([]);
    expect(offices[0]?.services[0]?.outcomes).toEqual([
      'Đã tiếp nhận hồ sơ',
      'Hẹn bổ sung giấy tờ',
      'Đã trả kết quả',
    ]);
    expect(offices[0]?.alerts).toEqual({ waitMinutes: 45, serviceFactor: 2.5 });
    // A key in the singular is a typo: the warning names it and lists the keys that are read.
    const typo = parseOfficesFile(
      text.replace('alerts:', 'alert:').replace('outcomes:', 'outcome:'),
      'o.yaml',
    ).warnings;
    expect(typo).toEqual([
      expect.stringMatching(
        /^line 3: offices\[0\]\.alert: unknown key \(ignored\); expected one of .*, alerts$/,
      ),
      expect.stringMatching(
        /^line 8: offices\[0\]\.services\[0\]\.outcome: unknown key \(ignored\); expected one of .*, outcomes$/,
      ),
    ]);
  });

  it('parses the example file docs/offices.example.yaml without a warning', async () => {
    const file = join(root, 'docs', 'offices.example.yaml');
    const { offices, warnings } = await loadOfficesFile(file);
    expect(warnings).toEqual([]);
    expect(offices.map((o) => o.id)).toEqual(['song-hong-cau-giay', 'tay-mo']);
    const bank = offices[0];
    expect(bank?.name).toBe('Ngân hàng Sông Hồng – Chi nhánh Cầu Giấy');
    expect(bank?.policy).toEqual({ kind: 'strict' });
    expect(bank?.services.map((s) => s.name.en)).toContain('Accounts, cards and digital banking');
    expect(bank?.services.find((s) => s.id === 'vay-von')?.dailyCap).toBe(40);
    expect(bank?.sessions.fri).toHaveLength(2);
    expect(offices[1]?.counters).toHaveLength(4);
  });
});

describe('offices file: errors name the file, the line and the path', () => {
  it('says when the file cannot be read', async () => {
    const err = await loadOfficesFile('/nowhere/offices.yaml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficesFileError);
    expect((err as Error).message).toBe(
      'invalid offices file /nowhere/offices.yaml (OFFICES_FILE):\n  cannot read the file: no such file',
    );
  });

  it('points at YAML syntax errors by line and column', () => {
    const text = 'offices:\n  - id: a\n    name: [unclosed\n';
    const message = messageOf(() => parseOfficesFile(text, 'bad.yaml'), 'bad.yaml');
    expect(message).toMatch(/line \d+, column \d+: not valid YAML/);
  });

  it('reports duplicate YAML keys', () => {
    const text = 'offices:\n  - id: a\n    id: b\n';
    const message = messageOf(() => parseOfficesFile(text, 'dup.yaml'), 'dup.yaml');
    expect(message).toMatch(/line 3, column \d+: not valid YAML \(.*unique/i);
  });

  it('points at JSON syntax errors by line and column', () => {
    const text = '{\n  "offices": [\n    { "id": "a", }\n  ]\n}\n';
    const message = messageOf(() => parseOfficesFile(text, 'bad.json'), 'bad.json');
    expect(message).toMatch(/line 3, column \d+: not valid JSON/);
  });

  it('rejects a document that is neither a list nor {offices}', () => {
    const message = messageOf(() => parseOfficesFile('id: a\nname: A\n', 'one.yaml'), 'one.yaml');
    expect(message).toContain('must be a list of offices, or a mapping with one key "offices"');
    expect(messageOf(() => parseOfficesFile('"just text"', 'x.json'), 'x.json')).toContain('must be a list');
  });

  it('rejects offices that is not a list, an empty list, and unknown top-level keys', () => {
    expect(messageOf(() => parseOfficesFile('offices: {id: a}\n', 'o.yaml'), 'o.yaml')).toContain(
      'line 1: offices: must be a list of office definitions',
    );
    expect(messageOf(() => parseOfficesFile('offices: []\n', 'o.yaml'), 'o.yaml')).toContain(
      'offices: the list is empty',
    );
    expect(messageOf(() => parseOfficesFile('[]', 'o.json'), 'o.json')).toContain('the list is empty');
    const typo = messageOf(() => parseOfficesFile('offices: []\noficces: []\n', 'o.yaml'), 'o.yaml');
    expect(typo).toContain('line 2: oficces: unknown top-level key');
  });

  it("prefixes parseOfficeConfig's problems with offices[i] and gives their lines", () => {
    const text = [
      'offices:', // 1
      '  - id: good', // 2
      '    name: Tốt', // 3
      '    services: [{ id: s, name: { vi: S } }]', // 4
      '    counters: []', // 5
      '  - id: bad', // 6
      '    name: Hỏng', // 7
      '    sessions:', // 8
      '      mon:', // 9
      "        - { open: '11:30', close: '07:30' }", // 10
      '    services:', // 11
      '      - id: s', // 12
      '        name: { vi: S }', // 13
      '        numbering: { prefix: a, width: 9 }', // 14
      '    counters:', // 15
      '      - { id: q1, number: 1, services: [s, nope] }', // 16
    ].join('\n');
    const err = (() => {
      try {
        parseOfficesFile(text, 'wards.yaml');
      } catch (e) {
        return e as OfficesFileError;
      }
      throw new Error('expected an error');
    })();
    expect(err.problems).toEqual([
      'line 14: offices[1].services[0].numbering.prefix: must be 0–3 capital letters or digits',
      'line 14: offices[1].services[0].numbering.width: must be a whole number 1–6',
      'line 16: offices[1].counters[0].services[1]: unknown service "nope"',
      'line 10: offices[1].sessions.mon[0]: closes before it opens',
    ]);
    expect(err.message.split('\n')[0]).toBe('invalid offices file wards.yaml (OFFICES_FILE), 4 problems:');
  });

  it('points a missing key at its parent, and uses the same offices[i] prefix for a bare list', () => {
    const text = '- id: a\n  services: []\n  counters: []\n';
    const err = messageOf(() => parseOfficesFile(text, 'list.yaml'), 'list.yaml');
    expect(err).toContain('line 1: offices[0].name: is required');
    expect(err).toContain('line 2: offices[0].services: must list at least one service');
  });

  it('names an entry that is not an office at all', () => {
    const message = messageOf(() => parseOfficesFile('- 42\n', 'o.yaml'), 'o.yaml');
    expect(message).toContain('line 1: offices[0]: must be an object');
  });

  it('reports an id used twice, with both places', () => {
    const json = JSON.stringify({ offices: [office('a'), office('b'), office('a')] }, null, 2);
    const message = messageOf(() => parseOfficesFile(json, 'o.json'), 'o.json');
    expect(message).toMatch(/line \d+: offices\[2\]\.id: "a" is used twice \(also offices\[0\]\)/);
  });

  it('names bad service outcomes and alert thresholds by line and path', () => {
    const text = [
      'offices:', // 1
      '  - id: a', // 2
      '    name: A', // 3
      '    alerts:', // 4
      '      waitMinutes: 600', // 5
      "      idleMinutes: '5'", // 6
      '      serviceFactor: 1', // 7
      '      waitMinute: 20', // 8
      '    services:', // 9
      '      - id: ho-tich', // 10
      '        name: { vi: Hộ tịch }', // 11
      '        outcomes:', // 12
      '          - Đã tiếp nhận hồ sơ', // 13
      "          - ''", // 14
      '          - Đã tiếp nhận hồ sơ', // 15
      `          - ${'x'.repeat(121)}`, // 16
      '      - id: chung-thuc', // 17
      '        name: { vi: Chứng thực }', // 18
      '        outcomes: Đã chứng thực', // 19
      '    counters: []', // 20
    ].join('\n');
    const err = (() => {
      try {
        parseOfficesFile(text, 'wards.yaml');
      } catch (e) {
        return e as OfficesFileError;
      }
      throw new Error('expected an error');
    })();
    expect(err).toBeInstanceOf(OfficesFileError);
    expect(err.problems).toEqual([
      'line 14: offices[0].services[0].outcomes[1]: must not be empty',
      'line 15: offices[0].services[0].outcomes[2]: "Đã tiếp nhận hồ sơ" is listed twice',
      'line 16: offices[0].services[0].outcomes[3]: must be at most 120 characters (it has 121)',
      'line 19: offices[0].services[1].outcomes: must be a list of at most 20 texts',
      'line 8: offices[0].alerts.waitMinute: is not an alert setting (use waitMinutes, idleMinutes, serviceFactor)',
      'line 5: offices[0].alerts.waitMinutes: must be a number of minutes 1–480 (default 30), not 600',
      'line 6: offices[0].alerts.idleMinutes: must be a number of minutes 1–120 (default 3), not "5"',
      'line 7: offices[0].alerts.serviceFactor: must be a number 1.1–10, times the service’s serviceMinutes (default 2), not 1',
    ]);
    // The keys are known: no "unknown key" warning beside the problems.
    expect(err.warnings).toEqual([]);
    expect(
      messageOf(
        () =>
          parseOfficesFile(
            '- { id: a, name: A, services: [{ id: s, name: { vi: S } }], counters: [], alerts: 30 }\n',
            'o.yaml',
          ),
        'o.yaml',
      ),
    ).toContain('line 1: offices[0].alerts: must be an object {waitMinutes?, idleMinutes?, serviceFactor?}');
  });

  it('warns about unknown keys (typos), and shows them next to the problems they may explain', () => {
    const ok = parseOfficesFile(
      JSON.stringify([office('a', { holiday: ['2027-01-01'] })], null, 2),
      'o.json',
    );
    expect(ok.warnings).toEqual([
      expect.stringMatching(/^line \d+: offices\[0\]\.holiday: unknown key \(ignored\)/),
    ]);
    const services = [{ id: 's', name: { vi: 'S' }, dailycap: 3, numbering: { width: 0 } }];
    const message = messageOf(
      () => parseOfficesFile(JSON.stringify([office('b', { services })]), 'o.json'),
      'o.json',
    );
    expect(message).toContain('offices[0].services[0].numbering.width: must be a whole number 1–6');
    expect(message).toContain('(warning) line 1: offices[0].services[0].dailycap: unknown key');
  });
});

describe('seeding', () => {
  it('creates, then updates only what changed', async () => {
    const handle = await memoryEngine.create();
    try {
      const file = (names: string[]): OfficesFile =>
        parseOfficesFile(JSON.stringify(names.map((n, i) => office(`o${i}`, { name: n }))), 'o.json');
      expect(await seedOffices(handle.store, file(['A', 'B']))).toEqual({
        created: ['o0', 'o1'],
        updated: [],
        unchanged: [],
      });
      expect(await seedOffices(handle.store, file(['A', 'B2']))).toEqual({
        created: [],
        updated: ['o1'],
        unchanged: ['o0'],
      });
      expect((await handle.store.getOffice('o1'))?.name).toBe('B2');
      expect((await handle.store.listOffices()).sort()).toEqual(['o0', 'o1']);
    } finally {
      await handle.dispose();
    }
  });
});

describe('start-up with a bad OFFICES_FILE', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'luot-offices-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits with code 2 and a readable message, without a stack trace', async () => {
    const file = join(dir, 'offices.yaml');
    await writeFile(file, 'offices:\n  - id: Bad Id\n    name: X\n    services: []\n    counters: []\n');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(root, 'server', 'main.ts')],
        {
          env: { ...process.env, OFFICES_FILE: file, DATA_DIR: join(dir, 'data'), PORT: '0', REDIS_URL: '' },
          timeout: 20_000,
        },
        (err, _stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr }),
      );
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`invalid offices file ${file} (OFFICES_FILE), 2 problems:`);
    expect(result.stderr).toContain('line 2: offices[0].id: must be a slug');
    expect(result.stderr).toContain('line 4: offices[0].services: must list at least one service');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
