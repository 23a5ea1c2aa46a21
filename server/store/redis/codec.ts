/**
 * Redis ↔ domain objects. Scripts keep every value as a string (hash fields, and JSON objects whose
 * values are all strings, so cjson never formats a number); this module turns them back into the
 * exact objects the memory engine produces: numbers as numbers, `priority` as a boolean, and absent
 * fields absent (never `undefined`, for exactOptionalPropertyTypes and deep equality).
 *
 * One ticket field is itself JSON: `prediction` (the estimate shown at issue) is written by
 * TypeScript with JSON.stringify (numbers in JavaScript's own form) and kept by the scripts as an
 * opaque string, so it stays a string among strings in the ticket hash and in an event's ticket.
 */
import type {
  Channel,
  CounterState,
  CounterStatus,
  EventType,
  OfficeEvent,
  RecentCall,
  Ticket,
  TicketPrediction,
  TicketStatus,
} from '../../../shared/domain/types.js';

export type Fields = Record<string, string>;

/** Thrown for data the engine did not write; the store reports it as STORE_UNAVAILABLE. */
export class CorruptDataError extends Error {
  override readonly name = 'CorruptDataError';
}

/** How a number goes to a script: JavaScript's shortest round-trip form, parsed exactly by Lua. */
export const numArg = (n: number): string => String(n);

/** A field/value array (HGETALL, XRANGE entry, script reply) as a record. */
export function fieldsOf(reply: unknown): Fields {
  if (!Array.isArray(reply) || reply.length % 2 !== 0)
    throw new CorruptDataError('expected field/value pairs');
  const out: Fields = {};
  for (let i = 0; i < reply.length; i += 2) {
    const k: unknown = reply[i];
    const v: unknown = reply[i + 1];
    if (typeof k !== 'string' || typeof v !== 'string') throw new CorruptDataError('expected strings');
    out[k] = v;
  }
  return out;
}

function text(f: Fields, name: string): string {
  const v = f[name];
  if (v === undefined) throw new CorruptDataError(`missing ${name}`);
  return v;
}

function num(f: Fields, name: string): number {
  const v = Number(text(f, name));
  if (Number.isNaN(v)) throw new CorruptDataError(`${name} is not a number`);
  return v;
}

function objectOf(json: string): Fields {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CorruptDataError('expected an object');
  }
  for (const v of Object.values(parsed)) {
    if (typeof v !== 'string') throw new CorruptDataError('expected string values');
  }
  return parsed as Fields;
}

const OPTIONAL_TICKET_TEXT = [
  'priorityReason',
  'counterId',
  'officerId',
  'outcome',
  'transferredFrom',
  'transferredTo',
  'targetCounterId',
] as const;
const OPTIONAL_TICKET_TIMES = ['calledAt', 'servingAt', 'finishedAt'] as const;

const isMinutes = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A ticket's `prediction` field: the JSON the engine wrote (redis-store.ts prepare, issue). */
export function decodePrediction(json: string): TicketPrediction {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new CorruptDataError('prediction is not JSON');
  }
  const p = parsed as Partial<Record<keyof TicketPrediction, unknown>> | null;
  if (typeof p !== 'object' || p === null || !isMinutes(p.minutes) || typeof p.version !== 'string')
    throw new CorruptDataError('bad prediction');
  // Built field by field, in the order the memory engine keeps (commands.ts normalizePrediction).
  const out = { minutes: p.minutes } as TicketPrediction;
  if (p.low !== undefined || p.high !== undefined) {
    if (!isMinutes(p.low) || !isMinutes(p.high)) throw new CorruptDataError('bad prediction range');
    out.low = p.low;
    out.high = p.high;
  }
  if (p.notToday !== undefined) {
    if (p.notToday !== true) throw new CorruptDataError('bad prediction notToday');
    out.notToday = true;
  }
  out.version = p.version;
  return out;
}

export function decodeTicket(f: Fields): Ticket {
  const ticket: Ticket = {
    id: text(f, 'id'),
    officeId: text(f, 'officeId'),
    serviceId: text(f, 'serviceId'),
    number: text(f, 'number'),
    seqNo: num(f, 'seqNo'),
    businessDate: text(f, 'businessDate'),
    priority: text(f, 'priority') === 'true',
    channel: text(f, 'channel') as Channel,
    status: text(f, 'status') as TicketStatus,
    issuedAt: num(f, 'issuedAt'),
    recalls: num(f, 'recalls'),
    sortKey: num(f, 'sortKey'),
    ordinal: num(f, 'ordinal'),
  };
  for (const k of OPTIONAL_TICKET_TEXT) if (f[k] !== undefined) ticket[k] = f[k];
  for (const k of OPTIONAL_TICKET_TIMES) if (f[k] !== undefined) ticket[k] = num(f, k);
  if (f.prediction !== undefined) ticket.prediction = decodePrediction(f.prediction);
  return ticket;
}

/** A counter hash (no `id` field: the id is in the key) or an event's counter object (with `id`). */
export function decodeCounter(f: Fields, id = text(f, 'id')): CounterState {
  const counter: CounterState = {
    id,
    status: text(f, 'status') as CounterStatus,
    normalsSincePriority: num(f, 'normalsSincePriority'),
    since: num(f, 'since'),
  };
  if (f.pauseReason !== undefined) counter.pauseReason = f.pauseReason;
  if (f.officerId !== undefined) counter.officerId = f.officerId;
  if (f.currentTicketId !== undefined) counter.currentTicketId = f.currentTicketId;
  return counter;
}

/** An event from its fields (a script reply or a remembered request carry `seq` among them). */
export function decodeEvent(officeId: string, f: Fields, seq = num(f, 'seq')): OfficeEvent {
  const event: OfficeEvent = {
    officeId,
    seq,
    at: num(f, 'at'),
    type: text(f, 'type') as EventType,
  };
  if (f.ticket !== undefined) event.ticket = decodeTicket(objectOf(f.ticket));
  if (f.from !== undefined) event.from = decodeTicket(objectOf(f.from));
  if (f.counter !== undefined) event.counter = decodeCounter(objectOf(f.counter));
  if (f.requestId !== undefined) event.requestId = f.requestId;
  return event;
}

/** The seq of a stream entry id `<seq>-1`. */
export function seqOfEntryId(id: string): number {
  const seq = Number(id.slice(0, id.indexOf('-')));
  if (!Number.isInteger(seq)) throw new CorruptDataError(`bad stream id ${id}`);
  return seq;
}

/** A stream entry as XRANGE returns it: [id, [field, value, …]]. */
export function decodeStreamEntry(officeId: string, entry: unknown): OfficeEvent {
  if (!Array.isArray(entry) || typeof entry[0] !== 'string') throw new CorruptDataError('bad stream entry');
  return decodeEvent(officeId, fieldsOf(entry[1]), seqOfEntryId(entry[0]));
}

export function decodeRecentCall(json: string): RecentCall {
  const f = objectOf(json);
  return {
    ticketId: text(f, 'ticketId'),
    number: text(f, 'number'),
    serviceId: text(f, 'serviceId'),
    counterId: text(f, 'counterId'),
    at: num(f, 'at'),
    kind: text(f, 'kind') as RecentCall['kind'],
  };
}
