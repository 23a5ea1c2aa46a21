/**
 * How the displays look, measured in real Chromium: the latest call's number ≈ 190 px at
 * 1920×1080 (17.6 % of the height) and twice that at 3840×2160; tabular digits in Inter; no text
 * smaller than 3.5 % of the height; line-height ≥ 1.3; every text at least 7:1 against what is
 * behind it (the pulse's brightest frame included); priority in words; the pulse at most 2 Hz for
 * at most 10 s and none with prefers-reduced-motion; the overscan margin; the office's own clock;
 * no serious axe violation; screenshots of each screen under test-artifacts/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { startApi, type ApiRig } from '../helpers/api.js';
import { chromiumPath, screenshot, seriousA11yViolations } from '../helpers/browser.js';
import { TestClock } from '../helpers/clock.js';
import {
  desk,
  displayOffice,
  launchTvBrowser,
  openDisplay,
  rigPost,
  VIEWPORT_4K,
  type DisplayPage,
} from '../helpers/display-page.js';
import { memoryEngine } from '../helpers/engines.js';

interface TextLook {
  text: string;
  cls: string;
  fontSize: number;
  /** line-height ÷ font-size */
  lineHeight: number;
  contrast: number;
}

/** Every visible element that has text of its own: its size, line-height and contrast (WCAG). */
const TEXT_LOOKS = `(() => {
  const parse = (c) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(c || '');
    if (!m) return null;
    const p = m[1].split(',').map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.bottom <= 0 || box.top >= innerHeight) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden') continue;
    const size = parseFloat(cs.fontSize);
    out.push({
      text: el.textContent.trim().slice(0, 40),
      cls: String(el.className),
      fontSize: size,
      lineHeight: cs.lineHeight === 'normal' ? 0 : parseFloat(cs.lineHeight) / size,
      contrast: ratio(parse(cs.color), background(el)),
    });
  }
  return out;
})()`;

/** The WCAG contrast of two CSS hex colours (#rgb or #rrggbb: the build shortens them). */
function contrast(a: string, b: string): number {
  const lum = (color: string) => {
    const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color.trim());
    const hex = short ? `#${short[1]!.repeat(2)}${short[2]!.repeat(2)}${short[3]!.repeat(2)}` : color.trim();
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const f = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(bl!);
  };
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

describe.skipIf(!chromiumPath)('how the displays look', () => {
  let browser: Browser;
  let rig: ApiRig;

  beforeAll(async () => {
    // As TVs run (sound allowed): the screenshots show the display, not the "Bật âm thanh" prompt.
    [browser, rig] = await Promise.all([launchTvBrowser(), startApi(memoryEngine, [], { listen: true })]);
  });
  afterAll(async () => {
    await browser?.close();
    await rig?.close();
  });

  /** An office in full swing: calls at three counters (one priority), one paused, notices. */
  async function busyOffice(r: ApiRig = rig) {
    const office = displayOffice({ name: 'Trung tâm Phục vụ hành chính công phường Phúc Diễn' });
    await r.store.putOffice(office);
    const device = await r.device('display', office.id);
    const d = desk(rigPost(r, r.admin), office.id);
    await d.open('c1', 'c2', 'c3', 'c4');
    for (const [s, p] of [
      ['civ', false],
      ['cert', false],
      ['civ', true],
      ['land', false],
      ['civ', false],
      ['cert', false],
      ['land', false],
    ] as const)
      await d.issue(s, p);
    await d.callNext('c2');
    await d.callNext('c3');
    await d.act('c4', 'pause', { reason: 'Họp giao ban' });
    return { office, device: { token: device.token, officeId: office.id }, desk: d };
  }

  async function checkText(
    expect: ExpectStatic,
    display: DisplayPage,
    minPx: number,
    minCount = 10,
  ): Promise<TextLook[]> {
    const looks = await display.eval<TextLook[]>(TEXT_LOOKS);
    expect(looks.length).toBeGreaterThanOrEqual(minCount);
    for (const l of looks) {
      expect(l.fontSize, `"${l.text}" (${l.cls}) is ${l.fontSize}px`).toBeGreaterThanOrEqual(minPx);
      // Computed line-heights come back in px: 1.3 × size may read as 1.2999….
      expect(l.lineHeight, `"${l.text}" (${l.cls}) line-height`).toBeGreaterThanOrEqual(1.3 - 1e-3);
      expect(l.contrast, `"${l.text}" (${l.cls}) contrast`).toBeGreaterThanOrEqual(7);
    }
    return looks;
  }

  describe.concurrent('hall', () => {
    it('at 1920×1080: the call ≈190 px in Inter with tabular digits; text ≥ 3.5 % of the height, line-height ≥ 1.3, 7:1; axe clean', async ({
      expect,
    }) => {
      const { device, desk: d } = await busyOffice();
      const display = await openDisplay(browser, { url: rig.url, device });
      try {
        const priority = await d.issue('civ', true);
        await d.act('c1', 'call', { ticketId: priority.id });
        await display.until('document.querySelector(".hero-badge")');
        await display.eval('document.fonts.ready.then(() => true)');
        expect(await display.eval('document.documentElement.lang')).toBe('vi');
        const hero = await display.eval<{ size: number; numeric: string; family: string }>(`(() => {
          const cs = getComputedStyle(document.querySelector('.hero-number'));
          return { size: parseFloat(cs.fontSize), numeric: cs.fontVariantNumeric, family: cs.fontFamily };
        })()`);
        expect(hero.size).toBeGreaterThanOrEqual(170);
        expect(hero.size).toBeLessThanOrEqual(210);
        expect(hero.numeric).toBe('tabular-nums');
        expect(hero.family).toMatch(/^"?Inter/);
        expect(
          await display.eval(
            '[...document.fonts].some((f) => f.family.replace(/"/g, "") === "Inter" && f.status === "loaded")',
          ),
        ).toBe(true);
        // Table numbers big too (9 % of the height), and priority said in words, not colour.
        const tablePx = await display.eval<number>(
          'parseFloat(getComputedStyle(document.querySelector(".row-ticket")).fontSize)',
        );
        expect(tablePx).toBeGreaterThanOrEqual(0.085 * 1080);
        expect(await display.text('.hero-badge')).toBe('ƯU TIÊN');
        expect(await display.text('tr[data-counter="c1"] .badge')).toBe('ƯU TIÊN');

        await checkText(expect, display, 0.035 * 1080 - 0.5);
        // The pulse's brightest frame keeps 7:1 for the call's words.
        const vars = await display.eval<Record<string, string>>(`(() => {
          const cs = getComputedStyle(document.documentElement);
          return Object.fromEntries(['--hero-bg', '--hero-pulse', '--fg', '--accent'].map((v) => [v, cs.getPropertyValue(v).trim()]));
        })()`);
        for (const bg of ['--hero-bg', '--hero-pulse'])
          for (const fg of ['--fg', '--accent'])
            expect(contrast(vars[fg]!, vars[bg]!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(7);

        expect(await seriousA11yViolations(display.page)).toEqual([]);
        // Screenshot once the pulse is over.
        await display.page.waitForTimeout(200);
        await screenshot(display.page, 'display-hall-1080p');
      } finally {
        await display.close();
      }
    });

    it('at 3840×2160: the same picture, twice the size', async ({ expect }) => {
      const { device, desk: d } = await busyOffice();
      const display = await openDisplay(browser, { url: rig.url, device, viewport: VIEWPORT_4K });
      try {
        const call = await d.callNext('c1'); // a live event: the clock follows the server's
        await display.until(
          `document.querySelector(".hero-number")?.textContent === ${JSON.stringify(call.number)}`,
        );
        await display.eval('document.fonts.ready.then(() => true)');
        const size = await display.eval<number>(
          'parseFloat(getComputedStyle(document.querySelector(".hero-number")).fontSize)',
        );
        expect(size).toBeGreaterThanOrEqual(340);
        expect(size).toBeLessThanOrEqual(420);
        await checkText(expect, display, 0.035 * 2160 - 1);
        await screenshot(display.page, 'display-hall-4k');
      } finally {
        await display.close();
      }
    });

    it('pulses a new call at 1 Hz for 8 s, not at all with prefers-reduced-motion (the ticker stands still too)', async ({
      expect,
    }) => {
      const { device, desk: d } = await busyOffice();
      const moving = await openDisplay(browser, { url: rig.url, device });
      const still = await openDisplay(browser, { url: rig.url, device, reducedMotion: 'reduce' });
      try {
        // The first snapshot's call does not pulse: it is not news.
        expect(await moving.eval('document.querySelector(".hero").classList.contains("hero-pulse")')).toBe(
          false,
        );
        const call = await d.callNext('c1');
        for (const p of [moving, still])
          await p.until(
            `document.querySelector(".hero-number")?.textContent === ${JSON.stringify(call.number)}`,
          );
        const animation = (p: DisplayPage) =>
          p.eval<{ name: string; duration: string; count: string }>(`(() => {
            const cs = getComputedStyle(document.querySelector('.hero'));
            return { name: cs.animationName, duration: cs.animationDuration, count: cs.animationIterationCount };
          })()`);
        const a = await animation(moving);
        expect(a.name).toBe('hero-pulse');
        const seconds = parseFloat(a.duration);
        const count = Number(a.count);
        expect(1 / seconds).toBeLessThanOrEqual(2); // pulses per second
        expect(seconds * count).toBeLessThanOrEqual(10); // then steady
        expect(seconds * count).toBeGreaterThanOrEqual(3);
        expect(
          await moving.eval('getComputedStyle(document.querySelector(".ticker-track")).animationName'),
        ).toBe('ticker');

        expect((await animation(still)).name).toBe('none');
        expect(await still.eval('document.querySelector(".ticker-track")')).toBeNull();
        expect(await still.text('.ticker-still')).toBe('Xin vui lòng giữ trật tự');
      } finally {
        await moving.close();
        await still.close();
      }
    });

    it('keeps an overscan margin (?overscan=3) and scales the type to the safe area', async ({ expect }) => {
      const { device } = await busyOffice();
      const display = await openDisplay(browser, { url: rig.url, device, query: 'overscan=3' });
      try {
        const box = await display.eval<{ top: number; left: number; hero: number }>(`(() => {
          const cs = getComputedStyle(document.getElementById('app'));
          return { top: parseFloat(cs.paddingTop), left: parseFloat(cs.paddingLeft),
                   hero: parseFloat(getComputedStyle(document.querySelector('.hero-number')).fontSize) };
        })()`);
        expect(box.top).toBeCloseTo(0.03 * 1080, 0);
        expect(box.left).toBeCloseTo(0.03 * 1920, 0);
        expect(box.hero).toBeCloseTo(0.176 * 0.94 * 1080, 0);
        const overflow = await display.eval<number>(
          'document.querySelector(".hall").getBoundingClientRect().bottom',
        );
        expect(overflow).toBeLessThanOrEqual(1080 - 0.03 * 1080 + 1);
      } finally {
        await display.close();
      }
    });

    it('tells the office’s time in the office’s zone, whatever the TV’s zone', async ({ expect }) => {
      const { device, desk: d } = await busyOffice();
      // The browser runs in America/New_York (openDisplay); the server's clock says 09:00 in Hà Nội.
      const display = await openDisplay(browser, { url: rig.url, device });
      try {
        await d.callNext('c1'); // a live event: the display sets its clock by the server's
        await display.until('document.querySelector(".clock-time")?.textContent === "09:00"', 5_000);
        expect(await display.text('.clock-date')).toBe('Thứ Hai, 30/11/2026');
        expect(await display.text('.office-status')).toBeNull();
      } finally {
        await display.close();
      }
    });
  });

  describe.concurrent('counter display and pairing', () => {
    it('the counter display: its number huge, paused with the reason; axe clean; screenshots', async ({
      expect,
    }) => {
      const { device, desk: d } = await busyOffice();
      const serving = await openDisplay(browser, { url: rig.url, device, path: '/display/counter/c3' });
      const paused = await openDisplay(browser, { url: rig.url, device, path: '/display/counter/c4' });
      try {
        await d.act('c1', 'pause'); // a live event: the clock follows the server's
        await serving.eval('document.fonts.ready.then(() => true)');
        const px = await serving.eval<number>(
          'parseFloat(getComputedStyle(document.querySelector(".counter-number")).fontSize)',
        );
        expect(px).toBeGreaterThanOrEqual(0.3 * 1080);
        await checkText(expect, serving, 0.035 * 1080 - 0.5, 3);
        expect(await seriousA11yViolations(serving.page)).toEqual([]);
        await screenshot(serving.page, 'display-counter-1080p');

        expect(await paused.text('.counter-state-word')).toBe('Tạm nghỉ');
        expect(await paused.text('.counter-reason')).toBe('Họp giao ban');
        await checkText(expect, paused, 0.035 * 1080 - 0.5, 2);
        await screenshot(paused.page, 'display-counter-paused');
        await d.act('c4', 'close');
        await paused.until('document.querySelector(".counter-state-word")?.textContent === "Quầy đóng"');
      } finally {
        await serving.close();
        await paused.close();
      }
    });

    it('the pairing screen: readable, labelled, axe clean', async ({ expect }) => {
      const display = await openDisplay(browser, { url: rig.url });
      try {
        expect(await display.text('h1')).toBe('Ghép nối màn hình');
        expect(await seriousA11yViolations(display.page)).toEqual([]);
        await checkText(expect, display, 0.033 * 1080, 5);
        await screenshot(display.page, 'display-pairing');
      } finally {
        await display.close();
      }
    });
  });

  it('says "Tạm nghỉ trưa" between the morning and afternoon sessions', async ({ expect }) => {
    const lunch = await startApi(memoryEngine, [], {
      listen: true,
      clock: new TestClock('2026-11-30T09:00'),
    });
    try {
      const { device, desk: d } = await busyOffice(lunch);
      lunch.clock.set('2026-11-30T12:10');
      const display = await openDisplay(browser, { url: lunch.url, device });
      try {
        await d.act('c1', 'pause', { reason: 'Nghỉ trưa' }); // a live event: the clock follows the server's
        await display.until('document.querySelector(".clock-time")?.textContent === "12:10"');
        expect(await display.text('.office-status')).toBe('Tạm nghỉ trưa');
        // The calls of the morning stay on screen.
        expect(await display.eval('document.querySelectorAll(".recent-item").length + 1')).toBe(2);
        await screenshot(display.page, 'display-hall-lunch');
      } finally {
        await display.close();
      }
    } finally {
      await lunch.close();
    }
  });
});
