/**
 * The display's announcer (display/voice/) in real Chromium, alone (tests/helpers/voice-page.ts):
 * the committed Northern pack decoded with Web Audio, calls joined sample-accurately, one at a time,
 * in order; a recall announced again, a duplicate dropped; Chromium's autoplay block detected and
 * lifted by a real click; a pack that cannot load falls back (speech, or unavailable), never "ok".
 *
 * Two browsers: one with the kiosk flag `--autoplay-policy=no-user-gesture-required` (how TVs run),
 * one with the default policy (sound blocked until a gesture). Headless Chromium has no audio device,
 * yet its AudioContext runs and `currentTime` advances in real time (a fake output), so onended fires
 * and announcements take their real length: the tests run concurrently to keep the wall time down.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  DEFAULT_VOICE_SETTINGS,
  announcementClips,
  type AnnouncementPart,
  type VoiceSettings,
} from '../../shared/i18n/announcement.js';
import type { VoicePackManifest } from '../../shared/i18n/voice-pack.js';
import { chromiumPath, launchBrowser } from '../helpers/browser.js';
import { CHROMIUM_ARGS } from '../helpers/tools.js';
import {
  BROKEN_PACK,
  SKIPPED,
  SPOKEN,
  openVoicePage,
  startVoiceHarness,
  type LogEntry,
  type PageCall,
  type VoiceHarness,
} from '../helpers/voice-page.js';

const NORTH = 'vi-north-espeak';
const manifest = JSON.parse(
  readFileSync(resolve(import.meta.dirname, `../../voice-packs/${NORTH}/manifest.json`), 'utf8'),
) as VoicePackManifest;

const key = (call: PageCall): string => `${call.ticketId}:${call.recalls}`;

/** The log split into runs of one key, in order: [[key, entries], …]. */
function runs(log: readonly LogEntry[]): [string, LogEntry[]][] {
  const out: [string, LogEntry[]][] = [];
  for (const entry of log) {
    const last = out[out.length - 1];
    if (last && last[0] === entry.key) last[1].push(entry);
    else out.push([entry.key, [entry]]);
  }
  return out;
}

const clipsOf = (parts: readonly AnnouncementPart[]): string[] =>
  parts.flatMap((part) => ('clip' in part ? [part.clip] : []));

/**
 * Checks one call's entries against its parts: the right clips in order, each as long as the
 * manifest's samples say, each starting exactly where the previous ended (or after the silence).
 */
function expectJoined(entries: readonly LogEntry[], parts: readonly AnnouncementPart[]): void {
  const clips = clipsOf(parts);
  if (entries.map((e) => e.clip).join(' ') !== clips.join(' ')) {
    throw new Error(`clips ${entries.map((e) => e.clip).join(' ')} ≠ expected ${clips.join(' ')}`);
  }
  let i = 0;
  let gap = 0;
  for (const part of parts) {
    if ('silenceMs' in part) {
      gap += part.silenceMs / 1000;
      continue;
    }
    const entry = entries[i] as LogEntry;
    const samples = manifest.clips[entry.clip]?.samples ?? Number.NaN;
    // On the timeline a clip lasts exactly the manifest's samples, whatever the decoder made of its tail.
    if (Math.abs(entry.duration - samples / manifest.sampleRate) > 1e-9) {
      throw new Error(
        `${entry.clip} lasts ${entry.duration} s, the manifest says ${samples / manifest.sampleRate}`,
      );
    }
    const previous = entries[i - 1];
    if (previous) {
      const expected = previous.startAt + previous.duration + gap;
      if (Math.abs(entry.startAt - expected) > 1e-6) {
        throw new Error(
          `${entry.clip} starts at ${entry.startAt}, expected ${expected} (a gap or an overlap)`,
        );
      }
    }
    gap = 0;
    i++;
  }
}

const end = (entries: readonly LogEntry[]): number => {
  const last = entries[entries.length - 1] as LogEntry;
  return last.startAt + last.duration;
};

describe.skipIf(!chromiumPath)('voice player (display/voice) in Chromium', () => {
  let harness: VoiceHarness;
  /** As TVs run: --autoplay-policy=no-user-gesture-required. */
  let autoplay: Browser;
  /** Chromium's default policy: no sound before a user gesture. */
  let gestureOnly: Browser;

  beforeAll(async () => {
    [harness, autoplay, gestureOnly] = await Promise.all([
      startVoiceHarness(),
      chromium.launch({
        executablePath: chromiumPath ?? '',
        args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
      }),
      launchBrowser(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([autoplay?.close(), gestureOnly?.close(), harness?.close()]);
  });

  it('bundles small: the announcer with its shared i18n code', ({ expect }) => {
    console.info(`voice harness bundle: ${harness.bytes} B, ${harness.gzipBytes} B gzip`);
    expect(harness.gzipBytes).toBeLessThan(12 * 1024);
  });

  it.concurrent(
    'three quick calls: each joined sample-accurately, in order, never overlapping, none lost; a duplicate dropped',
    async ({ expect }) => {
      const vp = await openVoicePage(autoplay, harness, NORTH);
      try {
        await vp.waitFor(vp.state, (s) => s.audio !== 'loading');
        expect((await vp.state()).audio).toBe('ok');
        const at = Date.now();
        const calls: PageCall[] = [
          { ticketId: 'tk-a', recalls: 0, ticketNumber: '1005', counterNumber: 3, at },
          { ticketId: 'tk-b', recalls: 0, ticketNumber: '2021', counterNumber: 12, at: at + 1 },
          { ticketId: 'tk-c', recalls: 0, ticketNumber: '3024', counterNumber: 7, at: at + 2 },
        ];
        // One burst, as when three officers press "call" together; then the first one delivered again.
        await vp.enqueue(...calls, calls[0] as PageCall);
        const first = await vp.state();
        expect(first.speaking?.ticketId).toBe('tk-a');
        expect(first.queued).toBe(2);

        const expected = calls.map((call) => announcementClips(call, DEFAULT_VOICE_SETTINGS));
        const lastClips = clipsOf(expected[2] ?? []).length;
        const log = await vp.waitFor(
          vp.log,
          (entries) => entries.filter((e) => e.key === 'tk-c:0').length === lastClips,
          60_000,
        );
        const byCall = runs(log);
        expect(byCall.map(([k]) => k)).toEqual(calls.map(key));
        byCall.forEach(([, entries], i) => expectJoined(entries, expected[i] ?? []));
        // The shape of one announcement: chime, sentence, 650 ms, sentence.
        const [, a = []] = byCall[0] ?? [];
        const sentence = [
          'xin-mời-công-dân-có-số-thứ-tự',
          ...['một', 'nghìn', 'không', 'trăm', 'linh', 'năm'],
          'đến-quầy-số',
          'ba',
        ];
        expect(a.map((e) => e.clip)).toEqual(['_chime', ...sentence, ...sentence]);
        const second = a[1 + sentence.length] as LogEntry;
        const firstEnd = a[sentence.length] as LogEntry;
        expect(second.startAt - (firstEnd.startAt + firstEnd.duration)).toBeCloseTo(0.65, 6);
        // One call at a time: each starts after the previous one has ended.
        for (let i = 1; i < byCall.length; i++) {
          const [, previous = []] = byCall[i - 1] ?? [];
          const [, next = []] = byCall[i] ?? [];
          expect((next[0] as LogEntry).startAt).toBeGreaterThanOrEqual(end(previous));
        }
        const now = await vp.state();
        expect(now.speaking?.ticketId).toBe('tk-c');
        expect(now.queued).toBe(0);
      } finally {
        await vp.close();
      }
    },
    90_000,
  );

  it.concurrent(
    'a recall is announced again; the same call delivered again is not',
    async ({ expect }) => {
      // Short settings (no chime, said once): this test is about the queue, not the sentence.
      const voice: Partial<VoiceSettings> = { chime: false, repeat: 1 };
      const settings: VoiceSettings = { ...DEFAULT_VOICE_SETTINGS, ...voice };
      const vp = await openVoicePage(autoplay, harness, NORTH, voice);
      try {
        await vp.waitFor(vp.state, (s) => s.audio === 'ok');
        // A duplicate is the same event again: the same `at` (a recall is a later event).
        const at = Date.now();
        const call: PageCall = { ticketId: 'tk-r', recalls: 0, ticketNumber: '1005', counterNumber: 3, at };
        const recall: PageCall = { ...call, recalls: 1, at: at + 2000 };
        await vp.enqueue(call);
        await vp.waitFor(vp.state, (s) => s.speaking?.ticketId === 'tk-r');
        await vp.enqueue(call, recall, call, recall);
        expect((await vp.state()).queued).toBe(1);
        await vp.waitFor(vp.state, (s) => s.speaking?.recalls === 1, 30_000);
        await vp.enqueue(call, recall);
        await vp.waitFor(vp.state, (s) => s.speaking === undefined && s.queued === 0, 30_000);
        const byCall = runs(await vp.log());
        expect(byCall.map(([k]) => k)).toEqual(['tk-r:0', 'tk-r:1']);
        const parts = announcementClips(call, settings);
        byCall.forEach(([, entries]) => expectJoined(entries, parts));
        const [, first = []] = byCall[0] ?? [];
        const [, again = []] = byCall[1] ?? [];
        expect((again[0] as LogEntry).startAt).toBeGreaterThanOrEqual(end(first));
      } finally {
        await vp.close();
      }
    },
    60_000,
  );

  it.concurrent(
    'without the autoplay flag: "blocked", calls skipped (not piled up); a real click on the button unlocks',
    async ({ expect }) => {
      const vp = await openVoicePage(gestureOnly, harness, NORTH);
      try {
        await vp.waitFor(vp.state, (s) => s.audio === 'blocked', 10_000);
        // Nothing so far was a user gesture (see voice-page.ts): the block is Chromium's own.
        expect(await vp.eval('navigator.userActivation.hasBeenActive')).toBe(false);
        const early: PageCall = { ticketId: 'tk-x', recalls: 0, ticketNumber: '1005', counterNumber: 3 };
        await vp.enqueue(early);
        const skipped = await vp.waitFor(vp.log, (log) => log.length > 0);
        expect(skipped).toEqual([{ key: 'tk-x:0', clip: SKIPPED, startAt: 0, duration: 0 }]);
        expect(await vp.state()).toEqual({ audio: 'blocked', speaking: undefined, queued: 0 });

        await vp.page.click('#unlock');
        expect(await vp.eval('window.__unlocked')).toBe(true);
        expect((await vp.state()).audio).toBe('ok');
        const later: PageCall = { ticketId: 'tk-y', recalls: 0, ticketNumber: '7', counterNumber: 1 };
        await vp.enqueue(later);
        const log = await vp.waitFor(vp.log, (entries) => entries.some((e) => e.key === 'tk-y:0'));
        const played = log.filter((e) => e.key === 'tk-y:0');
        const parts = announcementClips(later, DEFAULT_VOICE_SETTINGS);
        expect(played).toHaveLength(clipsOf(parts).length);
        expectJoined(played, parts);
        // The skipped call is not replayed after the unlock.
        expect(runs(log).map(([k]) => k)).toEqual(['tk-x:0', 'tk-y:0']);
      } finally {
        await vp.close();
      }
    },
    60_000,
  );

  it.concurrent.for<[string, string]>([
    ['a pack whose manifest is missing (404)', 'no-such-pack'],
    ['a pack with a clip that does not decode', BROKEN_PACK],
  ])(
    '%s: falls back to speech or unavailable, never "ok"',
    { timeout: 60_000 },
    async ([, pack], { expect }) => {
      const vp = await openVoicePage(autoplay, harness, pack);
      try {
        const { audio } = await vp.waitFor(vp.state, (s) => s.audio !== 'loading', 10_000);
        expect(['speech', 'unavailable']).toContain(audio);
        await vp.enqueue({ ticketId: 'tk-z', recalls: 0, ticketNumber: '1005', counterNumber: 3 });
        const log = await vp.waitFor(vp.log, (entries) => entries.length > 0, 30_000);
        expect(log.map((e) => [e.key, e.clip])).toEqual([['tk-z:0', audio === 'speech' ? SPOKEN : SKIPPED]]);
      } finally {
        await vp.close();
      }
    },
  );
});
