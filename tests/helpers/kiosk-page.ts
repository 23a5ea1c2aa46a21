/**
 * Driving the kiosk app (/kiosk/) in real Chromium: a test file's browser and server
 * (`kioskSuite`), a kiosk opened as a paired device (the token put in localStorage before the page
 * loads, as after a pairing) and closed after use (`withKiosk`), which screen it shows, the tickets
 * the server holds, and the checks every screen gets — touch targets ≥ 80 px, controls in the lower
 * part of a portrait totem, no serious axe violation, a screenshot.
 *
 * Strings evaluated in the page are plain JavaScript strings: the tests are type-checked without the
 * DOM library.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQRModule from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { OfficeConfig, ServiceConfig, Ticket } from '../../shared/domain/types.js';
import { startApi, type ApiRig } from './api.js';
import { dropSockets, pollUntil, storeDevice } from './app-page.js';
import { launchBrowser, screenshot, seriousA11yViolations, targetSizes, VIEWPORTS } from './browser.js';
import { memoryEngine } from './engines.js';
import { testOffice } from './office.js';

// jsqr is CommonJS with an ES-style `export default` in its types: the function is `.default`.
const jsQR = jsQRModule.default;

const svc = (id: string, digit: number, vi: string, en: string, extra: Partial<ServiceConfig> = {}) => ({
  id,
  name: { vi, en },
  numbering: { prefix: String(digit), start: 1, width: 3 },
  serviceMinutes: 5,
  ...extra,
});

/** The ward centre's eight services (one screen of tiles) and a counter serving them all. */
export function eightServices(): Pick<OfficeConfig, 'services' | 'counters'> {
  const services = eightServiceList();
  return {
    services,
    counters: [{ id: 'q1', number: 1, name: 'Quầy 1', services: services.map((s) => ({ serviceId: s.id })) }],
  };
}

function eightServiceList(): ServiceConfig[] {
  return [
    svc('ho-tich', 1, 'Tư pháp – Hộ tịch', 'Justice – Civil status', { icon: 'family' }),
    svc('chung-thuc', 2, 'Chứng thực', 'Certification', { icon: 'stamp' }),
    svc('dat-dai', 3, 'Đất đai – Nông nghiệp & Môi trường', 'Land – Agriculture & Environment', {
      icon: 'land',
    }),
    svc('xay-dung', 4, 'Xây dựng – Đô thị', 'Construction – Urban planning', { icon: 'house' }),
    svc('kinh-te', 5, 'Kinh tế – Tài chính', 'Economy – Finance', { icon: 'business' }),
    svc('van-hoa', 6, 'Văn hóa – Xã hội', 'Culture – Social affairs', { icon: 'people' }),
    svc('tra-ket-qua', 7, 'Trả kết quả', 'Results pickup', { icon: 'document' }),
    svc('vneid', 8, 'Hỗ trợ dịch vụ công trực tuyến / VNeID', 'Online services / VNeID help desk', {
      icon: 'id-card',
    }),
  ];
}

/** kiosk/App.tsx's KIOSK_DEVICE_KEY (kiosks paired before keep it). */
export const DEVICE_STORAGE_KEY = 'luot.kiosk.device';

export type Orientation = 'portrait' | 'landscape';

export interface KioskPage {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export interface OpenKioskOptions {
  orientation?: Orientation;
  /** A device token for `officeId`; omit to open unpaired (the setup screen). */
  device?: { token: string; officeId: string };
  /** Install Playwright's fake clock before the page loads (idle and countdown tests). */
  fakeClock?: boolean;
  /** Set up routes (server down…) before the first request. */
  beforeLoad?: (page: Page) => Promise<void>;
  /** Wait for this screen after loading (default: any screen). */
  screen?: string;
}

export async function openKiosk(
  browser: Browser,
  rig: ApiRig,
  opts: OpenKioskOptions = {},
): Promise<KioskPage> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[opts.orientation ?? 'landscape'],
    locale: 'en-US',
    // The kiosk must format in the office zone whatever the machine says.
    timezoneId: 'America/New_York',
  });
  if (opts.device) await storeDevice(context, DEVICE_STORAGE_KEY, opts.device);
  const page = await context.newPage();
  // A stuck step fails on its own line, well before the test's timeout.
  page.setDefaultTimeout(15_000);
  if (opts.fakeClock) await page.clock.install();
  await opts.beforeLoad?.(page);
  await page.goto(`${rig.url}/kiosk/`);
  await page.waitForSelector(opts.screen === undefined ? '[data-screen]' : `[data-screen="${opts.screen}"]`);
  return { context, page, close: () => context.close() };
}

/** Opens a paired kiosk of `officeId` (a fresh device token) on its service screen. */
export async function openPairedKiosk(
  browser: Browser,
  rig: ApiRig,
  officeId: string,
  opts: Omit<OpenKioskOptions, 'device'> = {},
): Promise<KioskPage & { deviceId: string; token: string }> {
  const device = await rig.device('kiosk', officeId);
  const kiosk = await openKiosk(browser, rig, {
    screen: 'services',
    ...opts,
    device: { token: device.token, officeId },
  });
  return { ...kiosk, deviceId: device.deviceId, token: device.token };
}

/** Runs `use` on the kiosk being opened, then closes its page, whatever happened. */
export async function withKiosk<K extends KioskPage>(opening: Promise<K>, use: (kiosk: K) => Promise<void>) {
  const kiosk = await opening;
  try {
    await use(kiosk);
  } finally {
    await kiosk.close();
  }
}

/** A kiosk test file's browser and server, and its offices. */
export interface KioskSuite {
  readonly browser: Browser;
  /** The whole API over the in-memory engine, listening; its clock at Monday 30/11/2026 09:00. */
  readonly rig: ApiRig;
  /** Stores the test office with `overrides`, under an id of its own: tests run side by side. */
  office(overrides?: Partial<OfficeConfig>): Promise<OfficeConfig>;
  /** openKiosk in this suite's browser, against its server. */
  open(opts?: OpenKioskOptions): Promise<KioskPage>;
  /** openPairedKiosk in this suite's browser, against its server. */
  openPaired(officeId: string, opts?: Omit<OpenKioskOptions, 'device'>): ReturnType<typeof openPairedKiosk>;
}

/** Starts a browser and a server before the file's tests and closes them after (call at the top of a describe). */
export function kioskSuite(): KioskSuite {
  let started: { browser: Browser; rig: ApiRig } | undefined;
  beforeAll(async () => {
    const [browser, rig] = await Promise.all([launchBrowser(), startApi(memoryEngine, [], { listen: true })]);
    started = { browser, rig };
  });
  afterAll(async () => {
    await started?.browser.close();
    await started?.rig.close();
  });
  const running = () => {
    if (!started) throw new Error('the kiosk suite has not started: use it inside a test');
    return started;
  };
  return {
    get browser() {
      return running().browser;
    },
    get rig() {
      return running().rig;
    },
    async office(overrides = {}) {
      const o = testOffice(overrides);
      await running().rig.store.putOffice(o);
      return o;
    },
    open: (opts) => openKiosk(running().browser, running().rig, opts),
    openPaired: (officeId, opts) => openPairedKiosk(running().browser, running().rig, officeId, opts),
  };
}

/** The name of the screen the kiosk shows now (`data-screen`). */
export async function currentScreen(page: Page): Promise<string | null> {
  return page.locator('[data-screen]').getAttribute('data-screen');
}

/**
 * Waits until the kiosk shows screen `name` and accepts touches (past its ghost-tap guard: a click
 * during the guard would make Playwright back off and retry, slowly).
 */
export async function waitForScreen(page: Page, name: string, timeout = 10_000): Promise<void> {
  await waitFor(page, `.screen[data-screen="${name}"]:not(.settling)`, timeout);
}

/**
 * Waits until an element matches `selector` outside any screen still in its ghost-tap guard.
 * Checked every 20 ms: locator polling backs off to a second, and waitForFunction evaluates with
 * eval, which the pages' CSP forbids.
 */
export async function waitFor(page: Page, selector: string, timeout = 10_000): Promise<void> {
  const expr = `[...document.querySelectorAll(${JSON.stringify(selector)})].some((el) => el.closest('.settling') === null)`;
  await pollUntil(() => page.evaluate(expr), Boolean, {
    timeoutMs: timeout,
    everyMs: 20,
    failure: async () => {
      const shown = await page
        .locator('[data-screen]')
        .getAttribute('data-screen')
        .catch(() => null);
      return `timed out after ${timeout} ms waiting for ${selector} (screen: ${shown})`;
    },
  });
}

/** Taps a service or group tile by its label. */
export async function tapTile(page: Page, label: string): Promise<void> {
  await waitFor(page, '.tile');
  await page.locator('.tile', { hasText: label }).click();
}

/** Taps the first element matching `selector` once it accepts touches. */
export async function tap(page: Page, selector: string): Promise<void> {
  await waitFor(page, selector);
  await page.locator(selector).first().click();
}

/** Every ticket of `officeId` today that is still waiting, per the server (its snapshot). */
export async function waitingCount(rig: ApiRig, officeId: string): Promise<number> {
  const res = await rig.call(rig.admin, { method: 'GET', url: `/api/offices/${officeId}/snapshot` });
  expect(res.statusCode, res.body).toBe(200);
  const waiting = (res.json() as { waiting: Record<string, number> }).waiting;
  return Object.values(waiting).reduce((a, b) => a + b, 0);
}

/** The ticket the kiosk shows, as the server holds it (staff view: priority reason included). */
export async function shownTicket(rig: ApiRig, page: Page, officeId: string): Promise<Ticket> {
  const id = await page.locator('.ticket-number').getAttribute('data-ticket-id');
  expect(id).toBeTruthy();
  const ticket = await rig.store.getTicket(officeId, id as string);
  expect(ticket).toBeDefined();
  return ticket as Ticket;
}

/** The text of the QR code on screen, decoded from its pixels. */
export async function decodeShownQr(page: Page): Promise<string | undefined> {
  const png = await page.locator('.qr-code').screenshot();
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height);
  return jsQR(new Uint8ClampedArray(data.data), image.width, image.height)?.data;
}

/**
 * Drops the live connection of the kiosk paired with `token` as a network failure would (the
 * transport closes; socket.io-client then reconnects by itself). Other kiosks keep theirs.
 */
export function dropLiveConnection(rig: ApiRig, token: string): number {
  return dropSockets(rig.app, token);
}

/** Normalised visible text of the page. */
export async function pageText(page: Page): Promise<string> {
  return (await page.evaluate('document.body.innerText')) as string;
}

/**
 * The checks every screen gets: touch targets at least 80 CSS px tall (20 mm on a 21.5" 1080p
 * panel); on a portrait totem, every control in the lower part (below 38 % of the height: the
 * 380–1,220 mm band); no serious or critical axe violation (checked on the landscape pass); text
 * in NFC; a screenshot.
 */
export async function inspectScreen(page: Page, name: string, orientation: Orientation): Promise<void> {
  const targets = await targetSizes(page, 'button, input, select, textarea, a[href]');
  expect(targets.length, `${name}: no controls found`).toBeGreaterThan(0);
  for (const t of targets)
    expect(t.height, `${name}: "${t.text}" is ${t.height}px tall`).toBeGreaterThanOrEqual(80);

  if (orientation === 'portrait') {
    const { height } = VIEWPORTS.portrait;
    // Controls a finger can reach now: not scrolled out of their list, not under a dialog.
    const tops = (await page.evaluate(`[...document.querySelectorAll('button, input')]
      .map((el) => {
        const r = el.getBoundingClientRect();
        const hit = r.height > 0 ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
        return { top: r.top, reachable: hit !== null && el.contains(hit), text: (el.textContent || el.name || '').trim().slice(0, 30) };
      })
      .filter((r) => r.reachable)`)) as { top: number; text: string }[];
    expect(tops.length, `${name}: no reachable control`).toBeGreaterThan(0);
    for (const t of tops) {
      expect(
        t.top,
        `${name}: "${t.text}" sits at ${Math.round(t.top)}px, above the reach band`,
      ).toBeGreaterThanOrEqual(0.38 * height);
    }
  }

  // Roles, names and colours do not depend on the orientation: axe runs once per screen.
  if (orientation === 'landscape') {
    const violations = await seriousA11yViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  const text = await pageText(page);
  expect(text.normalize('NFC'), `${name}: text not in NFC`).toBe(text);

  await screenshot(page, `kiosk-${name}-${orientation}`);
}
