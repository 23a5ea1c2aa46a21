/**
 * The kiosk when it cannot simply issue: office closed (lunch, evening), past the cut-off, a
 * holiday, a service's daily cap reached — each says so and when the office opens next, in the
 * office's zone, and issues nothing. Then time: the idle question and reset, the ticket screen's
 * countdown (Playwright's clock, not real waiting). Then outages: the server unreachable at start or
 * during a tap, and the live connection lost — the kiosk says so, retries the same request, shows
 * only a ticket the server issued, and recovers by itself.
 */
import type { Request } from 'playwright-core';
import { afterEach, describe, it } from 'vitest';
import type { OfficeConfig, Session } from '../../shared/domain/types.js';
import { chromiumPath } from '../helpers/browser.js';
import {
  dropLiveConnection,
  kioskSuite,
  pageText,
  shownTicket,
  tap,
  tapTile,
  waitFor,
  waitForScreen,
  waitingCount,
  withKiosk,
} from '../helpers/kiosk-page.js';
import { testOffice } from '../helpers/office.js';

describe.skipIf(!chromiumPath)('kiosk: closed, idle, outages', () => {
  const suite = kioskSuite();

  /** The test office with other Monday sessions: the rig's clock stays at Monday 09:00. */
  const onMonday = (mon: Session[]): Partial<OfficeConfig> => ({
    sessions: { ...testOffice().sessions, mon },
  });
  const afternoon: Session = { open: '13:30', close: '17:00', cutoff: '16:30' };

  describe.concurrent('no ticket when the office does not issue', () => {
    const cases: {
      what: string;
      office: Partial<OfficeConfig>;
      reason: string;
      title: string;
      next: string;
    }[] = [
      {
        what: 'the lunch break',
        office: onMonday([{ open: '07:30', close: '08:30', cutoff: '08:00' }, afternoon]),
        reason: 'OFFICE_CLOSED',
        title: 'Ngoài giờ làm việc',
        next: 'Thứ Hai, 30/11/2026 lúc 13:30',
      },
      {
        what: 'past the cut-off',
        office: onMonday([{ open: '07:30', close: '11:30', cutoff: '08:45' }, afternoon]),
        reason: 'PAST_CUTOFF',
        title: 'Đã hết giờ lấy số',
        next: 'Thứ Hai, 30/11/2026 lúc 13:30',
      },
      {
        what: 'a holiday',
        office: { holidays: ['2026-11-30'] },
        reason: 'HOLIDAY',
        title: 'Hôm nay là ngày nghỉ',
        next: 'Thứ Ba, 01/12/2026 lúc 07:30',
      },
    ];
    for (const c of cases) {
      it(`${c.what}: says so and when the office opens next`, async ({ expect }) => {
        const o = await suite.office(c.office);
        await withKiosk(suite.openPaired(o.id, { screen: 'closed' }), async ({ page }) => {
          await expect(page.locator('[data-reason]').getAttribute('data-reason')).resolves.toBe(c.reason);
          await expect(page.locator('h1').textContent()).resolves.toBe(c.title);
          await expect(page.locator('.next-when').textContent()).resolves.toBe(c.next);
          expect(await page.locator('.tile').count()).toBe(0);
        });
      });
    }
    it('a service whose daily cap is reached: says so, when it issues again, and marks its tile', async ({
      expect,
    }) => {
      const base = testOffice();
      const o = await suite.office({
        services: base.services.map((s) => (s.id === 'civ' ? { ...s, dailyCap: 1 } : s)),
      });
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        await tapTile(page, 'Hộ tịch');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket');
        await tap(page, '.btn-done');

        await tapTile(page, 'Hộ tịch');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'cap-reached');
        await expect(page.locator('h1').textContent()).resolves.toBe('Dịch vụ này đã hết số trong ngày');
        await expect(page.locator('.lead').textContent()).resolves.toBe('Hộ tịch');
        await expect(page.locator('.next-when').textContent()).resolves.toBe('Thứ Ba, 01/12/2026 lúc 07:30');
        expect(await page.locator('.ticket-number').count()).toBe(0);
        expect(await waitingCount(suite.rig, o.id)).toBe(1);

        await tap(page, '.btn-back');
        await waitForScreen(page, 'services');
        await expect(
          page.locator('.tile', { hasText: 'Hộ tịch' }).locator('.tile-note').textContent(),
        ).resolves.toBe('Hết số hôm nay');
        // Other services still issue.
        await tapTile(page, 'Chứng thực');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket');
      });
    });
  });

  describe.concurrent('time', () => {
    it('asks "Bạn cần thêm thời gian?" after 50 s without a touch, then starts over after 20 s more', async ({
      expect,
    }) => {
      const o = await suite.office();
      await withKiosk(suite.openPaired(o.id, { fakeClock: true }), async ({ page }) => {
        // At rest (first screen, default display) nothing is asked.
        await page.clock.fastForward(70_000);
        expect(await page.locator('.dialog').count()).toBe(0);

        await tap(page, '.tool-lang');
        await tapTile(page, 'Civil status');
        await waitForScreen(page, 'priority');
        await page.clock.fastForward(45_000);
        expect(await page.locator('.dialog').count()).toBe(0);
        await page.clock.fastForward(6_000);
        await waitFor(page, '.dialog');
        await expect(page.locator('.dialog-title').textContent()).resolves.toBe('Do you need more time?');

        // "Yes": the question closes, the choice stays, the count starts again.
        await tap(page, '.idle-more');
        await page.locator('.dialog').waitFor({ state: 'detached' });
        await waitForScreen(page, 'priority');
        await page.clock.fastForward(30_000);
        expect(await page.locator('.dialog').count()).toBe(0);
        await page.clock.fastForward(21_000);
        await waitFor(page, '.dialog');

        // Nobody answers: back to the start, in Vietnamese, no ticket.
        await page.clock.fastForward(15_000);
        expect(await page.locator('.dialog').count()).toBe(1);
        await page.clock.fastForward(6_000);
        await waitForScreen(page, 'services');
        expect(await page.locator('.dialog').count()).toBe(0);
        await expect.poll(() => page.getAttribute('html', 'lang')).toBe('vi');
        expect(await waitingCount(suite.rig, o.id)).toBe(0);

        // "Start over" resets at once.
        await tapTile(page, 'Hộ tịch');
        await waitForScreen(page, 'priority');
        await page.clock.fastForward(51_000);
        await tap(page, '.idle-reset');
        await waitForScreen(page, 'services');
      });
    });

    it('shows the ticket 10 s (20 s when not printed), then returns to the start', async ({ expect }) => {
      const o = await suite.office();
      await withKiosk(suite.openPaired(o.id, { fakeClock: true }), async ({ page }) => {
        // The print outcome the issue answer carries: the server's own (printed) until set.
        let print: unknown = undefined;
        await page.route('**/api/offices/*/tickets', async (route) => {
          const res = await route.fetch();
          const body = (await res.json()) as Record<string, unknown>;
          await route.fulfill({ response: res, json: print === undefined ? body : { ...body, print } });
        });
        await tap(page, '.tool-large');
        await tapTile(page, 'Hộ tịch');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket');
        await page.clock.fastForward(8_500);
        expect(await page.locator('[data-screen="ticket"]').count()).toBe(1);
        await page.clock.fastForward(2_000);
        await waitForScreen(page, 'services');
        // The next citizen gets the default display.
        expect(await page.evaluate('document.documentElement.className')).not.toContain('large-text');

        print = { status: 'not_printed', state: 'paper_end' };
        await tapTile(page, 'Hộ tịch');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket-unprinted');
        await page.clock.fastForward(18_500);
        expect(await page.locator('[data-screen="ticket-unprinted"]').count()).toBe(1);
        await page.clock.fastForward(2_000);
        await waitForScreen(page, 'services');
      });
    });
  });

  describe.concurrent('outages', () => {
    it('server down during a tap: "Đang kết nối lại…", the same requestId retried, the ticket once it answers', async ({
      expect,
    }) => {
      const o = await suite.office();
      await withKiosk(suite.openPaired(o.id), async ({ page, token }) => {
        let down = false;
        await page.route('**/api/**', (route) =>
          down ? route.abort('connectionrefused') : route.continue(),
        );
        await page.routeWebSocket('**/socket.io/**', (ws) => (down ? ws.close() : ws.connectToServer()));
        const attempts: string[] = [];
        page.on('request', (req: Request) => {
          if (req.method() === 'POST' && req.url().endsWith('/tickets')) {
            attempts.push((JSON.parse(req.postData() ?? '{}') as { requestId: string }).requestId);
          }
        });
        // The network goes: the live connection drops, the banner says so.
        down = true;
        expect(dropLiveConnection(suite.rig, token)).toBe(1);
        await waitFor(page, '.banner');
        await expect(page.locator('.banner').textContent()).resolves.toBe('Mất kết nối – đang kết nối lại…');

        await tapTile(page, 'Hộ tịch');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'reconnecting');
        await expect(page.locator('h1').textContent()).resolves.toBe('Đang kết nối lại…');
        expect(await pageText(page)).toContain('Chưa có số nào được cấp');
        await expect.poll(() => attempts.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
        expect(await page.locator('.ticket-number').count()).toBe(0);
        expect(await waitingCount(suite.rig, o.id)).toBe(0);

        // Back: the next retry lands, with the same requestId, and the banner goes by itself.
        down = false;
        await waitForScreen(page, 'ticket', 15_000);
        const ticket = await shownTicket(suite.rig, page, o.id);
        await expect(page.locator('.ticket-number').textContent()).resolves.toBe(ticket.number);
        expect(new Set(attempts).size).toBe(1);
        expect(await waitingCount(suite.rig, o.id)).toBe(1);
        await page.locator('.banner').waitFor({ state: 'detached', timeout: 15_000 });
      });
    });

    it('an answer lost on the way back: the retry returns the ticket the server already issued', async ({
      expect,
    }) => {
      const o = await suite.office();
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        let lose = 1;
        await page.route('**/api/offices/*/tickets', async (route) => {
          if (lose-- > 0) {
            // The server issues; the answer never reaches the kiosk.
            await route.fetch();
            await route.abort('connectionreset');
          } else {
            await route.continue();
          }
        });
        await tapTile(page, 'Hộ tịch');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket', 15_000);
        const ticket = await shownTicket(suite.rig, page, o.id);
        expect(ticket.number).toBe('1001');
        expect(await waitingCount(suite.rig, o.id)).toBe(1);
      });
    });

    it('unreachable at start: says so plainly, then shows the services once the server answers', async ({
      expect,
    }) => {
      const o = await suite.office();
      let down = true;
      const opening = suite.openPaired(o.id, {
        screen: 'unreachable',
        fakeClock: true,
        beforeLoad: async (p) => {
          await p.route('**/api/**', (route) => (down ? route.abort('connectionrefused') : route.continue()));
        },
      });
      await withKiosk(opening, async ({ page }) => {
        await expect(page.locator('h1').textContent()).resolves.toBe('Không kết nối được với máy chủ');
        expect(await page.locator('.tile').count()).toBe(0);
        down = false;
        await page.clock.fastForward(5_000);
        await waitForScreen(page, 'services', 10_000);
      });
    });

    it('reconnects the live connection by itself and refreshes the office', async ({ expect }) => {
      const o = await suite.office();
      await withKiosk(suite.openPaired(o.id), async ({ page, token }) => {
        await suite.rig.store.putOffice({ ...o, name: 'Phường Đổi Tên' });
        expect(dropLiveConnection(suite.rig, token)).toBe(1);
        await waitFor(page, '.office-name');
        await expect
          .poll(() => page.locator('.office-name').textContent(), { timeout: 10_000 })
          .toBe('Phường Đổi Tên');
        expect(await page.locator('.banner').count()).toBe(0);
      });
    });
  });
  // These move the server's clock: run alone, after the concurrent groups, and put it back.
  describe("while the server's clock moves", () => {
    afterEach(() => suite.rig.clock.set('2026-11-30T09:00'));

    it('in English, and opens by itself when the session starts', async ({ expect }) => {
      const o = await suite.office();
      suite.rig.clock.set('2026-11-30T12:00');
      await withKiosk(suite.openPaired(o.id, { screen: 'closed', fakeClock: true }), async ({ page }) => {
        await tap(page, '.tool-lang');
        await waitFor(page, 'html[lang="en"] .next-when');
        await expect(page.locator('h1').textContent()).resolves.toBe('The office is closed');
        await expect(page.locator('.next-when').textContent()).resolves.toBe('Monday, 30/11/2026 at 13:30');
        await tap(page, '.tool-lang');

        suite.rig.clock.set('2026-11-30T13:31');
        await page.clock.fastForward(61_000);
        await waitForScreen(page, 'services');
      });
    });

    it('a refusal while a citizen is choosing (the cut-off passed): closed screen, no ticket', async ({
      expect,
    }) => {
      const o = await suite.office();
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        await tapTile(page, 'Hộ tịch');
        await waitForScreen(page, 'priority');
        suite.rig.clock.set('2026-11-30T11:05');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'closed');
        await expect(page.locator('h1').textContent()).resolves.toBe('Đã hết giờ lấy số');
        await expect(page.locator('.next-when').textContent()).resolves.toBe('Thứ Hai, 30/11/2026 lúc 13:30');
        expect(await page.locator('.ticket-number').count()).toBe(0);
        expect(await waitingCount(suite.rig, o.id)).toBe(0);
      });
    });
  });
});
