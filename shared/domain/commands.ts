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
import type { Command, CounterConfig, Numbering, OfficeConfig, ServiceConfig } from './types.js';
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
    case 'issue':
      return cmd.priorityReason === undefined ? cmd : { ...cmd, priorityReason: nfc(cmd.priorityReason) };
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
  return plan;
}
