/**
 * Each app's weight and reach, from the build the page tests use (dist/apps, built by the Vitest
 * global setup): the gzipped JavaScript a page loads before it runs (its module script and the
 * chunks it preloads; fonts and voice clips excluded) within the app's budget, syntax that
 * Chromium 87 parses (old kiosk PCs and Android TV WebViews), and only the font files the apps use.
 * The phone page's budget is checked in phone.test.ts (it loads its socket client after first paint).
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../vite.config.js';
import { appBundle, newerThanChrome87 } from '../helpers/app-bundle.js';

const KB = 1024;
/** Budgets from the issues: the kiosk 60 KB, the display 80 KB; the officer console follows the display. */
const APPS = [
  { app: 'kiosk', budget: 60 * KB },
  { app: 'display', budget: 80 * KB },
  { app: 'officer', budget: 80 * KB },
] as const;

describe.each(APPS)('$app bundle', ({ app, budget }) => {
  const { html, asset, pageScripts } = appBundle(app);

  it(`loads at most ${budget / KB} KB of gzipped JavaScript`, () => {
    const scripts = pageScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((path) => ({ path, gzip: gzipSync(asset(path), { level: 9 }).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `${app} JS: ${(total / KB).toFixed(1)} KB gzip (${sizes.map((s) => `${s.path} ${(s.gzip / KB).toFixed(1)}`).join(', ')})`,
    );
    expect(total).toBeLessThanOrEqual(budget);
  });

  it('is built for Chromium 87 and uses no syntax it lacks', () => {
    expect(viteConfig.build?.target).toBe('chrome87');
    for (const path of pageScripts())
      expect(newerThanChrome87(asset(path).toString('utf8')), path).toEqual([]);
  });

  it('ships only Inter 400/700 and Be Vietnam Pro 700, latin and vietnamese subsets', () => {
    const css = [...html().matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)]
      .map((m) => asset(m[1] as string).toString('utf8'))
      .join('\n');
    const fonts = [...css.matchAll(/url\(([^)]+\.woff2?)\)/g)].map(
      (m) => (m[1] as string).split('/').pop() ?? '',
    );
    expect(fonts).toHaveLength(6);
    for (const font of fonts)
      expect(font).toMatch(
        /^(inter-(latin|vietnamese)-(400|700)|be-vietnam-pro-(latin|vietnamese)-700)-normal-/,
      );
  });
});
