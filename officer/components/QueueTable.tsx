/**
 * Waiting tickets as a table in calling order — number with its priority mark, service (and
 * whether it was transferred to this counter only, or requeued), waiting time — with the actions
 * of whoever looks: the officer's "Gọi" (WaitingList), the supervisor's transfer and cancel
 * (CounterQueuePanel).
 */
import type { ComponentChildren } from 'preact';
import type { PublicOffice, QueuedTicket } from '../../shared/protocol/http.js';
import { serviceName, waitedText } from '../format.js';
import { useText } from '../text.js';
import { TicketNumberCell } from './TicketNumberCell.js';

export function QueueTable({
  office,
  tickets,
  testId,
  actions,
}: {
  office: PublicOffice;
  tickets: readonly QueuedTicket[];
  testId: string;
  actions: (ticket: QueuedTicket) => ComponentChildren;
}) {
  const t = useText();
  return (
    <table class="queue-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t.colNumber}</th>
          <th scope="col">{t.colService}</th>
          <th scope="col">{t.colWaited}</th>
          <th scope="col">{t.colAction}</th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((q) => (
          <tr key={q.id} data-number={q.number}>
            <TicketNumberCell number={q.number} priority={q.priority} />
            <td>
              {serviceName(office, q.serviceId, t.lang)}
              {q.targetCounterId !== undefined && <span class="tag">{t.onlyHere}</span>}
              {q.requeued && <span class="tag">{t.requeued}</span>}
            </td>
            <td>{waitedText(t, q.waitingMs)}</td>
            <td>
              <div class="row-actions">{actions(q)}</div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
