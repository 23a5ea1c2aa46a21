/** Says plainly that the kiosk lost the server and is reconnecting by itself. */
import type { KioskStrings } from '../../shared/i18n/kiosk.js';

export function ConnectionBanner({ t }: { t: KioskStrings }) {
  return (
    <div class="banner" role="alert">
      {t.offline}
    </div>
  );
}
