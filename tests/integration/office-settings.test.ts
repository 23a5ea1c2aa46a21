/** Kiosk and display settings of an office through the admin API, as the public configuration shows them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE } from '../../shared/i18n/announcement.js';
import { startApi, type ApiRig } from '../helpers/api.js';
import { memoryEngine } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

describe('office settings for kiosks and displays', () => {
  let rig: ApiRig;
  const office = testOffice();
  beforeAll(async () => {
    rig = await startApi(memoryEngine, [office]);
  });
  afterAll(() => rig.close());
  const publicOffice = async () =>
    (await rig.call({ headers: {} }, { method: 'GET', url: `/api/offices/${office.id}` })).json();
  const put = (body: object) =>
    rig.call(rig.admin, { method: 'PUT', url: `/api/admin/offices/${office.id}`, payload: body });

  it('shows the defaults and the server’s time', async () => {
    const view = await publicOffice();
    expect(view.voice).toEqual({
      template: DEFAULT_TEMPLATE,
      repeat: 2,
      gapMs: 650,
      dialect: 'north',
      numberReading: 'value',
      chime: true,
      packId: 'vi-north-espeak',
    });
    expect(view.notices).toEqual([]);
    expect(view.priorityAtKiosk).toBe(true);
    expect(view.now).toBe(rig.clock.now);
  });

  it('takes voice settings, notices, icons, groups and the priority question from an admin, live', async () => {
    const { id: _id, ...definition } = office;
    const res = await put({
      ...definition,
      voice: { dialect: 'south', numberReading: 'digits', repeat: 1 },
      notices: ['Thứ Bảy làm việc buổi sáng'],
      priorityAtKiosk: false,
      serviceGroups: [{ id: 'tu-phap', name: { vi: 'Tư pháp' }, icon: 'scales' }],
      services: office.services.map((s, i) => (i === 0 ? { ...s, icon: 'family', groupId: 'tu-phap' } : s)),
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = await publicOffice();
    expect(view.voice).toMatchObject({
      dialect: 'south',
      numberReading: 'digits',
      repeat: 1,
      packId: 'vi-south-espeak',
    });
    expect(view.notices).toEqual(['Thứ Bảy làm việc buổi sáng']);
    expect(view.priorityAtKiosk).toBe(false);
    expect(view.serviceGroups).toEqual([
      { id: 'tu-phap', name: { vi: 'Tư pháp', en: 'Tư pháp' }, icon: 'scales' },
    ]);
    expect(view.services[0]).toMatchObject({ icon: 'family', groupId: 'tu-phap' });
  });

  it('shows a service’s outcomes in the public office, and keeps the alert thresholds for admins only', async () => {
    const { id: _id, ...definition } = office;
    const outcomes = ['Đã tiếp nhận hồ sơ', 'Hẹn bổ sung giấy tờ', 'Đã trả kết quả'];
    const res = await put({
      ...definition,
      alerts: { waitMinutes: 45, idleMinutes: 3, serviceFactor: 1.5 },
      services: office.services.map((s, i) => (i === 0 ? { ...s, outcomes } : s)),
    });
    expect(res.statusCode, res.body).toBe(200);
    // The admin's answer is the stored configuration: alerts kept, only what differs from the defaults.
    const stored = res.json();
    expect(stored.alerts).toEqual({ waitMinutes: 45, serviceFactor: 1.5 });
    expect(stored.services[0].outcomes).toEqual(outcomes);
    expect((await rig.store.getOffice(office.id))?.alerts).toEqual({ waitMinutes: 45, serviceFactor: 1.5 });

    const view = await publicOffice();
    expect(view.services[0].outcomes).toEqual(outcomes);
    expect(view.services[1]).not.toHaveProperty('outcomes');
    expect(view).not.toHaveProperty('alerts');
    expect(JSON.stringify(view)).not.toContain('waitMinutes');

    // Back to no outcomes and default alerts: neither is stored any more.
    const again = await put({ ...definition, alerts: { waitMinutes: 30 } });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).not.toHaveProperty('alerts');
    expect((await publicOffice()).services[0]).not.toHaveProperty('outcomes');
  });

  it('refuses bad outcomes and alert thresholds, saying what and where', async () => {
    const { id: _id, ...definition } = office;
    const problemsOf = async (body: object, code: string) => {
      const res = await put(body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe(code);
      return res.json().error.details.problems as string[];
    };
    // The shape (the schema): ranges, types, unknown keys, the longest text, the most texts.
    expect(
      await problemsOf(
        {
          ...definition,
          alerts: { waitMinutes: 481, idleMinutes: '5', serviceFactor: 1, waitMinute: 20 },
          services: office.services.map((s, i) =>
            i === 0
              ? { ...s, outcomes: ['x'.repeat(121)] }
              : i === 1
                ? { ...s, outcomes: Array(21).fill('a') }
                : s,
          ),
        },
        'INVALID_INPUT',
      ),
    ).toEqual([
      'body.services[0].outcomes[0]: must not have more than 120 characters',
      'body.services[1].outcomes: must not have more than 20 items',
      'body.alerts.waitMinute: is not allowed',
      'body.alerts.waitMinutes: must be <= 480',
      'body.alerts.idleMinutes: must be number',
      'body.alerts.serviceFactor: must be >= 1.1',
    ]);
    // The meaning (parseOfficeConfig): the same text twice, a blank one.
    expect(
      await problemsOf(
        {
          ...definition,
          services: office.services.map((s, i) =>
            i === 0 ? { ...s, outcomes: ['Đã trả kết quả', 'Đã trả kết quả'.normalize('NFD'), ' '] } : s,
          ),
        },
        'INVALID_CONFIG',
      ),
    ).toEqual([
      'services[0].outcomes[1]: "Đã trả kết quả" is listed twice',
      'services[0].outcomes[2]: must not be empty',
    ]);
  });

  it('refuses bad settings with every problem and its path', async () => {
    const { id: _id, ...definition } = office;
    const res = await put({
      ...definition,
      voice: { template: 'Mời số {số}', repeat: 7 },
      notices: ['x'.repeat(301)],
    });
    expect(res.statusCode).toBe(400);
    const text = JSON.stringify(res.json().error.details);
    expect(text).toContain('repeat');
    expect(text).toContain('notices');
  });
});
