/**
 * Complete the current ticket, with an optional outcome. When the ticket's service offers outcomes
 * (the office configuration), they are one-tap choices, none chosen at first, plus "Khác" with free
 * text; otherwise free text only. Arrow keys move between the choices, Enter confirms.
 */
import { useState } from 'preact/hooks';
import { useText } from '../text.js';
import { Modal } from './Modal.js';

/** The choice of "Khác": the free text. */
const OTHER = -1;

export function CompleteDialog({
  number,
  outcomes,
  onConfirm,
  onClose,
}: {
  number: string;
  /** The service's outcome choices (empty: free text only). */
  outcomes: string[];
  onConfirm: (outcome: string) => void;
  onClose: () => void;
}) {
  const t = useText();
  const [text, setText] = useState('');
  /** The index of the chosen outcome, OTHER, or null while nothing is chosen. */
  const [choice, setChoice] = useState<number | null>(null);
  const choices = outcomes.length > 0;
  const outcome =
    !choices || choice === OTHER ? text.trim() : choice === null ? '' : (outcomes[choice] ?? '');
  const freeText = (label: string, autoFocus: boolean) => (
    <>
      <label for="complete-outcome">{label}</label>
      <input
        id="complete-outcome"
        maxLength={120}
        autoFocus={autoFocus}
        value={text}
        placeholder={t.outcomeHint}
        onInput={(e) => setText(e.currentTarget.value)}
      />
    </>
  );
  return (
    <Modal id="complete" title={t.completeTitle(number)} onClose={onClose}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(outcome);
        }}
      >
        {choices ? (
          <>
            <fieldset
              onKeyDown={(e) => {
                if (e.isComposing) return;
                if (e.key === 'Enter') {
                  // Enter on a choice confirms, whatever the browser does with Enter on a radio button.
                  e.preventDefault();
                  e.currentTarget.form?.requestSubmit();
                } else if ((e.key === 'ArrowDown' || e.key === 'ArrowRight') && choice === null) {
                  // Nothing chosen yet: the first arrow press chooses the focused (first) outcome
                  // rather than skipping past it, as a radio group would.
                  const radio = e.target as HTMLInputElement;
                  if (radio.type !== 'radio') return;
                  e.preventDefault();
                  radio.click();
                }
              }}
            >
              <legend>{t.outcome}</legend>
              {outcomes.map((o, i) => (
                <div class="choice" key={o}>
                  <input
                    type="radio"
                    name="complete-choice"
                    id={`complete-choice-${i}`}
                    value={o}
                    checked={choice === i}
                    autoFocus={i === 0}
                    onChange={() => setChoice(i)}
                  />
                  <label for={`complete-choice-${i}`}>{o}</label>
                </div>
              ))}
              <div class="choice">
                <input
                  type="radio"
                  name="complete-choice"
                  id="complete-choice-other"
                  checked={choice === OTHER}
                  onChange={() => setChoice(OTHER)}
                />
                <label for="complete-choice-other">{t.outcomeOther}</label>
              </div>
            </fieldset>
            {choice === OTHER && freeText(t.outcomeOtherText, false)}
          </>
        ) : (
          freeText(t.outcome, true)
        )}
        <div class="dialog-actions">
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            {t.cancel}
          </button>
          <button type="submit" class="btn btn-primary">
            {t.complete}
          </button>
        </div>
      </form>
    </Modal>
  );
}
