/** Language, larger text and high contrast: on every screen, at the bottom (in reach on a totem). */
import type { KioskStrings } from '../../shared/i18n/kiosk.js';
import type { Prefs } from '../prefs.js';

export interface ToolbarProps {
  prefs: Prefs;
  t: KioskStrings;
  onChange: (prefs: Prefs) => void;
}

export function Toolbar({ prefs, t, onChange }: ToolbarProps) {
  return (
    <footer class="toolbar" aria-label={t.displayOptions}>
      <button
        type="button"
        class="btn tool tool-lang"
        lang={t.otherLanguageCode}
        onClick={() => onChange({ ...prefs, lang: t.otherLanguageCode })}
      >
        {t.otherLanguage}
      </button>
      <button
        type="button"
        class="btn tool tool-large"
        aria-pressed={prefs.large}
        onClick={() => onChange({ ...prefs, large: !prefs.large })}
      >
        {t.largeText}
      </button>
      <button
        type="button"
        class="btn tool tool-contrast"
        aria-pressed={prefs.contrast}
        onClick={() => onChange({ ...prefs, contrast: !prefs.contrast })}
      >
        {t.highContrast}
      </button>
    </footer>
  );
}
