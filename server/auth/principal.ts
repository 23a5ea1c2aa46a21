import type { PrinterSettings } from '../../shared/protocol/printing.js';

/**
 * Who is asking. Every HTTP request and socket gets exactly one principal, resolved from the
 * session cookie, `Authorization: Bearer <token>` or the socket's `auth.token` (server/auth/).
 */
export const ROLES = ['admin', 'supervisor', 'officer'] as const;
export type Role = (typeof ROLES)[number];

export const DEVICE_KINDS = ['kiosk', 'display'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export interface UserPrincipal {
  kind: 'user';
  /** The user id is the username (a slug); officers act under it as `officerId` in the engine. */
  userId: string;
  role: Role;
  /** Offices the user belongs to; an admin acts on every office. */
  officeIds: string[];
}

export interface DevicePrincipal {
  kind: 'device';
  deviceId: string;
  deviceKind: DeviceKind;
  officeId: string;
  /** Kiosks: how its ticket printer is reached (absent: none). */
  printer?: PrinterSettings;
}

export type Principal = AnonymousPrincipal | UserPrincipal | DevicePrincipal;

export const ANONYMOUS: AnonymousPrincipal = { kind: 'anonymous' };
