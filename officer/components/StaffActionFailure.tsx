/** The failure of a room action (requeue, cancel, transfer, move, a supervisor's counter command), with "Thử lại". */
import type { StaffActions } from '../use-staff-action.js';
import { ErrorNotice } from './ErrorNotice.js';

export function StaffActionFailure({ actions }: { actions: StaffActions }) {
  const { failure } = actions;
  if (!failure) return null;
  return (
    <ErrorNotice
      code={failure.code}
      busy={actions.busy !== null}
      onRetry={failure.retryable ? () => void actions.retry() : undefined}
      onDismiss={actions.dismiss}
    />
  );
}
