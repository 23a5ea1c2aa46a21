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
