/**
 * The ghost-tap guard: for a moment after the screen changes, the new screen ignores touches. The
 * second tap of a double tap on a tile would otherwise land on whatever the next screen shows in the
 * same place ("Lấy số"!). The guard is CSS (`pointer-events: none`), applied in the very render
 * that shows the new screen.
 */
import { useEffect, useState } from 'preact/hooks';

export const SETTLE_MS = 350;

export function useSettling(screenKey: string): boolean {
  const [settled, setSettled] = useState(screenKey);
  const settling = settled !== screenKey;
  useEffect(() => {
    if (!settling) return;
    const timer = setTimeout(() => setSettled(screenKey), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [screenKey, settling]);
  return settling;
}
