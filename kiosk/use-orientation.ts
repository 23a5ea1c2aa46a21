/** Portrait totem (1080×1920) or landscape kiosk (1920×1080): the tile grid's columns depend on it. */
import { useEffect, useState } from 'preact/hooks';

const PORTRAIT = '(orientation: portrait)';

export function usePortrait(): boolean {
  const [portrait, setPortrait] = useState(() => matchMedia(PORTRAIT).matches);
  useEffect(() => {
    const query = matchMedia(PORTRAIT);
    const update = () => setPortrait(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return portrait;
}
