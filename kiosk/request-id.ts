/**
 * Idempotency keys for ticket issuing: one per attempt (one tap on "Lấy số"), reused by every
 * retry of that attempt, so a retry after a lost answer returns the first ticket instead of a
 * second one. `crypto.getRandomValues`, not `randomUUID`: office LANs serve plain HTTP, which is
 * not a secure context, and `randomUUID` exists only in secure contexts.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 21 URL-safe characters (126 random bits), within the API's token pattern. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(21));
  let id = 'k';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}
