/**
 * Turns what a client presents into a principal: the session cookie (`luot_session`), an
 * `Authorization: Bearer <token>` header (a session token or a device token), or the socket's
 * `auth.token`. HTTP and socket.io use the same instance, so both see the same principal.
 */
import type { AccountStore, User } from './account-store.js';
import { ANONYMOUS, type DevicePrincipal, type Principal, type UserPrincipal } from './principal.js';
import { tokenKind } from './tokens.js';

export const SESSION_COOKIE = 'luot_session';

export interface Credentials {
  /** From `Authorization: Bearer …` or socket `auth.token`. */
  token?: string;
  /** The raw `Cookie` header. */
  cookieHeader?: string;
}

export interface Authenticator {
  /** Never throws for bad credentials: unknown, expired or revoked means anonymous. */
  principal(credentials: Credentials): Promise<Principal>;
}

/** The value of cookie `name` in a raw `Cookie` header (first occurrence), or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    const value = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
    return value;
  }
  return undefined;
}

/** The secret a client presents: an explicit bearer token wins over the cookie. */
export function presentedToken(credentials: Credentials): string | undefined {
  return credentials.token ?? readCookie(credentials.cookieHeader, SESSION_COOKIE);
}

/**
 * The account store's authenticator. A token's prefix says whether it is a session or a device
 * token (tokens.ts); a malformed token costs no lookup. Disabled users, ended sessions and revoked
 * devices come back anonymous.
 *
 * @example
 * const auth = new AccountAuthenticator(accounts);
 * const who = await auth.principal({ token: socket.handshake.auth.token, cookieHeader: socket.handshake.headers.cookie });
 */
export class AccountAuthenticator implements Authenticator {
  constructor(private readonly accounts: AccountStore) {}

  async principal(credentials: Credentials): Promise<Principal> {
    const token = presentedToken(credentials);
    const kind = token === undefined ? undefined : tokenKind(token);
    if (token === undefined || kind === undefined) return ANONYMOUS;
    if (kind === 'session') {
      const user = await this.accounts.sessionUser(token);
      return user ? userPrincipal(user) : ANONYMOUS;
    }
    const device = await this.accounts.deviceByToken(token);
    if (!device) return ANONYMOUS;
    const principal: DevicePrincipal = {
      kind: 'device',
      deviceId: device.id,
      deviceKind: device.kind,
      officeId: device.officeId,
    };
    if (device.printer) principal.printer = device.printer;
    return principal;
  }
}

export function userPrincipal(user: User): UserPrincipal {
  return { kind: 'user', userId: user.id, role: user.role, officeIds: [...user.officeIds] };
}
