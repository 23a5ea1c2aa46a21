/**
 * `npm run bench:http`: ticket issue through the real HTTP API (`POST /api/offices/:officeId/tickets`
 * with a kiosk device token), both engines, 1 office and 100 offices, against Fastify hello-world
 * measured in the same run (docs/benchmarks.md explains the method and holds the latest numbers).
 *
 * Processes: each server (hello-world, the app on the embedded engine, the app on Redis) in its own
 * child process, kept for the whole bench; autocannon in one more (http-load.ts). The bench process
 * only orchestrates, reads /proc/<pid>/stat of the server and INFO of Redis around each run, and
 * checks every run against the store's own event log.
 *
 * A round: H M1 H M100 H R1 H R100 H G — every issue run sits between two hello-world runs (H) and
 * its ratio is taken to their mean, per round; G is the canonical `GET /` hello-world, for the
 * record. One warm-up round first (checked, not kept; it also sizes the runs so each lasts about
 * BENCH_SECONDS), then the rounds, then latency at 50 % and 80 % of each scenario's median
 * throughput (autocannon -R: rate-limited, coordinated omission corrected).
 *
 * BENCH_QUICK=1 (smoke, ~1½ min), BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS (default 50),
 * REDIS_URL (default redis://127.0.0.1:6379), BENCH_PROFILE=1 (CPU profiles of the servers during
 * the measured rounds, summarised at the end; the figures then include the profiler's cost),
 * BENCH_LOG_LEVEL (default warn).
 * Writes bench-results/http-<time>.json; exits 1 if any run was incorrect.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OfficeConfig } from '../../shared/domain/types.js';
import { OfficeChecker } from './lib/checker.js';
import { summarizeCpuProfile, type CpuProfile } from './lib/cpu-profile.js';
import { deleteNamespace } from './lib/engines.js';
import { describeEnvironment } from './lib/environment.js';
import { hostCpu, othersCores } from './lib/host.js';
import { startGenerator, startServer, type Generator, type ServerChild } from './lib/http-children.js';
import type { LoadReply, LoadTarget } from './lib/http-load.js';
import { BENCH_SERVICE, benchOffice } from './lib/office.js';
import { RedisProbe } from './lib/redis-probe.js';
import { fmt, spreadOf, writeResult } from './lib/report.js';
import { median, spread, type Spread } from './lib/stats.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUICK = process.env.BENCH_QUICK === '1';
const PROFILE = process.env.BENCH_PROFILE === '1';
const plan = {
  rounds: Number(process.env.BENCH_ROUNDS ?? (QUICK ? 3 : 5)),
  seconds: Number(process.env.BENCH_SECONDS ?? (QUICK ? 1.5 : 5)),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  warmupRequests: QUICK ? 2_000 : 5_000,
  offices: 100,
  latencyFractions: [0.5, 0.8],
};
const MAX_REQUESTS_PER_RUN = 100_000;
const BODY = JSON.stringify({ serviceId: BENCH_SERVICE });

const loud = (line: string): void => console.warn(`\n!!! ${line}\n`);
const log = (line: string): void => console.log(line);

// ── scenarios ──────────────────────────────────────────────────────────────

interface Scenario {
  key: string;
  server: ServerChild;
  method: 'GET' | 'POST';
  body?: string;
  targets: LoadTarget[];
  /** Issue scenarios: one checker per target, same order. */
  checkers?: OfficeChecker[];
  redis: boolean;
  /** Issue scenarios: a fresh set of offices (and their kiosks) before each measured run. */
  refresh?: (label: string) => Promise<void>;
}

interface RunFigures {
  rps: number;
  seconds: number;
  requests: number;
  latencyMs: LoadReply['latencyMs'];
  serverCpuUsPerReq: number;
  generatorCpuUsPerReq: number;
  redisCpuUsPerReq?: number;
  othersCores: number;
  foreignRedisClients: string[];
  /** Redis commands per request (INFO commandstats; calls made inside scripts listed too). */
  redisCommands?: Record<string, { callsPerReq: number; usPerReq: number }>;
  correct: boolean;
}

const violations: string[] = [];
const runs = new Map<string, RunFigures[]>();
const latencyRuns: { key: string; fraction: number; rate: number; figures: RunFigures }[] = [];
const amounts: Record<string, number> = {};

let generator: Generator;
let probe: RedisProbe | undefined;
let redisNamespace: string | undefined;
const servers: ServerChild[] = [];
let tmp: string | undefined;
let profileDir: string | undefined;

async function measure(s: Scenario, opts: { amount: number; rate?: number }): Promise<RunFigures> {
  const redis0 = s.redis && probe ? await probe.snapshot() : undefined;
  const host0 = hostCpu();
  const server0 = s.server.cpuUs();
  const self0 = process.cpuUsage();
  const reply = await generator.run({
    url: s.server.url,
    method: s.method,
    ...(s.body !== undefined && { body: s.body }),
    targets: s.targets,
    connections: Math.min(plan.connections, opts.amount),
    amount: opts.amount,
    ...(opts.rate !== undefined && { rate: opts.rate }),
    timeoutSeconds: 10,
  });
  const serverUs = s.server.cpuUs() - server0;
  const self = process.cpuUsage(self0);
  const host1 = hostCpu();
  const delta = s.redis && probe && redis0 ? await probe.delta(redis0) : undefined;
  const own = serverUs + reply.cpuUs + self.user + self.system + (delta?.cpuUs ?? 0);
  const n = reply.status['2xx'] || reply.requests || 1;
  const figures: RunFigures = {
    rps: reply.rps,
    seconds: reply.seconds,
    requests: reply.requests,
    latencyMs: reply.latencyMs,
    serverCpuUsPerReq: serverUs / n,
    generatorCpuUsPerReq: reply.cpuUs / n,
    othersCores: othersCores(host0, host1, own),
    foreignRedisClients: delta?.foreign ?? [],
    correct: await check(s, reply, opts.amount),
  };
  if (delta) {
    figures.redisCpuUsPerReq = delta.cpuUs / n;
    figures.redisCommands = Object.fromEntries(
      Object.entries(delta.commands).map(([name, c]) => [
        name,
        { callsPerReq: c.calls / n, usPerReq: c.usec / n },
      ]),
    );
  }
  return figures;
}

/**
 * Correctness of one run: every request answered 2xx; for the issue scenarios, each office's
 * event log (read from the server's own store) holds exactly the tickets acknowledged, numbered
 * without gap or duplicate (OfficeChecker), and the store's state agrees with the log.
 */
async function check(s: Scenario, reply: LoadReply, amount: number): Promise<boolean> {
  const problems: string[] = [];
  if (reply.errors > 0) problems.push(`${reply.errors} connection errors`);
  if (reply.timeouts > 0) problems.push(`${reply.timeouts} timeouts`);
  const codes = Object.entries(reply.codes);
  if (codes.length > 0) problems.push(`non-2xx answers: ${codes.map(([c, n]) => `${n} × ${c}`).join(', ')}`);
  if (reply.status['2xx'] !== amount)
    problems.push(`${reply.status['2xx']} 2xx answers for ${amount} requests`);
  if (s.checkers) {
    const seenBefore = s.checkers.reduce((a, c) => a + c.seen.issued, 0);
    s.checkers.forEach((c, i) => {
      c.acked.issued += reply.perTarget[i] ?? 0;
    });
    for (const c of s.checkers) {
      problems.push(...(await c.verify()));
      c.violations.length = 0;
    }
    const created = s.checkers.reduce((a, c) => a + c.seen.issued, 0) - seenBefore;
    if (created !== reply.status['2xx'])
      problems.push(`${reply.status['2xx']} 2xx answers but ${created} tickets in the event log`);
  }
  if (problems.length === 0) return true;
  loud(`INCORRECT RUN ${s.key}:\n    ${problems.slice(0, 20).join('\n    ')}`);
  violations.push(...problems.map((p) => `${s.key}: ${p}`));
  return false;
}

// ── setup ──────────────────────────────────────────────────────────────────

function officesOf(): OfficeConfig[] {
  const list = [benchOffice('solo', 1)];
  for (let i = 1; i <= plan.offices; i++) list.push(benchOffice(`o${String(i).padStart(3, '0')}`, 1));
  return list;
}

async function api<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token !== undefined && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * The engine's server, with a kiosk device per office made through the real API: the admin logs
 * in (`POST /api/auth/login`) and pairs the devices (`POST /api/admin/devices`).
 */
interface AppEngine {
  name: 'memory' | 'redis';
  server: ServerChild;
  /** The admin's session token (from the login API). */
  admin: string;
  tokens: Map<string, string>;
  checkers: Map<string, OfficeChecker>;
}

async function pairKiosk(e: AppEngine, officeId: string): Promise<void> {
  const device = await api<{ token: string }>(
    e.server.url,
    '/api/admin/devices',
    { kind: 'kiosk', officeId, name: `Bench kiosk ${officeId}` },
    e.admin,
  );
  e.tokens.set(officeId, device.token);
}

/** New offices through the admin API (`POST /api/admin/offices`), a kiosk each, a checker each. */
async function freshOffices(
  e: AppEngine,
  ids: string[],
): Promise<{ targets: LoadTarget[]; checkers: OfficeChecker[] }> {
  const targets: LoadTarget[] = [];
  const checkers: OfficeChecker[] = [];
  for (const id of ids) {
    const office = benchOffice(id, 1);
    await api(e.server.url, '/api/admin/offices', office, e.admin);
    await pairKiosk(e, id);
    const checker = new OfficeChecker(e.server.store, office);
    e.checkers.set(id, checker);
    targets.push({ path: `/api/offices/${id}/tickets`, token: e.tokens.get(id) as string });
    checkers.push(checker);
  }
  return { targets, checkers };
}

/**
 * The engine's server, with its offices seeded from OFFICES_FILE and a kiosk device per office
 * made through the real API: the admin logs in (`POST /api/auth/login`) and pairs the devices
 * (`POST /api/admin/devices`).
 */
async function appServer(
  engine: 'memory' | 'redis',
  offices: OfficeConfig[],
  officesFile: string,
): Promise<AppEngine> {
  const password = randomBytes(12).toString('base64url');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BENCH_SERVER: 'app',
    OFFICES_FILE: officesFile,
    ADMIN_USERNAME: 'bench',
    ADMIN_PASSWORD: password,
    DATA_DIR: join(tmp as string, `data-${engine}`),
  };
  delete env.REDIS_URL;
  if (engine === 'redis') {
    env.REDIS_URL = REDIS_URL;
    env.BENCH_NAMESPACE = redisNamespace;
  }
  const before = engine === 'redis' && probe ? await probe.clientIds() : undefined;
  const server = await startServer(engine, env);
  servers.push(server);
  const { token } = await api<{ token: string }>(server.url, '/api/auth/login', {
    username: 'bench',
    password,
  });
  const e: AppEngine = { name: engine, server, admin: token, tokens: new Map(), checkers: new Map() };
  for (const office of offices) {
    await pairKiosk(e, office.id);
    e.checkers.set(office.id, new OfficeChecker(server.store, office));
  }
  if (before && probe) await probe.adoptNewClients(before);
  return e;
}

// ── rounds ─────────────────────────────────────────────────────────────────

function add(key: string, f: RunFigures): void {
  const list = runs.get(key) ?? [];
  list.push(f);
  runs.set(key, list);
}

async function round(
  order: Scenario[],
  label: string | undefined,
  amountOf: (s: Scenario) => number,
): Promise<void> {
  const keep = label !== undefined;
  for (const s of order) {
    if (keep && s.refresh) await s.refresh(label);
    const f = await measure(s, { amount: amountOf(s) });
    if (keep) add(s.key, f);
    else if (!amounts[s.key]) {
      // Size the measured runs from the warm-up: about plan.seconds each.
      const n = Math.round((f.rps * plan.seconds) / 100) * 100;
      amounts[s.key] = Math.max(1_000, Math.min(MAX_REQUESTS_PER_RUN, n));
    }
  }
}

// ── report ─────────────────────────────────────────────────────────────────

interface Row {
  key: string;
  rps: Spread;
  ratio?: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  serverCpu: Spread;
  redisCpu?: Spread;
  generatorCpu: Spread;
  others: Spread;
  shared: number;
}

/** Per round: each issue run ÷ the mean of the two hello-world runs around it. */
function ratioSeries(order: Scenario[], key: string): number[] {
  const i = order.findIndex((s) => s.key === key);
  const hello = runs.get('hello POST') ?? [];
  const list = runs.get(key) ?? [];
  // Hello runs per round: count of H in the order; this scenario's neighbours are H number k and k+1.
  const perRound = order.filter((s) => s.key === 'hello POST').length;
  const k = order.slice(0, i).filter((s) => s.key === 'hello POST').length - 1;
  return list.map((f, r) => {
    const before = hello[r * perRound + k]?.rps ?? Number.NaN;
    const after = hello[r * perRound + k + 1]?.rps ?? before;
    return f.rps / ((before + after) / 2);
  });
}

function rowOf(order: Scenario[], key: string): Row | undefined {
  const list = runs.get(key);
  if (!list || list.length === 0) return undefined;
  const row: Row = {
    key,
    rps: spreadOf(list, (f) => f.rps),
    p50Ms: spreadOf(list, (f) => f.latencyMs.p50),
    p99Ms: spreadOf(list, (f) => f.latencyMs.p99),
    serverCpu: spreadOf(list, (f) => f.serverCpuUsPerReq),
    generatorCpu: spreadOf(list, (f) => f.generatorCpuUsPerReq),
    others: spreadOf(list, (f) => f.othersCores),
    shared: list.filter((f) => f.foreignRedisClients.length > 0).length,
  };
  if (list[0]?.redisCpuUsPerReq !== undefined) row.redisCpu = spreadOf(list, (f) => f.redisCpuUsPerReq);
  if (key !== 'hello POST' && key !== 'hello GET /') row.ratio = spread(ratioSeries(order, key));
  return row;
}

function printRows(rows: Row[]): void {
  const head = [
    'scenario',
    'req/s median [min–max]',
    '× hello-world, per round',
    'p50 ms',
    'p99 ms',
    'server CPU µs/req',
    'Redis CPU µs/req',
    'generator CPU µs/req',
    'others',
  ];
  const body = rows.map((r) => [
    `${r.key}${r.shared > 0 ? ' *' : ''}`,
    fmt(r.rps),
    r.ratio ? fmt(r.ratio) : '',
    fmt(r.p50Ms, false),
    fmt(r.p99Ms, false),
    fmt(r.serverCpu, false),
    r.redisCpu ? fmt(r.redisCpu, false) : '',
    fmt(r.generatorCpu, false),
    `${fmt(r.others, false)} cores`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' │ ');
  log(line(head));
  log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const b of body) log(line(b));
}

// ── main ───────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const started = performance.now();
  log(
    `Lượt HTTP bench${QUICK ? ' (BENCH_QUICK)' : ''}: ${plan.rounds} rounds after a warm-up, ` +
      `-c ${plan.connections}, ~${plan.seconds} s per run${PROFILE ? ', CPU profiles ON (slower)' : ''}`,
  );
  const idle0 = hostCpu();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const busyBefore = othersCores(idle0, hostCpu(), 0);
  if (busyBefore > 0.25) {
    loud(`THE MACHINE IS NOT QUIET: other processes keep ${busyBefore.toFixed(2)} cores busy — expect noise`);
  }

  tmp = await mkdtemp(join(tmpdir(), 'luot-http-bench-'));
  const environment = describeEnvironment(root, tmp);
  const autocannonPkg = JSON.parse(
    await readFile(join(root, 'node_modules', 'autocannon', 'package.json'), 'utf8'),
  ) as { version: string };
  environment.packages.autocannon = autocannonPkg.version;
  if (PROFILE) {
    profileDir = join(root, 'bench-results', `profiles-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    await mkdir(profileDir, { recursive: true });
  }

  try {
    probe = await RedisProbe.connect(REDIS_URL);
    environment.redis = await probe.serverVersion();
    environment.redisPersistence = await probe.persistence();
    redisNamespace = `luotbench${Math.random().toString(36).slice(2, 8)}`;
  } catch (err) {
    loud(`SKIPPING THE REDIS ENGINE: no Redis at ${REDIS_URL} (${String(err)})`);
    probe = undefined;
  }

  const offices = officesOf();
  const officesFile = join(tmp, 'offices.json');
  await writeFile(officesFile, JSON.stringify({ offices }));

  log('starting the servers and the generator …');
  const hello = await startServer('hello', { ...process.env, BENCH_SERVER: 'hello' });
  servers.push(hello);
  const engines = [await appServer('memory', offices, officesFile)];
  if (probe) engines.push(await appServer('redis', offices, officesFile));
  generator = await startGenerator();
  log(
    `servers: ${servers.map((s) => `${s.name} pid ${s.pid} ${s.url}`).join(', ')}; generator pid ${generator.pid}`,
  );

  const many = offices.slice(1);
  const memoryTokens = engines[0]?.tokens ?? new Map<string, string>();
  const officeIds = (label: string, n: number): string[] =>
    n === 1
      ? [`${label}-solo`]
      : Array.from({ length: n }, (_, i) => `${label}-o${String(i + 1).padStart(3, '0')}`);
  const helloPost: Scenario = {
    key: 'hello POST',
    server: hello,
    method: 'POST',
    body: BODY,
    // The very requests of the 100-office scenario (paths, kiosk tokens, body).
    targets: many.map((o) => ({
      path: `/api/offices/${o.id}/tickets`,
      token: memoryTokens.get(o.id) ?? 'x',
    })),
    redis: false,
  };
  const helloGet: Scenario = {
    key: 'hello GET /',
    server: hello,
    method: 'GET',
    targets: [{ path: '/' }],
    redis: false,
  };
  // The warm-up uses the offices of OFFICES_FILE; every measured run a fresh set, so each run
  // starts from empty queues (the 1-office queue still grows to the run's size within the run).
  const issue = (e: AppEngine, list: OfficeConfig[]): Scenario => {
    const s: Scenario = {
      key: `${e.name} issue, ${list.length} office${list.length > 1 ? 's' : ''}`,
      server: e.server,
      method: 'POST',
      body: BODY,
      targets: list.map((o) => ({
        path: `/api/offices/${o.id}/tickets`,
        token: e.tokens.get(o.id) as string,
      })),
      checkers: list.map((o) => e.checkers.get(o.id) as OfficeChecker),
      redis: e.name === 'redis',
    };
    s.refresh = async (label) => {
      const fresh = await freshOffices(e, officeIds(label, list.length));
      s.targets = fresh.targets;
      s.checkers = fresh.checkers;
    };
    return s;
  };
  const order: Scenario[] = [helloPost];
  for (const e of engines) order.push(issue(e, offices.slice(0, 1)), helloPost, issue(e, many), helloPost);
  order.push(helloGet);
  const issueKeys = order.filter((s) => s.checkers).map((s) => s.key);

  log('warm-up round (checked, not kept; sizes the runs) …');
  await round(order, undefined, () => plan.warmupRequests);
  log(
    `requests per run: ${Object.entries(amounts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  // Profiles cover the measured rounds only: no start-up, no module loading, no warm-up.
  if (profileDir) for (const s of servers) await s.profileStart();
  for (let r = 1; r <= plan.rounds; r++) {
    const t = performance.now();
    await round(order, `r${r}`, (s) => amounts[s.key] ?? plan.warmupRequests);
    log(`round ${r}/${plan.rounds} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const profileFiles = new Map<string, string>();
  if (profileDir) {
    for (const s of servers) {
      const file = join(profileDir, `${s.name}.cpuprofile`);
      await s.profileStop(file);
      profileFiles.set(s.name, file);
    }
  }

  log('latency at 50 % and 80 % of each scenario’s median throughput (rate-limited, CO corrected) …');
  const unique = [...new Map(order.map((s) => [s.key, s])).values()].filter((s) => s.key !== 'hello GET /');
  for (const s of unique) {
    const rps = median((runs.get(s.key) ?? []).map((f) => f.rps));
    for (const fraction of plan.latencyFractions) {
      const rate = Math.max(10, Math.round(rps * fraction));
      const amount = Math.max(500, Math.min(MAX_REQUESTS_PER_RUN, Math.round(rate * plan.seconds)));
      if (s.refresh) await s.refresh(`l${fraction * 100}`);
      latencyRuns.push({ key: s.key, fraction, rate, figures: await measure(s, { amount, rate }) });
    }
  }

  // ── report ──
  const keys = [...new Set(order.map((s) => s.key))];
  const rows = keys.map((k) => rowOf(order, k)).filter((r): r is Row => r !== undefined);
  log('');
  printRows(rows);
  log('');
  log('latency, rate-limited (autocannon -R, coordinated omission corrected), ms:');
  for (const l of latencyRuns) {
    const m = l.figures.latencyMs;
    log(
      `  ${l.key.padEnd(28)} ${String(l.fraction * 100).padStart(3)} % = ${String(l.rate).padStart(6)}/s: ` +
        `p50 ${m.p50}  p90 ${m.p90}  p99 ${m.p99}  max ${m.max}` +
        `  (server CPU ${l.figures.serverCpuUsPerReq.toFixed(0)} µs/req)`,
    );
  }
  const targets = issueKeys.map((key) => {
    const row = rows.find((r) => r.key === key);
    const target = key.startsWith('redis') ? 0.5 : 0.7;
    const ratio = row?.ratio?.median ?? Number.NaN;
    return { key, target, ratio, min: row?.ratio?.min, max: row?.ratio?.max, met: ratio >= target };
  });
  log('');
  for (const t of targets) {
    log(
      `  ${t.met ? 'MET   ' : 'MISSED'} ${t.key}: ${t.ratio.toFixed(2)} × hello-world ` +
        `[${t.min?.toFixed(2)}–${t.max?.toFixed(2)}], target ≥ ${t.target}`,
    );
  }
  const shared = rows.filter((r) => r.shared > 0);
  if (shared.length > 0) log('  * another client used the same Redis during some runs of this row');
  // What one request asks of Redis, from the last measured run of each Redis scenario.
  for (const key of issueKeys.filter((k) => k.startsWith('redis'))) {
    const last = runs.get(key)?.at(-1)?.redisCommands;
    if (!last) continue;
    const list = Object.entries(last)
      .filter(([, c]) => c.callsPerReq >= 0.05)
      .sort((a, b) => b[1].usPerReq - a[1].usPerReq)
      .map(([name, c]) => `${name} ${c.callsPerReq.toFixed(2)} (${c.usPerReq.toFixed(1)} µs)`);
    log(`  Redis commands per request, ${key}: ${list.join(', ')}`);
  }

  let profiles: Record<string, unknown> | undefined;
  if (profileFiles.size > 0) {
    profiles = {};
    for (const [name, file] of profileFiles) {
      const summary = summarizeCpuProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile, root);
      profiles[name] = { file, ...summary };
      log(
        `\nCPU profile of ${name}, measured rounds only (${file}), ${summary.busySeconds.toFixed(1)} s busy:`,
      );
      for (const a of summary.areas.slice(0, 20)) log(`  ${a.share.toFixed(1).padStart(5)} %  ${a.area}`);
      log('  top functions (self time):');
      for (const fn of summary.top.slice(0, 25))
        log(`  ${fn.share.toFixed(1).padStart(5)} %  ${fn.name}  ${fn.where}`);
      log('  our functions (inclusive time):');
      for (const fn of summary.ours.slice(0, 20))
        log(`  ${fn.share.toFixed(1).padStart(5)} %  ${fn.name}  ${fn.where}`);
    }
  }

  const seconds = (performance.now() - started) / 1000;
  const file = await writeResult(root, 'http', {
    bench: 'http',
    environment,
    settings: {
      ...plan,
      quick: QUICK,
      profile: PROFILE,
      logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
      body: BODY,
      order: order.map((s) => s.key),
      requestsPerRun: amounts,
      autocannon: `connections ${plan.connections}, pipelining 1, amount = requests per run, timeout 10 s`,
    },
    durationSeconds: seconds,
    rows,
    targets,
    latency: latencyRuns,
    correctness: { ok: violations.length === 0, violations },
    rounds: Object.fromEntries(runs),
    ...(profiles && { profiles }),
  });
  log(`\nwritten ${file} (${seconds.toFixed(0)} s)`);
  if (violations.length > 0) {
    loud(`CORRECTNESS FAILED in ${violations.length} check(s): the figures above do not count`);
    process.exitCode = 1;
  } else {
    log('correctness: every run checked, no violation');
  }
}

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await generator?.stop().catch(() => undefined);
    for (const s of servers) await s.stop().catch(() => undefined);
    if (probe) {
      if (redisNamespace) await deleteNamespace(probe, redisNamespace).catch(() => undefined);
      await probe.close();
    }
    if (tmp) await rm(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}

let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  loud('interrupted: cleaning up (servers, Redis namespace, data directory)');
  void cleanup().finally(() => process.exit(130));
});

try {
  await main();
} catch (err) {
  if (!interrupted) loud(`BENCH FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
