import type { PhoneStrings } from '../../shared/i18n/phone.js';

/** "Bật âm báo": the tap that lets the page beep and vibrate later (browsers need one). */
export function SoundButton(props: { on: boolean; t: PhoneStrings; onToggle: () => void }) {
  const { on, t } = props;
  return (
    <div class="sound">
      <button
        type="button"
        class={on ? 'sound-btn on' : 'sound-btn'}
        aria-pressed={on}
        onClick={props.onToggle}
      >
        {/* An SVG, not an emoji: phones without an emoji font show a box. */}
        <svg class="sound-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6v-5a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"
          />
        </svg>
        {on ? t.soundOff : t.soundOn}
      </button>
      {!on && <p class="hint">{t.soundHint}</p>}
    </div>
  );
}
