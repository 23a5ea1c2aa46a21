/**
 * Every Redis key of the Redis engine is spelled here and nowhere else in TypeScript.
 *
 * An office's keys share the hash tag `{o:<officeId>}`, so on Redis Cluster each office lives in one
 * slot and every Lua script touches that slot only:
 *
 *   <ns>:{o:<officeId>}:cfg                     hash   v (config version), json, counters (ids, comma-separated)
 *   <ns>:{o:<officeId>}:seq                     string last event seq
 *   <ns>:{o:<officeId>}:ev                      stream events, entry id `<seq>-1`
 *   <ns>:{o:<officeId>}:ctr:<counterId>         hash   live counter state
 *   <ns>:{o:<officeId>}:officers                hash   officerId → counterId
 *   <ns>:{o:<officeId>}:t:<ticketId>            hash   ticket
 *   <ns>:{o:<officeId>}:q:<date>:<listId>       zset   waiting tickets of one list (policy.ts list ids)
 *   <ns>:{o:<officeId>}:num:<date>:<serviceId>  string tickets issued that day
 *   <ns>:{o:<officeId>}:wc:<date>               hash   serviceId → waiting tickets that day
 *   <ns>:{o:<officeId>}:day:<date>              hash   that day's figures per counter (dayActivity):
 *                                                      `<counterId>:served`, `<counterId>:ms` (service
 *                                                      time), `<counterId>:ns` (no-shows now)
 *   <ns>:{o:<officeId>}:ns:<date>               zset   that day's tickets now in status no_show,
 *                                                      member ticketId, score −finishedAt
 *   <ns>:{o:<officeId>}:data:<key>              string the office's own derived data (JSON), e.g. a learned model
 *   <ns>:{o:<officeId>}:recent                  list   recent calls, newest first
 *   <ns>:{o:<officeId>}:rq:<requestId>          hash   first event of a requestId (expires)
 *   <ns>:offices                                zset   office ids in creation order (outside any office slot)
 *   <ns>:tix:<ticketId>                         string officeId of a ticket (outside any office slot)
 *
 * Keys a script can only know after reading state (the ticket a counter holds, the list and day of a
 * ticket being cancelled, the counter holding a transferred ticket, the `day:` and `ns:` keys of the
 * ticket's own business date) are derived inside the script
 * from the office prefix, which the script receives as a key (`base`), the way BullMQ passes its
 * key prefix. lua/includes/keys.lua mirrors the suffixes below; the integration test
 * tests/integration/redis-engine.test.ts checks that every key the engine writes has one of these
 * shapes and sits in the office's slot.
 */

/** The namespace used when none is configured. */
export const DEFAULT_NAMESPACE = 'luot';

/** Key of the global office index (the only key without an office hash tag). */
export function officesKey(namespace: string): string {
  return namespace === '' ? 'offices' : `${namespace}:offices`;
}

/**
 * Key of a ticket's office index entry: the phone page knows a ticket id only. Written by the store
 * (not by a script: it lives in the ticket's own slot, not the office's) before the script that
 * creates the ticket runs, so a ticket is never without it; an entry whose script then failed
 * points to a ticket that does not exist, which reads as "not found".
 */
export function ticketIndexKey(namespace: string, ticketId: string): string {
  return namespace === '' ? `tix:${ticketId}` : `${namespace}:tix:${ticketId}`;
}

/** SCAN pattern matching every key of a namespace (glob characters in the namespace escaped). */
export function namespacePattern(namespace: string): string {
  return `${namespace.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}:*`;
}

/** The keys of one office. */
export interface OfficeKeys {
  /** `<ns>:{o:<id>}:` — what scripts derive state-dependent keys from. */
  readonly base: string;
  readonly cfg: string;
  readonly seq: string;
  readonly events: string;
  readonly officers: string;
  readonly recent: string;
  counter(counterId: string): string;
  ticket(ticketId: string): string;
  list(date: string, listId: string): string;
  issued(date: string, serviceId: string): string;
  waiting(date: string): string;
  /** dayActivity's per-counter figures of one business day (hash). */
  day(date: string): string;
  /** dayActivity's no-show tickets of one business day (zset scored by −finishedAt). */
  noShows(date: string): string;
  /** The office's own derived data under a key (TicketStore.saveOfficeData): a JSON string. */
  data(key: string): string;
  /** With no requestId: a placeholder key the scripts never read or write (ARGV says "none"). */
  request(requestId: string | undefined): string;
}

export function officeKeys(namespace: string, officeId: string): OfficeKeys {
  const base = `${namespace === '' ? '' : `${namespace}:`}{o:${officeId}}:`;
  return {
    base,
    cfg: `${base}cfg`,
    seq: `${base}seq`,
    events: `${base}ev`,
    officers: `${base}officers`,
    recent: `${base}recent`,
    counter: (counterId) => `${base}ctr:${counterId}`,
    ticket: (ticketId) => `${base}t:${ticketId}`,
    list: (date, listId) => `${base}q:${date}:${listId}`,
    issued: (date, serviceId) => `${base}num:${date}:${serviceId}`,
    waiting: (date) => `${base}wc:${date}`,
    day: (date) => `${base}day:${date}`,
    noShows: (date) => `${base}ns:${date}`,
    data: (key) => `${base}data:${key}`,
    request: (requestId) => `${base}rq:${requestId ?? ''}`,
  };
}

/** The suffixes above as patterns, for the key-shape test (and nothing else). */
export const OFFICE_KEY_SUFFIXES: readonly RegExp[] = [
  /^cfg$/,
  /^seq$/,
  /^ev$/,
  /^officers$/,
  /^recent$/,
  /^ctr:[^:]+$/,
  /^t:[^:]+$/,
  /^q:\d{4}-\d{2}-\d{2}:[sc]:[^:]+:[pn]$/,
  /^num:\d{4}-\d{2}-\d{2}:[^:]+$/,
  /^wc:\d{4}-\d{2}-\d{2}$/,
  /^day:\d{4}-\d{2}-\d{2}$/,
  /^ns:\d{4}-\d{2}-\d{2}$/,
  /^data:[a-z0-9-]+$/,
  /^rq:[^:]+$/,
];

/**
 * The keys of accounts (server/auth/redis-account-store.ts). They belong to no office; they share
 * the hash tag `{acct}` instead, so the scripts that read a session and its user, or a device
 * token and its device, touch one Cluster slot:
 *
 *   <ns>:{acct}:users        hash   userId → user JSON (with the password hash)
 *   <ns>:{acct}:s:<sha256>   string session: "<epoch>:<expiresAt>:<userId>", PX = session TTL
 *   <ns>:{acct}:devices      hash   deviceId → device JSON (with the token hash)
 *   <ns>:{acct}:dt           hash   sha256(device token) → deviceId, for devices not revoked
 *   <ns>:{acct}:seen         hash   deviceId → last seen (epoch ms)
 *   <ns>:{acct}:la:<key>     hash   login attempts of a username or IP (n, last), PX
 *
 * `<sha256>` is the hex SHA-256 of a token: tokens themselves are never stored.
 */
export interface AccountKeys {
  readonly base: string;
  readonly users: string;
  readonly devices: string;
  readonly deviceTokens: string;
  readonly seen: string;
  /** deviceId → PrinterSettings JSON (kiosks with a printer). */
  readonly printers: string;
  /** deviceId → PrinterHealth JSON (the last report). */
  readonly printerHealth: string;
  session(tokenHash: string): string;
  loginAttempts(key: string): string;
}

export function accountKeys(namespace: string): AccountKeys {
  const base = `${namespace === '' ? '' : `${namespace}:`}{acct}:`;
  return {
    base,
    users: `${base}users`,
    devices: `${base}devices`,
    deviceTokens: `${base}dt`,
    seen: `${base}seen`,
    printers: `${base}printers`,
    printerHealth: `${base}ph`,
    session: (hash) => `${base}s:${hash}`,
    loginAttempts: (key) => `${base}la:${key}`,
  };
}
