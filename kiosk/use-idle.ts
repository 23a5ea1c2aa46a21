/**
 * Idle handling (../shared/brief/domain.md, "Kiosk"): after IDLE_MS without a touch, ask "Bạn cần
 * thêm thời gian?" for PROMPT_MS, then reset. Any touch or key before the question re-arms the
 * timer; while it is asked only the dialog's answers count (a touch on "start over" must not first
 * count as activity and close the dialog under the finger).
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export const IDLE_MS = 50_000;
export const PROMPT_MS = 20_000;

export interface Idle {
  prompting: boolean;
  secondsLeft: number;
  /** "Yes, I need more time": close the question and start counting again. */
  stillHere: () => void;
}

export function useIdle(active: boolean, onTimeout: () => void): Idle {
  const [prompting, setPrompting] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;
  const stillHereRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    setPrompting(false);
    if (!active) return;
    let asking = false;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let endTimer: ReturnType<typeof setTimeout> | undefined;
    let tick: ReturnType<typeof setInterval> | undefined;
    const stopAsking = () => {
      asking = false;
      clearTimeout(endTimer);
      clearInterval(tick);
      setPrompting(false);
    };
    const arm = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(ask, IDLE_MS);
    };
    const ask = () => {
      asking = true;
      const deadline = Date.now() + PROMPT_MS;
      setSecondsLeft(Math.ceil(PROMPT_MS / 1000));
      setPrompting(true);
      tick = setInterval(() => setSecondsLeft(Math.max(0, Math.ceil((deadline - Date.now()) / 1000))), 1000);
      endTimer = setTimeout(() => {
        stopAsking();
        timeout.current();
      }, PROMPT_MS);
    };
    const onActivity = () => {
      if (!asking) arm();
    };
    window.addEventListener('pointerdown', onActivity, true);
    window.addEventListener('keydown', onActivity, true);
    stillHereRef.current = () => {
      stopAsking();
      arm();
    };
    arm();
    return () => {
      window.removeEventListener('pointerdown', onActivity, true);
      window.removeEventListener('keydown', onActivity, true);
      clearTimeout(idleTimer);
      stopAsking();
      stillHereRef.current = () => undefined;
    };
  }, [active]);

  return { prompting, secondsLeft, stillHere: () => stillHereRef.current() };
}
