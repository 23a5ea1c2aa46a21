/**
 * The dominant element: "ĐANG MỜI 1005 → QUẦY 3". A new call pulses (1 Hz, 8 times: at most 2 Hz
 * for at most 10 s, far from the 3 flashes a second that can trigger seizures), then stays steady;
 * with prefers-reduced-motion it does not move at all (styles.css). The pulse restarts for each new
 * call because the element is keyed by it.
 */
import { DISPLAY_TEXT as T } from '../../shared/i18n/display.js';
import { Arrow } from './Arrow.js';

export interface ShownCall {
  ticketId: string;
  number: string;
  counterNumber: number | undefined;
  at: number;
  priority: boolean;
}

export function LatestCall({ call, pulse }: { call: ShownCall | undefined; pulse: boolean }) {
  if (!call) {
    return (
      <section class="hero hero-empty" aria-label={T.nowCalling}>
        <p class="hero-idle">{T.noCallsYet}</p>
      </section>
    );
  }
  return (
    <section
      key={`${call.ticketId}@${call.at}`}
      class={pulse ? 'hero hero-pulse' : 'hero'}
      aria-label={T.nowCalling}
      data-ticket-id={call.ticketId}
    >
      <p class="hero-label">
        {T.nowCalling}
        {call.priority && <span class="badge hero-badge">{T.priority}</span>}
      </p>
      <p class="hero-number">{call.number}</p>
      {call.counterNumber !== undefined && (
        <p class="hero-counter">
          <Arrow class="hero-arrow" />
          <span class="hero-counter-text">
            {T.counterWord} {call.counterNumber}
          </span>
        </p>
      )}
    </section>
  );
}
