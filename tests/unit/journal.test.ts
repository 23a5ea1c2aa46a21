/**
 * The embedded engine's journal: torn and corrupt lines, compaction and its crash windows, group
 * commit, and what a failed write does to the store. Every test restarts the store on the same
 * directory and compares what a client can observe before and after.
 */
import {
  copyFile,
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  rm,
  rmdir,
  stat,
  writeFile,
} from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { MemoryStore, type MemoryStoreOptions } from '../../server/store/memory/memory-store.js';
import type { Command, OfficeConfig, OfficeEvent } from '../../shared/domain/types.js';
import { QueueError } from '../../shared/protocol/errors.js';
import { TestClock } from '../helpers/clock.js';
import { testOffice } from '../helpers/office.js';
import { dumpOffice, type OfficeDump } from '../helpers/store-dump.js';

const journalFile = (gen: number): string => `journal-${String(gen).padStart(8, '0')}.ndjson`;
const snapshotFile = (gen: number): string => `snapshot-${String(gen).padStart(8, '0')}.json`;

let dir: string;
let clock: TestClock;
let office: OfficeConfig;
let nextId: number;
const opened: MemoryStore[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'luot-journal-'));
  clock = new TestClock('2026-11-30T09:00');
  office = testOffice();
  nextId = 0;
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of opened.splice(0)) await s.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

type LogFn = (obj: object, msg: string) => void;

function recordingLog(): { info: Mock<LogFn>; warn: Mock<LogFn>; error: Mock<LogFn> } {
  return { info: vi.fn<LogFn>(), warn: vi.fn<LogFn>(), error: vi.fn<LogFn>() };
}

/** Ticket ids are predictable (`t0`, `t1`, …) so a test can ask for a ticket it was refused. */
async function openStore(extra: Partial<MemoryStoreOptions> = {}): Promise<MemoryStore> {
  const store = await MemoryStore.open({
    dataDir: dir,
    clock: clock.fn,
    newId: () => `t${nextId++}`,
    ...extra,
  });
  opened.push(store);
  return store;
}

async function reopen(store: MemoryStore, extra: Partial<MemoryStoreOptions> = {}): Promise<MemoryStore> {
  await store.close();
  return openStore(extra);
}

async function run(store: MemoryStore, command: Command): Promise<OfficeEvent> {
  clock.advance(1000);
  return store.execute(office.id, command);
}

async function setUp(store: MemoryStore): Promise<void> {
  await store.putOffice(office);
  for (const counterId of ['c1', 'c2', 'c3', 'c4']) await run(store, { type: 'openCounter', counterId });
  await run(store, { type: 'signIn', counterId: 'c1', officerId: 'lan' });
}

/**
 * A morning's mix of every event type, repeatable: c1 serves and completes, c2 calls a no-show
 * who is requeued, a ticket is transferred to c4 and served there, one is cancelled, and c3 ends
 * holding a called ticket (it completes the previous round's first). Returns the events.
 */
interface Sent {
  command: Command;
  event: OfficeEvent;
}

async function morning(store: MemoryStore, tag: string): Promise<Sent[]> {
  const sent: Sent[] = [];
  let n = 0;
  const go = async (cmd: Command): Promise<OfficeEvent> => {
    const command = { ...cmd, requestId: `${tag}-${n++}` };
    const event = await run(store, command);
    sent.push({ command, event });
    return event;
  };
  const c3 = (await store.getState(office.id)).counters.find((c) => c.id === 'c3');
  if (c3?.currentTicketId !== undefined) await go({ type: 'complete', counterId: 'c3' });
  await go({ type: 'issue', serviceId: 'civ', channel: 'kiosk' });
  await go({
    type: 'issue',
    serviceId: 'civ',
    channel: 'kiosk',
    priority: true,
    priorityReason: 'Người cao tuổi',
  });
  const cert = await go({ type: 'issue', serviceId: 'cert', channel: 'api' });
  const toCancel = await go({ type: 'issue', serviceId: 'civ', channel: 'officer' });
  await go({ type: 'callNext', counterId: 'c1' });
  await go({ type: 'startServing', counterId: 'c1' });
  await go({ type: 'complete', counterId: 'c1', outcome: 'Đã trả kết quả' });
  const missed = await go({ type: 'callNext', counterId: 'c2' });
  await go({ type: 'noShow', counterId: 'c2' });
  await go({ type: 'requeue', ticketId: missed.ticket?.id ?? '', position: 'front' });
  await go({ type: 'transfer', ticketId: cert.ticket?.id ?? '', to: { counterId: 'c4' }, position: 'back' });
  await go({ type: 'callNext', counterId: 'c4' });
  await go({ type: 'complete', counterId: 'c4' });
  await go({ type: 'cancel', ticketId: toCancel.ticket?.id ?? '' });
  await go({ type: 'callNext', counterId: 'c3' });
  await go({ type: 'recall', counterId: 'c3' });
  return sent;
}

async function dump(store: MemoryStore): Promise<OfficeDump> {
  return dumpOffice(store, office.id);
}

async function dataFiles(): Promise<string[]> {
  return (await readdir(dir)).sort();
}

async function fileHandlePrototype(): Promise<FileHandle> {
  const h = await open(join(dir, 'probe'), 'w');
  await h.close();
  await rm(join(dir, 'probe'));
  return Object.getPrototypeOf(h) as FileHandle;
}

/** Resolves once the store answers ping again (recovery finished); fails after `ms`. */
async function untilAvailable(store: MemoryStore, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await store.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(5);
    }
  }
}

function ioError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated disk failure`), { code });
}

async function expectUnavailable(p: Promise<unknown>): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(QueueError);
  expect((err as QueueError).code).toBe('STORE_UNAVAILABLE');
}

describe('torn and corrupt journal lines', () => {
  it('drops a torn last line with a warning and keeps appending after it', async () => {
    let store = await openStore();
    await setUp(store);
    await morning(store, 'a');
    const before = await dump(store);
    await store.close();

    const path = join(dir, journalFile(0));
    const lines = (await readFile(path, 'utf8')).split('\n').length - 1;
    const torn = '{"k":"ev","e":{"officeId":"' + office.id + '","seq":' + (before.state.seq + 1) + ',"at":17';
    await writeFile(path, torn, { flag: 'a' });

    const log = recordingLog();
    store = await openStore({ log });
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(
      expect.objectContaining({ path, line: lines + 1, bytes: Buffer.byteLength(torn) }),
      'dropped a torn last journal line',
    );
    expect(await dump(store)).toEqual(before);

    const next = await run(store, { type: 'issue', serviceId: 'cert', channel: 'kiosk' });
    expect(next.seq).toBe(before.state.seq + 1);
    const after = await dump(store);

    // The new record starts on a clean line: a second restart replays every line, warns of nothing.
    const log2 = recordingLog();
    store = await reopen(store, { log: log2 });
    expect(log2.warn).not.toHaveBeenCalled();
    expect(await dump(store)).toEqual(after);
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.trimEnd().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('refuses to open a journal with a corrupt line in the middle, naming the file and line, and leaves it untouched', async () => {
    const store = await openStore();
    await setUp(store);
    await morning(store, 'a');
    await store.close();

    const path = join(dir, journalFile(0));
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines[4] = lines[4]!.slice(0, 20) + '\u0000garbage' + lines[4]!.slice(30);
    const damaged = lines.join('\n');
    await writeFile(path, damaged);

    const log = recordingLog();
    await expect(MemoryStore.open({ dataDir: dir, clock: clock.fn, log })).rejects.toThrow(
      `${path}: line 5 is not valid JSON`,
    );
    // No repair by truncation: everything after the damage is still there for a human to restore.
    expect(await readFile(path, 'utf8')).toBe(damaged);
  });
});

describe('compaction', () => {
  it('restarts from a snapshot with identical state, events, seq and remembered requestIds, and removes the old generation', async () => {
    let store = await openStore();
    await setUp(store);
    const first = await morning(store, 'a');
    await store.compact();
    expect(await dataFiles()).toEqual([snapshotFile(1)]);
    const second = await morning(store, 'b');
    const before = await dump(store);

    store = await reopen(store);
    expect(await dataFiles()).toEqual([journalFile(1), snapshotFile(1)]);
    expect(await dump(store)).toEqual(before);

    // A retry of a command from before and from after the compaction answers with its first event.
    for (const { command, event } of [first[3]!, second[8]!]) {
      expect(await store.execute(office.id, command), command.requestId).toEqual(event);
    }
    expect((await store.getState(office.id)).seq).toBe(before.state.seq);
    const next = await run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    expect(next.seq).toBe(before.state.seq + 1);
  });

  it('compacts on its own past compactBytes and keeps only the newest generation', async () => {
    const opts = { compactBytes: 4096 };
    let store = await openStore(opts);
    await setUp(store);
    const sent: Sent[] = [];
    for (const tag of ['a', 'b', 'c', 'd', 'e', 'f']) sent.push(...(await morning(store, tag)));
    const before = await dump(store);
    await store.close(); // waits for a compaction in progress

    const files = await dataFiles();
    const gens = new Set(files.map((f) => Number(/-(\d{8})\./.exec(f)?.[1])));
    expect(gens.size, files.join(', ')).toBe(1);
    const gen = [...gens][0]!;
    expect(gen).toBeGreaterThanOrEqual(3);
    expect(files).toContain(snapshotFile(gen));
    expect(files.every((f) => !f.endsWith('.tmp'))).toBe(true);

    store = await openStore(opts);
    expect(await dump(store)).toEqual(before);
    for (const { command, event } of [sent[5]!, sent[40]!, sent.at(-1)!]) {
      expect(await store.execute(office.id, command), command.requestId).toEqual(event);
    }
    expect((await run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk' })).seq).toBe(
      before.state.seq + 1,
    );
  });

  it('snapshots the state as of the journal switch even when commands run during the compaction', async () => {
    let store = await openStore();
    await setUp(store);
    for (let i = 0; i < 6; i++) await run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    await run(store, { type: 'callNext', counterId: 'c1' });
    await run(store, { type: 'complete', counterId: 'c1' });

    // compact() takes the snapshot at once (the journal is idle); these commands land in the new
    // journal while the snapshot is still being written.
    const compaction = store.compact();
    const during = [
      store.execute(office.id, { type: 'callNext', counterId: 'c1' }),
      store.execute(office.id, { type: 'callNext', counterId: 'c2' }),
      store.execute(office.id, { type: 'recall', counterId: 'c2' }),
      store.execute(office.id, { type: 'issue', serviceId: 'cert', channel: 'kiosk' }),
    ];
    await Promise.all([compaction, ...during]);
    const before = await dump(store);
    expect(before.state.recentCalls.map((c) => c.kind)).toEqual(['recalled', 'called', 'called', 'called']);

    store = await reopen(store);
    expect(await dump(store)).toEqual(before);
  });

  it('compacts while commands arrive back to back, without waiting for a quiet moment', async () => {
    let store = await openStore({ compactBytes: 16 * 1024 });
    await setUp(store);
    let stop = false;
    const writer = async (counterId: string): Promise<void> => {
      for (let n = 0; !stop; n++)
        await store.execute(office.id, { type: 'pauseCounter', counterId, reason: `Nghỉ ${n}` });
    };
    const writers = ['c1', 'c2', 'c3', 'c4'].map(writer);
    await sleep(400);
    stop = true;
    await Promise.all(writers);
    // 400 ms of back-to-back writes fill several 16 KiB generations. (A compaction that waits for
    // a quiet moment never finishes while they run: the generation would be 0 here, at most 1.)
    const gen = Math.max(
      0,
      ...(await readdir(dir)).map((f) => Number(/^snapshot-(\d{8})\.json$/.exec(f)?.[1] ?? 0)),
    );
    expect(gen).toBeGreaterThanOrEqual(3);
    const before = await dump(store);
    store = await reopen(store);
    expect(await dump(store)).toEqual(before);
  });

  it.each([
    {
      crash: 'after the new journal started, before the snapshot was renamed',
      keep: [snapshotFile(1), journalFile(1), journalFile(2)],
      tmp: snapshotFile(2),
      state: 'c',
      gen: 2,
    },
    {
      crash: 'during the first compaction, before any snapshot existed',
      keep: [journalFile(0), journalFile(1)],
      tmp: snapshotFile(1),
      state: 'b',
      gen: 1,
    },
    {
      crash: 'after the snapshot was renamed, before the old generation was removed',
      keep: [snapshotFile(1), journalFile(1), snapshotFile(2), journalFile(2)],
      tmp: undefined,
      state: 'c',
      gen: 2,
    },
  ] as const)('loads a directory left by a crash $crash', async ({ keep, tmp, state, gen }) => {
    // Build three generations for real, copying each file aside before compaction removes it.
    const saved = join(dir, 'saved');
    await mkdir(saved);
    const save = async (): Promise<void> => {
      for (const f of await readdir(dir))
        if (/^(snapshot|journal)-/.test(f)) await copyFile(join(dir, f), join(saved, f));
    };
    let store = await openStore();
    await setUp(store);
    await morning(store, 'a');
    await save();
    await store.compact();
    await morning(store, 'b');
    const afterB = await dump(store);
    await save();
    await store.compact();
    await morning(store, 'c');
    const afterC = await dump(store);
    await store.close();
    await save();
    const before = state === 'b' ? afterB : afterC;

    for (const f of await readdir(dir)) if (f !== 'saved') await rm(join(dir, f));
    for (const f of keep) await copyFile(join(saved, f), join(dir, f));
    await rm(saved, { recursive: true });
    if (tmp !== undefined) await writeFile(join(dir, `${tmp}.tmp`), '{"format":1,"gen":2,"offi');

    const log = recordingLog();
    store = await openStore({ log });
    expect(log.warn).not.toHaveBeenCalled();
    expect(await dump(store)).toEqual(before);
    const next = await run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    expect(next.seq).toBe(before.state.seq + 1);

    // And it compacts cleanly from there.
    await store.compact();
    await run(store, { type: 'issue', serviceId: 'cert', channel: 'kiosk' });
    const after = await dump(store);
    store = await reopen(store);
    expect(await dump(store)).toEqual(after);
    const files = (await dataFiles()).filter((f) => !f.endsWith('.tmp'));
    expect(files).toEqual([journalFile(gen + 1), snapshotFile(gen + 1)]);
  });
});

describe('group commit', () => {
  it('acknowledges 200 concurrent commands with 200 consecutive seqs and few fdatasyncs', async () => {
    let store = await openStore();
    await setUp(store);
    const base = (await store.getState(office.id)).seq;
    const datasync = vi.spyOn(await fileHandlePrototype(), 'datasync');

    const events = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.execute(office.id, { type: 'issue', serviceId: i % 2 ? 'civ' : 'cert', channel: 'kiosk' }),
      ),
    );
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, i) => base + 1 + i),
    );
    expect(datasync.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(datasync.mock.calls.length).toBeLessThanOrEqual(10);

    const before = await dump(store);
    store = await reopen(store);
    expect(await dump(store)).toEqual(before);
  });

  it('acknowledges no command before the fdatasync that covers it, and batches those that wait', async () => {
    const store = await openStore();
    await setUp(store);
    const proto = await fileHandlePrototype();
    const realDatasync = proto.datasync;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const datasync = vi.spyOn(proto, 'datasync').mockImplementation(async function (this: FileHandle) {
      await gate;
      return realDatasync.call(this);
    });

    let acked = 0;
    const all = Promise.all(
      Array.from({ length: 50 }, () =>
        store.execute(office.id, { type: 'issue', serviceId: 'civ', channel: 'kiosk' }).then((e) => {
          acked++;
          return e;
        }),
      ),
    );
    await sleep(50);
    expect(acked).toBe(0);
    expect(datasync).toHaveBeenCalledTimes(1);
    release();
    await all;
    expect(acked).toBe(50);
    // One fdatasync for the record that started the flush, one for the 49 that queued behind it.
    expect(datasync).toHaveBeenCalledTimes(2);
  });
});

describe('a failed write', () => {
  it('refuses the command, rolls memory back to the disk, and continues the seq once the disk works', async () => {
    const log = recordingLog();
    let store = await openStore({ log });
    await setUp(store);
    await morning(store, 'a');
    const before = await dump(store);
    const journalPath = join(dir, journalFile(0));
    const sizeBefore = (await stat(journalPath)).size;

    // The bytes reach the file, but fdatasync reports an I/O error: the record must not count.
    vi.spyOn(await fileHandlePrototype(), 'datasync').mockRejectedValueOnce(ioError('EIO'));
    const refusedId = `t${nextId}`;
    await expectUnavailable(
      run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk', requestId: 'lost-1' }),
    );
    expect(log.error).toHaveBeenCalled();
    await untilAvailable(store);

    expect(await store.getTicket(office.id, refusedId)).toBeUndefined();
    expect(await dump(store)).toEqual(before);
    expect((await stat(journalPath)).size).toBe(sizeBefore);

    // The client's retry with the same requestId runs afresh and gets the number it was refused.
    const retry = await run(store, {
      type: 'issue',
      serviceId: 'civ',
      channel: 'kiosk',
      requestId: 'lost-1',
    });
    expect(retry.seq).toBe(before.state.seq + 1);
    const civIssued = before.events.filter(
      (e) => e.type === 'issued' && e.ticket?.serviceId === 'civ',
    ).length;
    expect(retry.ticket?.number).toBe(`1${String(civIssued + 1).padStart(3, '0')}`);
    const after = await dump(store);
    store = await reopen(store);
    expect(await dump(store)).toEqual(after);
  });

  it('refuses every command while the disk refuses writes and accepts them again after', async () => {
    const store = await openStore();
    await setUp(store);
    const seq = (await store.getState(office.id)).seq;
    const write = vi.spyOn(await fileHandlePrototype(), 'write').mockRejectedValue(ioError('ENOSPC'));
    for (let i = 0; i < 3; i++) {
      await untilAvailable(store);
      await expectUnavailable(run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk' }));
    }
    expect(write).toHaveBeenCalledTimes(3);
    write.mockRestore();
    await untilAvailable(store);
    expect((await store.getState(office.id)).seq).toBe(seq);
    const next = await run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    expect(next.seq).toBe(seq + 1);
    expect(next.ticket?.number).toBe('1001');
  });

  it('refuses the whole failed batch but keeps the batch before it', async () => {
    const store = await openStore();
    await setUp(store);
    const seq = (await store.getState(office.id)).seq;
    const proto = await fileHandlePrototype();
    const realDatasync = proto.datasync;
    let calls = 0;
    vi.spyOn(proto, 'datasync').mockImplementation(async function (this: FileHandle) {
      if (++calls === 2) throw ioError('EIO');
      return realDatasync.call(this);
    });

    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        store.execute(office.id, { type: 'issue', serviceId: 'civ', channel: 'kiosk' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    for (const r of results.slice(1))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await untilAvailable(store);
    const kept = (results[0] as PromiseFulfilledResult<OfficeEvent>).value;
    expect(kept.seq).toBe(seq + 1);
    expect(await store.getTicket(office.id, kept.ticket!.id)).toEqual(kept.ticket);
    for (const id of ['t1', 't2', 't3', 't4']) expect(await store.getTicket(office.id, id)).toBeUndefined();
    expect((await store.getState(office.id)).seq).toBe(seq + 1);
    expect((await run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk' })).seq).toBe(seq + 2);
  });

  it('refuses a retry that waited on the failed write with STORE_UNAVAILABLE too', async () => {
    const store = await openStore();
    await setUp(store);
    const seq = (await store.getState(office.id)).seq;
    vi.spyOn(await fileHandlePrototype(), 'datasync').mockRejectedValueOnce(ioError('EIO'));
    const command: Command = { type: 'issue', serviceId: 'civ', channel: 'kiosk', requestId: 'twice' };
    const first = store.execute(office.id, command);
    const retry = store.execute(office.id, command); // answered only once the first is durable
    await expectUnavailable(first);
    await expectUnavailable(retry);
    await untilAvailable(store);
    expect((await store.getState(office.id)).seq).toBe(seq);
    expect((await store.execute(office.id, command)).seq).toBe(seq + 1);
  });

  it('keeps answering reads while it reloads after a failed write', async () => {
    const store = await openStore();
    await setUp(store);
    for (let i = 0; i < 300; i++) await run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    const seq = (await store.getState(office.id)).seq;
    vi.spyOn(await fileHandlePrototype(), 'datasync').mockRejectedValueOnce(ioError('EIO'));
    await expectUnavailable(run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk' }));

    const failures: unknown[] = [];
    let reads = 0;
    for (;;) {
      const available = await store.ping().then(
        () => true,
        () => false,
      );
      try {
        await store.getState(office.id);
        if (!(await store.getTicket(office.id, 't0'))) throw new Error('ticket t0 missing');
      } catch (err) {
        failures.push(err);
      }
      reads++;
      if (available) break;
      await nextTurn();
    }
    expect(reads).toBeGreaterThan(1);
    expect(failures).toEqual([]);
    expect((await store.getState(office.id)).seq).toBe(seq);
  });

  it('recovers once a journal path that could not be opened is usable again', async () => {
    const store = await openStore();
    await setUp(store);
    await store.compact(); // the next journal file is created by the next write
    const seq = (await store.getState(office.id)).seq;
    const blocker = join(dir, journalFile(1));
    await mkdir(blocker);

    await expectUnavailable(run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk' }));
    await sleep(300);
    await expect(store.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expectUnavailable(run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk' }));

    await rmdir(blocker);
    await untilAvailable(store);
    expect(await store.getTicket(office.id, 't0')).toBeUndefined();
    const next = await run(store, { type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    expect(next.seq).toBe(seq + 1);
    const after = await dump(store);
    const restarted = await reopen(store);
    expect(await dump(restarted)).toEqual(after);
  });
});
