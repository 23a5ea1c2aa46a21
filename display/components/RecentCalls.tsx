/** The calls before the latest one: number → counter, newest first; a recall says so in words. */
import { DISPLAY_TEXT as T } from '../../shared/i18n/display.js';
import { Arrow } from './Arrow.js';

export interface RecentCall {
  ticketId: string;
  number: string;
  counterNumber: number | undefined;
  recalled: boolean;
  at: number;
}

export function RecentCalls({ calls }: { calls: RecentCall[] }) {
  return (
    <section class="recent" aria-labelledby="recent-title">
      <h2 class="panel-title" id="recent-title">
        {T.recentTitle}
      </h2>
      <ol class="recent-list">
        {calls.map((c) => (
          <li class="recent-item" key={`${c.ticketId}@${c.at}`} data-ticket-id={c.ticketId}>
            <span class="recent-number">{c.number}</span>
            <Arrow class="recent-arrow" />
            <span class="recent-counter">
              {c.counterNumber === undefined ? '' : T.toCounter(c.counterNumber)}
            </span>
            {c.recalled && <span class="recent-tag">{T.recalled}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
