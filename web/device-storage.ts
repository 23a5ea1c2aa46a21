/**
 * A paired device's token, kept in localStorage so it survives reboots: a TV or kiosk pairs once
 * and then runs for months. Cleared only when the server stops accepting the token (revoked),
 * which sends the device back to its pairing screen. One key per app (`luot.display.device`,
 * `luot.kiosk.device`).
 */
export interface PairedDevice {
  token: string;
  officeId: string;
}

export interface DeviceStorage {
  readonly key: string;
  load(): PairedDevice | undefined;
  save(device: PairedDevice): void;
  forget(): void;
}

export function deviceStorage(key: string): DeviceStorage {
  return {
    key,
    load() {
      try {
        const raw = localStorage.getItem(key);
        if (raw === null) return undefined;
        const value = JSON.parse(raw) as Partial<PairedDevice> | null;
        if (typeof value?.token === 'string' && typeof value.officeId === 'string' && value.token !== '') {
          return { token: value.token, officeId: value.officeId };
        }
      } catch {
        // Unreadable storage or a corrupt entry: pair again.
      }
      return undefined;
    },
    save(device) {
      localStorage.setItem(key, JSON.stringify({ token: device.token, officeId: device.officeId }));
    },
    forget() {
      try {
        localStorage.removeItem(key);
      } catch {
        // Nothing to forget.
      }
    },
  };
}
