/**
 * Keyboard shortcuts of the console. They never fire while the officer types (an input, a select,
 * a textarea, anything editable) or while a dialog is open, nor with Ctrl/Alt/Meta (browser keys).
 * Space is taken from a focused button too — otherwise the button under the focus would be pressed
 * as well — by cancelling both its keydown and its keyup.
 */
import { useEffect, useRef } from 'preact/hooks';

/** Key (`KeyboardEvent.key`, lower-cased) → what it does. */
export type ShortcutMap = Partial<Record<string, () => void>>;

export function typingOrDialog(target: EventTarget | null): boolean {
  if (document.querySelector('dialog[open]')) return true;
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return el.isContentEditable || el.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

export function useShortcuts(map: ShortcutMap): void {
  const current = useRef(map);
  current.current = map;

  useEffect(() => {
    let swallowSpaceUp = false;
    const down = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
      if (typingOrDialog(e.target)) return;
      const key = e.key === ' ' ? ' ' : e.key.toLowerCase();
      const action = current.current[key];
      if (!action) return;
      e.preventDefault();
      if (key === ' ') swallowSpaceUp = true;
      // A held key repeats: one press, one action.
      if (!e.repeat) action();
    };
    const up = (e: KeyboardEvent) => {
      if (e.key === ' ' && swallowSpaceUp) {
        swallowSpaceUp = false;
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', down, true);
    window.addEventListener('keyup', up, true);
    return () => {
      window.removeEventListener('keydown', down, true);
      window.removeEventListener('keyup', up, true);
    };
  }, []);
}
