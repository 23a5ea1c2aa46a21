/**
 * One counter's waiting list as the supervisor sees it: in calling order, each ticket with
 * "Chuyển" (to another service or counter) and "Huỷ số".
 */
import type { CounterQueue, PublicOffice, QueuedTicket } from '../../../shared/protocol/http.js';
import { useBoardText, useText } from '../../text.js';
import { Modal } from '../Modal.js';
import { QueueTable } from '../QueueTable.js';

export function CounterQueuePanel({
  office,
  counterNumber,
  queue,
  busy,
  onTransfer,
  onCancel,
  onClose,
}: {
  office: PublicOffice;
  counterNumber: number;
  queue: CounterQueue | undefined;
  busy: boolean;
  onTransfer: (ticket: QueuedTicket) => void;
  onCancel: (ticket: QueuedTicket) => void;
  onClose: () => void;
}) {
  const t = useText();
  const b = useBoardText();
  return (
    <Modal id="counter-queue" title={b.queuePanelTitle(counterNumber)} onClose={onClose}>
      {!queue ? (
        <p>{t.loading}</p>
      ) : queue.tickets.length === 0 ? (
        <p>{t.queueEmpty}</p>
      ) : (
        <div class="queue-scroll" tabIndex={0} aria-label={b.queuePanelTitle(counterNumber)}>
          <QueueTable
            office={office}
            tickets={queue.tickets}
            testId="counter-queue"
            actions={(q) => (
              <>
                <button
                  type="button"
                  class="btn btn-small"
                  disabled={busy}
                  aria-label={b.transferHeldOf(q.number)}
                  onClick={() => onTransfer(q)}
                >
                  {b.transferHeld}
                </button>
                <button
                  type="button"
                  class="btn btn-small btn-quiet"
                  disabled={busy}
                  aria-label={b.cancelTicketOf(q.number)}
                  onClick={() => onCancel(q)}
                >
                  {b.cancelTicket}
                </button>
              </>
            )}
          />
        </div>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={onClose}>
          {b.close}
        </button>
      </div>
    </Modal>
  );
}
