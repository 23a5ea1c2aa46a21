/**
 * The committed placeholder packs (voice-packs/, made by scripts/make-voice-pack.ts) and the
 * manifest validator. Reads only the committed files: CI needs neither espeak-ng nor sox.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHIME_CLIP_ID, requiredClips, withVoiceDefaults } from '../../shared/i18n/announcement.js';
import { LETTER_NAMES, numberVocabulary, type Dialect } from '../../shared/i18n/number-words.js';
import {
  clipFileStem,
  isSafeClipFile,
  validateVoicePackManifest,
  type VoicePackManifest,
} from '../../shared/i18n/voice-pack.js';

const PACKS: ReadonlyArray<{ id: string; dialect: Dialect }> = [
  { id: 'vi-north-espeak', dialect: 'north' },
  { id: 'vi-south-espeak', dialect: 'south' },
];

const packDir = (id: string): string => fileURLToPath(new URL(`../../voice-packs/${id}/`, import.meta.url));

function loadManifest(id: string): VoicePackManifest {
  return JSON.parse(readFileSync(`${packDir(id)}manifest.json`, 'utf8')) as VoicePackManifest;
}

/** The facts of an Ogg Vorbis file that joining clips depends on, read from its pages. */
interface OggVorbisInfo {
  channels: number;
  sampleRate: number;
  /** The last page's granule position: the number of decoded samples per channel. */
  samples: number;
}

/**
 * Minimal Ogg page walk (RFC 3533): "OggS", version, flags, 64-bit granule at 6, page segments
 * at 26, the segment table, the body. The first body is the Vorbis identification header:
 * packet type 1, "vorbis", version (4 bytes), channels (1), sample rate (4, little-endian).
 */
function readOggVorbis(bytes: Buffer): OggVorbisInfo {
  let offset = 0;
  let first: Buffer | undefined;
  let granule = -1n;
  while (offset < bytes.length) {
    if (bytes.toString('latin1', offset, offset + 4) !== 'OggS') throw new Error(`no Ogg page at ${offset}`);
    const segments = bytes.readUInt8(offset + 26);
    let bodyLength = 0;
    for (let i = 0; i < segments; i++) bodyLength += bytes.readUInt8(offset + 27 + i);
    const bodyStart = offset + 27 + segments;
    first ??= bytes.subarray(bodyStart, bodyStart + bodyLength);
    granule = bytes.readBigInt64LE(offset + 6);
    offset = bodyStart + bodyLength;
  }
  if (!first || first.readUInt8(0) !== 1 || first.toString('latin1', 1, 7) !== 'vorbis') {
    throw new Error('not Vorbis');
  }
  return { channels: first.readUInt8(11), sampleRate: first.readUInt32LE(12), samples: Number(granule) };
}

describe.each(PACKS)('the committed pack $id', ({ id, dialect }) => {
  const manifest = loadManifest(id);
  const settings = withVoiceDefaults({ dialect });

  it('validates against the default settings of its dialect', () => {
    expect(validateVoicePackManifest(manifest, settings)).toEqual([]);
    expect(manifest.id).toBe(id);
    expect(manifest.dialect).toBe(dialect);
  });

  it('holds exactly the clips the default settings require (the chime among them)', () => {
    expect(Object.keys(manifest.clips).sort()).toEqual(requiredClips(settings).sort());
    expect(manifest.clips[CHIME_CLIP_ID]).toBeDefined();
  });

  it('has every listed file, non-empty, Ogg Vorbis, mono, all at the manifest sample rate', () => {
    const rates = new Set<number>();
    for (const [clip, { file, durationMs, samples }] of Object.entries(manifest.clips)) {
      expect(file, clip).toBe(`${clipFileStem(clip)}.ogg`);
      const path = `${packDir(id)}${file}`;
      expect(statSync(path).size, file).toBeGreaterThan(0);
      const info = readOggVorbis(readFileSync(path));
      expect(info.channels, file).toBe(1);
      rates.add(info.sampleRate);
      // The manifest tells the truth about each clip's length (to the millisecond).
      expect(samples, file).toBe(info.samples);
      expect(Math.abs((info.samples / info.sampleRate) * 1000 - durationMs), file).toBeLessThanOrEqual(1);
    }
    expect([...rates]).toEqual([manifest.sampleRate]);
  });

  it('stays small enough to commit and to load on a TV box', () => {
    const bytes = Object.values(manifest.clips).reduce(
      (sum, { file }) => sum + statSync(`${packDir(id)}${file}`).size,
      0,
    );
    expect(bytes).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('is refused for the other dialect, with the missing words named', () => {
    const other = withVoiceDefaults({ dialect: dialect === 'north' ? 'south' : 'north' });
    const problems = validateVoicePackManifest(manifest, other);
    expect(problems.map((p) => p.code)).toContain('dialect-mismatch');
    const missing = problems.filter((p) => p.code === 'missing-clip').map((p) => p.path);
    expect(missing.sort()).toEqual(
      other.dialect === 'north' ? ['clips.linh', 'clips.nghìn'] : ['clips.lẻ', 'clips.ngàn'],
    );
  });
});

describe('validateVoicePackManifest', () => {
  const settings = withVoiceDefaults({});
  const good = (): VoicePackManifest => structuredClone(loadManifest('vi-north-espeak'));

  it('reports a missing clip by its id', () => {
    const manifest = good();
    delete manifest.clips['mốt'];
    expect(validateVoicePackManifest(manifest, settings)).toEqual([
      { code: 'missing-clip', path: 'clips.mốt', message: 'missing clip "mốt" (record it as moots.wav)' },
    ]);
  });

  it('reports a missing chime only while the chime is on', () => {
    const manifest = good();
    delete manifest.clips[CHIME_CLIP_ID];
    expect(validateVoicePackManifest(manifest, settings).map((p) => p.path)).toEqual([
      `clips.${CHIME_CLIP_ID}`,
    ]);
    expect(validateVoicePackManifest(manifest, withVoiceDefaults({ chime: false }))).toEqual([]);
  });

  it('asks for the clips of a custom template', () => {
    const problems = validateVoicePackManifest(
      good(),
      withVoiceDefaults({ template: 'Mời quý khách có số {số} đến quầy số {quầy}' }),
    );
    expect(problems.map((p) => p.path)).toEqual(['clips.mời-quý-khách-có-số']);
  });

  it('refuses another format version before anything else', () => {
    const problems = validateVoicePackManifest({ ...good(), formatVersion: 2 }, settings);
    expect(problems.map((p) => p.code)).toEqual(['format-version']);
    expect(validateVoicePackManifest([], settings).map((p) => p.code)).toEqual(['not-an-object']);
    expect(validateVoicePackManifest(null, settings).map((p) => p.code)).toEqual(['not-an-object']);
  });

  it('reports bad durations, unsafe file names and malformed fields', () => {
    const manifest = good() as unknown as Record<string, unknown> & VoicePackManifest;
    manifest.clips['hai'] = { file: 'hai.ogg', durationMs: 0 };
    manifest.clips['ba'] = { file: '../../etc/passwd.ogg', durationMs: 300 };
    manifest.clips['bốn'] = { file: 'boons.mp3', durationMs: Number.NaN };
    manifest.clips['Năm'] = { file: 'nam.ogg', durationMs: 300 };
    manifest.clips['sáu'] = { file: 'saus.ogg', durationMs: 300, samples: 22050 };
    manifest.sampleRate = 22050.5;
    manifest.id = 'Not an id';
    const codes = validateVoicePackManifest(manifest, settings).map((p) => `${p.code} ${p.path}`);
    expect(codes.sort()).toEqual(
      [
        'bad-clip-id clips.Năm',
        'bad-duration clips.bốn.durationMs',
        'bad-duration clips.hai.durationMs',
        'bad-field id',
        'bad-field sampleRate',
        'bad-file clips.ba.file',
        'bad-file clips.bốn.file',
        'bad-duration clips.sáu.samples',
      ].sort(),
    );
  });

  it('reports unusable settings', () => {
    const problems = validateVoicePackManifest(good(), withVoiceDefaults({ repeat: 9 }));
    expect(problems.map((p) => p.code)).toEqual(['bad-settings']);
  });
});

describe('clip file names', () => {
  it('writes clip ids in Telex ASCII', () => {
    expect(clipFileStem('mười')).toBe('muwowif');
    expect(clipFileStem('mươi')).toBe('muwowi');
    expect(clipFileStem('xin-mời-công-dân-có-số-thứ-tự')).toBe('xin-mowif-coong-daan-cos-soos-thuws-tuwj');
    expect(clipFileStem('đến-quầy-số')).toBe('ddeens-quaayf-soos');
    expect(clipFileStem('lẻ')).toBe('ler');
    expect(clipFileStem('ngàn')).toBe('nganf');
    expect(clipFileStem(CHIME_CLIP_ID)).toBe('_chime');
  });

  it('gives every word of both dialects and every letter name its own safe file name', () => {
    const ids = new Set([
      ...numberVocabulary('north'),
      ...numberVocabulary('south'),
      ...Object.values(LETTER_NAMES),
    ]);
    const stems = new Set([...ids].map(clipFileStem));
    expect(stems.size).toBe(ids.size);
    for (const stem of stems) expect(isSafeClipFile(`${stem}.ogg`), stem).toBe(true);
  });

  it('accepts only plain names with a decodable extension', () => {
    expect(isSafeClipFile('hai.ogg')).toBe(true);
    expect(isSafeClipFile('hai.wav')).toBe(true);
    for (const bad of ['../hai.ogg', 'a/hai.ogg', 'hai.mp3', '.ogg', 'hai', 'hái.ogg', 'a..b.ogg']) {
      expect(isSafeClipFile(bad), bad).toBe(false);
    }
  });
});
