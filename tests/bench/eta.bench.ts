/**
 * `npm run bench:eta`: how well the wait-time estimator predicts, against an oracle and the seven
 * baselines, on a seeded simulation of office days that drives the real engine (docs/wait-time.md
 * explains the method and holds the latest numbers; ../shared/brief/wait-time.md is the spec).
 *
 *   speed     deterministic pass + 100 Monte Carlo passes for 60 waiting tickets, 6 counters
 *   base      the ward office, strict preference;  oldest   oldest eligible first
 *   staggered lunch pauses in turns inside one long session;  mms   a stationary M/M/100 at 0.95
 *
 * Each scenario × seed runs in a child process (BENCH_JOBS at a time): warm-up days (learning
 * only), then test days on which every predictor is asked at every issue and at every display
 * tick, and scored once the truth is known. BENCH_QUICK=1 is a ~1-minute smoke run. Bounded: a
 * fixed number of simulated days, then it prints the tables and gates and writes
 * bench-results/eta-<time>.json. A gate not met is a result, not an error: the exit code is 0
 * unless something failed.
 *
 * Overrides: BENCH_SEEDS=3 (number of seeds), BENCH_WARMUP_DAYS, BENCH_TEST_DAYS, BENCH_PASSES
 * (Monte Carlo passes at issue), BENCH_DISPLAY_PASSES, BENCH_JOBS, BENCH_SCENARIOS=base,mms;
 * BENCH_FROM=<dir> reports again from the raw outputs an earlier run left in a temp dir.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeEnvironment } from './lib/environment.js';
import {
  bestBaseline,
  flickerLine,
  gates,
  gateTable,
  mainTable,
  reliabilityTable,
  scenarioReport,
  viewTable,
  type Gate,
  type ScenarioReport,
} from './eta/report.js';
import { ORACLE, SHIPPED } from './eta/predictors.js';
import { runScenarioSeed, type RunOutput, type RunSettings } from './eta/runner.js';
import { nominalCapacityPerHour, scenario, SCENARIO_IDS, type ScenarioId } from './eta/scenarios.js';
import { learnedBaseModel, speedBenchmark, speedInput, type SpeedResult } from './eta/speed.js';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..', '..');

type Message =
  | { type: 'progress'; line: string }
  | { type: 'result'; output: RunOutput }
  | { type: 'error'; error: string };

// ---- parent ----

interface Plan {
  quick: boolean;
  seeds: number[];
  warmupDays: number;
  testDays: number;
  issuePasses: number;
  displayPasses: number;
  /** mms: the replays are asked at every k-th issue (7 000 tickets a day × 100 counters). */
  mmsReplayEvery: number;
  mmsIssuePasses: number;
  tickMin: number;
  jobs: number;
  scenarios: ScenarioId[];
  speedRounds: number;
  speedReps: number;
  speedWarmupReps: number;
}

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : Number(v);
}

function makePlan(): Plan {
  const quick = process.env.BENCH_QUICK === '1';
  const seedCount = envNumber('BENCH_SEEDS') ?? (quick ? 1 : 2);
  const scenarios = (process.env.BENCH_SCENARIOS?.split(',').filter(Boolean) ?? [
    ...SCENARIO_IDS,
  ]) as ScenarioId[];
  for (const s of scenarios) if (!SCENARIO_IDS.includes(s)) throw new Error(`unknown scenario ${s}`);
  return {
    quick,
    seeds: Array.from({ length: seedCount }, (_, i) => i + 1),
    warmupDays: envNumber('BENCH_WARMUP_DAYS') ?? (quick ? 3 : 15),
    testDays: envNumber('BENCH_TEST_DAYS') ?? (quick ? 5 : 40),
    issuePasses: envNumber('BENCH_PASSES') ?? 100,
    displayPasses: envNumber('BENCH_DISPLAY_PASSES') ?? 20,
    mmsReplayEvery: 10,
    mmsIssuePasses: 10,
    tickMin: 5,
    jobs: Math.max(1, envNumber('BENCH_JOBS') ?? Math.min(2, availableParallelism())),
    scenarios,
    speedRounds: 3,
    speedReps: quick ? 100 : 300,
    speedWarmupReps: quick ? 20 : 50,
  };
}

function settingsFor(plan: Plan, id: ScenarioId, seed: number): RunSettings {
  const mms = id === 'mms';
  return {
    scenario: id,
    seed,
    warmupDays: plan.warmupDays,
    testDays: plan.testDays,
    issuePasses: mms ? plan.mmsIssuePasses : plan.issuePasses,
    displayPasses: plan.displayPasses,
    replayEvery: mms ? plan.mmsReplayEvery : 1,
    tickMin: plan.tickMin,
  };
}

const children = new Set<ChildProcess>();

function runChild(settings: RunSettings): Promise<RunOutput> {
  return new Promise((resolve, reject) => {
    const child = fork(here, ['--worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.add(child);
    let done = false;
    child.on('message', (m: Message) => {
      if (m.type === 'progress') console.log(m.line);
      else if (m.type === 'result') {
        done = true;
        resolve(m.output);
      } else {
        done = true;
        reject(new Error(m.error));
      }
    });
    child.on('exit', (code) => {
      children.delete(child);
      if (!done) reject(new Error(`${settings.scenario} seed ${settings.seed}: worker exited with ${code}`));
    });
    child.send(settings);
  });
}

/** Runs the jobs, `jobs` at a time, longest first; results in the order given. */
async function runAll(all: RunSettings[], jobs: number): Promise<RunOutput[]> {
  const results: RunOutput[] = new Array<RunOutput>(all.length);
  const order = all
    .map((s, i) => ({ s, i }))
    .sort((a, b) => Number(b.s.scenario === 'mms') - Number(a.s.scenario === 'mms'));
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < order.length) {
      const job = order[next++];
      if (!job) return;
      results[job.i] = await runChild(job.s);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, all.length) }, lane));
  return results;
}

function killChildren(): void {
  for (const c of children) if (c.pid !== undefined) c.kill('SIGTERM');
}

const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '–');

async function main(): Promise<void> {
  process.on('SIGINT', () => {
    killChildren();
    process.exit(130);
  });
  const started = Date.now();
  const plan = makePlan();
  const env = describeEnvironment(root, tmpdir());
  env.env = {
    ...env.env,
    BENCH_SEEDS: process.env.BENCH_SEEDS,
    BENCH_WARMUP_DAYS: process.env.BENCH_WARMUP_DAYS,
    BENCH_TEST_DAYS: process.env.BENCH_TEST_DAYS,
    BENCH_PASSES: process.env.BENCH_PASSES,
    BENCH_DISPLAY_PASSES: process.env.BENCH_DISPLAY_PASSES,
    BENCH_JOBS: process.env.BENCH_JOBS,
    BENCH_SCENARIOS: process.env.BENCH_SCENARIOS,
    BENCH_FROM: process.env.BENCH_FROM,
  };
  console.log(
    `eta bench${plan.quick ? ' (QUICK)' : ''}: ${plan.scenarios.join(', ')}; seeds ${plan.seeds.join(', ')}; ` +
      `${plan.warmupDays} warm-up + ${plan.testDays} test days; ${plan.issuePasses} MC passes at issue ` +
      `(mms: ${plan.mmsIssuePasses}, replays at every ${plan.mmsReplayEvery}th issue), ${plan.displayPasses} on the display; ` +
      `${plan.jobs} jobs; Node ${process.version}, ${env.machine.nproc} × ${env.machine.cpuModel}`,
  );

  // Speed first, while this process is alone (the simulations run in children afterwards).
  const loadBefore = loadavg();
  const model = learnedBaseModel(15);
  const input = speedInput(60, '2026-12-21');
  const speed: SpeedResult = speedBenchmark(
    model,
    input,
    plan.speedRounds,
    plan.speedReps,
    plan.speedWarmupReps,
    () => loadavg()[0] ?? Number.NaN,
  );
  const speedLoad = { before: loadBefore, after: loadavg() };
  console.log(
    `speed: deterministic + ${speed.passes} MC passes, ${speed.waiting} waiting, ${speed.counters} counters, ` +
      `${speed.rounds.length} rounds × ${plan.speedReps} calls: p95 per round ${speed.rounds.map((r) => f2(r.msP95)).join(' / ')} ms ` +
      `(CPU ${speed.rounds.map((r) => f2(r.cpuMsP95)).join(' / ')} ms), p50 ${speed.rounds.map((r) => f2(r.msP50)).join(' / ')} ms; ` +
      `load average before ${loadBefore.map(f2).join(' ')}, after each round ${speed.rounds.map((r) => f2(r.load1)).join(' / ')}`,
  );

  const jobs = plan.scenarios.flatMap((id) => plan.seeds.map((seed) => settingsFor(plan, id, seed)));
  let outputs: RunOutput[];
  const from = process.env.BENCH_FROM;
  if (from) {
    // Report again from the raw outputs of an earlier run (no simulation).
    outputs = await Promise.all(
      jobs.map(
        async (j) =>
          JSON.parse(await readFile(join(from, `${j.scenario}-${j.seed}.json`), 'utf8')) as RunOutput,
      ),
    );
  } else {
    try {
      outputs = await runAll(jobs, plan.jobs);
    } catch (err) {
      killChildren();
      throw err;
    }
  }
  // The raw columns (large: the mms has ~270 000 answers per seed) go to a temp dir, so a report can
  // be made again without simulating: BENCH_FROM=<dir> with the same plan.
  const rawDir = from ?? join(tmpdir(), `luot-eta-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  if (!from) {
    await mkdir(rawDir, { recursive: true });
    for (const o of outputs)
      await writeFile(join(rawDir, `${o.settings.scenario}-${o.settings.seed}.json`), JSON.stringify(o));
    console.log(`raw outputs: ${rawDir} (BENCH_FROM=${rawDir} reports them again)`);
  }

  const allGates: Gate[] = [];
  const scenarios: Record<string, unknown> = {};
  for (const id of plan.scenarios) {
    const scn = scenario(id);
    const runs = outputs.filter((o) => o.settings.scenario === id);
    const services = scn.services.map((s) => s.id);
    const rep: ScenarioReport = scenarioReport(runs, services);
    const g = gates(rep);
    allGates.push(...g);
    const perSeed = runs.map((r) => {
      const one = scenarioReport([r], services);
      const best = bestBaseline(one);
      return {
        seed: r.settings.seed,
        mae: {
          [SHIPPED]: one.predictors[SHIPPED]?.views.all?.mae,
          [ORACLE]: one.predictors[ORACLE]?.views.all?.mae,
          [best.id]: best.mae,
        },
        relSq:
          id === 'mms'
            ? Object.fromEntries(Object.entries(one.predictors).map(([p, x]) => [p, x.relSq]))
            : undefined,
        meanWait: one.predictors[SHIPPED]?.views.all?.meanActual,
        days: r.days,
        speeds: r.speeds,
        learned: r.learned,
        predictSeconds: r.predictSeconds,
        simSeconds: r.simSeconds,
        totalSeconds: r.totalSeconds,
        report: one,
      };
    });
    const testDays = runs.flatMap((r) => r.days.filter((d) => d.test));
    console.log(`\n## ${id}: ${scn.description}`);
    console.log(
      `${rep.seeds.length} seed(s) × ${plan.testDays} test days: ${rep.tickets} tickets scored at issue ` +
        `(${rep.notCalled} not called today), ${rep.displayRows} display answers; mean wait ${f2(rep.predictors[SHIPPED]?.views.all?.meanActual ?? Number.NaN)} min; ` +
        `nominal capacity ${f2(nominalCapacityPerHour(scn))} tickets/h; mean tickets/day ${f2(testDays.reduce((a, d) => a + d.tickets, 0) / Math.max(1, testDays.length))}`,
    );
    console.log(
      `per seed — MAE ${SHIPPED} / ${ORACLE} / best baseline: ` +
        perSeed
          .map(
            (p) =>
              `seed ${p.seed}: ${Object.entries(p.mae)
                .map(([k, v]) => `${k} ${f2(v ?? Number.NaN)}`)
                .join(', ')}`,
          )
          .join('; '),
    );
    if (id === 'mms')
      console.log(
        `per seed — rel. sq. error QL / LES / HOL: ` +
          perSeed
            .map(
              (p) =>
                `seed ${p.seed}: ${['QL', 'LES', 'HOL'].map((k) => (p.relSq?.[k] ?? Number.NaN).toFixed(4)).join(' / ')}` +
                ` (textbook QL with the true μ: ${(p.report.textbookQlRelSq ?? Number.NaN).toFixed(4)})`,
            )
            .join('; '),
      );
    console.log(`\n${mainTable(rep)}\n\n${viewTable(rep)}`);
    console.log(`\ndisplay refreshes — ${flickerLine(rep)}`);
    const rel = reliabilityTable(rep, SHIPPED);
    if (rel && id !== 'mms') console.log(`\n${SHIPPED} P(not today) reliability:\n${rel}`);
    scenarios[id] = {
      description: scn.description,
      spec: { ...scn, office: undefined },
      office: scn.office,
      nominalCapacityPerHour: nominalCapacityPerHour(scn),
      report: rep,
      gates: g,
      perSeed,
    };
  }

  allGates.push({
    scenario: 'speed',
    gate: 'deterministic + 100 MC passes, 60 tickets ≤ 20 ms p95 (wall-clock)',
    target: '≤ 20 ms',
    value: `p95 ${f2(speed.msP95)} ms, median of ${speed.rounds.length} rounds [${f2(Math.min(...speed.rounds.map((r) => r.msP95)))}–${f2(Math.max(...speed.rounds.map((r) => r.msP95)))}]; CPU p95 ${f2(speed.cpuMsP95)} ms; p50 ${f2(speed.msP50)} ms`,
    met: speed.msP95 <= 20,
  });
  console.log(`\n## Gates\n\n${gateTable(allGates)}`);

  const seconds = (Date.now() - started) / 1000;
  const file = join(root, 'bench-results', `eta-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(
    file,
    JSON.stringify(
      { bench: 'eta', env, plan, seconds, speed: { ...speed, load: speedLoad }, gates: allGates, scenarios },
      null,
      1,
    ),
  );
  console.log(
    `\n${allGates.filter((g) => g.met).length}/${allGates.length} gates met; ${f2(seconds / 60)} min; wrote ${file}`,
  );
}

// ---- child: one scenario × seed ----

if (process.argv.includes('--worker')) {
  process.on('message', (settings: RunSettings) => {
    try {
      const output = runScenarioSeed(settings, (line) =>
        process.send?.({ type: 'progress', line } satisfies Message),
      );
      process.send?.({ type: 'result', output } satisfies Message, () => process.exit(0));
    } catch (err) {
      process.send?.(
        {
          type: 'error',
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        } satisfies Message,
        () => process.exit(1),
      );
    }
  });
} else {
  await main();
}
