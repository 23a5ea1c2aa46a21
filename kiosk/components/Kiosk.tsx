/**
 * A paired kiosk: the office feed, the live connection, and the path to a ticket —
 * [group →] service → "Tôi thuộc diện ưu tiên?" (or "Lấy số") → ticket — with the idle question,
 * the closed screens and the resilience rules: one tap, one ticket (an in-flight guard and one
 * requestId per attempt, reused by its retries); no ticket on screen that the server did not issue.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { KIOSK_TEXT, type KioskClosedReason, type PriorityReason } from '../../shared/i18n/kiosk.js';
import type { IssuedTicket, PublicOffice } from '../../shared/protocol/http.js';
import { ApiError, isTransient, isUnauthenticated } from '../../web/api.js';
import type { PairedDevice } from '../../web/device-storage.js';
import { useDeviceOffice } from '../../web/use-device-office.js';
import { printInBrowser } from '../browser-print.js';
import { issueTicket, newAttempt, type IssueAttempt } from '../issue.js';
import { nameIn, nextBusinessDayOpening, type PublicService } from '../menu.js';
import { DEFAULT_PREFS, isDefaultPrefs, type Prefs } from '../prefs.js';
import { useConnection } from '../use-connection.js';
import { useIdle } from '../use-idle.js';
import { usePortrait } from '../use-orientation.js';
import { useSettling } from '../use-settling.js';
import { ClosedScreen } from './ClosedScreen.js';
import { ConfirmScreen } from './ConfirmScreen.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { IdleDialog } from './IdleDialog.js';
import { IssuingScreen } from './IssuingScreen.js';
import { Masthead } from './Masthead.js';
import { MessageScreen } from './MessageScreen.js';
import { PriorityScreen } from './PriorityScreen.js';
import { ServiceScreen } from './ServiceScreen.js';
import { TicketScreen } from './TicketScreen.js';
import { Toolbar } from './Toolbar.js';

type Step =
  | { kind: 'home'; groupId?: string | undefined; page: number }
  | { kind: 'ask'; service: PublicService }
  | { kind: 'issuing'; attempt: IssueAttempt; retrying: boolean }
  | { kind: 'failed'; attempt: IssueAttempt }
  | { kind: 'ticket'; ticket: IssuedTicket }
  | { kind: 'capped'; service: PublicService }
  | { kind: 'error'; busy: boolean };

const HOME: Step = { kind: 'home', page: 0 };

const CLOSING_CODES = ['OFFICE_CLOSED', 'PAST_CUTOFF', 'HOLIDAY'] as const;
type ClosingCode = (typeof CLOSING_CODES)[number];
const isClosing = (code: string): code is ClosingCode => (CLOSING_CODES as readonly string[]).includes(code);

/** The office as an issue refused for `reason` tells it, until the next refresh brings the server's. */
function closedOffice(
  office: PublicOffice,
  reason: ClosingCode,
  nextOpening: number | undefined,
): PublicOffice {
  const closed: PublicOffice = { ...office, issuingNow: false, closedReason: reason };
  if (nextOpening !== undefined) closed.nextOpening = nextOpening;
  return closed;
}

export interface KioskProps {
  device: PairedDevice;
  prefs: Prefs;
  onPrefs: (prefs: Prefs) => void;
  onRevoked: () => void;
}

function stepKey(step: Step): string {
  switch (step.kind) {
    case 'home':
      return `home:${step.groupId ?? ''}:${step.page}`;
    case 'ask':
    case 'capped':
      return `${step.kind}:${step.service.id}`;
    case 'issuing':
      return `issuing:${step.attempt.requestId}`;
    case 'ticket':
      return `ticket:${step.ticket.id}`;
    default:
      return step.kind;
  }
}

export function Kiosk({ device, prefs, onPrefs, onRevoked }: KioskProps) {
  const { lang } = prefs;
  const t = KIOSK_TEXT[lang];
  const portrait = usePortrait();
  // Fresh every minute, and just after the office opens: a closed screen turns into services on time.
  const feed = useDeviceOffice(device, { refreshAtOpening: true, onRevoked });
  const { office, refresh } = feed;
  const { lost } = useConnection(device.token, refresh);
  const [step, setStep] = useState<Step>(HOME);
  const [capped, setCapped] = useState<{ date: string; ids: ReadonlySet<string> }>({
    date: '',
    ids: new Set(),
  });
  const inFlight = useRef(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const reset = useCallback(() => {
    setStep(HOME);
    onPrefs(DEFAULT_PREFS);
  }, [onPrefs]);

  const closed: { reason: KioskClosedReason; nextOpening: number | undefined } | undefined =
    office && !office.issuingNow
      ? { reason: office.closedReason ?? 'OFFICE_CLOSED', nextOpening: office.nextOpening }
      : undefined;

  // The office closed under a citizen's choice: back to the start (the closed screen shows).
  const isClosed = closed !== undefined;
  useEffect(() => {
    const away =
      step.kind === 'ask' || (step.kind === 'home' && (step.page !== 0 || step.groupId !== undefined));
    if (isClosed && away) setStep(HOME);
  }, [isClosed, step]);

  const cappedToday = office && capped.date === office.businessDate ? capped.ids : new Set<string>();

  const take = async (attempt: IssueAttempt) => {
    // One tap, one ticket: a second tap while an attempt is out does nothing.
    if (inFlight.current || !office) return;
    inFlight.current = true;
    const service = office.services.find((s) => s.id === attempt.serviceId);
    setStep({ kind: 'issuing', attempt, retrying: false });
    try {
      const ticket = await issueTicket(attempt, {
        officeId: device.officeId,
        token: device.token,
        onRetry: () => {
          if (mounted.current) setStep({ kind: 'issuing', attempt, retrying: true });
        },
        cancelled: () => !mounted.current,
      });
      if (!mounted.current) return;
      setStep({ kind: 'ticket', ticket });
      if (feed.printerMode === 'browser') printInBrowser(ticket.id);
    } catch (err) {
      if (!mounted.current) return;
      if (isTransient(err)) {
        setStep({ kind: 'failed', attempt });
      } else if (isUnauthenticated(err)) {
        onRevoked();
      } else if (err instanceof ApiError && isClosing(err.code)) {
        const { code, details } = err;
        feed.amend((o) => closedOffice(o, code, details.nextOpening));
        setStep(HOME);
        refresh();
      } else if (
        err instanceof ApiError &&
        (err.code === 'CAP_REACHED' || err.code === 'NUMBERS_EXHAUSTED')
      ) {
        setCapped((c) => {
          const ids = new Set(c.date === office.businessDate ? c.ids : []);
          ids.add(attempt.serviceId);
          return { date: office.businessDate, ids };
        });
        setStep(service ? { kind: 'capped', service } : { kind: 'error', busy: false });
      } else {
        setStep({ kind: 'error', busy: err instanceof ApiError && err.code === 'RATE_LIMITED' });
        refresh();
      }
    } finally {
      inFlight.current = false;
    }
  };

  const atRest =
    step.kind === 'home' && step.page === 0 && step.groupId === undefined && isDefaultPrefs(prefs);
  const idle = useIdle(!atRest && step.kind !== 'ticket' && step.kind !== 'issuing', reset);
  const settling = useSettling(stepKey(step));

  let screen;
  if (!office) {
    screen = feed.unreachable ? (
      <MessageScreen name="unreachable" title={t.unreachableTitle} text={t.unreachableHint} alert />
    ) : (
      <MessageScreen name="loading" title={t.loading} />
    );
  } else if (step.kind === 'ticket') {
    screen = <TicketScreen ticket={step.ticket} lang={lang} t={t} settling={settling} onDone={reset} />;
  } else if (step.kind === 'issuing') {
    screen = <IssuingScreen t={t} retrying={step.retrying} />;
  } else if (step.kind === 'failed') {
    const attempt = step.attempt;
    screen = (
      <MessageScreen
        name="issue-failed"
        title={t.issueFailedTitle}
        text={t.issueFailedHint}
        alert
        settling={settling}
      >
        {/* The same attempt, the same requestId: if the server did issue, this returns that ticket. */}
        <button type="button" class="btn btn-primary btn-retry" onClick={() => void take(attempt)}>
          {t.retry}
        </button>
        <button type="button" class="btn btn-back" onClick={reset}>
          {t.startOver}
        </button>
      </MessageScreen>
    );
  } else if (closed) {
    screen = (
      <ClosedScreen
        reason={closed.reason}
        nextOpening={closed.nextOpening}
        timeZone={office.timeZone}
        lang={lang}
        t={t}
      />
    );
  } else if (step.kind === 'capped') {
    screen = (
      <ClosedScreen
        reason="CAP_REACHED"
        nextOpening={nextBusinessDayOpening(office)}
        timeZone={office.timeZone}
        lang={lang}
        t={t}
        serviceName={nameIn(step.service.name, lang)}
        settling={settling}
      >
        <button type="button" class="btn btn-primary btn-back" onClick={() => setStep(HOME)}>
          {t.otherService}
        </button>
      </ClosedScreen>
    );
  } else if (step.kind === 'error') {
    screen = (
      <MessageScreen
        name="error"
        title={t.errorTitle}
        text={step.busy ? t.errorBusy : t.errorGeneric}
        alert
        settling={settling}
      >
        <button type="button" class="btn btn-primary btn-back" onClick={() => setStep(HOME)}>
          {t.back}
        </button>
      </MessageScreen>
    );
  } else if (step.kind === 'ask') {
    const service = step.service;
    const back = () => setStep({ kind: 'home', groupId: service.groupId, page: 0 });
    const name = nameIn(service.name, lang);
    screen = office.priorityAtKiosk ? (
      <PriorityScreen
        t={t}
        serviceName={name}
        serviceIcon={service.icon}
        settling={settling}
        onAnswer={(reason: PriorityReason | undefined) => void take(newAttempt(service.id, reason))}
        onBack={back}
      />
    ) : (
      <ConfirmScreen
        t={t}
        serviceName={name}
        serviceIcon={service.icon}
        settling={settling}
        onTake={() => void take(newAttempt(service.id))}
        onBack={back}
      />
    );
  } else {
    const groupId = step.groupId;
    const groupExists = groupId !== undefined && office.serviceGroups?.some((g) => g.id === groupId);
    screen = (
      <ServiceScreen
        office={office}
        groupId={groupExists ? groupId : undefined}
        page={step.page}
        lang={lang}
        t={t}
        large={prefs.large}
        portrait={portrait}
        settling={settling}
        capped={cappedToday}
        onService={(service) => setStep({ kind: 'ask', service })}
        onGroup={(id) => setStep({ kind: 'home', groupId: id, page: 0 })}
        onPage={(page) => setStep({ kind: 'home', groupId, page })}
        onBack={() => setStep(HOME)}
      />
    );
  }

  return (
    <div class="shell">
      <Masthead officeName={office?.name} t={t} />
      {(lost || (feed.unreachable && office !== undefined)) && <ConnectionBanner t={t} />}
      {screen}
      <Toolbar prefs={prefs} t={t} onChange={onPrefs} />
      {idle.prompting && (
        <IdleDialog t={t} secondsLeft={idle.secondsLeft} onMoreTime={idle.stillHere} onStartOver={reset} />
      )}
    </div>
  );
}
