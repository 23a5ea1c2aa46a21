/**
 * Who may do what: the one table of permissions, as pure functions. Routes and socket handlers
 * ask `can(principal, permission, officeId)`; the role-matrix test walks every route against it.
 *
 * One rule needs live state and is checked where the state is read: an officer may operate only
 * the counter they are signed in at (`mayOperateCounter`); supervisors and admins any counter of
 * their offices.
 */
import type { Principal } from './principal.js';

export type Permission =
  /** Public office configuration, a ticket's public status. */
  | 'office:read-public'
  /** Snapshot, events, replay: the live picture (no personal data, but not for anonymous scraping). */
  | 'office:read-live'
  /**
   * The live picture for staff only: the waiting tickets themselves (officer console, supervisor
   * board) — priority marks and reasons included, so not for the office's kiosks and displays. An
   * officer may look at any counter's queue, not only their own.
   */
  | 'office:read-staff'
  /** Issue a ticket (kiosks for their office; staff on behalf of a citizen). */
  | 'ticket:issue'
  /** Sign in at a counter of the office. */
  | 'counter:sign-in'
  /** Counter operations (call, recall, start, complete, no-show, transfer, open, pause, close, sign-out). */
  | 'counter:operate'
  /** Cancel or requeue a ticket. */
  | 'ticket:manage'
  /** The office's reports: how accurate the wait estimates were (supervisors and admins). */
  | 'office:reports'
  /** Devices of an office: pair, list, revoke. */
  | 'admin:devices'
  /** Offices: create and change definitions. */
  | 'admin:offices'
  /** User accounts. */
  | 'admin:users';

function memberOf(p: Principal, officeId: string | undefined): boolean {
  if (p.kind === 'user')
    return p.role === 'admin' || (officeId !== undefined && p.officeIds.includes(officeId));
  if (p.kind === 'device') return p.officeId === officeId;
  return false;
}

/** May `p` do `permission` in `officeId` (omitted for office-less permissions)? */
export function can(p: Principal, permission: Permission, officeId?: string): boolean {
  switch (permission) {
    case 'office:read-public':
      return true;
    case 'office:read-live':
      return memberOf(p, officeId);
    case 'ticket:issue':
      return (
        (p.kind === 'device' && p.deviceKind === 'kiosk' && p.officeId === officeId) ||
        (p.kind === 'user' && memberOf(p, officeId))
      );
    case 'office:read-staff':
    case 'counter:sign-in':
    case 'counter:operate':
    case 'ticket:manage':
      return p.kind === 'user' && memberOf(p, officeId);
    case 'office:reports':
    case 'admin:devices':
      return p.kind === 'user' && (p.role === 'admin' || (p.role === 'supervisor' && memberOf(p, officeId)));
    case 'admin:offices':
    case 'admin:users':
      return p.kind === 'user' && p.role === 'admin';
  }
}

/**
 * The live-state half of `counter:operate`: an officer only at the counter they are signed in at;
 * supervisors and admins at any counter of their offices.
 */
export function mayOperateCounter(
  p: Principal,
  officeId: string,
  counterOfficerId: string | undefined,
): boolean {
  if (!can(p, 'counter:operate', officeId) || p.kind !== 'user') return false;
  return p.role !== 'officer' || counterOfficerId === p.userId;
}
