/**
 * What every store does before touching state: check the command's shape and resolve it against
 * the office configuration (unknown service or counter, opening hours, numbering). Both engines
 * call these, so configuration-level answers are identical by construction; only state-level
 * checks (transitions.ts, and the Lua scripts) live in each engine.
 */
import { QueueError } from '../protocol/errors.js';
import { businessDate, issueWindow } from './calendar.js';
import { SLUG, TOKEN } from './ids.js';
import { issueSortKey } from './policy.js';
import type {
  Command,
  CounterConfig,
  Numbering,
  OfficeConfig,
  ServiceConfig,
  TicketPrediction,
} from './types.js';
import type { TransitionContext } from './transitions.js';

/** Longest free text an officer may type (pause reason, outcome, priority reason). */
export const MAX_TEXT = 120;

function checkText(problems: string[], name: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
    problems.push(`${name}: must be text of 1–${MAX_TEXT} characters`);
  }
}

function checkId(problems: string[], name: string, value: unknown, pattern: RegExp): void {
  if (typeof value !== 'string' || !pattern.test(value)) problems.push(`${name}: malformed identifier`);
}

/** A prediction's minutes: a whole number within a day. */
export const MAX_PREDICTION_MINUTES = 1440;
/** A model version: a short token (`replay-1`). */
const MODEL_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,39}$/;
const PREDICTION_KEYS = new Set(['minutes', 'low', 'high', 'notToday', 'version']);

function checkMinutes(problems: string[], name: string, value: unknown): value is number {
  if (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_PREDICTION_MINUTES)
    return true;
  problems.push(`${name}: a whole number of minutes, 0–${MAX_PREDICTION_MINUTES}`);
  return false;
}

/**
 * The problems of an issue's `prediction` (Ticket.prediction): minutes, and low/high together,
 * whole numbers 0–1440 with low ≤ minutes ≤ high; notToday only `true`; version a short token; no
 * other field. Empty when it is well formed.
 */
export function predictionProblems(value: unknown, name = 'prediction'): string[] {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${name}: must be an object`];
  }
  const p = value as Record<string, unknown>;
  for (const key of Object.keys(p))
    if (!PREDICTION_KEYS.has(key)) problems.push(`${name}.${key}: unknown field`);
  const minutesOk = checkMinutes(problems, `${name}.minutes`, p.minutes);
  if ((p.low === undefined) !== (p.high === undefined)) {
    problems.push(`${name}: low and high go together`);
  } else if (p.low !== undefined) {
    const lowOk = checkMinutes(problems, `${name}.low`, p.low);
    const highOk = checkMinutes(problems, `${name}.high`, p.high);
    if (
      minutesOk &&
      lowOk &&
      highOk &&
      !((p.low as number) <= (p.minutes as number) && (p.minutes as number) <= (p.high as number))
    )
      problems.push(`${name}: low ≤ minutes ≤ high`);
  }
  if (p.notToday !== undefined && p.notToday !== true) problems.push(`${name}.notToday: true or absent`);
  if (typeof p.version !== 'string' || !MODEL_VERSION_PATTERN.test(p.version))
    problems.push(`${name}.version: a short token (letters, digits, . _ : -; at most 40)`);
  return problems;
}

/**
 * A well-formed prediction as both engines store it: only its own fields, in one order (minutes,
 * low, high, notToday, version: what JSON.stringify writes for Redis), -0 as 0.
 */
function normalizePrediction(p: TicketPrediction): TicketPrediction {
  const out = { minutes: p.minutes + 0 } as TicketPrediction;
  if (p.low !== undefined && p.high !== undefined) {
    out.low = p.low + 0;
    out.high = p.high + 0;
  }
  if (p.notToday === true) out.notToday = true;
  out.version = p.version;
  return out;
}

/** Throws INVALID_INPUT listing every problem of a command's shape. */
export function validateCommand(cmd: Command): void {
  const problems: string[] = [];
  const c = cmd as Record<string, unknown>;
  if (c.requestId !== undefined) checkId(problems, 'requestId', c.requestId, TOKEN);
  if ('counterId' in cmd) checkId(problems, 'counterId', cmd.counterId, SLUG);
  if ('ticketId' in cmd && cmd.ticketId !== undefined) checkId(problems, 'ticketId', cmd.ticketId, TOKEN);
  switch (cmd.type) {
    case 'issue':
      checkId(problems, 'serviceId', cmd.serviceId, SLUG);
      if (!['kiosk', 'officer', 'api'].includes(cmd.channel)) problems.push('channel: kiosk, officer or api');
      if (cmd.priority !== undefined && typeof cmd.priority !== 'boolean')
        problems.push('priority: true or false');
      checkText(problems, 'priorityReason', cmd.priorityReason, false);
      if (cmd.prediction !== undefined) problems.push(...predictionProblems(cmd.prediction));
      break;
    case 'complete':
      checkText(problems, 'outcome', cmd.outcome, false);
      break;
    case 'pauseCounter':
      checkText(problems, 'reason', cmd.reason, true);
      break;
    case 'signIn':
      checkId(problems, 'officerId', cmd.officerId, SLUG);
      break;
    case 'requeue':
      if (cmd.position !== 'front' && cmd.position !== 'original')
        problems.push('position: front or original');
      break;
    case 'transfer':
      if (!['front', 'back', 'issueTime'].includes(cmd.position))
        problems.push('position: front, back or issueTime');
      if (typeof cmd.to !== 'object' || cmd.to === null) problems.push('to: { serviceId } or { counterId }');
      else if ('serviceId' in cmd.to) checkId(problems, 'to.serviceId', cmd.to.serviceId, SLUG);
      else if ('counterId' in cmd.to) checkId(problems, 'to.counterId', cmd.to.counterId, SLUG);
      else problems.push('to: { serviceId } or { counterId }');
      break;
    default:
      break;
  }
  if (problems.length > 0) throw new QueueError('INVALID_INPUT', { problems });
}

export function serviceOf(office: OfficeConfig, serviceId: string): ServiceConfig {
  const service = office.services.find((s) => s.id === serviceId);
  if (!service) throw new QueueError('UNKNOWN_SERVICE');
  return service;
}

export function counterOf(office: OfficeConfig, counterId: string): CounterConfig {
  const counter = office.counters.find((c) => c.id === counterId);
  if (!counter) throw new QueueError('UNKNOWN_COUNTER');
  return counter;
}

const nfc = (text: string): string => text.trim().normalize('NFC');

/** Free text is stored trimmed and in NFC, so the same words always compare and print the same. */
function normalizeText(cmd: Command): Command {
  switch (cmd.type) {
    case 'issue': {
      const out = { ...cmd };
      if (cmd.priorityReason !== undefined) out.priorityReason = nfc(cmd.priorityReason);
      if (cmd.prediction !== undefined) out.prediction = normalizePrediction(cmd.prediction);
      return out;
    }
    case 'complete':
      return cmd.outcome === undefined ? cmd : { ...cmd, outcome: nfc(cmd.outcome) };
    case 'pauseCounter':
      return { ...cmd, reason: nfc(cmd.reason) };
    default:
      return cmd;
  }
}

/**
 * Validates a command fully against the configuration (not against state) and returns it with its
 * free text normalised. Throws INVALID_INPUT, UNKNOWN_SERVICE or UNKNOWN_COUNTER.
 */
export function prepareCommand<C extends Command>(office: OfficeConfig, input: C): C {
  validateCommand(input);
  const cmd = normalizeText(input) as C;
  if (cmd.type === 'issue') serviceOf(office, cmd.serviceId);
  if ('counterId' in cmd) counterOf(office, cmd.counterId);
  if (cmd.type === 'transfer') {
    if ('serviceId' in cmd.to) serviceOf(office, cmd.to.serviceId);
    else counterOf(office, cmd.to.counterId);
  }
  return cmd;
}

export function transitionContext(office: OfficeConfig, now: number, requestId?: string): TransitionContext {
  const ctx: TransitionContext = {
    officeId: office.id,
    now,
    today: businessDate(now, office.timeZone),
    policy: office.policy,
  };
  if (requestId !== undefined) ctx.requestId = requestId;
  return ctx;
}

export interface IssuePlan {
  serviceId: string;
  numbering: Numbering;
  dailyCap?: number;
  priority: boolean;
  priorityReason?: string;
  /** The estimate shown with the ticket, as stored on it. */
  prediction?: TicketPrediction;
  sortKey: number;
}

/**
 * Everything about an issue that depends on configuration and time: service, hours (kiosk and API
 * only — an officer issuing for a walk-in may do so outside the ticket hours), sort key.
 * Cap and numbering are decided by the store, atomically with the write.
 */
export function planIssue(
  office: OfficeConfig,
  cmd: Extract<Command, { type: 'issue' }>,
  now: number,
): IssuePlan {
  const service = serviceOf(office, cmd.serviceId);
  if (cmd.channel !== 'officer') {
    const window = issueWindow(office, now);
    if (!window.open) {
      throw new QueueError(
        window.reason,
        window.nextOpening === undefined ? {} : { nextOpening: window.nextOpening },
      );
    }
  }
  const priority = cmd.priority === true;
  const plan: IssuePlan = {
    serviceId: service.id,
    numbering: service.numbering,
    priority,
    sortKey: issueSortKey(office.policy, priority, now),
  };
  if (service.dailyCap !== undefined) plan.dailyCap = service.dailyCap;
  if (priority && cmd.priorityReason !== undefined) plan.priorityReason = cmd.priorityReason;
  if (cmd.prediction !== undefined) plan.prediction = cmd.prediction;
  return plan;
}
