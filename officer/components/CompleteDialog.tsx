/** Complete the current ticket, with an optional outcome. Enter confirms. */
import { useState } from 'preact/hooks';
import { useText } from '../text.js';
import { Modal } from './Modal.js';

export function CompleteDialog({
  number,
  onConfirm,
  onClose,
}: {
  number: string;
  onConfirm: (outcome: string) => void;
  onClose: () => void;
}) {
  const t = useText();
  const [outcome, setOutcome] = useState('');
  return (
    <Modal id="complete" title={t.completeTitle(number)} onClose={onClose}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(outcome.trim());
        }}
      >
        <label for="complete-outcome">{t.outcome}</label>
        <input
          id="complete-outcome"
          maxLength={120}
          autoFocus
          value={outcome}
          placeholder={t.outcomeHint}
          onInput={(e) => setOutcome(e.currentTarget.value)}
        />
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
