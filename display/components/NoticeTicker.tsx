/**
 * The office's notices (`notices` of the public office), scrolling slowly along the bottom — about
 * 8 % of the screen height per second, so a line stays readable from across the hall. With
 * prefers-reduced-motion the notices do not move: one at a time, turning with the pages.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { DISPLAY_TEXT as T } from '../../shared/i18n/display.js';

/** Scrolling speed, rem (1 % of the screen height) per second. */
const SPEED_REM_PER_S = 8;

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function NoticeTicker({ notices, tick }: { notices: string[]; tick: number }) {
  const track = useRef<HTMLDivElement>(null);
  const [duration, setDuration] = useState(60);
  const still = reducedMotion();
  const text = notices.map((n) => n.normalize('NFC')).join('   •   ');

  useLayoutEffect(() => {
    const el = track.current;
    if (!el || still) return;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 1;
    // The track is the text plus one screen width of lead-in (its padding).
    setDuration(Math.max(5, el.scrollWidth / (SPEED_REM_PER_S * rem)));
  }, [text, still]);

  return (
    <div class="ticker" role="marquee" aria-label={T.notices}>
      {still ? (
        <p class="ticker-still">{notices[tick % notices.length]?.normalize('NFC')}</p>
      ) : (
        <div class="ticker-track" ref={track} style={{ animationDuration: `${duration.toFixed(1)}s` }}>
          {text}
        </div>
      )}
    </div>
  );
}
