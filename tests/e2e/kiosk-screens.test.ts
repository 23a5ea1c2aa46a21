/**
 * Every kiosk screen, at 1920×1080 (landscape kiosk) and 1080×1920 (portrait totem): touch targets
 * ≥ 80 px, controls in the lower part of the totem, no serious or critical axe violation, text in
 * NFC, and a screenshot in test-artifacts/screenshots/kiosk-<screen>-<orientation>.png for review.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeConfig } from '../../shared/domain/types.js';
import { ADMIN_PASSWORD, startApi, type ApiRig } from '../helpers/api.js';
import { chromiumPath, launchBrowser } from '../helpers/browser.js';
import { memoryEngine } from '../helpers/engines.js';
import {
  dropLiveConnection,
  eightServices,
  inspectScreen,
  openKiosk,
  openPairedKiosk,
  tap,
  tapTile,
  waitFor,
  waitForScreen,
  type Orientation,
} from '../helpers/kiosk-page.js';
import { testOffice } from '../helpers/office.js';

/** A promise with its resolver: holds a request until the screen it causes has been inspected. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

async function fastForwardUntil(page: Page, screen: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    if ((await page.locator(`[data-screen="${screen}"]`).count()) > 0) return;
    await page.clock.fastForward(5_000);
    await page.waitForTimeout(50);
  }
  await waitForScreen(page, screen);
}

/** Two pages per test, several tests side by side on a small machine: room for a slow moment. */
const TIMEOUT_MS = 60_000;

describe.skipIf(!chromiumPath)('kiosk screens', () => {
  let browser: Browser;
  let rig: ApiRig;

  beforeAll(async () => {
    [browser, rig] = await Promise.all([launchBrowser(), startApi(memoryEngine, [], { listen: true })]);
  });
  afterAll(async () => {
    await browser?.close();
    await rig?.close();
  });

  async function office(overrides: Partial<OfficeConfig> = {}): Promise<OfficeConfig> {
    const o = testOffice(overrides);
    await rig.store.putOffice(o);
    return o;
  }

  /** Runs `flow` at both orientations side by side, in two pages: same screens, different layouts. */
  const both = (flow: (orientation: Orientation) => Promise<void>) => async () => {
    await Promise.all((['landscape', 'portrait'] as Orientation[]).map(flow));
  };

  describe.concurrent('at 1920×1080 (landscape) and 1080×1920 (portrait)', () => {
    it(
      'setup: sign in, then office and name',
      both(async (orientation) => {
        const o = await office();
        const kiosk = await openKiosk(browser, rig, { orientation, screen: 'setup' });
        const { page } = kiosk;
        try {
          await inspectScreen(page, 'setup', orientation);
          await page.fill('input[name="username"]', 'admin');
          await page.fill('input[name="password"]', ADMIN_PASSWORD);
          await tap(page, 'button[type="submit"]');
          await waitForScreen(page, 'setup-office');
          await tap(page, `[data-office="${o.id}"]`);
          await inspectScreen(page, 'setup-office', orientation);
        } finally {
          await kiosk.close();
        }
      }),
      TIMEOUT_MS,
    );

    it(
      'services, larger text, high contrast',
      both(async (orientation) => {
        const o = await office(eightServices());
        const kiosk = await openPairedKiosk(browser, rig, o.id, { orientation });
        const { page } = kiosk;
        try {
          await inspectScreen(page, 'services', orientation);
          await tap(page, '.tool-large');
          await waitFor(page, 'html.large-text .tile');
          await inspectScreen(page, 'services-large', orientation);
          await tap(page, '.tool-large');
          await tap(page, '.tool-contrast');
          await waitFor(page, 'html.high-contrast:not(.large-text) .tile');
          await inspectScreen(page, 'services-contrast', orientation);
        } finally {
          await kiosk.close();
        }
      }),
      TIMEOUT_MS,
    );

    it(
      'the priority question, idle, issuing, the ticket',
      both(async (orientation) => {
        const o = await office(eightServices());
        const kiosk = await openPairedKiosk(browser, rig, o.id, { orientation, fakeClock: true });
        const { page } = kiosk;
        try {
          await tapTile(page, 'Tư pháp – Hộ tịch');
          await waitForScreen(page, 'priority');
          await inspectScreen(page, 'priority', orientation);

          await page.clock.fastForward(51_000);
          await waitFor(page, '.dialog');
          await inspectScreen(page, 'idle', orientation);
          await tap(page, '.idle-more');
          await page.locator('.dialog').waitFor({ state: 'detached' });

          const held = gate();
          await page.route('**/api/offices/*/tickets', async (route) => {
            await held.wait;
            await route.continue();
          });
          await tap(page, '.priority-no');
          await waitForScreen(page, 'issuing');
          await inspectScreen(page, 'issuing', orientation);
          held.open();
          await waitForScreen(page, 'ticket');
          // The fast-forward outran the socket's ping: let it reconnect for a clean picture.
          await page.locator('.banner').waitFor({ state: 'detached' });
          await inspectScreen(page, 'ticket', orientation);
        } finally {
          await kiosk.close();
        }
      }),
      TIMEOUT_MS,
    );

    it(
      'a group of services, and the confirmation where priority is not asked',
      both(async (orientation) => {
        const base = testOffice();
        const o = await office({
          priorityAtKiosk: false,
          serviceGroups: [{ id: 'tu-phap', name: { vi: 'Tư pháp', en: 'Justice' }, icon: 'scales' }],
          services: base.services.map((s) =>
            s.id === 'land' ? { ...s, icon: 'land' } : { ...s, groupId: 'tu-phap', icon: 'family' },
          ),
        });
        const kiosk = await openPairedKiosk(browser, rig, o.id, { orientation });
        const { page } = kiosk;
        try {
          await tapTile(page, 'Tư pháp');
          await waitForScreen(page, 'group');
          await inspectScreen(page, 'group', orientation);
          await tapTile(page, 'Chứng thực');
          await waitForScreen(page, 'confirm');
          await inspectScreen(page, 'confirm', orientation);
        } finally {
          await kiosk.close();
        }
      }),
      TIMEOUT_MS,
    );

    it(
      'the ticket when the printer did not print',
      both(async (orientation) => {
        const o = await office();
        const kiosk = await openPairedKiosk(browser, rig, o.id, { orientation });
        const { page } = kiosk;
        await page.route('**/api/offices/*/tickets', async (route) => {
          const res = await route.fetch();
          const body = (await res.json()) as Record<string, unknown>;
          await route.fulfill({
            response: res,
            json: { ...body, print: { status: 'not_printed', state: 'paper_end' } },
          });
        });
        try {
          await tapTile(page, 'Hộ tịch');
          await tap(page, '.priority-no');
          await waitForScreen(page, 'ticket-unprinted');
          await inspectScreen(page, 'ticket-unprinted', orientation);
        } finally {
          await kiosk.close();
        }
      }),
      TIMEOUT_MS,
    );

    it(
      'closed, and a service whose daily cap is reached',
      both(async (orientation) => {
        // Open only in the afternoon: at the rig's Monday 09:00 it is closed until 13:30.
        const o = await office({
          sessions: { ...testOffice().sessions, mon: [{ open: '13:30', close: '17:00', cutoff: '16:30' }] },
        });
        const closed = await openPairedKiosk(browser, rig, o.id, { orientation, screen: 'closed' });
        try {
          await inspectScreen(closed.page, 'closed', orientation);
        } finally {
          await closed.close();
        }

        const base = testOffice();
        const capped = await office({
          services: base.services.map((s) => (s.id === 'civ' ? { ...s, dailyCap: 1 } : s)),
        });
        const kiosk = await openPairedKiosk(browser, rig, capped.id, { orientation });
        const { page } = kiosk;
        try {
          for (let i = 0; i < 2; i++) {
            await tapTile(page, 'Hộ tịch');
            await tap(page, '.priority-no');
            if (i === 0) {
              await waitForScreen(page, 'ticket');
              await tap(page, '.btn-done');
            }
          }
          await waitForScreen(page, 'cap-reached');
          await inspectScreen(page, 'cap-reached', orientation);
        } finally {
          await kiosk.close();
        }
      }),
      TIMEOUT_MS,
    );

    it(
      'outages: reconnecting, could not issue, refused, unreachable at start, connection banner',
      both(async (orientation) => {
        const o = await office();
        const kiosk = await openPairedKiosk(browser, rig, o.id, { orientation, fakeClock: true });
        const { page } = kiosk;
        try {
          await page.route('**/api/offices/*/tickets', (route) => route.abort('connectionrefused'));
          await tapTile(page, 'Hộ tịch');
          await tap(page, '.priority-no');
          await waitForScreen(page, 'reconnecting');
          await inspectScreen(page, 'reconnecting', orientation);
          await fastForwardUntil(page, 'issue-failed');
          await inspectScreen(page, 'issue-failed', orientation);
          await page.unroute('**/api/offices/*/tickets');

          await page.route('**/api/offices/*/tickets', (route) =>
            route.fulfill({
              status: 429,
              json: { error: { code: 'RATE_LIMITED', message: 'Thử quá nhiều lần / Too many attempts' } },
            }),
          );
          await tap(page, '.btn-back');
          await tapTile(page, 'Hộ tịch');
          await tap(page, '.priority-no');
          await waitForScreen(page, 'error');
          await inspectScreen(page, 'error', orientation);

          // The live connection drops: the banner says so over whatever is shown.
          await page.routeWebSocket('**/socket.io/**', (ws) => ws.close());
          expect(dropLiveConnection(rig, kiosk.token)).toBe(1);
          await waitFor(page, '.banner');
          await tap(page, '.btn-back');
          await waitForScreen(page, 'services');
          await inspectScreen(page, 'offline-banner', orientation);
        } finally {
          await kiosk.close();
        }

        const down = await openPairedKiosk(browser, rig, o.id, {
          orientation,
          screen: 'unreachable',
          beforeLoad: async (p) => {
            await p.route('**/api/**', (route) => route.abort('connectionrefused'));
          },
        });
        try {
          await inspectScreen(down.page, 'unreachable', orientation);
          expect(await down.page.locator('.tile').count()).toBe(0);
        } finally {
          await down.close();
        }
      }),
      TIMEOUT_MS,
    );
  });
});
