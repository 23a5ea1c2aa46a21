/**
 * Shown while the browser blocks sound (Chromium without
 * `--autoplay-policy=no-user-gesture-required`): one big button that a member of staff presses
 * (mouse, touch, or a TV remote's OK — it takes the focus), which lets the announcer play.
 */
import { useEffect, useRef } from 'preact/hooks';
import { DISPLAY_TEXT as T } from '../../shared/i18n/display.js';

export function SoundButton({ onPress }: { onPress: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div class="sound" role="alert">
      <p class="sound-hint">{T.soundBlocked}</p>
      <button type="button" class="sound-button" ref={button} onClick={onPress}>
        <svg class="sound-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 7.97v8.05A4.48 4.48 0 0 0 16.5 12zM14 3.23v2.06a7 7 0 0 1 0 13.42v2.06A9 9 0 0 0 14 3.23z"
          />
        </svg>
        {T.soundOn}
      </button>
    </div>
  );
}
