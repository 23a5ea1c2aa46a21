/**
 * "It is your turn" on the phone itself: a vibration and a short beep.
 *
 * Browsers allow neither before the person has touched the page (Chrome on Android ignores
 * `navigator.vibrate` and keeps an AudioContext suspended until a tap). So the page offers a
 * visible "Bật âm báo" button: the tap creates and resumes the AudioContext (and counts as the
 * touch vibration needs) and plays one beep, so the citizen knows it works. The beep is made with
 * an OscillatorNode: no audio file to download over 3G.
 */

type AudioContextClass = typeof AudioContext;

function audioContextClass(): AudioContextClass | undefined {
  const w = window as unknown as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };
  return w.AudioContext ?? w.webkitAudioContext;
}

/** Long enough to feel in a pocket, short enough not to annoy: three pulses. */
const VIBRATION = [400, 200, 400, 200, 700];

function vibrate(pattern: number | number[]): void {
  try {
    navigator.vibrate?.(pattern);
  } catch {
    // Some WebViews throw instead of ignoring: vibration is a bonus, never a failure.
  }
}

export interface Alerter {
  /** Sound can be offered at all (Web Audio exists). */
  soundSupported: boolean;
  /** Call from a tap: unlocks audio and plays one beep. Resolves whether sound is now on. */
  enableSound(): Promise<boolean>;
  disableSound(): void;
  /** The call: vibrate (where allowed) and, if sound was turned on, three beeps. */
  alert(): void;
}

export function createAlerter(): Alerter {
  let context: AudioContext | undefined;

  const beep = (times: number): void => {
    const ctx = context;
    if (!ctx || ctx.state !== 'running') return;
    const start = ctx.currentTime + 0.05;
    for (let i = 0; i < times; i++) {
      const at = start + i * 0.45;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = 880;
      // A soft attack and release: a tone switched on and off abruptly clicks.
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.5, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.32);
    }
  };

  return {
    soundSupported: audioContextClass() !== undefined,
    async enableSound() {
      const Ctor = audioContextClass();
      if (!Ctor) return false;
      context ??= new Ctor();
      try {
        await context.resume();
      } catch {
        return false;
      }
      beep(1);
      vibrate(80);
      return true;
    },
    disableSound() {
      void context?.close();
      context = undefined;
    },
    alert() {
      vibrate(VIBRATION);
      beep(3);
    },
  };
}
