/** Move an officer to a free counter (the officer's console follows them). */
import { useState } from 'preact/hooks';
import type { BoardCounter } from '../../../shared/protocol/board.js';
import { useBoardText, useText } from '../../text.js';
import { Modal } from '../Modal.js';

export function MoveOfficerDialog({
  officerName,
  counters,
  onConfirm,
  onClose,
}: {
  officerName: string;
  /** The counters nobody is signed in at. */
  counters: BoardCounter[];
  onConfirm: (counterId: string) => void;
  onClose: () => void;
}) {
  const t = useText();
  const b = useBoardText();
  const [to, setTo] = useState(counters[0]?.id ?? '');
  return (
    <Modal id="move-officer" title={b.moveTitle(officerName)} onClose={onClose}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (to) onConfirm(to);
        }}
      >
        {counters.length === 0 ? (
          <p>{b.noFreeCounter}</p>
        ) : (
          <>
            <label for="move-to">{b.moveTo}</label>
            <select id="move-to" value={to} autoFocus onChange={(e) => setTo(e.currentTarget.value)}>
              {counters.map((c) => (
                <option key={c.id} value={c.id}>
                  {t.counterLabel(c.number, c.name)}
                </option>
              ))}
            </select>
          </>
        )}
        <div class="dialog-actions">
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            {t.cancel}
          </button>
          <button type="submit" class="btn btn-primary" disabled={!to}>
            {b.moveConfirm}
          </button>
        </div>
      </form>
    </Modal>
  );
}
