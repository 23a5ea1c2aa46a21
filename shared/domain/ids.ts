/** Identifier formats and generation. Ticket ids are the only secret a phone page holds: 128 random bits. */

/** Slugs for offices, services, counters and officers: safe in URLs and Redis keys. */
export const SLUG = /^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$/;
/** Ticket ids and request ids: URL-safe, bounded. */
export const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 22 URL-safe characters carrying 128 random bits (the top 4 bits of the last char are random too: 132). */
export function randomTicketId(): string {
  const bytes = new Uint8Array(22);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += BASE64URL[b & 63];
  return id;
}
