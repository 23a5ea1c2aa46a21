/**
 * One browser per counter, in real Chromium against the real server: the same officer opens the
 * console of the same counter in a second browser (logged in again). The counter's sign-in takes it
 * for a reload; the console does not — it warns, with every action off, until the officer chooses to
 * work there; the first browser then stops (a blocking notice, Space calls nothing) until it takes
 * the counter back. Leaving from the warning goes back to the counter choice without signing out
 * the counter from under the other browser. Accessibility (axe) and screenshots of both screens.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICER_TEXT } from '../../shared/i18n/officer.js';
import { startApi, type ApiRig } from '../helpers/api.js';
import { chromiumPath, screenshot, seriousA11yViolations } from '../helpers/browser.js';
import { memoryEngine } from '../helpers/engines.js';
import {
  currentNumber,
  issue,
  openConsole,
  openCounter,
  serverCounter,
  serverEvents,
  waitForCurrentChange,
  type OfficerPage,
} from '../helpers/officer-page.js';
import { testOffice } from '../helpers/office.js';
import { CHROMIUM_ARGS } from '../helpers/tools.js';

const T = OFFICER_TEXT.vi;
const PASSWORD = 'password-123'; // tests/helpers/api.ts gives every user this one

const warning = (page: Page, state: 'others' | 'replaced') =>
  page.locator(`[data-testid=presence-warning][data-state=${state}]`);

describe.skipIf(!chromiumPath)('one browser per counter in the officer console', () => {
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

  /** A session of its own for `userId`: logging in again, as on another PC. */
  async function login(userId: string): Promise<string> {
    const res = await rig.call(
      { headers: {} },
      { method: 'POST', url: '/api/auth/login', payload: { username: userId, password: PASSWORD } },
    );
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { token: string }).token;
  }

  /** The action buttons that are enabled now. */
  const enabledActions = (page: Page): Promise<string[]> =>
    page.evaluate(
      `[...document.querySelectorAll('button[data-action]')].filter((b) => !b.disabled).map((b) => b.dataset.action)`,
    ) as Promise<string[]>;

  const calls = async (officeId: string) =>
    (await serverEvents(rig, officeId)).filter((e) => e.type === 'called' || e.type === 'recalled');

  it('warns the second browser, and a take-over stops the first until it takes the counter back', async () => {
    const office = testOffice();
    await rig.store.putOffice(office);
    await issue(rig, office.id, 'civ', 3);
    const officer = await rig.user('officer', [office.id]);
    const first = await openConsole(browser, rig, office.id, 'c1', officer);
    let second: OfficerPage | undefined;
    try {
      await openCounter(first.page);
      expect(await enabledActions(first.page)).toContain('callNext');
      expect(await first.page.locator('[data-testid=presence-warning]').count()).toBe(0);

      // The same officer, logged in again in another browser, opens the same counter.
      second = await openConsole(browser, rig, office.id, 'c1', {
        userId: officer.userId,
        token: await login(officer.userId),
      });
      const b = second.page;
      const a = first.page;
      await warning(b, 'others').waitFor();
      const dialog = b.getByRole('dialog', { name: T.presenceOthersTitle });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain(T.presenceOthersText);
      await dialog.getByRole('button', { name: T.presenceTakeOver }).waitFor();
      await dialog.getByRole('button', { name: T.presenceLeave }).waitFor();
      // No silent take-over: every action off, the focus on the message (not on a button Space
      // would press), Space and Escape do nothing.
      expect(await enabledActions(b)).toEqual([]);
      expect(await b.evaluate('document.activeElement?.id')).toBe('presence-others-text');
      await b.keyboard.press('Space');
      await b.keyboard.press('Escape');
      await b.waitForTimeout(300);
      expect(await warning(b, 'others').isVisible()).toBe(true);
      expect(await calls(office.id)).toEqual([]);
      // The first browser was not disturbed by the newcomer.
      expect(await a.locator('[data-testid=presence-warning]').count()).toBe(0);
      expect(await enabledActions(a)).toContain('callNext');
      expect(await seriousA11yViolations(b)).toEqual([]);
      await screenshot(b, 'officer-presence-others');

      // "Làm việc ở đây": the second works, the first stops.
      await dialog.getByRole('button', { name: T.presenceTakeOver }).click();
      await warning(b, 'others').waitFor({ state: 'detached' });
      await warning(a, 'replaced').waitFor();
      const notice = a.getByRole('dialog', { name: T.presenceReplacedTitle });
      expect(await notice.textContent()).toContain(`${T.presenceReplacedTitle}${T.presenceReplacedText}`);
      expect(await enabledActions(a)).toEqual([]);
      expect(await a.evaluate('document.activeElement?.id')).toBe('presence-replaced-text');
      expect(await seriousA11yViolations(a)).toEqual([]);
      await screenshot(a, 'officer-presence-replaced');

      // Space on the stopped page calls nothing; on the working one, exactly one call.
      await a.keyboard.press('Space');
      await a.locator('body').press('Space');
      await a.waitForTimeout(300);
      expect(await calls(office.id)).toEqual([]);
      await b.locator('[data-testid=counter-status][data-status=open]').waitFor();
      await b.locator('button[data-action=callNext]:not([disabled])').waitFor();
      await b.keyboard.press('Space');
      const called = await waitForCurrentChange(b, '');
      await a.waitForTimeout(300);
      const made = await calls(office.id);
      expect(made).toHaveLength(1);
      expect(made[0]?.ticket).toMatchObject({ number: called, counterId: 'c1' });
      // The stopped page still shows the picture (the live feed goes on), only acts no more.
      await a.locator(`[data-testid=current-ticket] .current-number[data-number="${called}"]`).waitFor();
      expect(await enabledActions(a)).toEqual([]);

      // "Làm việc lại ở đây": the first takes the counter back, the second stops.
      await notice.getByRole('button', { name: T.presenceTakeBack }).click();
      await warning(a, 'replaced').waitFor({ state: 'detached' });
      await warning(b, 'replaced').waitFor();
      expect(await enabledActions(b)).toEqual([]);
      await a.locator('button[data-action=recall]:not([disabled])').waitFor();
      await a.keyboard.press('r');
      await a.waitForTimeout(300);
      await b.keyboard.press('r');
      await b.waitForTimeout(300);
      expect((await calls(office.id)).map((e) => e.type)).toEqual(['called', 'recalled']);
    } finally {
      await Promise.all([first.context.close(), second?.context.close()]);
    }
  });

  it('leaves from the warning without signing the counter out from under the other browser', async () => {
    const office = testOffice();
    await rig.store.putOffice(office);
    await issue(rig, office.id, 'civ', 2);
    const officer = await rig.user('officer', [office.id]);
    const first = await openConsole(browser, rig, office.id, 'c1', officer);
    let second: OfficerPage | undefined;
    try {
      await openCounter(first.page);
      second = await openConsole(browser, rig, office.id, 'c1', {
        userId: officer.userId,
        token: await login(officer.userId),
      });
      await warning(second.page, 'others').waitFor();
      await second.page
        .getByRole('dialog', { name: T.presenceOthersTitle })
        .getByRole('button', { name: T.presenceLeave })
        .click();
      await second.page.getByRole('heading', { name: T.chooseTitle }).waitFor();
      // Still signed in at the counter, and the first browser goes on working it.
      expect((await serverCounter(rig, office.id, 'c1')).officerId).toBe(officer.userId);
      await first.page.keyboard.press('Space');
      const called = await waitForCurrentChange(first.page, '');
      expect(called).not.toBe('');
      expect(await first.page.locator('[data-testid=presence-warning]').count()).toBe(0);

      // A reload of the only console is no second browser: no warning.
      await second.context.close();
      second = undefined;
      await first.page.reload();
      await first.page.locator('[data-testid=current-ticket] .current-number').waitFor();
      expect(await currentNumber(first.page)).toBe(called);
      await first.page.waitForTimeout(500);
      expect(await first.page.locator('[data-testid=presence-warning]').count()).toBe(0);
      expect(await enabledActions(first.page)).toContain('recall');
    } finally {
      await Promise.all([first.context.close(), second?.context.close()]);
    }
  });
});
