/**
 * The kiosk app: unpaired, the setup screen; paired, the kiosk. Owns the citizen's display choices
 * (language, larger text, contrast) and reflects them on <html> (`lang`, classes) and the title.
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import { KIOSK_TEXT } from '../shared/i18n/kiosk.js';
import { deviceStorage } from '../web/device-storage.js';
import { usePairedDevice } from '../web/use-paired-device.js';
import { Kiosk } from './components/Kiosk.js';
import { Masthead } from './components/Masthead.js';
import { SetupScreen } from './components/SetupScreen.js';
import { Toolbar } from './components/Toolbar.js';
import { DEFAULT_PREFS, type Prefs } from './prefs.js';

/** Where the kiosk keeps its pairing (the key already-paired kiosks hold). */
export const KIOSK_DEVICE_KEY = 'luot.kiosk.device';
const storage = deviceStorage(KIOSK_DEVICE_KEY);

export function App() {
  const { device, revoked, onPaired, onRevoked } = usePairedDevice(storage);
  const [prefs, setPrefs] = useState<Prefs>(DEFAULT_PREFS);
  const t = KIOSK_TEXT[prefs.lang];

  // Before paint: the first frame in a new language or theme is already right.
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = prefs.lang;
    root.classList.toggle('large-text', prefs.large);
    root.classList.toggle('high-contrast', prefs.contrast);
    document.title = t.documentTitle;
  }, [prefs, t]);

  if (!device) {
    return (
      <div class="shell">
        <Masthead officeName={undefined} t={t} />
        <SetupScreen t={t} notice={revoked ? t.revoked : undefined} onPaired={onPaired} />
        <Toolbar prefs={prefs} t={t} onChange={setPrefs} />
      </div>
    );
  }
  return <Kiosk key={device.token} device={device} prefs={prefs} onPrefs={setPrefs} onRevoked={onRevoked} />;
}
