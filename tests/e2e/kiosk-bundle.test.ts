/**
 * The kiosk page's weight and reach, from the build the page tests use (dist/apps, built by the
 * Vitest global setup): at most 60 KB of gzipped JavaScript (fonts excluded), syntax that Chromium
 * 87 parses (old kiosk PCs and Android WebViews), and only the font files it needs.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../vite.config.js';

const APPS_DIR = resolve(import.meta.dirname, '../../dist/apps');
const BUDGET_BYTES = 60 * 1024;

const html = () => readFileSync(join(APPS_DIR, 'kiosk/index.html'), 'utf8');

/** The JavaScript the page loads before it runs: its module script and the chunks it preloads. */
function pageScripts(): string[] {
  const page = html();
  const scripts = [...page.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  const preloads = [...page.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  return [...new Set([...scripts, ...preloads])];
}

const read = (path: string) => readFileSync(join(APPS_DIR, path.replace(/^\//, '')));

interface Node {
  type: string;
  [key: string]: unknown;
}

/** Syntax newer than Chromium 87 (ES2022 parses with acorn; these parts of it came later to Chrome). */
function tooNew(source: string): string[] {
  const found: string[] = [];
  const ast = parse(source, { ecmaVersion: 2022, sourceType: 'module' }) as unknown as Node;
  const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
  const visit = (node: Node, depth: number) => {
    if (node.type === 'StaticBlock') found.push('class static block (Chrome 94)');
    if (node.type === 'BinaryExpression' && (node.left as Node).type === 'PrivateIdentifier') {
      found.push('#field in object (Chrome 91)');
    }
    if (
      (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await === true)) &&
      depth === 0
    ) {
      found.push('top-level await (Chrome 89)');
    }
    const regex = node.regex as { flags: string } | undefined;
    if (node.type === 'Literal' && regex?.flags.includes('d')) found.push('RegExp /d flag (Chrome 90)');
    const inner = depth + (FUNCTIONS.has(node.type) ? 1 : 0);
    for (const value of Object.values(node)) {
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child !== null && typeof child === 'object' && typeof (child as Node).type === 'string') {
          visit(child as Node, inner);
        }
      }
    }
  };
  visit(ast, 0);
  return found;
}

describe('kiosk bundle', () => {
  it('loads at most 60 KB of gzipped JavaScript', () => {
    const scripts = pageScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((path) => ({ path, gzip: gzipSync(read(path), { level: 9 }).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `kiosk JS: ${(total / 1024).toFixed(1)} KB gzip (${sizes.map((s) => `${s.path} ${(s.gzip / 1024).toFixed(1)}`).join(', ')})`,
    );
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('is built for Chromium 87 and uses no syntax it lacks', () => {
    expect(viteConfig.build?.target).toBe('chrome87');
    for (const path of pageScripts()) {
      expect(tooNew(read(path).toString('utf8')), path).toEqual([]);
    }
  });

  it('ships only the fonts it uses: Inter 400/700 and Be Vietnam Pro 700, latin and vietnamese', () => {
    const css = [...html().matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)]
      .map((m) => read(m[1] as string).toString('utf8'))
      .join('\n');
    const fonts = [...css.matchAll(/url\(([^)]+\.woff2?)\)/g)].map(
      (m) => (m[1] as string).split('/').pop() ?? '',
    );
    expect(fonts.length).toBe(6);
    for (const font of fonts) {
      expect(font).toMatch(
        /^(inter-(latin|vietnamese)-(400|700)|be-vietnam-pro-(latin|vietnamese)-700)-normal-/,
      );
    }
  });
});
