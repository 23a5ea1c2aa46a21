/**
 * One browser per counter, said on screen (officer/use-console-presence.ts):
 * - another browser works this counter: a dialog, nothing else usable behind it, until the officer
 *   chooses "Làm việc ở đây" (the other browser stops) or "Rời quầy";
 * - another browser took the counter over: a blocking notice across the page, "Làm việc lại ở đây"
 *   takes it back.
 * "Rời quầy" here goes back to the counter choice WITHOUT signing out at the counter: the officer
 * is signed in there for the other browser too, and a sign-out would pull the counter from under
 * it. Both are modal (the page behind inert, its shortcuts off) and open with the focus on their
 * message, not on a button: Space — "call next" to an officer's hand — must not take over.
 */
import type { ComponentChildren } from 'preact';
import { useText } from '../text.js';
import type { ConsolePresence } from '../use-console-presence.js';
import { ErrorNotice } from './ErrorNotice.js';
import { Modal, useShownModal } from './Modal.js';

/** The replaced notice: a band across the top of the page over a dimmed, inert console. */
function BlockingNotice({ id, children }: { id: string; children: ComponentChildren }) {
  const ref = useShownModal();
  return (
    <dialog
      ref={ref}
      id={id}
      class="modal"
      style={{ width: '96vw', maxWidth: '96vw', margin: '1rem auto auto' }}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      // Escape does not make it go: only taking the counter back or leaving it does.
      onCancel={(e) => e.preventDefault()}
    >
      <div class="error-notice">{children}</div>
    </dialog>
  );
}

export function PresenceWarning({ presence, onLeave }: { presence: ConsolePresence; onLeave: () => void }) {
  const t = useText();
  const { state, others, busy, failure, takeOver } = presence;
  if (state === 'alone') return null;

  const failed = failure && <ErrorNotice code={failure} />;
  const leave = (
    <button type="button" class="btn btn-quiet" onClick={onLeave} disabled={busy}>
      {t.presenceLeave}
    </button>
  );
  const take = (label: string) => (
    <button
      type="button"
      class="btn btn-primary"
      onClick={takeOver}
      disabled={busy}
      aria-busy={busy}
      data-testid="presence-take-over"
    >
      {busy ? t.presenceTaking : label}
    </button>
  );

  if (state === 'others') {
    return (
      // Escape keeps it open: closing it without a choice would be the silent take-over.
      <Modal id="presence-others" title={t.presenceOthersTitle} onClose={() => undefined}>
        <div data-testid="presence-warning" data-state="others">
          <p id="presence-others-text" tabIndex={-1} autoFocus>
            {t.presenceOthersText}
          </p>
          {others > 1 && <p class="muted">{t.presenceOthersCount(others)}</p>}
          {failed}
          <div class="dialog-actions">
            {leave}
            {take(t.presenceTakeOver)}
          </div>
        </div>
      </Modal>
    );
  }

  return (
    <BlockingNotice id="presence-replaced">
      <div data-testid="presence-warning" data-state="replaced">
        <h2 id="presence-replaced-title" class="error-text">
          {t.presenceReplacedTitle}
        </h2>
        <p id="presence-replaced-text" tabIndex={-1} autoFocus>
          {t.presenceReplacedText}
        </p>
        {failed}
        <div class="error-actions">
          {take(t.presenceTakeBack)}
          {leave}
        </div>
      </div>
    </BlockingNotice>
  );
}
