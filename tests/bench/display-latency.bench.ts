/**
 * `npm run bench:display`: how long a call takes to reach the hall display's screen. N calls
 * (default 200) are made through the real HTTP API (`POST …/counters/:counterId/call-next`, over
 * loopback) against the whole app (buildApp, embedded engine, real clock), with the display
 * (/display/, the built app) open in headless Chromium as TVs run it (sound allowed). In the page, a
 * MutationObserver records when the latest call's text first shows each "number|counter"
 * (`performance.timeOrigin + performance.now()`); the bench compares it with the time the API's
 * answer arrived here (same machine, same clock) — and with the time the request left.
 *
 * One call at a time, over four counters (the counter's previous ticket is completed first),
 * after 10 warm-up calls not counted. Bounded: DISPLAY_BENCH_CALLS (≤ 2000), 5 s per call at most.
 * Prints p50/p95/p99/max and writes bench-results/display-latency-<time>.json; exits 1 if a call
 * never showed. Target (docs/benchmarks.md): p95 < 250 ms from the answer to the screen.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { buildAppsIfStale } from '../../scripts/build-apps.js';
import {
  allDaySessions,
  AUTOPLAY_ARGS,
  desk,
  displayOffice,
  manyCounters,
  openDisplay,
  RECORD_HERO,
  startRestartableServer,
} from '../helpers/display-page.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/tools.js';
import { describeEnvironment } from './lib/environment.js';
import { percentile, sorted } from './lib/stats.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CALLS = Math.min(2_000, Math.max(1, Number(process.env.DISPLAY_BENCH_CALLS ?? 200)));
const WARMUP = 10;
const COUNTERS = ['c1', 'c2', 'c3', 'c4'];
const PER_CALL_TIMEOUT_MS = 5_000;

const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  await buildAppsIfStale();
  const office = displayOffice({
    id: 'bench-display',
    sessions: allDaySessions(),
    counters: manyCounters(COUNTERS.length),
    voice: { repeat: 1 },
  });
  const server = await startRestartableServer([office]);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...AUTOPLAY_ARGS],
  });
  let missed = 0;
  try {
    const d = desk(server.post, office.id);
    await d.open(...COUNTERS);
    for (let i = 0; i < CALLS + WARMUP + COUNTERS.length; i++) await d.issue('civ');
    const device = await server.device('display', office.id);
    const display = await openDisplay(browser, {
      url: server.url,
      device: { token: device.token, officeId: office.id },
      beforeLoad: async (page) => void (await page.addInitScript({ content: RECORD_HERO })),
    });
    const holding = new Map<string, boolean>();
    const fromAnswer: number[] = [];
    const fromRequest: number[] = [];
    for (let i = 0; i < CALLS + WARMUP; i++) {
      const counterId = COUNTERS[i % COUNTERS.length] as string;
      if (holding.get(counterId)) await d.act(counterId, 'complete');
      const sent = now();
      const res = await fetch(`${server.url}/api/offices/${office.id}/counters/${counterId}/call-next`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminToken()}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const answered = now();
      const body = (await res.json()) as { ticket: { number: string } | null };
      if (!res.ok || !body.ticket)
        throw new Error(`call-next at ${counterId}: ${res.status} ${JSON.stringify(body)}`);
      holding.set(counterId, true);
      const key = `${body.ticket.number}|QUẦY ${counterId.slice(1)}`;
      const shown = await display.eval<number>(`new Promise((resolve) => {
        const key = ${JSON.stringify(key)};
        const seen = () => window.__heroSeen[key];
        if (seen() !== undefined) return resolve(seen());
        const observer = new MutationObserver(() => {
          if (seen() !== undefined) { observer.disconnect(); resolve(seen()); }
        });
        observer.observe(document, { subtree: true, childList: true, characterData: true });
        setTimeout(() => { observer.disconnect(); resolve(-1); }, ${PER_CALL_TIMEOUT_MS});
      })`);
      if (shown < 0) {
        missed++;
        continue;
      }
      if (i >= WARMUP) {
        fromAnswer.push(shown - answered);
        fromRequest.push(shown - sent);
      }
    }
    await display.close();

    const summary = (values: number[]) => {
      const s = sorted(values);
      const r = (v: number) => Math.round(v * 10) / 10;
      return {
        n: s.length,
        p50: r(percentile(s, 50)),
        p95: r(percentile(s, 95)),
        p99: r(percentile(s, 99)),
        max: r(s[s.length - 1] ?? Number.NaN),
        min: r(s[0] ?? Number.NaN),
      };
    };
    const result = {
      calls: CALLS,
      missed,
      answerToScreenMs: summary(fromAnswer),
      requestToScreenMs: summary(fromRequest),
      environment: describeEnvironment(ROOT, tmpdir()),
    };
    const a = result.answerToScreenMs;
    const q = result.requestToScreenMs;
    console.log(`display latency, ${a.n} calls (${missed} never shown):`);
    console.log(
      `  API answer → on screen: p50 ${a.p50} ms, p95 ${a.p95} ms, p99 ${a.p99} ms, max ${a.max} ms (min ${a.min})`,
    );
    console.log(
      `  request sent → on screen: p50 ${q.p50} ms, p95 ${q.p95} ms, p99 ${q.p99} ms, max ${q.max} ms`,
    );
    console.log(`  target p95 < 250 ms: ${a.p95 < 250 ? 'met' : 'MISSED'}`);
    const dir = join(ROOT, 'bench-results');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `display-latency-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(file, JSON.stringify(result, null, 2) + '\n');
    console.log(`  written to ${file}`);
  } finally {
    await browser.close();
    await server.close();
  }
  if (missed > 0) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
