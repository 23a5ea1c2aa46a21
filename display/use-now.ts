/** Re-renders every `everyMs` and returns the local time (epoch ms): clocks, "N giây trước". */
import { useEffect, useState } from 'preact/hooks';

export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
