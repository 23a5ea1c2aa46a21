/**
 * The supervisor board's alerts, as a pure function of the room's picture, so the server (the
 * board API) and the board page (which re-evaluates them every few seconds between refreshes)
 * raise exactly the same ones:
 * - `long-wait`: a service's oldest waiting ticket has waited longer than `waitMinutes`;
 * - `idle-counter`: an open counter has held no ticket for longer than `idleMinutes` while one of
 *   its services has a queue;
 * - `long-service`: a counter's ticket has been called or served for longer than `serviceFactor` ×
 *   its service's norm (ServiceConfig.serviceMinutes).
 * Each alert says since when its situation has lasted (`since`), so the page shows "for N minutes"
 * without asking again.
 */
import type { CounterStatus } from './types.js';

export interface AlertThresholds {
  waitMinutes: number;
  idleMinutes: number;
  serviceFactor: number;
}

export const ALERT_KINDS = ['long-wait', 'idle-counter', 'long-service'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface BoardAlert {
  kind: AlertKind;
  /** idle-counter, long-service: the counter. */
  counterId?: string;
  /** long-wait, long-service: the service. */
  serviceId?: string;
  /** long-service: the ticket's number as announced. */
  number?: string;
  /** When the situation began: the oldest ticket's issue time, the counter's last free moment, the call. */
  since: number;
  /** The threshold it went beyond, minutes. */
  limitMinutes: number;
}

/** What the alerts look at: a subset of the board's picture. */
export interface AlertInput {
  now: number;
  thresholds: AlertThresholds;
  /** Service id → its norm in minutes. */
  serviceMinutes: Record<string, number>;
  services: { serviceId: string; waiting: number; oldestIssuedAt: number | null }[];
  counters: {
    id: string;
    status: CounterStatus;
    services: string[];
    /** Since when the counter has held no ticket (undefined while it holds one). */
    idleSince?: number | undefined;
    ticket: { number: string; serviceId: string; calledAt?: number; servingAt?: number } | null;
  }[];
}

const MINUTE = 60_000;

/** Alerts in a stable order: waits, then idle counters, then long services; oldest first within a kind. */
export function boardAlerts(input: AlertInput): BoardAlert[] {
  const { now, thresholds } = input;
  const alerts: BoardAlert[] = [];
  const waiting = new Map(input.services.map((s) => [s.serviceId, s.waiting]));

  for (const s of input.services) {
    if (
      s.waiting > 0 &&
      s.oldestIssuedAt !== null &&
      now - s.oldestIssuedAt > thresholds.waitMinutes * MINUTE
    )
      alerts.push({
        kind: 'long-wait',
        serviceId: s.serviceId,
        since: s.oldestIssuedAt,
        limitMinutes: thresholds.waitMinutes,
      });
  }
  for (const c of input.counters) {
    if (
      c.status === 'open' &&
      c.ticket === null &&
      c.idleSince !== undefined &&
      now - c.idleSince > thresholds.idleMinutes * MINUTE &&
      c.services.some((id) => (waiting.get(id) ?? 0) > 0)
    )
      alerts.push({
        kind: 'idle-counter',
        counterId: c.id,
        since: c.idleSince,
        limitMinutes: thresholds.idleMinutes,
      });
  }
  for (const c of input.counters) {
    const t = c.ticket;
    const started = t?.servingAt ?? t?.calledAt;
    const norm = t ? input.serviceMinutes[t.serviceId] : undefined;
    if (!t || started === undefined || norm === undefined) continue;
    const limitMinutes = Math.round(norm * thresholds.serviceFactor * 10) / 10;
    if (now - started > limitMinutes * MINUTE)
      alerts.push({
        kind: 'long-service',
        counterId: c.id,
        serviceId: t.serviceId,
        number: t.number,
        since: started,
        limitMinutes,
      });
  }
  const rank = (a: BoardAlert) => ALERT_KINDS.indexOf(a.kind);
  return alerts.sort((a, b) => rank(a) - rank(b) || a.since - b.since);
}
