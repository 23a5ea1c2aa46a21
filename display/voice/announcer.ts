/**
 * The waiting-room display's announcer: the one module the display UI uses to speak calls.
 *
 * - Calls go through one FIFO queue keyed by call (announcement-queue.ts): never overlapping, never
 *   the wrong ticket, a recall announced again, duplicates and stale calls dropped, so a display that
 *   reconnects and is fed old calls again does not replay them.
 * - Voice: the office's clip pack joined sample-accurately with Web Audio (clip-player.ts); browser
 *   speech (speech-fallback.ts) only when the pack cannot load.
 * - Chromium blocks audio until a user gesture unless started with
 *   `--autoplay-policy=no-user-gesture-required` (the documented kiosk flag). We detect it (a new
 *   AudioContext stays 'suspended') and report `audio: 'blocked'`, so the UI shows "Bật âm thanh" and
 *   staff are warned (`display:status`); the button calls `unlock()`. While blocked, calls still go
 *   through the queue (logged as skipped), so nothing piles up to burst out late after the tap.
 *
 * No UI here: the display renders from `state` / `onChange`.
 */
import { announcementText, type VoiceSettings } from '../../shared/i18n/announcement.js';
import {
  callKey,
  createAnnouncementQueue,
  DEFAULT_MAX_AGE_MS,
  type QueueableCall,
} from './announcement-queue.js';
import { loadClipPack, partsFor, playParts, type ClipPack, type ScheduledPart } from './clip-player.js';
import { findVietnameseVoice, speak, stopSpeech } from './speech-fallback.js';

export interface CallToAnnounce extends QueueableCall {
  ticketId: string;
  /** The ticket's `recalls` in the event: a recall (one more) is announced again. */
  recalls: number;
  /** As printed, e.g. "1005". */
  ticketNumber: string;
  counterNumber: number;
  /** The event's time (epoch ms), NOT when the display received it: stale and replayed calls are told by it. */
  at: number;
}

/**
 * - loading: the pack is loading (calls wait, up to `maxAgeMs`);
 * - ok: clips play; speech: the browser's voice (the pack failed to load);
 * - blocked: the browser blocks sound until a tap ("Bật âm thanh" → `unlock()`);
 * - unavailable: no pack and no Vietnamese speech voice; off: voice turned off or closed.
 * The same names as `DisplayAudioState` (shared/protocol/display.ts), plus 'loading'.
 */
export type AudioState = 'loading' | 'ok' | 'blocked' | 'speech' | 'unavailable' | 'off';

export interface AnnouncerState {
  audio: AudioState;
  /** The call being announced (or skipped) now. */
  speaking: CallToAnnounce | undefined;
  /** Calls waiting their turn. */
  queued: number;
}

/** The office's voice settings with the defaults filled in, and its pack (`voice` of GET /api/offices/:id). */
export type VoiceConfig = VoiceSettings & { packId: string };

/**
 * One entry of the log: a clip on the AudioContext timeline (seconds), or, with the clip names
 * `SKIPPED` / `SPOKEN`, a call that was skipped (sound blocked, unavailable or off) or spoken by
 * the browser's voice (`duration` is then the time it took).
 */
export type LogEntry = ScheduledPart;

export interface Announcer {
  /**
   * Applies office settings (filled-in VoiceSettings + packId, from GET /api/offices/:id → `voice`)
   * and loads the pack; `null` turns the voice off (a counter's own small display). Resolves when
   * the pack is loaded or the fallback chosen. Calling again with the same settings does nothing.
   */
  configure(voice: VoiceConfig | null): Promise<void>;
  enqueue(call: CallToAnnounce): void;
  /** Call from a user gesture (the "Bật âm thanh" button): resumes the AudioContext; true when sound now works. */
  unlock(): Promise<boolean>;
  readonly state: AnnouncerState;
  /** Called after every change of `state` (a new object each time); returns the unsubscribe. */
  onChange(listener: (state: AnnouncerState) => void): () => void;
  /** Test hook: the last `LOG_LIMIT` parts scheduled (or calls skipped / spoken), oldest first. */
  readonly log: ReadonlyArray<LogEntry>;
  close(): void;
}

export interface AnnouncerOptions {
  /** Origin (and path prefix) of the server: packs are at `${baseUrl}/voice-packs/<packId>/`. Default: this page's origin. */
  baseUrl?: string;
  /**
   * The clock calls' `at` is compared with (default `Date.now`). A display whose clock is ahead of the
   * server's by more than `maxAgeMs` would drop every call as stale: pass a server-corrected clock.
   */
  now?: () => number;
  /** A call not started this long after its event is dropped (default 60 s). */
  maxAgeMs?: number;
  fetch?: typeof fetch;
}

export const SKIPPED = '(skipped)';
export const SPOKEN = '(speech)';
/** Log entries kept: a display runs for weeks. */
export const LOG_LIMIT = 500;
/** A suspended AudioContext whose resume() has not started it by then is blocked by the autoplay policy. */
const BLOCKED_AFTER_MS = 300;

declare global {
  interface Window {
    /** Set only when the page's address has `?test` (see createAnnouncer). */
    __luotAnnouncer?: Announcer;
  }
}

/** What the announcer can say with: decided by `configure`. */
type Mode = 'loading' | 'clips' | 'speech' | 'none' | 'off';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createAnnouncer(opts: AnnouncerOptions = {}): Announcer {
  const fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
  const baseUrl = (opts.baseUrl ?? '').replace(/\/$/, '');
  const queue = createAnnouncementQueue<CallToAnnounce>({
    now: opts.now ?? Date.now,
    maxAgeMs: opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS,
    onDrop: (call, reason) => console.info(`[voice] ${callKey(call)} not announced: ${reason}`),
  });
  const log: LogEntry[] = [];
  const listeners = new Set<(state: AnnouncerState) => void>();
  let ctx: AudioContext | undefined;
  /** Blocked detection done (or no Web Audio at all). */
  let checked = false;
  let mode: Mode = 'loading';
  let settings: VoiceConfig | undefined;
  let pack: ClipPack | undefined;
  let voice: SpeechSynthesisVoice | undefined;
  let configId: string | undefined;
  let ready: Promise<void> = Promise.resolve();
  let pumping = false;
  let closed = false;
  let state: AnnouncerState = { audio: 'loading', speaking: undefined, queued: 0 };

  const clock = (): number => ctx?.currentTime ?? performance.now() / 1000;
  const record = (entry: LogEntry): void => {
    log.push(entry);
    if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
  };

  const audio = (): AudioState => {
    if (closed || mode === 'off') return 'off';
    if (mode === 'none') return 'unavailable';
    if (checked && ctx && ctx.state !== 'running') return 'blocked';
    if (mode === 'loading') return 'loading';
    return mode === 'clips' ? 'ok' : 'speech';
  };

  const emit = (): void => {
    const next: AnnouncerState = { audio: audio(), speaking: queue.current, queued: queue.size };
    if (next.audio === state.audio && next.speaking === state.speaking && next.queued === state.queued)
      return;
    state = next;
    for (const listener of listeners) listener(next);
  };

  /** The one AudioContext, made on first need; starts the blocked detection. */
  const context = (): AudioContext | undefined => {
    if (ctx || closed) return ctx;
    if (typeof AudioContext === 'undefined') {
      checked = true; // nothing to detect: speech, or nothing
      return undefined;
    }
    const c = new AudioContext({ latencyHint: 'playback' });
    ctx = c;
    c.onstatechange = () => {
      emit();
      void pump();
    };
    const started = c.state === 'running' ? Promise.resolve() : c.resume().catch(() => undefined);
    void Promise.race([started, sleep(BLOCKED_AFTER_MS)]).then(() => {
      checked = true;
      emit();
      void pump();
    });
    return c;
  };

  const announce = async (call: CallToAnnounce): Promise<void> => {
    const key = callKey(call);
    const now = audio();
    const startAt = clock();
    if (now === 'ok' && ctx && pack && settings) {
      await playParts(ctx, pack, partsFor(pack, call, settings), key, record);
    } else if (now === 'speech' && voice && settings) {
      await speak(voice, announcementText(call, settings, 'spoken'), settings.repeat, settings.gapMs);
      record({ key, clip: SPOKEN, startAt, duration: clock() - startAt });
    } else {
      record({ key, clip: SKIPPED, startAt, duration: 0 });
    }
  };

  /** Announces queued calls one at a time; pauses while the pack loads or before blocked detection. */
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      // No await between next() returning nothing and `pumping = false`: an enqueue cannot slip in.
      while (!closed && mode !== 'loading' && (checked || !ctx)) {
        const call = queue.next();
        if (!call) break;
        emit();
        try {
          await announce(call);
        } catch (err) {
          // A number the words cannot read ("1-05"), a speech engine error: skip it, keep going.
          console.warn(`[voice] ${callKey(call)} failed:`, err);
          record({ key: callKey(call), clip: SKIPPED, startAt: clock(), duration: 0 });
        } finally {
          queue.done();
          emit();
        }
      }
    } finally {
      pumping = false;
    }
  };

  const announcer: Announcer = {
    configure(next) {
      const id = JSON.stringify(next);
      if (id === configId || closed) return ready;
      configId = id;
      ready = (async () => {
        let nextMode: Mode = 'off';
        let nextPack: ClipPack | undefined;
        let nextVoice: SpeechSynthesisVoice | undefined;
        if (next) {
          mode = 'loading';
          emit();
          const c = context();
          try {
            if (!c) throw new Error('no Web Audio');
            nextPack = await loadClipPack(
              c,
              `${baseUrl}/voice-packs/${encodeURIComponent(next.packId)}/`,
              next,
              fetchFn,
            );
            nextMode = 'clips';
          } catch (err) {
            console.warn('[voice] clip pack unavailable, trying browser speech:', err);
            nextVoice = await findVietnameseVoice();
            nextMode = nextVoice ? 'speech' : 'none';
          }
        }
        if (id !== configId || closed) return; // superseded by a later configure
        [mode, settings, pack, voice] = [nextMode, next ?? undefined, nextPack, nextVoice];
        emit();
        void pump();
      })();
      return ready;
    },
    enqueue(call) {
      if (closed) return;
      queue.push(call);
      emit();
      void pump();
    },
    async unlock() {
      // resume() is called synchronously inside the gesture's task, where the browser allows it.
      const c = context();
      if (c && c.state !== 'running') await Promise.race([c.resume().catch(() => undefined), sleep(1000)]);
      checked = true;
      await ready;
      emit();
      void pump();
      return state.audio === 'ok' || state.audio === 'speech';
    },
    get state() {
      return state;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    get log() {
      return log;
    },
    close() {
      closed = true;
      stopSpeech();
      void ctx?.close().catch(() => undefined);
      emit();
    },
  };
  // Test hook: with `?test` in the page's address (and only then), the announcer is
  // `window.__luotAnnouncer`, so the page tests (tests/e2e/voice-player.test.ts, the display's own)
  // can enqueue calls and read `state` and `log` from the real page.
  if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('test')) {
    window.__luotAnnouncer = announcer;
  }
  return announcer;
}
