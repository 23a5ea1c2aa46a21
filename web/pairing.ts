/**
 * Pairing a device (a hall display, a counter display, a kiosk), done once by a supervisor or an
 * admin at the device itself: sign in → choose the office → `POST /api/admin/devices` → keep the
 * device token → log the staff session out. From then on the device uses only its own token, which
 * lasts until an admin revokes it: a display never "logs out" at night the way a user session does.
 */
import type { LoginReply } from '../shared/protocol/accounts.js';
import type { OfficeList } from '../shared/protocol/http.js';
import { api, ApiError } from './api.js';
import type { PairedDevice } from './device-storage.js';

export type DeviceKind = 'kiosk' | 'display';

/** Why a step failed, for the screen to say (the strings are the app's). */
export type PairingFailure =
  'wrong-credentials' | 'rate-limited' | 'not-allowed' | 'no-offices' | 'unreachable' | 'failed';

export class PairingError extends Error {
  constructor(readonly reason: PairingFailure) {
    super(reason);
    this.name = 'PairingError';
  }
}

/** A signed-in supervisor or admin, with the offices they may pair devices for. */
export interface StaffSession {
  token: string;
  offices: OfficeList['offices'];
}

export function pairingFailure(err: unknown): PairingFailure {
  if (err instanceof PairingError) return err.reason;
  if (!(err instanceof ApiError)) return 'unreachable';
  if (err.code === 'INVALID_CREDENTIALS') return 'wrong-credentials';
  if (err.code === 'RATE_LIMITED') return 'rate-limited';
  if (err.code === 'FORBIDDEN') return 'not-allowed';
  if (err.status >= 500) return 'unreachable';
  return 'failed';
}

/** Logs a staff session out; a failure is harmless (the session expires by itself). */
export async function endSession(token: string): Promise<void> {
  try {
    await api<void>('/api/auth/logout', { method: 'POST', token });
  } catch {
    // Pairing does not depend on it.
  }
}

/** Signs a member of staff in; officers may not pair devices, and someone without offices has none to pair. */
export async function signInToPair(username: string, password: string): Promise<StaffSession> {
  const reply = await api<LoginReply>('/api/auth/login', { method: 'POST', body: { username, password } });
  if (reply.user.role === 'officer') {
    await endSession(reply.token);
    throw new PairingError('not-allowed');
  }
  const list = await api<OfficeList>('/api/offices', { token: reply.token });
  const offices =
    reply.user.role === 'admin'
      ? list.offices
      : list.offices.filter((o) => reply.user.officeIds.includes(o.id));
  if (offices.length === 0) {
    await endSession(reply.token);
    throw new PairingError('no-offices');
  }
  return { token: reply.token, offices };
}

/** Creates the device and ends the staff session: the device keeps only its own token. */
export async function pairDevice(
  session: StaffSession,
  kind: DeviceKind,
  officeId: string,
  name: string,
): Promise<PairedDevice> {
  const reply = await api<{ token: string }>('/api/admin/devices', {
    method: 'POST',
    token: session.token,
    body: { kind, officeId, name: name.trim().normalize('NFC').slice(0, 100) },
  });
  await endSession(session.token);
  return { token: reply.token, officeId };
}

/** What the pairing screen says; each app gives its own wording. */
export interface PairingStrings {
  title: string;
  intro: string;
  username: string;
  password: string;
  signIn: string;
  signingIn: string;
  office: string;
  deviceName: string;
  pair: string;
  pairing: string;
  cancel: string;
  failures: Record<PairingFailure, string>;
}
