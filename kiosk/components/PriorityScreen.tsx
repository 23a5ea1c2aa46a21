/**
 * The second tap, where the office asks (priorityAtKiosk): "Tôi thuộc diện ưu tiên?". Every answer
 * takes the ticket at once — "no" or one of the reasons — so a citizen needs two taps (three behind
 * a group). Self-declared, no ID asked; the officer verifies.
 */
import { PRIORITY_REASONS, type KioskStrings, type PriorityReason } from '../../shared/i18n/kiosk.js';
import type { ServiceIcon as IconName } from '../../shared/domain/types.js';
import { ChosenService } from './ChosenService.js';
import { Screen } from './Screen.js';

export interface PriorityScreenProps {
  t: KioskStrings;
  serviceName: string;
  serviceIcon: IconName | undefined;
  settling: boolean;
  onAnswer: (reason: PriorityReason | undefined) => void;
  onBack: () => void;
}

export function PriorityScreen({
  t,
  serviceName,
  serviceIcon,
  settling,
  onAnswer,
  onBack,
}: PriorityScreenProps) {
  return (
    <Screen
      name="priority"
      settling={settling}
      head={
        <>
          <ChosenService icon={serviceIcon} label={serviceName} />
          <h1 class="title">{t.priorityQuestion}</h1>
          <p class="hint">{t.priorityHint}</p>
        </>
      }
    >
      <button type="button" class="btn btn-primary btn-take priority-no" onClick={() => onAnswer(undefined)}>
        {t.priorityNo}
      </button>
      <p class="group-label" id="priority-yes">
        {t.priorityYes}
      </p>
      <div class="choices" role="group" aria-labelledby="priority-yes">
        {PRIORITY_REASONS.map((reason) => (
          <button
            key={reason}
            type="button"
            class="btn btn-choice"
            data-reason={reason}
            onClick={() => onAnswer(reason)}
          >
            {t.reasons[reason]}
          </button>
        ))}
        <button type="button" class="btn btn-back" onClick={onBack}>
          {t.back}
        </button>
      </div>
    </Screen>
  );
}
