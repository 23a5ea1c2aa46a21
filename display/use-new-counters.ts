/**
 * A counter added to the office while the display runs: the office (re-read every minute) names
 * it, but live events only update the counters a snapshot already has. Ask for a fresh snapshot
 * once per new set of counters.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Snapshot } from '../shared/protocol/events.js';
import type { PublicOffice } from '../shared/protocol/http.js';
import type { LiveOffice } from '../web/live-office.js';

export function useNewCounters(
  office: PublicOffice | undefined,
  snapshot: Snapshot | undefined,
  live: LiveOffice | undefined,
): void {
  const asked = useRef<string | undefined>(undefined);
  const missing =
    office && snapshot
      ? office.counters
          .filter((c) => !snapshot.counters.some((s) => s.id === c.id))
          .map((c) => c.id)
          .join(',')
      : '';
  useEffect(() => {
    if (missing === '' || !live || asked.current === missing) return;
    asked.current = missing;
    live.resnapshot();
  }, [missing, live]);
}
