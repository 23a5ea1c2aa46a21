/**
 * A refusal or failure, said plainly in the chosen language, with the API's stable code (and, on the
 * Vietnamese screen, the English sentence) for a support call.
 */
import { OFFICER_TEXT } from '../../shared/i18n/officer.js';
import { errorText } from '../format.js';
import { useText } from '../text.js';

export function ErrorNotice({
  code,
  onRetry,
  onDismiss,
  busy = false,
}: {
  code: string;
  onRetry?: (() => void) | undefined;
  onDismiss?: (() => void) | undefined;
  busy?: boolean;
}) {
  const t = useText();
  return (
    <div class="error-notice" role="alert" data-code={code}>
      <p class="error-text">{errorText(t, code)}</p>
      <p class="error-code">
        <code>{code}</code>
        {t.lang === 'vi' && <span lang="en"> — {errorText(OFFICER_TEXT.en, code)}</span>}
      </p>
      {(onRetry || onDismiss) && (
        <div class="error-actions">
          {onRetry && (
            <button type="button" class="btn" onClick={onRetry} disabled={busy}>
              {t.retry}
            </button>
          )}
          {onDismiss && (
            <button type="button" class="btn btn-quiet" onClick={onDismiss}>
              {t.dismiss}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
