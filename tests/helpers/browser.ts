/**
 * Real Chromium for page tests: Debian's /usr/bin/chromium driven by playwright-core (no browser
 * download), the pages served by the real server (startApi with listen: true), accessibility checked
 * with axe-core, screenshots kept under test-artifacts/ for review.
 *
 * Without Chromium the page suites skip with one loud line; in CI they fail (tests/helpers/tools.ts).
 */
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, requireTool } from './tools.js';

export const chromiumPath = requireTool('chromium', CHROMIUM_PATH, 'apt-get install chromium');

export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../test-artifacts');

export const VIEWPORTS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
  phone: { width: 360, height: 740 },
} as const;

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium is not installed');
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(ARTIFACTS_DIR, 'screenshots');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A/AA rules). axe
 * is evaluated through the DevTools protocol, which the pages' CSP does not govern.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // A string, evaluated in the page: this file is type-checked without the DOM library.
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })),
    })))`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Height in CSS px of every element matching `selector` that is visible (touch-target checks). */
export async function targetSizes(
  page: Page,
  selector: string,
): Promise<{ text: string; width: number; height: number }[]> {
  const all = await page.locator(selector).all();
  const sizes = await Promise.all(
    all.map(async (el) => {
      const box = await el.boundingBox();
      const text = ((await el.textContent()) ?? '').trim().slice(0, 40);
      return box ? { text, width: box.width, height: box.height } : undefined;
    }),
  );
  return sizes.filter((s): s is NonNullable<typeof s> => s !== undefined && s.width > 0 && s.height > 0);
}
