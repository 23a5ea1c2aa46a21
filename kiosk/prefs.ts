/** A citizen's display choices: language, larger text, high contrast. Reset for the next citizen. */
import type { KioskLang } from '../shared/i18n/kiosk.js';

export interface Prefs {
  lang: KioskLang;
  large: boolean;
  contrast: boolean;
}

export const DEFAULT_PREFS: Prefs = { lang: 'vi', large: false, contrast: false };

export function isDefaultPrefs(p: Prefs): boolean {
  return (
    p.lang === DEFAULT_PREFS.lang && p.large === DEFAULT_PREFS.large && p.contrast === DEFAULT_PREFS.contrast
  );
}
