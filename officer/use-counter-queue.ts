/**
 * The counter's waiting list (GET …/counters/:counterId/queue), in the order call-next would call,
 * kept fresh with the office's live picture (use-refreshed.ts).
 */
import type { CounterQueue } from '../shared/protocol/http.js';
import { loadQueue } from './session.js';
import { useRefreshed } from './use-refreshed.js';

export const QUEUE_REFRESH_MS = 30_000;

export function useCounterQueue(
  officeId: string,
  counterId: string,
  /** The picture's seq: each change schedules a read. */
  seq: number | undefined,
): { queue: CounterQueue | undefined; refresh: () => void } {
  const { value, refresh } = useRefreshed(
    () => loadQueue(officeId, counterId),
    `${officeId}/${counterId}`,
    seq,
    QUEUE_REFRESH_MS,
  );
  return { queue: value, refresh };
}
