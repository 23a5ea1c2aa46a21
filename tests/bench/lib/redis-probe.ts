/**
 * A side connection to Redis that reads what the server itself says it spent: `INFO commandstats`
 * (µs inside each command, per call), `INFO cpu` (the server process's CPU seconds) and
 * `CLIENT LIST` (to notice someone else using the same Redis during a run — the figures are then
 * marked, not silently kept).
 */
import { Redis } from 'ioredis';

export interface CommandStat {
  calls: number;
  usec: number;
  failed: number;
}

export interface RedisSnapshot {
  commands: Map<string, CommandStat>;
  /** used_cpu_user + used_cpu_sys, µs */
  cpuUs: number;
  connectionsReceived: number;
  usedMemory: number;
  at: number;
}

export interface RedisDelta {
  /** µs of server CPU (INFO cpu) */
  cpuUs: number;
  /** Per command name (INFO's own calls left out). Calls made inside scripts are listed too. */
  commands: Record<string, CommandStat>;
  connectionsReceived: number;
  usedMemoryDelta: number;
  /** Other clients that ran commands during the interval (heuristic, see foreignClients). */
  foreign: string[];
}

export const BENCH_CLIENT_NAME = 'luot-bench';

function parseInfo(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) out.set(line.slice(0, i), line.slice(i + 1));
  }
  return out;
}

function num(fields: Map<string, string>, key: string): number {
  return Number(fields.get(key) ?? Number.NaN);
}

interface ClientEntry {
  id: string;
  name: string;
  idle: number;
  cmd: string;
  addr: string;
}

function parseClientList(text: string): ClientEntry[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const f = new Map<string, string>();
      for (const part of line.trim().split(' ')) {
        const i = part.indexOf('=');
        if (i > 0) f.set(part.slice(0, i), part.slice(i + 1));
      }
      return {
        id: f.get('id') ?? '',
        name: f.get('name') ?? '',
        idle: Number(f.get('idle') ?? '0'),
        cmd: f.get('cmd') ?? '',
        addr: f.get('addr') ?? '',
      };
    });
}

export class RedisProbe {
  /** Client ids known to be the bench's own (the store's connections, this probe). */
  private readonly own = new Set<string>();

  private constructor(readonly client: Redis) {}

  static async connect(url: string): Promise<RedisProbe> {
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      connectionName: `${BENCH_CLIENT_NAME}-probe`,
      retryStrategy: () => null,
    });
    await client.connect();
    const probe = new RedisProbe(client);
    probe.own.add(String(await client.client('ID')));
    return probe;
  }

  async info(section: string): Promise<Map<string, string>> {
    return parseInfo(await this.client.info(section));
  }

  async serverVersion(): Promise<string> {
    return (await this.info('server')).get('redis_version') ?? 'unknown';
  }

  /** The server's persistence settings (CONFIG GET may be disabled: then nothing). */
  async persistence(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const name of ['appendonly', 'appendfsync', 'save']) {
      try {
        const [, value] = (await this.client.config('GET', name)) as string[];
        if (value !== undefined) out[name] = value;
      } catch {
        // renamed or forbidden CONFIG
      }
    }
    return out;
  }

  async clients(): Promise<ClientEntry[]> {
    return parseClientList(String(await this.client.client('LIST')));
  }

  /** Remembers the connections that exist now as the bench's own (call right after opening a store). */
  async adoptNewClients(before: ReadonlySet<string>): Promise<number> {
    let n = 0;
    for (const c of await this.clients()) {
      if (!before.has(c.id) && !this.own.has(c.id)) {
        this.own.add(c.id);
        n++;
      }
    }
    return n;
  }

  async clientIds(): Promise<Set<string>> {
    return new Set((await this.clients()).map((c) => c.id));
  }

  async snapshot(): Promise<RedisSnapshot> {
    const fields = parseInfo(await this.client.info('everything'));
    const commands = new Map<string, CommandStat>();
    for (const [key, value] of fields) {
      if (!key.startsWith('cmdstat_')) continue;
      const f = new Map(value.split(',').map((kv) => kv.split('=') as [string, string]));
      commands.set(key.slice('cmdstat_'.length), {
        calls: Number(f.get('calls') ?? 0),
        usec: Number(f.get('usec') ?? 0),
        failed: Number(f.get('failed_calls') ?? 0),
      });
    }
    return {
      commands,
      cpuUs: (num(fields, 'used_cpu_user') + num(fields, 'used_cpu_sys')) * 1e6,
      connectionsReceived: num(fields, 'total_connections_received'),
      usedMemory: num(fields, 'used_memory'),
      at: performance.now(),
    };
  }

  /**
   * Other clients active during the interval: not ours, not named as ours, and idle for fewer
   * seconds than the interval lasted. Clients that connected and left in between are caught by
   * `connectionsReceived` instead.
   */
  async foreignClients(seconds: number): Promise<string[]> {
    const out: string[] = [];
    for (const c of await this.clients()) {
      if (this.own.has(c.id) || c.name.startsWith(BENCH_CLIENT_NAME)) continue;
      if (c.idle <= Math.ceil(seconds)) out.push(`${c.addr} (cmd=${c.cmd}, idle=${c.idle}s)`);
    }
    return out;
  }

  async delta(before: RedisSnapshot, expectedNewConnections = 0): Promise<RedisDelta> {
    const after = await this.snapshot();
    const commands: Record<string, CommandStat> = {};
    for (const [name, a] of after.commands) {
      if (name === 'info' || name.startsWith('client')) continue;
      const b = before.commands.get(name) ?? { calls: 0, usec: 0, failed: 0 };
      if (a.calls === b.calls) continue;
      commands[name] = { calls: a.calls - b.calls, usec: a.usec - b.usec, failed: a.failed - b.failed };
    }
    const foreign = await this.foreignClients((after.at - before.at) / 1000);
    const connections = after.connectionsReceived - before.connectionsReceived;
    if (connections > expectedNewConnections)
      foreign.push(`${connections - expectedNewConnections} unexpected new connection(s)`);
    return {
      cpuUs: after.cpuUs - before.cpuUs,
      commands,
      connectionsReceived: connections,
      usedMemoryDelta: after.usedMemory - before.usedMemory,
      foreign,
    };
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}

/** Sum of calls and µs over the commands a client sends itself (scripts' inner calls left out). */
export function topLevel(delta: RedisDelta, names: readonly string[]): CommandStat {
  const sum: CommandStat = { calls: 0, usec: 0, failed: 0 };
  for (const n of names) {
    const c = delta.commands[n];
    if (!c) continue;
    sum.calls += c.calls;
    sum.usec += c.usec;
    sum.failed += c.failed;
  }
  return sum;
}
