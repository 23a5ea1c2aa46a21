/** Transfer the current ticket to another service's queue or to one counter, at a chosen place. */
import { useState } from 'preact/hooks';
import type { PublicOffice } from '../../shared/protocol/http.js';
import { useText } from '../text.js';
import { Modal } from './Modal.js';
import { ServiceSelect } from './ServiceSelect.js';

export type TransferTarget = { serviceId: string } | { counterId: string };
export type TransferPosition = 'front' | 'back' | 'issueTime';

export function TransferDialog({
  office,
  counterId,
  number,
  onConfirm,
  onClose,
}: {
  office: PublicOffice;
  counterId: string;
  number: string;
  onConfirm: (target: TransferTarget, position: TransferPosition) => void;
  onClose: () => void;
}) {
  const t = useText();
  const otherCounters = office.counters.filter((c) => c.id !== counterId);
  const [kind, setKind] = useState<'service' | 'counter'>('service');
  const [serviceId, setServiceId] = useState(office.services[0]?.id ?? '');
  const [toCounter, setToCounter] = useState(otherCounters[0]?.id ?? '');
  const [position, setPosition] = useState<TransferPosition>('back');
  const positions: [TransferPosition, string][] = [
    ['front', t.positionFront],
    ['back', t.positionBack],
    ['issueTime', t.positionIssueTime],
  ];
  const ready = kind === 'service' ? serviceId !== '' : toCounter !== '';
  return (
    <Modal id="transfer" title={t.transferTitle(number)} onClose={onClose}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) onConfirm(kind === 'service' ? { serviceId } : { counterId: toCounter }, position);
        }}
      >
        <fieldset class="row">
          <legend>{t.transferTo}</legend>
          <div class="choice">
            <input
              type="radio"
              name="transfer-kind"
              id="transfer-kind-service"
              checked={kind === 'service'}
              autoFocus
              onChange={() => setKind('service')}
            />
            <label for="transfer-kind-service">{t.toService}</label>
          </div>
          <div class="choice">
            <input
              type="radio"
              name="transfer-kind"
              id="transfer-kind-counter"
              checked={kind === 'counter'}
              disabled={otherCounters.length === 0}
              onChange={() => setKind('counter')}
            />
            <label for="transfer-kind-counter">{t.toCounter}</label>
          </div>
        </fieldset>
        {kind === 'service' ? (
          <>
            <label for="transfer-service">{t.transferTo}</label>
            <ServiceSelect id="transfer-service" office={office} value={serviceId} onChange={setServiceId} />
          </>
        ) : (
          <>
            <label for="transfer-counter">{t.transferTo}</label>
            <select
              id="transfer-counter"
              value={toCounter}
              onChange={(e) => setToCounter(e.currentTarget.value)}
            >
              {otherCounters.map((c) => (
                <option key={c.id} value={c.id}>
                  {t.counterLabel(c.number, c.name)}
                </option>
              ))}
            </select>
          </>
        )}
        <fieldset>
          <legend>{t.position}</legend>
          {positions.map(([p, label]) => (
            <div class="choice" key={p}>
              <input
                type="radio"
                name="transfer-position"
                id={`transfer-position-${p}`}
                checked={position === p}
                onChange={() => setPosition(p)}
              />
              <label for={`transfer-position-${p}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <div class="dialog-actions">
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            {t.cancel}
          </button>
          <button type="submit" class="btn btn-primary" disabled={!ready}>
            {t.transfer}
          </button>
        </div>
      </form>
    </Modal>
  );
}
