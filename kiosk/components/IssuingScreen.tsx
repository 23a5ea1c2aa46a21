/**
 * While the issue request is out: "Đang lấy số…", and after a failed try "Đang kết nối lại…" with
 * the plain fact that no number exists yet. Never a number here: that needs the server's answer.
 */
import type { KioskStrings } from '../../shared/i18n/kiosk.js';
import { Screen } from './Screen.js';

export function IssuingScreen({ t, retrying }: { t: KioskStrings; retrying: boolean }) {
  return (
    <Screen
      centered
      name={retrying ? 'reconnecting' : 'issuing'}
      head={
        <div role="status" aria-live="polite">
          <div class="spinner" aria-hidden="true" />
          <h1 class="title">{retrying ? t.reconnecting : t.issuing}</h1>
          {retrying && <p class="hint">{t.reconnectingHint}</p>}
        </div>
      }
    />
  );
}
