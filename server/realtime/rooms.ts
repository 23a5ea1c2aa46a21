/**
 * The only place room names are made. One office has one room per audience, so a broadcast is
 * shaped once per audience and a socket only ever receives what its principal may read.
 */
import type { LiveAudience } from '../../shared/protocol/events.js';
import type { Principal } from '../auth/principal.js';

export const AUDIENCES: readonly LiveAudience[] = ['staff', 'device'];

export function officeRoom(officeId: string, audience: LiveAudience): string {
  return `office:${officeId}:${audience}`;
}

/** Which shape of the live stream a principal gets; anonymous gets none. */
export function audienceOf(p: Principal): LiveAudience | undefined {
  if (p.kind === 'user') return 'staff';
  if (p.kind === 'device') return 'device';
  return undefined;
}
