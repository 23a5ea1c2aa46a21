/**
 * A built app's page as the bundle tests read it, from the build the page tests use (dist/apps,
 * built by the Vitest global setup): its index.html, its files, the JavaScript it loads before it
 * runs, and syntax in that JavaScript which Chromium 87 (old kiosk PCs, Android TV boxes) lacks.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'acorn';

const APPS_DIR = resolve(import.meta.dirname, '../../dist/apps');

export interface AppBundle {
  /** The page (`<app>/index.html`). */
  html(): string;
  /** A built file by its path on the server (`/assets/…`). */
  asset(path: string): Buffer;
  /** The JavaScript the page loads before it runs: its module script and the chunks it preloads. */
  pageScripts(): string[];
}

export function appBundle(app: string): AppBundle {
  const html = () => readFileSync(join(APPS_DIR, app, 'index.html'), 'utf8');
  return {
    html,
    asset: (path) => readFileSync(join(APPS_DIR, path.replace(/^\//, ''))),
    pageScripts() {
      const page = html();
      const attr = (tag: RegExp) => [...page.matchAll(tag)].map((m) => m[1] as string);
      return [
        ...new Set([
          ...attr(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
          ...attr(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
        ]),
      ];
    },
  };
}

type Node = { type: string; [key: string]: unknown };

/** Syntax that came to Chrome after 87 (ES2022 as acorn parses it). */
export function newerThanChrome87(source: string): string[] {
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
