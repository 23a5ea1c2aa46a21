/**
 * Serves the built browser apps (dist/apps, made by Vite — scripts/build-apps.ts):
 *
 * - `/assets/*`: hashed bundles, fonts and images, cached for a year (their names change when they do);
 * - `/<app>/` for each app (kiosk, …): its index.html, never cached, so a kiosk picks up a new build at
 *   its next reload;
 * - `/t/:ticketId`: the citizen's phone page (the page reads the id from its address);
 * - `/display/counter/:counterId`: the display app as a counter's own small screen;
 * - `/voice-packs/<id>/…`: announcement clips (an office's own first, then the bundled ones).
 *
 * A server started without a build (tests that only inject API calls) answers these paths with a
 * 503 that says how to build, rather than failing at start.
 */
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { APPS } from '../shared/protocol/apps.js';

export const DEFAULT_APPS_DIR = resolve(import.meta.dirname, '../dist/apps');
/** The committed placeholder voice packs (docs/voice.md). */
export const BUNDLED_VOICE_PACKS_DIR = resolve(import.meta.dirname, '../voice-packs');

async function sendPage(reply: FastifyReply, appsDir: string, app: string): Promise<FastifyReply> {
  let html: Buffer;
  try {
    html = await readFile(join(appsDir, app, 'index.html'));
  } catch {
    return reply
      .code(503)
      .type('text/plain; charset=utf-8')
      .send('Các ứng dụng chưa được build / The apps are not built: run `npx tsx scripts/build-apps.ts`.\n');
  }
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
}

export interface AppsOptions {
  appsDir?: string;
  /** An office's own recorded packs (DATA_DIR/voice-packs); they win over a bundled pack of the same id. */
  voicePacksDir?: string;
}

export async function registerApps(app: FastifyInstance, opts: AppsOptions = {}): Promise<void> {
  const appsDir = resolve(opts.appsDir ?? DEFAULT_APPS_DIR);
  await app.register(fastifyStatic, {
    root: join(appsDir, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    // Missing directory at start (no build yet) is fine: requests then 404.
    preCompressed: false,
  });
  // Voice packs: manifest.json and clips, fetched by displays at start (names are not hashed: a day).
  await app.register(fastifyStatic, {
    // The office folder only if it exists (main.ts makes it): @fastify/static warns about a missing root.
    root:
      opts.voicePacksDir && existsSync(opts.voicePacksDir)
        ? [opts.voicePacksDir, BUNDLED_VOICE_PACKS_DIR]
        : BUNDLED_VOICE_PACKS_DIR,
    prefix: '/voice-packs/',
    decorateReply: false,
    maxAge: '1d',
    allowedPath: (path) => !path.includes('..'),
  });
  for (const name of APPS) {
    if (name === 'phone') continue;
    app.get(`/${name}`, { schema: { hide: true } }, (_req, reply) => reply.redirect(`/${name}/`, 301));
    app.get(`/${name}/`, { schema: { hide: true } }, (_req, reply) => sendPage(reply, appsDir, name));
  }
  app.get('/t/:ticketId', { schema: { hide: true } }, (_req, reply) => sendPage(reply, appsDir, 'phone'));
  // The counter display (the small screen at a counter) is the display app in another mode.
  app.get('/display/counter/:counterId', { schema: { hide: true } }, (_req, reply) =>
    sendPage(reply, appsDir, 'display'),
  );
}
