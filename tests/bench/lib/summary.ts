/**
 * From per-round figures to the printed table and the flatness verdict. Every ratio is taken per
 * round (engine run ÷ the reference run of the same round) and then summarised, never as a ratio of
 * medians: the pairing is what cancels the machine's drift.
 */
import type { FsyncReply, BenchmarkReply } from './references.js';
import { fmt, ratioSpread, spreadOf, type Row } from './report.js';
import type { RunResult } from './scenarios.js';
import { spread, type Spread } from './stats.js';

export interface RefRun extends BenchmarkReply {
  /** Redis server CPU (INFO cpu) per request, µs. */
  serverCpuUsPerOp: number;
  /** µs inside the benchmarked command itself (commandstats), per call. */
  commandUsPerCall: number;
  othersCores: number;
  foreign: string[];
}

export class Results {
  readonly runs = new Map<string, RunResult[]>();
  readonly refs = new Map<string, RefRun[]>();
  readonly fsyncs: FsyncReply[][] = [];
  /** label → measured runs during which someone else used the same Redis */
  readonly shared = new Map<string, { runs: number; seen: Set<string> }>();

  add<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  }

  noteShared(label: string, foreign: readonly string[]): void {
    if (foreign.length === 0) return;
    const s = this.shared.get(label) ?? { runs: 0, seen: new Set<string>() };
    s.runs++;
    for (const f of foreign) if (s.seen.size < 5) s.seen.add(f.replace(/:\d+ /, ' '));
    this.shared.set(label, s);
  }

  /** Per round: the mean of that round's fsync runs (one before B1, one after). */
  fsyncSeries(): number[] {
    return this.fsyncs.map((r) => r.reduce((a, f) => a + f.opsPerSec, 0) / r.length);
  }

  private ops(key: string): number[] {
    return (this.runs.get(key) ?? []).map((r) => r.opsPerSec);
  }

  private refOps(key: string): number[] {
    return (this.refs.get(key) ?? []).map((r) => r.rps);
  }

  engineRow(group: string, key: string, ref?: { name: string; series?: number[] }): Row | undefined {
    const list = this.runs.get(key);
    if (!list || list.length === 0) return undefined;
    const row: Row = {
      group,
      label: key,
      opsPerSec: spreadOf(list, (r) => r.opsPerSec),
      p50Us: spreadOf(list, (r) => r.latencyUs.p50),
      p99Us: spreadOf(list, (r) => r.latencyUs.p99),
      nodeCpuUsPerOp: spreadOf(list, (r) => r.nodeCpuUsPerOp),
      othersCores: spreadOf(list, (r) => r.othersCores),
    };
    if (list[0]?.redis) {
      row.redisCpuUsPerOp = spreadOf(list, (r) => r.redis?.cpuUsPerOp);
      row.redisCommandUsPerOp = spreadOf(list, (r) => r.redis?.commandUsPerOp);
    }
    const series = ref?.series ?? (ref ? this.refOps(ref.name) : []);
    if (ref && series.length > 0) row.ratio = { to: ref.name, spread: ratioSpread(this.ops(key), series) };
    const shared = this.shared.get(key);
    if (shared) row.sharedRuns = shared.runs;
    return row;
  }

  refRow(key: string): Row | undefined {
    const list = this.refs.get(key);
    if (!list || list.length === 0) return undefined;
    const row: Row = {
      group: 'B0',
      label: `redis-benchmark ${key}`,
      opsPerSec: spreadOf(list, (r) => r.rps),
      p50Us: spreadOf(list, (r) => r.p50Ms * 1000),
      p99Us: spreadOf(list, (r) => r.p99Ms * 1000),
      generatorCpuUsPerOp: spreadOf(list, (r) => r.generatorCpuUsPerOp),
      redisCpuUsPerOp: spreadOf(list, (r) => r.serverCpuUsPerOp),
      redisCommandUsPerOp: spreadOf(list, (r) => r.commandUsPerCall),
      othersCores: spreadOf(list, (r) => r.othersCores),
    };
    const shared = this.shared.get(key);
    if (shared) row.sharedRuns = shared.runs;
    return row;
  }

  fsyncRow(): Row | undefined {
    const all = this.fsyncs.flat();
    if (all.length === 0) return undefined;
    return {
      group: 'B0',
      label: 'append + fdatasync, 1 in flight',
      opsPerSec: spread(this.fsyncSeries()),
      p50Us: spreadOf(all, (f) => f.p50Us),
      p99Us: spreadOf(all, (f) => f.p99Us),
      nodeCpuUsPerOp: spreadOf(all, (f) => f.cpuUsPerOp),
      othersCores: spreadOf(all, (f) => f.othersCores),
    };
  }

  /** B2 for one engine: each metric at each size, and per-round ratios largest ÷ smallest. */
  flatness(engine: string, sizes: readonly number[]): Flatness | undefined {
    const bySize = sizes.map((q) => this.runs.get(`${engine} call-next q=${q}`));
    const small = bySize[0];
    const large = bySize.at(-1);
    if (!small || !large || small.length === 0) return undefined;
    const metrics: [string, (r: RunResult) => number | undefined][] = [
      ['call-next p50 µs', (r) => r.latencyUs.p50],
      ['call-next p99 µs', (r) => r.latencyUs.p99],
      ['cycles/s', (r) => r.opsPerSec],
      ['Node CPU µs/cycle', (r) => r.nodeCpuUsPerOp],
    ];
    if (large[0]?.redis) {
      metrics.push(['Redis CPU µs/cycle', (r) => r.redis?.cpuUsPerOp]);
      metrics.push(['Redis script µs/cycle', (r) => r.redis?.commandUsPerOp]);
    } else {
      metrics.push(['in-process work p50 µs', (r) => r.syncUs.p50]);
    }
    metrics.push(['GC ms per run', (r) => r.gc.ms], ['other processes, cores', (r) => r.othersCores]);
    const lines = metrics.map(([name, pick]) => ({
      metric: name,
      bySize: bySize.map((runs) => spreadOf(runs ?? [], pick)),
      // A ratio of near-zero background loads says nothing: that line shows levels only.
      ratio: name.startsWith('other')
        ? spread([])
        : ratioSpread(
            large.map((r) => pick(r) ?? Number.NaN),
            small.map((r) => pick(r) ?? Number.NaN),
          ),
    }));
    const p50 = lines[0]?.ratio ?? spread([]);
    return { engine, sizes: [...sizes], lines, p50Ratio: p50, meetsTarget: p50.median <= 1.5 };
  }
}

export interface Flatness {
  engine: string;
  sizes: number[];
  lines: { metric: string; bySize: Spread[]; ratio: Spread }[];
  /** Per round, call-next latency p50 at the largest queue ÷ at the smallest. */
  p50Ratio: Spread;
  meetsTarget: boolean;
}

export function printFlatness(f: Flatness): void {
  const head = [
    '',
    ...f.sizes.map((q) => `q=${q.toLocaleString('en')}`),
    `ratio q=${f.sizes.at(-1)}/q=${f.sizes[0]}`,
  ];
  const body = f.lines.map((l) => [l.metric, ...l.bySize.map((s) => fmt(s, false)), fmt(l.ratio)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' │ ');
  console.log(`B2 ${f.engine}: medians over rounds; ratio per round, median [min–max]`);
  console.log(line(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const b of body) console.log(line(b));
  console.log(
    `→ ${f.engine} call-next latency p50(q=${f.sizes.at(-1)})/p50(q=${f.sizes[0]}) = ${fmt(f.p50Ratio)}: ` +
      (f.meetsTarget ? 'flat (target ≤ 1.5)' : 'NOT FLAT (target ≤ 1.5)'),
  );
}
