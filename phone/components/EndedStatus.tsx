import type { PhoneStrings } from '../../shared/i18n/phone.js';
import type { TicketView } from '../ticket-feed.js';

/**
 * Done (thanks), no-show (go and ask), cancelled, or a ticket of an earlier day: nothing more will
 * change by itself.
 */
export function EndedStatus(props: { ticket: TicketView; t: PhoneStrings }) {
  const { t } = props;
  const [title, text, kind] = props.ticket.expired
    ? [t.expiredTitle, t.expiredText, 'warn']
    : props.ticket.status === 'done'
      ? [t.doneTitle, t.doneText, 'done']
      : props.ticket.status === 'no_show'
        ? [t.noShowTitle, t.noShowText, 'warn']
        : [t.cancelledTitle, t.cancelledText, 'warn'];
  return (
    <section class={`status ended ${kind}`} aria-labelledby="status-title">
      <h2 id="status-title">{title}</h2>
      <p>{text}</p>
    </section>
  );
}
