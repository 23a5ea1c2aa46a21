/**
 * Idempotency keys: one per user action (a key press, a click), reused by every retry of that
 * action, so a retry after a lost answer gets the first result instead of acting twice.
 * `getRandomValues`, not `randomUUID`: office LANs serve plain HTTP (no secure context).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 21 URL-safe random characters after an "o" (officer), within the API's token pattern. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(21));
  let id = 'o';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}
