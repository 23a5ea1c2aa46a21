/**
 * Loads the Lua scripts of lua/ and defines them as ioredis commands (EVALSHA, falling back to
 * EVAL when Redis does not know the script yet, e.g. after a restart).
 *
 * File names follow BullMQ: `camelName-<numKeys>.lua`. Three scripts take a number of keys that
 * depends on the office (callNext: the counter's candidate lists; getState: one key per counter;
 * waitingLists: the lists asked for).
 * They say `@variadic` in their header: the number in their name counts their fixed leading keys,
 * they are defined without a fixed numberOfKeys, and `run` passes the actual key count with each
 * call. Every key a script touches directly still arrives in KEYS, so Cluster routing and ACL key
 * patterns see them.
 *
 * `--- @include "name"` lines pull in lua/includes/name.lua (each include at most once per script).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';

export const SCRIPT_NAMES = [
  'issue',
  'callNext',
  'call',
  'recall',
  'startServing',
  'complete',
  'noShow',
  'requeue',
  'transfer',
  'cancel',
  'openCounter',
  'pauseCounter',
  'closeCounter',
  'signIn',
  'signOut',
  'putOffice',
  'registerOffice',
  'getState',
  'eventsSince',
  'queuePosition',
  'requestCheck',
  'waitingLists',
  'dayActivity',
] as const;

export type ScriptName = (typeof SCRIPT_NAMES)[number];

export interface ScriptSource {
  name: ScriptName;
  /** Fixed keys (all keys unless `variadic`). */
  numberOfKeys: number;
  variadic: boolean;
  /** The source with its includes resolved. */
  lua: string;
  file: string;
}

const FILE = /^([a-z][A-Za-z]*)-(\d+)\.lua$/;
const INCLUDE = /^--- @include "([a-zA-Z]+)"[ \t]*$/gm;

/**
 * Where the .lua files are: next to this module when run from source (tsx, vitest); from a build
 * in dist/, the sources in the repository (tsc does not copy them).
 */
function luaDir(): string {
  const candidates = [
    new URL('./lua/', import.meta.url),
    new URL('../../../../server/store/redis/lua/', import.meta.url),
  ];
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    if (existsSync(dir)) return dir;
  }
  throw new Error(`Lua scripts not found (looked in ${candidates.map((u) => fileURLToPath(u)).join(', ')})`);
}

function resolveIncludes(dir: string, source: string, seen: Set<string>): string {
  return source.replace(INCLUDE, (_line, name: string) => {
    if (seen.has(name)) return '';
    seen.add(name);
    const text = readFileSync(`${dir}includes/${name}.lua`, 'utf8');
    return resolveIncludes(dir, text, seen);
  });
}

let cached: Map<ScriptName, ScriptSource> | undefined;

/** Reads (once per process) and checks every script: each name defined once, none missing. */
export function scriptSources(): Map<ScriptName, ScriptSource> {
  if (cached) return cached;
  const dir = luaDir();
  const found = new Map<ScriptName, ScriptSource>();
  for (const file of readdirSync(dir).sort()) {
    const m = FILE.exec(file);
    if (!m) continue;
    const name = m[1] as ScriptName;
    if (!(SCRIPT_NAMES as readonly string[]).includes(name)) throw new Error(`unexpected Lua script ${file}`);
    if (found.has(name)) throw new Error(`Lua script ${name} defined twice`);
    const raw = readFileSync(`${dir}${file}`, 'utf8');
    found.set(name, {
      name,
      numberOfKeys: Number(m[2]),
      variadic: /@variadic\b/.test(raw),
      lua: resolveIncludes(dir, raw, new Set()),
      file,
    });
  }
  const missing = SCRIPT_NAMES.filter((n) => !found.has(n));
  if (missing.length > 0) throw new Error(`Lua scripts missing: ${missing.join(', ')}`);
  cached = found;
  return found;
}

type ScriptCommand = (...args: (string | number)[]) => Promise<unknown>;

/** The scripts bound to one connection. */
/**
 * The name a script gets on the ioredis client. Prefixed, because script names may collide with the
 * client's own methods: a script `call` replaced ioredis's `call`, which auto-pipelining uses.
 */
const commandName = (name: string): string => `luot_${name}`;

export class Scripts {
  private readonly sources = scriptSources();

  constructor(private readonly client: Redis) {
    for (const s of this.sources.values()) {
      client.defineCommand(
        commandName(s.name),
        s.variadic ? { lua: s.lua } : { lua: s.lua, numberOfKeys: s.numberOfKeys },
      );
    }
  }

  /** Runs a script; a key count that does not match its declaration is a programming error. */
  run(name: ScriptName, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const s = this.sources.get(name);
    if (!s) throw new Error(`unknown script ${name}`);
    const ok = s.variadic ? keys.length >= s.numberOfKeys : keys.length === s.numberOfKeys;
    if (!ok) throw new Error(`${s.file}: called with ${keys.length} keys`);
    const command = (this.client as unknown as Record<string, ScriptCommand>)[commandName(name)];
    if (!command) throw new Error(`script ${name} is not defined on this connection`);
    return s.variadic
      ? command.call(this.client, keys.length, ...keys, ...args)
      : command.call(this.client, ...keys, ...args);
  }
}
