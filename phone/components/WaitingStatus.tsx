import { fill, formatCount, type PhoneLang, type PhoneStrings } from '../../shared/i18n/phone.js';
import type { TicketView } from '../ticket-feed.js';

function aheadText(ahead: number, lang: PhoneLang, t: PhoneStrings): string {
  if (ahead <= 0) return t.aheadNone;
  if (ahead === 1) return t.aheadOne;
  return fill(t.aheadMany, { n: formatCount(ahead, lang) });
}

/** Waiting: people ahead, the estimated wait (the server has no estimate yet: "Đang cập nhật"). */
export function WaitingStatus(props: {
  ticket: TicketView;
  lang: PhoneLang;
  t: PhoneStrings;
  movedFrom: boolean;
}) {
  const { ticket, lang, t } = props;
  const estimate = ticket.estimate?.text;
  const estimateText = typeof estimate === 'string' ? estimate : (estimate?.[lang] ?? t.estimateUpdating);
  return (
    <section class="status" aria-labelledby="status-title">
      <h2 id="status-title">{t.waiting}</h2>
      {props.movedFrom && (
        <p class="notice">{fill(t.transferredNotice, { service: ticket.service[lang] })}</p>
      )}
      <p class="ahead">{aheadText(ticket.ahead, lang, t)}</p>
      <dl class="facts">
        <dt>{t.estimateLabel}</dt>
        <dd>{estimateText}</dd>
      </dl>
      <p class="hint">{t.keepOpen}</p>
    </section>
  );
}
