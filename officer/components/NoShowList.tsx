/**
 * Today's no-shows with "Xếp lại hàng" (requeue: the ticket goes back to its place by issue time)
 * and, for supervisors, "Huỷ số". A citizen who was called while away comes to a counter later:
 * the officer finds the number here.
 */
import type { NoShow } from '../../shared/protocol/board.js';
import type { PublicOffice } from '../../shared/protocol/http.js';
import { useState } from 'preact/hooks';
import { formatLocalTime } from '../../shared/i18n/datetime.js';
import { ticketCommand } from '../board-api.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { serviceName } from '../format.js';
import { useBoardText, useText } from '../text.js';
import type { StaffActions } from '../use-staff-action.js';
import { TicketNumberCell } from './TicketNumberCell.js';

export function NoShowList({
  office,
  noShows,
  total,
  actions,
  canCancel,
}: {
  office: PublicOffice;
  noShows: NoShow[];
  total: number;
  actions: StaffActions;
  canCancel: boolean;
}) {
  const t = useText();
  const b = useBoardText();
  const [cancelling, setCancelling] = useState<NoShow | null>(null);
  const counterNumber = (id: string | undefined) => office.counters.find((c) => c.id === id)?.number;
  return (
    <section class="panel" aria-labelledby="no-show-title">
      <div class="queue-head">
        <h2 id="no-show-title" class="section-title">
          {b.noShowTitle}
        </h2>
        {noShows.length > 0 && <span class="queue-count">{b.noShowMore(noShows.length, total)}</span>}
      </div>
      {noShows.length === 0 ? (
        <p class="queue-empty">{b.noShowEmpty}</p>
      ) : (
        <div class="queue-scroll short" tabIndex={0} aria-labelledby="no-show-title">
          <table class="data-table" data-testid="no-shows">
            <thead>
              <tr>
                <th scope="col">{t.colNumber}</th>
                <th scope="col">{t.colService}</th>
                <th scope="col">{b.colCalledAt}</th>
                <th scope="col">{b.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {noShows.map((n) => (
                <tr key={n.id} data-number={n.number}>
                  <TicketNumberCell number={n.number} priority={n.priority} />
                  <td>{serviceName(office, n.serviceId, t.lang)}</td>
                  <td>
                    {n.calledAt === undefined ? '—' : formatLocalTime(n.calledAt, office.timeZone)}
                    {n.counterId !== undefined && (
                      <span class="muted"> · {b.atCounter(counterNumber(n.counterId) ?? 0)}</span>
                    )}
                  </td>
                  <td>
                    <div class="row-actions">
                      <button
                        type="button"
                        class="btn btn-small"
                        disabled={actions.busy !== null}
                        aria-label={b.requeueOf(n.number)}
                        onClick={() =>
                          void actions.run(`requeue:${n.id}`, (rid) =>
                            ticketCommand(office.id, n.id, 'requeue', { position: 'original' }, rid),
                          )
                        }
                      >
                        {b.requeue}
                      </button>
                      {canCancel && (
                        <button
                          type="button"
                          class="btn btn-small btn-quiet"
                          disabled={actions.busy !== null}
                          aria-label={b.cancelTicketOf(n.number)}
                          onClick={() => setCancelling(n)}
                        >
                          {b.cancelTicket}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cancelling && (
        <ConfirmDialog
          id="cancel-no-show"
          title={b.cancelTicketOf(cancelling.number)}
          text={b.cancelConfirm(cancelling.number)}
          confirm={b.cancelTicket}
          onClose={() => setCancelling(null)}
          onConfirm={() => {
            const n = cancelling;
            setCancelling(null);
            void actions.run(`cancel:${n.id}`, (rid) => ticketCommand(office.id, n.id, 'cancel', {}, rid));
          }}
        />
      )}
    </section>
  );
}
