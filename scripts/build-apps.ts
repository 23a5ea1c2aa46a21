/**
 * Builds the browser apps (vite.config.ts) unless dist/apps is newer than every source it is made
 * from. `npm start` and the test run call it, so a fresh clone needs no separate build step and a
 * second start costs a directory walk, not a build.
 *
 *   npx tsx scripts/build-apps.ts          build if stale
 *   npx tsx scripts/build-apps.ts --force  always build
 */
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { APPS } from '../shared/protocol/apps.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist/apps');
const STAMP = join(OUT, '.built');
/** What the bundles are made of: the apps, the isomorphic code they import, the build settings. */
const SOURCES = [...APPS, 'web', 'shared', 'vite.config.ts', 'package-lock.json', 'tsconfig.apps.json'];

async function newestMtime(path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newestMtime(join(path, e))));
  return Math.max(info.mtimeMs, ...times);
}

/** Builds when a source is newer than the last build; returns whether it built. */
export async function buildAppsIfStale(force = false): Promise<boolean> {
  const [built, sources] = await Promise.all([
    newestMtime(STAMP),
    Promise.all(SOURCES.map((s) => newestMtime(join(ROOT, s)))).then((t) => Math.max(...t)),
  ]);
  if (!force && built > 0 && built >= sources) return false;
  const started = Date.now();
  process.stdout.write(`Building the apps (${APPS.join(', ')}) into dist/apps …\n`);
  // Always a production build: under Vitest NODE_ENV is "test", and packages that read it (socket.io's
  // client picks its debug build) would put a bigger bundle into dist/ for `npm start` to serve later.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  await writeFile(STAMP, new Date().toISOString() + '\n');
  process.stdout.write(`Apps built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildAppsIfStale(process.argv.includes('--force')).catch((err: unknown) => {
    console.error('Building the apps failed:', err);
    process.exit(1);
  });
}
