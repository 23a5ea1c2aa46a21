/**
 * What the service screen shows: the office's services in their configured order, where the
 * services of a group (serviceGroups + groupId) sit behind one group tile at the place of the
 * group's first service — a second level only where an office groups services.
 */
import { addDays, nextOpening, zonedTimeToEpoch } from '../shared/domain/calendar.js';
import type { OfficeConfig } from '../shared/domain/types.js';
import type { PublicOffice } from '../shared/protocol/http.js';
import type { KioskLang } from '../shared/i18n/kiosk.js';
import { nfc } from '../shared/i18n/text.js';

export type PublicService = PublicOffice['services'][number];
export type PublicGroup = NonNullable<PublicOffice['serviceGroups']>[number];

export type MenuItem =
  | { kind: 'service'; service: PublicService }
  | { kind: 'group'; group: PublicGroup; services: PublicService[] };

/** The first level (no `groupId`) or the services of one group. */
export function menuItems(office: PublicOffice, groupId?: string): MenuItem[] {
  const groups = new Map((office.serviceGroups ?? []).map((g) => [g.id, g]));
  const groupOf = (s: PublicService) => (s.groupId !== undefined ? groups.get(s.groupId) : undefined);
  if (groupId !== undefined) {
    return office.services
      .filter((s) => groupOf(s)?.id === groupId)
      .map((service) => ({ kind: 'service', service }));
  }
  const items: MenuItem[] = [];
  const placed = new Map<string, { kind: 'group'; group: PublicGroup; services: PublicService[] }>();
  for (const service of office.services) {
    const group = groupOf(service);
    if (!group) {
      items.push({ kind: 'service', service });
      continue;
    }
    let item = placed.get(group.id);
    if (!item) {
      item = { kind: 'group', group, services: [] };
      placed.set(group.id, item);
      items.push(item);
    }
    item.services.push(service);
  }
  return items;
}

/** A configured name in the citizen's language (English falls back to Vietnamese), NFC. */
export function nameIn(name: { vi: string; en: string }, lang: KioskLang): string {
  return nfc((lang === 'en' && name.en.trim() !== '' ? name.en : name.vi).trim());
}

/**
 * When the office opens on its next business day: where a service's daily cap is reached, that is
 * when it issues again. Computed from the public hours and the office's business date (not the
 * kiosk's clock, which may be wrong).
 */
export function nextBusinessDayOpening(office: PublicOffice): number | undefined {
  const calendar = {
    timeZone: office.timeZone,
    sessions: office.sessions,
    holidays: office.holidays,
  } as Pick<OfficeConfig, 'timeZone' | 'sessions' | 'holidays'> as OfficeConfig;
  const endOfToday = zonedTimeToEpoch(addDays(office.businessDate, 1), 0, office.timeZone) - 1;
  return nextOpening(calendar, endOfToday);
}
