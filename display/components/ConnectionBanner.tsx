/**
 * Never stale unnoticed: "Mất kết nối – đang kết nối lại…" while the socket is down (the last
 * picture stays on screen under it), and "cập nhật N giây trước" once the picture has not been
 * confirmed for a while.
 */
import { DISPLAY_TEXT as T } from '../../shared/i18n/display.js';

export function ConnectionBanner({ down, agoSeconds }: { down: boolean; agoSeconds: number | undefined }) {
  if (!down && agoSeconds === undefined) return null;
  return (
    <div class={down ? 'banner banner-down' : 'banner banner-stale'} role="status">
      {down && <span class="banner-text">{T.disconnected}</span>}
      {agoSeconds !== undefined && <span class="banner-ago">{T.updatedAgo(agoSeconds)}</span>}
    </div>
  );
}
