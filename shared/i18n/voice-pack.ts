/**
 * Voice packs: a manifest plus one audio file per clip, swappable per office (a placeholder pack
 * made with espeak-ng, or the office's own recordings). The manifest format and its validator live
 * here so the server (upload), the display (load) and the pack script agree. Pure and isomorphic.
 *
 * Format (version 1), see docs/voice.md:
 *   { formatVersion: 1, id, name, dialect, sampleRate, channels: 1, source?,
 *     clips: { [clipId]: { file, durationMs, samples?, text? } } }
 * The chime is the clip `_chime` (CHIME_CLIP_ID), so the player resolves every part the same way.
 */
import { CHIME_CLIP_ID, requiredClips, voiceSettingsProblems, type VoiceSettings } from './announcement.js';
import type { Dialect } from './number-words.js';

/** The manifest format this build reads and writes; bump on any incompatible change. */
export const VOICE_PACK_FORMAT_VERSION = 1;

/** The committed placeholder packs (voice-packs/), one per dialect: used unless an office picks its own. */
export const DEFAULT_VOICE_PACKS = { north: 'vi-north-espeak', south: 'vi-south-espeak' } as const;

export function defaultVoicePack(dialect: 'north' | 'south'): string {
  return DEFAULT_VOICE_PACKS[dialect];
}

/** One recorded clip. */
export interface VoicePackClip {
  /** File name inside the pack's folder (no folders): ASCII, `.ogg` (Vorbis) or `.wav` (PCM). */
  file: string;
  /** Length of the decoded audio, for scheduling estimates and sanity checks. */
  durationMs: number;
  /**
   * Exact length in samples at `sampleRate`, when known: a player may cut the decoded buffer to it
   * (a decoder that pads a frame would otherwise push every later clip a little).
   */
  samples?: number;
  /** What the clip says, as text (for people reading the manifest). */
  text?: string;
}

export interface VoicePackManifest {
  formatVersion: typeof VOICE_PACK_FORMAT_VERSION;
  /** Folder-safe id: `vi-north-espeak`. */
  id: string;
  /** Human name, shown to the admin. */
  name: string;
  /** Whose number words the pack speaks ("linh"/"nghìn" or "lẻ"/"ngàn"). */
  dialect: Dialect;
  /**
   * Every file's sample rate. One rate for all clips: Web Audio resamples each decoded buffer to
   * the context's rate, and buffers of one rate resample alike, so the joins stay sample-exact.
   */
  sampleRate: number;
  /** Mono only: a voice has no stereo image, and mono halves the size. */
  channels: 1;
  /** How the pack was made (tool versions, or "recorded by …"). */
  source?: string;
  /** Keyed by clip id (see `clipId` in announcement.ts). */
  clips: Record<string, VoicePackClip>;
}

/** File extensions a pack may use: those `decodeAudioData` decodes gaplessly in Chromium 87+. */
export const VOICE_PACK_FILE_EXTENSIONS = ['ogg', 'oga', 'wav'] as const;

/** The longest clip we accept: a phrase, not a speech. */
export const MAX_CLIP_MS = 15_000;

export type VoicePackProblemCode =
  | 'not-an-object'
  | 'format-version'
  | 'bad-field'
  | 'dialect-mismatch'
  | 'bad-clip-id'
  | 'bad-file'
  | 'bad-duration'
  | 'missing-clip'
  | 'bad-settings';

export interface VoicePackProblem {
  code: VoicePackProblemCode;
  /** Where, as a dotted path into the manifest ("clips.mười.file"); "" for the whole manifest. */
  path: string;
  /** For logs and the admin (English; the admin UI maps `code` to Vietnamese). */
  message: string;
}

const TONE_LETTERS: Readonly<Record<string, string>> = {
  '\u0300': 'f', // huyền
  '\u0301': 's', // sắc
  '\u0309': 'r', // hỏi
  '\u0303': 'x', // ngã
  '\u0323': 'j', // nặng
};

const VOWEL_MARKS: Readonly<Record<string, string>> = {
  '\u0302': '*', // circumflex: â ê ô → aa ee oo (the letter doubled)
  '\u0306': 'w', // breve: ă → aw
  '\u031b': 'w', // horn: ơ ư → ow uw
};

/**
 * The ASCII file stem of a clip id, in Telex (the way most Vietnamese type): "mười" → "muwowif",
 * "xin-mời" → "xin-mowif", "_chime" → "_chime". Injective on Vietnamese words (a tone letter ends
 * each syllable), so "mười"/"mươi" ("muwowi") and "năm"/"nam" stay apart, and the names survive
 * every file system, zip tool and URL (macOS would store a diacritic name decomposed).
 */
export function clipFileStem(id: string): string {
  return id
    .split('-')
    .map((syllable) => {
      let out = '';
      let tone = '';
      for (const ch of syllable.normalize('NFD')) {
        const mark = VOWEL_MARKS[ch];
        if (mark !== undefined) out += mark === '*' ? out.slice(-1) : mark;
        else if (TONE_LETTERS[ch] !== undefined) tone = TONE_LETTERS[ch];
        else if (ch === 'đ') out += 'dd';
        else if (/[a-z0-9_]/.test(ch)) out += ch;
        else out += `u${ch.codePointAt(0)?.toString(16) ?? ''}`;
      }
      return out + tone;
    })
    .join('-');
}

/** A clip id as `clipId` makes them (or the chime's): lower-case letters and digits joined by "-". */
export function isClipId(id: string): boolean {
  return (
    id === CHIME_CLIP_ID || (id === id.normalize('NFC') && /^[\p{Ll}\p{N}]+(-[\p{Ll}\p{N}]+)*$/u.test(id))
  );
}

/** A file name that cannot leave the pack's folder and has an extension we can decode. */
export function isSafeClipFile(file: string): boolean {
  const match = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\.([a-z0-9]+)$/.exec(file);
  return (
    match !== null &&
    !file.includes('..') &&
    (VOICE_PACK_FILE_EXTENSIONS as readonly string[]).includes(match[1] ?? '')
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isReadable(settings: VoiceSettings): boolean {
  return (
    (settings.dialect === 'north' || settings.dialect === 'south') &&
    (settings.numberReading === 'value' || settings.numberReading === 'digits')
  );
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/**
 * Every problem that stops `json` (a parsed manifest.json) from announcing calls under `settings`:
 * wrong format version, missing or malformed fields, unsafe file names, implausible durations, a
 * dialect other than the office's, and clips the settings need that the pack lacks (phrases may be
 * covered by their words, as `announcementClips` would speak them). Empty means usable.
 * Files themselves are not read here (pure): the caller checks they exist and decode.
 */
export function validateVoicePackManifest(json: unknown, settings: VoiceSettings): VoicePackProblem[] {
  const problems: VoicePackProblem[] = [];
  const report = (code: VoicePackProblemCode, path: string, message: string): void => {
    problems.push({ code, path, message });
  };
  for (const message of voiceSettingsProblems(settings)) report('bad-settings', '', message);
  if (!isRecord(json)) {
    report('not-an-object', '', 'the manifest is not a JSON object');
    return problems;
  }
  if (json.formatVersion !== VOICE_PACK_FORMAT_VERSION) {
    report(
      'format-version',
      'formatVersion',
      `format version ${JSON.stringify(json.formatVersion)} is not supported (this build reads ${VOICE_PACK_FORMAT_VERSION})`,
    );
    return problems;
  }
  if (typeof json.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(json.id)) {
    report('bad-field', 'id', 'id must be 1–64 lower-case ASCII letters, digits and "-"');
  }
  if (typeof json.name !== 'string' || json.name.trim() === '')
    report('bad-field', 'name', 'name is missing');
  if (json.dialect !== 'north' && json.dialect !== 'south') {
    report('bad-field', 'dialect', 'dialect must be "north" or "south"');
  } else if (json.dialect !== settings.dialect) {
    report(
      'dialect-mismatch',
      'dialect',
      `the pack speaks ${json.dialect}ern numbers, the office reads ${settings.dialect}ern`,
    );
  }
  const rate = json.sampleRate;
  if (typeof rate !== 'number' || !Number.isInteger(rate) || rate < 8000 || rate > 96_000) {
    report('bad-field', 'sampleRate', 'sampleRate must be a whole number of Hz, 8000–96000');
  }
  if (json.channels !== 1) report('bad-field', 'channels', 'channels must be 1 (mono)');
  if (json.source !== undefined && typeof json.source !== 'string')
    report('bad-field', 'source', 'source must be text');
  const clips = json.clips;
  if (!isRecord(clips)) {
    report('bad-field', 'clips', 'clips must be an object keyed by clip id');
    return problems;
  }
  for (const [id, clip] of Object.entries(clips)) {
    const path = `clips.${id}`;
    if (!isClipId(id))
      report('bad-clip-id', path, `"${id}" is not a clip id (NFC, lower-case, words joined by "-")`);
    if (!isRecord(clip)) {
      report('bad-field', path, 'a clip must be an object { file, durationMs }');
      continue;
    }
    if (typeof clip.file !== 'string' || !isSafeClipFile(clip.file)) {
      report(
        'bad-file',
        `${path}.file`,
        `file must be a plain ASCII name ending .${VOICE_PACK_FILE_EXTENSIONS.join('/.')}`,
      );
    }
    const ms = clip.durationMs;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > MAX_CLIP_MS) {
      report(
        'bad-duration',
        `${path}.durationMs`,
        `durationMs must be more than 0 and at most ${MAX_CLIP_MS}`,
      );
    }
    const samples = clip.samples;
    if (samples !== undefined) {
      const expected = typeof ms === 'number' && typeof rate === 'number' ? (ms / 1000) * rate : Number.NaN;
      if (typeof samples !== 'number' || !Number.isInteger(samples) || samples <= 0) {
        report('bad-duration', `${path}.samples`, 'samples must be a whole number above 0');
      } else if (typeof rate === 'number' && Math.abs(samples - expected) > rate / 1000 + 1) {
        report(
          'bad-duration',
          `${path}.samples`,
          `samples ${samples} disagrees with durationMs ${String(ms)}`,
        );
      }
    }
    if (clip.text !== undefined && typeof clip.text !== 'string') {
      report('bad-field', `${path}.text`, 'text must be text');
    }
  }
  // Settings with an unknown dialect or reading name no words: the settings problem says so already.
  if (!isReadable(settings)) return problems;
  const has = (id: string): boolean => hasOwn(clips, id);
  for (const id of requiredClips(settings, has)) {
    if (!has(id))
      report('missing-clip', `clips.${id}`, `missing clip "${id}" (record it as ${clipFileStem(id)}.wav)`);
  }
  return problems;
}
