/**
 * A device app's pairing as state: the device kept in `storage` (device-storage.ts), or none, and
 * then the app shows its pairing screen. `onPaired` keeps a new pairing; `onRevoked` forgets a token
 * the server no longer accepts, and `revoked` says so, for the pairing screen to tell staff why it
 * is back.
 */
import { useCallback, useState } from 'preact/hooks';
import type { DeviceStorage, PairedDevice } from './device-storage.js';

export interface PairedDeviceState {
  device: PairedDevice | undefined;
  /** The device was paired, until the server refused its token. */
  revoked: boolean;
  onPaired: (device: PairedDevice) => void;
  onRevoked: () => void;
}

/** `storage` is read once, at the first render. */
export function usePairedDevice(storage: DeviceStorage): PairedDeviceState {
  const [device, setDevice] = useState<PairedDevice | undefined>(storage.load);
  const [revoked, setRevoked] = useState(false);
  const onPaired = useCallback(
    (paired: PairedDevice) => {
      storage.save(paired);
      setRevoked(false);
      setDevice(paired);
    },
    [storage],
  );
  const onRevoked = useCallback(() => {
    storage.forget();
    setRevoked(true);
    setDevice(undefined);
  }, [storage]);
  return { device, revoked, onPaired, onRevoked };
}
