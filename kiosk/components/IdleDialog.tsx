/** "Bạn cần thêm thời gian?": asked after a while without a touch; the kiosk resets if nobody answers. */
import { useEffect, useRef } from 'preact/hooks';
import type { KioskStrings } from '../../shared/i18n/kiosk.js';

export interface IdleDialogProps {
  t: KioskStrings;
  secondsLeft: number;
  onMoreTime: () => void;
  onStartOver: () => void;
}

export function IdleDialog({ t, secondsLeft, onMoreTime, onStartOver }: IdleDialogProps) {
  const more = useRef<HTMLButtonElement>(null);
  useEffect(() => more.current?.focus(), []);
  return (
    <div
      class="overlay"
      onClick={(e) => {
        // A touch beside the dialog also says "still here".
        if (e.target === e.currentTarget) onMoreTime();
      }}
    >
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-count"
      >
        <h2 id="idle-title" class="dialog-title">
          {t.idleQuestion}
        </h2>
        <p id="idle-count" class="dialog-text num" aria-live="off">
          {t.idleCountdown(secondsLeft)}
        </p>
        <div class="actions">
          <button ref={more} type="button" class="btn btn-primary idle-more" onClick={onMoreTime}>
            {t.idleMore}
          </button>
          <button type="button" class="btn idle-reset" onClick={onStartOver}>
            {t.idleReset}
          </button>
        </div>
      </div>
    </div>
  );
}
