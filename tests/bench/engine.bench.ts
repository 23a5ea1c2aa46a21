/**
 * `npm run bench`: pure engine throughput, both engines, each figure next to a ceiling measured in
 * the same run (docs/benchmarks.md explains the method and holds the latest numbers).
 *
 *   B0  ceilings: append + fdatasync (embedded engine); redis-benchmark INCR -P 1 / -P 16 and
 *       EVALSHA of the engine's real issue script (-c 1, -c 50 -P 1, -c 50 -P 16)
 *   B1  issue throughput, 1 and 50 commands in flight
 *   B2  call-next latency with 10, 1 000 and 100 000 tickets waiting, 20 counters calling
 *
 * Rounds interleave everything (A B A B …) after one warm-up round; every run is checked for
 * correctness from the store's event log. BENCH_QUICK=1 runs a ~1-minute smoke version,
 * BENCH_ROUNDS=n overrides the number of rounds, REDIS_URL picks the Redis (default local).
 * Writes bench-results/engine-<time>.json; exits 1 if any run was incorrect.
 */
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command, OfficeConfig } from '../../shared/domain/types.js';
import { OfficeChecker } from './lib/checker.js';
import { loadRedisEngine, openMemory, openRedis, type BenchEngine } from './lib/engines.js';
import { describeEnvironment } from './lib/environment.js';
import { evalshaArgs, prepareEvalsha, type EvalshaReference } from './lib/evalsha.js';
import { benchClock, benchOffice, benchOfficeId, counterIds } from './lib/office.js';
import { RedisProbe, topLevel } from './lib/redis-probe.js';
import { fsyncReference, hasRedisBenchmark, redisBenchmark, type FsyncReply } from './lib/references.js';
import { hostCpu, othersCores } from './lib/host.js';
import { printTable, writeResult, type Row } from './lib/report.js';
import { callNextRun, fillQueue, issueRun, openCounters, type RunResult } from './lib/scenarios.js';
import { printFlatness, Results, type Flatness } from './lib/summary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUICK = process.env.BENCH_QUICK === '1';

const plan = QUICK
  ? {
      rounds: 3,
      issueC1: 400,
      issueC50: 2_000,
      cycles: 500,
      fsync: 300,
      incrP1: 20_000,
      incrP16: 100_000,
      evalC1: 2_000,
      evalP1: 10_000,
      evalP16: 30_000,
    }
  : {
      rounds: 6,
      issueC1: 3_000,
      issueC50: 10_000,
      cycles: 5_000,
      fsync: 1_500,
      incrP1: 100_000,
      incrP16: 500_000,
      evalC1: 10_000,
      evalP1: 50_000,
      evalP16: 100_000,
    };
if (process.env.BENCH_ROUNDS) plan.rounds = Math.max(1, Number(process.env.BENCH_ROUNDS));
const SIZES = [10, 1_000, 100_000] as const;
const COUNTERS = 20;
const FILL_CHUNK = 20_000;

const loud = (line: string): void => console.warn(`\n!!! ${line}\n`);
const log = (line: string): void => console.log(line);

// ── results ────────────────────────────────────────────────────────────────

const results = new Results();
const violations: string[] = [];
const fills: Record<
  string,
  { tickets: number; seconds: number; opsPerSec: number; redisBytesPerTicket?: number }
> = {};
const commandLines = new Set<string>();

async function checked(label: string, checker: OfficeChecker, result: RunResult): Promise<void> {
  const problems = await checker.verify();
  for (const e of result.errors) problems.push(`command failed: ${e}`);
  if (problems.length > 0) {
    loud(`INCORRECT RUN ${label}:\n    ${problems.join('\n    ')}`);
    violations.push(...problems.map((p) => `${label}: ${p}`));
    checker.violations.length = 0;
  }
}

// ── setup ──────────────────────────────────────────────────────────────────

const clock = benchClock();
const environment = describeEnvironment(root, tmpdir());
const engines: BenchEngine[] = [];
let probe: RedisProbe | undefined;
let evalsha: EvalshaReference | undefined;
let incrKeyExisted = true;
const withRedisBenchmark = hasRedisBenchmark();

async function setup(): Promise<void> {
  engines.push(await openMemory(clock));
  try {
    probe = await RedisProbe.connect(REDIS_URL);
    environment.redis = await probe.serverVersion();
    environment.redisPersistence = await probe.persistence();
  } catch (err) {
    loud(`SKIPPING THE REDIS ENGINE AND REDIS CEILINGS: no Redis at ${REDIS_URL} (${String(err)})`);
    return;
  }
  const mod = await loadRedisEngine();
  if (typeof mod === 'string') {
    loud(`SKIPPING THE REDIS ENGINE: server/store/redis/redis-store.ts did not load (${mod})`);
  } else {
    engines.push(await openRedis(mod, REDIS_URL, probe, clock));
  }
  if (!withRedisBenchmark) {
    loud('SKIPPING THE REDIS CEILINGS: redis-benchmark not found (apt-get install redis-tools)');
    return;
  }
  incrKeyExisted = (await probe.client.exists('counter:__rand_int__')) === 1;
  const redis = engines.find((e) => e.name === 'redis');
  if (redis) {
    const office = benchOffice(benchOfficeId('evalsha'), 1);
    const svc = office.services[0];
    if (svc) svc.numbering = { ...svc.numbering, wrap: true };
    await redis.store.putOffice(office);
    try {
      evalsha = await prepareEvalsha(redis, REDIS_URL, office.id);
      log(
        `EVALSHA reference: issue script ${evalsha.sha}, ${evalsha.keys} keys; redis-cli reply: ${evalsha.reply}`,
      );
    } catch (err) {
      loud(`SKIPPING THE EVALSHA CEILING: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

// ── single runs ────────────────────────────────────────────────────────────

async function newOffice(engine: BenchEngine, label: string, counters: number): Promise<OfficeChecker> {
  const office: OfficeConfig = benchOffice(benchOfficeId(label), counters);
  await engine.store.putOffice(office);
  return new OfficeChecker(engine.store, office);
}

async function issueScenario(
  engine: BenchEngine,
  concurrency: number,
  count: number,
  keep: boolean,
): Promise<void> {
  const checker = await newOffice(engine, `i${concurrency}`, 1);
  const label = `${engine.name} issue c=${concurrency}`;
  const result = await issueRun(
    engine.store,
    checker,
    count,
    concurrency,
    engine.name === 'redis' ? probe : undefined,
  );
  await checked(label, checker, result);
  if (keep) {
    results.add(results.runs, label, result);
    results.noteShared(label, result.redis?.foreign ?? []);
  }
}

async function reference(key: string, args: string[], keep: boolean, officeId?: string): Promise<void> {
  if (!probe || !withRedisBenchmark) return;
  const redis = engines.find((e) => e.name === 'redis');
  const n = Number(args[args.indexOf('-n') + 1]);
  const clients = Number(args[args.indexOf('-c') + 1]);
  const seq0 = officeId && redis ? (await redis.store.getState(officeId)).seq : 0;
  const before = await probe.snapshot();
  const host0 = hostCpu();
  const reply = await redisBenchmark(REDIS_URL, args);
  const host1 = hostCpu();
  // redis-benchmark opens its clients plus one connection of its own for CONFIG GET.
  const delta = await probe.delta(before, clients + 2);
  const name = args.includes('EVALSHA') ? 'evalsha' : 'incr';
  const own = topLevel(delta, [name]);
  // The office's seq is the proof for a script: it moves by one per successful issue, whatever
  // else runs on the server. INCR cannot fail short of a wrong key type.
  let valid = own.calls >= n;
  let detail = `${own.calls} calls, ${own.failed} failed (server-wide)`;
  if (officeId && redis) {
    const seq1 = (await redis.store.getState(officeId)).seq;
    valid = seq1 - seq0 === n;
    detail = `the office seq moved by ${seq1 - seq0} for ${n} requests`;
  } else if (own.failed > 0) {
    valid = false;
  }
  if (!valid) {
    loud(`${key}: the benchmarked command did not succeed every time (${detail}) — figure not kept`);
    violations.push(`${key}: redis-benchmark replies were not all successful (${detail})`);
  }
  // Long arguments (the office JSON would be one) are shortened for the record.
  commandLines.add(reply.command.replace(/\S{80,}/g, '…'));
  if (!keep || !valid) return;
  results.add(results.refs, key, {
    ...reply,
    serverCpuUsPerOp: delta.cpuUs / n,
    commandUsPerCall: own.calls > 0 ? own.usec / own.calls : Number.NaN,
    othersCores: othersCores(host0, host1, reply.generatorCpuUsPerOp * n + delta.cpuUs),
    foreign: delta.foreign,
  });
  results.noteShared(key, delta.foreign);
}

async function fsyncScenario(count: number, round: FsyncReply[]): Promise<void> {
  const memory = engines.find((e) => e.name === 'memory');
  if (!memory) return;
  // The journal's real record of one issue (captured at the start), in the engine's data directory.
  round.push(await fsyncReference(memory.where, journalLine, count));
}

let journalLine = `${'x'.repeat(700)}\n`;

// ── call-next queues ───────────────────────────────────────────────────────

interface Queue {
  engine: BenchEngine;
  size: number;
  checker: OfficeChecker;
  counters: string[];
}
const queues: Queue[] = [];

async function prepareQueues(): Promise<void> {
  for (const engine of engines) {
    for (const size of SIZES) {
      const checker = await newOffice(engine, `q${size}`, COUNTERS);
      const counters = counterIds(COUNTERS);
      await openCounters(engine.store, checker.officeId, counters);
      const redisProbe = engine.name === 'redis' ? probe : undefined;
      const parts = await fillQueue(engine.store, checker, size, FILL_CHUNK, redisProbe);
      const seconds = parts.reduce((a, p) => a + p.seconds, 0);
      const bytes = parts.reduce((a, p) => a + (p.redis?.usedMemoryDelta ?? 0), 0);
      const fill: (typeof fills)[string] = { tickets: size, seconds, opsPerSec: size / seconds };
      if (engine.name === 'redis') fill.redisBytesPerTicket = bytes / size;
      fills[`${engine.name} q=${size}`] = fill;
      const problems = await checker.verify();
      if (problems.length > 0) violations.push(...problems.map((p) => `${engine.name} fill ${size}: ${p}`));
      for (const p of parts) for (const e of p.errors) violations.push(`${engine.name} fill ${size}: ${e}`);
      queues.push({ engine, size, checker, counters });
      log(`  ${engine.name}: ${size} waiting in ${seconds.toFixed(1)} s (${Math.round(size / seconds)}/s)`);
    }
  }
}

async function callNextScenario(q: Queue, cycles: number, keep: boolean): Promise<void> {
  const label = `${q.engine.name} call-next q=${q.size}`;
  const result = await callNextRun(
    q.engine.store,
    q.checker,
    q.counters,
    cycles,
    q.engine.name === 'redis' ? probe : undefined,
  );
  await checked(label, q.checker, result);
  if (q.checker.waitingCount < q.size)
    violations.push(`${label}: only ${q.checker.waitingCount} left waiting`);
  if (keep) {
    results.add(results.runs, label, result);
    results.noteShared(label, result.redis?.foreign ?? []);
  }
}

// ── one round ──────────────────────────────────────────────────────────────

async function round(scale: number, keep: boolean): Promise<void> {
  // A multiple of 16: with -P 16, redis-benchmark finishes its last pipeline and sends up to 15
  // requests more than -n otherwise, which the seq check would (rightly) flag.
  const n = (x: number): number => Math.max(16, Math.round((x * scale) / 16) * 16);
  const memory = engines.find((e) => e.name === 'memory');
  const redis = engines.find((e) => e.name === 'redis');
  const fsyncRound: FsyncReply[] = [];
  // B0/B1, interleaved: each engine run sits between the runs of its ceilings.
  await fsyncScenario(n(plan.fsync), fsyncRound);
  if (memory) await issueScenario(memory, 1, n(plan.issueC1), keep);
  if (evalsha)
    await reference('EVALSHA -c 1 -P 1', evalshaArgs(evalsha, n(plan.evalC1), 1, 1), keep, evalsha.officeId);
  if (redis) await issueScenario(redis, 1, n(plan.issueC1), keep);
  await reference(
    'INCR -c 50 -P 1',
    ['-c', '50', '-P', '1', '-n', String(n(plan.incrP1)), '-t', 'incr'],
    keep,
  );
  if (memory) await issueScenario(memory, 50, n(plan.issueC50), keep);
  if (evalsha)
    await reference(
      'EVALSHA -c 50 -P 1',
      evalshaArgs(evalsha, n(plan.evalP1), 50, 1),
      keep,
      evalsha.officeId,
    );
  if (redis) await issueScenario(redis, 50, n(plan.issueC50), keep);
  await reference(
    'INCR -c 50 -P 16',
    ['-c', '50', '-P', '16', '-n', String(n(plan.incrP16)), '-t', 'incr'],
    keep,
  );
  if (evalsha)
    await reference(
      'EVALSHA -c 50 -P 16',
      evalshaArgs(evalsha, n(plan.evalP16), 50, 16),
      keep,
      evalsha.officeId,
    );
  await fsyncScenario(n(plan.fsync), fsyncRound);
  if (keep && fsyncRound.length > 0) results.fsyncs.push(fsyncRound);
  // B2: sizes alternate A B C, engines alternate within each size.
  for (const size of SIZES) {
    for (const q of queues.filter((x) => x.size === size)) await callNextScenario(q, n(plan.cycles), keep);
  }
}

// ── main ───────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const started = performance.now();
  log(`Lượt engine bench${QUICK ? ' (BENCH_QUICK)' : ''}: ${plan.rounds} rounds after a warm-up`);
  // How busy is the machine before we start? Anything else running shows up in every figure.
  const idle0 = hostCpu();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const busyBefore = othersCores(idle0, hostCpu(), 0);
  if (busyBefore > 0.25) {
    loud(`THE MACHINE IS NOT QUIET: other processes keep ${busyBefore.toFixed(2)} cores busy — expect noise`);
  }
  await setup();
  log(`engines: ${engines.map((e) => `${e.name} (${e.where})`).join(', ')}`);
  const persistence = environment.redisPersistence;
  if (persistence) {
    const text = Object.entries(persistence).map(([k, v]) => `${k}=${v === '' ? "''" : v}`);
    log(`Redis persistence: ${text.join(' ')} (the embedded engine answers after fdatasync)`);
  }

  // The journal line of one real issue, for the fsync ceiling.
  const memory = engines.find((e) => e.name === 'memory');
  if (memory) {
    const checker = await newOffice(memory, 'line', 1);
    const issue: Command = { type: 'issue', serviceId: 'svc', channel: 'officer' };
    const event = await memory.store.execute(checker.officeId, issue);
    journalLine = `${JSON.stringify({ k: 'ev', e: event })}\n`;
  }

  log('filling the call-next queues …');
  await prepareQueues();
  log('warm-up round …');
  await round(0.25, false);
  for (let r = 1; r <= plan.rounds; r++) {
    const t = performance.now();
    await round(1, true);
    log(`round ${r}/${plan.rounds} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  const rows: Row[] = [];
  const push = (row: Row | undefined): void => {
    if (row) rows.push(row);
  };
  push(results.fsyncRow());
  for (const key of [
    'INCR -c 50 -P 1',
    'INCR -c 50 -P 16',
    'EVALSHA -c 1 -P 1',
    'EVALSHA -c 50 -P 1',
    'EVALSHA -c 50 -P 16',
  ]) {
    push(results.refRow(key));
  }
  const fsyncSeries = results.fsyncSeries();
  push(results.engineRow('B1', 'memory issue c=1', { name: 'fdatasync', series: fsyncSeries }));
  push(results.engineRow('B1', 'memory issue c=50', { name: 'fdatasync', series: fsyncSeries }));
  push(results.engineRow('B1', 'redis issue c=1', { name: 'EVALSHA -c 1 -P 1' }));
  push(results.engineRow('B1', 'redis issue c=50', { name: 'EVALSHA -c 50 -P 1' }));
  for (const engine of engines) {
    for (const size of SIZES) push(results.engineRow('B2', `${engine.name} call-next q=${size}`));
  }
  const flat = engines
    .map((e) => results.flatness(e.name, SIZES))
    .filter((f): f is Flatness => f !== undefined);

  console.log('');
  printTable(rows);
  console.log(
    'B1/B2 latency: call to durable answer. B2 ops/s: call cycles (refill issue + call-next + complete) ' +
      'per second, 20 counters at once. client CPU: the bench process (B0: redis-benchmark). ' +
      'others: cores busy with other processes.',
  );
  if (results.shared.size > 0) {
    console.log('* another client used the same Redis during some runs (its load is in the Redis figures):');
    for (const [label, s] of results.shared)
      console.log(`    ${label}: ${s.runs} run(s), e.g. ${[...s.seen].join('; ')}`);
  }
  for (const f of flat) {
    console.log('');
    printFlatness(f);
  }
  console.log('');
  for (const [k, v] of Object.entries(fills)) {
    console.log(
      `fill ${k}: ${Math.round(v.opsPerSec)} issues/s (50 in flight)` +
        (v.redisBytesPerTicket !== undefined
          ? `, Redis ${Math.round(v.redisBytesPerTicket)} B per waiting ticket`
          : ''),
    );
  }

  const seconds = (performance.now() - started) / 1000;
  const file = await writeResult(root, 'engine', {
    environment,
    plan: { ...plan, sizes: SIZES, counters: COUNTERS, quick: QUICK, seconds },
    busyCoresBeforeStart: busyBefore,
    commandLines: [...commandLines],
    evalsha: evalsha && {
      sha: evalsha.sha,
      keys: evalsha.keys,
      randomized: evalsha.randomized,
      reply: evalsha.reply,
    },
    summary: rows,
    flatness: flat,
    fills,
    correctness: { ok: violations.length === 0, violations },
    sharedRedis: Object.fromEntries(
      [...results.shared].map(([k, v]) => [k, { runs: v.runs, seen: [...v.seen] }]),
    ),
    rounds: {
      engine: Object.fromEntries(results.runs),
      references: Object.fromEntries(results.refs),
      fsync: results.fsyncs,
    },
  });
  console.log(`\nwritten ${file} (${seconds.toFixed(0)} s)`);
  if (violations.length > 0) {
    loud(`CORRECTNESS FAILED in ${violations.length} check(s): the figures above do not count`);
    process.exitCode = 1;
  } else {
    console.log('correctness: every run checked, no violation');
  }
}

let cleaning: Promise<void> | undefined;
/** Closes the stores, deletes what they wrote (once, whichever of exit or Ctrl-C comes first). */
function cleanup(): Promise<void> {
  cleaning ??= closeAll();
  return cleaning;
}

async function closeAll(): Promise<void> {
  for (const e of engines) {
    try {
      await e.close();
    } catch (err) {
      loud(`cleanup of ${e.name} failed: ${String(err)}`);
    }
  }
  if (probe) {
    if (!incrKeyExisted) await probe.client.del('counter:__rand_int__');
    await probe.close();
  }
}

let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  loud('interrupted: cleaning up (Redis namespace, data directory)');
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
