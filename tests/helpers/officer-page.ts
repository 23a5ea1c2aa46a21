/**
 * The officer console (/officer/) in real Chromium: a desktop context (1366×768) per officer, the
 * session cookie set from an API login (the UI login has its own test), the counter remembered in
 * localStorage as the choice screen would, and reads of the server's own record (its events and
 * counters) to check what the console did.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { OfficeEvent } from '../../shared/domain/types.js';
import type { ApiRig } from './api.js';

export const DESKTOP = { width: 1366, height: 768 } as const;
export const COUNTER_KEY = 'luot.officer.counter';
export const SESSION_COOKIE = 'luot_session';

export interface OfficerPage {
  context: BrowserContext;
  page: Page;
  userId: string;
  token: string;
}

/** A new desktop context, with the session cookie when a token is given. */
export async function officerContext(browser: Browser, rig: ApiRig, token?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
  if (token !== undefined) await context.addCookies([{ name: SESSION_COOKIE, value: token, url: rig.url }]);
  return context;
}

/**
 * The console of `counterId` in a new browser context, signed in there through the console: as a new
 * officer of `officeId`, or as `as` (a user and one of their session tokens).
 */
export async function openConsole(
  browser: Browser,
  rig: ApiRig,
  officeId: string,
  counterId: string,
  as?: { userId: string; token: string },
): Promise<OfficerPage> {
  const officer = as ?? (await rig.user('officer', [officeId]));
  const context = await officerContext(browser, rig, officer.token);
  const choice = JSON.stringify({ officeId, counterId });
  await context.addInitScript({
    content: `localStorage.setItem(${JSON.stringify(COUNTER_KEY)}, ${JSON.stringify(choice)});`,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  await page.goto(`${rig.url}/officer/`);
  await page.locator('[data-testid=counter-status]').waitFor();
  // The live picture has arrived once the status says something other than the default.
  await page.locator('[data-testid=queue], .queue-empty').first().waitFor();
  return { context, page, userId: officer.userId, token: officer.token };
}

/** The number the console shows as current ('' when none). */
export async function currentNumber(page: Page): Promise<string> {
  // One read in the page: the element may go between two reads from here.
  return page.evaluate(
    `document.querySelector('[data-testid=current-ticket] .current-number')?.getAttribute('data-number') ?? ''`,
  );
}

/** Waits until the console's current ticket is not `previous` (a number, or '' for none). */
export async function waitForCurrentChange(page: Page, previous: string, timeoutMs = 5_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await currentNumber(page);
    // The live event may show the change before the action's own answer is in: until then the
    // console takes no new action (one in flight at a time), so wait for that too.
    if (now !== previous) {
      await page.locator('.actions button[aria-busy=true]').waitFor({ state: 'detached' });
      return now;
    }
    if (Date.now() > deadline) throw new Error(`current ticket stayed ${previous || 'empty'}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Presses the counter's "Mở quầy" and waits for the server's open counter on screen. */
export async function openCounter(page: Page): Promise<void> {
  await page.locator('button[data-action=open]').click();
  await page.locator('[data-testid=counter-status][data-status=open]').waitFor();
  await page.locator('body').focus();
}

/** Every event of the office the server recorded. */
export async function serverEvents(rig: ApiRig, officeId: string): Promise<OfficeEvent[]> {
  return (await rig.store.eventsSince(officeId, 0, 10_000)).events;
}

export async function serverCounter(rig: ApiRig, officeId: string, counterId: string) {
  const state = await rig.store.getState(officeId);
  const counter = state.counters.find((c) => c.id === counterId);
  expect(counter, counterId).toBeDefined();
  return counter!;
}

/** Issues `n` tickets of `serviceId` as a kiosk would (through the API); their numbers in order. */
export async function issue(rig: ApiRig, officeId: string, serviceId: string, n: number): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await rig.call(rig.admin, {
      method: 'POST',
      url: `/api/offices/${officeId}/tickets`,
      payload: { serviceId },
    });
    expect(res.statusCode, res.body).toBe(201);
    numbers.push((res.json() as { number: string }).number);
  }
  return numbers;
}
