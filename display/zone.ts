/**
 * Zones: a display for part of a big hall. `?counters=c1,c2` shows those counters; `?services=…`
 * the counters that serve any of those services; both together, the union. Waiting counts are
 * shown for the listed services, or else for the services the zone's counters serve. The latest
 * call, the recent calls and the announcements are those made at the zone's counters.
 */
import type { PublicOffice } from '../shared/protocol/http.js';
import type { DisplayParams } from './params.js';

export interface Zone {
  /** Counter ids shown, in the office's order (by counter number). */
  counterIds: string[];
  /** Service ids whose waiting is shown, in the office's order. */
  serviceIds: string[];
  has(counterId: string): boolean;
}

export function zoneOf(office: PublicOffice, params: Pick<DisplayParams, 'counters' | 'services'>): Zone {
  const byNumber = [...office.counters].sort((a, b) => a.number - b.number);
  const wantCounters = params.counters && new Set(params.counters);
  const wantServices = params.services && new Set(params.services);
  const everything = !wantCounters && !wantServices;
  const counters = byNumber.filter(
    (c) =>
      everything ||
      wantCounters?.has(c.id) === true ||
      (wantServices !== undefined && c.services.some((s) => wantServices.has(s))),
  );
  const served = new Set(counters.flatMap((c) => c.services));
  const serviceIds = office.services
    .map((s) => s.id)
    .filter((id) => (wantServices ? wantServices.has(id) : everything || served.has(id)));
  const ids = new Set(counters.map((c) => c.id));
  return { counterIds: counters.map((c) => c.id), serviceIds, has: (id) => ids.has(id) };
}
