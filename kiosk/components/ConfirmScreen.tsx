/**
 * The second tap where the office does not ask about priority: the chosen service and "Lấy số".
 * The extra screen costs one tap and saves a wrong ticket after a mis-tapped tile.
 */
import type { KioskStrings } from '../../shared/i18n/kiosk.js';
import type { ServiceIcon as IconName } from '../../shared/domain/types.js';
import { ChosenService } from './ChosenService.js';
import { Screen } from './Screen.js';

export interface ConfirmScreenProps {
  t: KioskStrings;
  serviceName: string;
  serviceIcon: IconName | undefined;
  settling: boolean;
  onTake: () => void;
  onBack: () => void;
}

export function ConfirmScreen({ t, serviceName, serviceIcon, settling, onTake, onBack }: ConfirmScreenProps) {
  return (
    <Screen
      name="confirm"
      settling={settling}
      head={
        <>
          <p class="lead">{t.confirmTitle}</p>
          <ChosenService icon={serviceIcon} label={serviceName} />
        </>
      }
    >
      <button type="button" class="btn btn-primary btn-take" onClick={onTake}>
        {t.take}
      </button>
      <div class="actions">
        <button type="button" class="btn btn-back" onClick={onBack}>
          {t.back}
        </button>
      </div>
    </Screen>
  );
}
