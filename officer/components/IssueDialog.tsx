/**
 * Issue a ticket for a citizen who phoned or walked in (as staff). One requestId per press of
 * "Lấy số", reused by its retries: a lost answer never makes a second ticket.
 */
import { useState } from 'preact/hooks';
import type { IssuedTicket, PublicOffice } from '../../shared/protocol/http.js';
import { issueTicket } from '../commands.js';
import { serviceName } from '../format.js';
import { newRequestId } from '../request-id.js';
import { useText } from '../text.js';
import { errorCode } from '../use-counter-actions.js';
import { ErrorNotice } from './ErrorNotice.js';
import { Modal } from './Modal.js';
import { ServiceSelect } from './ServiceSelect.js';

export function IssueDialog({
  office,
  defaultServiceId,
  onIssued,
  onClose,
}: {
  office: PublicOffice;
  defaultServiceId: string | undefined;
  onIssued: () => void;
  onClose: () => void;
}) {
  const t = useText();
  const [serviceId, setServiceId] = useState(defaultServiceId ?? office.services[0]?.id ?? '');
  const [priority, setPriority] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<IssuedTicket | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || !serviceId) return;
    setBusy(true);
    setError(null);
    setIssued(null);
    try {
      const ticket = await issueTicket(office.id, {
        serviceId,
        requestId: newRequestId(),
        ...(priority && { priority: true }),
        ...(priority && reason.trim() !== '' && { priorityReason: reason.trim() }),
      });
      setIssued(ticket);
      setPriority(false);
      setReason('');
      onIssued();
    } catch (err) {
      setError(errorCode(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal id="issue" title={t.issueTitle} onClose={onClose}>
      <p>{t.issueIntro}</p>
      <form class="form" onSubmit={submit}>
        <label for="issue-service">{t.service}</label>
        <ServiceSelect
          id="issue-service"
          autoFocus
          office={office}
          value={serviceId}
          onChange={setServiceId}
        />
        <div class="choice">
          <input
            type="checkbox"
            id="issue-priority"
            checked={priority}
            onChange={(e) => setPriority(e.currentTarget.checked)}
          />
          <label for="issue-priority">{t.priorityPerson}</label>
        </div>
        {priority && (
          <>
            <label for="issue-reason">{t.priorityReason}</label>
            <input
              id="issue-reason"
              maxLength={120}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </>
        )}
        <div aria-live="polite" class="issue-result">
          {issued && (
            <p class="issued" data-number={issued.number}>
              {t.issued(issued.number, serviceName(office, issued.serviceId, t.lang))}
            </p>
          )}
        </div>
        {error && <ErrorNotice code={error} />}
        <div class="dialog-actions">
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            {t.closeDialog}
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy || !serviceId}>
            {busy ? t.sending : t.issueDo}
          </button>
        </div>
      </form>
    </Modal>
  );
}
