/** What a result is worth only together with: machine, kernel, versions, git SHA, command lines. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';

function run(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown';
}

function installedVersion(root: string, pkg: string): string | undefined {
  try {
    const json = JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return json.version;
  } catch {
    return undefined;
  }
}

export interface Environment {
  date: string;
  machine: {
    nproc: number;
    cpuModel: string;
    kernel: string;
    os: string;
    memoryMiB: number;
    tmpFilesystem?: string;
  };
  node: string;
  redis?: string;
  /** appendonly, appendfsync, save: whether the Redis engine's answers were on disk at all. */
  redisPersistence?: Record<string, string>;
  redisBenchmark?: string;
  packages: Record<string, string | undefined>;
  git: { sha?: string; dirty?: boolean };
  commandLine: string[];
  env: Record<string, string | undefined>;
}

export function describeEnvironment(root: string, tmpDir: string): Environment {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const packages: Record<string, string | undefined> = {};
  for (const name of Object.keys(pkg.dependencies ?? {})) packages[name] = installedVersion(root, name);
  const status = run('git', ['-C', root, 'status', '--porcelain']);
  // statfs cannot tell ext4 from ext2/3; findmnt can.
  const fsType =
    run('findmnt', ['-n', '-o', 'FSTYPE', '-T', tmpDir]) ?? run('stat', ['-f', '-c', '%T', tmpDir]);
  const env: Environment = {
    date: new Date().toISOString(),
    machine: {
      nproc: availableParallelism(),
      cpuModel: cpuModel(),
      kernel: release(),
      os: osType(),
      memoryMiB: Math.round(totalmem() / 2 ** 20),
    },
    node: process.version,
    packages,
    git: {},
    commandLine: [process.argv0, ...process.execArgv, ...process.argv.slice(1)],
    env: {
      BENCH_QUICK: process.env.BENCH_QUICK,
      REDIS_URL: process.env.REDIS_URL,
      BENCH_ROUNDS: process.env.BENCH_ROUNDS,
    },
  };
  if (fsType !== undefined) env.machine.tmpFilesystem = `${tmpDir} (${fsType})`;
  const sha = run('git', ['-C', root, 'rev-parse', 'HEAD']);
  if (sha !== undefined) env.git.sha = sha;
  if (status !== undefined) env.git.dirty = status.length > 0;
  const rb = run('redis-benchmark', ['--version']);
  if (rb !== undefined) env.redisBenchmark = rb;
  return env;
}
