/**
 * The display app: unpaired, the pairing screen; paired, the hall display or a counter's screen,
 * by address. A revoked token (a 401) clears the pairing and comes back here.
 */
import { useLayoutEffect } from 'preact/hooks';
import { DISPLAY_TEXT as T } from '../shared/i18n/display.js';
import { PairingScreen } from '../web/components/PairingScreen.js';
import { deviceStorage } from '../web/device-storage.js';
import { usePairedDevice } from '../web/use-paired-device.js';
import { CounterDisplay } from './components/CounterDisplay.js';
import { HallDisplay } from './components/HallDisplay.js';
import type { DisplayParams, Route } from './params.js';

/** One pairing per browser profile, shared by the hall and counter modes (both are `display` devices). */
export const DISPLAY_DEVICE_KEY = 'luot.display.device';
const storage = deviceStorage(DISPLAY_DEVICE_KEY);

export function App({ route, params }: { route: Route; params: DisplayParams }) {
  const { device, revoked, onPaired, onRevoked } = usePairedDevice(storage);

  useLayoutEffect(() => {
    document.title = route.kind === 'counter' ? T.counterTitle(route.counterId) : T.hallTitle;
  }, [route]);

  if (!device) {
    return (
      <PairingScreen
        t={T.pairing}
        kind="display"
        defaultName={route.kind === 'counter' ? T.deviceNameCounter(route.counterId) : T.deviceNameHall}
        notice={revoked ? T.revoked : undefined}
        onPaired={onPaired}
      />
    );
  }
  return route.kind === 'counter' ? (
    <CounterDisplay
      key={device.token}
      device={device}
      counterId={route.counterId}
      params={params}
      onRevoked={onRevoked}
    />
  ) : (
    <HallDisplay key={device.token} device={device} params={params} onRevoked={onRevoked} />
  );
}
