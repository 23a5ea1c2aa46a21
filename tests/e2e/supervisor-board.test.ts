/**
 * The room in real Chromium: an officer's no-show put back in the queue from the console, with the
 * day's figures; the supervisor board (axe clean, screenshots) pausing a counter — the officer's
 * console and a display (a device socket and the API, as the TV reads it) showing it within a
 * second — and moving an officer, whose console follows them to the new counter.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_TEXT } from '../../shared/i18n/board.js';
import { OFFICER_TEXT } from '../../shared/i18n/officer.js';
import type { LiveEvent } from '../../shared/protocol/events.js';
import { startApi, type ApiRig } from '../helpers/api.js';
import { chromiumPath, screenshot, seriousA11yViolations } from '../helpers/browser.js';
import { memoryEngine } from '../helpers/engines.js';
import {
  issue,
  officerContext,
  openConsole,
  openCounter,
  waitForCurrentChange,
} from '../helpers/officer-page.js';
import { testOffice } from '../helpers/office.js';
import { client, request } from '../helpers/realtime.js';
import { CHROMIUM_ARGS } from '../helpers/tools.js';

const T = OFFICER_TEXT.vi;
const B = BOARD_TEXT.vi;

describe.skipIf(!chromiumPath)('the room: no-shows, today, the supervisor board', () => {
  let browser: Browser;
  let rig: ApiRig;

  beforeAll(async () => {
    [browser, rig] = await Promise.all([
      chromium.launch({ executablePath: chromiumPath as string, args: CHROMIUM_ARGS }),
      startApi(memoryEngine, [], { listen: true }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await rig?.close();
  });

  async function newOffice() {
    const office = testOffice();
    await rig.store.putOffice(office);
    return office;
  }

  /** A supervisor of the office on the board (where supervisors land after signing in). */
  async function openBoard(officeId: string): Promise<Page> {
    const boss = await rig.user('supervisor', [officeId]);
    const context = await officerContext(browser, rig, boss.token);
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`${rig.url}/officer/`);
    await page.locator('[data-testid=board-counters]').waitFor();
    return page;
  }

  const row = (page: Page, counterId: string) =>
    page.locator(`[data-testid=board-counters] tr[data-counter=${counterId}]`);

  it('puts a no-show back in the queue from the console, and counts the day', async () => {
    const office = await newOffice();
    const numbers = await issue(rig, office.id, 'civ', 2);
    const officer = await openConsole(browser, rig, office.id, 'c1');
    const { page } = officer;
    try {
      await openCounter(page);
      await page.keyboard.press('Space');
      expect(await waitForCurrentChange(page, '')).toBe(numbers[0]);
      await page.keyboard.press('n');
      await page.locator(`[data-testid=no-shows] tr[data-number="${numbers[0]}"]`).waitFor();
      await page.locator('[data-testid=today-no-shows]', { hasText: '1' }).waitFor();
      // The waiting list no longer has it; the no-show list does.
      expect(await page.locator(`[data-testid=queue] tr[data-number="${numbers[0]}"]`).count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'officer-no-show-list');

      await page.getByRole('button', { name: B.requeueOf(numbers[0]!) }).click();
      await page.locator(`[data-testid=queue] tr[data-number="${numbers[0]}"]`).waitFor();
      await page.locator('[data-testid=no-shows]').waitFor({ state: 'detached' });
      await page.locator('[data-testid=today-no-shows]', { hasText: '0' }).waitFor();
      const ticket = (await rig.store.getState(office.id)).waiting.civ;
      expect(ticket).toBe(2);

      // Served by its original place: the requeued ticket comes first again; completing it counts.
      await page.locator('body').focus();
      await page.keyboard.press('Space');
      expect(await waitForCurrentChange(page, '')).toBe(numbers[0]);
      await page.keyboard.press('c');
      await page.locator('#complete').waitFor();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=today-served]', { hasText: '1' }).waitFor();
    } finally {
      await officer.context.close();
    }
  });

  it('pauses a counter from the board: the officer’s console and the display show it within a second', async () => {
    const office = await newOffice();
    await issue(rig, office.id, 'civ', 3);
    await issue(rig, office.id, 'cert', 1);
    const officer = await openConsole(browser, rig, office.id, 'c1');
    const second = await openConsole(browser, rig, office.id, 'c2');
    const display = await rig.device('display', office.id);
    const tv = await client(rig.url, { token: display.token, websocketOnly: true });
    let board: Page | undefined;
    try {
      await openCounter(officer.page);
      await openCounter(second.page);
      await second.page.keyboard.press('Space');
      await waitForCurrentChange(second.page, '');
      // Half an hour on: civ and cert tickets wait beyond 30 min, counter 1 stands idle while they do, and
      // counter 2 holds its ticket beyond twice the service's 8 minutes.
      rig.clock.advance(35 * 60_000);
      board = await openBoard(office.id);
      await board.locator('[data-testid=alerts] li[data-kind]').nth(3).waitFor();
      expect(
        await board
          .locator('[data-testid=alerts] li[data-kind]')
          .evaluateAll((li) => li.map((e) => e.getAttribute('data-kind'))),
      ).toEqual(['long-wait', 'long-wait', 'idle-counter', 'long-service']);
      expect((await request(tv, 'office:subscribe', { officeId: office.id })).ok).toBe(true);
      const tvEvents: LiveEvent[] = [];
      tv.on('counter:updated', (e) => tvEvents.push(e));

      await row(board, 'c1').and(board.locator('[data-status=open]')).waitFor();
      await row(board, 'c2').getByText(T.statusOpen).waitFor();
      expect(await seriousA11yViolations(board)).toEqual([]);
      await screenshot(board, 'supervisor-board');

      await board.getByRole('button', { name: B.pauseCounter(1) }).click();
      await board.locator('#pause').waitFor();
      expect(await seriousA11yViolations(board)).toEqual([]);
      await board.getByLabel(T.pauseReasons.meeting).check();
      await board.locator('#pause').getByRole('button', { name: T.pause }).click();
      const clicked = Date.now();

      // The officer's console, from its live feed.
      await officer.page
        .locator('[data-testid=counter-status][data-status=paused]')
        .waitFor({ timeout: 1_000 });
      // The display's socket, and the snapshot a display reads after a reconnect.
      await expect
        .poll(() => tvEvents.some((e) => e.counter?.id === 'c1' && e.counter.status === 'paused'), {
          timeout: Math.max(1, 1_000 - (Date.now() - clicked)),
          interval: 20,
        })
        .toBe(true);
      const snapshot = await rig.call(display, { method: 'GET', url: `/api/offices/${office.id}/snapshot` });
      expect(snapshot.json().counters.find((c: { id: string }) => c.id === 'c1')).toMatchObject({
        status: 'paused',
        pauseReason: 'Họp',
      });
      expect(await officer.page.locator('[data-testid=counter-status]').textContent()).toContain('Họp');
      await row(board, 'c1').and(board.locator('[data-status=paused]')).waitFor();

      // A ticket the second counter holds, transferred by the supervisor to counter 3 only.
      const held = await second.page
        .locator('[data-testid=current-ticket] .current-number')
        .getAttribute('data-number');
      await board.getByRole('button', { name: B.transferHeldOf(held ?? '') }).click();
      await board.locator('#transfer').waitFor();
      await board.locator('#transfer-kind-counter').check();
      await board.locator('#transfer-counter').selectOption('c3');
      await board.locator('#transfer').getByRole('button', { name: T.transfer }).click();
      await second.page
        .locator('[data-testid=current-ticket] .current-number')
        .waitFor({ state: 'detached' });
      const c3 = await rig.call(rig.admin, {
        method: 'GET',
        url: `/api/offices/${office.id}/counters/c3/queue`,
      });
      // At the back (the dialog's default): after the civ tickets issued before the transfer.
      expect(c3.json().tickets.find((t: { number: string }) => t.number === held)).toMatchObject({
        targetCounterId: 'c3',
      });
    } finally {
      tv.disconnect();
      await Promise.all([officer.context.close(), second.context.close(), board?.context().close()]);
    }
  });

  it('moves an officer to another counter: their console follows', async () => {
    const office = await newOffice();
    const officer = await openConsole(browser, rig, office.id, 'c1');
    const board = await openBoard(office.id);
    try {
      await row(board, 'c1')
        .getByText(/u\d+-officer/)
        .waitFor();
      await board.getByRole('button', { name: new RegExp(B.moveOfficer) }).click();
      await board.locator('#move-officer').waitFor();
      expect(await seriousA11yViolations(board)).toEqual([]);
      await board.locator('#move-to').selectOption('c3');
      await board.locator('#move-officer').getByRole('button', { name: B.moveConfirm }).click();
      await row(board, 'c3')
        .getByText(/u\d+-officer/)
        .waitFor();

      await officer.page.getByRole('heading', { name: /Quầy 3/ }).waitFor();
      await officer.page.locator('[data-testid=app-notice]', { hasText: B.movedHere(3) }).waitFor();
      const state = await rig.store.getState(office.id);
      expect(state.counters.find((c) => c.id === 'c3')?.officerId).toBe(officer.userId);
      expect(state.counters.find((c) => c.id === 'c1')?.officerId).toBeUndefined();
    } finally {
      await Promise.all([officer.context.close(), board.context().close()]);
    }
  });

  it('cancels and transfers waiting tickets from a counter’s queue, asking before a cancel', async () => {
    const office = await newOffice();
    const [first, second] = await issue(rig, office.id, 'civ', 2);
    const board = await openBoard(office.id);
    try {
      await board.getByRole('button', { name: B.showQueueOf(1) }).click();
      const panel = board.locator('#counter-queue');
      await panel.locator(`tr[data-number="${second}"]`).waitFor();
      expect(await seriousA11yViolations(board)).toEqual([]);
      await screenshot(board, 'supervisor-counter-queue');

      await panel.getByRole('button', { name: B.cancelTicketOf(first!) }).click();
      await board.locator('#cancel-waiting').waitFor();
      expect(await seriousA11yViolations(board)).toEqual([]);
      // Not yet: the confirmation comes first.
      expect((await rig.store.getState(office.id)).waiting.civ).toBe(2);
      await board.locator('#cancel-waiting').getByRole('button', { name: B.cancelTicket }).click();
      await panel.locator(`tr[data-number="${first}"]`).waitFor({ state: 'detached' });

      await panel.getByRole('button', { name: B.transferHeldOf(second!) }).click();
      await board.locator('#transfer').waitFor();
      await board.locator('#transfer-service').selectOption('cert');
      await board.locator('#transfer').getByRole('button', { name: T.transfer }).click();
      await panel.locator(`tr[data-number="${second}"]`).waitFor({ state: 'detached' });
      const state = await rig.store.getState(office.id);
      expect(state.waiting).toMatchObject({ civ: 0, cert: 1 });
      const events = (await rig.store.eventsSince(office.id, 0)).events.map((e) => e.type);
      expect(events.filter((t) => t === 'cancelled')).toHaveLength(1);
      expect(events.filter((t) => t === 'transferred')).toHaveLength(1);
    } finally {
      await board.context().close();
    }
  });

  it('shows how accurate the estimated waits were, per service, today and over 30 days', async () => {
    const office = await newOffice();
    // The office's tally starts with its first read; then a ticket told 15 min (10–20) waits 22.
    const boss = await rig.user('supervisor', [office.id]);
    const url = `/api/offices/${office.id}/estimates/accuracy`;
    expect((await rig.call(boss, { method: 'GET', url })).statusCode).toBe(200);
    const prediction = { minutes: 15, low: 10, high: 20, version: 'replay-1' };
    await rig.store.execute(office.id, { type: 'openCounter', counterId: 'c1' });
    await rig.store.execute(office.id, { type: 'issue', serviceId: 'civ', channel: 'kiosk', prediction });
    rig.clock.advance(22 * 60_000);
    await rig.store.execute(office.id, { type: 'callNext', counterId: 'c1' });
    const board = await openBoard(office.id);
    try {
      const civ = board.locator('[data-testid=accuracy-today] tr[data-service=civ]');
      await civ.waitFor();
      expect(await civ.locator('td').allInnerTexts()).toEqual(['1', '7,0 phút', '0%', '0%', '0%']);
      await board
        .locator('[data-testid=accuracy-last30] tr[data-service=all]', { hasText: '7,0 phút' })
        .waitFor();
      expect(await seriousA11yViolations(board)).toEqual([]);
      // The panel is below the fold: the artifact is the panel itself.
      const path = await screenshot(board, 'supervisor-accuracy');
      await board.locator('[data-testid=accuracy]').screenshot({ path });
    } finally {
      await board.context().close();
    }
  });
});
