/**
 * Plays announcements from a voice pack (docs/voice.md): the manifest and every clip the office's
 * settings need are fetched and decoded once, then an announcement's clips are scheduled back to
 * back on one AudioContext timeline.
 *
 * Why scheduling and not chaining `onended` or `setTimeout`: each clip's start time is computed
 * from the previous clip's length in samples, so the audio thread joins them sample-accurately;
 * a timer or an event hop between clips adds a gap of a few to a few hundred ms on a busy TV box,
 * and words spoken with random pauses sound broken.
 */
import {
  announcementClips,
  requiredClips,
  type AnnouncedCall,
  type AnnouncementPart,
  type VoiceSettings,
} from '../../shared/i18n/announcement.js';
import { validateVoicePackManifest, type VoicePackManifest } from '../../shared/i18n/voice-pack.js';

/** One clip put on the timeline (AudioContext time, seconds). For tests and diagnostics. */
export interface ScheduledPart {
  /** The call's key (`callKey`). */
  key: string;
  clip: string;
  startAt: number;
  duration: number;
}

/** A decoded clip and its length on the timeline (the manifest's exact sample count, when given). */
interface Clip {
  buffer: AudioBuffer;
  duration: number;
}

/** A loaded pack: the clips the settings need, decoded for one AudioContext. */
export interface ClipPack {
  manifest: VoicePackManifest;
  clips: ReadonlyMap<string, Clip>;
}

/**
 * Lead time before the first clip: scheduling in the past would clip the chime's attack, and a
 * slow TV box may take tens of ms between this call and the audio thread picking it up.
 */
const LEAD_S = 0.1;

async function fetchOk(fetchFn: typeof fetch, url: string): Promise<Response> {
  const response = await fetchFn(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/**
 * Fetches `<packUrl>manifest.json`, validates it against the settings and decodes every clip they
 * need. Throws (and the announcer falls back to speech) on any failure: a 404, a manifest with
 * problems, a clip that does not decode. A pack that half-loads would announce calls with words
 * missing, which is worse than a plain fallback.
 */
export async function loadClipPack(
  ctx: BaseAudioContext,
  packUrl: string,
  settings: VoiceSettings,
  fetchFn: typeof fetch,
): Promise<ClipPack> {
  const json: unknown = await (await fetchOk(fetchFn, `${packUrl}manifest.json`)).json();
  const problems = validateVoicePackManifest(json, settings);
  if (problems.length > 0) throw new Error(`voice pack ${packUrl}: ${problems[0]?.message ?? ''}`);
  const manifest = json as VoicePackManifest;
  const has = (id: string): boolean => Object.prototype.hasOwnProperty.call(manifest.clips, id);
  const clips = new Map<string, Clip>();
  await Promise.all(
    requiredClips(settings, has).map(async (id) => {
      const entry = manifest.clips[id];
      if (!entry) throw new Error(`voice pack ${packUrl}: no clip ${id}`);
      const data = await (await fetchOk(fetchFn, packUrl + encodeURIComponent(entry.file))).arrayBuffer();
      const buffer = await ctx.decodeAudioData(data);
      // Decoders disagree on a clip's last frame: one that pads it would push every later clip a
      // little, and Chromium's Vorbis decoder drops up to 256 samples of the tail (measured: 23153 →
      // 22897; trailing silence, inaudible). The manifest's exact sample count is the clip's length
      // on the timeline either way: `start(t, 0, d)` cuts a longer buffer, a shorter one ends early
      // in silence, and the next clip still starts where the recording says.
      const duration = entry.samples === undefined ? buffer.duration : entry.samples / manifest.sampleRate;
      clips.set(id, { buffer, duration });
    }),
  );
  return { manifest, clips };
}

/** The parts of `call` under `settings`, spoken with the pack's own phrases where it has them. */
export function partsFor(pack: ClipPack, call: AnnouncedCall, settings: VoiceSettings): AnnouncementPart[] {
  return announcementClips(call, settings, (id) => pack.clips.has(id));
}

/**
 * Schedules the parts back to back from just after now: a clip starts where the previous one ends
 * (`startAt + duration`), a silence only moves the time on. Resolves when the last clip has ended
 * (its `onended`), or after a safety timeout should that event never come (a context suspended
 * mid-announcement), so the queue never stalls.
 */
export function playParts(
  ctx: AudioContext,
  pack: ClipPack,
  parts: AnnouncementPart[],
  key: string,
  log: (part: ScheduledPart) => void,
): Promise<void> {
  let t = ctx.currentTime + LEAD_S;
  let last: AudioBufferSourceNode | undefined;
  for (const part of parts) {
    if ('silenceMs' in part) {
      t += part.silenceMs / 1000;
      continue;
    }
    const clip = pack.clips.get(part.clip);
    // Only a clip outside the required set (an exotic prefix letter) can be missing: say the rest.
    if (!clip) continue;
    const source = ctx.createBufferSource();
    source.buffer = clip.buffer;
    source.connect(ctx.destination);
    source.start(t, 0, clip.duration);
    log({ key, clip: part.clip, startAt: t, duration: clip.duration });
    t += clip.duration;
    last = source;
  }
  const source = last;
  if (!source) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      source.onended = null;
      resolve();
    };
    const timer = setTimeout(finish, (t - ctx.currentTime + 2) * 1000);
    source.onended = finish;
  });
}
