/**
 * Vietnamese number words for voice announcements, as lists of WORDS (one token per recorded clip),
 * not as a string: the waiting-room display joins one pre-recorded clip per word, so the word list
 * is the contract between this module, the clip pack and the player. Isomorphic.
 *
 * The reading rules are the brief's "Reading numbers" (../shared/brief/domain.md), Northern and
 * Southern: "mười" for 10–19, "mươi" for the tens ≥ 20 with "mốt" (1) and "tư" (4) after it, "lăm"
 * for 5 after a ten (but "năm" after linh/lẻ), "linh"/"lẻ" for a zero tens digit, "không trăm" for a
 * zero hundreds after the thousands, and "nghìn"/"ngàn" for the thousands. Every word is NFC.
 */

/** Northern (Hà Nội) or Southern (Hồ Chí Minh City) number words. */
export type Dialect = 'north' | 'south';

/** By value ("một nghìn không trăm linh năm", the default) or digit by digit ("một không không năm"). */
export type NumberReading = 'value' | 'digits';

export interface NumberWordsOptions {
  dialect: Dialect;
  /** Defaults to `'value'`. */
  mode?: NumberReading;
}

/** The largest number read by value: the thousands word is the largest unit we have clips for. */
export const MAX_NUMBER_BY_VALUE = 999_999;

/** 0–9 as read on their own and as a leading digit ("hai mươi", "ba trăm"). */
export const DIGIT_WORDS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** The words that differ between the dialects; everything else is shared. */
const LEXICON: Readonly<Record<Dialect, { zeroTens: string; thousand: string }>> = {
  north: { zeroTens: 'linh', thousand: 'nghìn' },
  south: { zeroTens: 'lẻ', thousand: 'ngàn' },
};

/**
 * Every word `numberToWords` can produce in `dialect` (value and digit modes), in a stable order:
 * the clip vocabulary a pack needs for numbers.
 */
export function numberVocabulary(dialect: Dialect): string[] {
  const { zeroTens, thousand } = LEXICON[dialect];
  return [...DIGIT_WORDS, 'mười', 'mươi', 'mốt', 'tư', 'lăm', zeroTens, 'trăm', thousand];
}

function digitWord(d: number): string {
  const word = DIGIT_WORDS[d];
  if (word === undefined) throw new RangeError(`not a digit: ${d}`);
  return word;
}

/** The units digit after "mười"/"mươi": 5 is "lăm" after any ten; 1 and 4 change only after "mươi". */
function unitsAfterTen(units: number, tens: number): string[] {
  if (units === 0) return [];
  if (units === 5) return ['lăm'];
  if (tens >= 2 && units === 1) return ['mốt'];
  if (tens >= 2 && units === 4) return ['tư'];
  return [digitWord(units)];
}

/**
 * Words for a group of three digits (0 < group ≤ 999). `full` means a higher group was read before
 * it, so an empty hundreds is still spoken ("một nghìn không trăm linh năm").
 */
function groupWords(group: number, full: boolean, dialect: Dialect): string[] {
  const hundreds = Math.floor(group / 100);
  const tens = Math.floor(group / 10) % 10;
  const units = group % 10;
  const words: string[] = [];
  const hasHundreds = hundreds > 0 || full;
  if (hasHundreds) words.push(digitWord(hundreds), 'trăm');
  if (tens === 0) {
    if (units > 0) {
      // "linh"/"lẻ" only bridges a hundreds to a units digit; a bare 5 is just "năm". After it the
      // digit keeps its own word: 105 một trăm linh năm (not lăm), 101 … linh một (not mốt).
      if (hasHundreds) words.push(LEXICON[dialect].zeroTens);
      words.push(digitWord(units));
    }
  } else if (tens === 1) {
    words.push('mười', ...unitsAfterTen(units, tens));
  } else {
    words.push(digitWord(tens), 'mươi', ...unitsAfterTen(units, tens));
  }
  return words;
}

function checkNumber(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_NUMBER_BY_VALUE) {
    throw new RangeError(`cannot read ${n}: only whole numbers 0–${MAX_NUMBER_BY_VALUE}`);
  }
}

/**
 * The words of `n` (0 ≤ n ≤ 999 999, whole) in `opts.dialect`, by value or digit by digit.
 * Throws a `RangeError` otherwise: a display must never announce a number it cannot read.
 *
 * @example
 *   numberToWords(1005, { dialect: 'north' }) // ['một','nghìn','không','trăm','linh','năm']
 *   numberToWords(1005, { dialect: 'south' }) // ['một','ngàn','không','trăm','lẻ','năm']
 *   numberToWords(1005, { dialect: 'north', mode: 'digits' }) // ['một','không','không','năm']
 */
export function numberToWords(n: number, opts: NumberWordsOptions): string[] {
  checkNumber(n);
  if (opts.mode === 'digits') return digitsToWords(String(n));
  if (n === 0) return [digitWord(0)];
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  if (thousands > 0)
    words.push(...groupWords(thousands, false, opts.dialect), LEXICON[opts.dialect].thousand);
  // Round numbers drop the empty lower group: 2000 is "hai nghìn", not "… không trăm".
  if (rest > 0) words.push(...groupWords(rest, thousands > 0, opts.dialect));
  return words;
}

/** `numberToWords` joined with spaces: "hai nghìn không trăm hai mươi tư". */
export function numberToText(n: number, opts: NumberWordsOptions): string {
  return numberToWords(n, opts).join(' ');
}

/** One word per ASCII digit of `digits`, as printed ("007" → không không bảy). */
function digitsToWords(digits: string): string[] {
  return [...digits].map((d) => digitWord(d.charCodeAt(0) - 48));
}

/**
 * Vietnamese names of the letters a ticket prefix may use: the Latin A–Z (F, J, W, Z by their
 * usual borrowed names) and the Vietnamese letters with marks. A multi-syllable name is ONE token
 * joined by "-" ("e-lờ"): a letter is recorded as one clip, never assembled from syllables.
 * The brief warns spoken letters are easily misheard; offices that can should prefer digits.
 */
export const LETTER_NAMES: Readonly<Record<string, string>> = {
  a: 'a',
  ă: 'á',
  â: 'ớ',
  b: 'bê',
  c: 'xê',
  d: 'dê',
  đ: 'đê',
  e: 'e',
  ê: 'ê',
  f: 'ép',
  g: 'giê',
  h: 'hát',
  i: 'i',
  j: 'gi',
  k: 'ca',
  l: 'e-lờ',
  m: 'em-mờ',
  n: 'en-nờ',
  o: 'o',
  ô: 'ô',
  ơ: 'ơ',
  p: 'pê',
  q: 'quy',
  r: 'e-rờ',
  s: 'ét-xì',
  t: 'tê',
  u: 'u',
  ư: 'ư',
  v: 'vê',
  w: 'vê-kép',
  x: 'ích-xì',
  y: 'i-dài',
  z: 'dét',
};

/** The letters a ticket prefix is expected to use (and a pack must therefore have): A–Z. */
export const PREFIX_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The spoken name of one letter (any case, NFC or not), or undefined for a letter we cannot name. */
export function letterName(letter: string): string | undefined {
  return LETTER_NAMES[letter.normalize('NFC').toLowerCase()];
}

/**
 * The words of a ticket's display number: an optional letter prefix (each letter by its name),
 * then the digits by value (default, leading zeros dropped) or digit by digit (as printed).
 * Throws a `RangeError` for anything else (letters after digits, unknown symbols, no characters,
 * a value above 999 999).
 *
 * @example
 *   ticketNumberToWords('A012', { dialect: 'north' }) // ['a','mười','hai']
 *   ticketNumberToWords('A012', { dialect: 'north', mode: 'digits' }) // ['a','không','một','hai']
 */
export function ticketNumberToWords(displayNumber: string, opts: NumberWordsOptions): string[] {
  const match = /^(\p{L}*)(\d*)$/u.exec(displayNumber.normalize('NFC').trim());
  const letters = match?.[1] ?? '';
  const digits = match?.[2] ?? '';
  if (!match || (letters === '' && digits === '')) {
    throw new RangeError(`cannot read ticket number "${displayNumber}": expected letters then digits`);
  }
  const words = [...letters].map((letter) => {
    const name = letterName(letter);
    if (name === undefined)
      throw new RangeError(`no spoken name for letter "${letter}" in "${displayNumber}"`);
    return name;
  });
  if (digits !== '') {
    // By value, Number() drops the leading zeros of a zero-padded width ("012" → mười hai).
    words.push(...(opts.mode === 'digits' ? digitsToWords(digits) : numberToWords(Number(digits), opts)));
  }
  return words;
}
