/**
 * The kiosk's pairing, kept in localStorage so it survives reboots: a kiosk pairs once. Cleared
 * only when the server no longer accepts the token (revoked), which sends the kiosk back to setup.
 */
export interface PairedDevice {
  token: string;
  officeId: string;
}

export const DEVICE_STORAGE_KEY = 'luot.kiosk.device';

export function loadDevice(): PairedDevice | undefined {
  try {
    const raw = localStorage.getItem(DEVICE_STORAGE_KEY);
    if (raw === null) return undefined;
    const value = JSON.parse(raw) as Partial<PairedDevice> | null;
    if (typeof value?.token === 'string' && typeof value.officeId === 'string') {
      return { token: value.token, officeId: value.officeId };
    }
  } catch {
    // Unreadable storage or a corrupt entry: pair again.
  }
  return undefined;
}

export function saveDevice(device: PairedDevice): void {
  localStorage.setItem(DEVICE_STORAGE_KEY, JSON.stringify(device));
}

export function forgetDevice(): void {
  try {
    localStorage.removeItem(DEVICE_STORAGE_KEY);
  } catch {
    // Nothing to forget.
  }
}
