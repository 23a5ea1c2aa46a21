import { fill, type PhoneStrings } from '../../shared/i18n/phone.js';
import type { TicketView } from '../ticket-feed.js';

export function ServingStatus(props: { ticket: TicketView; t: PhoneStrings }) {
  const { ticket, t } = props;
  return (
    <section class="status" aria-labelledby="status-title">
      <h2 id="status-title">
        {ticket.counter ? fill(t.servingAt, { counter: ticket.counter.number }) : t.serving}
      </h2>
    </section>
  );
}
