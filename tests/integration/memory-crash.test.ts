/**
 * The embedded engine's durability claim under real crashes: a child process runs a mixed load on
 * one DATA_DIR and is SIGKILLed at a random moment, over and over; after each kill a fresh store on
 * the same directory must hold every command the child saw acknowledged, exactly as acknowledged,
 * with a gap-free seq and the queue's invariants intact. Each round continues from the state the
 * previous rounds left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../server/store/memory/memory-store.js';
import { businessDate } from '../../shared/domain/calendar.js';
import { EVENT_TYPES, type OfficeEvent, type RecentCall, type Ticket } from '../../shared/domain/types.js';
import { RECENT_CALLS } from '../../server/store/types.js';
import { CRASH_MAX_EVENTS, crashClock, type AckLine } from '../helpers/crash-child.js';
import { allEvents, ticketIdsOf } from '../helpers/store-dump.js';

const ROUNDS = 12;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const childScript = join(root, 'tests/helpers/crash-child.ts');
const officeId = 'crash-office';

const live = new Set<ChildProcess>();
/** The clock parent and children share (set when the test starts). */
let crashNow: () => number = Date.now;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'luot-crash-'));
});

afterAll(async () => {
  for (const child of live) killGroup(child);
  await rm(dataDir, { recursive: true, force: true });
});

/** The child leads its own process group: kill the group, so nothing it started survives either. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

interface Round {
  ready: { seq: number } | undefined;
  /** An incomplete last line (the kill cut the write short) is not an acknowledgement. */
  acks: AckLine[];
  exit: { code: number | null; signal: NodeJS.Signals | null };
  stderr: string;
}

const rand = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min + 1));

/**
 * Starts the child and SIGKILLs it `delay` ms after it reports ready — or, in `early` rounds,
 * `delay` ms after it was spawned, which may land in the middle of its start-up (replay, torn-line
 * repair, seeding).
 */
async function crashRound(round: number, t0: number, delay: number, early: boolean): Promise<Round> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, OFFICE_ID: officeId, ROUND: String(round), T0: String(t0) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<Round['exit']>((done) =>
    child.on('close', (code, signal) => done({ code, signal })),
  );

  if (early) {
    await sleep(delay);
  } else {
    const deadline = Date.now() + 15_000;
    while (!stdout.includes('\n')) {
      if (Date.now() > deadline || child.exitCode !== null) break;
      await sleep(2);
    }
    if (!stdout.includes('\n')) {
      killGroup(child);
      live.delete(child);
      throw new Error(`round ${round}: the child never became ready\n${stderr}`);
    }
    await sleep(delay);
  }
  killGroup(child);
  const exit = await exited;
  live.delete(child);

  const lines = stdout.split('\n');
  lines.pop(); // empty after the last newline, or a line the kill cut short
  let ready: Round['ready'];
  const acks: AckLine[] = [];
  for (const line of lines) {
    const parsed = JSON.parse(line) as AckLine | { ready: true; seq: number };
    if ('ready' in parsed) ready = { seq: parsed.seq };
    else acks.push(parsed);
  }
  return { ready, acks, exit, stderr };
}

const TERMINAL = new Set(['done', 'cancelled', 'transferred']);

/** Checks the restarted store against everything acknowledged so far; returns its seq. */
async function verify(store: MemoryStore, acked: AckLine[], round: number): Promise<number> {
  const where = `after round ${round}`;
  const events = await allEvents(store, officeId);
  const state = await store.getState(officeId);

  // seq: 1, 2, 3, … without a gap, ending at the office's seq.
  events.forEach((e, i) => {
    if (e.seq !== i + 1) expect.fail(`${where}: event #${i + 1} has seq ${e.seq}`);
  });
  expect(state.seq, where).toBe(events.length);

  // Every acknowledged event is there, identical.
  for (const a of acked) {
    const e = events[a.seq - 1];
    if (JSON.stringify(e) !== JSON.stringify(a.event)) {
      expect(e, `${where}: acknowledged event ${a.seq} (${a.type}, round ${a.command.requestId})`).toEqual(
        a.event,
      );
    }
  }

  // Every ticket is as its newest event left it — at least as new as its last acknowledgement.
  const newest = new Map<string, { seq: number; ticket: Ticket }>();
  for (const e of events)
    for (const t of [e.from, e.ticket]) if (t) newest.set(t.id, { seq: e.seq, ticket: t });
  for (const [id, { ticket }] of newest) {
    const stored = await store.getTicket(officeId, id);
    if (JSON.stringify(stored) !== JSON.stringify(ticket))
      expect(stored, `${where}: ticket ${id}`).toEqual(ticket);
  }
  const lastAck = new Map<string, AckLine>();
  for (const a of acked) for (const id of ticketIdsOf(a.event)) lastAck.set(id, a);
  for (const [id, a] of lastAck) {
    const n = newest.get(id);
    expect(n, `${where}: ticket ${id}`).toBeDefined();
    expect(n!.seq, `${where}: ticket ${id}`).toBeGreaterThanOrEqual(a.seq);
    const ackedTicket = a.event.from?.id === id ? a.event.from : a.event.ticket;
    if (ackedTicket && TERMINAL.has(ackedTicket.status)) expect(n!.ticket.status).toBe(ackedTicket.status);
  }

  // Numbers: per service and business day, the issued tickets hold 1..k exactly once.
  const issued = new Map<string, Ticket[]>();
  for (const e of events) {
    if (e.type !== 'issued' || !e.ticket) continue;
    const key = `${e.ticket.serviceId}|${e.ticket.businessDate}`;
    issued.set(key, [...(issued.get(key) ?? []), e.ticket]);
  }
  for (const [key, tickets] of issued) {
    expect(
      tickets.map((t) => t.seqNo),
      `${where}: ${key}`,
    ).toEqual(tickets.map((_, i) => i + 1));
    expect(new Set(tickets.map((t) => t.number)).size, `${where}: ${key} numbers`).toBe(tickets.length);
  }

  // Counters: each holds at most one ticket, each called/serving ticket is held by exactly one.
  const holders = new Map<string, string[]>();
  for (const c of state.counters) {
    if (c.currentTicketId === undefined) continue;
    holders.set(c.currentTicketId, [...(holders.get(c.currentTicketId) ?? []), c.id]);
    const t = newest.get(c.currentTicketId)?.ticket;
    expect(t?.status, `${where}: ticket held by ${c.id}`).toMatch(/^(called|serving)$/);
    expect(t?.counterId, `${where}: ticket held by ${c.id}`).toBe(c.id);
  }
  for (const [id, { ticket }] of newest) {
    if (ticket.status === 'called' || ticket.status === 'serving')
      expect(holders.get(id), `${where}: holders of ${ticket.status} ticket ${id}`).toEqual([
        ticket.counterId,
      ]);
  }
  // …and every counter is as its newest event left it.
  const lastCounter = new Map<string, OfficeEvent['counter']>();
  for (const e of events) if (e.counter) lastCounter.set(e.counter.id, e.counter);
  for (const c of state.counters)
    if (lastCounter.has(c.id)) expect(c, `${where}: counter ${c.id}`).toEqual(lastCounter.get(c.id));

  // Derived views agree with the log: waiting counts and the recent calls board.
  const today = businessDate(crashNow(), 'Asia/Ho_Chi_Minh');
  const waiting: Record<string, number> = { civ: 0, cert: 0, land: 0 };
  for (const { ticket } of newest.values())
    if (ticket.status === 'waiting' && ticket.businessDate === today) waiting[ticket.serviceId]! += 1;
  expect(state.waiting, `${where}: waiting counts`).toEqual(waiting);
  const recent: RecentCall[] = [];
  for (const e of events) {
    const t = e.ticket;
    if ((e.type === 'called' || e.type === 'recalled') && t?.counterId !== undefined)
      recent.unshift({
        ticketId: t.id,
        number: t.number,
        serviceId: t.serviceId,
        counterId: t.counterId,
        at: e.at,
        kind: e.type,
      });
  }
  expect(state.recentCalls, `${where}: recent calls`).toEqual(recent.slice(0, RECENT_CALLS));

  return state.seq;
}

describe('embedded engine under SIGKILL', () => {
  it(
    `keeps every acknowledged command across ${ROUNDS} SIGKILLs under concurrent load`,
    { timeout: 55_000 },
    async () => {
      const t0 = Date.now();
      crashNow = crashClock(t0);
      const acked: AckLine[] = [];
      const perRound: { round: number; acks: number; seq: number; early: boolean }[] = [];
      const torn: number[] = [];
      let maxGen = 0;
      let seq = 0;

      for (let round = 0; round < ROUNDS; round++) {
        const early = round % 4 === 3;
        const result = await crashRound(round, t0, rand(50, 400), early);
        expect(result.exit.signal, `round ${round} ended by itself:\n${result.stderr}`).toBe('SIGKILL');
        if (result.ready)
          expect(result.ready.seq, `round ${round}: the child loaded what the last check saw`).toBe(seq);
        else expect(early).toBe(true);
        acked.push(...result.acks);
        if (result.stderr.includes('dropped a torn last journal line')) torn.push(round);

        for (const f of await readdir(dataDir))
          maxGen = Math.max(maxGen, Number(/-(\d{8})\./.exec(f)?.[1] ?? 0));
        const warnings: string[] = [];
        const store = await MemoryStore.open({
          dataDir,
          clock: crashNow,
          maxEvents: CRASH_MAX_EVENTS,
          log: {
            info() {},
            warn: (_obj, msg) => warnings.push(msg),
            error: (_obj, msg) => warnings.push(msg),
          },
        });
        try {
          seq = await verify(store, acked, round);

          // Retries of this round's acknowledged commands answer with their first event, and add none.
          const sample = result.acks.filter(() => Math.random() < 0.5).slice(0, 10);
          for (const a of sample)
            expect(await store.execute(officeId, a.command), a.command.requestId).toEqual(a.event);
          expect((await store.getState(officeId)).seq).toBe(seq);

          // The next command continues the seq.
          const command = {
            type: 'issue',
            serviceId: 'civ',
            channel: 'officer',
            requestId: `check-${round}`,
          } as const;
          const event = await store.execute(officeId, command);
          expect(event.seq, `round ${round}: the next seq`).toBe(seq + 1);
          acked.push({ seq: event.seq, type: event.type, command, event });
          seq = event.seq;
        } finally {
          await store.close();
        }
        if (warnings.some((w) => w !== 'dropped a torn last journal line'))
          expect.fail(`round ${round}: unexpected warnings ${warnings.join('; ')}`);
        perRound.push({ round, acks: result.acks.length, seq, early });
      }

      console.info(
        `crash rounds: ${perRound.map((r) => `${r.round}${r.early ? '*' : ''}:${r.acks}`).join(' ')}; ` +
          `${acked.length} acknowledged, final seq ${seq}, generation ${maxGen}, torn lines dropped in rounds [${torn.join(', ')}]`,
      );
      // The load was real: many acknowledgements, every kind of event, compactions under load.
      expect(acked.length).toBeGreaterThan(500);
      expect(perRound.filter((r) => !r.early && r.acks > 0).length).toBeGreaterThanOrEqual(7);
      expect(new Set(acked.map((a) => a.type))).toEqual(new Set(EVENT_TYPES));
      expect(maxGen).toBeGreaterThanOrEqual(10);
      expect(seq).toBeLessThan(CRASH_MAX_EVENTS);
    },
  );
});
