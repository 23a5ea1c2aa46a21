/**
 * The supervisor board: the whole room live — alerts, every counter, waiting per service, today's
 * no-shows — and the supervisor's actions on it: open / pause / close any counter, transfer the
 * ticket a counter holds or any waiting ticket, cancel a ticket, requeue a no-show, move an
 * officer. The picture is the office board (GET …/board) read again on every live event; the
 * alerts are re-evaluated every few seconds with the same function the server uses.
 */
import { useEffect, useState } from 'preact/hooks';
import { boardAlerts } from '../../../shared/domain/board-alerts.js';
import type { BoardCounter } from '../../../shared/protocol/board.js';
import type { PublicOffice, QueuedTicket } from '../../../shared/protocol/http.js';
import { useLiveOffice } from '../../../web/use-live-office.js';
import { moveOfficer, ticketCommand } from '../../board-api.js';
import { sendCounterCommand } from '../../commands.js';
import { useBoardText } from '../../text.js';
import { useCounterQueue } from '../../use-counter-queue.js';
import { useOfficeBoard } from '../../use-office-board.js';
import { useStaffActions } from '../../use-staff-action.js';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { ConnectionBanner } from '../ConnectionBanner.js';
import { NoShowList } from '../NoShowList.js';
import { PauseDialog } from '../PauseDialog.js';
import { ServicesWaiting } from '../ServicesWaiting.js';
import { TransferDialog } from '../TransferDialog.js';
import { AccuracyPanel } from './AccuracyPanel.js';
import { AlertList } from './AlertList.js';
import { BoardCounters, type CounterCommandKey } from './BoardCounters.js';
import { CounterQueuePanel } from './CounterQueuePanel.js';
import { MoveOfficerDialog } from './MoveOfficerDialog.js';
import { StaffActionFailure } from '../StaffActionFailure.js';

type Dialog =
  | { kind: 'pause' | 'move' | 'queue' | 'transfer-held'; counter: BoardCounter }
  | { kind: 'transfer-waiting' | 'cancel-waiting'; counter: BoardCounter; ticket: QueuedTicket }
  | null;

/** How often times and alerts move on between refreshes. */
const TICK_MS = 5_000;

/** The waiting list of the counter whose queue panel is open. */
function QueueOf({
  office,
  counter,
  seq,
  busy,
  onTransfer,
  onCancel,
  onClose,
}: {
  office: PublicOffice;
  counter: BoardCounter;
  seq: number | undefined;
  busy: boolean;
  onTransfer: (t: QueuedTicket) => void;
  onCancel: (t: QueuedTicket) => void;
  onClose: () => void;
}) {
  const { queue } = useCounterQueue(office.id, counter.id, seq);
  return (
    <CounterQueuePanel
      office={office}
      counterNumber={counter.number}
      queue={queue}
      busy={busy}
      onTransfer={onTransfer}
      onCancel={onCancel}
      onClose={onClose}
    />
  );
}

export function Board({ office }: { office: PublicOffice }) {
  const b = useBoardText();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const { view } = useLiveOffice({ token: '', officeId: office.id });
  const seq = view.snapshot?.seq;
  const { board, now: boardNow, refresh } = useOfficeBoard(office.id, seq);
  const actions = useStaffActions(refresh);
  const now = boardNow();

  const counterCommand = (
    counter: BoardCounter,
    action: 'open' | 'pause' | 'close' | 'transfer',
    body = {},
  ) =>
    void actions.run(`${action}:${counter.id}`, (requestId) =>
      sendCounterCommand(office.id, counter.id, { action, body, requestId }),
    );

  const onCommand = (counter: BoardCounter, key: CounterCommandKey) => {
    if (key === 'open' || key === 'close') counterCommand(counter, key);
    else if (key === 'transfer') setDialog({ kind: 'transfer-held', counter });
    else setDialog({ kind: key, counter });
  };

  const alerts = board
    ? boardAlerts({
        now,
        thresholds: board.thresholds,
        serviceMinutes: Object.fromEntries(office.services.map((s) => [s.id, s.serviceMinutes])),
        services: board.services,
        counters: board.counters,
      })
    : [];

  return (
    <div class="board">
      <ConnectionBanner down={view.downSince !== undefined} />
      <div class="console-head">
        <h1>
          {b.boardTitle} — {office.name}
        </h1>
      </div>
      <StaffActionFailure actions={actions} />
      {!board ? (
        <p class="card narrow">…</p>
      ) : (
        <>
          <AlertList office={office} alerts={alerts} now={now} />
          <BoardCounters
            office={office}
            counters={board.counters}
            now={now}
            busy={actions.busy !== null}
            onCommand={onCommand}
          />
          <div class="board-grid">
            <ServicesWaiting office={office} services={board.services} now={now} />
            <NoShowList
              office={office}
              noShows={board.noShows}
              total={board.noShowTotal}
              actions={actions}
              canCancel
            />
          </div>
          <AccuracyPanel office={office} />
        </>
      )}
      {dialog?.kind === 'pause' && (
        <PauseDialog
          onClose={() => setDialog(null)}
          onConfirm={(reason) => {
            setDialog(null);
            counterCommand(dialog.counter, 'pause', { reason });
          }}
        />
      )}
      {dialog?.kind === 'transfer-held' && dialog.counter.ticket && (
        <TransferDialog
          office={office}
          counterId={dialog.counter.id}
          number={dialog.counter.ticket.number}
          onClose={() => setDialog(null)}
          onConfirm={(target, position) => {
            const ticketId = dialog.counter.ticket?.id;
            setDialog(null);
            counterCommand(dialog.counter, 'transfer', { ...target, position, ticketId });
          }}
        />
      )}
      {dialog?.kind === 'move' && dialog.counter.officer && board && (
        <MoveOfficerDialog
          officerName={dialog.counter.officer.name}
          counters={board.counters.filter((c) => c.officer === null)}
          onClose={() => setDialog(null)}
          onConfirm={(to) => {
            const officerId = dialog.counter.officer?.id ?? '';
            setDialog(null);
            void actions.run(`move:${officerId}`, (rid) => moveOfficer(office.id, officerId, to, rid));
          }}
        />
      )}
      {dialog?.kind === 'queue' && (
        <QueueOf
          office={office}
          counter={dialog.counter}
          seq={seq}
          busy={actions.busy !== null}
          onTransfer={(ticket) => setDialog({ kind: 'transfer-waiting', counter: dialog.counter, ticket })}
          onCancel={(ticket) => setDialog({ kind: 'cancel-waiting', counter: dialog.counter, ticket })}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'transfer-waiting' && (
        <TransferDialog
          office={office}
          counterId={dialog.counter.id}
          number={dialog.ticket.number}
          onClose={() => setDialog({ kind: 'queue', counter: dialog.counter })}
          onConfirm={(target, position) => {
            const { ticket, counter } = dialog;
            setDialog({ kind: 'queue', counter });
            void actions.run(`transfer:${ticket.id}`, (rid) =>
              ticketCommand(office.id, ticket.id, 'transfer', { ...target, position }, rid),
            );
          }}
        />
      )}
      {dialog?.kind === 'cancel-waiting' && (
        <ConfirmDialog
          id="cancel-waiting"
          title={b.cancelTicketOf(dialog.ticket.number)}
          text={b.cancelConfirm(dialog.ticket.number)}
          confirm={b.cancelTicket}
          onClose={() => setDialog({ kind: 'queue', counter: dialog.counter })}
          onConfirm={() => {
            const { ticket, counter } = dialog;
            setDialog({ kind: 'queue', counter });
            void actions.run(`cancel:${ticket.id}`, (rid) =>
              ticketCommand(office.id, ticket.id, 'cancel', {}, rid),
            );
          }}
        />
      )}
    </div>
  );
}
