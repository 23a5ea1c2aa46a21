/**
 * The kiosk app in real Chromium against the real server: the path to a ticket (two taps, three
 * behind a group), priority, one tap = one ticket, printing, pairing, language and display toggles.
 * Closed states, idle, outages: kiosk-states.test.ts; every screen's checks and screenshots:
 * kiosk-screens.test.ts; the bundle budget: app-bundles.test.ts.
 */
import { describe, it } from 'vitest';
import { chromiumPath } from '../helpers/browser.js';
import {
  currentScreen,
  decodeShownQr,
  DEVICE_STORAGE_KEY,
  eightServices,
  kioskSuite,
  pageText,
  shownTicket,
  tap,
  tapTile,
  waitForScreen,
  waitingCount,
  withKiosk,
} from '../helpers/kiosk-page.js';
import { testOffice } from '../helpers/office.js';

describe.skipIf(!chromiumPath)('kiosk: taking a ticket', () => {
  const suite = kioskSuite();

  // Each test has its own office and browser context: they run side by side.
  describe.concurrent('flows', () => {
    it('issues a ticket in two taps (service, "Không") and shows what the server issued', async ({
      expect,
    }) => {
      const o = await suite.office();
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        expect(await page.getAttribute('html', 'lang')).toBe('vi');
        await expect(page.locator('h1').textContent()).resolves.toBe('Mời chọn dịch vụ');
        await expect(page.locator('.office-name').textContent()).resolves.toBe('Phường Thử Nghiệm');

        await tapTile(page, 'Hộ tịch');
        await waitForScreen(page, 'priority');
        await expect(page.locator('h1').textContent()).resolves.toBe('Tôi thuộc diện ưu tiên?');
        // The five reasons, and the chosen service repeated.
        expect(await page.locator('[data-reason]').count()).toBe(5);
        await expect(page.locator('.chosen').textContent()).resolves.toBe('Hộ tịch');

        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket');
        const ticket = await shownTicket(suite.rig, page, o.id);
        expect(ticket).toMatchObject({ number: '1001', serviceId: 'civ', priority: false, channel: 'kiosk' });
        await expect(page.locator('.ticket-number').textContent()).resolves.toBe(ticket.number);
        await expect(page.locator('.ticket-service').textContent()).resolves.toBe('Hộ tịch');
        await expect(page.locator('.ticket-ahead').textContent()).resolves.toBe('Không có ai');
        await expect(page.locator('.ticket-wait').textContent()).resolves.toBe('Đang cập nhật');
        expect(await page.locator('.badge').count()).toBe(0);
        expect(await decodeShownQr(page)).toBe(`${suite.rig.url}/t/${ticket.id}`);
        expect(await waitingCount(suite.rig, o.id)).toBe(1);

        // "Xong" returns at once; the next citizen sees one person ahead.
        await tap(page, '.btn-done');
        await waitForScreen(page, 'services');
        await tapTile(page, 'Hộ tịch');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket');
        const second = await shownTicket(suite.rig, page, o.id);
        expect(second.number).toBe('1002');
        await expect(page.locator('.ticket-ahead').textContent()).resolves.toBe('1 người');
        await expect(page.locator('.ticket-ahead').getAttribute('data-ahead')).resolves.toBe('1');
      });
    });

    it('a priority answer issues a priority ticket carrying the reason (for staff)', async ({ expect }) => {
      const o = await suite.office();
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        await tapTile(page, 'Chứng thực');
        await waitForScreen(page, 'priority');
        await tap(page, '[data-reason="elderly"]');
        await waitForScreen(page, 'ticket');
        const ticket = await shownTicket(suite.rig, page, o.id);
        expect(ticket).toMatchObject({ number: '2001', priority: true, priorityReason: 'elderly' });
        await expect(page.locator('.badge').textContent()).resolves.toBe('Ưu tiên');
        // The reason is for staff: the citizen's screen does not repeat it.
        expect(await pageText(page)).not.toContain('Người cao tuổi');

        await tap(page, '.btn-done');
        await tapTile(page, 'Chứng thực');
        await tap(page, '[data-reason="child"]');
        await waitForScreen(page, 'ticket');
        expect(await shownTicket(suite.rig, page, o.id)).toMatchObject({
          priority: true,
          priorityReason: 'child',
        });
      });
    });

    it('where the office does not ask about priority: two taps, service then "Lấy số"', async ({
      expect,
    }) => {
      const o = await suite.office({ priorityAtKiosk: false });
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        await tapTile(page, 'Đất đai');
        await waitForScreen(page, 'confirm');
        expect(await pageText(page)).not.toContain('ưu tiên');
        // A mis-tap can be undone before any ticket exists.
        await tap(page, '.btn-back');
        await waitForScreen(page, 'services');
        expect(await waitingCount(suite.rig, o.id)).toBe(0);

        await tapTile(page, 'Đất đai');
        await tap(page, '.btn-take');
        await waitForScreen(page, 'ticket');
        expect(await shownTicket(suite.rig, page, o.id)).toMatchObject({ number: 'A001', priority: false });
      });
    });

    it('grouped services get a second level: group, service, answer — three taps', async ({ expect }) => {
      const base = testOffice();
      const o = await suite.office({
        serviceGroups: [{ id: 'tu-phap', name: { vi: 'Tư pháp', en: 'Justice' }, icon: 'scales' }],
        services: base.services.map((s) => (s.id === 'land' ? s : { ...s, groupId: 'tu-phap' })),
      });
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        // First level: the group tile and the ungrouped service.
        expect(await page.locator('.tile .tile-label').allTextContents()).toEqual(['Tư pháp', 'Đất đai']);
        await tapTile(page, 'Tư pháp');
        await waitForScreen(page, 'group');
        expect(await page.locator('.tile .tile-label').allTextContents()).toEqual(['Hộ tịch', 'Chứng thực']);
        await tap(page, '.btn-back');
        await waitForScreen(page, 'services');

        await tapTile(page, 'Tư pháp');
        await tapTile(page, 'Chứng thực');
        await waitForScreen(page, 'priority');
        // Back from the question returns to the group, not the first level.
        await tap(page, '.btn-back');
        await waitForScreen(page, 'group');
        await tapTile(page, 'Chứng thực');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket');
        expect(await shownTicket(suite.rig, page, o.id)).toMatchObject({ serviceId: 'cert', number: '2001' });
      });
    });

    it('one tap, one ticket: double taps on the tile and on the answer issue a single ticket', async ({
      expect,
    }) => {
      const o = await suite.office();
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        await page.locator('.tile', { hasText: 'Hộ tịch' }).dblclick();
        await waitForScreen(page, 'priority');
        await page.locator('.priority-no').dblclick();
        await waitForScreen(page, 'ticket');
        await page.waitForTimeout(500);
        expect(await waitingCount(suite.rig, o.id)).toBe(1);
        await tap(page, '.btn-done');

        // Two clicks in the same task (faster than any render): still one request.
        const issued: string[] = [];
        page.on('request', (req) => {
          if (req.method() === 'POST' && req.url().endsWith('/tickets')) issued.push(req.postData() ?? '');
        });
        await tapTile(page, 'Hộ tịch');
        await waitForScreen(page, 'priority');
        await page.locator('.priority-no').waitFor();
        await page.waitForTimeout(600); // past the ghost-tap guard
        await page.evaluate(
          `{ const b = document.querySelector('.priority-no'); b.click(); b.click(); b.click(); }`,
        );
        await waitForScreen(page, 'ticket');
        await page.waitForTimeout(500);
        expect(issued).toHaveLength(1);
        expect(await waitingCount(suite.rig, o.id)).toBe(2);
      });
    });

    it('a press shows at once, before the finger lifts', async ({ expect }) => {
      const o = await suite.office();
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        const tile = page.locator('.tile', { hasText: 'Hộ tịch' });
        // The first tile is "Hộ tịch" (civ is the office's first service).
        const style = () =>
          page.evaluate(
            `{ const s = getComputedStyle(document.querySelector('.tile')); s.transform + ' ' + s.backgroundColor }`,
          );
        const before = await style();
        const box = await tile.boundingBox();
        await page.mouse.move((box?.x ?? 0) + 50, (box?.y ?? 0) + 50);
        await page.mouse.down();
        const pressed = await style();
        expect(pressed).not.toBe(before);
        await page.mouse.up();
        await waitForScreen(page, 'priority');
      });
    });

    it('when the printer did not print, shows the ticket big with the reason, worded per printer state', async ({
      expect,
    }) => {
      const o = await suite.office();
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        let print: unknown = { status: 'not_printed', state: 'paper_end' };
        let estimate: unknown = null;
        // The server side of printing is tested elsewhere; here the issue answer carries the outcome.
        await page.route('**/api/offices/*/tickets', async (route) => {
          const res = await route.fetch();
          const body = (await res.json()) as Record<string, unknown>;
          await route.fulfill({ response: res, json: { ...body, print, estimate } });
        });
        await tapTile(page, 'Hộ tịch');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket-unprinted');
        await expect(page.locator('.printer-alert').textContent()).resolves.toBe(
          'Máy in hết giấy — vui lòng chụp màn hình hoặc quét mã QR',
        );
        const ticket = await shownTicket(suite.rig, page, o.id);
        await expect(page.locator('.ticket-number').textContent()).resolves.toBe(ticket.number);
        expect(await decodeShownQr(page)).toBe(`${suite.rig.url}/t/${ticket.id}`);
        await expect(page.locator('.countdown').textContent()).resolves.toMatch(/sau (1[5-9]|20) giây/);

        print = { status: 'failed', state: 'cover_open' };
        await tap(page, '.btn-done');
        await tapTile(page, 'Hộ tịch');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket-unprinted');
        await expect(page.locator('.printer-alert').textContent()).resolves.toBe(
          'Máy in đang mở nắp — vui lòng chụp màn hình hoặc quét mã QR',
        );

        // Paper nearly out: printed, staff alerted — the citizen sees the normal ticket. (And the
        // estimate, once the server has one, in the citizen's words.)
        print = { status: 'printed', state: 'near_end', warning: true };
        estimate = { minutes: 15, text: { vi: 'khoảng 15 phút', en: 'about 15 minutes' } };
        await tap(page, '.btn-done');
        await tapTile(page, 'Hộ tịch');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket');
        expect(await page.locator('.printer-alert').count()).toBe(0);
        await expect(page.locator('.countdown').textContent()).resolves.toMatch(/sau ([5-9]|10) giây/);
        await expect(page.locator('.ticket-wait').textContent()).resolves.toBe('khoảng 15 phút');
      });
    });

    it('in browser printer mode, prints /t/<id>/print from a hidden frame once it loaded', async ({
      expect,
    }) => {
      const o = await suite.office();
      const device = await suite.rig.device('kiosk', o.id);
      const set = await suite.rig.call(suite.rig.admin, {
        method: 'PUT',
        url: `/api/admin/devices/${device.deviceId}/printer`,
        payload: { mode: 'browser', paper: 80 },
      });
      expect(set.statusCode, set.body).toBe(200);
      await withKiosk(
        suite.open({
          device: { token: device.token, officeId: o.id },
          screen: 'services',
        }),
        async ({ page }) => {
          // Stands in for the server's 80 mm ticket page: records that the kiosk called print() on it.
          await page.route('**/t/*/print', (route) =>
            route.fulfill({
              contentType: 'text/html; charset=utf-8',
              body: '<!doctype html><title>t</title><script>window.print = () => { parent.printed = location.pathname; };</script>',
            }),
          );
          // /api/auth/me has been read: the mode is known before the first ticket.
          await tapTile(page, 'Hộ tịch');
          await tap(page, '.priority-no');
          await waitForScreen(page, 'ticket');
          const ticket = await shownTicket(suite.rig, page, o.id);
          await page.waitForFunction(`window.printed !== undefined`);
          expect(await page.evaluate('window.printed')).toBe(`/t/${ticket.id}/print`);
          const frame = page.locator('iframe.print-frame');
          await expect(frame.getAttribute('src')).resolves.toBe(`/t/${ticket.id}/print`);
          expect(await frame.isVisible()).toBe(false);
        },
      );
    });

    it('pairs once through "Thiết lập kiosk", keeps working after a reload, and asks again when revoked', async ({
      expect,
    }) => {
      const o = await suite.office();
      const password = 'supervisor-pass-1';
      const username = `sup-${o.id}`;
      const created = await suite.rig.call(suite.rig.admin, {
        method: 'POST',
        url: '/api/admin/users',
        payload: { username, password, role: 'supervisor', officeIds: [o.id] },
      });
      expect(created.statusCode, created.body).toBe(201);
      const officerName = `off-${o.id}`;
      await suite.rig.call(suite.rig.admin, {
        method: 'POST',
        url: '/api/admin/users',
        payload: { username: officerName, password, role: 'officer', officeIds: [o.id] },
      });

      await withKiosk(suite.open({ screen: 'setup' }), async ({ page, context }) => {
        await expect(page.locator('h1').textContent()).resolves.toBe('Thiết lập kiosk');
        // A wrong password, then an officer (who may not pair devices).
        await page.fill('input[name="username"]', username);
        await page.fill('input[name="password"]', 'wrong-password');
        await tap(page, 'button[type="submit"]');
        await expect(page.locator('.form-error').textContent()).resolves.toBe(
          'Sai tên đăng nhập hoặc mật khẩu.',
        );
        await page.fill('input[name="username"]', officerName);
        await page.fill('input[name="password"]', password);
        await tap(page, 'button[type="submit"]');
        await page.locator('.form-error', { hasText: 'không có quyền' }).waitFor();

        await page.fill('input[name="username"]', username);
        await page.fill('input[name="password"]', password);
        await tap(page, 'button[type="submit"]');
        await waitForScreen(page, 'setup-office');
        // The supervisor's only office is chosen already.
        await expect(page.locator(`[data-office="${o.id}"]`).getAttribute('aria-pressed')).resolves.toBe(
          'true',
        );
        await page.fill('input[name="deviceName"]', 'Kiosk sảnh A');
        await tap(page, 'button[type="submit"]');
        await waitForScreen(page, 'services');

        const stored = JSON.parse(
          (await page.evaluate(`localStorage.getItem(${JSON.stringify(DEVICE_STORAGE_KEY)})`)) as string,
        ) as { token: string; officeId: string };
        expect(stored.officeId).toBe(o.id);
        expect(stored.token).toMatch(/^luot_d_/);
        // The staff session ended: its cookie is gone.
        const cookies = await context.cookies();
        expect(cookies.filter((c) => c.name === 'luot_session' && c.value !== '')).toEqual([]);
        const devices = await suite.rig.call(suite.rig.admin, {
          method: 'GET',
          url: `/api/admin/devices?officeId=${o.id}`,
        });
        const listed = (devices.json() as { devices: { id: string; kind: string; name: string }[] }).devices;
        expect(listed).toMatchObject([{ kind: 'kiosk', name: 'Kiosk sảnh A' }]);

        // A reboot: the kiosk keeps its pairing.
        await page.reload();
        await waitForScreen(page, 'services');
        await tapTile(page, 'Hộ tịch');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket');
        await tap(page, '.btn-done');

        // Revoked: the next request is refused, the kiosk forgets its token and asks for setup.
        const revoked = await suite.rig.call(suite.rig.admin, {
          method: 'POST',
          url: `/api/admin/devices/${listed[0]?.id}/revoke`,
        });
        expect(revoked.statusCode, revoked.body).toBe(200);
        await tapTile(page, 'Hộ tịch');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'setup');
        await expect(page.locator('.notice').textContent()).resolves.toContain('đã bị thu hồi');
        expect(await page.evaluate(`localStorage.getItem(${JSON.stringify(DEVICE_STORAGE_KEY)})`)).toBeNull();
        expect(await waitingCount(suite.rig, o.id)).toBe(1);
      });
    });

    it('switches to English with the visible toggle (lang attribute, texts, names) and back', async ({
      expect,
    }) => {
      const o = await suite.office(eightServices());
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        const toggle = page.locator('.tool-lang');
        await expect(toggle.textContent()).resolves.toBe('English');
        await expect(toggle.getAttribute('lang')).resolves.toBe('en');
        await toggle.click();
        await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
        expect(await page.title()).toBe('Take a number');
        await expect(page.locator('h1').textContent()).resolves.toBe('Please choose a service');
        await expect(page.locator('.tile-label').first().textContent()).resolves.toBe(
          'Justice – Civil status',
        );
        await expect(toggle.textContent()).resolves.toBe('Tiếng Việt');
        await expect(page.locator('.tool-large').textContent()).resolves.toBe('A+ Larger text');

        await tapTile(page, 'Certification');
        await expect(page.locator('h1').textContent()).resolves.toBe('Are you a priority person?');
        await tap(page, '.priority-no');
        await waitForScreen(page, 'ticket');
        await expect(page.locator('.ticket-label').textContent()).resolves.toBe('Your number');
        await expect(page.locator('.ticket-service').textContent()).resolves.toBe('Certification');
        await expect(page.locator('.ticket-wait').textContent()).resolves.toBe('Being updated');

        // The next citizen starts in Vietnamese.
        await tap(page, '.btn-done');
        await waitForScreen(page, 'services');
        await expect.poll(() => page.getAttribute('html', 'lang')).toBe('vi');
        await expect(page.locator('h1').textContent()).resolves.toBe('Mời chọn dịch vụ');
      });
    });

    it('shows office data in NFC, with the self-hosted fonts and tabular digits', async ({ expect }) => {
      const base = testOffice();
      const nfd = (text: string) => text.normalize('NFD');
      const o = await suite.office({
        name: nfd('Phường Thử Nghiệm'),
        services: base.services.map((s) => ({ ...s, name: { vi: nfd(s.name.vi), en: s.name.en } })),
      });
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        const text = await pageText(page);
        expect(text).toContain('Phường Thử Nghiệm'.normalize('NFC'));
        expect(text.normalize('NFC')).toBe(text);
        await expect(page.locator('.tile-label').first().textContent()).resolves.toBe(
          'Hộ tịch'.normalize('NFC'),
        );

        // Each face the page uses loads (latin and vietnamese subsets) from this server.
        const faces = (await page.evaluate(`Promise.all(
        ['400 30px Inter', '700 30px Inter', '700 30px "Be Vietnam Pro"'].map((f) =>
          document.fonts.load(f, 'Lượt 1005').then((list) => list.length)),
      ).then((counts) => [...counts,
        getComputedStyle(document.body).fontFamily,
        getComputedStyle(document.querySelector('h1')).fontFamily])`)) as [
          number,
          number,
          number,
          string,
          string,
        ];
        expect(faces.slice(0, 3)).toEqual([2, 2, 2]);
        const fonts = faces;
        expect(fonts[3]).toMatch(/^"?Inter/);
        expect(fonts[4]).toMatch(/^"?Be Vietnam Pro/);
        // Loaded from this server, not a font CDN.
        const loaded = (await page.evaluate(
          `performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.woff2'))`,
        )) as string[];
        expect(loaded.length).toBeGreaterThan(0);
        for (const url of loaded) expect(url.startsWith(`${suite.rig.url}/assets/`)).toBe(true);

        // Tabular digits: "1111" is as wide as "0000" in the number style.
        const widths = (await page.evaluate(`['1111', '0000'].map((digits) => {
        const span = document.createElement('span');
        span.className = 'num ticket-number';
        span.style.position = 'absolute';
        span.textContent = digits;
        document.body.appendChild(span);
        const width = span.getBoundingClientRect().width;
        span.remove();
        return width;
      })`)) as [number, number];
        expect(widths[0]).toBeCloseTo(widths[1], 1);
      });
    });

    it('"A+ Chữ lớn" enlarges the text (fewer tiles per screen) and high contrast repaints the page', async ({
      expect,
    }) => {
      const o = await suite.office(eightServices());
      await withKiosk(suite.openPaired(o.id), async ({ page }) => {
        const fontSize = async () =>
          Number.parseFloat(
            (await page.evaluate(
              `getComputedStyle(document.querySelector('.tile-label')).fontSize`,
            )) as string,
          );
        const background = () => page.evaluate(`getComputedStyle(document.body).backgroundColor`);
        expect(await page.locator('.tile').count()).toBe(8);
        const normal = await fontSize();
        expect(normal).toBeGreaterThanOrEqual(28);

        await tap(page, '.tool-large');
        await expect(page.locator('.tool-large').getAttribute('aria-pressed')).resolves.toBe('true');
        await expect.poll(fontSize).toBeGreaterThan(normal * 1.15);
        expect(await page.locator('.tile').count()).toBe(6);
        await expect(page.locator('.page-of').textContent()).resolves.toBe('Trang 1/2');
        await tap(page, '.btn-page:last-of-type');
        expect(await page.locator('.tile-label').allTextContents()).toEqual([
          'Trả kết quả',
          'Hỗ trợ dịch vụ công trực tuyến / VNeID',
        ]);

        const before = await background();
        await tap(page, '.tool-contrast');
        await expect(page.locator('.tool-contrast').getAttribute('aria-pressed')).resolves.toBe('true');
        await expect.poll(background).toBe('rgb(0, 0, 0)');
        expect(await page.evaluate(`document.documentElement.className`)).toContain('high-contrast');

        await tap(page, '.tool-contrast');
        await tap(page, '.tool-large');
        await expect.poll(background).toBe(before);
        await expect.poll(fontSize).toBe(normal);
        expect(await currentScreen(page)).toBe('services');
      });
    });
  });
});
