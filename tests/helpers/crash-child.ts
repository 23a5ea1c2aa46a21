/**
 * The process tests/integration/memory-crash.test.ts kills. Opens the embedded store on DATA_DIR
 * (small compactBytes, so compactions run under load too), seeds the office if it is missing, and
 * runs kiosks, counters and a floor supervisor concurrently until it is killed.
 *
 * Run: node --import tsx tests/helpers/crash-child.ts, with DATA_DIR, OFFICE_ID, ROUND and T0 (the
 * parent's start, epoch ms: the store's clock is Monday 2026-11-30 09:00 plus the time since T0,
 * so parent and children agree on the business day and the office is open).
 *
 * stdout: first `{"ready":true,"seq":N}` once the store is open, then one JSON line per
 * acknowledged command, written only after `store.execute` resolved:
 * `{ seq, type, ticketId, status, fromId, command, event }`.
 * Anything unexpected (an error that is not a refusal of the command) exits with code 3.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { MemoryStore, type StoreLogger } from '../../server/store/memory/memory-store.js';
import type { Command, OfficeConfig, OfficeEvent } from '../../shared/domain/types.js';
import { isQueueError } from '../../shared/protocol/errors.js';
import { TestClock } from './clock.js';
import { testOffice } from './office.js';

export interface AckLine {
  seq: number;
  type: OfficeEvent['type'];
  ticketId?: string;
  status?: string;
  fromId?: string;
  command: Command;
  event: OfficeEvent;
}

/** The crash office: the test office with wide numbering, so a long load never runs out of numbers. */
export function crashOffice(id: string): OfficeConfig {
  const base = testOffice({ id });
  return {
    ...base,
    services: base.services.map((s) => ({ ...s, numbering: { ...s.numbering, width: 5 } })),
  };
}

export const CRASH_COMPACT_BYTES = 64 * 1024;
export const CRASH_MAX_EVENTS = 200_000;
export const crashClock = (t0: number) => (): number => TestClock.vn('2026-11-30T09:00') + (Date.now() - t0);

function required(name: string): string {
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error(`${name} is required`);
  return v;
}

function fatal(err: unknown): never {
  process.stderr.write(
    `crash-child: unexpected ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(3);
}

const rand = (n: number): number => Math.floor(Math.random() * n);
const pick = <T>(items: readonly T[]): T => items[rand(items.length)] as T;

async function main(): Promise<void> {
  const dataDir = required('DATA_DIR');
  const officeId = required('OFFICE_ID');
  const round = Number(required('ROUND'));
  const t0 = Number(required('T0'));

  const log: StoreLogger = {
    info() {},
    warn: (obj, msg) => process.stderr.write(`warn ${msg} ${JSON.stringify(obj)}\n`),
    error: (obj, msg) => process.stderr.write(`error ${msg} ${JSON.stringify(obj)}\n`),
  };
  const store = await MemoryStore.open({
    dataDir,
    clock: crashClock(t0),
    compactBytes: CRASH_COMPACT_BYTES,
    maxEvents: CRASH_MAX_EVENTS,
    log,
  });
  if (!(await store.getOffice(officeId))) await store.putOffice(crashOffice(officeId));
  const office = (await store.getOffice(officeId)) as OfficeConfig;
  const startSeq = (await store.getState(officeId)).seq;

  // What the supervisor knows: tickets it may requeue, cancel or transfer (from recent events).
  const waiting = new Set<string>();
  const noShows = new Set<string>();
  const learn = (e: OfficeEvent): void => {
    for (const t of [e.from, e.ticket]) {
      if (!t) continue;
      waiting.delete(t.id);
      noShows.delete(t.id);
      if (t.status === 'waiting') waiting.add(t.id);
      if (t.status === 'no_show') noShows.add(t.id);
    }
  };
  for (const e of (await store.eventsSince(officeId, Math.max(0, startSeq - 500), 500)).events) learn(e);

  process.stdout.write(JSON.stringify({ ready: true, seq: startSeq }) + '\n');

  let n = 0;
  /** Runs one command; prints it once acknowledged. Undefined when the store refused it. */
  const exec = async (actor: string, command: Command): Promise<OfficeEvent | undefined> => {
    const cmd: Command = { ...command, requestId: `r${round}-${actor}-${n++}` };
    let e: OfficeEvent;
    try {
      e = await store.execute(officeId, cmd);
    } catch (err) {
      if (isQueueError(err) && err.code !== 'STORE_UNAVAILABLE') {
        await sleep(1); // a refusal costs no disk write: do not spin on it
        return undefined;
      }
      fatal(err);
    }
    const line: AckLine = { seq: e.seq, type: e.type, command: cmd, event: e };
    if (e.ticket) {
      line.ticketId = e.ticket.id;
      line.status = e.ticket.status;
    }
    if (e.from) line.fromId = e.from.id;
    process.stdout.write(JSON.stringify(line) + '\n');
    learn(e);
    return e;
  };

  const services = office.services.map((s) => s.id);
  const counters = office.counters.map((c) => c.id);

  async function kiosk(k: number): Promise<void> {
    const channels = ['kiosk', 'kiosk', 'api', 'officer'] as const;
    for (;;) {
      const priority = Math.random() < 0.1;
      const cmd: Command = { type: 'issue', serviceId: pick(services), channel: pick(channels) };
      if (priority) Object.assign(cmd, { priority: true, priorityReason: 'Người cao tuổi' });
      await exec(`k${k}`, cmd);
      await sleep(rand(4));
    }
  }

  async function counter(counterId: string): Promise<void> {
    const actor = counterId;
    for (;;) {
      const state = await store.getState(officeId);
      const c = state.counters.find((x) => x.id === counterId);
      if (!c) fatal(new Error(`counter ${counterId} missing`));
      const r = Math.random();
      if (c.status !== 'open') {
        if (c.officerId === undefined && r < 0.5)
          await exec(actor, { type: 'signIn', counterId, officerId: `cb-${counterId}` });
        else await exec(actor, { type: 'openCounter', counterId });
      } else if (c.currentTicketId !== undefined) {
        const t = await store.getTicket(officeId, c.currentTicketId);
        if (t?.status === 'called') {
          if (r < 0.5) await exec(actor, { type: 'startServing', counterId });
          else if (r < 0.65) await exec(actor, { type: 'noShow', counterId });
          else if (r < 0.75) await exec(actor, { type: 'recall', counterId });
          else if (r < 0.85) await exec(actor, { type: 'complete', counterId });
          else
            await exec(actor, {
              type: 'transfer',
              ticketId: t.id,
              to: Math.random() < 0.5 ? { serviceId: pick(services) } : { counterId: pick(counters) },
              position: pick(['front', 'back', 'issueTime'] as const),
            });
        } else if (r < 0.85) {
          await exec(actor, { type: 'complete', counterId, outcome: 'Đã giải quyết' });
        } else {
          await exec(actor, {
            type: 'transfer',
            ticketId: c.currentTicketId,
            to: { serviceId: pick(services) },
            position: 'front',
          });
        }
      } else if (r < 0.02) {
        await exec(actor, { type: 'pauseCounter', counterId, reason: 'Nghỉ giải lao' });
      } else if (r < 0.03) {
        await exec(actor, { type: c.officerId === undefined ? 'closeCounter' : 'signOut', counterId });
      } else if (!(await exec(actor, { type: 'callNext', counterId }))) {
        await sleep(2);
      }
    }
  }

  async function supervisor(): Promise<void> {
    for (;;) {
      const r = Math.random();
      const some = (set: Set<string>): string | undefined => {
        let skip = rand(Math.min(set.size, 8));
        for (const id of set) if (skip-- <= 0) return id;
        return undefined;
      };
      const noShow = some(noShows);
      const wait = some(waiting);
      if (noShow !== undefined && r < 0.5) {
        await exec(
          'sup',
          r < 0.4
            ? { type: 'requeue', ticketId: noShow, position: pick(['front', 'original'] as const) }
            : { type: 'cancel', ticketId: noShow },
        );
      } else if (wait !== undefined && r < 0.7) {
        await exec('sup', { type: 'cancel', ticketId: wait });
      } else if (wait !== undefined) {
        await exec('sup', {
          type: 'transfer',
          ticketId: wait,
          to: Math.random() < 0.5 ? { serviceId: pick(services) } : { counterId: pick(counters) },
          position: pick(['front', 'back', 'issueTime'] as const),
        });
      }
      await sleep(2 + rand(6));
    }
  }

  await Promise.all([kiosk(1), kiosk(2), kiosk(3), ...counters.map(counter), supervisor()]);
}

// Imported by the test for its helpers; runs only as a script.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().catch(fatal);
