/**
 * The browser's own voice (Web Speech), used ONLY when the clip pack cannot load: Android WebView
 * (most TV boxes) has no speechSynthesis and Chromium on Linux has voices only with extra setup,
 * so speech can never be the primary voice; but a Windows PC or a Chromebook with a Vietnamese
 * voice is better heard than silent while the pack is broken.
 */

/** Voices are listed asynchronously in Chromium: wait this long for `voiceschanged`. */
const VOICES_WAIT_MS = 1500;

function vietnamese(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | undefined {
  const vi = voices.filter((v) => v.lang.toLowerCase().startsWith('vi'));
  // A local voice works offline (ward LANs often have no internet); a network voice is better than none.
  return vi.find((v) => v.localService) ?? vi[0];
}

/** A voice whose `lang` starts with "vi", or undefined (no speechSynthesis, or no such voice). */
export function findVietnameseVoice(): Promise<SpeechSynthesisVoice | undefined> {
  const synth = typeof speechSynthesis === 'undefined' ? undefined : speechSynthesis;
  if (!synth) return Promise.resolve(undefined);
  const found = vietnamese(synth.getVoices());
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      synth.removeEventListener('voiceschanged', finish);
      resolve(vietnamese(synth.getVoices()));
    };
    const timer = setTimeout(finish, VOICES_WAIT_MS);
    synth.addEventListener('voiceschanged', finish);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One utterance; resolves at its end, on error, or after a safety timeout (Chromium sometimes drops `end`). */
function say(voice: SpeechSynthesisVoice, text: string): Promise<void> {
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    const finish = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(finish, 3000 + text.length * 150);
    utterance.onend = finish;
    utterance.onerror = finish;
    speechSynthesis.speak(utterance);
  });
}

/**
 * Says `text` (the sentence with the numbers in words: `announcementText(call, settings, 'spoken')`,
 * since speech engines misread "1005" and letters) `repeat` times with `gapMs` between.
 */
export async function speak(
  voice: SpeechSynthesisVoice,
  text: string,
  repeat: number,
  gapMs: number,
): Promise<void> {
  // A stuck utterance from before (Chromium's engine can hang) would delay this one forever.
  speechSynthesis.cancel();
  for (let i = 0; i < repeat; i++) {
    if (i > 0) await sleep(gapMs);
    await say(voice, text);
  }
}

/** Stops speaking at once (the display closes). */
export function stopSpeech(): void {
  if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
}
