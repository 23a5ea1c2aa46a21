/**
 * The ticket the counter holds, big: number, service, priority (as text, not colour alone),
 * status, waiting time and recalls. A live region, so a screen reader hears each new ticket.
 */
import type { TicketStatus } from '../../shared/domain/types.js';
import { serviceName, waitedText } from '../format.js';
import { useText } from '../text.js';
import type { PublicOffice } from '../../shared/protocol/http.js';

export interface CurrentTicketView {
  id: string;
  number: string;
  serviceId: string;
  status: TicketStatus;
  priority: boolean;
  priorityReason?: string | undefined;
  recalls?: number | undefined;
  issuedAt?: number | undefined;
  calledAt?: number | undefined;
}

export function CurrentTicket({
  office,
  ticket,
  now,
}: {
  office: PublicOffice;
  ticket: CurrentTicketView | null;
  now: number;
}) {
  const t = useText();
  return (
    <section class="current" aria-labelledby="current-title">
      <h2 id="current-title" class="section-title">
        {t.currentTitle}
      </h2>
      <div class="current-body" aria-live="polite" aria-atomic="true" data-testid="current-ticket">
        {ticket ? (
          <>
            <p class="current-number" data-number={ticket.number}>
              {ticket.number}
            </p>
            <p class="current-service">{serviceName(office, ticket.serviceId, t.lang)}</p>
            <p class="current-meta">
              <span class={`status status-${ticket.status}`}>
                {ticket.status === 'serving' ? t.statusServing : t.statusCalled}
              </span>
              {ticket.priority && (
                <span class="priority-mark">
                  {t.priorityMark}
                  {ticket.priorityReason ? ` — ${ticket.priorityReason}` : ''}
                </span>
              )}
            </p>
            <p class="current-meta">
              {ticket.issuedAt !== undefined && (
                <span>{t.waited(waitedText(t, (ticket.calledAt ?? now) - ticket.issuedAt))}</span>
              )}
              {ticket.recalls !== undefined && ticket.recalls > 0 && (
                <span class="recalls">{t.recalls(ticket.recalls)}</span>
              )}
            </p>
          </>
        ) : (
          <p class="current-none">{t.noCurrent}</p>
        )}
      </div>
    </section>
  );
}
