/**
 * A page that runs the display's announcer (display/voice/announcer.ts) alone in real Chromium,
 * without the display UI: Vite bundles a tiny harness entry (below) into a temp folder, and a small
 * node:http server serves it with the apps' CSP, plus the committed voice packs at /voice-packs/.
 *
 * The harness page, `/?test&pack=<packId>[&voice=<JSON of VoiceSettings overrides>]`, configures the
 * announcer at load (no user gesture) and has one button, `#unlock` ("Bật âm thanh"), that calls
 * `unlock()` and keeps its promise as `window.__unlocked`. `?test` exposes `window.__luotAnnouncer`.
 *
 * USER GESTURES (app-page.ts): every Playwright `page.evaluate`, `waitForFunction` and locator read
 * runs with a user gesture, which lifts Chromium's autoplay block. Code that must not unblock the
 * page (the "blocked" case) evaluates without one: that is `VoicePage.eval` here.
 *
 * Strings evaluated in the page are plain JavaScript: the tests are type-checked without the DOM
 * library (and the types below mirror announcer.ts for the same reason).
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build, type Plugin } from 'vite';
import { gesturelessEval, pollUntil } from './app-page.js';
import { TEST_TMP } from './engines.js';

const ROOT = resolve(import.meta.dirname, '../..');
const VOICE_PACKS = join(ROOT, 'voice-packs');

/** A pack served with one corrupt clip: the pack loads its manifest, then a decode fails. */
export const BROKEN_PACK = 'broken-clip-pack';

/** announcer.ts's LogEntry. */
export interface LogEntry {
  key: string;
  clip: string;
  startAt: number;
  duration: number;
}

/** announcer.ts's AnnouncerState. */
export interface PageAnnouncerState {
  audio: 'loading' | 'ok' | 'blocked' | 'speech' | 'unavailable' | 'off';
  speaking?: { ticketId: string; recalls: number } | undefined;
  queued: number;
}

/** announcer.ts's SKIPPED and SPOKEN log clip names. */
export const SKIPPED = '(skipped)';
export const SPOKEN = '(speech)';

const HARNESS_ID = 'virtual:voice-harness';

/** The page's script: imports the real module, as the display app will. */
const HARNESS_SOURCE = `
import { createAnnouncer } from ${JSON.stringify(join(ROOT, 'display/voice/announcer.ts'))};
import { DEFAULT_VOICE_SETTINGS } from ${JSON.stringify(join(ROOT, 'shared/i18n/announcement.ts'))};
const query = new URLSearchParams(location.search);
const announcer = createAnnouncer();
const button = document.createElement('button');
button.id = 'unlock';
button.textContent = 'Bật âm thanh';
button.addEventListener('click', () => { window.__unlocked = announcer.unlock(); });
document.body.append(button);
const pack = query.get('pack');
if (pack) void announcer.configure({ ...DEFAULT_VOICE_SETTINGS, ...JSON.parse(query.get('voice') ?? '{}'), packId: pack });
`;

const harnessPlugin: Plugin = {
  name: 'voice-harness',
  resolveId: (id) => (id === HARNESS_ID ? `\0${HARNESS_ID}` : undefined),
  load: (id) => (id === `\0${HARNESS_ID}` ? HARNESS_SOURCE : undefined),
};

/** The same policy as the apps (server/security.ts): the module must work under it. */
const CSP = "default-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'";
const PAGE =
  '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Lượt — voice harness</title>' +
  '<script type="module" src="/harness.js"></script></head><body></body></html>';

const TYPES: Record<string, string> = {
  json: 'application/json',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  wav: 'audio/wav',
};

export interface VoiceHarness {
  url: string;
  /** The bundled harness (announcer + shared/i18n + 20 lines), minified, in bytes. */
  bytes: number;
  gzipBytes: number;
  close(): Promise<void>;
}

/** Bundles the harness with Vite (target Chromium 87, as the apps) and serves it on 127.0.0.1. */
export async function startVoiceHarness(): Promise<VoiceHarness> {
  const outDir = await mkdtemp(join(TEST_TMP, 'luot-voice-harness-'));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    plugins: [harnessPlugin],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome87',
      reportCompressedSize: false,
      rollupOptions: { input: HARNESS_ID, output: { entryFileNames: 'harness.js', format: 'es' } },
    },
  });
  const script = await readFile(join(outDir, 'harness.js'));
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const send = (status: number, type: string, body: string | Buffer): void => {
        res.writeHead(status, {
          'content-type': type,
          'content-security-policy': CSP,
          'cache-control': 'no-store',
        });
        res.end(body);
      };
      if (path === '/') return send(200, 'text/html; charset=utf-8', PAGE);
      if (path === '/harness.js') return send(200, 'text/javascript', script);
      const pack = /^\/voice-packs\/([a-z0-9-]+)\/([A-Za-z0-9_.-]+)$/.exec(path);
      if (!pack || pack[2]?.includes('..')) return send(404, 'text/plain', 'not found');
      const [, packId = '', file = ''] = pack;
      if (packId === BROKEN_PACK && file === '_chime.ogg') return send(200, 'audio/ogg', 'not audio at all');
      try {
        const body = await readFile(
          join(VOICE_PACKS, packId === BROKEN_PACK ? 'vi-north-espeak' : packId, file),
        );
        send(200, TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream', body);
      } catch {
        send(404, 'text/plain', 'not found');
      }
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytes: script.length,
    gzipBytes: gzipSync(script, { level: 9 }).length,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

export interface VoicePage {
  page: Page;
  /** Evaluates `expression` in the page WITHOUT a user gesture; awaits a promise; returns by value. */
  eval<T>(expression: string): Promise<T>;
  state(): Promise<PageAnnouncerState>;
  log(): Promise<LogEntry[]>;
  /** Enqueues a call (at = the page's Date.now() unless given), without a user gesture. */
  enqueue(...calls: PageCall[]): Promise<void>;
  /** Polls `read` (every 100 ms, no gesture) until `done` holds; throws with the last value after `timeoutMs`. */
  waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export interface PageCall {
  ticketId: string;
  recalls: number;
  ticketNumber: string;
  counterNumber: number;
  at?: number;
}

/** Opens the harness at `/?test&pack=<pack>` (plus `voice` overrides) in a fresh context. */
export async function openVoicePage(
  browser: Browser,
  harness: VoiceHarness,
  pack: string,
  voice: Record<string, unknown> = {},
): Promise<VoicePage> {
  const context: BrowserContext = await browser.newContext();
  const page = await context.newPage();
  const evaluate = await gesturelessEval(context, page);
  const query = new URLSearchParams({ test: '', pack, voice: JSON.stringify(voice) });
  await page.goto(`${harness.url}/?${query.toString()}`);
  const vp: VoicePage = {
    page,
    eval: evaluate,
    state: () => evaluate<PageAnnouncerState>('window.__luotAnnouncer.state'),
    log: () => evaluate<LogEntry[]>('window.__luotAnnouncer.log.slice()'),
    enqueue: (...calls) =>
      evaluate(
        `for (const call of ${JSON.stringify(calls)}) window.__luotAnnouncer.enqueue({ at: Date.now(), ...call })`,
      ),
    waitFor: (read, done, timeoutMs = 20_000) =>
      pollUntil(read, done, {
        timeoutMs,
        everyMs: 100,
        failure: (last) => `timed out waiting; last value: ${JSON.stringify(last)}`,
      }),
    close: () => context.close(),
  };
  await vp.waitFor(
    () => evaluate<boolean>('window.__luotAnnouncer !== undefined'),
    (ready) => ready,
    10_000,
  );
  return vp;
}
