/** Dates as the kiosk shows them: "Thứ Hai, 30/11/2026 lúc 07:30", always in the office's zone. */
import { formatLocalDate, formatLocalTime } from '../shared/i18n/datetime.js';
import { KIOSK_TEXT, type KioskLang } from '../shared/i18n/kiosk.js';

export function formatOpening(epochMs: number, timeZone: string, lang: KioskLang): string {
  return KIOSK_TEXT[lang].dateAtTime(
    formatLocalDate(epochMs, timeZone, lang),
    formatLocalTime(epochMs, timeZone),
  );
}
