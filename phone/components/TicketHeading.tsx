import { formatBusinessDate, fill, type PhoneLang, type PhoneStrings } from '../../shared/i18n/phone.js';
import type { TicketView } from '../ticket-feed.js';

/** The page's heading: the number, huge, with tabular digits; its service and date under it. */
export function TicketHeading(props: { ticket: TicketView; lang: PhoneLang; t: PhoneStrings }) {
  const { ticket, t } = props;
  return (
    <div class="ticket">
      <h1>
        <span class="label">{t.yourNumber}</span>
        {/* Sized by its length (phone.css): a prefix and six digits still fit 320 px on one line. */}
        <span class="number" style={{ '--len': Math.max(ticket.number.length, 4) }}>
          {ticket.number}
        </span>
      </h1>
      <p class="service">{ticket.service[props.lang]}</p>
      <p class="date">{fill(t.issuedOn, { date: formatBusinessDate(ticket.businessDate) })}</p>
    </div>
  );
}
