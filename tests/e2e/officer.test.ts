/**
 * The officer console (/officer/) in real Chromium against the real server: logging in through the
 * page and a refused counter; two officers calling by keyboard never get the same ticket; a transfer
 * reaching the other counter's waiting list; one call per press however fast the presses or however
 * lossy the network; every action reaching the server's record; issuing on behalf of a citizen;
 * completing with one of the service's configured outcomes, chosen by keyboard; accessibility (axe)
 * and screenshots of each screen. The bundle budget: app-bundles.test.ts.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startApi, type ApiRig } from '../helpers/api.js';
import { chromiumPath, screenshot, seriousA11yViolations } from '../helpers/browser.js';
import { memoryEngine } from '../helpers/engines.js';
import {
  currentNumber,
  issue,
  officerContext,
  openConsole,
  openCounter,
  serverCounter,
  serverEvents,
  waitForCurrentChange,
} from '../helpers/officer-page.js';
import { testOffice } from '../helpers/office.js';
import { CHROMIUM_ARGS } from '../helpers/tools.js';
import { OFFICER_TEXT } from '../../shared/i18n/officer.js';

const T = OFFICER_TEXT.vi;

describe.skipIf(!chromiumPath)('the officer console', () => {
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

  it('logs in through the page, says why a taken counter is refused, and opens the console (axe clean)', async () => {
    const office = await newOffice();
    const other = await rig.user('officer', [office.id]);
    const signIn = await rig.call(other, {
      method: 'POST',
      url: `/api/offices/${office.id}/counters/c1/sign-in`,
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const me = await rig.user('officer', [office.id]);
    const context = await officerContext(browser, rig);
    try {
      const page = await context.newPage();
      await page.goto(`${rig.url}/officer/`);
      await page.getByLabel(T.username).waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe('vi');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'officer-login');

      await page.getByLabel(T.username).fill(me.userId);
      await page.getByLabel(T.password).fill('wrong-password');
      await page.getByRole('button', { name: T.logIn }).click();
      await page.locator('[role=alert][data-code=INVALID_CREDENTIALS]').waitFor();

      await page.getByLabel(T.password).fill('password-123');
      await page.getByRole('button', { name: T.logIn }).click();
      await page.getByRole('heading', { name: T.chooseTitle }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'officer-choose-counter');

      // Counter 1 is taken: said in Vietnamese, with the code.
      await page.getByLabel(/Quầy 1 — /).check();
      await page.getByRole('button', { name: T.signIn }).click();
      const refusal = page.locator('[role=alert][data-code=COUNTER_TAKEN]');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain(T.errors.COUNTER_TAKEN);
      expect(await refusal.textContent()).toContain('COUNTER_TAKEN');
      await screenshot(page, 'officer-counter-taken');

      await page.getByLabel(/Quầy 2 — /).check();
      await page.getByRole('button', { name: T.signIn }).click();
      await page.locator('[data-testid=counter-status]').waitFor();
      expect((await serverCounter(rig, office.id, 'c2')).officerId).toBe(me.userId);
      await issue(rig, office.id, 'civ', 3);
      await issue(rig, office.id, 'cert', 1);
      await openCounter(page);
      await page.keyboard.press('Space');
      await waitForCurrentChange(page, '');
      await page.locator('[data-testid=queue] tbody tr').nth(2).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'officer-console');

      // The English toggle, and back; the choice is remembered after a reload (signed in already).
      await page.getByRole('button', { name: OFFICER_TEXT.vi.otherLanguageLabel }).click();
      await page.getByRole('button', { name: OFFICER_TEXT.en.callNext }).waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe('en');
      await screenshot(page, 'officer-console-en');
      await page.getByRole('button', { name: OFFICER_TEXT.en.otherLanguageLabel }).click();
      await page.reload();
      await page.locator('[data-testid=current-ticket] .current-number').waitFor();
      expect(await currentNumber(page)).toBe('1001');
      // After the reload the ticket's details come from the staff view of the ticket.
      await page.locator('[data-testid=current-ticket]').getByText('Đã chờ', { exact: false }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('gives two officers calling by keyboard at overlapping counters different tickets', async () => {
    const office = await newOffice();
    await issue(rig, office.id, 'civ', 10);
    // c1 serves civ; c2 serves civ and cert: they overlap on civ.
    const [a, b] = await Promise.all([
      openConsole(browser, rig, office.id, 'c1'),
      openConsole(browser, rig, office.id, 'c2'),
    ]);
    try {
      await Promise.all([openCounter(a.page), openCounter(b.page)]);
      const seen: Record<string, string[]> = { a: [], b: [] };
      const work = async (name: 'a' | 'b', page: typeof a.page) => {
        for (;;) {
          const before = await currentNumber(page);
          await page.keyboard.press('Space');
          const deadline = Date.now() + 3_000;
          let now = before;
          while (now === before && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 25));
            now = await currentNumber(page);
            if ((await page.locator('.notice', { hasText: T.nothingHappened }).count()) > 0) return;
          }
          if (now === '' || now === before) return;
          seen[name]!.push(now);
          await page.keyboard.press('c');
          await page.locator('#complete-outcome').waitFor();
          await page.keyboard.press('Enter');
          await waitForCurrentChange(page, now);
        }
      };
      await Promise.all([work('a', a.page), work('b', b.page)]);
      const all = [...seen.a!, ...seen.b!];
      expect(all).toHaveLength(10);
      expect(new Set(all).size).toBe(10);
      expect(seen.a!.length).toBeGreaterThan(0);
      expect(seen.b!.length).toBeGreaterThan(0);
      // The server's record: each ticket called once, by one counter.
      const calls = (await serverEvents(rig, office.id)).filter((e) => e.type === 'called');
      expect(calls).toHaveLength(10);
      expect(new Set(calls.map((e) => e.ticket?.id)).size).toBe(10);
      for (const e of calls) {
        const by = e.ticket?.counterId === 'c1' ? seen.a : seen.b;
        expect(by).toContain(e.ticket?.number);
      }
    } finally {
      await Promise.all([a.context.close(), b.context.close()]);
    }
  });

  it('shows a ticket transferred to another service on the waiting list of a counter serving it', async () => {
    const office = await newOffice();
    await issue(rig, office.id, 'civ', 1);
    const [from, to] = await Promise.all([
      openConsole(browser, rig, office.id, 'c1'),
      openConsole(browser, rig, office.id, 'c4'),
    ]);
    try {
      await openCounter(from.page);
      await from.page.keyboard.press('Space');
      const number = await waitForCurrentChange(from.page, '');
      expect(await to.page.locator(`[data-testid=queue] tr[data-number="${number}"]`).count()).toBe(0);
      await from.page.keyboard.press('t');
      await from.page.locator('#transfer-service').selectOption('cert');
      await from.page.getByLabel(T.positionFront).check();
      await from.page.locator('#transfer').getByRole('button', { name: T.transfer }).click();
      await waitForCurrentChange(from.page, number);
      await to.page.locator(`[data-testid=queue] tr[data-number="${number}"]`).waitFor({ timeout: 5_000 });
      const transferred = (await serverEvents(rig, office.id)).find((e) => e.type === 'transferred');
      expect(transferred?.ticket?.serviceId).toBe('cert');
    } finally {
      await Promise.all([from.context.close(), to.context.close()]);
    }
  });

  it('calls once for a double press, and once when the first answer is lost and the call retried', async () => {
    const office = await newOffice();
    await issue(rig, office.id, 'civ', 4);
    const o = await openConsole(browser, rig, office.id, 'c1');
    try {
      const { page } = o;
      await openCounter(page);
      await page.keyboard.press('Space');
      await page.keyboard.press('Space');
      const first = await waitForCurrentChange(page, '');
      await new Promise((r) => setTimeout(r, 500));
      let calls = (await serverEvents(rig, office.id)).filter((e) => e.type === 'called');
      expect(calls).toHaveLength(1);
      expect(await page.locator('[role=alert]').count()).toBe(0);
      await page.keyboard.press('c');
      await page.locator('#complete-outcome').waitFor();
      await page.keyboard.press('Enter');
      await waitForCurrentChange(page, first);

      // The flaky network: the first call-next reaches the server, its answer is lost.
      const requestIds: string[] = [];
      let dropped = false;
      await page.route('**/counters/c1/call-next', async (route) => {
        requestIds.push((route.request().postDataJSON() as { requestId: string }).requestId);
        if (!dropped) {
          dropped = true;
          await route.fetch();
          await route.abort('connectionreset');
        } else await route.continue();
      });
      await page.keyboard.press('Space');
      const second = await waitForCurrentChange(page, '');
      expect(second).not.toBe(first);
      // The console retries until it has its answer (the first one, from the server's record).
      await page.locator('button[data-action=recall]:not([disabled])').waitFor();
      expect(requestIds.length).toBeGreaterThanOrEqual(2);
      expect(new Set(requestIds).size).toBe(1);
      calls = (await serverEvents(rig, office.id)).filter((e) => e.type === 'called');
      expect(calls).toHaveLength(2);
      expect(calls.filter((e) => e.requestId === requestIds[0])).toHaveLength(1);
      expect(await page.locator('[role=alert]').count()).toBe(0);
    } finally {
      await o.context.close();
    }
  });

  it('records recall, start, complete with outcome, no-show and pause with a reason on the server', async () => {
    const office = await newOffice();
    await issue(rig, office.id, 'civ', 2);
    const o = await openConsole(browser, rig, office.id, 'c1');
    try {
      const { page } = o;
      await openCounter(page);
      await page.keyboard.press('Space');
      const first = await waitForCurrentChange(page, '');
      await page.keyboard.press('r');
      await page.locator('.recalls', { hasText: T.recalls(1) }).waitFor();
      await page.keyboard.press('s');
      await page.locator('[data-testid=current-ticket] .status-serving').waitFor();
      let counter = await serverCounter(rig, office.id, 'c1');
      let ticket = await rig.store.getTicket(office.id, counter.currentTicketId!);
      expect(ticket).toMatchObject({ number: first, status: 'serving', recalls: 1 });

      await page.getByRole('button', { name: new RegExp(`^${T.complete}`) }).click();
      await page.getByLabel(T.outcome).fill('Đã tiếp nhận hồ sơ');
      await page.locator('#complete').getByRole('button', { name: T.complete }).click();
      await waitForCurrentChange(page, first);
      ticket = await rig.store.getTicket(office.id, ticket!.id);
      expect(ticket).toMatchObject({ status: 'done', outcome: 'Đã tiếp nhận hồ sơ' });

      await page.keyboard.press('Space');
      const second = await waitForCurrentChange(page, '');
      await page.keyboard.press('n');
      await waitForCurrentChange(page, second);
      const noShow = (await serverEvents(rig, office.id)).find((e) => e.type === 'no-show');
      expect(noShow?.ticket?.number).toBe(second);

      // Shortcuts are off while typing in a dialog: "n" in the reason field is only a letter.
      await page.keyboard.press('p');
      await page.getByLabel(T.pauseReasons.other).check();
      await page.getByLabel(T.otherReason).fill('Đi nộp hồ sơ');
      await page.getByLabel(T.pauseReasons.lunch).check();
      await page.locator('#pause').getByRole('button', { name: T.pause }).click();
      await page.locator('[data-testid=counter-status][data-status=paused]').waitFor();
      counter = await serverCounter(rig, office.id, 'c1');
      expect(counter).toMatchObject({ status: 'paused', pauseReason: 'Nghỉ trưa' });
      expect((await serverEvents(rig, office.id)).filter((e) => e.type === 'called')).toHaveLength(2);
      await screenshot(page, 'officer-paused');

      await page.keyboard.press('o');
      await page.locator('[data-testid=counter-status][data-status=open]').waitFor();
      await page.getByRole('button', { name: T.close }).click();
      await page.locator('[data-testid=counter-status][data-status=closed]').waitFor();
      expect((await serverCounter(rig, office.id, 'c1')).status).toBe('closed');
    } finally {
      await o.context.close();
    }
  });

  it('calls a chosen waiting ticket, and issues a ticket on behalf of a citizen', async () => {
    const office = await newOffice();
    const numbers = await issue(rig, office.id, 'civ', 3);
    const o = await openConsole(browser, rig, office.id, 'c2');
    try {
      const { page } = o;
      await openCounter(page);
      await page.getByRole('button', { name: T.callChosen(numbers[2]!) }).click();
      expect(await waitForCurrentChange(page, '')).toBe(numbers[2]);

      await page.keyboard.press('i');
      await page.getByLabel(T.service, { exact: true }).selectOption('cert');
      await page.getByLabel(T.priorityPerson).check();
      await page.getByLabel(T.priorityReason).fill('Người cao tuổi');
      await page.locator('#issue').getByRole('button', { name: T.issueDo, exact: true }).click();
      const issued = page.locator('.issued');
      await issued.waitFor();
      const number = (await issued.getAttribute('data-number')) ?? '';
      expect(number).toBe('2001');
      expect(await issued.textContent()).toContain(T.issued('2001', 'Chứng thực'));
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'officer-issue');
      await page.keyboard.press('Escape');
      const row = page.locator('[data-testid=queue] tr[data-number="2001"]');
      await row.waitFor();
      expect(await row.textContent()).toContain(T.priorityMark);
      const issuedEvent = (await serverEvents(rig, office.id)).find(
        (e) => e.type === 'issued' && e.ticket?.number === '2001',
      );
      expect(issuedEvent?.ticket).toMatchObject({
        channel: 'officer',
        priority: true,
        priorityReason: 'Người cao tuổi',
      });
    } finally {
      await o.context.close();
    }
  });

  it('says the connection is lost and catches up once it is back', async () => {
    const office = await newOffice();
    const o = await openConsole(browser, rig, office.id, 'c1');
    try {
      const { page } = o;
      await page.context().setOffline(true);
      await page
        .locator('[data-testid=connection]', { hasText: T.disconnected })
        .waitFor({ timeout: 15_000 });
      await screenshot(page, 'officer-disconnected');
      await issue(rig, office.id, 'civ', 1);
      await page.context().setOffline(false);
      await page
        .locator('[data-testid=connection].banner-hidden')
        .waitFor({ state: 'attached', timeout: 15_000 });
      await page.locator('[data-testid=queue] tr[data-number="1001"]').waitFor({ timeout: 5_000 });
    } finally {
      await o.context.close();
    }
  });

  it('completes with an outcome of the service’s list, chosen by keyboard, or another one typed', async () => {
    const outcomes = ['Đã tiếp nhận hồ sơ', 'Hẹn bổ sung giấy tờ', 'Đã trả kết quả'];
    const office = testOffice();
    office.services = office.services.map((s) => (s.id === 'civ' ? { ...s, outcomes } : s));
    await rig.store.putOffice(office);
    await issue(rig, office.id, 'civ', 2);
    const o = await openConsole(browser, rig, office.id, 'c1');
    const outcomeOf = async (ticketId: string) => {
      const res = await rig.call(bearer(o.token), {
        method: 'GET',
        url: `/api/offices/${office.id}/tickets/${ticketId}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { status: string; outcome?: string };
    };
    try {
      const { page } = o;
      await openCounter(page);
      await page.keyboard.press('Space');
      const first = await waitForCurrentChange(page, '');
      const firstId = (await serverCounter(rig, office.id, 'c1')).currentTicketId!;

      await page.keyboard.press('c');
      const group = page.locator('#complete').getByRole('group', { name: T.outcome });
      await group.waitFor();
      // One radio button per outcome and "Khác"; none chosen, the first focused, no free text yet.
      expect(await group.getByRole('radio').count()).toBe(outcomes.length + 1);
      expect(await page.evaluate('document.activeElement?.id')).toBe('complete-choice-0');
      expect(await group.locator('input:checked').count()).toBe(0);
      expect(await page.locator('#complete-outcome').count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.keyboard.press('ArrowDown'); // chooses the first
      await page.keyboard.press('ArrowDown'); // the second
      expect(await page.getByLabel(outcomes[1]!).isChecked()).toBe(true);
      await screenshot(page, 'officer-complete-outcomes');
      await page.keyboard.press('Enter');
      await waitForCurrentChange(page, first);
      expect(await outcomeOf(firstId)).toMatchObject({ status: 'done', outcome: outcomes[1] });

      // "Khác": up from nothing chosen wraps round to it; its free text follows, Enter confirms.
      await page.keyboard.press('Space');
      const second = await waitForCurrentChange(page, '');
      const secondId = (await serverCounter(rig, office.id, 'c1')).currentTicketId!;
      await page.keyboard.press('c');
      await group.waitFor();
      await page.keyboard.press('ArrowUp');
      expect(await page.getByLabel(T.outcomeOther, { exact: true }).isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.id')).toBe('complete-outcome');
      await page.keyboard.type('Chuyển bộ phận một cửa tỉnh');
      await page.keyboard.press('Enter');
      await waitForCurrentChange(page, second);
      expect(await outcomeOf(secondId)).toMatchObject({
        status: 'done',
        outcome: 'Chuyển bộ phận một cửa tỉnh',
      });
    } finally {
      await o.context.close();
    }
  });
});
