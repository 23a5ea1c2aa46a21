/** Turns per-round figures into rows (median and min–max), prints them, and writes the JSON file. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { round, spread, type Spread } from './stats.js';

export interface Row {
  group: string;
  label: string;
  opsPerSec: Spread;
  /** Per round: this row's ops/s divided by the reference's in the same round. */
  ratio?: { to: string; spread: Spread };
  p50Us?: Spread;
  p99Us?: Spread;
  nodeCpuUsPerOp?: Spread;
  redisCpuUsPerOp?: Spread;
  redisCommandUsPerOp?: Spread;
  generatorCpuUsPerOp?: Spread;
  /** Cores busy with other processes during the runs (median). */
  othersCores?: Spread;
  /** Measured runs during which another client used the same Redis. */
  sharedRuns?: number;
}

export const spreadOf = <T>(items: readonly T[], pick: (t: T) => number | undefined): Spread =>
  spread(items.map((t) => pick(t) ?? Number.NaN));

/** Per-round ratio a[i] / b[i] over the rounds both have. */
export function ratioSpread(a: readonly number[], b: readonly number[]): Spread {
  const n = Math.min(a.length, b.length);
  const r: number[] = [];
  for (let i = 0; i < n; i++) r.push((a[i] as number) / (b[i] as number));
  return spread(r);
}

function short(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function fmt(s: Spread | undefined, withRange = true): string {
  if (!s || s.n === 0) return '–';
  if (!withRange || s.n === 1) return short(s.median);
  return `${short(s.median)} [${short(s.min)}–${short(s.max)}]`;
}

export function printTable(rows: readonly Row[]): void {
  const head = [
    'scenario',
    'ops/s median [min–max]',
    '× reference, per round',
    'p50 µs',
    'p99 µs',
    'client CPU µs/op',
    'Redis CPU µs/op',
    'Redis cmd µs/op',
    'others',
  ];
  const body = rows.map((r) => [
    `${r.group} ${r.label}${r.sharedRuns ? ' *' : ''}`,
    fmt(r.opsPerSec),
    r.ratio ? `${fmt(r.ratio.spread)} × ${r.ratio.to}` : '',
    fmt(r.p50Us, false),
    fmt(r.p99Us, false),
    fmt(r.nodeCpuUsPerOp ?? r.generatorCpuUsPerOp, false),
    fmt(r.redisCpuUsPerOp, false),
    fmt(r.redisCommandUsPerOp, false),
    r.othersCores ? `${fmt(r.othersCores, false)} cores` : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' │ ');
  console.log(line(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const b of body) console.log(line(b));
}

/** Rounds every number in the JSON to 3 significant digits (integers ≥ 100 kept whole). */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return round(value);
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  }
  return value;
}

export async function writeResult(root: string, name: string, data: unknown): Promise<string> {
  const dir = join(root, 'bench-results');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(path, `${JSON.stringify(rounded(data), null, 2)}\n`);
  return path;
}
