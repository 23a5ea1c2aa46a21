/** What leaves the server about accounts: never a password hash, never a token or its hash. */
import type { PublicDevice, PublicUser } from '../../shared/protocol/accounts.js';
import type { Device, User } from './account-store.js';

export function publicUser(user: User): PublicUser {
  return {
    id: user.id,
    displayName: user.displayName,
    role: user.role,
    officeIds: [...user.officeIds],
    disabled: user.disabled,
    createdAt: user.createdAt,
  };
}

export function publicDevice(device: Device): PublicDevice {
  const view: PublicDevice = {
    id: device.id,
    kind: device.kind,
    officeId: device.officeId,
    name: device.name,
    createdAt: device.createdAt,
  };
  if (device.lastSeenAt !== undefined) view.lastSeenAt = device.lastSeenAt;
  if (device.revokedAt !== undefined) view.revokedAt = device.revokedAt;
  if (device.printer !== undefined) view.printer = { ...device.printer };
  if (device.printerHealth !== undefined) view.printerHealth = { ...device.printerHealth };
  return view;
}
