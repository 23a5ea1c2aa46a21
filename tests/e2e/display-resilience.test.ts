/**
 * The hall display when things go wrong, in real Chromium: the server killed and restarted (the
 * display keeps its picture under "Mất kết nối – đang kết nối lại…", then converges on the true
 * state with nothing missed, and announces only the calls still current and fresh); its socket
 * down ("cập nhật N giây trước"); the watchdog that reloads a page that stays broken (only when
 * the server answers); and a browser that blocks sound ("Bật âm thanh", and staff told through
 * `display:status`).
 */
import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DisplayStatusEvent } from '../../shared/protocol/display.js';
import type { Snapshot } from '../../shared/protocol/events.js';
import { startApi, type ApiRig } from '../helpers/api.js';
import { chromiumPath, launchBrowser, screenshot } from '../helpers/browser.js';
import {
  allDaySessions,
  desk,
  displayOffice,
  dropSockets,
  launchTvBrowser,
  openDisplay,
  rigPost,
  startRestartableServer,
  waitForLog,
  type DisplayPage,
} from '../helpers/display-page.js';
import { memoryEngine } from '../helpers/engines.js';
import { client, request, type LiveClient } from '../helpers/realtime.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const rows = (display: DisplayPage) =>
  display.eval<Record<string, string>>(
    `Object.fromEntries([...document.querySelectorAll('tr[data-counter]')].map((r) => [r.dataset.counter, r.dataset.ticketId || r.dataset.status]))`,
  );

describe.skipIf(!chromiumPath)('the hall display when things go wrong', () => {
  /** As TVs run: sound without a tap. */
  let autoplay: Browser;
  /** Chromium's default: sound only after a gesture. */
  let gestureOnly: Browser;
  let rig: ApiRig;

  beforeAll(async () => {
    [autoplay, gestureOnly, rig] = await Promise.all([
      launchTvBrowser(),
      launchBrowser(),
      startApi(memoryEngine, [], { listen: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([autoplay?.close(), gestureOnly?.close()]);
    await rig?.close();
  });

  async function setUp() {
    const office = displayOffice({ voice: { repeat: 1, chime: false } });
    await rig.store.putOffice(office);
    const device = await rig.device('display', office.id);
    const d = desk(rigPost(rig, rig.admin), office.id);
    return {
      office,
      device: { token: device.token, officeId: office.id },
      deviceId: device.deviceId,
      desk: d,
    };
  }

  describe.concurrent('outages', () => {
    it(
      'keeps its picture through a server restart, then converges with nothing missed and announces only calls still current and fresh',
      {
        timeout: 60_000,
      },
      async ({ expect }) => {
        // The real clock here: call ages are what this test is about (callMaxAge=8 s stands for 60 s).
        const office = displayOffice({ sessions: allDaySessions(), voice: { repeat: 1, chime: false } });
        const server = await startRestartableServer([office]);
        const d = desk(server.post, office.id);
        let display: DisplayPage | undefined;
        try {
          await d.open('c1', 'c2', 'c3', 'c4');
          for (const s of ['civ', 'civ', 'civ', 'cert', 'cert', 'land']) await d.issue(s);
          const device = await server.device('display', office.id);
          display = await openDisplay(autoplay, {
            url: server.url,
            device: { token: device.token, officeId: office.id },
            query: 'test&callMaxAge=8',
          });
          const dp = display;
          await dp.until('window.__luotAnnouncer.state.audio === "ok"', 10_000, 'sound ok');
          const first = await d.callNext('c1');
          await waitForLog(dp, (l) => l.some((e) => e.key === `${first.id}:0`));

          await server.stop();
          await dp.until(
            'document.querySelector(".banner-text")?.textContent === "Mất kết nối – đang kết nối lại…"',
            10_000,
            'the disconnected banner',
          );
          // The last picture stays.
          expect(await dp.text('.hero-number')).toBe(first.number);
          expect((await rows(dp)).c1).toBe(first.id);

          // While the display cannot connect: a call that will be old by the time it hears of it, one
          // already being served (no longer "called"), and one fresh and current.
          let old = { id: '', number: '' };
          let served = { id: '', number: '' };
          let fresh = { id: '', number: '' };
          await server.start(async () => {
            old = await d.callNext('c2');
            await sleep(9_000);
            served = await d.callNext('c3');
            await d.act('c3', 'start');
            fresh = await d.callNext('c4');
          });
          await dp.until(
            `!document.querySelector(".banner") && document.querySelector(".hero-number")?.textContent === ${JSON.stringify(fresh.number)}`,
            15_000,
            'back in sync',
          );
          const truth = (await server.get(`/api/offices/${office.id}/snapshot`)).json() as Snapshot;
          expect(await dp.eval('Number(document.querySelector(".hall").dataset.seq)')).toBe(truth.seq);
          expect(await rows(dp)).toEqual({ c1: first.id, c2: old.id, c3: served.id, c4: fresh.id });
          const recent = await dp.eval<string[]>(
            '[...document.querySelectorAll(".recent-item")].map((r) => r.dataset.ticketId)',
          );
          expect(recent).toEqual([served.id, old.id, first.id]);

          await waitForLog(dp, (l) => l.some((e) => e.key === `${fresh.id}:0`));
          await sleep(300);
          const keys = new Set((await dp.announced()).map((e) => e.key));
          expect([...keys]).toEqual([`${first.id}:0`, `${fresh.id}:0`]);
        } finally {
          await display?.close();
          await server.close();
        }
      },
    );

    it('says "Mất kết nối" and "cập nhật N giây trước" while its socket is down, keeping its picture, and recovers', async ({
      expect,
    }) => {
      const { device, desk: d } = await setUp();
      await d.open('c1');
      await d.issue('civ');
      const called = await d.callNext('c1');
      let blocked = false;
      const display = await openDisplay(autoplay, {
        url: rig.url,
        device,
        query: 'stale=2&heartbeat=1',
        // Every websocket through a switch: on, to the server; off, refused (the network is down).
        beforeLoad: (page) =>
          page.routeWebSocket(/\/socket\.io\//, (ws) => {
            if (blocked) void ws.close();
            else ws.connectToServer();
          }),
      });
      try {
        expect(await display.text('.banner')).toBeNull();
        blocked = true;
        expect(dropSockets(rig.app, device.token)).toBe(1);
        await display.until('document.querySelector(".banner-text")', 10_000, 'the banner');
        expect(await display.text('.banner-text')).toBe('Mất kết nối – đang kết nối lại…');
        const ago = async () =>
          Number(/cập nhật (\d+) giây trước/.exec((await display.text('.banner-ago')) ?? '')?.[1] ?? NaN);
        const before = await ago();
        expect(before).toBeGreaterThanOrEqual(2);
        await sleep(2_100);
        expect(await ago()).toBeGreaterThanOrEqual(before + 2);
        expect(await display.text('.hero-number')).toBe(called.number);
        blocked = false;
        await display.until('!document.querySelector(".banner")', 15_000, 'the banner gone');
      } finally {
        await display.close();
      }
    });

    it('reloads itself when the connection stays broken, but only once the server answers', async ({
      expect,
    }) => {
      const { device } = await setUp();
      let socketsDown = false;
      let pagesDown = false;
      const display = await openDisplay(autoplay, {
        url: rig.url,
        device,
        query: 'watchdog=3&heartbeat=1',
        beforeLoad: async (page) => {
          await page.routeWebSocket(/\/socket\.io\//, (ws) => {
            if (socketsDown) void ws.close();
            else ws.connectToServer();
          });
          await page.route(
            (url) => url.pathname === '/display/',
            (route: Route) => (pagesDown ? route.abort('connectionrefused') : route.continue()),
          );
        },
      });
      const navigation = () =>
        display.eval<string>('performance.getEntriesByType("navigation")[0].type').catch(() => 'navigating');
      try {
        expect(await navigation()).toBe('navigate');
        socketsDown = true;
        pagesDown = true;
        dropSockets(rig.app, device.token);
        // Broken for longer than the watchdog's 3 s, but the server does not answer: no reload
        // (the browser would be left on its error page).
        await sleep(5_000);
        expect(await navigation()).toBe('navigate');
        pagesDown = false;
        await display.until(
          'performance.getEntriesByType("navigation")[0].type === "reload"',
          10_000,
          'a reload',
        );
        socketsDown = false;
        await display.until('document.querySelector(".hall:not(.hall-loading)")', 15_000, 'live again');
        await display.until('!document.querySelector(".banner")', 10_000);
      } finally {
        await display.close();
      }
    });
  });

  it('shows "Bật âm thanh" while the browser blocks sound, tells the staff, and plays after a tap', async ({
    expect,
  }) => {
    const { office, device, deviceId, desk: d } = await setUp();
    const officer = await rig.user('officer', [office.id]);
    const staff: LiveClient = await client(rig.url, { token: officer.token });
    const seen: DisplayStatusEvent[] = [];
    staff.on('display:status', (e) => seen.push(e));
    expect((await request(staff, 'office:subscribe', { officeId: office.id })).ok).toBe(true);
    const display = await openDisplay(gestureOnly, { url: rig.url, device, query: 'test' });
    try {
      await display.until('document.querySelector(".sound-button")', 10_000, 'the sound button');
      expect(await display.text('.sound-button')).toBe('Bật âm thanh');
      expect(await display.text('.sound-hint')).toBe('Trình duyệt đang chặn âm thanh');
      expect((await display.audio())?.audio).toBe('blocked');
      await screenshot(display.page, 'display-hall-sound-blocked');
      const box = await display.page.locator('.sound-button').boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(0.08 * 1080);
      await expect
        .poll(() => seen.find((e) => e.audio === 'blocked'), { timeout: 10_000 })
        .toMatchObject({
          officeId: office.id,
          deviceId,
          audio: 'blocked',
        });

      // Calls still show while the sound is blocked.
      await d.open('c1');
      await d.issue('civ');
      const called = await d.callNext('c1');
      await display.until(
        `document.querySelector(".hero-number")?.textContent === ${JSON.stringify(called.number)}`,
      );

      await display.page.click('.sound-button'); // a real click: a user gesture
      await display.until('!document.querySelector(".sound-button")', 10_000, 'the button gone');
      expect((await display.audio())?.audio).toBe('ok');
      await expect.poll(() => seen[seen.length - 1]?.audio, { timeout: 10_000 }).toBe('ok');
    } finally {
      staff.close();
      await display.close();
    }
  });
});
