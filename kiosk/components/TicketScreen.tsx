/**
 * The ticket, as the server issued it: the number (huge), the service, people ahead, the estimated
 * wait ("Đang cập nhật" until the estimator has one) and the QR of the citizen's phone page. Shown
 * TICKET_MS, then the kiosk starts over; when the printer did not print, the ticket stays longer
 * with a message per printer state, so the citizen can photograph it or scan the QR.
 */
import { useEffect, useState } from 'preact/hooks';
import { printerProblem, type KioskLang, type KioskStrings } from '../../shared/i18n/kiosk.js';
import type { IssuedTicket } from '../../shared/protocol/http.js';
import { nameIn } from '../menu.js';
import { QrCode } from './QrCode.js';
import { Screen } from './Screen.js';

export const TICKET_MS = 10_000;
export const TICKET_UNPRINTED_MS = 20_000;

export interface TicketScreenProps {
  ticket: IssuedTicket;
  lang: KioskLang;
  t: KioskStrings;
  settling: boolean;
  onDone: () => void;
}

export function TicketScreen({ ticket, lang, t, settling, onDone }: TicketScreenProps) {
  const print = ticket.print;
  const problem =
    print && (print.status === 'not_printed' || print.status === 'failed')
      ? printerProblem(print.status, print.state)
      : undefined;
  const showFor = problem ? TICKET_UNPRINTED_MS : TICKET_MS;
  const [secondsLeft, setSecondsLeft] = useState(Math.ceil(showFor / 1000));

  useEffect(() => {
    const deadline = Date.now() + showFor;
    const done = setTimeout(onDone, showFor);
    const tick = setInterval(
      () => setSecondsLeft(Math.max(0, Math.ceil((deadline - Date.now()) / 1000))),
      1000,
    );
    return () => {
      clearTimeout(done);
      clearInterval(tick);
    };
    // One countdown per ticket: a re-render (language toggle) must not restart it.
  }, [ticket.id]);

  return (
    <Screen
      name={problem ? 'ticket-unprinted' : 'ticket'}
      settling={settling}
      head={
        <div class="ticket-head">
          <p class="ticket-label">{t.yourNumber}</p>
          <p class="ticket-number num" data-ticket-id={ticket.id}>
            {ticket.number}
          </p>
          {ticket.priority && <p class="badge">{t.priorityBadge}</p>}
          <p class="ticket-service">{nameIn(ticket.service, lang)}</p>
        </div>
      }
    >
      {problem && (
        <p class="printer-alert" role="alert" data-problem={problem}>
          {t.printer[problem]}
        </p>
      )}
      <div class={`ticket-info${problem ? ' ticket-info-big' : ''}`}>
        <dl class="facts">
          <div class="fact">
            <dt>{t.aheadLabel}</dt>
            <dd class="num ticket-ahead" data-ahead={ticket.ahead}>
              {t.ahead(ticket.ahead)}
            </dd>
          </div>
          <div class="fact">
            <dt>{t.waitLabel}</dt>
            <dd class="num ticket-wait">{ticket.estimate ? ticket.estimate.text[lang] : t.waitUpdating}</dd>
          </div>
        </dl>
        <figure class="qr">
          <QrCode value={ticket.phoneUrl} label={t.qrCaption} />
          <figcaption>{t.qrCaption}</figcaption>
        </figure>
      </div>
      <div class="actions ticket-actions">
        <p class="hint">{t.pleaseWait}</p>
        <button type="button" class="btn btn-primary btn-done" onClick={onDone}>
          {t.done}
        </button>
        <p class="countdown num" aria-live="off">
          {t.returning(secondsLeft)}
        </p>
      </div>
    </Screen>
  );
}
