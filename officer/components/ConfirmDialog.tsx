/** Asks before an action that cannot be undone (cancelling a ticket). */
import { useText } from '../text.js';
import { Modal } from './Modal.js';

export function ConfirmDialog({
  id,
  title,
  text,
  confirm,
  onConfirm,
  onClose,
}: {
  id: string;
  title: string;
  text: string;
  confirm: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useText();
  return (
    <Modal id={id} title={title} onClose={onClose}>
      <p>{text}</p>
      <div class="dialog-actions">
        <button type="button" class="btn btn-quiet" onClick={onClose} autoFocus>
          {t.cancel}
        </button>
        <button type="button" class="btn btn-danger" onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </Modal>
  );
}
