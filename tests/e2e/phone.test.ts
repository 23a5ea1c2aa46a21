/**
 * The citizen's phone page (`/t/:ticketId`) in real Chromium at phone size, against the real server:
 * a kiosk issues the ticket through the API, an officer calls it through the API, and the page must
 * show the call within a second (the issue's acceptance point), beep and vibrate, thank the citizen
 * at the end, keep working without its websocket (HTTP polling), and say kindly when an id is
 * unknown. axe-core finds no serious or critical violation; every screen is saved as a screenshot.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomTicketId } from '../../shared/domain/ids.js';
import { PHONE_STRINGS } from '../../shared/i18n/phone.js';
import { startApi, type ApiRig, type Caller } from '../helpers/api.js';
import {
  chromiumPath,
  launchBrowser,
  screenshot,
  seriousA11yViolations,
  VIEWPORTS,
} from '../helpers/browser.js';
import { memoryEngine } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

/** The budget of the issue: all of the page's JavaScript, gzipped, as `gzip -c` measures it. */
const JS_BUDGET_BYTES = 25_000;

/** Records vibrations and started oscillators (beeps): headless Chromium has no motor or speaker. */
const RECORD_ALERTS = `
  window.__vibrations = [];
  Object.defineProperty(navigator, 'vibrate', {
    configurable: true,
    value: (pattern) => { window.__vibrations.push(pattern); return true; },
  });
  window.__beeps = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) { window.__beeps++; return start.apply(this, args); };
`;

interface Issued {
  id: string;
  number: string;
}

/** One office of its own per test: its kiosk, and one officer per counter (signed in, open). */
interface Office {
  id: string;
  issue(serviceId?: string): Promise<Issued>;
  /** POST a counter action as that counter's officer; returns the parsed answer. */
  act(counterId: string, action: string, body?: Record<string, unknown>): Promise<Record<string, unknown>>;
  cancel(ticketId: string): Promise<void>;
}

describe.skipIf(!chromiumPath)('the citizen’s phone page', () => {
  let rig: ApiRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    rig = await startApi(memoryEngine, [], { listen: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await rig?.close();
  });

  async function newOffice(): Promise<Office> {
    const config = testOffice();
    await rig.store.putOffice(config);
    const kiosk = await rig.device('kiosk', config.id);
    const officers = new Map<string, Caller>();
    const post = async (caller: Caller, url: string, payload: Record<string, unknown> = {}) => {
      const res = await rig.call(caller, { method: 'POST', url, payload });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      return res.json() as Record<string, unknown>;
    };
    const officerAt = async (counterId: string): Promise<Caller> => {
      let officer = officers.get(counterId);
      if (!officer) {
        officer = await rig.user('officer', [config.id]);
        officers.set(counterId, officer);
        await post(officer, `/api/offices/${config.id}/counters/${counterId}/sign-in`);
        await post(officer, `/api/offices/${config.id}/counters/${counterId}/open`);
      }
      return officer;
    };
    return {
      id: config.id,
      async issue(serviceId = 'civ') {
        const body = await post(kiosk, `/api/offices/${config.id}/tickets`, { serviceId });
        return { id: body.id as string, number: body.number as string };
      },
      async act(counterId, action, body = {}) {
        const officer = await officerAt(counterId);
        return post(officer, `/api/offices/${config.id}/counters/${counterId}/${action}`, body);
      },
      async cancel(ticketId) {
        await post(rig.admin, `/api/offices/${config.id}/tickets/${ticketId}/cancel`);
      },
    };
  }

  async function openPhone(
    ticketId: string,
    opts: { width?: number; blockWebSocket?: boolean; base?: string } = {},
  ): Promise<{ page: Page; scripts: Map<string, Buffer> }> {
    const context = await browser.newContext({
      viewport: { width: opts.width ?? VIEWPORTS.phone.width, height: VIEWPORTS.phone.height },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.addInitScript(RECORD_ALERTS);
    // The websocket refused at once, every time: the page must get by with HTTP alone.
    if (opts.blockWebSocket) await page.routeWebSocket(/\/socket\.io\//, (ws) => ws.close());
    const scripts = new Map<string, Buffer>();
    page.on('response', (res) => {
      if (res.url().endsWith('.js')) void res.body().then((b) => scripts.set(res.url(), b));
    });
    await page.goto(`${opts.base ?? rig.url}/t/${ticketId}`);
    return { page, scripts };
  }

  /** The page is live over its socket (so a call's timing measures the socket path). */
  async function live(page: Page): Promise<void> {
    await page.getByText(PHONE_STRINGS.vi.live).waitFor({ timeout: 10_000 });
  }

  async function expectAccessible(page: Page): Promise<void> {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  async function noHorizontalScroll(page: Page): Promise<void> {
    const [scrollWidth, innerWidth] = (await page.evaluate(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )) as [number, number];
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  }

  it('shows number, service and people ahead, then the call at counter 1 within a second, with a beep and a vibration, then the thanks', async () => {
    const office = await newOffice();
    const first = await office.issue();
    const mine = await office.issue();
    const { page } = await openPhone(mine.id);

    await expect.poll(() => page.locator('h1').textContent()).toContain(mine.number);
    await page.getByText('Hộ tịch').waitFor();
    await page.getByText('Còn 1 người trước bạn').waitFor();
    await page.getByText('Thời gian chờ dự kiến').waitFor();
    // "Đang cập nhật" until the estimator's first refresh of the office, then a figure.
    await page.getByText(/^(Đang cập nhật|dưới 5 phút|khoảng \d+(–\d+)? phút)$/).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('vi');
    expect(await page.locator('[aria-live="assertive"]').count()).toBe(1);
    await live(page);
    await noHorizontalScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'phone-waiting');

    // "Bật âm báo": the tap that lets the page sound later; it beeps once to show it works.
    await page.getByRole('button', { name: 'Bật âm báo' }).click();
    await page.getByRole('button', { name: 'Đã bật âm báo' }).waitFor();
    await expect.poll(() => page.evaluate('window.__beeps')).toBe(1);
    // (and a short buzz, where the phone allows it)
    const buzzes = (await page.evaluate('window.__vibrations.length')) as number;

    // Someone else's call: still waiting.
    await office.act('c1', 'call', { ticketId: first.id });
    await office.act('c1', 'complete', { ticketId: first.id });
    expect(await page.getByText('Mời bạn đến quầy').count()).toBe(0);

    const answer = await office.act('c1', 'call', { ticketId: mine.id });
    const answered = performance.now();
    expect((answer.ticket as { id: string }).id).toBe(mine.id);
    await page.getByText('Mời bạn đến quầy số 1').waitFor({ timeout: 5000 });
    const elapsed = performance.now() - answered;
    console.log(`phone page: "called" shown ${elapsed.toFixed(0)} ms after the officer's call answered`);
    expect(elapsed).toBeLessThan(1000);
    expect(await page.locator('[aria-live="assertive"]').textContent()).toContain('Mời bạn đến quầy số 1');
    await expect.poll(() => page.evaluate('window.__vibrations.length')).toBe(buzzes + 1);
    expect(await page.evaluate('window.__vibrations.at(-1).length')).toBeGreaterThan(1); // a pattern
    await expect.poll(() => page.evaluate('window.__beeps')).toBe(4);
    expect(await page.title()).toContain('Mời đến quầy 1');
    await noHorizontalScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'phone-called');

    // A recall is another call: another vibration.
    await office.act('c1', 'recall', { ticketId: mine.id });
    await page.getByText('Mời lần 2').waitFor();
    await expect.poll(() => page.evaluate('window.__vibrations.length')).toBe(buzzes + 2);

    await office.act('c1', 'start', { ticketId: mine.id });
    await page.getByText('Đang phục vụ tại quầy 1').waitFor();
    await screenshot(page, 'phone-serving');

    await office.act('c1', 'complete', { ticketId: mine.id });
    await page.getByText('Cảm ơn bạn đã sử dụng dịch vụ').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'phone-done');
  });

  it('says kindly that an unknown or malformed id does not exist', async () => {
    for (const id of [randomTicketId(), 'not%20a%20ticket']) {
      const { page } = await openPhone(id);
      await page.getByRole('heading', { level: 1, name: 'Không tìm thấy số thứ tự này' }).waitFor();
      await page.getByText('vài ngày', { exact: false }).waitFor();
      await noHorizontalScroll(page);
      await expectAccessible(page);
    }
    const { page } = await openPhone(randomTicketId(), { width: 320 });
    await page.getByRole('heading', { level: 1 }).waitFor();
    await screenshot(page, 'phone-not-found');
    // In English too.
    await page.getByRole('button', { name: 'English, EN' }).click();
    await page.getByRole('heading', { level: 1, name: 'We cannot find this ticket' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
  });

  it('still shows the call by polling when the websocket cannot connect', async () => {
    const office = await newOffice();
    const mine = await office.issue();
    const { page } = await openPhone(mine.id, { blockWebSocket: true });
    await page.getByText('Bạn là người tiếp theo').waitFor();
    // Said plainly, after the first seconds without a socket.
    await page.getByText('Đang kết nối lại', { exact: false }).waitFor({ timeout: 10_000 });
    await expectAccessible(page);
    await screenshot(page, 'phone-polling');
    await office.act('c1', 'call', { ticketId: mine.id });
    // One poll interval (5 s) at most, plus the request.
    await page.getByText('Mời bạn đến quầy số 1').waitFor({ timeout: 8000 });
  });

  it('follows a transfer to the new queue, and says where the ticket went', async () => {
    const office = await newOffice();
    const mine = await office.issue();
    const { page } = await openPhone(mine.id);
    await live(page);
    await office.act('c1', 'call', { ticketId: mine.id });
    await page.getByText('Mời bạn đến quầy số 1').waitFor();
    await office.act('c1', 'transfer', { ticketId: mine.id, serviceId: 'cert' });
    await page.getByText('Số của bạn đã được chuyển sang: Chứng thực').waitFor();
    await page.getByText('Bạn là người tiếp theo').waitFor();
    expect(await page.getByText('Mời bạn đến quầy').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'phone-transferred');
    // The new entry is followed live: its call arrives over the socket.
    await office.act('c4', 'call-next');
    await page.getByText('Mời bạn đến quầy số 4').waitFor({ timeout: 3000 });
  });

  it('tells a citizen who did not come, and one whose ticket was cancelled, what to do', async () => {
    const office = await newOffice();
    const missed = await office.issue();
    const cancelled = await office.issue();
    const a = await openPhone(missed.id);
    const b = await openPhone(cancelled.id);
    await live(a.page);
    await live(b.page);
    await office.act('c1', 'call', { ticketId: missed.id });
    await office.act('c1', 'no-show', { ticketId: missed.id });
    await a.page.getByText('Bạn đã không có mặt khi được gọi').waitFor();
    await a.page.getByText('Vui lòng liên hệ quầy', { exact: false }).waitFor();
    await expectAccessible(a.page);
    await screenshot(a.page, 'phone-no-show');
    await office.cancel(cancelled.id);
    await b.page.getByText('Số thứ tự này đã bị hủy').waitFor();
    await screenshot(b.page, 'phone-cancelled');
  });

  it('says a ticket of an earlier day is no longer valid, instead of "you are next"', async () => {
    const office = await newOffice();
    const old = await office.issue();
    const now = rig.clock.now;
    rig.clock.set('2026-12-01T09:00');
    try {
      const { page } = await openPhone(old.id);
      await page.getByText('Số thứ tự này đã hết hiệu lực').waitFor();
      expect(await page.getByText('Bạn là người tiếp theo').count()).toBe(0);
      await expectAccessible(page);
    } finally {
      rig.clock.now = now;
    }
  });

  it('switches between Vietnamese and English, keeps the choice, and fits 320 to 414 px', async () => {
    const office = await newOffice();
    const mine = await office.issue('land');
    for (const width of [320, 414]) {
      const { page } = await openPhone(mine.id, { width });
      await page.getByText('Đất đai').waitFor();
      await noHorizontalScroll(page);
      await page.getByRole('button', { name: 'English, EN' }).click();
      await page.getByText('Land', { exact: true }).waitFor();
      await page.getByText('You are next').waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe('en');
      expect(await page.getByRole('button', { name: 'English, EN' }).getAttribute('aria-pressed')).toBe(
        'true',
      );
      await noHorizontalScroll(page);
      if (width === 320) await screenshot(page, 'phone-waiting-en-320');
      // Remembered on this phone.
      await page.reload();
      await page.getByText('You are next').waitFor();
      await page.getByRole('button', { name: 'Tiếng Việt, VI' }).click();
      await page.getByText('Bạn là người tiếp theo').waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe('vi');
      const text = (await page.evaluate('document.body.innerText')) as string;
      expect(text).toBe(text.normalize('NFC'));
    }
  });

  it('has every string in both languages, in NFC', () => {
    expect(Object.keys(PHONE_STRINGS.en).sort()).toEqual(Object.keys(PHONE_STRINGS.vi).sort());
    for (const strings of Object.values(PHONE_STRINGS)) {
      for (const [key, value] of Object.entries(strings)) expect(value, key).toBe(value.normalize('NFC'));
    }
  });

  it(`loads at most ${JS_BUDGET_BYTES / 1000} KB of gzipped JavaScript, socket client included`, async () => {
    // dist/apps is the production build `npm start` serves (scripts/build-apps.ts always builds for
    // production, also under Vitest): what a phone downloads.
    const office = await newOffice();
    const ticket = await office.issue();
    const { page, scripts } = await openPhone(ticket.id);
    await live(page);
    await expect.poll(() => [...scripts.keys()].some((u) => u.includes('/socket-client-'))).toBe(true);
    const sizes = [...scripts].map(([url, body]) => ({
      file: url.split('/').pop(),
      gzip: gzipSync(body).length,
    }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(`phone page JavaScript: ${total} B gzipped`, sizes);
    // The socket.io client came as a chunk of its own, after the page (first paint does not wait).
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(total).toBeLessThanOrEqual(JS_BUDGET_BYTES);
  });
});
