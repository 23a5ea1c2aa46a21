/**
 * A call announced by voice, as a sequence of pre-recorded clips and silences that the waiting-room
 * display joins sample-accurately with Web Audio (Android WebView has no speechSynthesis, so clips
 * are the primary voice; browser speech is only a fallback fed by `announcementText`). Isomorphic.
 *
 * Clip vocabulary (see docs/voice.md):
 * - a PHRASE clip for each run of the template's literal text between placeholders and punctuation
 *   ("xin mời công dân có số thứ tự", "đến quầy số"): a phrase recorded in one breath sounds like a
 *   person, words butted together do not, and it keeps the default pack small;
 * - one clip per number WORD ("hai", "mươi", "mốt", "nghìn"…) and per LETTER name ("bê", "e-lờ"):
 *   numbers are the only open-ended part, and 18 words read every number up to 999 999.
 * When the player knows which clips its pack has (`has`), a phrase the pack lacks is spoken from the
 * longest runs of its words that the pack does have, down to single words: an office that edits
 * its template can record just the new words, or whole phrases for better prosody.
 */
import {
  PREFIX_LETTERS,
  letterName,
  numberToWords,
  ticketNumberToWords,
  type Dialect,
  type NumberReading,
} from './number-words.js';

/** An office's voice settings (see docs/voice.md). */
export interface VoiceSettings {
  /** The sentence, with `{số}` for the ticket number and `{quầy}` for the counter number. */
  template: string;
  /** How many times the sentence is spoken (1–5). */
  repeat: number;
  /** Silence between two sentences, in ms (the brief asks 600–700). */
  gapMs: number;
  /** Northern or Southern number words. */
  dialect: Dialect;
  /** Ticket numbers by value or digit by digit; counters are always read by value ("quầy số mười hai"). */
  numberReading: NumberReading;
  /** A chime before the first sentence. */
  chime: boolean;
}

export const DEFAULT_TEMPLATE = 'Xin mời công dân có số thứ tự {số} đến quầy số {quầy}';

export const DEFAULT_VOICE_SETTINGS: Readonly<VoiceSettings> = Object.freeze({
  template: DEFAULT_TEMPLATE,
  repeat: 2,
  gapMs: 650,
  dialect: 'north',
  numberReading: 'value',
  chime: true,
});

/** `partial` over the defaults: offices store only what they changed. */
export function withVoiceDefaults(partial: Partial<VoiceSettings>): VoiceSettings {
  return { ...DEFAULT_VOICE_SETTINGS, ...partial };
}

/** The call being announced: the display number as printed, and the counter's number. */
export interface AnnouncedCall {
  ticketNumber: string;
  counterNumber: number;
}

/** One step of an announcement: play a clip of the pack, or wait. */
export type AnnouncementPart = { clip: string } | { silenceMs: number };

/** Tells whether the pack in use has a clip; without it, phrases are taken whole. */
export type HasClip = (clipId: string) => boolean;

/** The chime's clip id. The leading "_" cannot come out of `clipId`, so no word can take it. */
export const CHIME_CLIP_ID = '_chime';

/** A pack must speak every ticket number up to this (four digits: service digit + sequence) … */
export const REQUIRED_TICKET_MAX = 9999;
/** … and every counter up to this. */
export const REQUIRED_COUNTER_MAX = 99;

/**
 * THE clip id of a word or a run of words: NFC, lower-case, words joined by "-", diacritics kept.
 * Diacritics are kept because an ASCII slug would merge words that sound different: "mười" (ten)
 * and "mươi" (the tens) both fold to "muoi", "năm" and "nam", "tư" and "tự". Files on disk get an
 * ASCII name of their own (`clipFileStem` in voice-pack.ts).
 *
 * @example
 *   clipId(['Số', 'thứ', 'tự']) // 'số-thứ-tự'
 */
export function clipId(words: readonly string[]): string {
  const parts = words.flatMap((word) =>
    word
      .normalize('NFC')
      .toLowerCase()
      .split(/[\s-]+/u),
  );
  const id = parts.filter((part) => part !== '').join('-');
  if (id === '') throw new RangeError('a clip id needs at least one word');
  return id;
}

/**
 * `clipId([word])` for the few dozen number and letter words, memoised: a display or a test that
 * announces thousands of calls would otherwise normalise the same words over and over.
 */
const wordClipIds = new Map<string, string>();
function wordClipId(word: string): string {
  let id = wordClipIds.get(word);
  if (id === undefined) {
    id = clipId([word]);
    if (wordClipIds.size < 256) wordClipIds.set(word, id);
  }
  return id;
}

/** A piece of a parsed template: literal phrase words, or a placeholder. */
export type TemplatePiece =
  { phrase: readonly string[]; clip: string } | { slot: 'ticket' | 'counter' } | { unknownSlot: string };

/** Placeholder names, compared without accents or case, so `{so}` and `{Số}` work like `{số}`. */
const SLOT_NAMES: Readonly<Record<string, 'ticket' | 'counter'>> = {
  so: 'ticket',
  ticket: 'ticket',
  number: 'ticket',
  quay: 'counter',
  counter: 'counter',
};

function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .trim();
}

/** Literal text → phrases: punctuation ends a phrase (so an office can choose phrase boundaries). */
function literalPhrases(text: string, dialect: Dialect): string[][] {
  const phrases: string[][] = [];
  for (const chunk of text.normalize('NFC').split(/[^\p{L}\p{M}\p{N}\s]+/u)) {
    const words = (chunk.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).flatMap((word) =>
      // A number written in the template ("tầng 2") is spoken by value, like the counter.
      /^\d+$/.test(word) ? numberToWords(Number(word), { dialect }) : [word.toLowerCase()],
    );
    if (words.length > 0) phrases.push(words);
  }
  return phrases;
}

function phrasePiece(phrase: readonly string[]): TemplatePiece {
  return { phrase, clip: clipId(phrase) };
}

/** Parsed templates by dialect and text: every announcement parses the same one. */
const parsedTemplates = new Map<string, readonly TemplatePiece[]>();

/**
 * The template as phrases and placeholders, in order. A placeholder we do not know stays a piece of
 * its own (reported by `templateProblems`, spoken as its words). Digits in literal text are read by
 * value in `dialect`.
 */
export function parseTemplate(template: string, dialect: Dialect = 'north'): readonly TemplatePiece[] {
  const key = `${dialect}\u0000${template}`;
  const cached = parsedTemplates.get(key);
  if (cached) return cached;
  const pieces: TemplatePiece[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    const index = match.index ?? 0;
    for (const phrase of literalPhrases(template.slice(last, index), dialect))
      pieces.push(phrasePiece(phrase));
    const name = match[1] ?? '';
    const slot = SLOT_NAMES[foldName(name)];
    pieces.push(slot === undefined ? { unknownSlot: name } : { slot });
    last = index + match[0].length;
  }
  for (const phrase of literalPhrases(template.slice(last), dialect)) pieces.push(phrasePiece(phrase));
  // An office has one template; a few entries cover an admin trying variants.
  if (parsedTemplates.size >= 16) parsedTemplates.clear();
  parsedTemplates.set(key, pieces);
  return pieces;
}

/** What is wrong with a template, as sentences for the admin (empty when it is usable). */
export function templateProblems(template: string): string[] {
  const pieces = parseTemplate(template);
  const problems: string[] = [];
  for (const piece of pieces) {
    if ('unknownSlot' in piece)
      problems.push(`unknown placeholder {${piece.unknownSlot}}: use {số} or {quầy}`);
  }
  if (!pieces.some((piece) => 'slot' in piece && piece.slot === 'ticket')) {
    problems.push('the template never says the ticket number: add {số}');
  }
  return problems;
}

/** What is wrong with voice settings (template, repeat, gap, enums); empty when usable. */
export function voiceSettingsProblems(settings: VoiceSettings): string[] {
  const problems = templateProblems(settings.template);
  if (!Number.isInteger(settings.repeat) || settings.repeat < 1 || settings.repeat > 5) {
    problems.push(`repeat must be a whole number 1–5, not ${settings.repeat}`);
  }
  if (!Number.isFinite(settings.gapMs) || settings.gapMs < 0 || settings.gapMs > 5000) {
    problems.push(`gapMs must be 0–5000, not ${settings.gapMs}`);
  }
  if (settings.dialect !== 'north' && settings.dialect !== 'south')
    problems.push('dialect must be north or south');
  if (settings.numberReading !== 'value' && settings.numberReading !== 'digits') {
    problems.push('numberReading must be value or digits');
  }
  return problems;
}

/**
 * The clips of a phrase: the whole phrase when nothing is known about the pack; otherwise the
 * longest runs of words the pack has, greedily from the left, down to single words (a single word
 * the pack lacks is still named, so the player and the validator can say which one is missing).
 */
function phraseClips(words: readonly string[], has: HasClip | undefined): string[] {
  if (words.length === 0) return [];
  if (!has) return [clipId(words)];
  const clips: string[] = [];
  for (let start = 0; start < words.length;) {
    let end = words.length;
    while (end > start + 1 && !has(clipId(words.slice(start, end)))) end--;
    clips.push(clipId(words.slice(start, end)));
    start = end;
  }
  return clips;
}

/** An unknown placeholder is spoken as the words of its name, as the written text shows it. */
function unknownSlotClips(name: string, dialect: Dialect, has: HasClip | undefined): string[] {
  return literalPhrases(name, dialect).flatMap((phrase) => phraseClips(phrase, has));
}

function checkCall(call: AnnouncedCall): void {
  const n = call.counterNumber;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`cannot announce counter ${n}`);
}

/** The clips of one sentence, without chime or repeats. */
export function sentenceClips(call: AnnouncedCall, settings: VoiceSettings, has?: HasClip): string[] {
  checkCall(call);
  const number = { dialect: settings.dialect, mode: settings.numberReading };
  return parseTemplate(settings.template, settings.dialect).flatMap((piece) => {
    if ('phrase' in piece) return has ? phraseClips(piece.phrase, has) : [piece.clip];
    if ('unknownSlot' in piece) return unknownSlotClips(piece.unknownSlot, settings.dialect, has);
    const words =
      piece.slot === 'ticket'
        ? ticketNumberToWords(call.ticketNumber, number)
        : numberToWords(call.counterNumber, { dialect: settings.dialect });
    return words.map(wordClipId);
  });
}

/**
 * The announcement of `call`: the chime (if on), then the sentence `repeat` times with `gapMs` of
 * silence between. Pass `has` (the pack's clip set) to fall back from missing phrases to words.
 * Throws a `RangeError` for a number it cannot read or a repeat below 1.
 *
 * @example
 *   announcementClips({ ticketNumber: '1005', counterNumber: 3 }, DEFAULT_VOICE_SETTINGS)
 *   // [{clip:'_chime'}, {clip:'xin-mời-công-dân-có-số-thứ-tự'}, {clip:'một'}, {clip:'nghìn'}, …,
 *   //  {clip:'đến-quầy-số'}, {clip:'ba'}, {silenceMs:650}, {clip:'xin-mời-công-dân-có-số-thứ-tự'}, …]
 */
export function announcementClips(
  call: AnnouncedCall,
  settings: VoiceSettings,
  has?: HasClip,
): AnnouncementPart[] {
  if (!Number.isInteger(settings.repeat) || settings.repeat < 1) {
    throw new RangeError(`repeat must be a whole number ≥ 1, not ${settings.repeat}`);
  }
  const sentence = sentenceClips(call, settings, has).map((clip) => ({ clip }));
  const parts: AnnouncementPart[] = settings.chime ? [{ clip: CHIME_CLIP_ID }] : [];
  for (let i = 0; i < settings.repeat; i++) {
    if (i > 0 && settings.gapMs > 0) parts.push({ silenceMs: settings.gapMs });
    parts.push(...sentence);
  }
  return parts;
}

/**
 * The sentence as text, once. `written` (default) puts the number as printed, for staff screens:
 * "Xin mời công dân có số thứ tự A012 đến quầy số 3". `spoken` puts the words, for browser speech
 * (which misreads "1000" and letters): "… số thứ tự a mười hai đến quầy số ba".
 */
export function announcementText(
  call: AnnouncedCall,
  settings: VoiceSettings,
  form: 'written' | 'spoken' = 'written',
): string {
  checkCall(call);
  const number = { dialect: settings.dialect, mode: settings.numberReading };
  const text = settings.template.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    const slot = SLOT_NAMES[foldName(name)];
    if (slot === undefined) return whole;
    if (form === 'written') return slot === 'ticket' ? call.ticketNumber.trim() : String(call.counterNumber);
    const words =
      slot === 'ticket'
        ? ticketNumberToWords(call.ticketNumber, number)
        : numberToWords(call.counterNumber, { dialect: settings.dialect });
    return words.join(' ').replace(/-/g, ' ');
  });
  return text.normalize('NFC');
}

/** Every word that reading the numbers a pack must cover can produce, in first-use order. */
function numberWordsNeeded(settings: VoiceSettings, slots: ReadonlySet<string>): string[] {
  const words = new Set<string>();
  if (slots.has('ticket')) {
    for (let n = 0; n <= REQUIRED_TICKET_MAX; n++) {
      for (const word of numberToWords(n, { dialect: settings.dialect, mode: settings.numberReading }))
        words.add(word);
    }
    for (const letter of PREFIX_LETTERS) words.add(letterName(letter) ?? letter);
  }
  if (slots.has('counter')) {
    for (let n = 1; n <= REQUIRED_COUNTER_MAX; n++) {
      for (const word of numberToWords(n, { dialect: settings.dialect })) words.add(word);
    }
  }
  return [...words];
}

/**
 * Every clip id a pack must hold to announce, under `settings`, any ticket number 0–9999 (with or
 * without one letter prefix A–Z) at any counter 1–99: the chime (if on), the template's phrases,
 * the number words and the letter names. With `has` (what a pack holds), a phrase the pack lacks
 * but can speak from shorter phrases or words (see `announcementClips`) needs those instead; one it
 * cannot is still asked for whole.
 */
export function requiredClips(settings: VoiceSettings, has?: HasClip): string[] {
  const clips = new Set<string>();
  if (settings.chime) clips.add(CHIME_CLIP_ID);
  const slots = new Set<string>();
  const addPhrase = (words: readonly string[]): void => {
    const pieces = phraseClips(words, has);
    // A phrase the pack cannot fully cover is asked for whole: one phrase clip is what to record.
    if (has && !pieces.every(has)) clips.add(clipId(words));
    else for (const clip of pieces) clips.add(clip);
  };
  for (const piece of parseTemplate(settings.template, settings.dialect)) {
    if ('phrase' in piece) addPhrase(piece.phrase);
    else if ('unknownSlot' in piece) literalPhrases(piece.unknownSlot, settings.dialect).forEach(addPhrase);
    else slots.add(piece.slot);
  }
  for (const word of numberWordsNeeded(settings, slots)) clips.add(clipId([word]));
  return [...clips];
}
