/**
 * One counter of the table: its number, the number it serves (or calls) now and that ticket's
 * service; paused, "Tạm nghỉ" and the officer's reason; closed, "Quầy đóng". The state is always
 * said in words (colour only repeats it), and priority is a word too.
 */
import { DISPLAY_TEXT as T } from '../../shared/i18n/display.js';
import type { Snapshot } from '../../shared/protocol/events.js';

type Counter = Snapshot['counters'][number];

export function CounterRow({
  counter,
  serviceName,
  servedNames,
}: {
  counter: Counter;
  /** The name of the service of the ticket at the counter. */
  serviceName: (serviceId: string) => string;
  /** What the counter serves, for an open counter without a ticket. */
  servedNames: string;
}) {
  const ticket = counter.currentTicket;
  const number = <td class="row-counter">{counter.number}</td>;
  if (counter.status === 'paused') {
    const reason = counter.pauseReason?.trim();
    return (
      <tr class="row row-paused" data-counter={counter.id} data-status="paused">
        {number}
        <td class="row-state" colSpan={2}>
          <div class="clamp">
            <strong class="state-word">{T.paused}</strong>
            {reason && reason !== T.paused && <span class="state-reason"> – {reason}</span>}
          </div>
        </td>
      </tr>
    );
  }
  if (counter.status === 'closed') {
    return (
      <tr class="row row-closed" data-counter={counter.id} data-status="closed">
        {number}
        <td class="row-state" colSpan={2}>
          <strong class="state-word">{T.closed}</strong>
        </td>
      </tr>
    );
  }
  if (!ticket) {
    return (
      <tr class="row row-idle" data-counter={counter.id} data-status="open">
        {number}
        <td class="row-ticket row-ticket-none">{T.idle}</td>
        <td class="row-service">
          <div class="clamp">{servedNames}</div>
        </td>
      </tr>
    );
  }
  return (
    <tr class="row row-serving" data-counter={counter.id} data-status="open" data-ticket-id={ticket.id}>
      {number}
      <td class="row-ticket">
        <span class="ticket-number">{ticket.number}</span>
      </td>
      <td class="row-service">
        {ticket.priority && <span class="badge row-badge">{T.priority}</span>}
        <div class="clamp">{serviceName(ticket.serviceId)}</div>
      </td>
    </tr>
  );
}
