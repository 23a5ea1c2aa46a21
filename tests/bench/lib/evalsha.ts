/**
 * The EVALSHA ceiling: one real issue command of the Redis engine is captured on its way to Redis
 * (sha, keys, arguments), its script loaded with SCRIPT LOAD, checked once with redis-cli (the
 * office's seq must move by exactly one: a negative error code or an error reply would not), and
 * then replayed by redis-benchmark. The ticket id in the arguments becomes `__rand_int__` (with
 * `-r`), so each call writes a new ticket as a real issue does, within a bounded key space.
 */
import type { Command } from '../../../shared/domain/types.js';
import { captureScriptCall } from './command-tap.js';
import type { BenchEngine } from './engines.js';
import { BENCH_SERVICE } from './office.js';
import { redisCli } from './references.js';

export interface EvalshaReference {
  officeId: string;
  sha: string;
  /** numkeys, keys…, args… with the ticket id replaced by a `__rand_int__` pattern. */
  template: string[];
  randomized: boolean;
  keys: number;
  reply: string;
}

/** A TOKEN-shaped ticket id (22 characters) once redis-benchmark puts 12 digits in. */
const RANDOM_ID = `t__rand_int__${'r'.repeat(9)}`;
const MARKER = 'BenchCaptureTicket0001';

const issue: Command = { type: 'issue', serviceId: BENCH_SERVICE, channel: 'officer' };

export async function prepareEvalsha(
  engine: BenchEngine,
  url: string,
  officeId: string,
): Promise<EvalshaReference> {
  engine.forceNextId(MARKER);
  const call = await captureScriptCall(MARKER, () => engine.store.execute(officeId, issue));
  const [sha = '', ...rest] = call.args;
  if (call.lua !== undefined) {
    const loaded = redisCli(url, ['SCRIPT', 'LOAD', call.lua]);
    if (loaded !== sha) throw new Error(`SCRIPT LOAD answered ${loaded}, the engine uses ${sha}`);
  } else if (redisCli(url, ['SCRIPT', 'EXISTS', sha]) !== '1') {
    throw new Error(`script ${sha} is not loaded and its source was not found`);
  }
  const randomized = rest.some((a) => a.includes(MARKER));
  const template = rest.map((a) => a.split(MARKER).join(RANDOM_ID));
  const seq0 = (await engine.store.getState(officeId)).seq;
  let reply: string;
  try {
    reply = redisCli(url, [
      'EVALSHA',
      sha,
      ...template.map((a) => a.split('__rand_int__').join('0'.repeat(12))),
    ]);
  } catch (err) {
    throw new Error(`redis-cli EVALSHA failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const seq1 = (await engine.store.getState(officeId)).seq;
  if (seq1 !== seq0 + 1) {
    throw new Error(
      `EVALSHA replay did not issue a ticket (seq ${seq0} → ${seq1}); reply: ${reply.slice(0, 200)}`,
    );
  }
  const oneLine = reply.replace(/\s+/g, ' ').slice(0, 160);
  return { officeId, sha, template, randomized, keys: Number(rest[0]), reply: oneLine };
}

/** redis-benchmark arguments replaying the captured call. */
export function evalshaArgs(ref: EvalshaReference, n: number, clients: number, pipeline: number): string[] {
  const args = ['-c', String(clients), '-P', String(pipeline), '-n', String(n)];
  if (ref.randomized) args.push('-r', '10000');
  return [...args, 'EVALSHA', ref.sha, ...ref.template];
}
