/**
 * The hall display (/display/) and the counter display (/display/counter/:counterId) in real
 * Chromium against the real server: calls reach the screen within a second; the voice announces
 * live calls in order, a recall again, and never the calls of the first snapshot; paused and closed
 * counters; zones and paging; pairing through the screen and a revoked token; office settings
 * (voice, notices) taking effect. Outages: display-resilience.test.ts; sizes, contrast, motion,
 * screenshots: display-look.test.ts; the bundle budget: app-bundles.test.ts.
 *
 * The browser runs as TVs do, with `--autoplay-policy=no-user-gesture-required`, so the announcer's
 * sound state is 'ok' and its log holds the clips it scheduled.
 */
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { announcementClips, withVoiceDefaults } from '../../shared/i18n/announcement.js';
import type { OfficeConfig } from '../../shared/domain/types.js';
import { startApi, type ApiRig, type Caller } from '../helpers/api.js';
import { chromiumPath, screenshot } from '../helpers/browser.js';
import {
  desk,
  DISPLAY_DEVICE_KEY,
  displayOffice,
  launchTvBrowser,
  manyCounters,
  openDisplay,
  RECORD_HERO,
  rigPost,
  waitForLog,
  type DisplayPage,
} from '../helpers/display-page.js';
import { memoryEngine } from '../helpers/engines.js';

/** The office's voice in these tests: the default sentence once (shorter runs), with the chime. */
const VOICE = { repeat: 1 } as const;
const SETTINGS = withVoiceDefaults(VOICE);

const clipsOf = (ticketNumber: string, counterNumber: number, settings = SETTINGS) =>
  announcementClips({ ticketNumber, counterNumber }, settings).flatMap((p) => ('clip' in p ? [p.clip] : []));

describe.skipIf(!chromiumPath)('the hall display', () => {
  let browser: Browser;
  let rig: ApiRig;

  beforeAll(async () => {
    [browser, rig] = await Promise.all([launchTvBrowser(), startApi(memoryEngine, [], { listen: true })]);
  });
  afterAll(async () => {
    await browser?.close();
    await rig?.close();
  });

  /** A fresh office with a display device and a desk operated by the admin. */
  async function setUp(overrides: Partial<OfficeConfig> = {}) {
    const office = displayOffice({ voice: VOICE, ...overrides });
    await rig.store.putOffice(office);
    const device = await rig.device('display', office.id);
    const as = (caller: Caller) => desk(rigPost(rig, caller), office.id);
    return {
      office,
      device: { token: device.token, officeId: office.id },
      deviceId: device.deviceId,
      desk: as(rig.admin),
      as,
    };
  }

  /** A counter's row as words: its cells' visible text, joined by spaces. */
  const rowText = (display: DisplayPage, counterId: string) =>
    display.eval<string>(
      `[...(document.querySelector('tr[data-counter="${counterId}"]') || { cells: [] }).cells]` +
        `.map((c) => c.innerText.replace(/\\s+/g, ' ').trim()).filter(Boolean).join(' ')`,
    );

  describe.concurrent('live', () => {
    it('shows an officer’s call and its counter within a second of the API’s answer', async ({ expect }) => {
      const { office, device, as } = await setUp();
      const officer = await rig.user('officer', [office.id]);
      const counter3 = as(officer);
      await counter3.act('c3', 'sign-in');
      await counter3.act('c3', 'open');
      const issued = await counter3.issue('civ');
      const display = await openDisplay(browser, {
        url: rig.url,
        device,
        beforeLoad: async (page) => void (await page.addInitScript({ content: RECORD_HERO })),
      });
      try {
        expect(await display.text('.hero-idle')).toBe('Chưa có số nào được mời');
        const called = await counter3.callNext('c3');
        const answeredAt = performance.timeOrigin + performance.now();
        expect(called.number).toBe(issued.number);
        const key = `${called.number}|QUẦY 3`;
        await display.until(`window.__heroSeen[${JSON.stringify(key)}]`, 5_000, `the call ${key}`);
        const shownAt = await display.eval<number>(`window.__heroSeen[${JSON.stringify(key)}]`);
        const elapsed = shownAt - answeredAt;
        console.log(`hall display: call shown ${elapsed.toFixed(0)} ms after the officer's call answered`);
        expect(elapsed).toBeLessThan(1_000);
        expect(await display.text('.hero-label')).toBe('ĐANG MỜI');
        expect(await rowText(display, 'c3')).toBe(`3 ${called.number} Hộ tịch`);
      } finally {
        await display.close();
      }
    });

    it(
      'announces three quick calls in order, one at a time, a recall again, and no call of the first snapshot',
      {
        timeout: 90_000,
      },
      async ({ expect }) => {
        const { device, desk: d } = await setUp();
        await d.open('c1', 'c2', 'c3', 'c4');
        for (const s of ['cert', 'civ', 'civ', 'civ', 'land']) await d.issue(s);
        // Called before the display starts: in its first snapshot, shown but never announced.
        const old = await d.callNext('c4');
        const display = await openDisplay(browser, { url: rig.url, device, query: 'test' });
        try {
          await display.until(
            'window.__luotAnnouncer && window.__luotAnnouncer.state.audio === "ok"',
            10_000,
            'sound ok',
          );
          expect(await display.text('.hero-number')).toBe(old.number);
          const calls = [await d.callNext('c1'), await d.callNext('c2'), await d.callNext('c3')];
          const expected = [
            ...clipsOf(calls[0]!.number, 1).map((clip) => [`${calls[0]!.id}:0`, clip]),
            ...clipsOf(calls[1]!.number, 2).map((clip) => [`${calls[1]!.id}:0`, clip]),
            ...clipsOf(calls[2]!.number, 3).map((clip) => [`${calls[2]!.id}:0`, clip]),
          ];
          // The recall of c2's ticket, once its first call is being said (a recall of a call still
          // queued would replace it: the citizen hears the latest call once).
          await waitForLog(display, (l) => l.some((e) => e.key === `${calls[1]!.id}:0`));
          await d.act('c2', 'recall');
          const recall = clipsOf(calls[1]!.number, 2).map((clip) => [`${calls[1]!.id}:1`, clip]);
          const log = await waitForLog(display, (l) => l.length >= expected.length + recall.length, 40_000);
          expect(log.map((e) => [e.key, e.clip])).toEqual([...expected, ...recall]);
          for (let i = 1; i < log.length; i++) {
            const prev = log[i - 1]!;
            // Back to back, never overlapping (a microsecond of float rounding allowed).
            expect(log[i]!.startAt).toBeGreaterThanOrEqual(prev.startAt + prev.duration - 1e-6);
          }
          expect(log.some((e) => e.key.startsWith(old.id))).toBe(false);
          // Nothing more queued or playing: the old call was never enqueued.
          await display.until(
            'window.__luotAnnouncer.state.queued === 0 && !window.__luotAnnouncer.state.speaking',
          );
          expect(await display.text('.hero-number')).toBe(calls[1]!.number);
          expect(await display.text('.recent-item')).toContain(calls[2]!.number);
        } finally {
          await display.close();
        }
      },
    );

    it('shows a paused counter with its reason and a closed one; the counter display shows its number huge', async ({
      expect,
    }) => {
      const { device, desk: d } = await setUp();
      await d.open('c1', 'c2', 'c3');
      await d.act('c2', 'pause', { reason: 'Họp giao ban' });
      await d.act('c3', 'pause');
      await d.issue('civ');
      const called = await d.callNext('c1');
      const hall = await openDisplay(browser, { url: rig.url, device });
      const screen = await openDisplay(browser, { url: rig.url, device, path: '/display/counter/c1' });
      try {
        expect(await rowText(hall, 'c2')).toBe('2 Tạm nghỉ – Họp giao ban');
        expect(await rowText(hall, 'c3')).toBe('3 Tạm nghỉ');
        expect(await rowText(hall, 'c4')).toBe('4 Quầy đóng');
        expect(await rowText(hall, 'c1')).toBe(`1 ${called.number} Hộ tịch`);

        expect(await screen.text('.counter-heading')).toBe('QUẦY 1');
        expect(await screen.text('.counter-label')).toBe('Xin mời số');
        expect(await screen.text('.counter-number')).toBe(called.number);
        const px = await screen.eval<number>(
          'parseFloat(getComputedStyle(document.querySelector(".counter-number")).fontSize)',
        );
        expect(px).toBeGreaterThanOrEqual(300); // 1920×1080: the number fills the screen's width
        await d.act('c1', 'start');
        await screen.until('document.querySelector(".counter-label").textContent === "Đang phục vụ"');
        await d.act('c1', 'complete');
        await d.act('c1', 'pause', { reason: 'Nghỉ trưa' });
        await screen.until('document.querySelector(".counter-state-word").textContent === "Tạm nghỉ"');
        expect(await screen.text('.counter-reason')).toBe('Nghỉ trưa');
        await d.act('c1', 'close');
        await screen.until('document.querySelector(".counter-state-word").textContent === "Quầy đóng"');
        await hall.until(`document.querySelector('tr[data-counter="c1"]').dataset.status === 'closed'`);
      } finally {
        await hall.close();
        await screen.close();
      }
    });

    it('shows only its zone: ?counters=… and ?services=…', async ({ expect }) => {
      const { device, desk: d } = await setUp();
      await d.open('c1', 'c2', 'c3', 'c4');
      for (const s of ['civ', 'civ', 'cert', 'land', 'land']) await d.issue(s);
      const byCounters = await openDisplay(browser, { url: rig.url, device, query: 'counters=c1,c2' });
      const byServices = await openDisplay(browser, { url: rig.url, device, query: 'services=land' });
      try {
        const rows = (p: DisplayPage) =>
          p.eval<string[]>(
            '[...document.querySelectorAll("tr[data-counter]")].map((r) => r.dataset.counter)',
          );
        const services = (p: DisplayPage) =>
          p.eval<string[]>('[...document.querySelectorAll("[data-service]")].map((r) => r.dataset.service)');
        expect(await rows(byCounters)).toEqual(['c1', 'c2']);
        expect(await services(byCounters)).toEqual(['civ', 'cert']);
        expect(await rows(byServices)).toEqual(['c3']);
        expect(await services(byServices)).toEqual(['land']);
        // Waiting per service, and the wait estimate's placeholder until the estimator lands.
        expect(await byCounters.text('[data-service="civ"] .waiting-count')).toBe('2 người chờ');
        expect(await byServices.text('[data-service="land"] .waiting-count')).toBe('2 người chờ');
        expect(await byServices.text('[data-service="land"] .waiting-estimate')).toBe('Chờ: Đang cập nhật');

        const atC3 = await d.callNext('c3'); // land first at c3
        await byServices.until(
          `document.querySelector('.hero-number')?.textContent === ${JSON.stringify(atC3.number)}`,
        );
        const atC1 = await d.callNext('c1');
        await byCounters.until(
          `document.querySelector('.hero-number')?.textContent === ${JSON.stringify(atC1.number)}`,
        );
        // Each kept to its zone: c3's call never reached the first, c1's never the second.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await byServices.text('.hero-number')).toBe(atC3.number);
        expect(await byCounters.eval<string>('document.body.innerText')).not.toContain(atC3.number);
      } finally {
        await byCounters.close();
        await byServices.close();
      }
    });

    it('pages 16 counters that do not fit, every page in turn', async ({ expect }) => {
      const { device, desk: d } = await setUp({ counters: manyCounters(16) });
      await d.open('c16');
      await d.issue('civ');
      await d.callNext('c16');
      const display = await openDisplay(browser, { url: rig.url, device, query: 'page=1' });
      try {
        const pages = await display.eval<number>('Number(document.querySelector(".pager").dataset.pages)');
        const perPage = await display.eval<number>('document.querySelectorAll("tr[data-counter]").length');
        expect(perPage).toBeGreaterThanOrEqual(4);
        expect(pages).toBe(Math.ceil(16 / perPage));
        const seen = new Set<string>();
        const deadline = Date.now() + (2 * pages + 4) * 1_000; // pages turn every second: two rounds and some
        while (seen.size < 16 && Date.now() < deadline) {
          for (const id of await display.eval<string[]>(
            '[...document.querySelectorAll("tr[data-counter]")].map((r) => r.dataset.counter)',
          ))
            seen.add(id);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect([...seen].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))).toEqual(
          Array.from({ length: 16 }, (_, i) => `c${i + 1}`),
        );
        // The row of the called counter shows its ticket on its page; the rows never shrink.
        const rowPx = await display.eval<number>(
          'document.querySelector("tr[data-counter]").getBoundingClientRect().height',
        );
        expect(rowPx).toBeCloseTo(0.125 * 1080, 0);
        await screenshot(display.page, 'display-hall-paging');
      } finally {
        await display.close();
      }
    });

    it('takes office changes (notices, voice, a new counter) within its refresh', async ({ expect }) => {
      const { office, device, desk: d } = await setUp();
      await d.open('c1');
      await d.issue('civ');
      await d.issue('civ');
      const display = await openDisplay(browser, { url: rig.url, device, query: 'test&refresh=1' });
      try {
        await display.until('window.__luotAnnouncer.state.audio === "ok"');
        expect(await display.text('.ticker')).toContain('Xin vui lòng giữ trật tự');
        await rig.store.putOffice({
          ...office,
          notices: ['Hôm nay làm việc đến 17 giờ'],
          voice: { repeat: 2 },
        });
        await display.until('document.querySelector(".ticker")?.textContent.includes("đến 17 giờ")', 5_000);
        // Give the announcer the new settings' moment to load, then a call is said twice.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await display.until('window.__luotAnnouncer.state.audio === "ok"');
        const call = await d.callNext('c1');
        const twice = clipsOf(call.number, 1, withVoiceDefaults({ repeat: 2 }));
        const log = await waitForLog(display, (l) => l.length >= twice.length);
        expect(log.map((e) => e.clip)).toEqual(twice);
        // A counter added while the display runs: a fresh snapshot brings it.
        await rig.store.putOffice({
          ...office,
          notices: [],
          counters: [
            ...office.counters,
            { id: 'c5', number: 5, name: 'Quầy 5', services: [{ serviceId: 'civ' }] },
          ],
        });
        await display.until('!document.querySelector(".ticker")', 5_000);
        await display.until('document.querySelector(\'tr[data-counter="c5"]\')', 5_000, 'counter 5');
        expect(await rowText(display, 'c5')).toBe('5 Quầy đóng');
      } finally {
        await display.close();
      }
    });
  });

  it('pairs through its screen (sign in, office, name), keeps only a device token, and goes back to pairing when revoked', async ({
    expect,
  }) => {
    const { office } = await setUp();
    const supervisor = await rig.user('supervisor', [office.id]);
    const display = await openDisplay(browser, { url: rig.url, query: 'refresh=1' });
    const { page } = display;
    let logouts = 0;
    page.on('requestfinished', (req) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/auth/logout') logouts++;
    });
    try {
      expect(await display.text('h1')).toBe('Ghép nối màn hình');
      await page.fill('input[name="username"]', supervisor.userId);
      await page.fill('input[name="password"]', 'password-123');
      await page.click('button[type="submit"]');
      await display.until('document.querySelector("[data-screen=pairing-office]")');
      // One office: chosen already; the name is the hall display's default.
      expect(await page.getAttribute(`[data-office="${office.id}"]`, 'aria-pressed')).toBe('true');
      expect(await page.inputValue('input[name="deviceName"]')).toBe('TV sảnh chờ');
      await page.fill('input[name="deviceName"]', 'TV tầng 1');
      await page.click('button[type="submit"]');
      await display.until('document.querySelector(".hall:not(.hall-loading)")');
      const stored = JSON.parse(
        (await display.eval<string>(`localStorage.getItem(${JSON.stringify(DISPLAY_DEVICE_KEY)})`)) ?? '{}',
      ) as { token: string; officeId: string };
      expect(stored.officeId).toBe(office.id);
      expect(stored.token).toMatch(/^luot_d_/);
      // The supervisor's session was ended right after pairing; the device is listed under its name.
      expect(logouts).toBe(1);
      const list = await rig.call(rig.admin, {
        method: 'GET',
        url: `/api/admin/devices?officeId=${office.id}`,
      });
      const devices = (list.json() as { devices: { id: string; name: string; kind: string }[] }).devices;
      const mine = devices.find((dv) => dv.name === 'TV tầng 1');
      expect(mine?.kind).toBe('display');

      // Survives a reboot (a reload): no pairing again.
      await page.reload();
      await display.until('document.querySelector(".hall:not(.hall-loading)")');

      // Revoked: back to pairing, with a word about why.
      const revoke = await rig.call(rig.admin, {
        method: 'POST',
        url: `/api/admin/devices/${mine?.id}/revoke`,
      });
      expect(revoke.statusCode).toBeLessThan(300);
      await display.until('document.querySelector(".pairing")', 10_000);
      expect(await display.text('.pairing-notice')).toBe('Thiết bị này đã bị thu hồi. Xin ghép nối lại.');
      expect(await display.eval(`localStorage.getItem(${JSON.stringify(DISPLAY_DEVICE_KEY)})`)).toBeNull();
    } finally {
      await display.close();
    }
  });
});
