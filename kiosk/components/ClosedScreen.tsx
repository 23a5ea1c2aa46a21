/**
 * No ticket now — office closed (or lunch break), past the cut-off, a holiday, or the service's daily
 * cap reached — and when the office opens next, in the office's zone: "Thứ Hai, 30/11/2026 lúc 07:30".
 */
import type { ComponentChildren } from 'preact';
import type { KioskClosedReason, KioskLang, KioskStrings } from '../../shared/i18n/kiosk.js';
import { formatOpening } from '../format.js';
import { Screen } from './Screen.js';

export interface ClosedScreenProps {
  reason: KioskClosedReason;
  nextOpening: number | undefined;
  timeZone: string;
  lang: KioskLang;
  t: KioskStrings;
  /** The capped service's name. */
  serviceName?: string | undefined;
  settling?: boolean;
  children?: ComponentChildren;
}

export function ClosedScreen(props: ClosedScreenProps) {
  const { reason, nextOpening, timeZone, lang, t } = props;
  const capped = reason === 'CAP_REACHED';
  return (
    <Screen
      centered
      name={capped ? 'cap-reached' : 'closed'}
      settling={props.settling ?? false}
      head={
        <div role="status" data-reason={reason}>
          {props.serviceName !== undefined && <p class="lead">{props.serviceName}</p>}
          <h1 class="title">{t.closed[reason]}</h1>
          <p class="hint">{capped ? t.serviceNoTickets : t.noTickets}</p>
        </div>
      }
    >
      <div class="next-opening">
        {nextOpening === undefined ? (
          <p class="next-when">{t.nextOpeningUnknown}</p>
        ) : (
          <>
            <p class="next-label">{t.nextOpeningLabel}</p>
            <p class="next-when num" data-next-opening={nextOpening}>
              {formatOpening(nextOpening, timeZone, lang)}
            </p>
          </>
        )}
      </div>
      {props.children !== undefined && <div class="actions">{props.children}</div>}
    </Screen>
  );
}
