/**
 * The officer's console at one counter: the current ticket big, the actions with their shortcuts,
 * the waiting list, issuing on behalf of a citizen. The picture comes from the office's live feed;
 * an action's own answer (the counter and ticket after it) shows at once, until the feed catches up
 * to a newer seq. Beside the waiting list: today's figures at this counter, the no-shows of its
 * services (to requeue), and the office's waiting per service (the office board). If a supervisor
 * moves the officer or signs them out, the console follows (onMoved).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { NoShow } from '../../shared/protocol/board.js';
import type { CounterStateView, PublicOffice, TicketView } from '../../shared/protocol/http.js';
import { serverNow } from '../../web/server-clock.js';
import { currentUser, loadTicket, type PublicUser } from '../session.js';
import { useText } from '../text.js';
import { useCounterActions } from '../use-counter-actions.js';
import { useCounterQueue } from '../use-counter-queue.js';
import { useOfficeBoard } from '../use-office-board.js';
import { useStaffActions } from '../use-staff-action.js';
import { useLiveOffice } from '../../web/use-live-office.js';
import { useShortcuts } from '../use-shortcuts.js';
import { useConsolePresence } from '../use-console-presence.js';
import { ActionBar, type ActionAvailability, type ActionKey } from './ActionBar.js';
import { CompleteDialog } from './CompleteDialog.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { CurrentTicket, type CurrentTicketView } from './CurrentTicket.js';
import { ErrorNotice } from './ErrorNotice.js';
import { IssueDialog } from './IssueDialog.js';
import { PauseDialog } from './PauseDialog.js';
import { PresenceWarning } from './PresenceWarning.js';
import { ShortcutList } from './ShortcutList.js';
import { TransferDialog } from './TransferDialog.js';
import { NoShowList } from './NoShowList.js';
import { ServicesWaiting } from './ServicesWaiting.js';
import { TodayPanel } from './TodayPanel.js';
import { WaitingList } from './WaitingList.js';
import { StaffActionFailure } from './StaffActionFailure.js';

/** How long a console waits, signed out here, to learn whether it was moved elsewhere. */
const MOVE_SETTLE_MS = 1_500;

type Dialog = 'complete' | 'transfer' | 'pause' | 'issue' | null;
type Details = Partial<Pick<CurrentTicketView, 'recalls' | 'issuedAt' | 'calledAt' | 'priorityReason'>>;

/** What an action answered: newer than the live picture until the feed passes its seq. */
interface Answered {
  seq: number;
  counter: CounterStateView;
  ticket: TicketView | null;
}

const NOTHING: ActionAvailability = {
  open: false,
  callNext: false,
  recall: false,
  start: false,
  complete: false,
  noShow: false,
  transfer: false,
  pause: false,
  close: false,
};

function detailsOf(t: TicketView): Details {
  const d: Details = { recalls: t.recalls, issuedAt: t.issuedAt };
  if (t.calledAt !== undefined) d.calledAt = t.calledAt;
  if (t.priorityReason !== undefined) d.priorityReason = t.priorityReason;
  return d;
}

export function Console({
  office,
  counterId,
  user,
  onLeave,
  onSessionEnded,
  onMoved,
}: {
  office: PublicOffice;
  counterId: string;
  user: PublicUser;
  onLeave: () => void;
  onSessionEnded: () => void;
  /** The officer is no longer signed in here: moved to another counter (its id), or let go (null). */
  onMoved: (counterId: string | null) => void;
}) {
  const t = useText();
  const counterConfig = office.counters.find((c) => c.id === counterId);
  const [details, setDetails] = useState<Record<string, Details>>({});
  const [answered, setAnswered] = useState<Answered | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const canRef = useRef<ActionAvailability>(NOTHING);

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 15_000);
    return () => clearInterval(timer);
  }, []);

  // Signed in by the session cookie: no device token.
  const { view, live: liveOffice } = useLiveOffice(
    { token: '', officeId: office.id },
    {
      onCalls: (calls) => {
        const mine = calls.filter((c) => c.counterId === counterId);
        if (mine.length === 0) return;
        setDetails((d) => {
          const next = { ...d };
          for (const c of mine)
            next[c.ticketId] = { ...next[c.ticketId], recalls: c.recalls, calledAt: c.at };
          return next;
        });
      },
      onAuthDoubt: () => {
        currentUser().then(
          (u) => {
            if (!u) onSessionEnded();
          },
          () => undefined,
        );
      },
    },
  );
  const snap = view.snapshot;
  // One browser per counter: while another one works it (or took it over), this one does nothing.
  const presence = useConsolePresence(liveOffice, view.connected, office.id, counterId);
  const { queue, refresh } = useCounterQueue(office.id, counterId, snap?.seq);
  const { board, now: boardNow, refresh: refreshBoard } = useOfficeBoard(office.id, snap?.seq);
  /** The no-shows this counter may see to: of its services, or called here. */
  const mineOnly = (list: NoShow[]) =>
    list.filter((n) => n.counterId === counterId || counterConfig?.services.includes(n.serviceId));
  const staff = useStaffActions(() => {
    refresh();
    refreshBoard();
  });

  // A supervisor moved this officer, or signed them out: follow, rather than act on a counter
  // that is no longer theirs (the server would refuse every action anyway).
  const holder = snap?.counters.find((c) => c.id === counterId)?.officerId;
  const movedTo =
    snap !== undefined && holder !== user.id
      ? (snap.counters.find((c) => c.officerId === user.id)?.id ?? null)
      : undefined;
  useEffect(() => {
    if (movedTo === undefined) return;
    if (movedTo !== null) {
      onMoved(movedTo);
      return;
    }
    // A move is a sign-out here, then a sign-in there: two events. Let the second arrive.
    const timer = setTimeout(() => onMoved(null), MOVE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [movedTo]);

  const actions = useCounterActions(office.id, counterId, (result, command) => {
    if (result.event && result.counter)
      setAnswered({ seq: result.event.seq, counter: result.counter, ticket: result.ticket });
    const ticket = result.ticket;
    if (ticket) setDetails((d) => ({ ...d, [ticket.id]: detailsOf(ticket) }));
    if (result.counter) {
      // Before the next render: a second quick key press must see the counter as it is now.
      const holds = result.counter.currentTicketId !== undefined;
      canRef.current = { ...canRef.current, callNext: result.counter.status === 'open' && !holds };
    }
    setNotice(command.action === 'call-next' && result.event === null ? t.nothingHappened : null);
    refresh();
  });

  // The counter and its ticket: the newest of the live picture and the last answer.
  const live = snap?.counters.find((c) => c.id === counterId);
  const useAnswer = answered !== null && (snap === undefined || answered.seq > snap.seq);
  const status = useAnswer ? answered.counter.status : (live?.status ?? 'closed');
  const pauseReason = useAnswer ? answered.counter.pauseReason : live?.pauseReason;
  const currentId = useAnswer ? answered.counter.currentTicketId : live?.currentTicket?.id;
  const base = useAnswer
    ? answered.ticket && answered.ticket.id === currentId
      ? answered.ticket
      : null
    : (live?.currentTicket ?? null);
  const current: CurrentTicketView | null = base
    ? {
        id: base.id,
        number: base.number,
        serviceId: base.serviceId,
        status: base.status,
        priority: base.priority,
        ...details[base.id],
      }
    : null;

  // After a reload the live picture names the ticket only: fetch its details once.
  const missingDetails = currentId !== undefined && details[currentId]?.issuedAt === undefined;
  useEffect(() => {
    if (!missingDetails || currentId === undefined) return;
    let stale = false;
    loadTicket(office.id, currentId).then(
      (ticket) => {
        if (!stale) setDetails((d) => ({ ...d, [ticket.id]: { ...detailsOf(ticket), ...d[ticket.id] } }));
      },
      () => undefined, // the next action's answer brings them anyway
    );
    return () => {
      stale = true;
    };
  }, [office.id, currentId, missingDetails]);

  const ready = (snap !== undefined || answered !== null) && presence.state === 'alone';
  const ticketStatus = current?.status;
  const idle = currentId === undefined;
  const can: ActionAvailability = ready
    ? {
        open: status !== 'open',
        callNext: status === 'open' && idle,
        recall: ticketStatus === 'called',
        start: ticketStatus === 'called',
        complete: ticketStatus === 'called' || ticketStatus === 'serving',
        noShow: ticketStatus === 'called',
        transfer: !idle,
        pause: status !== 'closed' && idle,
        close: status !== 'closed' && idle,
      }
    : NOTHING;
  canRef.current = can;

  const ticketBody = () => (currentId === undefined ? {} : { ticketId: currentId });

  const onAction = (key: ActionKey) => {
    if (!canRef.current[key] || actions.busy !== null || presence.state !== 'alone') return;
    switch (key) {
      case 'callNext':
        void actions.run('call-next');
        return;
      case 'recall':
        void actions.run('recall', ticketBody());
        return;
      case 'start':
        void actions.run('start', ticketBody());
        return;
      case 'noShow':
        void actions.run('no-show', ticketBody());
        return;
      case 'open':
        void actions.run('open');
        return;
      case 'close':
        void actions.run('close');
        return;
      case 'complete':
      case 'transfer':
      case 'pause':
        setDialog(key);
        return;
    }
  };

  useShortcuts({
    ' ': () => onAction('callNext'),
    r: () => onAction('recall'),
    s: () => onAction('start'),
    c: () => onAction('complete'),
    n: () => onAction('noShow'),
    t: () => onAction('transfer'),
    p: () => onAction('pause'),
    o: () => onAction('open'),
    i: () => setDialog('issue'),
  });

  const leave = async () => {
    const result = await actions.run('sign-out');
    if (result) onLeave();
  };

  const statusText =
    status === 'open'
      ? t.statusOpen
      : status === 'paused'
        ? t.statusPaused(pauseReason ?? '')
        : t.statusClosed;

  return (
    <div class="console">
      <ConnectionBanner down={view.downSince !== undefined} />
      <PresenceWarning presence={presence} onLeave={onLeave} />
      <div class="console-head">
        <h1>{counterConfig ? t.counterHeading(counterConfig.number, counterConfig.name) : counterId}</h1>
        <span class={`pill pill-${status}`} data-testid="counter-status" data-status={status}>
          {statusText}
        </span>
        <span class="muted">{t.signedInAs(user.displayName || user.id)}</span>
        <span class="spacer" />
        <button type="button" class="btn" onClick={() => setDialog('issue')} aria-keyshortcuts="I">
          {t.issue} <kbd aria-hidden="true">I</kbd>
        </button>
        <button
          type="button"
          class="btn btn-quiet"
          onClick={() => void leave()}
          disabled={actions.busy !== null}
        >
          {t.leaveCounter}
        </button>
      </div>
      {actions.retrying && (
        <p class="notice" role="status">
          {t.retrying}
        </p>
      )}
      {actions.failure && (
        <ErrorNotice
          code={actions.failure.code}
          busy={actions.busy !== null}
          onRetry={actions.failure.retryable ? () => void actions.retry() : undefined}
          onDismiss={actions.dismiss}
        />
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <div class="console-grid">
        <div class="console-main">
          <CurrentTicket office={office} ticket={current} now={serverNow()} />
          <ActionBar can={can} busy={actions.busy} paused={status === 'paused'} onAction={onAction} />
          <ShortcutList />
        </div>
        <div class="console-side">
          <TodayPanel today={board?.counters.find((c) => c.id === counterId)?.today} />
          <WaitingList
            office={office}
            queue={queue}
            canCall={can.callNext && actions.busy === null}
            onCall={(ticketId) => {
              if (canRef.current.callNext) void actions.run('call', { ticketId });
            }}
          />
          {board && (
            <NoShowList
              office={office}
              noShows={mineOnly(board.noShows)}
              total={mineOnly(board.noShows).length}
              actions={staff}
              canCancel={user.role !== 'officer'}
            />
          )}
          <StaffActionFailure actions={staff} />
          {board && (
            <ServicesWaiting
              office={office}
              services={board.services}
              now={boardNow()}
              highlight={counterConfig?.services ?? []}
            />
          )}
        </div>
      </div>
      {dialog === 'complete' && current && (
        <CompleteDialog
          number={current.number}
          outcomes={office.services.find((s) => s.id === current.serviceId)?.outcomes ?? []}
          onClose={() => setDialog(null)}
          onConfirm={(outcome) => {
            setDialog(null);
            void actions.run('complete', { ...ticketBody(), ...(outcome !== '' && { outcome }) });
          }}
        />
      )}
      {dialog === 'transfer' && current && (
        <TransferDialog
          office={office}
          counterId={counterId}
          number={current.number}
          onClose={() => setDialog(null)}
          onConfirm={(target, position) => {
            setDialog(null);
            void actions.run('transfer', { ...target, position, ...ticketBody() });
          }}
        />
      )}
      {dialog === 'pause' && (
        <PauseDialog
          onClose={() => setDialog(null)}
          onConfirm={(reason) => {
            setDialog(null);
            void actions.run('pause', { reason });
          }}
        />
      )}
      {dialog === 'issue' && (
        <IssueDialog
          office={office}
          defaultServiceId={counterConfig?.services[0]}
          onIssued={refresh}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
