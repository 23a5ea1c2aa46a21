/**
 * Every counter of the office, live: status (and for how long, and why paused), officer, the ticket
 * it holds and for how long, today's figures, and the supervisor's actions on it.
 */
import { averageServiceMs } from '../../../shared/i18n/board.js';
import type { BoardCounter } from '../../../shared/protocol/board.js';
import type { PublicOffice } from '../../../shared/protocol/http.js';
import { serviceName } from '../../format.js';
import { useBoardText, useText } from '../../text.js';

export type CounterCommandKey = 'open' | 'pause' | 'close' | 'transfer' | 'move' | 'queue';

export function BoardCounters({
  office,
  counters,
  now,
  busy,
  onCommand,
}: {
  office: PublicOffice;
  counters: BoardCounter[];
  now: number;
  busy: boolean;
  onCommand: (counter: BoardCounter, key: CounterCommandKey) => void;
}) {
  const t = useText();
  const b = useBoardText();
  const statusWord = (c: BoardCounter) =>
    c.status === 'open'
      ? t.statusOpen
      : c.status === 'paused'
        ? t.statusPaused(c.pauseReason ?? '')
        : t.statusClosed;
  const button = (c: BoardCounter, key: CounterCommandKey, label: string, aria: string) => (
    <button
      type="button"
      class="btn btn-small"
      disabled={busy}
      aria-label={aria}
      data-action={key}
      onClick={() => onCommand(c, key)}
    >
      {label}
    </button>
  );
  return (
    <section class="panel" aria-labelledby="counters-title">
      <h2 id="counters-title" class="section-title">
        {b.countersTitle}
      </h2>
      <div class="table-scroll" tabIndex={0} aria-labelledby="counters-title">
        <table class="data-table board-counters" data-testid="board-counters">
          <thead>
            <tr>
              <th scope="col">{b.colCounter}</th>
              <th scope="col">{b.colStatus}</th>
              <th scope="col">{b.colOfficer}</th>
              <th scope="col">{b.colTicket}</th>
              <th scope="col">{b.colToday}</th>
              <th scope="col">{b.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {counters.map((c) => {
              const idle = c.ticket === null;
              const started = c.ticket?.servingAt ?? c.ticket?.calledAt;
              return (
                <tr key={c.id} data-counter={c.id} data-status={c.status}>
                  <th scope="row">{t.counterHeading(c.number, c.name)}</th>
                  <td>
                    <span class={`pill pill-${c.status}`}>{b.statusFor(statusWord(c), now - c.since)}</span>
                  </td>
                  <td>{c.officer ? c.officer.name : <span class="muted">{b.noOfficer}</span>}</td>
                  <td>
                    {c.ticket ? (
                      <>
                        <strong class="queue-number">{c.ticket.number}</strong>
                        {c.ticket.priority && <span class="priority-mark small">{t.priorityMark}</span>}
                        <span class="muted">
                          {' '}
                          {serviceName(office, c.ticket.serviceId, t.lang)}
                          {started !== undefined && ` · ${b.ticketFor(c.ticket.status, now - started)}`}
                        </span>
                      </>
                    ) : (
                      <span class="muted">{b.noTicket}</span>
                    )}
                  </td>
                  <td data-testid="counter-today">
                    {b.todayLine(c.today.served, averageServiceMs(c.today), c.today.noShows)}
                  </td>
                  <td>
                    <div class="row-actions">
                      {c.status !== 'open' && button(c, 'open', b.openBtn, b.openCounter(c.number))}
                      {c.status === 'open' &&
                        idle &&
                        button(c, 'pause', b.pauseBtn, b.pauseCounter(c.number))}
                      {c.status !== 'closed' &&
                        idle &&
                        button(c, 'close', b.closeBtn, b.closeCounter(c.number))}
                      {c.ticket && button(c, 'transfer', b.transferHeld, b.transferHeldOf(c.ticket.number))}
                      {c.officer && idle && button(c, 'move', b.moveOfficer, b.moveOfficerOf(c.officer.name))}
                      {button(c, 'queue', b.showQueue, b.showQueueOf(c.number))}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
