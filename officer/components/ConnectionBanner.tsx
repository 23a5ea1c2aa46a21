/** "Mất kết nối – đang kết nối lại…" while the live connection is down (actions still go over HTTP). */
import { useText } from '../text.js';

export function ConnectionBanner({ down }: { down: boolean }) {
  const t = useText();
  return (
    <div role="status" class={down ? 'banner banner-down' : 'banner-hidden'} data-testid="connection">
      {down ? t.disconnected : ''}
    </div>
  );
}
