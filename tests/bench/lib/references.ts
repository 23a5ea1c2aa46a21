/**
 * The ceilings every engine figure is divided by, measured in the same run:
 * - `redis-benchmark` (its own process; its CPU read from the parent shell's cutime/cstime):
 *   INCR at -P 1 and -P 16, and EVALSHA of one of our real scripts;
 * - for the embedded engine, the disk: sequential append + fdatasync of one journal-sized line,
 *   the most a one-at-a-time caller can get from a store that acknowledges only durable writes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hostCpu, othersCores } from './host.js';
import { summarizeLatency } from './stats.js';

export interface BenchmarkReply {
  command: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU of the redis-benchmark process (user + sys), µs per request. */
  generatorCpuUsPerOp: number;
  seconds: number;
}

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export function hasRedisBenchmark(): boolean {
  try {
    execFileSync('redis-benchmark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Host, port and password flags for redis-benchmark / redis-cli from a redis:// URL. */
export function redisCliTarget(url: string): string[] {
  const u = new URL(url);
  const args = ['-h', u.hostname || '127.0.0.1', '-p', u.port || '6379'];
  if (u.password) args.push('-a', decodeURIComponent(u.password), '--no-auth-warning');
  const db = u.pathname.replace('/', '');
  if (db !== '') args.push('-n', db);
  return args;
}

function parseCsv(line: string): string[] {
  return [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"'));
}

/** Runs redis-benchmark with --csv under a shell that then prints its children's CPU time. */
export async function redisBenchmark(url: string, args: string[]): Promise<BenchmarkReply> {
  const argv = [...redisCliTarget(url), '--csv', ...args];
  const script = 'redis-benchmark "$@" || exit 3; echo @@STAT@@; cat /proc/$$/stat';
  const started = performance.now();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('sh', ['-c', script, 'sh', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`redis-benchmark exited ${code}: ${stderr.trim()}`)),
    );
  });
  const seconds = (performance.now() - started) / 1000;
  const [csv = '', stat = ''] = out.split('@@STAT@@');
  const rows = csv
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('"') && !l.startsWith('"test"'));
  const row = parseCsv(rows.at(-1) ?? '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ": state is field 3, so cutime (field 16) and cstime (17) sit at 13 and 14.
  const childTicks = Number(fields[13]) + Number(fields[14]);
  const n = Number(args[args.indexOf('-n') + 1]);
  return {
    command: `redis-benchmark ${argv.join(' ')}`,
    rps: Number(row[1]),
    p50Ms: Number(row[4]),
    p99Ms: Number(row[6]),
    generatorCpuUsPerOp: ((childTicks / ticksPerSecond()) * 1e6) / n,
    seconds,
  };
}

/** redis-cli with the same target; returns stdout (raw mode, as when not on a terminal). */
export function redisCli(url: string, args: string[]): string {
  return execFileSync('redis-cli', [...redisCliTarget(url), ...args], { encoding: 'utf8' }).trim();
}

export interface FsyncReply {
  opsPerSec: number;
  p50Us: number;
  p99Us: number;
  cpuUsPerOp: number;
  othersCores: number;
}

/** `count` sequential append + fdatasync of `line` in `dir` (a file of its own, removed after). */
export async function fsyncReference(dir: string, line: string, count: number): Promise<FsyncReply> {
  const path = join(dir, `fsync-reference-${process.pid}.ndjson`);
  const h = await open(path, 'a');
  const bytes = Buffer.from(line);
  const lat: number[] = [];
  try {
    const host0 = hostCpu();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const s = performance.now();
      await h.write(bytes, 0, bytes.length, null);
      await h.datasync();
      lat.push((performance.now() - s) * 1000);
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const own = cpu.user + cpu.system;
    const l = summarizeLatency(lat);
    return {
      opsPerSec: count / seconds,
      p50Us: l.p50,
      p99Us: l.p99,
      cpuUsPerOp: own / count,
      othersCores: othersCores(host0, hostCpu(), own),
    };
  } finally {
    await h.close();
    await rm(path, { force: true });
  }
}
