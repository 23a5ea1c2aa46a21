/**
 * The only place room names are made. One office has one room per audience, so a broadcast is
 * shaped once per audience and a socket only ever receives what its principal may read. A ticket
 * has a room of its own for its watchers (the citizen's phone page), who receive that ticket's
 * public changes and nothing of the office's stream.
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

/**
 * The watchers of one ticket. Ticket ids are unique across offices (128 random bits), so the id
 * alone names the room; the `ticket:` prefix keeps it apart from every office room.
 */
export function ticketRoom(ticketId: string): string {
  return `ticket:${ticketId}`;
}

/**
 * The consoles working one counter (`counter:attach`, server/realtime/handlers/console.ts): more than
 * one member means the counter is open in more than one browser. Office and counter ids are slugs
 * (no `:`), so the pair names the room unambiguously.
 */
export function counterConsoleRoom(officeId: string, counterId: string): string {
  return `console:${officeId}:${counterId}`;
}

/** The print agent of one kiosk (server/realtime/handlers/print-agent.ts). */
export function printAgentRoom(deviceId: string): string {
  return `print-agent:${deviceId}`;
}
