/** Identifier formats and generation. Ticket ids are the only secret a phone page holds: 128 random bits. */

/** Slugs for offices, services, counters and officers: safe in URLs and Redis keys. */
export const SLUG = /^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$/;
/** Ticket ids and request ids: URL-safe, bounded. */
export const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const ID_CHARS = 22;
/** Random bytes drawn in bulk: one getRandomValues call per 186 ids instead of one per id. */
const pool = new Uint8Array(ID_CHARS * 186);
let poolAt = pool.length;

/** 22 URL-safe characters of 6 random bits each: 132 random bits. */
export function randomTicketId(): string {
  if (poolAt + ID_CHARS > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolAt = 0;
  }
  let id = '';
  for (let i = 0; i < ID_CHARS; i++) id += BASE64URL[(pool[poolAt++] as number) & 63];
  return id;
}
