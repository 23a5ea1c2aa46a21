/**
 * Pause with a reason. The reason is sent in Vietnamese whatever the console's language: the hall
 * display shows it to citizens ("Tạm nghỉ: Nghỉ trưa").
 */
import { useState } from 'preact/hooks';
import { OFFICER_TEXT, PAUSE_REASONS, type PauseReasonKey } from '../../shared/i18n/officer.js';
import { useText } from '../text.js';
import { Modal } from './Modal.js';

export function PauseDialog({
  onConfirm,
  onClose,
}: {
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const t = useText();
  const [key, setKey] = useState<PauseReasonKey>('lunch');
  const [other, setOther] = useState('');
  const reason = key === 'other' ? other.trim() : OFFICER_TEXT.vi.pauseReasons[key];
  return (
    <Modal id="pause" title={t.pauseTitle} onClose={onClose}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (reason) onConfirm(reason);
        }}
      >
        <fieldset>
          <legend>{t.pauseReason}</legend>
          {PAUSE_REASONS.map((k, i) => (
            <div class="choice" key={k}>
              <input
                type="radio"
                name="pause-reason"
                id={`pause-${k}`}
                checked={key === k}
                autoFocus={i === 0}
                onChange={() => setKey(k)}
              />
              <label for={`pause-${k}`}>{t.pauseReasons[k]}</label>
            </div>
          ))}
        </fieldset>
        {key === 'other' && (
          <>
            <label for="pause-other-text">{t.otherReason}</label>
            <input
              id="pause-other-text"
              maxLength={120}
              required
              value={other}
              onInput={(e) => setOther(e.currentTarget.value)}
            />
          </>
        )}
        <div class="dialog-actions">
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            {t.cancel}
          </button>
          <button type="submit" class="btn btn-primary" disabled={!reason}>
            {t.pause}
          </button>
        </div>
      </form>
    </Modal>
  );
}
