/**
 * The embedded engine (the default): all state in memory, every change appended to a journal
 * under DATA_DIR and fdatasync'd before the command is acknowledged; replayed at start; compacted
 * into a snapshot + fresh journal so start-up stays fast after months.
 *
 * Files: `snapshot-<gen>.json` (state when journal <gen> was started) and `journal-<gen>.ndjson`.
 * Start-up loads the newest snapshot and replays every journal of that generation or later, so a
 * crash at any point of a compaction leaves a loadable pair behind.
 */
import { mkdir, readdir, readFile, rename, rm, truncate, writeFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { businessDate } from '../../../shared/domain/calendar.js';
import { prepareCommand, transitionContext } from '../../../shared/domain/commands.js';
import { randomTicketId } from '../../../shared/domain/ids.js';
import { parseOfficeConfig } from '../../../shared/domain/office-config.js';
import type {
  Command,
  OfficeConfig,
  OfficeEvent,
  OfficeState,
  Ticket,
} from '../../../shared/domain/types.js';
import { QueueError } from '../../../shared/protocol/errors.js';
import {
  DEFAULT_MAX_EVENTS,
  officeDataJson,
  type DayActivity,
  type EventsPage,
  type PutOfficeOptions,
  type QueuePosition,
  type StoreOptions,
  type TicketStore,
  type WaitingLists,
  waitingLimit,
} from '../types.js';
import { decide } from './decide.js';
import { fsyncDir, Journal } from './journal.js';
import { OfficeRuntime, type OfficeSnapshot } from './office-runtime.js';

export interface StoreLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const silentLogger: StoreLogger = { info() {}, warn() {}, error() {} };

export interface MemoryStoreOptions extends StoreOptions {
  dataDir: string;
  /** Compact when the journal grows past this many bytes (default 64 MiB). */
  compactBytes?: number;
  log?: StoreLogger;
}

type JournalRecord = { k: 'cfg'; at: number; c: OfficeConfig } | { k: 'ev'; e: OfficeEvent };

interface SnapshotFile {
  format: 1;
  gen: number;
  savedAt: number;
  offices: OfficeSnapshot[];
}

const genName = (kind: 'snapshot' | 'journal', gen: number): string =>
  `${kind}-${String(gen).padStart(8, '0')}.${kind === 'snapshot' ? 'json' : 'ndjson'}`;
const FILE = /^(snapshot|journal)-(\d{8})\.(json|ndjson)$/;

export class MemoryStore implements TicketStore {
  readonly kind = 'memory' as const;
  private offices = new Map<string, OfficeRuntime>();
  private journal!: Journal;
  private gen = 0;
  private compacting: Promise<void> | undefined;
  /** Set while a compaction drains the journal: writes wait for it, so steady load cannot starve it. */
  private draining: Promise<void> | undefined;
  private recovering: Promise<void> | undefined;
  private closed = false;
  private readonly clock: () => number;
  private readonly newId: () => string;
  private readonly maxEvents: number;
  private readonly compactBytes: number;
  private readonly log: StoreLogger;
  /** Office data files being written: the last write of each, so writes of one file keep their order. */
  private readonly dataWrites = new Map<string, Promise<void>>();

  private constructor(private readonly opts: MemoryStoreOptions) {
    this.clock = opts.clock ?? Date.now;
    this.newId = opts.newId ?? randomTicketId;
    this.maxEvents = opts.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.compactBytes = opts.compactBytes ?? 64 * 1024 * 1024;
    this.log = opts.log ?? silentLogger;
  }

  static async open(opts: MemoryStoreOptions): Promise<MemoryStore> {
    const store = new MemoryStore(opts);
    await mkdir(opts.dataDir, { recursive: true });
    await store.load();
    return store;
  }

  // ── loading ──────────────────────────────────────────────────────────────

  private async load(): Promise<void> {
    const files = await readdir(this.opts.dataDir);
    const gens = { snapshot: [] as number[], journal: [] as number[] };
    for (const f of files) {
      const m = FILE.exec(f);
      if (m) gens[m[1] as 'snapshot' | 'journal'].push(Number(m[2]));
      // A snapshot a crash interrupted before its rename: never loaded, only clutter.
      else if (/^snapshot-\d{8}\.json\.tmp$/.test(f)) await rm(join(this.opts.dataDir, f), { force: true });
    }
    const snapshotGen = Math.max(0, ...gens.snapshot);
    // Built aside and swapped in whole: while a reload after a failed write runs (or if it fails),
    // reads keep the previous state instead of an empty or half-replayed one.
    const offices = new Map<string, OfficeRuntime>();
    if (gens.snapshot.length > 0) {
      const file = JSON.parse(
        await readFile(join(this.opts.dataDir, genName('snapshot', snapshotGen)), 'utf8'),
      ) as SnapshotFile;
      for (const o of file.offices) {
        offices.set(o.config.id, OfficeRuntime.fromSnapshot(o, this.maxEvents, this.clock()));
      }
    }
    const journals = gens.journal.filter((g) => g >= snapshotGen).sort((a, b) => a - b);
    let lastBytes = 0;
    for (const g of journals)
      lastBytes = await this.replay(join(this.opts.dataDir, genName('journal', g)), offices);
    this.offices = offices;
    this.gen = Math.max(snapshotGen, ...journals);
    this.journal = new Journal(join(this.opts.dataDir, genName('journal', this.gen)), lastBytes);
    this.log.info({ gen: this.gen, offices: this.offices.size }, 'embedded store loaded');
  }

  /** Replays one journal file; drops a torn last line. Returns the file's valid length in bytes. */
  private async replay(path: string, offices: Map<string, OfficeRuntime>): Promise<number> {
    const text = await readFile(path);
    let start = 0;
    let line = 0;
    while (start < text.length) {
      const end = text.indexOf(0x0a, start);
      line++;
      if (end === -1) {
        // A write cut short by a crash: never acknowledged (the newline is part of the same write).
        this.log.warn({ path, line, bytes: text.length - start }, 'dropped a torn last journal line');
        await truncate(path, start);
        return start;
      }
      let record: JournalRecord;
      try {
        record = JSON.parse(text.subarray(start, end).toString('utf8')) as JournalRecord;
      } catch {
        throw new Error(
          `${path}: line ${line} is not valid JSON; the journal is damaged (restore from backup)`,
        );
      }
      this.applyRecord(record, offices);
      start = end + 1;
    }
    return text.length;
  }

  private applyRecord(r: JournalRecord, offices = this.offices): void {
    if (r.k === 'cfg') {
      const rt = offices.get(r.c.id);
      if (rt) rt.configure(r.c, r.at);
      else offices.set(r.c.id, new OfficeRuntime(r.c, this.maxEvents, r.at));
      return;
    }
    const rt = offices.get(r.e.officeId);
    if (!rt) throw new Error(`journal event for unknown office ${r.e.officeId}`);
    rt.apply(r.e);
  }

  // ── writing ──────────────────────────────────────────────────────────────

  private runtime(officeId: string): OfficeRuntime {
    const rt = this.offices.get(officeId);
    if (!rt) throw new QueueError('OFFICE_NOT_FOUND');
    return rt;
  }

  private assertWritable(): void {
    if (this.closed || this.recovering || this.journal.failed) throw new QueueError('STORE_UNAVAILABLE');
  }

  private async persist(record: JournalRecord): Promise<void> {
    try {
      await this.journal.append(record);
    } catch (err) {
      this.startRecovery(err);
      throw new QueueError('STORE_UNAVAILABLE');
    }
    if (this.journal.bytes > this.compactBytes && !this.compacting) {
      this.compact().catch((e: unknown) => this.log.error({ err: e }, 'compaction failed'));
    }
  }

  async putOffice(input: OfficeConfig, opts: PutOfficeOptions = {}): Promise<void> {
    while (this.draining) await this.draining;
    this.assertWritable();
    const config = parseOfficeConfig(input);
    // Checked and applied in one synchronous step: two racing creates cannot both pass.
    if (opts.create && this.offices.has(config.id)) throw new QueueError('OFFICE_EXISTS');
    const at = this.clock();
    this.applyRecord({ k: 'cfg', at, c: config });
    await this.persist({ k: 'cfg', at, c: config });
  }

  async execute(officeId: string, command: Command): Promise<OfficeEvent> {
    while (this.draining) await this.draining;
    this.assertWritable();
    const rt = this.runtime(officeId);
    const now = this.clock();
    if (command.requestId !== undefined) {
      const prior = rt.priorResult(command.requestId, now);
      // The first result may still be on its way to disk: answer only once it is durable.
      if (prior)
        return this.journal.sync().then(
          () => prior,
          () => {
            throw new QueueError('STORE_UNAVAILABLE');
          },
        );
    }
    const cmd = prepareCommand(rt.config, command);
    const pending = decide(rt, cmd, transitionContext(rt.config, now, cmd.requestId), this.newId);
    const event: OfficeEvent = { ...pending, seq: rt.seq + 1 };
    rt.apply(event);
    await this.persist({ k: 'ev', e: event });
    return event;
  }

  /**
   * After a failed write the in-memory state is ahead of the disk. Cut the journal back to its
   * last durable byte and rebuild everything from disk; until then every command gets 503. A
   * reload that fails (the disk still refuses) is retried until it succeeds or the store closes.
   */
  private startRecovery(cause: unknown): void {
    if (this.recovering) return;
    this.log.error({ err: cause }, 'journal write failed; reloading from disk');
    const journal = this.journal;
    this.recovering = (async () => {
      await journal.close();
      for (let attempt = 1; ; attempt++) {
        try {
          await truncate(journal.path, journal.durableBytes).catch(() => undefined);
          await this.load();
          return;
        } catch (err) {
          this.log.error({ err, attempt }, 'reload after a failed write failed; retrying');
          if (this.closed) return;
          await delay(Math.min(1000, 50 * 2 ** attempt));
          if (this.closed) return;
        }
      }
    })()
      .catch((err: unknown) => this.log.error({ err }, 'reload after a failed write failed'))
      .finally(() => {
        this.recovering = undefined;
      });
  }

  /** Writes a snapshot of the current state and starts a fresh journal. */
  async compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    this.compacting = this.doCompact().finally(() => {
      this.compacting = undefined;
    });
    return this.compacting;
  }

  private async doCompact(): Promise<void> {
    // The snapshot must match the journal's end exactly: wait until nothing is in flight, then
    // take it and switch journals in the same synchronous step. New writes wait meanwhile (one
    // fdatasync at most); under steady load the journal would otherwise never be idle.
    const drained = (async () => {
      while (!this.journal.idle) await this.journal.sync();
    })();
    this.draining = drained.catch(() => undefined);
    const gen = this.gen + 1;
    let file: SnapshotFile;
    let old: Journal;
    try {
      await drained;
      file = {
        format: 1,
        gen,
        savedAt: this.clock(),
        offices: [...this.offices.values()].map((rt) => {
          rt.prune(this.clock());
          return rt.snapshot();
        }),
      };
      old = this.journal;
      this.gen = gen;
      this.journal = new Journal(join(this.opts.dataDir, genName('journal', gen)), 0);
    } finally {
      this.draining = undefined;
    }
    await old.close();
    const dir = this.opts.dataDir;
    const tmp = join(dir, `${genName('snapshot', gen)}.tmp`);
    await writeFile(tmp, JSON.stringify(file));
    const h = await open(tmp, 'r+');
    await h.sync();
    await h.close();
    await rename(tmp, join(dir, genName('snapshot', gen)));
    await fsyncDir(dir);
    for (const f of await readdir(dir)) {
      const m = FILE.exec(f);
      if (m && Number(m[2]) < gen) await rm(join(dir, f), { force: true });
    }
    this.log.info({ gen }, 'journal compacted');
  }

  // ── reading ──────────────────────────────────────────────────────────────

  async officeConfig(officeId: string): Promise<OfficeConfig | undefined> {
    return this.offices.get(officeId)?.config;
  }

  async getOffice(officeId: string): Promise<OfficeConfig | undefined> {
    return this.offices.get(officeId)?.config;
  }

  async listOffices(): Promise<string[]> {
    return [...this.offices.keys()];
  }

  async getState(officeId: string): Promise<OfficeState> {
    const rt = this.runtime(officeId);
    return rt.state(businessDate(this.clock(), rt.config.timeZone));
  }

  async getTicket(officeId: string, ticketId: string): Promise<Ticket | undefined> {
    return this.offices.get(officeId)?.tickets.get(ticketId);
  }

  async findTicket(ticketId: string): Promise<Ticket | undefined> {
    for (const rt of this.offices.values()) {
      const t = rt.tickets.get(ticketId);
      if (t) return t;
    }
    return undefined;
  }

  async queuePosition(officeId: string, ticket: Ticket): Promise<QueuePosition | undefined> {
    if (ticket.status !== 'waiting') return undefined;
    return this.offices.get(officeId)?.queuePosition(ticket);
  }

  async waitingLists(
    officeId: string,
    listIds: readonly string[],
    limitPerList: number,
  ): Promise<WaitingLists> {
    const rt = this.runtime(officeId);
    return rt.waitingLists(
      businessDate(this.clock(), rt.config.timeZone),
      listIds,
      waitingLimit(limitPerList),
    );
  }

  /** Kept by the reducer (OfficeRuntime.dayActivity): no ticket scan. */
  async dayActivity(officeId: string): Promise<DayActivity> {
    const rt = this.runtime(officeId);
    return rt.dayActivity(businessDate(this.clock(), rt.config.timeZone));
  }

  async eventsSince(officeId: string, afterSeq: number, limit = 1000): Promise<EventsPage> {
    const rt = this.runtime(officeId);
    return { events: rt.eventsSince(afterSeq, limit), seq: rt.seq };
  }

  /**
   * `<dataDir>/office-data/<officeId>/<key>.json`, replaced atomically (a temporary file, fsync,
   * rename, fsync of the directory): a crash leaves the old value or the new one, never half.
   * Saves of one key are serialised, so the last call's value is the one on disk.
   */
  async saveOfficeData(officeId: string, key: string, value: unknown): Promise<void> {
    this.runtime(officeId);
    const json = officeDataJson(key, value);
    this.assertWritable();
    const dir = join(this.opts.dataDir, 'office-data', officeId);
    const file = join(dir, `${key}.json`);
    const previous = this.dataWrites.get(file) ?? Promise.resolve();
    const write = previous.then(async () => {
      await mkdir(dir, { recursive: true });
      const tmp = `${file}.tmp`;
      const h = await open(tmp, 'w');
      try {
        await h.writeFile(json);
        await h.datasync();
      } finally {
        await h.close();
      }
      await rename(tmp, file);
      await fsyncDir(dir);
    });
    const settled = write.catch(() => undefined);
    this.dataWrites.set(file, settled);
    void settled.then(() => {
      if (this.dataWrites.get(file) === settled) this.dataWrites.delete(file);
    });
    try {
      await write;
    } catch (err) {
      this.log.error({ err, officeId, key }, 'office data write failed');
      throw new QueueError('STORE_UNAVAILABLE');
    }
  }

  async loadOfficeData(officeId: string, key: string): Promise<unknown> {
    this.runtime(officeId);
    officeDataJson(key, null);
    try {
      return JSON.parse(
        await readFile(join(this.opts.dataDir, 'office-data', officeId, `${key}.json`), 'utf8'),
      );
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async ping(): Promise<void> {
    if (this.closed || this.recovering || this.journal.failed) throw new QueueError('STORE_UNAVAILABLE');
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.compacting?.catch(() => undefined);
    await this.recovering;
    await this.journal.close();
  }
}
