/**
 * The kiosk app: unpaired, the setup screen; paired, the kiosk. Owns the citizen's display choices
 * (language, larger text, contrast) and reflects them on <html> (`lang`, classes) and the title.
 */
import { useCallback, useLayoutEffect, useState } from 'preact/hooks';
import { KIOSK_TEXT } from '../shared/i18n/kiosk.js';
import { Kiosk } from './components/Kiosk.js';
import { Masthead } from './components/Masthead.js';
import { SetupScreen } from './components/SetupScreen.js';
import { Toolbar } from './components/Toolbar.js';
import { forgetDevice, loadDevice, saveDevice, type PairedDevice } from './device-storage.js';
import { DEFAULT_PREFS, type Prefs } from './prefs.js';

export function App() {
  const [device, setDevice] = useState<PairedDevice | undefined>(loadDevice);
  const [revoked, setRevoked] = useState(false);
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

  const onRevoked = useCallback(() => {
    forgetDevice();
    setRevoked(true);
    setDevice(undefined);
  }, []);

  if (!device) {
    return (
      <div class="shell">
        <Masthead officeName={undefined} t={t} />
        <SetupScreen
          t={t}
          notice={revoked ? t.revoked : undefined}
          onPaired={(paired) => {
            saveDevice(paired);
            setRevoked(false);
            setDevice(paired);
          }}
        />
        <Toolbar prefs={prefs} t={t} onChange={setPrefs} />
      </div>
    );
  }
  return <Kiosk key={device.token} device={device} prefs={prefs} onPrefs={setPrefs} onRevoked={onRevoked} />;
}
