/**
 * A counter that goes up every `everyMs` while `active`: the page of counters and the page of
 * services shown turn together on it (page = tick % pages).
 */
import { useEffect, useState } from 'preact/hooks';

export function useTicker(everyMs: number, active: boolean): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((t) => t + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, active]);
  return tick;
}
