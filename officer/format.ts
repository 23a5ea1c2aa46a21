/** Small display helpers of the console. */
import type { PublicOffice } from '../shared/protocol/http.js';
import type { OfficerText } from '../shared/i18n/officer.js';

export function waitedText(t: OfficerText, ms: number): string {
  return t.minutes(Math.floor(Math.max(0, ms) / 60_000));
}

export function serviceName(office: PublicOffice, serviceId: string, lang: 'vi' | 'en'): string {
  const s = office.services.find((x) => x.id === serviceId);
  return s ? s.name[lang] || s.name.vi : serviceId;
}

/** An API refusal as the officer reads it: the sentence in the chosen language, and the code. */
export function errorText(t: OfficerText, code: string): string {
  return t.errors[code] ?? t.unknownError;
}
