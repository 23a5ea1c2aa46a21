import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VOICE_SETTINGS,
  announcementClips,
  requiredClips,
  withVoiceDefaults,
} from '../../shared/i18n/announcement.js';
import {
  LETTER_NAMES,
  PREFIX_LETTERS,
  numberToText,
  numberToWords,
  numberVocabulary,
  ticketNumberToWords,
  type Dialect,
} from '../../shared/i18n/number-words.js';

const DIALECTS: readonly Dialect[] = ['north', 'south'];

/** The brief's table ("Reading numbers", ../shared/brief/domain.md), copied literally. */
const BRIEF_TABLE: ReadonlyArray<[number, string, string]> = [
  [0, 'không', 'không'],
  [11, 'mười một', 'mười một'],
  [15, 'mười lăm', 'mười lăm'],
  [21, 'hai mươi mốt', 'hai mươi mốt'],
  [24, 'hai mươi tư', 'hai mươi tư'],
  [25, 'hai mươi lăm', 'hai mươi lăm'],
  [101, 'một trăm linh một', 'một trăm lẻ một'],
  [105, 'một trăm linh năm', 'một trăm lẻ năm'],
  [110, 'một trăm mười', 'một trăm mười'],
  [115, 'một trăm mười lăm', 'một trăm mười lăm'],
  [1000, 'một nghìn', 'một ngàn'],
  [1005, 'một nghìn không trăm linh năm', 'một ngàn không trăm lẻ năm'],
  [1010, 'một nghìn không trăm mười', 'một ngàn không trăm mười'],
  [1021, 'một nghìn không trăm hai mươi mốt', 'một ngàn không trăm hai mươi mốt'],
  [1100, 'một nghìn một trăm', 'một ngàn một trăm'],
  [2024, 'hai nghìn không trăm hai mươi tư', 'hai ngàn không trăm hai mươi tư'],
];

/** Northern readings written out by hand; the Southern ones swap linh → lẻ and nghìn → ngàn. */
const MORE_CASES: ReadonlyArray<[number, string]> = [
  [0, 'không'],
  [1, 'một'],
  [2, 'hai'],
  [3, 'ba'],
  [4, 'bốn'],
  [5, 'năm'],
  [6, 'sáu'],
  [7, 'bảy'],
  [8, 'tám'],
  [9, 'chín'],
  [10, 'mười'],
  [11, 'mười một'],
  [12, 'mười hai'],
  [13, 'mười ba'],
  [14, 'mười bốn'],
  [15, 'mười lăm'],
  [16, 'mười sáu'],
  [17, 'mười bảy'],
  [18, 'mười tám'],
  [19, 'mười chín'],
  [20, 'hai mươi'],
  [30, 'ba mươi'],
  [31, 'ba mươi mốt'],
  [34, 'ba mươi tư'],
  [35, 'ba mươi lăm'],
  [40, 'bốn mươi'],
  [44, 'bốn mươi tư'],
  [45, 'bốn mươi lăm'],
  [50, 'năm mươi'],
  [55, 'năm mươi lăm'],
  [99, 'chín mươi chín'],
  [100, 'một trăm'],
  [104, 'một trăm linh bốn'],
  [114, 'một trăm mười bốn'],
  [200, 'hai trăm'],
  [205, 'hai trăm linh năm'],
  [210, 'hai trăm mười'],
  [999, 'chín trăm chín mươi chín'],
  [1001, 'một nghìn không trăm linh một'],
  [1015, 'một nghìn không trăm mười lăm'],
  [1024, 'một nghìn không trăm hai mươi tư'],
  [1105, 'một nghìn một trăm linh năm'],
  [1999, 'một nghìn chín trăm chín mươi chín'],
  [2000, 'hai nghìn'],
  [2005, 'hai nghìn không trăm linh năm'],
  [9999, 'chín nghìn chín trăm chín mươi chín'],
  [10000, 'mười nghìn'],
  [10005, 'mười nghìn không trăm linh năm'],
  [12345, 'mười hai nghìn ba trăm bốn mươi lăm'],
  [21000, 'hai mươi mốt nghìn'],
  [100000, 'một trăm nghìn'],
  [105000, 'một trăm linh năm nghìn'],
  [999999, 'chín trăm chín mươi chín nghìn chín trăm chín mươi chín'],
];

const toSouth = (text: string): string => text.replace(/\blinh\b/g, 'lẻ').replace(/nghìn/g, 'ngàn');

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/**
 * Reads number words back to the number, written independently of the code under test from the
 * rules in the brief, and strict: it accepts only the one right reading ("mười mốt", "linh lăm",
 * "hai mươi bốn", "không trăm" without a thousands before it are all refused), so a round trip
 * proves the words are the canonical ones, not merely decodable.
 */
function parseNumberWords(words: readonly string[], dialect: Dialect): number {
  const zeroTens = dialect === 'north' ? 'linh' : 'lẻ';
  const thousand = dialect === 'north' ? 'nghìn' : 'ngàn';
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at word ${i} of "${words.join(' ')}"`);
  };
  const digit = (min: number): number | undefined => {
    const d = DIGITS.indexOf(words[i] ?? '');
    if (d < min) return undefined;
    i++;
    return d;
  };
  const accept = (word: string): boolean => {
    if (words[i] !== word) return false;
    i++;
    return true;
  };
  /** A group 1–999 (or 0–999 after a thousands, where "không trăm" is required). */
  const group = (afterThousands: boolean): number => {
    const start = i;
    let value = 0;
    let hundreds = false;
    const h = digit(0);
    if (h !== undefined) {
      if (accept('trăm')) {
        if (h === 0 && !afterThousands) fail('"không trăm" without a thousands');
        value = h * 100;
        hundreds = true;
      } else i = start; // a lone digit: the units below
    } else if (afterThousands) fail('expected hundreds after the thousands');
    if (afterThousands && !hundreds) fail('expected "… trăm" after the thousands');
    if (accept(zeroTens)) {
      if (!hundreds) fail(`"${zeroTens}" without hundreds`);
      const u = digit(1);
      if (u === undefined) fail(`expected a digit after "${zeroTens}"`);
      return value + (u ?? 0);
    }
    if (accept('mười')) {
      if (accept('lăm')) return value + 15;
      const u = digit(1);
      if (u === 5) fail('"mười năm" should be "mười lăm"');
      return value + 10 + (u ?? 0);
    }
    const t = digit(hundreds ? 2 : 1);
    if (t === undefined) {
      if (!hundreds) fail('expected a number');
      return value;
    }
    if (!accept('mươi')) {
      if (hundreds) fail('a digit after "trăm" needs "mươi" or a zero-tens word');
      if (t < 1) fail('zero');
      return value + t; // a lone units digit 1–9
    }
    if (t < 2) fail('"một mươi"');
    if (accept('mốt')) return value + t * 10 + 1;
    if (accept('tư')) return value + t * 10 + 4;
    if (accept('lăm')) return value + t * 10 + 5;
    const u = digit(1);
    if (u === 1 || u === 4 || u === 5) fail(`after "mươi" ${u} has its own word`);
    return value + t * 10 + (u ?? 0);
  };
  let value: number;
  if (words.length === 1 && words[0] === 'không') return 0;
  value = group(false);
  if (accept(thousand)) {
    value *= 1000;
    if (i < words.length) value += group(true);
  }
  if (i !== words.length) fail('unexpected words');
  return value;
}

describe('numberToWords', () => {
  it.each(BRIEF_TABLE)('reads %i as the brief says, Northern and Southern', (n, north, south) => {
    expect(numberToText(n, { dialect: 'north' })).toBe(north);
    expect(numberToText(n, { dialect: 'south' })).toBe(south);
  });

  it.each(MORE_CASES)('reads %i as "%s" (and its Southern twin)', (n, north) => {
    expect(numberToWords(n, { dialect: 'north' })).toEqual(north.split(' '));
    expect(numberToWords(n, { dialect: 'south' })).toEqual(toSouth(north).split(' '));
  });

  it('keeps "năm" after linh/lẻ and "một" after mười, "lăm"/"mốt"/"tư" only where the brief puts them', () => {
    expect(numberToText(105, { dialect: 'north' })).not.toContain('lăm');
    expect(numberToText(101, { dialect: 'south' })).not.toContain('mốt');
    expect(numberToText(11, { dialect: 'north' })).toBe('mười một');
    expect(numberToText(14, { dialect: 'north' })).toBe('mười bốn');
    expect(numberToText(1004, { dialect: 'north' })).toBe('một nghìn không trăm linh bốn');
  });

  it('returns NFC words', () => {
    for (const n of [0, 1005, 2024, 999_999]) {
      for (const word of numberToWords(n, { dialect: 'south' })) expect(word).toBe(word.normalize('NFC'));
    }
  });

  it('reads digit by digit in digits mode, the same in both dialects', () => {
    for (const dialect of DIALECTS) {
      expect(numberToText(1005, { dialect, mode: 'digits' })).toBe('một không không năm');
      expect(numberToText(0, { dialect, mode: 'digits' })).toBe('không');
      expect(numberToText(25, { dialect, mode: 'digits' })).toBe('hai năm');
      expect(numberToText(1234567 % 1_000_000, { dialect, mode: 'digits' })).toBe('hai ba bốn năm sáu bảy');
    }
  });

  it.each([-1, 1.5, 1_000_000, Number.NaN, Number.POSITIVE_INFINITY, -0.5])(
    'refuses %s with a RangeError',
    (n) => {
      expect(() => numberToWords(n, { dialect: 'north' })).toThrow(RangeError);
      expect(() => numberToWords(n, { dialect: 'north', mode: 'digits' })).toThrow(RangeError);
    },
  );

  it.each(DIALECTS)('round-trips every number 0–9999 through the words (%s)', (dialect) => {
    for (let n = 0; n <= 9999; n++) {
      const words = numberToWords(n, { dialect });
      if (parseNumberWords(words, dialect) !== n) expect.fail(`${n} → ${words.join(' ')}`);
    }
  });

  it.each(DIALECTS)('round-trips the thousands up to 999 999 (%s)', (dialect) => {
    for (let n = 10_000; n <= 999_999; n += 997) {
      expect(parseNumberWords(numberToWords(n, { dialect }), dialect)).toBe(n);
    }
    expect(parseNumberWords(numberToWords(999_999, { dialect }), dialect)).toBe(999_999);
  });

  it('has a strict parser (it refuses the readings the brief rules out)', () => {
    for (const wrong of [
      'mười mốt',
      'một trăm linh lăm',
      'hai mươi bốn',
      'không trăm năm',
      'một mươi',
      'mười năm',
    ]) {
      expect(() => parseNumberWords(wrong.split(' '), 'north'), wrong).toThrow();
    }
    expect(() => parseNumberWords('một trăm lẻ một'.split(' '), 'north')).toThrow();
  });

  it.each(DIALECTS)('uses only the dialect vocabulary (%s)', (dialect) => {
    const vocabulary = new Set(numberVocabulary(dialect));
    const used = new Set<string>();
    for (let n = 0; n <= 9999; n++) for (const word of numberToWords(n, { dialect })) used.add(word);
    expect([...used].sort()).toEqual([...vocabulary].sort());
    expect(vocabulary.has(dialect === 'north' ? 'lẻ' : 'linh')).toBe(false);
  });
});

describe('ticketNumberToWords', () => {
  it('reads a numeric display number by value, or as printed in digits mode', () => {
    expect(ticketNumberToWords('1005', { dialect: 'north' })).toEqual(
      numberToWords(1005, { dialect: 'north' }),
    );
    expect(ticketNumberToWords('1005', { dialect: 'south', mode: 'digits' })).toEqual([
      'một',
      'không',
      'không',
      'năm',
    ]);
  });

  it('drops leading zeros by value but keeps them digit by digit', () => {
    expect(ticketNumberToWords('A012', { dialect: 'north' })).toEqual(['a', 'mười', 'hai']);
    expect(ticketNumberToWords('A012', { dialect: 'north', mode: 'digits' })).toEqual([
      'a',
      'không',
      'một',
      'hai',
    ]);
    expect(ticketNumberToWords('007', { dialect: 'north' })).toEqual(['bảy']);
    expect(ticketNumberToWords('000', { dialect: 'north' })).toEqual(['không']);
  });

  it('names letter prefixes with Vietnamese letter names, in any case', () => {
    expect(ticketNumberToWords('B105', { dialect: 'south' })).toEqual(['bê', 'một', 'trăm', 'lẻ', 'năm']);
    expect(ticketNumberToWords('c1', { dialect: 'north' })).toEqual(['xê', 'một']);
    expect(ticketNumberToWords('Đ5', { dialect: 'north' })).toEqual(['đê', 'năm']);
    expect(ticketNumberToWords('L20', { dialect: 'north' })).toEqual(['e-lờ', 'hai', 'mươi']);
    expect(ticketNumberToWords('AB3', { dialect: 'north' })).toEqual(['a', 'bê', 'ba']);
    expect(ticketNumberToWords('D', { dialect: 'north' })).toEqual(['dê']);
  });

  it('has a name for every letter A–Z', () => {
    for (const letter of PREFIX_LETTERS) {
      const [name] = ticketNumberToWords(letter, { dialect: 'north' });
      expect(name, letter).toBe(LETTER_NAMES[letter.toLowerCase()]);
      expect(name).toMatch(/^[\p{Ll}]+(-[\p{Ll}]+)*$/u);
    }
    expect(new Set(Object.values(LETTER_NAMES)).size).toBe(Object.keys(LETTER_NAMES).length);
  });

  it.each(['', ' ', '12A', 'A-12', 'A 12', '#12', '1.005', 'Ж12', '1234567'])(
    'refuses "%s" with a RangeError',
    (s) => {
      expect(() => ticketNumberToWords(s, { dialect: 'north' })).toThrow(RangeError);
    },
  );
});

describe('announcements cover every number with the required clips', () => {
  it.each(DIALECTS)('speaks every ticket 0–9999 at every counter 1–99 from requiredClips (%s)', (dialect) => {
    const settings = withVoiceDefaults({ dialect });
    const required = new Set(requiredClips(settings));
    const used = new Set<string>();
    for (let n = 0; n <= 9999; n++) {
      const ticketNumber = String(n).padStart(4, '0');
      for (let counterNumber = 1; counterNumber <= 99; counterNumber++) {
        for (const part of announcementClips({ ticketNumber, counterNumber }, settings)) {
          if ('clip' in part) used.add(part.clip);
        }
      }
    }
    for (const clip of used) expect(required.has(clip), clip).toBe(true);
    // …and nothing is required that these numbers never use, save the letter names.
    const letters = new Set([...PREFIX_LETTERS].map((l) => LETTER_NAMES[l.toLowerCase()]));
    expect([...required].filter((clip) => !used.has(clip) && !letters.has(clip))).toEqual([]);
  });

  it.each(DIALECTS)(
    'speaks letter prefixes and digit-by-digit numbers from requiredClips (%s)',
    (dialect) => {
      for (const numberReading of ['value', 'digits'] as const) {
        const settings = withVoiceDefaults({ dialect, numberReading });
        const required = new Set(requiredClips(settings));
        for (const letter of PREFIX_LETTERS) {
          for (let n = 0; n <= 9999; n += 7) {
            const call = {
              ticketNumber: `${letter}${String(n).padStart(3, '0')}`,
              counterNumber: (n % 99) + 1,
            };
            for (const part of announcementClips(call, settings)) {
              if ('clip' in part && !required.has(part.clip))
                expect.fail(`${call.ticketNumber}: ${part.clip}`);
            }
          }
        }
      }
    },
  );

  it('needs the dialect words of its dialect only', () => {
    const north = requiredClips(DEFAULT_VOICE_SETTINGS);
    const south = requiredClips(withVoiceDefaults({ dialect: 'south' }));
    expect(north).toContain('linh');
    expect(north).toContain('nghìn');
    expect(north).not.toContain('lẻ');
    expect(south).toContain('lẻ');
    expect(south).toContain('ngàn');
    expect(south).not.toContain('nghìn');
  });
});
