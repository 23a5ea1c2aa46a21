/**
 * The counter's waiting list (GET …/counters/:counterId/queue), in the order call-next would call:
 * read again shortly after every change of the office's picture (debounced: a burst of events is one
 * read), after every command, and every 30 s (waiting times grow; a missed event heals).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CounterQueue } from '../shared/protocol/http.js';
import { loadQueue } from './session.js';

export const QUEUE_REFRESH_MS = 30_000;
export const QUEUE_DEBOUNCE_MS = 250;

export function useCounterQueue(
  officeId: string,
  counterId: string,
  /** The picture's seq: each change schedules a read. */
  seq: number | undefined,
): { queue: CounterQueue | undefined; refresh: () => void } {
  const [queue, setQueue] = useState<CounterQueue | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const generation = useRef(0);

  const read = useCallback(() => {
    const mine = ++generation.current;
    loadQueue(officeId, counterId).then(
      (q) => {
        // An older read answering late must not replace a newer one.
        if (mine === generation.current) setQueue(q);
      },
      () => undefined, // Kept as it was; the next event or tick reads again.
    );
  }, [officeId, counterId]);

  const refresh = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(read, QUEUE_DEBOUNCE_MS);
  }, [read]);

  useEffect(() => {
    read();
    const every = setInterval(read, QUEUE_REFRESH_MS);
    return () => {
      clearInterval(every);
      clearTimeout(timer.current);
    };
  }, [read]);

  useEffect(() => {
    if (seq !== undefined) refresh();
  }, [seq, refresh]);

  return { queue, refresh };
}
