import { fill, type PhoneStrings } from '../../shared/i18n/phone.js';
import type { TicketView } from '../ticket-feed.js';

/**
 * The call, big — and an assertive live region, so a screen reader says it at once. It stays in
 * the page (empty) while the ticket waits: a live region must exist before its content changes to
 * be announced.
 */
export function CallRegion(props: { ticket: TicketView; t: PhoneStrings }) {
  const { ticket, t } = props;
  const called = ticket.status === 'called';
  return (
    <div class={called ? 'call-region on' : 'call-region'} aria-live="assertive" aria-atomic="true">
      {called && (
        <div class="call">
          <p class="call-kicker">{t.calledTitle}</p>
          <p class="call-text">
            {ticket.counter ? fill(t.calledAt, { counter: ticket.counter.number }) : t.calledNoCounter}
          </p>
          {(ticket.recalls ?? 0) > 0 && (
            <p class="call-again">{fill(t.calledAgain, { n: (ticket.recalls ?? 0) + 1 })}</p>
          )}
        </div>
      )}
    </div>
  );
}
