/** The service the citizen tapped, repeated on the next screen so a mis-tap is seen before the ticket. */
import type { ServiceIcon as IconName } from '../../shared/domain/types.js';
import { ServiceIcon } from './ServiceIcon.js';

export function ChosenService({ icon, label }: { icon: IconName | undefined; label: string }) {
  return (
    <p class="chosen">
      <ServiceIcon name={icon} />
      <span>{label}</span>
    </p>
  );
}
