/**
 * Driving the display app (/display/, /display/counter/:counterId) in real Chromium: open it as a
 * paired display (the device token put in localStorage before the page loads, as after a pairing),
 * read the page WITHOUT user gestures, operate counters through the HTTP API, and — for the outage
 * tests — a server that can be stopped and started again on the same port with the same data.
 *
 * USER GESTURES (app-page.ts): Playwright's `page.evaluate` and locator reads would give the page
 * sticky user activation and so lift Chromium's autoplay block. Everything here reads the page
 * without a gesture (`DisplayPage.eval`), so reading a page never turns its sound on behind the
 * test's back.
 *
 * Strings evaluated in the page are plain JavaScript: the tests are type-checked without the DOM.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../server/app.js';
import { FileAccountStore } from '../../server/auth/file-account-store.js';
import { TEST_SCRYPT } from '../../server/auth/passwords.js';
import { ensureAdmin } from '../../server/auth/seed-admin.js';
import { loadConfig } from '../../server/config.js';
import { MemoryStore } from '../../server/store/memory/memory-store.js';
import type { OfficeConfig, Session } from '../../shared/domain/types.js';
import type { CommandResult } from '../../shared/protocol/http.js';
import type { ApiRig, Caller } from './api.js';
import { gesturelessEval, pollUntil, storeDevice } from './app-page.js';
import { chromiumPath, VIEWPORTS } from './browser.js';
import { testOffice } from './office.js';
import { freePort } from './server-process.js';
import { CHROMIUM_ARGS } from './tools.js';

/** display/App.tsx */
export const DISPLAY_DEVICE_KEY = 'luot.display.device';

/** The kiosk flag TVs run with: sound without a tap. */
export const AUTOPLAY_ARGS = ['--autoplay-policy=no-user-gesture-required'];

/** Chromium as the TVs run it (AUTOPLAY_ARGS): the announcer's sound is on without a tap. */
export async function launchTvBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium is not installed');
  return chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS, ...AUTOPLAY_ARGS] });
}

export const VIEWPORT_4K = { width: 3840, height: 2160 } as const;

// ── offices ────────────────────────────────────────────────────────────────

/** The test office (4 counters, services civ / cert / land) with notices for the ticker. */
export function displayOffice(overrides: Partial<OfficeConfig> = {}): OfficeConfig {
  return testOffice({
    notices: ['Xin vui lòng giữ trật tự', 'Công dân ưu tiên xin báo cán bộ tại quầy'],
    ...overrides,
  });
}

/** `n` counters c1…cn, odd ones serving civ, even ones cert and civ. */
export function manyCounters(n: number): OfficeConfig['counters'] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${i + 1}`,
    number: i + 1,
    name: `Quầy ${i + 1}`,
    services: i % 2 === 0 ? [{ serviceId: 'civ' }] : [{ serviceId: 'cert' }, { serviceId: 'civ' }],
  }));
}

/** Open every day, all day: for servers on the real clock (any time the tests run). */
export function allDaySessions(): OfficeConfig['sessions'] {
  const day: Session[] = [{ open: '00:00', close: '23:59', cutoff: '23:59' }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
}

// ── the counters, through the HTTP API ────────────────────────────────────

export interface Reply {
  statusCode: number;
  body: string;
  json(): unknown;
}

/** POST `url` with a JSON body as some caller (inject() or fetch, as the rig does it). */
export type Post = (url: string, payload?: Record<string, unknown>) => Promise<Reply>;

export interface Desk {
  issue(serviceId?: string, priority?: boolean): Promise<{ id: string; number: string }>;
  /** A counter action; throws unless 2xx. */
  act(counterId: string, action: string, body?: Record<string, unknown>): Promise<CommandResult>;
  open(...counterIds: string[]): Promise<void>;
  callNext(counterId: string): Promise<{ id: string; number: string }>;
}

/** POST through the test rig's API (inject()) as `caller`. */
export function rigPost(rig: ApiRig, caller: Caller): Post {
  return (url, payload) => rig.call(caller, { method: 'POST', url, payload: payload ?? {} });
}

export function desk(post: Post, officeId: string): Desk {
  const ok = async (url: string, payload: Record<string, unknown> = {}) => {
    const res = await post(url, payload);
    if (res.statusCode < 200 || res.statusCode >= 300)
      throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const d: Desk = {
    async issue(serviceId = 'civ', priority = false) {
      return (await ok(`/api/offices/${officeId}/tickets`, { serviceId, priority })) as {
        id: string;
        number: string;
      };
    },
    async act(counterId, action, body = {}) {
      return (await ok(`/api/offices/${officeId}/counters/${counterId}/${action}`, body)) as CommandResult;
    },
    async open(...counterIds) {
      for (const id of counterIds) await d.act(id, 'open');
    },
    async callNext(counterId) {
      const r = await d.act(counterId, 'call-next');
      if (!r.ticket) throw new Error(`nobody waiting for ${counterId}`);
      return { id: r.ticket.id, number: r.ticket.number };
    },
  };
  return d;
}

// ── the page ──────────────────────────────────────────────────────────────

export interface DisplayPage {
  context: BrowserContext;
  page: Page;
  /** Evaluates `expression` in the page without a user gesture; awaits a promise; returns by value. */
  eval<T>(expression: string): Promise<T>;
  /** Polls `expression` (no gesture, every 20 ms) until truthy; throws after `timeoutMs`. */
  until(expression: string, timeoutMs?: number, what?: string): Promise<void>;
  /** textContent of the first match (null when none). */
  text(selector: string): Promise<string | null>;
  /** The announcer's log (`?test` only). */
  announced(): Promise<{ key: string; clip: string; startAt: number; duration: number }[]>;
  /** The announcer's state (`?test` only). */
  audio(): Promise<{ audio: string; queued: number; speaking: unknown } | null>;
  close(): Promise<void>;
}

export interface OpenDisplayOptions {
  /** The server's base address. */
  url: string;
  /** A display device of `officeId`; omit to open unpaired (the pairing screen). */
  device?: { token: string; officeId: string };
  /** Default `/display/`; a counter's screen: `/display/counter/<id>`. */
  path?: string;
  /** The query string without `?`, e.g. `test&counters=c1`. */
  query?: string;
  viewport?: { width: number; height: number };
  reducedMotion?: 'reduce' | 'no-preference';
  /** Set up routes or the clock before the page loads. */
  beforeLoad?: (page: Page) => Promise<void>;
  /** Wait for this selector after loading (default: the live picture, or the pairing screen). */
  ready?: string;
}

const LIVE = '.hall:not(.hall-loading), .counter-screen:not(.counter-loading), .pairing';

export async function openDisplay(browser: Browser, opts: OpenDisplayOptions): Promise<DisplayPage> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? VIEWPORTS.landscape,
    locale: 'en-US',
    // The display must show the office's time whatever zone the TV box thinks it is in.
    timezoneId: 'America/New_York',
    reducedMotion: opts.reducedMotion ?? 'no-preference',
  });
  if (opts.device) await storeDevice(context, DISPLAY_DEVICE_KEY, opts.device);
  const page = await context.newPage();
  const evaluate = await gesturelessEval(context, page);
  await opts.beforeLoad?.(page);
  const until = async (expression: string, timeoutMs = 10_000, what = expression) => {
    await pollUntil(
      // While navigating (a reload) the context is being replaced: not yet.
      () => evaluate<unknown>(`!!(${expression})`).catch(() => false),
      (value) => value === true,
      {
        timeoutMs,
        everyMs: 20,
        failure: async () => {
          const shown = await evaluate<string>(
            'document.body ? document.body.innerText.slice(0, 600) : ""',
          ).catch(() => '');
          return `timed out after ${timeoutMs} ms waiting for ${what}; page shows:\n${shown}`;
        },
      },
    );
  };
  const path = opts.path ?? '/display/';
  await page.goto(`${opts.url}${path}${opts.query ? `?${opts.query}` : ''}`);
  const dp: DisplayPage = {
    context,
    page,
    eval: evaluate,
    until,
    text: (selector) =>
      evaluate<string | null>(
        `(document.querySelector(${JSON.stringify(selector)}) || {}).textContent ?? null`,
      ),
    announced: () => evaluate('window.__luotAnnouncer ? window.__luotAnnouncer.log.slice() : []'),
    audio: () => evaluate('window.__luotAnnouncer ? window.__luotAnnouncer.state : null'),
    close: () => context.close(),
  };
  await until(`document.querySelector(${JSON.stringify(opts.ready ?? LIVE)})`, 15_000, opts.ready ?? LIVE);
  return dp;
}

/** Waits until the page's announcer log has `n` entries matching `clip` (e.g. the chime). */
export function waitForLog(
  display: DisplayPage,
  done: (log: { key: string; clip: string }[]) => boolean,
  timeoutMs = 20_000,
): Promise<{ key: string; clip: string; startAt: number; duration: number }[]> {
  return pollUntil(() => display.announced(), done, {
    timeoutMs,
    everyMs: 50,
    failure: (log) => `announcer log never matched: ${JSON.stringify(log.map((l) => `${l.key} ${l.clip}`))}`,
  });
}

/** Drops the live connections that authenticated with `token` (app-page.ts). */
export { dropSockets } from './app-page.js';

// ── a server that can be stopped and started again ────────────────────────

/** As engines.ts's TEST_TMP (RAM when there is one), without its Redis probe: the bench imports this. */
const TMP = process.env.LUOT_TEST_TMP ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

export const RESTART_ADMIN_PASSWORD = 'display-admin-password';

export interface RestartableServer {
  url: string;
  /** Running and listening. */
  readonly up: boolean;
  /** The admin's bearer token (logged in again after each start). */
  adminToken(): string;
  /** POST as the admin, through inject() (works before the server listens). */
  post: Post;
  /** GET as the admin, through inject(). */
  get(url: string): Promise<Reply>;
  /** Writes an office's configuration to the store (as an admin's change would). */
  putOffice(office: OfficeConfig): Promise<void>;
  /** A device token (made through the admin API). */
  device(kind: 'display' | 'kiosk', officeId: string): Promise<{ token: string; deviceId: string }>;
  /** Stops listening and closes the store, as a crash or a restart would (sockets are dropped). */
  stop(): Promise<void>;
  /** Opens the same data again; `beforeListen` runs commands while nobody can connect yet. */
  start(beforeListen?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole app (buildApp) over the embedded engine with its journal and accounts in a temp
 * DATA_DIR, on a fixed port, on the real clock: stop() and start() keep the port and the data, like
 * restarting `npm start` on the office PC.
 */
export async function startRestartableServer(offices: OfficeConfig[]): Promise<RestartableServer> {
  const dataDir = await mkdtemp(join(TMP, 'luot-display-'));
  const accountsDir = join(dataDir, 'accounts');
  const journalDir = join(dataDir, 'journal');
  await mkdir(accountsDir);
  await mkdir(journalDir);
  const port = await freePort();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ADMIN_PASSWORD: RESTART_ADMIN_PASSWORD,
    DATA_DIR: dataDir,
  });
  let running: { app: FastifyInstance; store: MemoryStore; close(): Promise<void> } | undefined;
  let listening = false;
  let token = '';
  let first = true;

  const inject = async (url: string, payload: Record<string, unknown>, auth: string | undefined) => {
    if (!running) throw new Error('the server is stopped');
    return running.app.inject({
      method: 'POST',
      url,
      payload,
      headers: auth === undefined ? {} : { authorization: `Bearer ${auth}` },
    });
  };

  const open = async () => {
    const store = await MemoryStore.open({ dataDir: journalDir });
    const accounts = await FileAccountStore.open({ dataDir: accountsDir });
    if (first) {
      for (const o of offices) await store.putOffice(o);
      await ensureAdmin(accounts, config, { info() {}, warn() {} }, { scrypt: TEST_SCRYPT });
      first = false;
    }
    const app = await buildApp({ store, accounts, config });
    await app.ready();
    running = {
      app,
      store,
      async close() {
        await app.close();
        await accounts.close();
        await store.close();
      },
    };
    const login = await inject(
      '/api/auth/login',
      { username: config.adminUsername, password: RESTART_ADMIN_PASSWORD },
      undefined,
    );
    if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
    token = (login.json() as { token: string }).token;
  };

  const server: RestartableServer = {
    url: `http://127.0.0.1:${port}`,
    get up() {
      return listening;
    },
    adminToken: () => token,
    post: (url, payload = {}) => inject(url, payload, token),
    async get(url) {
      if (!running) throw new Error('the server is stopped');
      return running.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    },
    async putOffice(office) {
      if (!running) throw new Error('the server is stopped');
      await running.store.putOffice(office);
    },
    async device(kind, officeId) {
      const res = await inject('/api/admin/devices', { kind, officeId, name: `${kind} test` }, token);
      if (res.statusCode !== 201) throw new Error(`device: ${res.statusCode} ${res.body}`);
      const body = res.json() as { device: { id: string }; token: string };
      return { token: body.token, deviceId: body.device.id };
    },
    async stop() {
      const r = running;
      running = undefined;
      listening = false;
      await r?.close();
    },
    async start(beforeListen) {
      await open();
      await beforeListen?.();
      await running?.app.listen({ port, host: '127.0.0.1' });
      listening = true;
    },
    async close() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

/**
 * An init script: records, in page time (`performance.timeOrigin + performance.now()`, epoch ms),
 * when the latest call first showed each "number|counter" text — `window.__heroSeen`. Mutation
 * observers run right after the DOM changes, so this is when the display rendered the call.
 */
export const RECORD_HERO = `
  window.__heroSeen = {};
  const record = () => {
    const n = document.querySelector('.hero-number');
    if (!n) return;
    const c = document.querySelector('.hero-counter-text');
    const key = n.textContent + '|' + (c ? c.textContent : '');
    if (!(key in window.__heroSeen)) window.__heroSeen[key] = performance.timeOrigin + performance.now();
  };
  new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
`;
