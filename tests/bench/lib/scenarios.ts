/**
 * The measured loops. Closed loop, bounded by a count: `concurrency` workers each keep one command
 * in flight until `count` commands have been started. Node CPU comes from process.cpuUsage() (the
 * bench process is both the caller and, for the embedded engine, the engine); Redis CPU from the
 * server's own counters (see redis-probe.ts). GC pauses are counted so a slow run can be explained.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { setImmediate as tick } from 'node:timers/promises';
import type { TicketStore } from '../../../server/store/types.js';
import type { Command } from '../../../shared/domain/types.js';
import type { OfficeChecker } from './checker.js';
import { startCounting, stopCounting } from './command-tap.js';
import { hostCpu, othersCores } from './host.js';
import { BENCH_SERVICE } from './office.js';
import { topLevel, type RedisProbe } from './redis-probe.js';
import { summarizeLatency, type LatencySummary } from './stats.js';

export interface RedisFigures {
  /** Server CPU (INFO cpu: user + sys) per operation, µs. */
  cpuUsPerOp: number;
  /** µs inside the commands the client sent (commandstats usec of EVALSHA etc.) per operation. */
  commandUsPerOp: number;
  /** Commands the client sent per operation, by name. */
  commandsPerOp: Record<string, number>;
  failedCalls: number;
  usedMemoryDelta: number;
  /** Signs that someone else used this Redis during the run: the server figures are then suspect. */
  foreign: string[];
}

export interface RunResult {
  ops: number;
  seconds: number;
  opsPerSec: number;
  /** Per measured command (the issue, or the call-next), µs from call to durable answer. */
  latencyUs: LatencySummary;
  /** The synchronous part of execute() (the embedded engine's whole in-memory work), µs. */
  syncUs: LatencySummary;
  nodeCpuUsPerOp: number;
  gc: { count: number; ms: number };
  /**
   * Cores busy with anything but this process and the Redis server (if measured) during the run:
   * near 0 on a quiet machine; a neighbour's load otherwise.
   */
  othersCores: number;
  redis?: RedisFigures;
  errors: string[];
}

const issue: Command = { type: 'issue', serviceId: BENCH_SERVICE, channel: 'officer' };

class GcWatch {
  count = 0;
  ms = 0;
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      this.count++;
      this.ms += e.duration;
    }
  });
  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }
  async stop(): Promise<{ count: number; ms: number }> {
    await tick();
    this.observer.disconnect();
    return { count: this.count, ms: this.ms };
  }
}

interface Samples {
  latency: Float64Array;
  sync: Float64Array;
  errors: string[];
}

/** Runs `body`, and measures wall time, Node CPU, GC, and (with a probe) the Redis server's side. */
async function measure(
  ops: number,
  probe: RedisProbe | undefined,
  body: (s: Samples) => Promise<void>,
): Promise<RunResult> {
  const samples: Samples = { latency: new Float64Array(ops), sync: new Float64Array(ops), errors: [] };
  const before = probe ? await probe.snapshot() : undefined;
  startCounting();
  const gc = new GcWatch();
  const host0 = hostCpu();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await body(samples);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const host1 = hostCpu();
  const sent = stopCounting();
  const d = probe && before ? await probe.delta(before) : undefined;
  const nodeUs = cpu.user + cpu.system;
  const result: RunResult = {
    ops,
    seconds,
    opsPerSec: ops / seconds,
    latencyUs: summarizeLatency(Array.from(samples.latency)),
    syncUs: summarizeLatency(Array.from(samples.sync)),
    nodeCpuUsPerOp: nodeUs / ops,
    gc: await gc.stop(),
    othersCores: othersCores(host0, host1, nodeUs + (d?.cpuUs ?? 0)),
    errors: samples.errors,
  };
  if (d) {
    const names = Object.keys(sent);
    const own = topLevel(d, names);
    const commandsPerOp: Record<string, number> = {};
    for (const [name, n] of Object.entries(sent)) commandsPerOp[name] = n / ops;
    result.redis = {
      cpuUsPerOp: d.cpuUs / ops,
      commandUsPerOp: own.usec / ops,
      commandsPerOp,
      failedCalls: own.failed,
      usedMemoryDelta: d.usedMemoryDelta,
      foreign: d.foreign,
    };
  }
  return result;
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${(err as { code?: string }).code ?? err.name}: ${err.message}`;
  return String(err);
}

function noteError(s: Samples, err: unknown): void {
  if (s.errors.length < 10) s.errors.push(describe(err));
}

/** `count` issues with `concurrency` in flight. */
export function issueRun(
  store: TicketStore,
  checker: OfficeChecker,
  count: number,
  concurrency: number,
  probe?: RedisProbe,
): Promise<RunResult> {
  return measure(count, probe, async (s) => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        try {
          const p = store.execute(checker.officeId, issue);
          s.sync[i] = (performance.now() - t0) * 1000;
          await p;
          checker.acked.issued++;
        } catch (err) {
          noteError(s, err);
        }
        s.latency[i] = (performance.now() - t0) * 1000;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  });
}

/**
 * Fills an office's queue with `count` waiting tickets, `concurrency` in flight, in chunks the
 * checker can read back before the store trims its event log.
 */
export async function fillQueue(
  store: TicketStore,
  checker: OfficeChecker,
  count: number,
  chunk: number,
  probe?: RedisProbe,
): Promise<RunResult[]> {
  const parts: RunResult[] = [];
  for (let done = 0; done < count; done += chunk) {
    parts.push(await issueRun(store, checker, Math.min(chunk, count - done), 50, probe));
    await checker.drain();
  }
  return parts;
}

export async function openCounters(store: TicketStore, officeId: string, counters: string[]): Promise<void> {
  for (const counterId of counters) await store.execute(officeId, { type: 'openCounter', counterId });
}

/**
 * `cycles` call cycles, one worker per counter, all counters at once: issue one ticket (the refill,
 * so the queue stays at its length), call-next (measured), complete. The queue length stays within
 * [Q, Q + counters]. Latency and sync time are the call-next's; ops/s counts whole cycles.
 */
export function callNextRun(
  store: TicketStore,
  checker: OfficeChecker,
  counters: string[],
  cycles: number,
  probe?: RedisProbe,
): Promise<RunResult> {
  const officeId = checker.officeId;
  return measure(cycles, probe, async (s) => {
    let next = 0;
    const worker = async (counterId: string): Promise<void> => {
      while (next < cycles) {
        const i = next++;
        try {
          await store.execute(officeId, issue);
          checker.acked.issued++;
          const t0 = performance.now();
          const p = store.execute(officeId, { type: 'callNext', counterId });
          s.sync[i] = (performance.now() - t0) * 1000;
          const called = await p;
          s.latency[i] = (performance.now() - t0) * 1000;
          checker.acked.called++;
          const ticketId = called.ticket?.id;
          if (ticketId === undefined) throw new Error('call-next answered without a ticket');
          await store.execute(officeId, { type: 'complete', counterId, ticketId });
          checker.acked.completed++;
        } catch (err) {
          noteError(s, err);
          // A worker whose counter is stuck would spin: stop it (the run then shows the error).
          return;
        }
      }
    };
    await Promise.all(counters.map(worker));
  });
}
