/**
 * Sees every command the bench's ioredis clients send (the Redis engine's included), by wrapping
 * `Redis.prototype.sendCommand` for the life of the bench. Used to count commands per operation by
 * name, and to capture one real script call (sha, keys, args) to replay with redis-benchmark.
 */
import { Redis } from 'ioredis';

interface SentCommand {
  name: string;
  args: unknown[];
}

interface ScriptLike {
  sha: string;
  lua: string;
}

export interface CapturedCall {
  name: string;
  args: string[];
  /** The script's source when the client knew it (ioredis defineCommand), for SCRIPT LOAD. */
  lua?: string;
}

type SendCommand = (this: Redis, command: SentCommand, ...rest: unknown[]) => unknown;

const proto = Redis.prototype as unknown as { sendCommand: SendCommand };
const original: SendCommand = proto.sendCommand;

const counts = new Map<string, number>();
let counting = false;
let captureIf: ((c: SentCommand) => boolean) | undefined;
let captured: CapturedCall | undefined;

const asText = (a: unknown): string =>
  Buffer.isBuffer(a) ? a.toString('utf8') : typeof a === 'string' ? a : String(a);

proto.sendCommand = function sendCommand(this: Redis, command: SentCommand, ...rest: unknown[]): unknown {
  const name = command.name.toLowerCase();
  if (counting && name !== 'info' && name !== 'client') counts.set(name, (counts.get(name) ?? 0) + 1);
  if (captureIf?.(command)) {
    captureIf = undefined;
    const args = command.args.map(asText);
    captured = { name, args };
    const scripts = (this as unknown as { scriptsSet?: Record<string, ScriptLike> }).scriptsSet ?? {};
    const script = Object.values(scripts).find((s) => s.sha === args[0]);
    if (script) captured.lua = script.lua;
  }
  return original.call(this, command, ...rest);
};

/** Starts counting commands sent, by name (INFO and CLIENT left out). */
export function startCounting(): void {
  counts.clear();
  counting = true;
}

export function stopCounting(): Record<string, number> {
  counting = false;
  return Object.fromEntries(counts);
}

/** Captures the next EVALSHA whose arguments contain `marker`, sent while `action` runs. */
export async function captureScriptCall(
  marker: string,
  action: () => Promise<unknown>,
): Promise<CapturedCall> {
  captured = undefined;
  captureIf = (c) => c.name.toLowerCase() === 'evalsha' && c.args.some((a) => asText(a).includes(marker));
  try {
    await action();
  } finally {
    captureIf = undefined;
  }
  if (!captured) throw new Error(`no EVALSHA mentioning ${marker} was sent`);
  return captured;
}
