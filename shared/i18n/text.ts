/**
 * Small text helpers for Vietnamese: Unicode normalisation and accent folding. Isomorphic.
 *
 * Vietnamese letters can be stored precomposed ("ế", one code point) or decomposed ("e" + two
 * combining marks); office data typed on some systems arrives decomposed, and fonts position the
 * stacked marks of decomposed text badly. Everything shown is NFC.
 */

/** The NFC form of `text` (precomposed letters). */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Lower-case `text` without its accents, for accent-insensitive matching: "Đất đai" → "dat dai".
 * `đ` is a letter of its own, not a `d` with a mark, so NFD alone keeps it.
 *
 * @example
 *   foldAccents('Chứng thực').includes(foldAccents('chung thuc')) // true
 */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
