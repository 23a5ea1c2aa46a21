/**
 * The office board (shared/protocol/board.ts) put together from the store's reads: the live state,
 * today's activity, the heads of every waiting list (for the longest wait per service), the tickets
 * the counters hold, and the officers' names. Several reads, not one instant: the board is refreshed
 * on the office's live events, so a change landing between two reads shows at the next refresh.
 */
import { boardAlerts } from '../../shared/domain/board-alerts.js';
import { alertThresholds } from '../../shared/domain/office-config.js';
import { officeListIds } from '../../shared/domain/policy.js';
import type { Ticket } from '../../shared/domain/types.js';
import type { BoardCounter, BoardService, NoShow, OfficeBoard } from '../../shared/protocol/board.js';
import { QueueError } from '../../shared/protocol/errors.js';
import type { AccountStore } from '../auth/account-store.js';
import type { TicketStore } from '../store/types.js';

/**
 * Tickets read from the head of each list to find the longest wait: a list is ordered by sort key,
 * which is the issue time except for tickets put at the front by a transfer or a requeue, so the
 * oldest ticket is among the first few unless more than this many were put ahead of it.
 */
const OLDEST_LOOKAHEAD = 20;

function boardTicket(t: Ticket): NonNullable<BoardCounter['ticket']> {
  const v: NonNullable<BoardCounter['ticket']> = {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    status: t.status,
    priority: t.priority,
    recalls: t.recalls,
    issuedAt: t.issuedAt,
  };
  if (t.priorityReason !== undefined) v.priorityReason = t.priorityReason;
  if (t.calledAt !== undefined) v.calledAt = t.calledAt;
  if (t.servingAt !== undefined) v.servingAt = t.servingAt;
  return v;
}

function noShowOf(t: Ticket): NoShow {
  const v: NoShow = {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    priority: t.priority,
    finishedAt: t.finishedAt ?? t.calledAt ?? t.issuedAt,
  };
  if (t.counterId !== undefined) v.counterId = t.counterId;
  if (t.calledAt !== undefined) v.calledAt = t.calledAt;
  return v;
}

export async function officeBoard(
  store: TicketStore,
  accounts: AccountStore,
  officeId: string,
  now: number,
): Promise<OfficeBoard> {
  const office = await store.officeConfig(officeId);
  if (!office) throw new QueueError('OFFICE_NOT_FOUND');
  const listIds = officeListIds(office);
  const [state, day, heads] = await Promise.all([
    store.getState(officeId),
    store.dayActivity(officeId),
    store.waitingLists(officeId, listIds, OLDEST_LOOKAHEAD),
  ]);

  const oldest = new Map<string, number>();
  for (const list of Object.values(heads.lists))
    for (const t of list) oldest.set(t.serviceId, Math.min(oldest.get(t.serviceId) ?? Infinity, t.issuedAt));
  const services: BoardService[] = office.services.map((s) => ({
    serviceId: s.id,
    waiting: state.waiting[s.id] ?? 0,
    oldestIssuedAt: oldest.get(s.id) ?? null,
  }));

  const names = new Map<string, string>();
  await Promise.all(
    [...new Set(state.counters.flatMap((c) => (c.officerId === undefined ? [] : [c.officerId])))].map(
      async (id) => {
        const user = await accounts.getUser(id);
        names.set(id, user?.displayName || id);
      },
    ),
  );

  const counters = await Promise.all(
    office.counters.map(async (config): Promise<BoardCounter> => {
      const live = state.counters.find((c) => c.id === config.id);
      const held =
        live?.currentTicketId === undefined
          ? undefined
          : await store.getTicket(officeId, live.currentTicketId);
      const today = day.counters[config.id] ?? { served: 0, serviceMs: 0, noShows: 0 };
      const status = live?.status ?? 'closed';
      const since = live?.since ?? 0;
      const counter: BoardCounter = {
        id: config.id,
        number: config.number,
        name: config.name,
        services: config.services.map((s) => s.serviceId),
        status,
        since,
        officer:
          live?.officerId === undefined
            ? null
            : { id: live.officerId, name: names.get(live.officerId) ?? live.officerId },
        ticket: held ? boardTicket(held) : null,
        today: { served: today.served, serviceMs: today.serviceMs, noShows: today.noShows },
      };
      if (live?.pauseReason !== undefined) counter.pauseReason = live.pauseReason;
      // Free since it opened, or since it last let a ticket go, whichever is later.
      if (status === 'open' && !held) counter.idleSince = Math.max(since, today.lastEndedAt ?? 0);
      return counter;
    }),
  );

  const thresholds = alertThresholds(office);
  return {
    officeId,
    seq: state.seq,
    businessDate: state.businessDate,
    now,
    thresholds,
    counters,
    services,
    noShows: day.noShows.map(noShowOf),
    noShowTotal: day.noShowTotal,
    alerts: boardAlerts({
      now,
      thresholds,
      serviceMinutes: Object.fromEntries(office.services.map((s) => [s.id, s.serviceMinutes])),
      services,
      counters,
    }),
  };
}
