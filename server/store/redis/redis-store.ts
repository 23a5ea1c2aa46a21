/**
 * The Redis engine (scale-out): the same TicketStore as the embedded engine, with the state in
 * Redis and every transition one Lua script (lua/*.lua) that checks, changes state and appends the
 * event atomically. Several server processes can share one namespace.
 *
 * Split of work, chosen so both engines answer identically:
 * - TypeScript does everything that depends only on the configuration and the clock, with the very
 *   functions the memory engine uses (prepareCommand, transitionContext, planIssue,
 *   candidateLists, placementSortKey), and passes the results to the script as arguments.
 * - The script does everything that depends on state, in the order of shared/domain/transitions.ts.
 *
 * Configuration cache: each process keeps office configurations with their version. Every script
 * gets the version its arguments were prepared with and answers STALE_CONFIG if `cfg.v` moved;
 * the store then reloads and tries again (a few times). A command that fails before its script
 * (validation, hours, an unknown service or counter) asks Redis once whether its requestId is
 * remembered — the memory engine answers a remembered requestId before any check — and whether the
 * cached configuration was stale.
 */
import type { Redis } from 'ioredis';
import { businessDate } from '../../../shared/domain/calendar.js';
import { counterOf, planIssue, prepareCommand, transitionContext } from '../../../shared/domain/commands.js';
import { randomTicketId, SLUG, TOKEN } from '../../../shared/domain/ids.js';
import { rangeEnd } from '../../../shared/domain/numbering.js';
import { parseOfficeConfig } from '../../../shared/domain/office-config.js';
import {
  candidateLists,
  classHeadStartMs,
  placementSortKey,
  listIdOf,
  PRIORITY_DUE,
  serviceListId,
} from '../../../shared/domain/policy.js';
import type {
  Command,
  OfficeConfig,
  OfficeEvent,
  OfficeState,
  Ticket,
} from '../../../shared/domain/types.js';
import { ErrorCodes, errorFromLuaCode, QueueError } from '../../../shared/protocol/errors.js';
import {
  DAY_KEY_TTL_MS,
  DEFAULT_MAX_EVENTS,
  MAX_NO_SHOWS,
  officeDataJson,
  RECENT_CALLS,
  REQUEST_TTL_MS,
  TICKET_TTL_MS,
  type DayActivity,
  type EventsPage,
  type PutOfficeOptions,
  type QueuePosition,
  type StoreOptions,
  type TicketStore,
  type WaitingLists,
  waitingLimit,
} from '../types.js';
import {
  CorruptDataError,
  decodeCounter,
  decodeEvent,
  decodeRecentCall,
  decodeStreamEntry,
  decodeTicket,
  fieldsOf,
  numArg,
  seqOfEntryId,
} from './codec.js';
import {
  DEFAULT_NAMESPACE,
  namespacePattern,
  officeKeys,
  officesKey,
  ticketIndexKey,
  type OfficeKeys,
} from './keys.js';
import { connectWithin, createRedisClient, unavailable, type ConnectionOptions } from './connection.js';
import { Scripts, type ScriptName } from './scripts.js';

export interface RedisStoreLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RedisStoreOptions extends StoreOptions, ConnectionOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://`). */
  url: string;
  /** Prefix of every key (default `luot`); several deployments can share one Redis. */
  namespace?: string;
  log?: RedisStoreLogger;
}

/** Reloads of a stale configuration before a command gives up with STALE_CONFIG. */
const MAX_ATTEMPTS = 3;

const STALE = ErrorCodes.STALE_CONFIG.lua;

interface CachedOffice {
  /** `cfg.v`, as Redis holds it (a decimal integer). */
  version: string;
  config: OfficeConfig;
}

interface ScriptCall {
  script: ScriptName;
  keys: string[];
  args: string[];
}

/** The ticket index outlives the ticket: a ticket changes on its business day, then expires TICKET_TTL_MS later. */
const TICKET_INDEX_TTL_MS = TICKET_TTL_MS + DAY_KEY_TTL_MS;

interface TicketIndexWrite {
  /** The id of the ticket the command would create, once its entry was sent. */
  ticketId: string | undefined;
  /** Resolves true once the entry is written, false if the write failed. */
  written: Promise<boolean> | undefined;
}

const silent: RedisStoreLogger = { warn() {}, error() {} };

export class RedisStore implements TicketStore {
  readonly kind = 'redis' as const;
  readonly namespace: string;
  private readonly client: Redis;
  private readonly scripts: Scripts;
  private readonly offices = new Map<string, CachedOffice>();
  private readonly clock: () => number;
  private readonly newId: () => string;
  private readonly maxEvents: number;
  private readonly log: RedisStoreLogger;
  private closed = false;

  private constructor(opts: RedisStoreOptions) {
    this.namespace = opts.namespace ?? DEFAULT_NAMESPACE;
    this.clock = opts.clock ?? Date.now;
    this.newId = opts.newId ?? randomTicketId;
    this.maxEvents = opts.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.log = opts.log ?? silent;
    this.client = createRedisClient(opts.url, opts);
    this.client.on('error', (err: unknown) => this.log.warn({ err }, 'redis connection error'));
    this.scripts = new Scripts(this.client);
  }

  /** Connects (rejecting with STORE_UNAVAILABLE when Redis does not answer in time). */
  static async open(opts: RedisStoreOptions): Promise<RedisStore> {
    const store = new RedisStore(opts);
    // On failure connectWithin has disconnected the client, and the store is never handed out.
    await connectWithin(store.client, opts);
    return store;
  }

  // ── plumbing ─────────────────────────────────────────────────────────────

  /** Every public call goes through here: any failure that is not a QueueError becomes a 503. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new QueueError('STORE_UNAVAILABLE');
    try {
      return await work();
    } catch (err) {
      if (err instanceof QueueError) throw err;
      // Redis refusing a command (a script error, OOM, READONLY) or data the engine cannot read is
      // worth a log line; a dropped connection already logged through the client's error event.
      if (err instanceof CorruptDataError || (err instanceof Error && err.name === 'ReplyError')) {
        this.log.error({ err }, 'redis store failure');
      }
      throw unavailable(err);
    }
  }

  private keys(officeId: string): OfficeKeys {
    return officeKeys(this.namespace, officeId);
  }

  private remember(officeId: string, entry: CachedOffice): CachedOffice {
    const known = this.offices.get(officeId);
    // Concurrent loads may finish out of order: never go back to an older version.
    if (known && Number(known.version) > Number(entry.version)) return known;
    this.offices.set(officeId, entry);
    return entry;
  }

  /** The configuration as Redis holds it now, or undefined. */
  private async load(officeId: string): Promise<CachedOffice | undefined> {
    if (!SLUG.test(officeId)) return undefined;
    const [version, json] = await this.client.hmget(this.keys(officeId).cfg, 'v', 'json');
    if (version == null || json == null) {
      this.offices.delete(officeId);
      return undefined;
    }
    const config = JSON.parse(json) as OfficeConfig;
    return this.remember(officeId, { version, config });
  }

  private async office(officeId: string): Promise<CachedOffice> {
    const cached = this.offices.get(officeId);
    if (cached) return cached;
    return this.reload(officeId);
  }

  private async reload(officeId: string): Promise<CachedOffice> {
    const office = await this.load(officeId);
    if (!office) throw new QueueError('OFFICE_NOT_FOUND');
    return office;
  }

  // ── configuration ────────────────────────────────────────────────────────

  async putOffice(input: OfficeConfig, opts: PutOfficeOptions = {}): Promise<void> {
    return this.guard(async () => {
      const config = parseOfficeConfig(input);
      const k = this.keys(config.id);
      const version = await this.scripts.run(
        'putOffice',
        [k.cfg, k.officers, k.base],
        [
          JSON.stringify(config),
          numArg(this.clock()),
          numArg(PRIORITY_DUE),
          config.counters.map((c) => c.id).join(','),
          opts.create ? '1' : '0',
        ],
      );
      if (typeof version === 'number') throw errorFromLuaCode(version);
      if (typeof version !== 'string') throw new Error(`putOffice answered ${String(version)}`);
      this.remember(config.id, { version, config });
      await this.scripts.run('registerOffice', [officesKey(this.namespace)], [config.id]);
    });
  }

  async officeConfig(officeId: string): Promise<OfficeConfig | undefined> {
    return this.guard(async () => (this.offices.get(officeId) ?? (await this.load(officeId)))?.config);
  }

  async getOffice(officeId: string): Promise<OfficeConfig | undefined> {
    return this.guard(async () => (await this.load(officeId))?.config);
  }

  async listOffices(): Promise<string[]> {
    return this.guard(() => this.client.zrange(officesKey(this.namespace), 0, -1));
  }

  // ── commands ─────────────────────────────────────────────────────────────

  async execute(officeId: string, command: Command): Promise<OfficeEvent> {
    return this.guard(async () => {
      const index: TicketIndexWrite = { ticketId: undefined, written: undefined };
      let event: OfficeEvent;
      try {
        event = await this.run(officeId, command, index);
      } catch (err) {
        // Not awaited: with Redis hanging it would add a command timeout to the answer. An entry
        // left behind points to no ticket and expires.
        if (index.ticketId !== undefined) void this.dropIndex(index.ticketId);
        throw err;
      }
      if (index.ticketId !== undefined) await this.settleIndex(officeId, index, event);
      return event;
    });
  }

  /**
   * A command that creates a ticket (issue, transfer) first writes the ticket's index entry, on the
   * same connection just before the script (one round trip for both): the entry exists whenever
   * the ticket does.
   */
  private writeIndex(officeId: string, index: TicketIndexWrite, ticketId: string | undefined): void {
    if (ticketId === undefined || index.ticketId !== undefined) return;
    index.ticketId = ticketId;
    index.written = this.client
      .set(ticketIndexKey(this.namespace, ticketId), officeId, 'PX', TICKET_INDEX_TTL_MS)
      .then(
        () => true,
        () => false,
      );
  }

  /** After the script: keep the entry of the ticket made, drop one no ticket got (a remembered requestId). */
  private async settleIndex(officeId: string, index: TicketIndexWrite, event: OfficeEvent): Promise<void> {
    const id = index.ticketId as string;
    if (event.ticket?.id !== id) return this.dropIndex(id);
    if (await index.written) return;
    // The command is done: a lost index entry costs the phone page, not the ticket.
    await this.client
      .set(ticketIndexKey(this.namespace, id), officeId, 'PX', TICKET_INDEX_TTL_MS)
      .catch((err: unknown) => this.log.error({ err, ticketId: id }, 'ticket index write failed'));
  }

  private async dropIndex(ticketId: string): Promise<void> {
    await this.client.del(ticketIndexKey(this.namespace, ticketId)).catch(() => undefined);
  }

  private async run(officeId: string, command: Command, index: TicketIndexWrite): Promise<OfficeEvent> {
    const now = this.clock();
    let office = await this.office(officeId);
    let ticketId: string | undefined;
    const newId = (): string => (ticketId ??= this.newId());
    for (let attempt = 1; ; attempt++) {
      let call: ScriptCall;
      try {
        call = this.prepare(office, command, now, newId);
      } catch (err) {
        if (!(err instanceof QueueError)) throw err;
        const check = await this.requestCheck(office.config.id, command.requestId, now);
        if (check.event) return check.event;
        if (check.version === '') throw new QueueError('OFFICE_NOT_FOUND');
        if (check.version === office.version || attempt >= MAX_ATTEMPTS) throw err;
        office = await this.reload(officeId);
        continue;
      }
      this.writeIndex(officeId, index, ticketId);
      const reply = await this.scripts.run(call.script, call.keys, call.args);
      if (typeof reply === 'number') {
        if (reply === STALE && attempt < MAX_ATTEMPTS) {
          office = await this.reload(officeId);
          continue;
        }
        throw errorFromLuaCode(reply);
      }
      return decodeEvent(officeId, fieldsOf(reply));
    }
  }

  /** Is the requestId remembered (its first event), and which configuration version is current? */
  private async requestCheck(
    officeId: string,
    requestId: unknown,
    now: number,
  ): Promise<{ version: string; event?: OfficeEvent }> {
    // Only a well-formed requestId can ever have been stored.
    const rid = typeof requestId === 'string' && TOKEN.test(requestId) ? requestId : undefined;
    const k = this.keys(officeId);
    const reply = await this.scripts.run(
      'requestCheck',
      [k.cfg, k.request(rid)],
      [rid ?? '', numArg(now), numArg(REQUEST_TTL_MS)],
    );
    const [version, event] = reply as [string, string[]];
    return event.length > 0 ? { version, event: decodeEvent(officeId, fieldsOf(event)) } : { version };
  }

  /**
   * The configuration-level half of a command, exactly as the memory engine runs it (same
   * functions, same order); throws the same QueueErrors. Returns the script to run with its keys
   * and arguments.
   */
  private prepare(office: CachedOffice, input: Command, now: number, newId: () => string): ScriptCall {
    const config = office.config;
    const cmd = prepareCommand(config, input);
    const ctx = transitionContext(config, now, cmd.requestId);
    const today = ctx.today;
    const k = this.keys(config.id);
    const keys = [k.cfg, k.seq, k.events, k.request(cmd.requestId)];
    const args = [
      office.version,
      numArg(now),
      cmd.requestId ?? '',
      numArg(REQUEST_TTL_MS),
      numArg(this.maxEvents),
      today,
      numArg(TICKET_TTL_MS),
      numArg(DAY_KEY_TTL_MS),
      numArg(PRIORITY_DUE),
      numArg(RECENT_CALLS),
    ];
    const call = (script: ScriptName, moreKeys: string[], moreArgs: string[]): ScriptCall => ({
      script,
      keys: [...keys, ...moreKeys],
      args: [...args, ...moreArgs],
    });
    const front = numArg(placementSortKey(config.policy, 'front', { priority: false, issuedAt: now }, now));
    switch (cmd.type) {
      case 'issue': {
        const plan = planIssue(config, cmd, now);
        const id = newId();
        const n = plan.numbering;
        return call(
          'issue',
          [
            k.issued(today, plan.serviceId),
            k.waiting(today),
            k.list(today, serviceListId(plan.serviceId, plan.priority)),
            k.ticket(id),
          ],
          [
            config.id,
            plan.serviceId,
            id,
            plan.priority ? 'true' : 'false',
            plan.priorityReason ?? '',
            cmd.channel,
            numArg(plan.sortKey),
            plan.dailyCap === undefined ? '' : numArg(plan.dailyCap),
            n.prefix,
            numArg(n.start),
            numArg(n.width),
            numArg(rangeEnd(n)),
            n.wrap ? '1' : '0',
            // One hash field holding the JSON (codec.ts decodePrediction): the script never parses it.
            plan.prediction === undefined ? '' : JSON.stringify(plan.prediction),
          ],
        );
      }
      case 'callNext': {
        const policy = config.policy;
        const lists = candidateLists(counterOf(config, cmd.counterId), policy);
        return call(
          'callNext',
          [
            k.counter(cmd.counterId),
            k.waiting(today),
            k.recent,
            k.base,
            ...lists.map((l) => k.list(today, l.listId)),
          ],
          [
            cmd.counterId,
            policy.kind,
            policy.kind === 'oldest' ? numArg(policy.priorityEvery) : '0',
            ...lists.flatMap((l) => [l.priority ? '1' : '0', numArg(l.headStartMs)]),
          ],
        );
      }
      case 'call':
        return call(
          'call',
          [k.ticket(cmd.ticketId), k.counter(cmd.counterId), k.waiting(today), k.recent, k.base],
          [cmd.counterId],
        );
      case 'recall':
        return call(
          'recall',
          [k.counter(cmd.counterId), k.recent, k.base],
          [cmd.counterId, cmd.ticketId ?? ''],
        );
      case 'startServing':
      case 'noShow':
        return call(cmd.type, [k.counter(cmd.counterId), k.base], [cmd.counterId, cmd.ticketId ?? '']);
      case 'complete':
        return call(
          'complete',
          [k.counter(cmd.counterId), k.base],
          [cmd.counterId, cmd.ticketId ?? '', cmd.outcome ?? ''],
        );
      case 'requeue':
        return call('requeue', [k.ticket(cmd.ticketId), k.waiting(today), k.base], [cmd.position, front]);
      case 'transfer': {
        const to = cmd.to;
        return call(
          'transfer',
          [k.ticket(cmd.ticketId), k.ticket(newId()), k.waiting(today), k.base],
          [
            newId(),
            'serviceId' in to ? 'service' : 'counter',
            'serviceId' in to ? to.serviceId : to.counterId,
            cmd.position,
            front,
            numArg(placementSortKey(config.policy, 'back', { priority: false, issuedAt: now }, now)),
            numArg(classHeadStartMs(config.policy, true)),
          ],
        );
      }
      case 'cancel':
        return call('cancel', [k.ticket(cmd.ticketId), k.base], []);
      case 'openCounter':
      case 'closeCounter':
        return call(cmd.type, [k.counter(cmd.counterId)], [cmd.counterId]);
      case 'pauseCounter':
        return call('pauseCounter', [k.counter(cmd.counterId)], [cmd.counterId, cmd.reason]);
      case 'signIn':
        return call('signIn', [k.counter(cmd.counterId), k.officers], [cmd.counterId, cmd.officerId]);
      case 'signOut':
        return call('signOut', [k.counter(cmd.counterId), k.officers], [cmd.counterId]);
      default:
        throw new QueueError('INVALID_INPUT', { problems: ['type: unknown command'] });
    }
  }

  // ── reading ──────────────────────────────────────────────────────────────

  /**
   * A read-only script that checks the configuration version first (the counters it reads and the
   * time zone of "today" come from the configuration): on STALE the configuration is read again and
   * the script run again. `read` runs the script for a configuration; `decode` turns its reply.
   */
  private async readChecked<T>(
    officeId: string,
    read: (office: CachedOffice, today: string, k: OfficeKeys) => Promise<unknown>,
    decode: (reply: unknown, config: OfficeConfig, today: string) => T,
  ): Promise<T> {
    return this.guard(async () => {
      let office = await this.office(officeId);
      for (let attempt = 1; ; attempt++) {
        const today = businessDate(this.clock(), office.config.timeZone);
        const reply = await read(office, today, this.keys(office.config.id));
        if (typeof reply === 'number') {
          if (reply === STALE && attempt < MAX_ATTEMPTS) {
            office = await this.reload(officeId);
            continue;
          }
          throw errorFromLuaCode(reply);
        }
        return decode(reply, office.config, today);
      }
    });
  }

  async getState(officeId: string): Promise<OfficeState> {
    return this.readChecked(
      officeId,
      (office, today, k) =>
        this.scripts.run(
          'getState',
          [k.cfg, k.seq, k.waiting(today), k.recent, ...office.config.counters.map((c) => k.counter(c.id))],
          [office.version],
        ),
      (reply, config, today) => {
        const [seq, wc, recent, ...counters] = reply as [string, string[], string[], ...string[][]];
        const waitingCounts = fieldsOf(wc);
        const waiting: Record<string, number> = {};
        for (const s of config.services) waiting[s.id] = Number(waitingCounts[s.id] ?? 0);
        return {
          officeId: config.id,
          seq: Number(seq),
          businessDate: today,
          counters: config.counters.map((c, i) => {
            const fields = fieldsOf(counters[i]);
            if (Object.keys(fields).length === 0) throw new QueueError('UNKNOWN_COUNTER');
            return decodeCounter(fields, c.id);
          }),
          waiting,
          recentCalls: recent.map(decodeRecentCall),
        };
      },
    );
  }

  async getTicket(officeId: string, ticketId: string): Promise<Ticket | undefined> {
    return this.guard(async () => {
      if (!SLUG.test(officeId)) return undefined;
      const fields = fieldsOf(await this.client.hgetall(this.keys(officeId).ticket(ticketId)).then(flatten));
      return Object.keys(fields).length === 0 ? undefined : decodeTicket(fields);
    });
  }

  async findTicket(ticketId: string): Promise<Ticket | undefined> {
    return this.guard(async () => {
      if (!TOKEN.test(ticketId)) return undefined;
      const officeId = await this.client.get(ticketIndexKey(this.namespace, ticketId));
      return officeId === null ? undefined : this.getTicket(officeId, ticketId);
    });
  }

  /**
   * One MULTI in the office's slot, so the counts are of one instant: the ticket's rank in its own
   * list, and in the other class's list how many sort before it (by score, then — equal scores —
   * by member, whose zero-padded ordinal orders like the memory engine's tie-break).
   */
  async queuePosition(officeId: string, ticket: Ticket): Promise<QueuePosition | undefined> {
    return this.guard(async () => {
      if (!SLUG.test(officeId) || ticket.status !== 'waiting') return undefined;
      const k = this.keys(officeId);
      const own = k.list(ticket.businessDate, listIdOf(ticket));
      const other = k.list(ticket.businessDate, listIdOf({ ...ticket, priority: !ticket.priority }));
      const [rank, before, total] = (await this.scripts.run(
        'queuePosition',
        [own, other],
        [zsetMember(ticket), numArg(ticket.sortKey)],
      )) as [number, number, number];
      if (rank < 0) return undefined;
      return { sameClassBefore: rank, otherClassBefore: before, otherClassTotal: total };
    });
  }

  /**
   * One read-only script (waitingLists-1.lua): per list ZCARD, ZRANGE 0..k-1 and an HGETALL per
   * ticket, all in the office's slot and at one instant — one round trip, O(lists · (log n + k)).
   * Today is reckoned with the cached configuration's time zone, as commands do.
   */
  async waitingLists(
    officeId: string,
    listIds: readonly string[],
    limitPerList: number,
  ): Promise<WaitingLists> {
    return this.guard(async () => {
      const { config } = await this.office(officeId);
      const today = businessDate(this.clock(), config.timeZone);
      const k = this.keys(config.id);
      const unique = [...new Set(listIds)];
      const out: WaitingLists = { lists: {}, sizes: {} };
      if (unique.length === 0) return out;
      const reply = (await this.scripts.run(
        'waitingLists',
        [k.base, ...unique.map((listId) => k.list(today, listId))],
        [numArg(waitingLimit(limitPerList))],
      )) as [number, unknown[]][];
      unique.forEach((listId, i) => {
        const [size, tickets] = reply[i] ?? [0, []];
        out.sizes[listId] = size;
        // A member without its ticket hash (lost data) is left out rather than failing the read.
        out.lists[listId] = tickets
          .map((t) => fieldsOf(t))
          .filter((f) => Object.keys(f).length > 0)
          .map(decodeTicket);
      });
      return out;
    });
  }

  /**
   * One read-only script (dayActivity-4.lua) over the figures the ticket scripts keep
   * (includes/activity.lua): the `day:<today>` hash, the size and first MAX_NO_SHOWS members of
   * `ns:<today>` with their ticket hashes — one round trip, at one instant. The configuration
   * version is checked, as getState does, so the counters listed and the time zone of "today" are
   * the current ones.
   */
  async dayActivity(officeId: string): Promise<DayActivity> {
    return this.readChecked(
      officeId,
      (office, today, k) =>
        this.scripts.run(
          'dayActivity',
          [k.cfg, k.base, k.day(today), k.noShows(today)],
          [office.version, numArg(MAX_NO_SHOWS)],
        ),
      (reply, config, today) => {
        const [day, total, tickets] = reply as [unknown, number, unknown[]];
        const figures = fieldsOf(day);
        const figure = (counterId: string, name: 'served' | 'ms' | 'ns' | 'end'): number => {
          const v = Number(figures[`${counterId}:${name}`] ?? 0);
          if (Number.isNaN(v)) throw new CorruptDataError(`day figure ${counterId}:${name}`);
          return v;
        };
        const counters: DayActivity['counters'] = {};
        for (const c of config.counters) {
          counters[c.id] = {
            served: figure(c.id, 'served'),
            serviceMs: figure(c.id, 'ms'),
            noShows: figure(c.id, 'ns'),
          };
          const end = figure(c.id, 'end');
          if (end > 0) counters[c.id]!.lastEndedAt = end;
        }
        return {
          businessDate: today,
          counters,
          // A member without its ticket hash (lost data) is left out rather than failing the read.
          noShows: tickets
            .map((t) => fieldsOf(t))
            .filter((f) => Object.keys(f).length > 0)
            .map(decodeTicket),
          noShowTotal: total,
        };
      },
    );
  }

  /**
   * Same answers as the memory engine's OfficeRuntime.eventsSince for whole `afterSeq` and `limit`
   * (a fractional afterSeq counts as its floor).
   */
  async eventsSince(officeId: string, afterSeq: number, limit = 1000): Promise<EventsPage> {
    return this.guard(async () => {
      await this.office(officeId);
      const k = this.keys(officeId);
      const from = Math.max(0, Math.floor(afterSeq)) + 1;
      const count = limit === Infinity ? '' : numArg(Math.max(1, Math.trunc(limit) || 1));
      const reply = await this.scripts.run('eventsSince', [k.seq, k.events], [`${from}-0`, count]);
      const [seqText, oldestId, entries] = reply as [string, string, unknown[]];
      const seq = Number(seqText);
      if (Number.isNaN(afterSeq) || afterSeq >= seq) return { events: [], seq };
      const oldest = oldestId === '' ? undefined : seqOfEntryId(oldestId);
      if (oldest === undefined || oldest > afterSeq + 1) throw new QueueError('EVENTS_TRIMMED');
      const events = entries.map((e) => decodeStreamEntry(officeId, e));
      return { events: limit > 0 ? events : [], seq };
    });
  }

  /** One string key in the office's slot (`data:<key>`), written with SET: the last save wins. */
  async saveOfficeData(officeId: string, key: string, value: unknown): Promise<void> {
    return this.guard(async () => {
      const json = officeDataJson(key, value);
      await this.office(officeId);
      await this.client.set(this.keys(officeId).data(key), json);
    });
  }

  async loadOfficeData(officeId: string, key: string): Promise<unknown> {
    return this.guard(async () => {
      officeDataJson(key, null);
      await this.office(officeId);
      const json = await this.client.get(this.keys(officeId).data(key));
      return json === null ? undefined : (JSON.parse(json) as unknown);
    });
  }

  async ping(): Promise<void> {
    return this.guard(async () => {
      await this.client.ping();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  /**
   * Deletes every key of this store's namespace. For tests only (SCAN over the whole keyspace):
   * nothing in the server calls it.
   */
  async dropNamespace(): Promise<void> {
    if (this.namespace === '') throw new Error('refusing to drop the empty namespace');
    return this.guard(async () => {
      let cursor = '0';
      do {
        const [next, keys] = await this.client.scan(
          cursor,
          'MATCH',
          namespacePattern(this.namespace),
          'COUNT',
          1000,
        );
        if (keys.length > 0) await this.client.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
      this.offices.clear();
    });
  }
}

/** A ticket's member in its waiting list's zset, as lua/includes/common.lua `member` spells it. */
function zsetMember(t: Pick<Ticket, 'id' | 'ordinal'>): string {
  return `${String(t.ordinal).padStart(15, '0')}:${t.id}`;
}

/** HGETALL through ioredis gives an object; the codec takes field/value pairs. */
function flatten(record: Record<string, string>): string[] {
  return Object.entries(record).flat();
}
