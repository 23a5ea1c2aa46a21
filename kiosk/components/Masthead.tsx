/** The top bar: the office's name and what this machine is for. */
import type { KioskStrings } from '../../shared/i18n/kiosk.js';
import { nfc } from '../../shared/i18n/text.js';

export function Masthead({ officeName, t }: { officeName: string | undefined; t: KioskStrings }) {
  return (
    <header class="masthead">
      <p class="office-name">{officeName === undefined ? '' : nfc(officeName)}</p>
      <p class="app-title">{t.appTitle}</p>
    </header>
  );
}
