/**
 * Validates and completes an office configuration from any source (API, YAML/JSON seed file, store).
 * Every problem is reported with its path ("services[2].numbering.width: …") so an administrator can
 * fix a file without a developer.
 */
import { QueueError } from '../protocol/errors.js';
import { DEFAULT_TIME_ZONE, isValidTimeZone, parseClock, WEEKDAYS } from './calendar.js';
import { voiceSettingsProblems, withVoiceDefaults, type VoiceSettings } from '../i18n/announcement.js';
import { SLUG } from './ids.js';
import { rangeEnd } from './numbering.js';
import {
  SERVICE_ICONS,
  type CallingPolicy,
  type CounterConfig,
  type OfficeAlerts,
  type OfficeVoice,
  type OfficeConfig,
  type ServiceConfig,
  type ServiceGroup,
  type ServiceIcon,
  type Session,
  type Weekday,
} from './types.js';

/** The default calling policy: oldest eligible first, one priority ticket per 2 normal ones. */
export const DEFAULT_POLICY: CallingPolicy = { kind: 'oldest', priorityEvery: 2 };

/** The supervisor alert thresholds of an office that sets none (docs/api.md, office definitions). */
export const DEFAULT_ALERTS: Required<OfficeAlerts> = Object.freeze({
  waitMinutes: 30,
  idleMinutes: 3,
  serviceFactor: 2,
});

/** An office's alert thresholds, its own where it set them and the defaults elsewhere. */
export function alertThresholds(office: OfficeConfig): Required<OfficeAlerts> {
  const own = office.alerts ?? {};
  return {
    waitMinutes: own.waitMinutes ?? DEFAULT_ALERTS.waitMinutes,
    idleMinutes: own.idleMinutes ?? DEFAULT_ALERTS.idleMinutes,
    serviceFactor: own.serviceFactor ?? DEFAULT_ALERTS.serviceFactor,
  };
}

/** The longest outcome text: the complete command's limit (`outcome` in shared/protocol/http.ts). */
export const OUTCOME_MAX_LENGTH = 120;
/** The most outcomes a service offers the officer. */
export const OUTCOMES_MAX = 20;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isText = (v: unknown, max = 200): v is string =>
  typeof v === 'string' && v.trim() !== '' && v.length <= max;

class Problems {
  readonly list: string[] = [];
  add(path: string, what: string): void {
    this.list.push(`${path}: ${what}`);
  }
}

function readSessions(p: Problems, path: string, raw: unknown): Partial<Record<Weekday, Session[]>> {
  const out: Partial<Record<Weekday, Session[]>> = {};
  if (!isObject(raw)) {
    p.add(path, 'must map weekdays (mon … sun) to lists of {open, close, cutoff}');
    return out;
  }
  for (const [day, list] of Object.entries(raw)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      p.add(`${path}.${day}`, 'unknown weekday (use mon, tue, wed, thu, fri, sat, sun)');
      continue;
    }
    if (!Array.isArray(list)) {
      p.add(`${path}.${day}`, 'must be a list of sessions');
      continue;
    }
    const sessions: Session[] = [];
    list.forEach((s: unknown, i) => {
      const at = `${path}.${day}[${i}]`;
      if (!isObject(s)) return p.add(at, 'must be {open: "HH:MM", close: "HH:MM", cutoff?: "HH:MM"}');
      const open = parseClock(String(s.open));
      const close = parseClock(String(s.close));
      const cutoffText = s.cutoff === undefined ? String(s.close) : String(s.cutoff);
      const cutoff = parseClock(cutoffText);
      if (Number.isNaN(open)) return p.add(`${at}.open`, 'must be a 24-hour time like "07:30"');
      if (Number.isNaN(close)) return p.add(`${at}.close`, 'must be a 24-hour time like "11:30"');
      if (Number.isNaN(cutoff)) return p.add(`${at}.cutoff`, 'must be a 24-hour time like "11:00"');
      if (close <= open) return p.add(at, 'closes before it opens');
      if (cutoff <= open || cutoff > close)
        return p.add(`${at}.cutoff`, 'must be after open and not after close');
      const prev = sessions.at(-1);
      if (prev && parseClock(prev.close) > open) return p.add(at, 'overlaps the previous session');
      sessions.push({ open: String(s.open), close: String(s.close), cutoff: cutoffText });
    });
    out[day as Weekday] = sessions;
  }
  return out;
}

function readPolicy(p: Problems, raw: unknown): CallingPolicy {
  if (raw === undefined) return DEFAULT_POLICY;
  if (!isObject(raw)) {
    p.add('policy', 'must be an object with kind oldest, strict or ageing');
    return DEFAULT_POLICY;
  }
  switch (raw.kind) {
    case 'strict':
      return { kind: 'strict' };
    case 'oldest': {
      const every = raw.priorityEvery ?? 2;
      if (!isInt(every, 0, 100))
        p.add('policy.priorityEvery', 'must be a whole number 0–100 (0 = priority always first)');
      return { kind: 'oldest', priorityEvery: isInt(every, 0, 100) ? every : 2 };
    }
    case 'ageing': {
      const alpha = raw.alphaPerMinute ?? 1;
      const weight = raw.priorityWeight ?? 30;
      if (typeof alpha !== 'number' || !(alpha > 0) || alpha > 1000)
        p.add('policy.alphaPerMinute', 'must be a number > 0');
      if (typeof weight !== 'number' || !(weight >= 0) || weight > 100_000)
        p.add('policy.priorityWeight', 'must be a number ≥ 0');
      return { kind: 'ageing', alphaPerMinute: Number(alpha) || 1, priorityWeight: Number(weight) || 0 };
    }
    default:
      p.add('policy.kind', 'must be oldest, strict or ageing');
      return DEFAULT_POLICY;
  }
}

function readService(p: Problems, path: string, raw: unknown): ServiceConfig | undefined {
  if (!isObject(raw)) {
    p.add(path, 'must be an object');
    return undefined;
  }
  const name = isObject(raw.name) ? raw.name : {};
  const n = isObject(raw.numbering) ? raw.numbering : {};
  if (typeof raw.id !== 'string' || !SLUG.test(raw.id))
    p.add(`${path}.id`, 'must be a slug (a-z, 0-9, - and _)');
  if (!isText(name.vi)) p.add(`${path}.name.vi`, 'is required (Vietnamese name)');
  if (name.en !== undefined && !isText(name.en)) p.add(`${path}.name.en`, 'must be text');
  const prefix = n.prefix ?? '';
  const width = n.width ?? 3;
  const start = n.start ?? 1;
  if (typeof prefix !== 'string' || !/^[A-Z0-9]{0,3}$/.test(prefix))
    p.add(`${path}.numbering.prefix`, 'must be 0–3 capital letters or digits');
  if (!isInt(width, 1, 6)) p.add(`${path}.numbering.width`, 'must be a whole number 1–6');
  if (!isInt(start, 0, 999_999)) p.add(`${path}.numbering.start`, 'must be a whole number ≥ 0');
  const numbering = {
    prefix: String(prefix),
    width: Number(width),
    start: Number(start),
  } as ServiceConfig['numbering'];
  if (n.end !== undefined) {
    if (!isInt(n.end, numbering.start, 10 ** numbering.width - 1)) {
      p.add(`${path}.numbering.end`, 'must be ≥ start and fit in width digits');
    } else numbering.end = n.end;
  } else if (isInt(width, 1, 6) && isInt(start, 0, 999_999) && start > rangeEnd(numbering)) {
    p.add(`${path}.numbering.start`, 'does not fit in width digits');
  }
  if (n.wrap !== undefined) {
    if (typeof n.wrap !== 'boolean') p.add(`${path}.numbering.wrap`, 'must be true or false');
    else if (n.wrap) numbering.wrap = true;
  }
  const minutes = raw.serviceMinutes ?? 10;
  if (typeof minutes !== 'number' || !(minutes > 0) || minutes > 600)
    p.add(`${path}.serviceMinutes`, 'must be minutes, > 0');
  const service: ServiceConfig = {
    id: String(raw.id),
    name: {
      vi: String(name.vi ?? '').normalize('NFC'),
      en: String(name.en ?? name.vi ?? '').normalize('NFC'),
    },
    numbering,
    serviceMinutes: Number(minutes),
  };
  if (raw.dailyCap !== undefined) {
    if (!isInt(raw.dailyCap, 1, 1_000_000)) p.add(`${path}.dailyCap`, 'must be a whole number ≥ 1');
    else service.dailyCap = raw.dailyCap;
  }
  const icon = readIcon(p, `${path}.icon`, raw.icon);
  if (icon) service.icon = icon;
  if (raw.groupId !== undefined) {
    if (typeof raw.groupId !== 'string' || !SLUG.test(raw.groupId))
      p.add(`${path}.groupId`, 'must be the id of one of serviceGroups');
    else service.groupId = raw.groupId;
  }
  const outcomes = readOutcomes(p, `${path}.outcomes`, raw.outcomes);
  if (outcomes && outcomes.length > 0) service.outcomes = outcomes;
  return service;
}

/** A service's outcome choices: trimmed NFC texts, each once (an empty list is not stored). */
function readOutcomes(p: Problems, path: string, raw: unknown): string[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length > OUTCOMES_MAX) {
    p.add(path, `must be a list of at most ${OUTCOMES_MAX} texts`);
    return undefined;
  }
  const outcomes: string[] = [];
  raw.forEach((o: unknown, i) => {
    const at = `${path}[${i}]`;
    if (typeof o !== 'string') return p.add(at, `must be a text of at most ${OUTCOME_MAX_LENGTH} characters`);
    const text = o.normalize('NFC').trim();
    if (text === '') return p.add(at, 'must not be empty');
    if (text.length > OUTCOME_MAX_LENGTH)
      return p.add(at, `must be at most ${OUTCOME_MAX_LENGTH} characters (it has ${text.length})`);
    if (outcomes.includes(text)) return p.add(at, `"${text}" is listed twice`);
    outcomes.push(text);
  });
  return outcomes;
}

function readIcon(p: Problems, path: string, raw: unknown): ServiceIcon | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && (SERVICE_ICONS as readonly string[]).includes(raw))
    return raw as ServiceIcon;
  p.add(path, `must be one of ${SERVICE_ICONS.join(', ')}`);
  return undefined;
}

function readGroups(p: Problems, raw: unknown): ServiceGroup[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    p.add('serviceGroups', 'must be a list of {id, name: {vi, en}, icon?}');
    return undefined;
  }
  const groups: ServiceGroup[] = [];
  raw.forEach((g: unknown, i) => {
    const path = `serviceGroups[${i}]`;
    if (!isObject(g)) return p.add(path, 'must be an object');
    const name = isObject(g.name) ? g.name : {};
    if (typeof g.id !== 'string' || !SLUG.test(g.id))
      return p.add(`${path}.id`, 'must be a slug (a-z, 0-9, - and _)');
    if (groups.some((x) => x.id === g.id)) return p.add(`${path}.id`, `"${g.id}" is used twice`);
    if (!isText(name.vi)) return p.add(`${path}.name.vi`, 'is required (Vietnamese name)');
    const group: ServiceGroup = {
      id: g.id,
      name: { vi: String(name.vi).normalize('NFC'), en: String(name.en ?? name.vi).normalize('NFC') },
    };
    const icon = readIcon(p, `${path}.icon`, g.icon);
    if (icon) group.icon = icon;
    groups.push(group);
  });
  return groups;
}

const VOICE_KEYS = ['template', 'repeat', 'gapMs', 'dialect', 'numberReading', 'chime', 'packId'];

function readVoice(p: Problems, raw: unknown): OfficeVoice | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) {
    p.add('voice', 'must be an object');
    return undefined;
  }
  const voice: OfficeVoice = {};
  for (const key of Object.keys(raw))
    if (!VOICE_KEYS.includes(key)) p.add(`voice.${key}`, 'is not a voice setting');
  const { packId, ...rest } = raw;
  if (packId !== undefined) {
    if (typeof packId !== 'string' || !SLUG.test(packId))
      p.add('voice.packId', 'must be a voice pack id (a slug)');
    else voice.packId = packId;
  }
  const settings = { ...rest } as Partial<VoiceSettings>;
  if (settings.template !== undefined && !isText(settings.template)) {
    p.add('voice.template', 'must be a sentence with {số} and {quầy}');
    delete settings.template;
  }
  if (settings.chime !== undefined && typeof settings.chime !== 'boolean')
    p.add('voice.chime', 'must be true or false');
  if (typeof settings.template === 'string') settings.template = settings.template.normalize('NFC');
  // Checked with the defaults filled in, so that each problem names a field the office set.
  for (const problem of voiceSettingsProblems(withVoiceDefaults(settings))) p.add('voice', problem);
  Object.assign(voice, settings);
  return voice;
}

/** Each threshold's range, and what to say when a value is outside it. */
const ALERT_RANGES: Record<keyof OfficeAlerts, { min: number; max: number; what: string }> = {
  waitMinutes: { min: 1, max: 480, what: 'a number of minutes 1–480 (default 30)' },
  idleMinutes: { min: 1, max: 120, what: 'a number of minutes 1–120 (default 3)' },
  serviceFactor: {
    min: 1.1,
    max: 10,
    what: 'a number 1.1–10, times the service’s serviceMinutes (default 2)',
  },
};
const ALERT_KEYS = Object.keys(ALERT_RANGES) as (keyof OfficeAlerts)[];

/** A value as a problem message quotes it: `"30"`, `true`, `a list`. */
function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v;
}

/** The alert thresholds the office sets, keeping only those that differ from DEFAULT_ALERTS. */
function readAlerts(p: Problems, raw: unknown): OfficeAlerts | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) {
    p.add('alerts', 'must be an object {waitMinutes?, idleMinutes?, serviceFactor?}');
    return undefined;
  }
  for (const key of Object.keys(raw))
    if (!(ALERT_KEYS as string[]).includes(key))
      p.add(`alerts.${key}`, `is not an alert setting (use ${ALERT_KEYS.join(', ')})`);
  const alerts: OfficeAlerts = {};
  for (const key of ALERT_KEYS) {
    const value = raw[key];
    if (value === undefined) continue;
    const { min, max, what } = ALERT_RANGES[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
      p.add(`alerts.${key}`, `must be ${what}, not ${shown(value)}`);
    else if (value !== DEFAULT_ALERTS[key]) alerts[key] = value;
  }
  return Object.keys(alerts).length > 0 ? alerts : undefined;
}

function readCounter(
  p: Problems,
  path: string,
  raw: unknown,
  serviceIds: Set<string>,
): CounterConfig | undefined {
  if (!isObject(raw)) {
    p.add(path, 'must be an object');
    return undefined;
  }
  if (typeof raw.id !== 'string' || !SLUG.test(raw.id))
    p.add(`${path}.id`, 'must be a slug (a-z, 0-9, - and _)');
  if (!isInt(raw.number, 1, 9999)) p.add(`${path}.number`, 'must be a whole number 1–9999');
  const services: CounterConfig['services'] = [];
  if (!Array.isArray(raw.services) || raw.services.length === 0) {
    p.add(`${path}.services`, 'must list at least one service id, in preference order');
  } else {
    raw.services.forEach((s: unknown, i) => {
      const entry = typeof s === 'string' ? { serviceId: s } : isObject(s) ? s : {};
      const at = `${path}.services[${i}]`;
      if (typeof entry.serviceId !== 'string' || !serviceIds.has(entry.serviceId)) {
        return p.add(at, `unknown service "${String(entry.serviceId ?? s)}"`);
      }
      if (services.some((x) => x.serviceId === entry.serviceId)) return p.add(at, 'listed twice');
      const item: CounterConfig['services'][number] = { serviceId: entry.serviceId };
      if (entry.weight !== undefined) {
        if (
          typeof entry.weight !== 'number' ||
          !Number.isFinite(entry.weight) ||
          Math.abs(entry.weight) > 100_000
        ) {
          return p.add(`${at}.weight`, 'must be a number');
        }
        item.weight = entry.weight;
      }
      services.push(item);
    });
  }
  const number = Number(raw.number);
  return {
    id: String(raw.id),
    number,
    name: isText(raw.name) ? raw.name.normalize('NFC') : `Quầy ${number}`,
    services,
  };
}

/**
 * Checks an office configuration and fills in defaults (time zone Asia/Ho_Chi_Minh, the default
 * policy, no holidays). Throws INVALID_CONFIG with every problem found.
 */
export function parseOfficeConfig(raw: unknown): OfficeConfig {
  const p = new Problems();
  if (!isObject(raw)) throw new QueueError('INVALID_CONFIG', { problems: ['office: must be an object'] });
  if (typeof raw.id !== 'string' || !SLUG.test(raw.id)) p.add('id', 'must be a slug (a-z, 0-9, - and _)');
  if (!isText(raw.name)) p.add('name', 'is required');
  const timeZone = raw.timeZone ?? DEFAULT_TIME_ZONE;
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone))
    p.add('timeZone', 'must be an IANA time zone such as Asia/Ho_Chi_Minh');
  const holidays: string[] = [];
  if (raw.holidays !== undefined && !Array.isArray(raw.holidays))
    p.add('holidays', 'must be a list of dates YYYY-MM-DD');
  (Array.isArray(raw.holidays) ? raw.holidays : []).forEach((d: unknown, i) => {
    if (typeof d !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(d))
      p.add(`holidays[${i}]`, 'must be a date YYYY-MM-DD');
    else holidays.push(d);
  });
  const services: ServiceConfig[] = [];
  if (!Array.isArray(raw.services) || raw.services.length === 0)
    p.add('services', 'must list at least one service');
  (Array.isArray(raw.services) ? raw.services : []).forEach((s: unknown, i) => {
    const service = readService(p, `services[${i}]`, s);
    if (!service) return;
    if (services.some((x) => x.id === service.id))
      p.add(`services[${i}].id`, `"${service.id}" is used twice`);
    services.push(service);
  });
  const serviceIds = new Set(services.map((s) => s.id));
  const counters: CounterConfig[] = [];
  if (!Array.isArray(raw.counters)) p.add('counters', 'must be a list (may be empty)');
  (Array.isArray(raw.counters) ? raw.counters : []).forEach((c: unknown, i) => {
    const counter = readCounter(p, `counters[${i}]`, c, serviceIds);
    if (!counter) return;
    if (counters.some((x) => x.id === counter.id))
      p.add(`counters[${i}].id`, `"${counter.id}" is used twice`);
    if (counters.some((x) => x.number === counter.number))
      p.add(`counters[${i}].number`, `${counter.number} is used twice`);
    counters.push(counter);
  });
  const office: OfficeConfig = {
    id: String(raw.id),
    name: String(raw.name ?? '').normalize('NFC'),
    timeZone: String(timeZone),
    sessions: readSessions(p, 'sessions', raw.sessions ?? {}),
    holidays,
    policy: readPolicy(p, raw.policy),
    services,
    counters,
  };
  const groups = readGroups(p, raw.serviceGroups);
  if (groups) {
    office.serviceGroups = groups;
    services.forEach((s, i) => {
      if (s.groupId !== undefined && !groups.some((g) => g.id === s.groupId))
        p.add(`services[${i}].groupId`, `unknown group "${s.groupId}"`);
    });
  } else {
    services.forEach((s, i) => {
      if (s.groupId !== undefined) p.add(`services[${i}].groupId`, 'needs serviceGroups to be defined');
    });
  }
  const voice = readVoice(p, raw.voice);
  if (voice) office.voice = voice;
  if (raw.notices !== undefined) {
    if (!Array.isArray(raw.notices) || raw.notices.length > 20)
      p.add('notices', 'must be a list of at most 20 texts');
    else
      raw.notices.forEach((n: unknown, i) => {
        if (!isText(n) || n.length > 300) p.add(`notices[${i}]`, 'must be a text of at most 300 characters');
      });
    if (Array.isArray(raw.notices) && p.list.every((x) => !x.startsWith('notices')))
      office.notices = (raw.notices as string[]).map((n) => n.normalize('NFC'));
  }
  if (raw.priorityAtKiosk !== undefined) {
    if (typeof raw.priorityAtKiosk !== 'boolean') p.add('priorityAtKiosk', 'must be true or false');
    else office.priorityAtKiosk = raw.priorityAtKiosk;
  }
  const alerts = readAlerts(p, raw.alerts);
  if (alerts) office.alerts = alerts;
  if (p.list.length > 0) throw new QueueError('INVALID_CONFIG', { problems: p.list });
  return office;
}
