/**
 * A read that follows the office's live picture: made at once, again shortly after every change
 * of the picture's seq (debounced: a burst of events is one read), on `refresh()` (after a
 * command), and every `everyMs` (times grow; a missed event heals). An older read answering late
 * never replaces a newer one; a failed read keeps the last answer.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export const REFRESH_DEBOUNCE_MS = 250;

export function useRefreshed<T>(
  load: () => Promise<T>,
  /** What the read depends on: a change starts over. */
  key: string,
  /** The picture's seq: each change schedules a read. */
  seq: number | undefined,
  everyMs: number,
): { value: T | undefined; refresh: () => void } {
  const [value, setValue] = useState<T | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const read = useCallback(() => {
    const mine = ++generation.current;
    loader.current().then(
      (v) => {
        if (mine === generation.current) setValue(v);
      },
      () => undefined, // Kept as it was; the next event or tick reads again.
    );
  }, [key]);

  const refresh = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(read, REFRESH_DEBOUNCE_MS);
  }, [read]);

  useEffect(() => {
    setValue(undefined);
    read();
    const every = setInterval(read, everyMs);
    return () => {
      clearInterval(every);
      clearTimeout(timer.current);
    };
  }, [read, everyMs]);

  useEffect(() => {
    if (seq !== undefined) refresh();
  }, [seq, refresh]);

  return { value, refresh };
}
