/**
 * Makes a voice pack (docs/voice.md): a manifest.json and one Ogg Vorbis file per clip that the
 * office's voice settings need (`requiredClips`), all mono at one sample rate so Web Audio joins
 * them sample-accurately. Build-time tool: needs Debian's `espeak-ng` and `sox`; the tests and the
 * server do not.
 *
 *   npx tsx scripts/make-voice-pack.ts [--dialect north|south] [--out voice-packs/<id>]
 *       placeholder pack spoken by espeak-ng (north → voice "vi", south → "vi-vn-x-south")
 *   npx tsx scripts/make-voice-pack.ts --from-recordings <dir> --dialect south --out voice-packs/<id> --name "…"
 *       the office's own recordings, one file per clip named by clip id or its ASCII file stem
 *   npx tsx scripts/make-voice-pack.ts --list [--dialect …] [--template "…"]
 *       the clips to record, as a Markdown table
 * Other options: --template "<sentence with {số} and {quầy}>", --numbers value|digits, --rate <Hz>.
 *
 * Why espeak gets words, never digits: it reads "1000" wrongly; every clip is one word or phrase.
 * Why `sox -R`: repeatable mode (fixed Ogg serial numbers, no random dither), so rerunning the
 * script on the same tools rewrites byte-identical files and the committed pack does not churn.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CHIME_CLIP_ID,
  requiredClips,
  withVoiceDefaults,
  type VoiceSettings,
} from '../shared/i18n/announcement.js';
import type { Dialect } from '../shared/i18n/number-words.js';
import {
  VOICE_PACK_FORMAT_VERSION,
  clipFileStem,
  validateVoicePackManifest,
  type VoicePackClip,
  type VoicePackManifest,
} from '../shared/i18n/voice-pack.js';

const ESPEAK_VOICES: Readonly<Record<Dialect, string>> = { north: 'vi', south: 'vi-vn-x-south' };
const DIALECT_NAMES: Readonly<Record<Dialect, string>> = { north: 'miền Bắc', south: 'miền Nam' };
/** espeak's words per minute: slower than its 175 default, for a hall with echo. */
const ESPEAK_SPEED = '150';
/** Vorbis quality (-1…10): 3 is about 40–50 kbit/s at 22 kHz mono, clean for speech. */
const VORBIS_QUALITY = '3';
/** Extensions looked for in a recordings folder (sox reads them all). */
const RECORDING_EXTENSIONS = ['wav', 'flac', 'ogg'];

/**
 * The sox effects every clip goes through, recorded or synthesised: mono, the pack's rate, leading
 * and trailing silence trimmed (sound below -45 dBFS counts as silence, so room noise is trimmed
 * too), peak normalised to -1 dBFS (every clip equally loud), 5 ms fade-in and 15 ms fade-out
 * (no click at a join), and 40 ms of silence after, so words joined back to back do not run
 * together.
 */
function clipEffects(rate: number): string[] {
  return [
    ...['remix', '-', 'rate', '-v', String(rate)],
    // Trim the start, then the end by reversing; the fade-out is a fade-in while reversed (after
    // `silence` the length is unknown, and a plain fade-out needs it).
    ...['silence', '1', '0.01', '-45d', 'reverse', 'silence', '1', '0.01', '-45d', 'fade', 't', '0.015'],
    ...['reverse', 'fade', 't', '0.005', 'norm', '-1', 'pad', '0', '0.04'],
  ];
}

function fail(message: string): never {
  console.error(`make-voice-pack: ${message}`);
  process.exit(1);
}

/** Runs a tool, failing with its stderr; an absent tool gets the install line. */
function run(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    fail(`${command} is not installed. Install the tools with:\n  apt-get install espeak-ng sox`);
  }
  if (result.error) fail(`${command} failed: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return result.stdout;
}

function toolVersion(command: string, args: readonly string[]): string {
  const firstLine = run(command, args).split('\n')[0] ?? '';
  return firstLine.replace(/\s+/g, ' ').trim();
}

interface ClipLength {
  durationMs: number;
  samples: number;
}

/** The length of an encoded clip, as the manifest states it. */
function measure(output: string, rate: number): ClipLength {
  const samples = Number(run('sox', ['--i', '-s', output]).trim());
  if (!Number.isInteger(samples) || samples <= 0) fail(`${output} came out empty (was the input silent?)`);
  return { durationMs: Math.round((samples / rate) * 1000), samples };
}

/** Encodes `input` (any file sox reads) to the pack's Ogg Vorbis. */
function encodeClip(input: string, output: string, rate: number): ClipLength {
  run('sox', ['-R', input, '-C', VORBIS_QUALITY, output, ...clipEffects(rate)]);
  return measure(output, rate);
}

/**
 * Two soft sine tones, E5 then C5 ("ding-dong", 0.4 s + 0.5 s), quarter-sine fades, at -4 dBFS
 * (a little under the voice), then 150 ms of silence before the sentence starts.
 */
function makeChime(workDir: string, output: string, rate: number): ClipLength {
  const tones = [
    { file: join(workDir, 'tone-1.wav'), seconds: '0.4', hz: '659.25', fadeOut: '0.3' },
    { file: join(workDir, 'tone-2.wav'), seconds: '0.5', hz: '523.25', fadeOut: '0.42' },
  ];
  for (const tone of tones) {
    const synth = ['synth', tone.seconds, 'sine', tone.hz, 'fade', 'q', '0.01', tone.seconds, tone.fadeOut];
    run('sox', ['-R', '-n', '-r', String(rate), '-c', '1', tone.file, ...synth]);
  }
  const files = tones.map((tone) => tone.file);
  run('sox', ['-R', ...files, '-C', VORBIS_QUALITY, output, 'norm', '-4', 'pad', '0', '0.15']);
  return measure(output, rate);
}

/** What a clip says, as text for espeak and for people: "e-lờ" → "e lờ". */
function clipText(id: string): string {
  return id.replace(/-/g, ' ');
}

/** The recording of clip `id` in `dir`: named by the clip id (NFC or not) or by its ASCII stem. */
function findRecording(dir: string, id: string): string | undefined {
  const wanted = new Set(
    [id, clipFileStem(id)].flatMap((name) => RECORDING_EXTENSIONS.map((ext) => `${name}.${ext}`)),
  );
  return readdirSync(dir)
    .filter((file) => wanted.has(file.normalize('NFC').toLowerCase()))
    .map((file) => join(dir, file))
    .sort()[0];
}

function printList(settings: VoiceSettings): void {
  console.log('| clip id | file to record (or name it by the clip id) | say |');
  console.log('|---|---|---|');
  for (const id of requiredClips(settings)) {
    const say =
      id === CHIME_CLIP_ID ? '(a short chime; optional: the script makes one)' : `"${clipText(id)}"`;
    console.log(`| \`${id}\` | \`${clipFileStem(id)}.wav\` | ${say} |`);
  }
}

const USAGE = `usage: npx tsx scripts/make-voice-pack.ts [options]
  --dialect north|south        number words and espeak voice (default north)
  --out voice-packs/<id>       output folder; its name is the pack id (default voice-packs/vi-<dialect>-espeak)
  --from-recordings <dir>      encode recorded files named by clip id instead of using espeak-ng
  --name "<text>"              the pack's name shown to the admin
  --template "<text>"          the office's sentence, with {số} and {quầy} (default: the standard one)
  --numbers value|digits       how ticket numbers are read (default value)
  --rate <Hz>                  sample rate of every clip (default 22050)
  --list                       print the clips to record as a Markdown table, and stop`;

function parseOptions() {
  try {
    return parseArgs({
      options: {
        dialect: { type: 'string', default: 'north' },
        out: { type: 'string' },
        name: { type: 'string' },
        template: { type: 'string' },
        numbers: { type: 'string', default: 'value' },
        rate: { type: 'string', default: '22050' },
        list: { type: 'boolean', default: false },
        'from-recordings': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
}

function main(): void {
  const values = parseOptions();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dialect = values.dialect;
  if (dialect !== 'north' && dialect !== 'south') fail('--dialect must be north or south');
  const numberReading = values.numbers;
  if (numberReading !== 'value' && numberReading !== 'digits') fail('--numbers must be value or digits');
  const settings = withVoiceDefaults({
    dialect,
    numberReading,
    ...(values.template === undefined ? {} : { template: values.template }),
  });
  if (values.list) {
    printList(settings);
    return;
  }
  const rate = Number(values.rate);
  if (!Number.isInteger(rate) || rate < 8000 || rate > 48_000)
    fail('--rate must be a sample rate in Hz, 8000–48000');

  const recordings = values['from-recordings'];
  const outDir = resolve(values.out ?? join('voice-packs', `vi-${dialect}-espeak`));
  const id = basename(outDir);
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id))
    fail(`the folder name "${id}" is the pack id: use a-z, 0-9 and "-"`);
  if (recordings !== undefined && !existsSync(recordings)) fail(`no folder ${recordings}`);

  const soxVersion = toolVersion('sox', ['--version']).replace(/^sox:\s*/, '');
  const espeakVersion = recordings === undefined ? toolVersion('espeak-ng', ['--version']) : '';
  const clipIds = requiredClips(settings);
  if (recordings !== undefined) {
    const missing = clipIds.filter((clip) => clip !== CHIME_CLIP_ID && !findRecording(recordings, clip));
    if (missing.length > 0) {
      fail(
        `missing recordings in ${recordings}:\n${missing.map((m) => `  ${clipFileStem(m)}.wav  ("${clipText(m)}")`).join('\n')}`,
      );
    }
  }

  // Start from an empty pack folder (only files this script writes), so a clip dropped from the
  // settings does not linger.
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(outDir)) {
    if (file === 'manifest.json' || /\.(ogg|oga|wav)$/.test(file)) rmSync(join(outDir, file));
  }
  const workDir = mkdtempSync(join(tmpdir(), 'voice-pack-'));
  try {
    const clips: Record<string, VoicePackClip> = {};
    for (const clip of clipIds) {
      const file = `${clipFileStem(clip)}.ogg`;
      const output = join(outDir, file);
      let length: ClipLength;
      const recorded = recordings === undefined ? undefined : findRecording(recordings, clip);
      if (recorded !== undefined) length = encodeClip(recorded, output, rate);
      else if (clip === CHIME_CLIP_ID) length = makeChime(workDir, output, rate);
      else {
        const wav = join(workDir, 'espeak.wav');
        run('espeak-ng', ['-v', ESPEAK_VOICES[dialect], '-s', ESPEAK_SPEED, '-w', wav, clipText(clip)]);
        length = encodeClip(wav, output, rate);
      }
      clips[clip] = { file, ...length, ...(clip === CHIME_CLIP_ID ? {} : { text: clipText(clip) }) };
    }
    const manifest: VoicePackManifest = {
      formatVersion: VOICE_PACK_FORMAT_VERSION,
      id,
      name:
        values.name ??
        (recordings === undefined ? `Giọng ${DIALECT_NAMES[dialect]} (espeak-ng, tạm thời)` : id),
      dialect,
      sampleRate: rate,
      channels: 1,
      source:
        recordings === undefined
          ? `placeholder: ${espeakVersion.replace(/ Data at:.*$/, '')}, voice ${ESPEAK_VOICES[dialect]}; ${soxVersion}`
          : `recordings, encoded with ${soxVersion}`,
      clips,
    };
    const problems = validateVoicePackManifest(manifest, settings);
    if (problems.length > 0)
      fail(`the pack does not validate:\n${problems.map((p) => `  ${p.message}`).join('\n')}`);
    writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const bytes = readdirSync(outDir).reduce((sum, file) => sum + statSync(join(outDir, file)).size, 0);
    console.log(`${outDir}: ${clipIds.length} clips, ${(bytes / 1024).toFixed(1)} KiB`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main();
