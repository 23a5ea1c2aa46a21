/**
 * The hall display's announcer (voice/announcer.ts) as a hook: made once, configured with the
 * office's voice settings whenever they change (the office is re-read every minute), closed with
 * the display. Every change of its sound state is reported to the office's staff
 * (`display:status`), so a TV that cannot speak does not go unnoticed; 'loading' is not a state
 * staff need to hear about.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DisplayStatusReport } from '../shared/protocol/display.js';
import type { PublicOffice } from '../shared/protocol/http.js';
import { serverNow } from '../web/server-clock.js';
import { createAnnouncer, type Announcer, type AnnouncerState } from './voice/announcer.js';

const DETAIL: Partial<Record<DisplayStatusReport['audio'], string>> = {
  blocked:
    'autoplay blocked: press "Bật âm thanh" on the display, or start Chromium with --autoplay-policy=no-user-gesture-required',
  speech: 'voice pack unavailable: using the browser voice',
  unavailable: 'no voice pack and no Vietnamese browser voice',
};

export function useAnnouncer(opts: {
  voice: PublicOffice['voice'] | undefined;
  maxAgeMs: number;
  report: (status: DisplayStatusReport) => void;
}): { announcer: Announcer | undefined; state: AnnouncerState | undefined } {
  const [announcer, setAnnouncer] = useState<Announcer | undefined>(undefined);
  const [state, setState] = useState<AnnouncerState | undefined>(undefined);
  const report = useRef(opts.report);
  report.current = opts.report;
  const { maxAgeMs, voice } = opts;

  useEffect(() => {
    const a = createAnnouncer({ now: serverNow, maxAgeMs });
    let last: string | undefined;
    const seen = (s: AnnouncerState) => {
      setState(s);
      if (s.audio === 'loading' || s.audio === last) return;
      last = s.audio;
      const detail = DETAIL[s.audio];
      report.current(detail === undefined ? { audio: s.audio } : { audio: s.audio, detail });
    };
    const off = a.onChange(seen);
    setAnnouncer(a);
    setState(a.state);
    return () => {
      off();
      a.close();
      setAnnouncer(undefined);
    };
  }, [maxAgeMs]);

  const voiceKey = voice === undefined ? undefined : JSON.stringify(voice);
  useEffect(() => {
    if (announcer && voice) void announcer.configure(voice);
    // voiceKey stands for voice: a re-read office with the same settings does not reconfigure.
  }, [announcer, voiceKey]);

  return { announcer, state };
}
