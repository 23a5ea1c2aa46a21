/**
 * The officer console's weight and reach, from the build the page tests use (dist/apps, built by
 * the Vitest global setup): at most 80 KB of gzipped JavaScript before it runs, syntax Chromium 87
 * parses, and only the font files it uses.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../vite.config.js';
import { appBundle, newerThanChrome87 } from '../helpers/app-bundle.js';

const BUDGET_BYTES = 80 * 1024;

const { html, asset, pageScripts } = appBundle('officer');

describe('officer console bundle', () => {
  it('loads at most 80 KB of gzipped JavaScript', () => {
    const scripts = pageScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((path) => ({ path, gzip: gzipSync(asset(path), { level: 9 }).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `officer JS: ${(total / 1024).toFixed(1)} KB gzip (${sizes.map((s) => `${s.path} ${(s.gzip / 1024).toFixed(1)}`).join(', ')})`,
    );
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
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
