/**
 * The counter's waiting list in calling order, with priority marks (text) and waiting times; each
 * row can be called directly ("Gọi số cụ thể") while the counter is free.
 */
import type { CounterQueue, PublicOffice } from '../../shared/protocol/http.js';
import { useText } from '../text.js';
import { QueueTable } from './QueueTable.js';

export function WaitingList({
  office,
  queue,
  canCall,
  onCall,
}: {
  office: PublicOffice;
  queue: CounterQueue | undefined;
  canCall: boolean;
  onCall: (ticketId: string, number: string) => void;
}) {
  const t = useText();
  return (
    <section class="queue" aria-labelledby="queue-title">
      <div class="queue-head">
        <h2 id="queue-title" class="section-title">
          {t.queueTitle}
        </h2>
        {queue && (
          <span class="queue-count" data-testid="queue-count">
            {t.queueCount(queue.tickets.length, queue.total)}
          </span>
        )}
      </div>
      {!queue ? (
        <p>{t.loading}</p>
      ) : queue.tickets.length === 0 ? (
        <p class="queue-empty">{t.queueEmpty}</p>
      ) : (
        <div class="queue-scroll" tabIndex={0} aria-labelledby="queue-title">
          <QueueTable
            office={office}
            tickets={queue.tickets}
            testId="queue"
            actions={(q) => (
              <button
                type="button"
                class="btn btn-small"
                disabled={!canCall}
                aria-label={t.callChosen(q.number)}
                onClick={() => onCall(q.id, q.number)}
              >
                {t.callThis}
              </button>
            )}
          />
        </div>
      )}
    </section>
  );
}
