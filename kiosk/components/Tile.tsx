/** A service (or group) tile: pictogram and a label of up to two lines; at least 20 mm tall. */
import type { ServiceIcon as IconName } from '../../shared/domain/types.js';
import { ServiceIcon } from './ServiceIcon.js';

export interface TileProps {
  icon: IconName | undefined;
  label: string;
  /** A small second line: "Hết số hôm nay". */
  note?: string | undefined;
  /** A group: opens a second screen of services. */
  opensGroup?: boolean;
  onPress: () => void;
}

export function Tile({ icon, label, note, opensGroup = false, onPress }: TileProps) {
  return (
    <button type="button" class={`tile${opensGroup ? ' tile-group' : ''}`} onClick={onPress}>
      <ServiceIcon name={icon} />
      <span class="tile-label">{label}</span>
      {note !== undefined && <span class="tile-note">{note}</span>}
      {opensGroup && (
        <span class="tile-more" aria-hidden="true">
          •••
        </span>
      )}
    </button>
  );
}
