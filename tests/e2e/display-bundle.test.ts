/**
 * The display page's weight and reach, from the build the page tests use (dist/apps, built by the
 * Vitest global setup): at most 80 KB of gzipped JavaScript before it runs (its module script and
 * the chunks it preloads; fonts and voice clips excluded), syntax that Chromium 87 parses (Android
 * TV boxes run old WebViews), and only the font files it uses.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../vite.config.js';

const APPS_DIR = resolve(import.meta.dirname, '../../dist/apps');
export const DISPLAY_JS_BUDGET = 80 * 1024;

const html = () => readFileSync(join(APPS_DIR, 'display/index.html'), 'utf8');
const asset = (path: string) => readFileSync(join(APPS_DIR, path.replace(/^\//, '')));

/** The module script and the modulepreload links of the page. */
function pageScripts(): string[] {
  const page = html();
  const attr = (tag: RegExp) => [...page.matchAll(tag)].map((m) => m[1] as string);
  return [
    ...new Set([
      ...attr(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
      ...attr(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
    ]),
  ];
}

type Node = { type: string; [key: string]: unknown };

/** Syntax that came to Chrome after 87 (ES2022 as acorn parses it). */
function newerThanChrome87(source: string): string[] {
  const found: string[] = [];
  const functions = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
  const walk = (node: Node, depth: number): void => {
    if (node.type === 'StaticBlock') found.push('class static block (Chrome 94)');
    if (node.type === 'BinaryExpression' && (node.left as Node).type === 'PrivateIdentifier')
      found.push('#x in obj (Chrome 91)');
    if (
      depth === 0 &&
      (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await === true))
    )
      found.push('top-level await (Chrome 89)');
    const regex = node.regex as { flags: string } | undefined;
    if (node.type === 'Literal' && regex?.flags.includes('d')) found.push('RegExp d flag (Chrome 90)');
    const inner = depth + (functions.has(node.type) ? 1 : 0);
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child !== null && typeof child === 'object' && typeof (child as Node).type === 'string')
          walk(child as Node, inner);
      }
    }
  };
  walk(parse(source, { ecmaVersion: 2022, sourceType: 'module' }) as unknown as Node, 0);
  return found;
}

describe('display bundle', () => {
  it('loads at most 80 KB of gzipped JavaScript (fonts and voice clips excluded)', () => {
    const scripts = pageScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((path) => ({ path, gzip: gzipSync(asset(path), { level: 9 }).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `display JS: ${(total / 1024).toFixed(1)} KB gzip (${sizes.map((s) => `${s.path} ${(s.gzip / 1024).toFixed(1)}`).join(', ')})`,
    );
    expect(total).toBeLessThanOrEqual(DISPLAY_JS_BUDGET);
  });

  it('is built for Chromium 87 and uses no syntax it lacks', () => {
    expect(viteConfig.build?.target).toBe('chrome87');
    for (const path of pageScripts())
      expect(newerThanChrome87(asset(path).toString('utf8')), path).toEqual([]);
  });

  it('ships Inter 400/700 and Be Vietnam Pro 700, latin and vietnamese subsets only', () => {
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
