/**
 * The HTTP bench's child processes, seen from the bench: servers under test (http-server.ts) and
 * the load generator (http-load.ts), each forked with `--import tsx` so its pid is the Node process
 * itself and /proc/<pid>/stat is its CPU alone. Every wait is bounded.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventsPage, TicketStore } from '../../../server/store/types.js';
import type { OfficeState } from '../../../shared/domain/types.js';
import type { LoadReply, LoadRequest } from './http-load.js';
import type { ServerMessage, ServerRequest } from './http-server.js';

const here = dirname(fileURLToPath(import.meta.url));

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a live process, µs (10 ms resolution). */
export function procCpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After "pid (comm) ": state is field 3, utime field 14 and stime 15 → indexes 11 and 12.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1e6;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
    }),
  ]);
}

function forkTs(file: string, env: NodeJS.ProcessEnv): ChildProcess {
  return fork(join(here, file), [], {
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export interface ServerChild {
  name: string;
  pid: number;
  url: string;
  cpuUs(): number;
  events(officeId: string, after: number, limit?: number): Promise<EventsPage>;
  state(officeId: string): Promise<OfficeState>;
  /** The store's reads the correctness checker needs, served by the child's own store. */
  readonly store: Pick<TicketStore, 'eventsSince' | 'getState'>;
  profileStart(): Promise<void>;
  /** Writes the profile of the server's main thread since profileStart() to `file`. */
  profileStop(file: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(name: string, env: NodeJS.ProcessEnv): Promise<ServerChild> {
  const child = forkTs('http-server.ts', env);
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const ready = new Promise<{ port: number; pid: number }>((resolve, reject) => {
    child.on('message', (m: ServerMessage) => {
      if (m.kind === 'ready') return resolve(m);
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(`${name}: ${m.error}`));
    });
    child.once('exit', (code) => {
      reject(new Error(`server ${name} exited with code ${code} before it was ready`));
      for (const p of pending.values()) p.reject(new Error(`server ${name} exited (${code})`));
      pending.clear();
    });
  });
  const { port, pid } = await withTimeout(ready, 60_000, `server ${name} start`);
  type Body = ServerRequest extends infer R ? (R extends ServerRequest ? Omit<R, 'id'> : never) : never;
  const request = <T>(msg: Body, ms = 30_000): Promise<T> => {
    const id = nextId++;
    const answer = new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    });
    child.send({ ...msg, id } as ServerRequest);
    return withTimeout(answer, ms, `${name} ${msg.op}`);
  };
  const events = (officeId: string, after: number, limit = 1000): Promise<EventsPage> =>
    request({ op: 'events', officeId, after, limit });
  const state = (officeId: string): Promise<OfficeState> => request({ op: 'state', officeId });
  return {
    name,
    pid,
    url: `http://127.0.0.1:${port}`,
    cpuUs: () => procCpuUs(pid),
    events,
    state,
    store: { eventsSince: events, getState: state },
    async profileStart() {
      await request({ op: 'profile-start' });
    },
    async profileStop(file) {
      await request({ op: 'profile-stop', file }, 120_000);
    },
    async stop() {
      if (child.exitCode !== null) return;
      try {
        await request({ op: 'stop' }, 30_000);
        await withTimeout(exited(child), 30_000, `${name} exit`);
      } catch {
        child.kill('SIGKILL');
      }
    },
  };
}

export interface Generator {
  pid: number;
  run(req: Omit<LoadRequest, 'kind'>): Promise<LoadReply>;
  stop(): Promise<void>;
}

export async function startGenerator(): Promise<Generator> {
  const child = forkTs('http-load.ts', process.env);
  let waiting: { resolve(r: LoadReply): void; reject(e: Error): void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: LoadReply | { kind: 'ready' } | { kind: 'error'; message: string }) => {
      if (m.kind === 'ready') return resolve();
      const w = waiting;
      waiting = undefined;
      if (m.kind === 'error') w?.reject(new Error(`generator: ${m.message}`));
      else w?.resolve(m);
    });
    child.once('exit', (code) => {
      reject(new Error(`generator exited with code ${code}`));
      waiting?.reject(new Error(`generator exited with code ${code}`));
    });
  });
  await withTimeout(ready, 60_000, 'generator start');
  return {
    pid: child.pid ?? 0,
    run(req) {
      if (waiting) throw new Error('generator busy');
      const result = new Promise<LoadReply>((resolve, reject) => {
        waiting = { resolve, reject };
      });
      child.send({ kind: 'run', ...req } satisfies LoadRequest);
      // Bounded: a run never takes longer than its requests' timeouts allow, plus slack.
      // Bounded: at the rate (or at least 100 requests/s), plus the requests' timeout and slack.
      const seconds = req.amount / Math.min(req.rate ?? 100, 100) + req.timeoutSeconds + 60;
      return withTimeout(result, seconds * 1000, 'generator run');
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ kind: 'exit' });
      try {
        await withTimeout(exited(child), 10_000, 'generator exit');
      } catch {
        child.kill('SIGKILL');
      }
    },
  };
}
