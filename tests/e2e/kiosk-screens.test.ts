/**
 * Every kiosk screen, at 1920×1080 (landscape kiosk) and 1080×1920 (portrait totem): touch targets
 * ≥ 80 px, controls in the lower part of the totem, no serious or critical axe violation, text in
 * NFC, and a screenshot in test-artifacts/screenshots/kiosk-<screen>-<orientation>.png for review.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../helpers/api.js';
import { chromiumPath } from '../helpers/browser.js';
import {
  dropLiveConnection,
  eightServices,
  inspectScreen,
  kioskSuite,
  tap,
  tapTile,
  waitFor,
  waitForScreen,
  withKiosk,
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
  const suite = kioskSuite();

  /** Runs `flow` at both orientations side by side, in two pages: same screens, different layouts. */
  const both = (flow: (orientation: Orientation) => Promise<void>) => async () => {
    await Promise.all((['landscape', 'portrait'] as Orientation[]).map(flow));
  };

  describe.concurrent('at 1920×1080 (landscape) and 1080×1920 (portrait)', () => {
    it(
      'setup: sign in, then office and name',
      both(async (orientation) => {
        const o = await suite.office();
        await withKiosk(suite.open({ orientation, screen: 'setup' }), async ({ page }) => {
          await inspectScreen(page, 'setup', orientation);
          await page.fill('input[name="username"]', 'admin');
          await page.fill('input[name="password"]', ADMIN_PASSWORD);
          await tap(page, 'button[type="submit"]');
          await waitForScreen(page, 'setup-office');
          await tap(page, `[data-office="${o.id}"]`);
          await inspectScreen(page, 'setup-office', orientation);
        });
      }),
      TIMEOUT_MS,
    );

    it(
      'services, larger text, high contrast',
      both(async (orientation) => {
        const o = await suite.office(eightServices());
        await withKiosk(suite.openPaired(o.id, { orientation }), async ({ page }) => {
          await inspectScreen(page, 'services', orientation);
          await tap(page, '.tool-large');
          await waitFor(page, 'html.large-text .tile');
          await inspectScreen(page, 'services-large', orientation);
          await tap(page, '.tool-large');
          await tap(page, '.tool-contrast');
          await waitFor(page, 'html.high-contrast:not(.large-text) .tile');
          await inspectScreen(page, 'services-contrast', orientation);
        });
      }),
      TIMEOUT_MS,
    );

    it(
      'the priority question, idle, issuing, the ticket',
      both(async (orientation) => {
        const o = await suite.office(eightServices());
        await withKiosk(suite.openPaired(o.id, { orientation, fakeClock: true }), async ({ page }) => {
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
        });
      }),
      TIMEOUT_MS,
    );

    it(
      'a group of services, and the confirmation where priority is not asked',
      both(async (orientation) => {
        const base = testOffice();
        const o = await suite.office({
          priorityAtKiosk: false,
          serviceGroups: [{ id: 'tu-phap', name: { vi: 'Tư pháp', en: 'Justice' }, icon: 'scales' }],
          services: base.services.map((s) =>
            s.id === 'land' ? { ...s, icon: 'land' } : { ...s, groupId: 'tu-phap', icon: 'family' },
          ),
        });
        await withKiosk(suite.openPaired(o.id, { orientation }), async ({ page }) => {
          await tapTile(page, 'Tư pháp');
          await waitForScreen(page, 'group');
          await inspectScreen(page, 'group', orientation);
          await tapTile(page, 'Chứng thực');
          await waitForScreen(page, 'confirm');
          await inspectScreen(page, 'confirm', orientation);
        });
      }),
      TIMEOUT_MS,
    );

    it(
      'the ticket when the printer did not print',
      both(async (orientation) => {
        const o = await suite.office();
        await withKiosk(suite.openPaired(o.id, { orientation }), async ({ page }) => {
          await page.route('**/api/offices/*/tickets', async (route) => {
            const res = await route.fetch();
            const body = (await res.json()) as Record<string, unknown>;
            await route.fulfill({
              response: res,
              json: { ...body, print: { status: 'not_printed', state: 'paper_end' } },
            });
          });
          await tapTile(page, 'Hộ tịch');
          await tap(page, '.priority-no');
          await waitForScreen(page, 'ticket-unprinted');
          await inspectScreen(page, 'ticket-unprinted', orientation);
        });
      }),
      TIMEOUT_MS,
    );

    it(
      'closed, and a service whose daily cap is reached',
      both(async (orientation) => {
        // Open only in the afternoon: at the rig's Monday 09:00 it is closed until 13:30.
        const o = await suite.office({
          sessions: { ...testOffice().sessions, mon: [{ open: '13:30', close: '17:00', cutoff: '16:30' }] },
        });
        await withKiosk(suite.openPaired(o.id, { orientation, screen: 'closed' }), ({ page }) =>
          inspectScreen(page, 'closed', orientation),
        );

        const base = testOffice();
        const capped = await suite.office({
          services: base.services.map((s) => (s.id === 'civ' ? { ...s, dailyCap: 1 } : s)),
        });
        await withKiosk(suite.openPaired(capped.id, { orientation }), async ({ page }) => {
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
        });
      }),
      TIMEOUT_MS,
    );

    it(
      'outages: reconnecting, could not issue, refused, unreachable at start, connection banner',
      both(async (orientation) => {
        const o = await suite.office();
        await withKiosk(suite.openPaired(o.id, { orientation, fakeClock: true }), async ({ page, token }) => {
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
          expect(dropLiveConnection(suite.rig, token)).toBe(1);
          await waitFor(page, '.banner');
          await tap(page, '.btn-back');
          await waitForScreen(page, 'services');
          await inspectScreen(page, 'offline-banner', orientation);
        });

        const down = suite.openPaired(o.id, {
          orientation,
          screen: 'unreachable',
          beforeLoad: async (p) => {
            await p.route('**/api/**', (route) => route.abort('connectionrefused'));
          },
        });
        await withKiosk(down, async ({ page }) => {
          await inspectScreen(page, 'unreachable', orientation);
          expect(await page.locator('.tile').count()).toBe(0);
        });
      }),
      TIMEOUT_MS,
    );
  });
});
