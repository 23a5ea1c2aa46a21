/**
 * The counter's actions. A button that does not apply now is disabled (not hidden: the layout and
 * the officer's muscle memory stay put); every button is disabled while an action is in flight.
 * Each button names its shortcut key.
 */
import type { CounterAction } from '../../shared/protocol/http.js';
import { useText } from '../text.js';

export interface ActionAvailability {
  open: boolean;
  callNext: boolean;
  recall: boolean;
  start: boolean;
  complete: boolean;
  noShow: boolean;
  transfer: boolean;
  pause: boolean;
  close: boolean;
}

export type ActionKey = keyof ActionAvailability;

export function ActionBar({
  can,
  busy,
  paused,
  onAction,
}: {
  can: ActionAvailability;
  busy: CounterAction | null;
  paused: boolean;
  onAction: (key: ActionKey) => void;
}) {
  const t = useText();
  const inFlight = busy !== null;
  const button = (
    key: ActionKey,
    label: string,
    shortcut: string,
    cls = '',
    action: CounterAction = key as CounterAction,
  ) => (
    <button
      type="button"
      class={`btn action ${cls}`}
      data-action={key}
      disabled={!can[key] || inFlight}
      aria-keyshortcuts={shortcut === '' ? undefined : shortcut === t.keySpace ? 'Space' : shortcut}
      aria-busy={busy === action ? 'true' : undefined}
      onClick={() => onAction(key)}
    >
      <span class="action-label">{busy === action ? t.sending : label}</span>
      {shortcut !== '' && <kbd aria-hidden="true">{shortcut}</kbd>}
    </button>
  );
  return (
    <div class="actions" role="group" aria-label={t.currentTitle}>
      <div class="actions-main">
        {button('callNext', t.callNext, t.keySpace, 'btn-primary big', 'call-next')}
        {button('recall', t.recall, 'R')}
        {button('start', t.start, 'S')}
        {button('complete', t.complete, 'C', 'btn-good')}
        {button('noShow', t.noShow, 'N', '', 'no-show')}
        {button('transfer', t.transfer, 'T')}
      </div>
      <div class="actions-counter">
        {button('open', paused ? t.resume : t.open, 'O')}
        {button('pause', t.pause, 'P')}
        {button('close', t.close, '', '', 'close')}
      </div>
    </div>
  );
}
